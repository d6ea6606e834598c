#include "ui.hpp"

#include <algorithm>

namespace threadlab {

void HelpMarker(const char* text)
{
    ImGui::TextDisabled("(?)");
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
        ImGui::TextUnformatted(text);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
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

void Paragraph(const char* text, ImFont* font)
{
    if (font)
        ImGui::PushFont(font);
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    if (font)
        ImGui::PopFont();
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
