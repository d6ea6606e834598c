#include "app_state.hpp"

#include <charconv>
#include <random>

#include "explorer.hpp"
#include "limits.hpp"
#include "theme.hpp"
#include "source_file.hpp"
#include "ui.hpp"
#include "work_files.hpp"

#include <algorithm>
#include <filesystem>

namespace threadlab {

namespace {
std::optional<std::string> Program(const std::string* edited)
{
    return edited != nullptr ? std::optional<std::string>(*edited) : std::nullopt;
}
} // namespace

AppState::~AppState()
{
    // The session stops its own run when destroyed; the Make grader needs telling.
    make_stop.RequestStop();
    if (make_grading.valid())
        make_grading.wait();
}

const Lesson& AppState::CurrentLesson() const { return *AllLessons()[size_t(lesson)]; }

Model AppState::CurrentModel() const { return ParseModel(settings.python).value_or(Model::Py312); }

int AppState::FontSizeIndex() const { return settings.presenter ? settings.presenter_font_size : settings.font_size; }

const FontSet& AppState::Font() const { return FontOrLoaded(*fonts, FontSizeIndex()); }

void AppState::SelectLesson(int index)
{
    const int count = int(AllLessons().size());
    lesson = (index % count + count) % count;
    settings.last_lesson = std::string(CurrentLesson().id);
    timeline = TimelineView{};
    panes_to_top = true;
    if (session.IsOpenedTrace()) { // a saved trace belongs to no lesson: leaving, it goes
        session.Clear();
        opened_meta.reset();
    }
    if (step.Active() && step.PlayedLesson() != &CurrentLesson())
        step.Leave();
    found_schedule.clear(); // it belongs to the lesson left
}

std::optional<ParamValues> AppState::ParseParams()
{
    const Lesson& current = CurrentLesson();
    ParamValues values;
    bool ok = true;
    for (size_t i = 0; i < current.params.size(); ++i) {
        ParamEdit& edit = edits[size_t(lesson)][i];
        ParamValue value;
        const auto error = ParseParam(current.params[i], edit.text, value);
        edit.error = error.value_or("");
        ok = ok && !error;
        if (!error)
            values.Set(current.params[i].name, std::move(value));
    }
    if (!ok)
        return std::nullopt;
    if (auto error = ValidateParams(current, values)) {
        edits[size_t(lesson)].front().error = *error;
        return std::nullopt;
    }
    return values;
}

void AppState::Run()
{
    RunSeries({RunConfig{CurrentModel(), kDefaultSwitchInterval, settings.time_scale}}, 1);
}

void AppState::RunSeries(std::vector<RunConfig> configs, int repeat)
{
    const auto params = ParseParams();
    if (!params || programs[size_t(lesson)].marker)
        return; // the run bar says why
    for (const RunConfig& config : configs)
        if (auto refusal = CheckRunLimits(CurrentLesson(), *params, config, ReadSystemLimits())) {
            Notify(*refusal);
            return;
        }
    // The prediction is locked when the run starts.
    QuizState& quiz = Quiz();
    const Lesson& current = CurrentLesson();
    // Predictions are about the model the student chose, even when a
    // comparison runs others around it.
    quiz.model = CurrentModel();
    quiz.asked = current.quiz(*params, quiz.model);
    quiz.locked.assign(quiz.asked.size(), Prediction{});
    for (size_t i = 0; i < quiz.asked.size() && i < quiz.chosen.size(); ++i) {
        if (quiz.asked[i].kind == AnswerKind::Choice)
            quiz.locked[i].choice = quiz.chosen[i];
        else if (auto p = ParsePrediction(quiz.asked[i], quiz.typed[i]))
            quiz.locked[i] = *p;
    }
    quiz.grades.clear();
    quiz.graded = false;
    opened_meta.reset();
    step.Leave();
    panes_to_top = true;
    std::optional<py::SimSettings> sim;
    if (settings.simulated) {
        py::SimSettings chosen;
        uint64_t typed = 0;
        const auto [end, error] = std::from_chars(seed_text.data(), seed_text.data() + seed_text.size(), typed);
        if (seed_typed && error == std::errc() && end == seed_text.data() + seed_text.size() && !seed_text.empty())
            chosen.seed = typed;
        else
            chosen.seed = std::random_device{}() % 1'000'000; // short enough to read out and type back
        seed_text = std::to_string(chosen.seed);
        seed_typed = false;
        sim = chosen;
    }
    session.StartSeries(current, *params, std::move(configs), repeat, sim, Program(EditedProgram()));
    timeline = TimelineView{};
}

std::optional<ParamValues> AppState::ValuesWith(const std::vector<std::string>& sets)
{
    std::optional<ParamValues> params = ParseParams();
    if (!params || programs[size_t(lesson)].marker)
        return std::nullopt; // the run bar says why
    const Lesson& current = CurrentLesson();
    if (auto error = ApplyAssignments(current.params, sets, *params)) {
        Notify(*error);
        return std::nullopt;
    }
    // The listing (and the code) show the values that run.
    for (size_t i = 0; i < current.params.size(); ++i)
        edits[size_t(lesson)][i].text = DisplayValue(params->Get(current.params[i].name));
    ParamsEdited();
    return params;
}

void AppState::Explore()
{
    const std::optional<ParamValues> params = ValuesWith(CurrentLesson().page->explore_sets);
    if (!params)
        return;
    const Lesson& current = CurrentLesson();
    session.RequestStop();
    step.Leave();
    explore.Start(current, *params, RunConfig{CurrentModel(), kDefaultSwitchInterval, 1.0}, Program(EditedProgram()));
}

void AppState::ProgramEdited()
{
    const Lesson& current = CurrentLesson();
    ProgramEdit& program = programs[size_t(lesson)];
    program.marker = CheckProgram(current.page->py_file, program.text);
    // The code is the truth: each parameter field shows what its constant says now.
    for (size_t i = 0; i < current.params.size() && i < current.page->params.size(); ++i)
        if (const std::optional<std::string> value = ConstantInProgram(current.page->params[i], program.text))
            edits[size_t(lesson)][i].text = *value;
    const std::optional<ParamValues> values = ParseParams();
    const ParamValues compared = values.value_or(DefaultValues(current.params));
    if (current.page->program_only) {
        program.changed = program.text != program.saved; // the student saves it to their file
        return;
    }
    program.changed = ProgramWithValues(*current.page, compared, &program.text) !=
                      ProgramWithValues(*current.page, compared);
    if (work_dir.empty())
        return;
    if (!program.changed)
        RemoveWork(work_dir, current.id);
    else if (auto error = SaveWork(work_dir, current.id, program.text))
        Notify("Your program was not saved: " + *error);
}

void AppState::ParamsEdited()
{
    const std::optional<ParamValues> values = ParseParams();
    if (!values)
        return;
    ProgramEdit& program = programs[size_t(lesson)];
    program.text = ProgramWithValues(*CurrentLesson().page, *values, &program.text);
    ProgramEdited();
}

void AppState::ResetProgram()
{
    const Lesson& current = CurrentLesson();
    for (size_t i = 0; i < current.params.size(); ++i)
        edits[size_t(lesson)][i].text = std::string(current.params[i].default_text);
    programs[size_t(lesson)].text = ProgramWithValues(*current.page, DefaultValues(current.params));
    ProgramEdited();
}

const std::string* AppState::EditedProgram() const
{
    const ProgramEdit& program = programs[size_t(lesson)];
    return program.changed ? &program.text : nullptr;
}

void AppState::MakeEdited()
{
    const Lesson& current = CurrentLesson();
    ProgramEdit& make = make_programs[size_t(lesson)];
    make.marker = CheckProgram("make.py", make.text);
    make.changed = make.text != current.page->make_template;
    if (work_dir.empty())
        return;
    if (!make.changed)
        RemoveWork(work_dir, current.id + ".make");
    else if (auto error = SaveWork(work_dir, current.id + ".make", make.text))
        Notify("Your Make program was not saved: " + *error);
}

void AppState::GradeMakeStep()
{
    if (make_grading.valid())
        return;
    make_stop.Reset();
    make_grade.reset();
    make_grade_lesson = lesson;
    make_grading = std::async(std::launch::async, [page = CurrentLesson().page, text = make_programs[size_t(lesson)].text,
                                                   stop = &make_stop] { return GradeMake(*page, text, *stop); });
}

void AppState::TakeMakeGrade()
{
    if (!make_grading.valid() || make_grading.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return;
    make_grade = make_grading.get();
    if (!make_grade->Passed() || make_grade_lesson < 0)
        return;
    progress.lessons[AllLessons()[size_t(make_grade_lesson)]->id].mastered = true;
    if (!progress_path.empty())
        if (auto error = SaveProgress(progress_path, progress))
            Notify("Progress was not saved: " + *error);
}

namespace {
// The per-lesson parts of the state for one more lesson.
void AddLessonState(AppState& state, const Lesson& l)
{
    std::vector<ParamEdit> params;
    for (const ParamSpec& spec : l.params)
        params.push_back({std::string(spec.default_text), ""});
    state.edits.push_back(std::move(params));
    state.programs.push_back(ProgramEdit{ProgramWithValues(*l.page, DefaultValues(l.params))});
    state.make_programs.push_back(ProgramEdit{l.page->make_template});
    state.quizzes.emplace_back();
    state.ran_on.push_back(0);
}
} // namespace

std::string AppState::OpenProgram(const std::string& path)
{
    std::string text;
    if (auto error = py::ReadSourceFile(path, text))
        return *error;
    // Opened again: the same lesson, with what the file says now.
    for (size_t i = 0; i < AllLessons().size(); ++i)
        if (!AllLessons()[i]->page->built_in && AllLessons()[i]->page->py_file == path &&
            AllLessons()[i]->page->md_file == std::filesystem::path(path).filename().string()) {
            SelectLesson(int(i));
            programs[i].text = text;
            programs[i].saved = text;
            ProgramEdited();
            return "";
        }
    const Lesson* opened = OpenProgramLesson(path, text);
    AddLessonState(*this, *opened);
    programs.back().saved = text;
    SelectLesson(int(AllLessons().size()) - 1);
    ProgramEdited(); // marks what the compiler refuses
    return "";
}

void AppState::Notify(std::string text)
{
    if (std::find(notices.begin(), notices.end(), text) == notices.end())
        notices.push_back(std::move(text));
}

void AppState::Confirm(std::string text)
{
    status = std::move(text);
    status_until = ImGui::GetTime() + 6.0;
}

void AppState::NoteFinishedRuns()
{
    if (was_running && !session.Running())
        panes_to_top = true; // the result comes first: show it from its top
    was_running = session.Running();
    const Lesson* ran = session.RunLessonPtr();
    for (size_t i = 0; ran != nullptr && i < AllLessons().size(); ++i)
        if (AllLessons()[i] == ran)
            for (size_t k = 0; k < session.Results().size() && k < session.SeriesConfigs().size(); ++k)
                if (session.Results()[k].status == RunStatus::Finished)
                    ran_on[i] |= 1u << int(session.SeriesConfigs()[k].model);
}

void AppState::BeginStep()
{
    const std::optional<ParamValues> params = ValuesWith(CurrentLesson().page->step_sets);
    if (!params)
        return;
    const Lesson& current = CurrentLesson();
    session.RequestStop();
    explore.Stop();
    uint64_t seed = 1;
    if (std::from_chars(seed_text.data(), seed_text.data() + seed_text.size(), seed).ec != std::errc())
        seed = 1;
    step.Start(current, *params, RunConfig{CurrentModel(), kDefaultSwitchInterval, 1.0}, seed, {},
               Program(EditedProgram()));
    timeline = TimelineView{};
}

void AppState::StepThroughFound()
{
    const Lesson& current = CurrentLesson();
    for (size_t i = 0; i < current.params.size(); ++i)
        edits[size_t(lesson)][i].text = DisplayValue(found_values.Get(current.params[i].name));
    settings.python = std::string(ModelName(found_model));
    // The search's seed (ExploreSettings' default): the same choice points, so the schedule fits.
    step.Start(current, found_values, RunConfig{found_model, kDefaultSwitchInterval, 1.0}, py::ExploreSettings{}.seed,
               found_schedule, found_program);
    timeline = TimelineView{};
}

void AppState::TakeExploreOutcome()
{
    std::optional<ExploreOutcome> outcome = explore.Take();
    if (!outcome)
        return;
    found_schedule = outcome->schedule;
    found_values = outcome->values;
    found_program = outcome->program;
    found_model = outcome->model;
    if (outcome->found) {
        session.ShowOpened(std::move(outcome->trace));
        opened_meta = TraceMetadata{CurrentLesson().id + " (a schedule the search found)",
                                    std::string(ModelName(CurrentModel())), 1.0};
        timeline = TimelineView{};
    }
    Notify(std::move(outcome->message));
}

void AppState::GradeIfDone()
{
    QuizState& quiz = Quiz();
    const LessonResult* result = session.Result();
    if (quiz.graded || session.Running() || result == nullptr || session.RunLessonPtr() != &CurrentLesson() ||
        result->status != RunStatus::Finished)
        return;
    // A series is graded on its first run under the predicted model.
    const std::vector<RunConfig>& configs = session.SeriesConfigs();
    size_t predicted = 0;
    while (predicted < configs.size() && configs[predicted].model != quiz.model)
        ++predicted;
    if (predicted >= session.Results().size())
        return; // the predicted model did not run: nothing to grade
    const LessonResult& graded = session.Results()[predicted];
    int answered = 0, right = 0;
    for (size_t i = 0; i < quiz.asked.size(); ++i) {
        quiz.grades.push_back(GradePrediction(quiz.asked[i], quiz.locked[i], graded));
        answered += quiz.grades.back().answered;
        right += quiz.grades.back().correct;
    }
    quiz.graded = true;
    if (answered == 0)
        return;
    RecordAttempt(progress, std::string(CurrentLesson().id), answered, right);
    if (!progress_path.empty())
        if (auto error = SaveProgress(progress_path, progress))
            Notify("Progress was not saved: " + *error);
}

std::vector<Ghost> AppState::Ghosts() const
{
    std::vector<Ghost> ghosts;
    const QuizState& quiz = quizzes[size_t(lesson)];
    // The question's part (say "threaded") among the recorded groups of the
    // predicted model: in a comparison, those follow the other models' groups.
    std::vector<int> predicted_groups;
    const std::vector<GroupTrace>& groups = session.Trace().groups;
    for (size_t g = 0; g < groups.size(); ++g)
        if (groups[g].python == ModelName(quiz.model))
            predicted_groups.push_back(int(g));
    for (size_t i = 0; i < quiz.asked.size() && i < quiz.locked.size(); ++i) {
        const int part = quiz.asked[i].ghost_run;
        if (part >= 0 && part < int(predicted_groups.size()) && quiz.locked[i].number)
            ghosts.push_back({predicted_groups[size_t(part)], quiz.asked[i].ghost_lane, *quiz.locked[i].number});
    }
    return ghosts;
}

void AppState::ChangeFontSize(int delta)
{
    int& size = settings.presenter ? settings.presenter_font_size : settings.font_size;
    size = std::clamp(size + delta, 0, int(kFontSizes.size()) - 1);
}

void AppState::TogglePresenter()
{
    settings.presenter = !settings.presenter;
    ApplyTheme(settings.presenter);
}

void InitAppState(AppState& state, const Fonts& fonts, LoadedSettings loaded, const std::optional<std::string>& lesson)
{
    state.fonts = &fonts;
    state.settings = std::move(loaded.settings);
    if (!loaded.notice.empty())
        state.Notify(std::move(loaded.notice));
    if (!fonts.dejavu)
        state.Notify("The DejaVu fonts (package fonts-dejavu-core) are missing: using the small built-in "
                                "font, without presenter sizes.");
    for (const Lesson* l : AllLessons())
        AddLessonState(state, *l);
    const std::string wanted = lesson.value_or(state.settings.last_lesson);
    state.lesson = 0;
    for (size_t i = 0; i < AllLessons().size(); ++i)
        if (AllLessons()[i]->id == wanted)
            state.lesson = int(i);
    state.SelectLesson(state.lesson);
    ApplyTheme(state.settings.presenter);
}

void LoadWorkPrograms(AppState& state)
{
    const int shown = state.lesson;
    for (size_t i = 0; i < AllLessons().size() && !state.work_dir.empty(); ++i)
    {
        state.lesson = int(i);
        if (std::optional<std::string> text = LoadWork(state.work_dir, AllLessons()[i]->id)) {
            state.programs[i].text = std::move(*text);
            state.ProgramEdited();
        }
        if (std::optional<std::string> text = LoadWork(state.work_dir, AllLessons()[i]->id + ".make")) {
            state.make_programs[i].text = std::move(*text);
            state.MakeEdited();
        }
    }
    state.lesson = shown;
}

void DrawApp(AppState& state)
{
    const FontSet& font = state.Font();
    ImGui::PushFont(font.regular);
    HandleShortcuts(state);
    state.session.Update();
    state.NoteFinishedRuns();
    state.step.Update();
    state.TakeMakeGrade();
    state.GradeIfDone();
    state.TakeExploreOutcome();

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::Begin("threadlab", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);

    for (size_t i = 0; i < state.notices.size(); ++i) {
        ImGui::PushStyleColor(ImGuiCol_Text, kColorNotice);
        ImGui::TextWrapped("%s", state.notices[i].c_str());
        ImGui::PopStyleColor();
        ImGui::SameLine();
        ImGui::PushID(int(i));
        if (ImGui::SmallButton("Dismiss")) {
            state.notices.erase(state.notices.begin() + long(i));
            ImGui::PopID();
            break;
        }
        ImGui::PopID();
    }

    const float size = ImGui::GetFontSize();
    // On a projector the lesson needs every pixel: presenter mode leaves the
    // list out (PgUp / PgDn still move between lessons).
    if (!state.settings.presenter) {
        ImGui::BeginChild("lesson_list", ImVec2(size * 13, 0), true);
        DrawLessonList(state);
        ImGui::EndChild();
        ImGui::SameLine();
    }

    ImGui::BeginGroup();
    // The timeline itself keeps at least 40 % of the height (half in
    // presenter mode, where the class watches it), whatever the font size
    // and however the toolbar and legend wrap, unless its run needs less:
    // three lanes on a 1280x720 projector leave the code room. The page
    // gets the rest (it scrolls), and never less than three lines.
    const float avail = ImGui::GetContentRegionAvail().y;
    const float timeline_share = state.settings.presenter ? 0.5f : 0.4f;
    float timeline_height = avail * timeline_share;
    if (state.timeline.content_height > 0) {
        const float frame = ImGui::GetStyle().WindowPadding.y * 2 + ImGui::GetStyle().ItemSpacing.y;
        timeline_height = std::min(timeline_height, state.timeline.content_height + frame);
    }
    const float top_height = std::max(avail - timeline_height - state.toolbar_height, size * 3);
    ImGui::BeginChild("lesson_page", ImVec2(0, top_height), false);
    DrawLessonPage(state);
    ImGui::EndChild();

    const float toolbar_top = ImGui::GetCursorPosY();
    ImGui::Separator();
    DrawToolbar(state);
    DrawTimelineLegend();
    state.toolbar_height = ImGui::GetCursorPosY() - toolbar_top;
    ImGui::BeginChild("timeline", ImVec2(0, 0), true, ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoScrollbar);
    TimelineInput input;
    const bool stepping = state.Stepping();
    input.running = stepping ? !state.step.Ended() : state.session.Running();
    input.estimate = state.session.LongestRunEstimate();
    input.label_font = font.mono;
    input.header_font = font.bold;
    const bool shown = state.session.RunLessonPtr() == &state.CurrentLesson() || state.session.IsOpenedTrace();
    const std::vector<Ghost> ghosts = state.Ghosts();
    input.ghosts = state.session.IsOpenedTrace() ? nullptr : &ghosts;
    input.deadlocked = !stepping && shown && state.session.Result() != nullptr &&
                       state.session.Result()->status == RunStatus::Deadlocked;
    DrawTimeline(state.timeline,
                 stepping ? state.step.Trace() : shown ? state.session.Trace() : state.no_trace, input);
    ImGui::EndChild();
    ImGui::EndGroup();

    if (state.show_help)
        DrawHelpOverlay(state);
    if (state.show_progress)
        DrawProgressWindow(state);
    DrawFileDialog(state);
    ImGui::End();
    ImGui::PopFont();
}

} // namespace threadlab
