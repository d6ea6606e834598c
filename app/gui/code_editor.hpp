#pragma once
// The lesson's program as an editor: ImGui's own multi-line text input
// with a line-number gutter, the lines the threads are on highlighted, and
// the compiler's complaint marked at its line and column. No editor widget
// is packaged for ImGui 1.86, so this is a small one over InputTextMultiline.
//
// Design notes
// - The input is as tall as its text, so it never scrolls itself: the pane
//   around it scrolls, and every line sits at a y the gutter, the
//   highlights and the marker can compute.
// - Its frame is transparent; what is drawn behind the text goes into the
//   window's draw list first.
#include "trace_types.hpp"

#include <imgui.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace threadlab {

// Where the compiler refuses the program, and why.
struct EditorMarker {
    int line = 0; // 1-based
    int col = 0;  // 1-based, in code points
    std::string message;
    bool operator==(const EditorMarker&) const = default;
};

// The first SyntaxError or construct outside the subset, if any.
std::optional<EditorMarker> CheckProgram(const std::string& file, const std::string& text);

// The byte offset of (line, col) in `text`; col counts code points.
size_t OffsetOf(const std::string& text, int line, int col);
// The 1-based line of byte `offset`.
int LineOfOffset(const std::string& text, size_t offset);

struct CodeEditorView {
    ImFont* font = nullptr;
    bool read_only = false;
    const std::optional<EditorMarker>* marker = nullptr;
    // Line → the threads on it, each with its state (drawn as chips).
    const std::map<int, std::vector<std::pair<std::string, State>>>* threads = nullptr;
};

// Draws the editor over `text`; true when the student changed it.
bool DrawCodeEditor(const char* id, std::string& text, const CodeEditorView& view);

} // namespace threadlab
