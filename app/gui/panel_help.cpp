// The keyboard help overlay (F1).
#include "app_state.hpp"

namespace threadlab {

namespace {
constexpr const char* kKeys[][2] = {
    {"F5  or  Ctrl+Enter", "run (or run again)"},
    {"Esc", "stop the run; close this help"},
    {"Ctrl+R", "run again with the same settings"},
    {"F", "fit the whole run in the timeline"},
    {"+  /  -", "zoom the timeline in / out"},
    {"mouse wheel", "zoom around the pointer; over the thread names, scroll the lanes"},
    {"drag", "pan the timeline (Shift+wheel or the scrollbar scrolls lanes)"},
    {"PgDn  /  PgUp", "next / previous lesson"},
    {"F2", "presenter mode: large fonts, high contrast"},
    {"Ctrl+=  /  Ctrl+-", "larger / smaller text"},
    {"F11", "full screen"},
    {"F6", "be the scheduler: you choose who runs at each switch point"},
    {"1-9  /  Shift+1-9", "step mode: run that thread one instruction / to its next line"},
    {"Space  /  Ctrl+Z", "step mode: take the found schedule's choice / undo"},
    {"F1  or  ?", "this help"},
};
} // namespace

void DrawHelpOverlay(AppState& state)
{
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x / 2,
                                   viewport->WorkPos.y + viewport->WorkSize.y / 2),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowBgAlpha(0.97f);
    if (!ImGui::Begin("Keyboard shortcuts", &state.show_help,
                      ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        return;
    }
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
        for (const auto& key : kKeys) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushFont(state.Font().mono);
            ImGui::TextUnformatted(key[0]);
            ImGui::PopFont();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(key[1]);
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

} // namespace threadlab
