#include "code_editor.hpp"

#include "compiler.hpp"
#include "source_error.hpp"
#include "theme.hpp"
#include "ui.hpp"

#include <imgui_stdlib.h>

#include <algorithm>
#include <string_view>

namespace threadlab {

namespace {

constexpr int kTabSpaces = 4;

// What the input's callback reports back each frame.
struct EditorCallback {
    int cursor = -1; // byte offset, while the input is active
};

// Tab inserts spaces (Python's indentation), and the cursor is noted so the
// pane can follow it.
int OnEdit(ImGuiInputTextCallbackData* data)
{
    auto* seen = static_cast<EditorCallback*>(data->UserData);
    for (int i = 0; i < data->BufTextLen; ++i)
        if (data->Buf[i] == '\t') {
            data->DeleteChars(i, 1);
            data->InsertChars(i, std::string(kTabSpaces, ' ').c_str());
        }
    seen->cursor = data->CursorPos;
    return 0;
}

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

} // namespace

std::optional<EditorMarker> CheckProgram(const std::string& file, const std::string& text)
{
    try {
        py::CompileMainModule(file, text);
    } catch (const py::SourceError& e) {
        return EditorMarker{e.line, e.col, e.message};
    }
    return std::nullopt;
}

size_t OffsetOf(const std::string& text, int line, int col)
{
    size_t at = 0;
    for (int l = 1; l < line && at < text.size(); ++l) {
        const size_t newline = text.find('\n', at);
        if (newline == std::string::npos)
            return text.size();
        at = newline + 1;
    }
    for (int c = 1; c < col && at < text.size() && text[at] != '\n'; ++c) {
        ++at;
        while (at < text.size() && IsContinuation(text[at]))
            ++at;
    }
    return at;
}

int LineOfOffset(const std::string& text, size_t offset)
{
    offset = std::min(offset, text.size());
    return 1 + int(std::count(text.begin(), text.begin() + long(offset), '\n'));
}

bool DrawCodeEditor(const char* id, std::string& text, const CodeEditorView& view)
{
    ImGui::PushID(id);
    if (view.font != nullptr)
        ImGui::PushFont(view.font);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float line_height = ImGui::GetTextLineHeight();
    const int lines = 1 + int(std::count(text.begin(), text.end(), '\n'));
    const float gutter = ImGui::CalcTextSize("000").x + style.ItemSpacing.x * 2;
    float widest = 0;
    for (size_t begin = 0; begin <= text.size();) {
        const size_t end = std::min(text.find('\n', begin), text.size());
        widest = std::max(widest, ImGui::CalcTextSize(text.data() + begin, text.data() + end).x);
        begin = end + 1;
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float text_x = origin.x + gutter + style.FramePadding.x;
    const float text_y = origin.y + style.FramePadding.y;
    const float width = std::max(ImGui::GetContentRegionAvail().x - gutter, widest + ImGui::GetFontSize() * 8);
    const float right = origin.x + gutter + width;
    const auto line_top = [&](int line) { return text_y + float(line - 1) * line_height; };

    // Behind the text: the lines threads are on, and the refused line.
    if (view.threads != nullptr)
        for (const auto& [line, threads] : *view.threads)
            if (line >= 1 && line <= lines)
                draw->AddRectFilled(ImVec2(origin.x, line_top(line)), ImVec2(right, line_top(line) + line_height),
                                    kColorCurrentLine);
    const EditorMarker* marker = view.marker != nullptr && *view.marker ? &**view.marker : nullptr;
    if (marker != nullptr && marker->line >= 1 && marker->line <= lines)
        draw->AddRectFilled(ImVec2(origin.x, line_top(marker->line)),
                            ImVec2(right, line_top(marker->line) + line_height), kColorRefusedField);
    for (int line = 1; line <= lines; ++line) {
        const std::string number = std::to_string(line);
        const float w = ImGui::CalcTextSize(number.c_str()).x;
        draw->AddText(ImVec2(origin.x + gutter - style.ItemSpacing.x - w, line_top(line)),
                      ImGui::GetColorU32(ImGuiCol_TextDisabled), number.c_str());
    }

    ImGui::SetCursorScreenPos(ImVec2(origin.x + gutter, origin.y));
    ImGui::PushStyleColor(ImGuiCol_FrameBg, IM_COL32(0, 0, 0, 0));
    EditorCallback seen;
    ImGuiInputTextFlags flags = ImGuiInputTextFlags_AllowTabInput | ImGuiInputTextFlags_CallbackAlways;
    if (view.read_only)
        flags |= ImGuiInputTextFlags_ReadOnly;
    const bool changed = ImGui::InputTextMultiline(
        "##code", &text, ImVec2(width, float(lines + 1) * line_height + style.FramePadding.y * 2), flags, OnEdit,
        &seen);
    const bool active = ImGui::IsItemActive();
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered() && view.read_only)
        Tooltip("Stop the run to edit the program.");

    // The cursor stays in view as it moves: the pane scrolls, not the input.
    if (active && seen.cursor >= 0) {
        const float y = line_top(LineOfOffset(text, size_t(seen.cursor))) - ImGui::GetWindowPos().y;
        const float top = ImGui::GetScrollY(), bottom = top + ImGui::GetWindowHeight() - line_height * 2;
        if (y < top)
            ImGui::SetScrollY(y);
        else if (y > bottom)
            ImGui::SetScrollY(y - ImGui::GetWindowHeight() + line_height * 3);
    }

    // In front of the text: the marker's column and message, the threads' chips.
    const auto end_of_line = [&](int line) {
        const size_t begin = OffsetOf(text, line, 1);
        const size_t end = std::min(text.find('\n', begin), text.size());
        return text_x + ImGui::CalcTextSize(text.data() + begin, text.data() + end).x;
    };
    if (marker != nullptr && marker->line >= 1 && marker->line <= lines) {
        const size_t begin = OffsetOf(text, marker->line, 1);
        const size_t at = OffsetOf(text, marker->line, marker->col);
        const float x = text_x + ImGui::CalcTextSize(text.data() + begin, text.data() + at).x;
        const float y = line_top(marker->line) + line_height;
        draw->AddTriangleFilled(ImVec2(x, y - 3), ImVec2(x - 4, y + 3), ImVec2(x + 4, y + 3), kColorError);
        draw->AddText(ImVec2(end_of_line(marker->line) + ImGui::GetFontSize(), line_top(marker->line)), kColorError,
                      marker->message.c_str());
    }
    if (view.threads != nullptr)
        for (const auto& [line, threads] : *view.threads) {
            if (line < 1 || line > lines)
                continue;
            float x = end_of_line(line) + ImGui::GetFontSize();
            for (size_t k = 0; k < threads.size() && k < 3; ++k) {
                const StateStyle& s = StyleFor(threads[k].second);
                const ImVec2 size = ImGui::CalcTextSize(threads[k].first.c_str());
                const ImVec2 p(x, line_top(line));
                draw->AddRectFilled(ImVec2(p.x - 3, p.y), ImVec2(p.x + size.x + 3, p.y + size.y), s.fill, 4);
                draw->AddText(p, kColorTimelineText, threads[k].first.c_str());
                x += size.x + ImGui::GetFontSize();
            }
            if (threads.size() > 3)
                draw->AddText(ImVec2(x, line_top(line)), ImGui::GetColorU32(ImGuiCol_TextDisabled),
                              ("+" + std::to_string(threads.size() - 3)).c_str());
        }
    if (view.font != nullptr)
        ImGui::PopFont();
    ImGui::PopID();
    return changed;
}

} // namespace threadlab
