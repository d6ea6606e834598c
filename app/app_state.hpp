#pragma once
// AppState: everything the window shows and remembers, in one place. Panels
// are free functions that read and change it once per frame.
#include "fonts.hpp"
#include "panel_timeline.hpp"
#include "run_session.hpp"
#include "settings.hpp"

#include <optional>
#include <string>
#include <vector>

namespace threadlab {

struct ParamEdit {
    std::string text;  // what the user typed
    std::string error; // why it is refused, or empty
};

struct AppState {
    // Remembered across restarts (settings.hpp).
    Settings settings;
    std::string settings_path; // empty: do not save (screenshots, tests)
    std::vector<std::string> notices;
    const Fonts* fonts = nullptr;

    int lesson = 0;
    std::vector<std::vector<ParamEdit>> edits; // [lesson][parameter]
    RunSession session;
    TimelineView timeline;
    bool show_help = false;

    // Requests only the main loop can carry out.
    bool toggle_fullscreen = false;

    const Lesson& CurrentLesson() const;
    Model CurrentModel() const;
    const FontSet& Font() const; // the size in use (normal or presenter)
    void SelectLesson(int index);
    // Parses every parameter of the current lesson; sets each edit's error.
    std::optional<ParamValues> ParseParams();
    void Run();
    void Stop() { session.RequestStop(); }
    void ChangeFontSize(int delta);
    void TogglePresenter();
};

// Fills a fresh state: settings, per-lesson parameter texts, first lesson.
void InitAppState(AppState& state, const Fonts& fonts, LoadedSettings loaded,
                  const std::optional<std::string>& lesson);

// The whole window, once per frame.
void DrawApp(AppState& state);

// Panels (one file each).
void DrawLessonList(AppState& state);
void DrawLessonPage(AppState& state);
void DrawListing(AppState& state);
void DrawControls(AppState& state);
void DrawResults(AppState& state);
void DrawHelpOverlay(AppState& state);
void HandleShortcuts(AppState& state);

} // namespace threadlab
