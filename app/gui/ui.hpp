#pragma once
// Small drawing helpers shared by the panels.
#include "theme.hpp"

#include <imgui.h>

#include <string>

namespace threadlab {

// A "(?)" that shows `text` when hovered.
void HelpMarker(const char* text);

// The hovered item's tooltip, wrapped at spaces to at most kTooltipEms font
// sizes wide, so even presenter mode's large text stays on the screen.
inline constexpr float kTooltipEms = 32;
void Tooltip(const std::string& text);

// A state's bar: its colour, and its pattern where there is room for one.
void DrawStateRect(ImDrawList* draw, ImVec2 min, ImVec2 max, State state, bool folded = false);

// One legend entry: a swatch drawn exactly like the timeline draws the state.
void LegendSwatch(State state, float width);

// Text wrapped at spaces to `wrap_width` (0: the space left), in the given font (nullptr: current).
void Paragraph(const char* text, ImFont* font = nullptr, float wrap_width = 0);

// After an item: continues the line if `next_width` more fits before the
// window's edge, else starts a new one (rows of choices and legends wrap).
void SameLineIfFits(float next_width, float spacing = -1);

// Why an input was refused: wrapped, in the error colour.
void ErrorText(const char* text);

} // namespace threadlab
