#pragma once
// AppState: everything the window shows and remembers, in one place. Panels
// are free functions that read and change it once per frame.
#include "chrome_trace.hpp"
#include "code_editor.hpp"
#include "explore_job.hpp"
#include "fonts.hpp"
#include "make_grade.hpp"
#include "progress.hpp"
#include "timeline/timeline.hpp"
#include "run_session.hpp"
#include "settings.hpp"
#include "step_job.hpp"

#include <future>
#include <optional>
#include <string>
#include <vector>

namespace threadlab {

struct ParamEdit {
    std::string text;  // what the user typed
    std::string error; // why it is refused, or empty
};

// One lesson's quiz: what the student is typing, what was locked in when
// the run started, and how it was graded.
struct QuizState {
    std::vector<std::string> typed; // per question (Number)
    std::vector<int> chosen;        // per question (Choice), -1 = none
    Model model = Model::Py312;     // the model the locked predictions are about
    std::vector<Question> asked;    // locked at Run
    std::vector<Prediction> locked;
    std::vector<Grade> grades;      // after the run
    bool graded = false;
};

enum class FileAction { None, SaveTrace, SavePng, SaveCsv, OpenTrace, OpenProgram };

// The student's version of a lesson's program (Modify): what the editor
// holds, kept in the work folder while it differs from the lesson's.
struct ProgramEdit {
    std::string text;
    bool changed = false; // differs from the lesson's program beyond its parameters' values
    std::optional<EditorMarker> marker; // what the compiler refuses in it
    std::string saved; // an opened .py file: what the file holds (it is saved there, not in the work folder)
};

struct AppState {
    AppState() = default;
    AppState(const AppState&) = delete;
    AppState& operator=(const AppState&) = delete;
    // Stops what still runs, so closing the window never waits for it.
    ~AppState();

    // Remembered across restarts (settings.hpp).
    Settings settings;
    std::string settings_path; // empty: do not save (screenshots, tests)
    std::vector<std::string> notices; // stay until dismissed: what went wrong, what to know
    void Notify(std::string text);    // a notice, unless the same one is already showing
    // A confirmation ("Saved the trace to …"), shown beside the toolbar for a few seconds.
    std::string status;
    double status_until = 0; // ImGui::GetTime()
    void Confirm(std::string text);
    const Fonts* fonts = nullptr;

    int lesson = 0;
    std::vector<std::vector<ParamEdit>> edits; // [lesson][parameter]
    std::vector<ProgramEdit> programs;         // [lesson]
    std::string work_dir; // where the student's programs are kept; empty: nowhere (screenshots, tests)
    bool confirm_reset = false; // "Reset to the lesson's program" asks first
    // The editor changed the program: check it, read the parameters back from
    // its constants, keep it. A parameter field changed: write it into the code.
    void ProgramEdited();
    void ParamsEdited();
    void ResetProgram();
    // The student's program when it differs from the lesson's, else null.
    const std::string* EditedProgram() const;
    RunSession session;
    ExploreJob explore; // the page's schedule search, when one runs
    // The last schedule the search found, to step through (its values and model with it).
    std::vector<std::string> found_schedule;
    ParamValues found_values;
    std::optional<std::string> found_program;
    Model found_model = Model::Py312;
    StepJob step; // step mode: the student is the scheduler
    // Simulated runs: the seed shown (and typed, to replay one); a fresh one
    // is drawn at each run unless the student typed it.
    std::string seed_text;
    bool seed_typed = false;
    TimelineView timeline;
    TraceSnapshot no_trace; // what the timeline shows for a lesson with no run of its own
    bool show_help = false;

    // Per lesson, a bit per model it has run to its end on in this session:
    // the prose that gives a quiz answer away waits for it (page after_run).
    std::vector<unsigned> ran_on;
    // The panes start at their top on a new lesson, a new run and its result.
    bool panes_to_top = true;
    // Height the toolbar and the legend took last frame (they wrap with the
    // font size): the lesson page leaves room for them and the timeline.
    float toolbar_height = 0;
    bool was_running = false;
    void NoteFinishedRuns();
    bool RanOn(Model model) const { return (ran_on[size_t(lesson)] >> int(model)) & 1u; }
    bool Ran() const { return ran_on[size_t(lesson)] != 0; }

    // Quizzes and progress (progress.hpp).
    std::vector<QuizState> quizzes; // per lesson
    Progress progress;
    std::string progress_path; // empty: do not save
    bool show_progress = false;

