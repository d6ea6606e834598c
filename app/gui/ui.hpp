#pragma once
// Small drawing helpers shared by the panels.
#include "theme.hpp"

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

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

// A page's prose: wrapped as Paragraph, with `code` in the monospace font on
// a light ground and, where `bold_marks`, **words** in bold (off where the
// text may hold Python's ** operator).
struct ProseFonts {
    ImFont* bold = nullptr;
    ImFont* mono = nullptr;
};
void ProseParagraph(std::string_view text, const ProseFonts& fonts, bool bold_marks = true);

// The words ProseParagraph lays out, marks gone: a mark (` or **) toggles
// the style of what follows and splits a word ("`lock_a`," is a code word
// and a plain comma); a code span is one word, spaces and all.
struct ProseWord {
    std::string_view text;
    ImFont* font = nullptr; // null: the current one
    bool code = false;
    bool space_before = false;
    bool line_break_before = false;
};
std::vector<ProseWord> ProseWords(std::string_view text, const ProseFonts& fonts, bool bold_marks);

// After an item: continues the line if `next_width` more fits before the
// window's edge, else starts a new one (rows of choices and legends wrap).
void SameLineIfFits(float next_width, float spacing = -1);

// Why an input was refused: wrapped, in the error colour.
void ErrorText(const char* text);

} // namespace threadlab
