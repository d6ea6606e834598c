#pragma once
// Small drawing helpers shared by the panels.
#include "theme.hpp"

#include <imgui.h>

namespace threadlab {

// A "(?)" that shows `text` when hovered.
void HelpMarker(const char* text);

// A state's bar: its colour, and its pattern where there is room for one.
void DrawStateRect(ImDrawList* draw, ImVec2 min, ImVec2 max, State state, bool folded = false);

// One legend entry: a swatch drawn exactly like the timeline draws the state.
void LegendSwatch(State state, float width);

// Wrapped text in the given font (nullptr: current).
void Paragraph(const char* text, ImFont* font = nullptr);

// After an item: continues the line if `next_width` more fits before the
// window's edge, else starts a new one (rows of choices and legends wrap).
void SameLineIfFits(float next_width, float spacing = -1);

// Why an input was refused: wrapped, in the error colour.
void ErrorText(const char* text);

} // namespace threadlab
