#include "ui.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

namespace threadlab {

void HelpMarker(const char* text)
{
    ImGui::TextDisabled("(?)");
    if (ImGui::IsItemHovered())
        Tooltip(text);
}

void Tooltip(const std::string& text)
{
    ImGui::BeginTooltip();
    Paragraph(text.c_str(), nullptr, ImGui::GetFontSize() * kTooltipEms);
    ImGui::EndTooltip();
}

void DrawStateRect(ImDrawList* draw, ImVec2 min, ImVec2 max, State state, bool folded)
{
    const StateStyle& style = StyleFor(state);
    const float w = max.x - min.x;
    const float h = max.y - min.y;
    if (style.pattern == Pattern::Outline) {
        draw->AddRect(min, max, kColorOutline);
        return;
    }
    draw->AddRectFilled(min, max, style.fill);
    if (folded || w < 6 || h < 4)
        return;
    draw->PushClipRect(min, max, true);
    constexpr float kGap = 7;
    switch (style.pattern) {
    case Pattern::Dots:
        for (float y = min.y + 3; y < max.y - 1; y += kGap)
            for (float x = min.x + 3 + (int((y - min.y) / kGap) % 2) * kGap / 2; x < max.x - 1; x += kGap)
                draw->AddRectFilled(ImVec2(x, y), ImVec2(x + 2, y + 2), style.ink);
        break;
    case Pattern::Diagonal:
        for (float x = min.x - h; x < max.x; x += kGap)
            draw->AddLine(ImVec2(x, max.y), ImVec2(x + h, min.y), style.ink, 1.5f);
        break;
    case Pattern::Cross:
        for (float x = min.x - h; x < max.x; x += kGap) {
            draw->AddLine(ImVec2(x, max.y), ImVec2(x + h, min.y), style.ink, 1.2f);
            draw->AddLine(ImVec2(x, min.y), ImVec2(x + h, max.y), style.ink, 1.2f);
        }
        break;
    case Pattern::Stripes:
        for (float y = min.y + 3; y < max.y; y += 5)
            draw->AddLine(ImVec2(min.x, y), ImVec2(max.x, y), style.ink, 1.0f);
        break;
    case Pattern::Thin:
        draw->AddLine(ImVec2(min.x, (min.y + max.y) / 2), ImVec2(max.x, (min.y + max.y) / 2), style.ink, 1.0f);
        break;
    case Pattern::Ticks: // a clock's ticks along both edges, the middle clear for the call's name
        for (float x = min.x + 3; x < max.x - 1; x += kGap) {
            draw->AddLine(ImVec2(x, min.y), ImVec2(x, min.y + h * 0.22f), style.ink, 1.5f);
            draw->AddLine(ImVec2(x, max.y - h * 0.22f), ImVec2(x, max.y), style.ink, 1.5f);
        }
        break;
    case Pattern::Solid:
    case Pattern::Outline:
        break;
    }
    draw->PopClipRect();
}

void LegendSwatch(State state, float width)
{
    const float h = ImGui::GetTextLineHeight();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float bar = h * StyleFor(state).height;
    const float top = p.y + (h - bar) / 2;
    DrawStateRect(ImGui::GetWindowDrawList(), ImVec2(p.x, top), ImVec2(p.x + width, top + bar), state);
    ImGui::Dummy(ImVec2(width, h));
    ImGui::SameLine(0, h * 0.3f);
    ImGui::TextUnformatted(StyleFor(state).name);
}

void Paragraph(const char* text, ImFont* font, float wrap_width)
{
    if (font)
        ImGui::PushFont(font);
    // ImGui's own wrapping breaks after '.' and ',' too, splitting "3.9" and
    // "200,000" across lines: break at spaces only.
    const float width =
        std::max(wrap_width > 0 ? wrap_width : ImGui::GetContentRegionAvail().x, ImGui::GetFontSize());
    const auto fits = [&](std::string_view s) { return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x <= width; };
    std::vector<std::string_view> lines;
    const std::string_view all(text);
    for (size_t begin = 0; begin <= all.size();) {
        const size_t end = std::min(all.find('\n', begin), all.size());
        std::string_view rest = all.substr(begin, end - begin);
        do {
            size_t cut = rest.size();
            if (!fits(rest)) {
                // The longest run of whole words that fits; a word wider than the column alone.
                cut = rest.find(' ');
                for (size_t space = cut; space != std::string_view::npos && fits(rest.substr(0, space));
                     space = rest.find(' ', space + 1))
                    cut = space;
                cut = std::min(cut, rest.size());
            }
            lines.push_back(rest.substr(0, cut));
            rest.remove_prefix(cut);
            while (!rest.empty() && rest.front() == ' ')
                rest.remove_prefix(1);
        } while (!rest.empty());
        begin = end + 1;
    }
    // Lines of one paragraph sit as close as wrapped text does.
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0));
    for (size_t k = 0; k < lines.size(); ++k) {
        if (k + 1 == lines.size())
            ImGui::PopStyleVar();
        ImGui::TextUnformatted(lines[k].data(), lines[k].data() + lines[k].size());
    }
    if (lines.empty())
        ImGui::PopStyleVar();
    if (font)
        ImGui::PopFont();
}

