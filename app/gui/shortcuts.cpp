// Keyboard shortcuts. ImGui 1.86 with the GLFW backend indexes keys by GLFW
// key code, so the codes come from GLFW's header (no GLFW calls here).
#include "app_state.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <utility>
#include <vector>

namespace threadlab {

namespace {
// Keys pressed since the last frame, as the window's key callback saw them
// (the UI thread's own: GLFW calls back while it polls events), and those
// this frame handles. ImGui 1.86 misses a key pressed and released between
// two frames, which a quick typist's Enter often is.
std::vector<int> g_taps;
std::vector<int> g_frame_taps;
} // namespace

void NoteKeyTap(int key) { g_taps.push_back(key); }

bool KeyTapped(int key) { return std::find(g_frame_taps.begin(), g_frame_taps.end(), key) != g_frame_taps.end(); }

void HandleShortcuts(AppState& state)
{
    const ImGuiIO& io = ImGui::GetIO();
    const bool typing = io.WantTextInput;
    g_frame_taps = std::exchange(g_taps, {});
    // Pressed this frame, even if already released again (a tap).
    auto pressed = [&](int key) { return ImGui::IsKeyPressed(key, false) || KeyTapped(key); };
    auto repeated = [](int key) { return ImGui::IsKeyPressed(key, true); };

    // A dialog has the keyboard (Enter saves, Esc cancels); only Stop goes through.
    if (state.file_action != FileAction::None || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) {
        if (pressed(GLFW_KEY_ESCAPE) && state.session.Running())
            state.Stop();
        return;
    }

    if (pressed(GLFW_KEY_F5) || (io.KeyCtrl && (pressed(GLFW_KEY_ENTER) || pressed(GLFW_KEY_R)))) {
        if (!state.session.Running())
            state.Run();
    }
    if (pressed(GLFW_KEY_ESCAPE)) {
        if (state.session.Running())
            state.Stop();
        else if (state.make_grading.valid())
            state.StopChecking();
        else
            state.show_help = false;
    }
    if (pressed(GLFW_KEY_F1) || (!typing && io.KeyShift && pressed(GLFW_KEY_SLASH)))
        state.show_help = !state.show_help;
    if (pressed(GLFW_KEY_F2))
        state.TogglePresenter();
    if (pressed(GLFW_KEY_F11))
        state.toggle_fullscreen = true;
    if (pressed(GLFW_KEY_PAGE_DOWN) && !state.session.Running())
        state.SelectLesson(state.lesson + 1);
    if (pressed(GLFW_KEY_PAGE_UP) && !state.session.Running())
        state.SelectLesson(state.lesson - 1);
    if (io.KeyCtrl && (pressed(GLFW_KEY_EQUAL) || pressed(GLFW_KEY_KP_ADD)))
        state.ChangeFontSize(+1);
    if (io.KeyCtrl && (pressed(GLFW_KEY_MINUS) || pressed(GLFW_KEY_KP_SUBTRACT)))
        state.ChangeFontSize(-1);
    if (pressed(GLFW_KEY_F6) && !state.session.Running() &&
        (!state.CurrentLesson().page->step_sets.empty() || !state.CurrentLesson().page->goals.empty()))
        state.BeginStep();
    if (state.Stepping() && !typing) {
        StepJob& step = state.step;
        if (io.KeyCtrl && pressed(GLFW_KEY_Z))
            step.Undo();
        if (const std::optional<py::StepChoice> choice = step.Waiting()) {
            for (int k = 1; k <= 9; ++k)
                if (!io.KeyCtrl && (pressed(GLFW_KEY_0 + k) || pressed(GLFW_KEY_KP_0 + k)))
                    if (const std::optional<size_t> i = step.CandidateWithKey(*choice, k)) {
                        if (io.KeyShift)
                            step.PickToNextLine(*i);
                        else
                            step.Pick(*i);
                    }
            if (!io.KeyCtrl && pressed(GLFW_KEY_SPACE))
                step.Pick(step.Suggested().value_or(0));
        }
    }
    if (typing || io.KeyCtrl)
        return;
    if (pressed(GLFW_KEY_F))
        state.timeline.follow = true;
    if (repeated(GLFW_KEY_EQUAL) || repeated(GLFW_KEY_KP_ADD))
        ++state.timeline.zoom_steps;
    if (repeated(GLFW_KEY_MINUS) || repeated(GLFW_KEY_KP_SUBTRACT))
        --state.timeline.zoom_steps;
}

} // namespace threadlab
