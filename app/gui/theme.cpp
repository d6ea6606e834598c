#include "theme.hpp"

namespace threadlab {

namespace {
// Okabe & Ito (2008): bluish green, sky blue, orange, vermillion, reddish
// purple, blue, grey; black ink for the patterns.
constexpr ImU32 kInk = IM_COL32(0, 0, 0, 150);
constexpr ImU32 kLightInk = IM_COL32(255, 255, 255, 190);

const StateStyle kStyles[kStateCount] = {
    /* Running     */ {IM_COL32(0x00, 0x9E, 0x73, 255), kLightInk, Pattern::Solid, 1.00f, "running", ""},
    /* Sleeping    */ {IM_COL32(0x56, 0xB4, 0xE9, 255), kInk, Pattern::Dots, 0.70f, "sleeping / I/O", "z"},
    /* WaitingGil  */ {IM_COL32(0xE6, 0x9F, 0x00, 255), kInk, Pattern::Diagonal, 0.70f, "waiting for the GIL", "GIL"},
    /* WaitingLock */ {IM_COL32(0xD5, 0x5E, 0x00, 255), kInk, Pattern::Cross, 0.70f, "waiting for a lock", "lock"},
    /* HoldingLock */ {IM_COL32(0xCC, 0x79, 0xA7, 255), kInk, Pattern::Stripes, 1.00f, "holding a lock", ""},
    /* Joining     */ {IM_COL32(0x99, 0x99, 0x99, 255), kInk, Pattern::Thin, 0.40f, "joining", "join"},
    /* Done        */ {IM_COL32(0xDD, 0xDD, 0xDD, 255), kInk, Pattern::Outline, 0.20f, "done", ""},
    /* Unrecorded  */ {IM_COL32(0xFF, 0xFF, 0xFF, 255), kInk, Pattern::Outline, 0.60f, "not recorded", "…"},
    /* WaitingSignal */ {IM_COL32(0x00, 0x72, 0xB2, 255), kLightInk, Pattern::Ticks, 0.70f, "waiting for a signal",
                         "wait"},
};
} // namespace

const StateStyle& StyleFor(State state) { return kStyles[int(state)]; }

void ApplyTheme(bool presenter)
{
    ImGui::StyleColorsLight();
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowRounding = 0;
    style.FrameRounding = 4;
    style.GrabRounding = 4;
    style.FramePadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(10, 7);
    style.ScrollbarSize = 16;
    style.WindowBorderSize = 1;
    style.FrameBorderSize = 1;
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.96f, 1);
    c[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_Text] = ImVec4(0.08f, 0.08f, 0.10f, 1);
    c[ImGuiCol_TextDisabled] = ImVec4(0.38f, 0.38f, 0.40f, 1);
    c[ImGuiCol_Button] = ImVec4(0.86f, 0.89f, 0.93f, 1);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.74f, 0.82f, 0.93f, 1);
    c[ImGuiCol_ButtonActive] = ImVec4(0.60f, 0.72f, 0.90f, 1);
    c[ImGuiCol_Header] = ImVec4(0.80f, 0.87f, 0.96f, 1);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.70f, 0.80f, 0.94f, 1);
    c[ImGuiCol_PlotHistogram] = ImVec4(0.0f, 0.45f, 0.70f, 1); // Okabe–Ito blue
    if (presenter) {
        // High contrast for a projector: pure white, black text, heavier frames.
        c[ImGuiCol_WindowBg] = ImVec4(1, 1, 1, 1);
        c[ImGuiCol_Text] = ImVec4(0, 0, 0, 1);
        c[ImGuiCol_TextDisabled] = ImVec4(0.25f, 0.25f, 0.25f, 1);
        c[ImGuiCol_Border] = ImVec4(0, 0, 0, 0.6f);
        style.FrameBorderSize = 2;
        style.WindowBorderSize = 2;
        style.FramePadding = ImVec2(10, 7);
        style.ItemSpacing = ImVec2(12, 9);
        style.ScrollbarSize = 22;
    }
}

} // namespace threadlab