// Words with their style; a mark (` or **) toggles the style of what follows
// and splits a word in two ("`lock_a`," is a code word and a plain comma).
std::vector<ProseWord> ProseWords(std::string_view text, const ProseFonts& fonts, bool bold_marks)
{
    std::vector<ProseWord> words;
    bool code = false, bold = false, space = false, line_break = false;
    size_t start = 0;
    const auto flush = [&](size_t end) {
        if (end > start) {
            ProseWord w{text.substr(start, end - start), code ? fonts.mono : bold ? fonts.bold : nullptr, code,
                        space, line_break};
            words.push_back(w);
            space = line_break = false;
        }
    };
    for (size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c == '`') {
            flush(i);
            code = !code;
            start = ++i;
        } else if (!code && bold_marks && text.compare(i, 2, "**") == 0) {
            flush(i);
            bold = !bold;
            start = i += 2;
        } else if ((c == ' ' && !code) || c == '\n') { // a code span wraps as one word
            flush(i);
            if (c == '\n')
                line_break = true;
            else
                space = true;
            start = ++i;
        } else {
            ++i;
        }
    }
    flush(text.size());
    return words;
}

void ProseParagraph(std::string_view text, const ProseFonts& fonts, bool bold_marks)
{
    const float width = std::max(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize());
    const float space = ImGui::CalcTextSize(" ").x;
    const float pad = ImGui::GetFontSize() * 0.12f; // the code ground's margin
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
    ImGui::BeginGroup();
    float x = 0;
    for (const ProseWord& w : ProseWords(text, fonts, bold_marks)) {
        if (w.font != nullptr)
            ImGui::PushFont(w.font);
        const float word = ImGui::CalcTextSize(w.text.data(), w.text.data() + w.text.size()).x + (w.code ? 2 * pad : 0);
        const float gap = w.space_before ? space : 0;
        if (x > 0 && !w.line_break_before && x + gap + word <= width) {
            ImGui::SameLine(0, gap);
            x += gap + word;
        } else {
            x = word; // a new line (a word wider than the column stands alone)
        }
        const ImVec2 at = ImGui::GetCursorScreenPos();
        if (w.code) {
            const float h = ImGui::GetTextLineHeight();
            draw->AddRectFilled(at, ImVec2(at.x + word, at.y + h), kColorCodeSpan, pad * 2);
            ImGui::SetCursorScreenPos(ImVec2(at.x + pad, at.y));
        }
        ImGui::TextUnformatted(w.text.data(), w.text.data() + w.text.size());
        if (w.code) {
            ImGui::SameLine(0, 0);
            ImGui::Dummy(ImVec2(pad, ImGui::GetTextLineHeight()));
        }
        if (w.font != nullptr)
            ImGui::PopFont();
    }
    ImGui::PopStyleVar(); // before the group ends, so the next item keeps its usual distance
    ImGui::EndGroup();
}

void SameLineIfFits(float next_width, float spacing)
{
    const float gap = spacing >= 0 ? spacing : ImGui::GetStyle().ItemSpacing.x;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + gap + next_width <= right)
        ImGui::SameLine(0, gap);
}

void ErrorText(const char* text)
{
    ImGui::PushStyleColor(ImGuiCol_Text, kColorError);
    Paragraph(text);
    ImGui::PopStyleColor();
}

} // namespace threadlab