    // Save / open (panel_tools.cpp).
    FileAction file_action = FileAction::None;
    std::string file_path;
    std::string file_message;
    std::string png_request; // the main loop saves the timeline here after drawing
    std::optional<TraceMetadata> opened_meta; // set while a saved trace is shown

    // The list exercise's steps (panel_exercise.cpp), for a page that has one.
    int exercise_step = 0;
    std::string exercise_error; // a duration the list editor refused
    // The Make step: the student's program (per lesson), graded on a worker thread.
    std::vector<ProgramEdit> make_programs;
    StopFlag make_stop;                // raised by Stop (Esc) and when the window closes; outlives make_grading
    std::future<MakeGrade> make_grading;
    std::optional<MakeGrade> make_grade; // the last grade, for the lesson it was made for
    int make_grade_lesson = -1;
    void MakeEdited();
    void GradeMakeStep();
    void StopChecking() { make_stop.RequestStop(); } // the grade then says it was stopped
    void TakeMakeGrade(); // each frame: a finished grade; passing marks the lesson mastered

    // Requests only the main loop can carry out.
    bool toggle_fullscreen = false;

    const Lesson& CurrentLesson() const;
    Model CurrentModel() const;
    const FontSet& Font() const; // the size in use (normal or presenter)
    int FontSizeIndex() const;   // the size wanted (window.cpp loads it between frames)
    void SelectLesson(int index);
    // A .py file as a lesson of its own, selected; the error in one line, or empty.
    std::string OpenProgram(const std::string& path);
    // Parses every parameter of the current lesson; sets each edit's error.
    std::optional<ParamValues> ParseParams();
    void Run();
    void RunSeries(std::vector<RunConfig> configs, int repeat);
    void Stop()
    {
        session.RequestStop();
        explore.Stop();
    }
    // The parameters with a page's search or step values over them, written
    // into the fields and the code; nullopt (and why, where it shows) if refused.
    std::optional<ParamValues> ValuesWith(const std::vector<std::string>& sets);
    // Step mode with the page's step values; or along the schedule the search found.
    void BeginStep();
    void StepThroughFound();
    // Step mode is on for the lesson shown.
    bool Stepping() const { return step.Active() && step.PlayedLesson() == &CurrentLesson(); }
    // The page's schedule search, with its search values over the current ones.
    void Explore();
    // Each frame: takes a search's outcome when it has one.
    void TakeExploreOutcome();
    QuizState& Quiz() { return quizzes[size_t(lesson)]; }
    // Grades the locked predictions once the run has a result; records progress.
    void GradeIfDone();
    std::vector<Ghost> Ghosts() const;
    void ChangeFontSize(int delta);
    void TogglePresenter();
};

// Fills a fresh state: settings, per-lesson parameter texts, first lesson.
void InitAppState(AppState& state, const Fonts& fonts, LoadedSettings loaded,
                  const std::optional<std::string>& lesson);

// The student's programs from the work folder (state.work_dir), each in place of its lesson's.
void LoadWorkPrograms(AppState& state);

// The whole window, once per frame.
void DrawApp(AppState& state);

// Panels (one file each).
void DrawLessonList(AppState& state);
void DrawLessonPage(AppState& state);
void DrawListing(AppState& state);
void DrawControls(AppState& state);
void DrawRunBar(AppState& state);         // Run / Stop and the progress bar, always in view
float RunBarHeight(const AppState& state);
void DrawResults(AppState& state);
void DrawHelpOverlay(AppState& state);
void HandleShortcuts(AppState& state);
// The window's key callback: a key pressed (even if released before the next frame).
void NoteKeyTap(int key);
// Pressed this frame, even if released before it was drawn (HandleShortcuts starts the frame's list).
bool KeyTapped(int key);
// Pressed this frame, by ImGui's key (its index is the backend's key code).
inline bool KeyPressedOrTapped(ImGuiKey key)
{
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), false) || KeyTapped(ImGui::GetKeyIndex(key));
}
void DrawQuiz(AppState& state);
void DrawGrades(AppState& state);
void DrawToolbar(AppState& state);
void DrawFileDialog(AppState& state);
void DrawProgressWindow(AppState& state);
void DrawExercise(AppState& state);
// The Make step's editor takes the listing's place: the student's code in view at every size.
bool MakeEditorShown(const AppState& state);
void DrawMakeEditor(AppState& state);
void DrawStepPanel(AppState& state);

} // namespace threadlab
