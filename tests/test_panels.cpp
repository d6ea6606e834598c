// Every panel, for every lesson, drawn for a few frames in an ImGui context
// with no backend (no window needed): before a run, during one, after it.
#include "app_state.hpp"
#include "ui.hpp"
#include "timeline/draw_context.hpp"
#include "timeline/lane_items.hpp"
#include "timeline/timeline_model.hpp"

#include "sanitizers.hpp"
#include "trace_checks.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <imgui_internal.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>
#include <unistd.h>

using namespace threadlab;

namespace {

struct NullImGui {
    NullImGui()
    {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(1600, 1000);
        io.DeltaTime = 1.0f / 60;
        // As the OpenGL 3 backend does: draw lists may pass 65,536 vertices.
        io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
        fonts = LoadFonts();
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    ~NullImGui() { ImGui::DestroyContext(); }
    void Frame(AppState& state)
    {
        ImGui::NewFrame();
        DrawApp(state);
        ImGui::Render();
    }
    // Draws frames, as the window does, until `done` or `limit` has passed.
    void FramesUntil(AppState& state, const std::function<bool()>& done, std::chrono::seconds limit)
    {
        const auto give_up = std::chrono::steady_clock::now() + limit;
        while (!done() && std::chrono::steady_clock::now() < give_up) {
            Frame(state);
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }
    Fonts fonts;
};

} // namespace

TEST_CASE("every lesson page draws before, during and after a run", "[gui]")
{
    NullImGui imgui;
    AppState state;
    InitAppState(state, imgui.fonts, LoadedSettings{}, std::nullopt);
    state.settings.time_scale = 0.05;
    for (size_t i = 0; i < AllLessons().size(); ++i) {
        CAPTURE(AllLessons()[i]->id);
        state.SelectLesson(int(i));
        imgui.Frame(state);
        state.Run();
        REQUIRE(state.session.Running());
        // Lessons run on the interpreter: the heavier ones take seconds under the sanitizers.
        imgui.FramesUntil(state, [&] { return !state.session.Running(); }, std::chrono::seconds(120));
        imgui.Frame(state);
        CHECK_FALSE(state.session.Running());
        REQUIRE(state.session.Result() != nullptr);
        // The deadlock lesson's program never ends: the run does, deadlocked.
        const bool hangs = AllLessons()[i]->id == "deadlock";
        CHECK(state.session.Result()->status == (hangs ? RunStatus::Deadlocked : RunStatus::Finished));
        CHECK_FALSE(state.session.Result()->metrics.empty());
        CHECK(ImGui::GetDrawData()->TotalVtxCount > 1000);
    }
}

TEST_CASE("bad parameter text is refused in place and nothing runs", "[gui]")
{
    NullImGui imgui;
    AppState state;
    InitAppState(state, imgui.fonts, LoadedSettings{}, std::string("threaded-export"));
    state.edits[size_t(state.lesson)][0].text = "zero";
    state.Run();
    CHECK_FALSE(state.session.Running());
    CHECK(state.edits[size_t(state.lesson)][0].error.find("from 1 to 1000") != std::string::npos);
    imgui.Frame(state);
}

TEST_CASE("stop during a long sleep takes effect at once", "[gui][stop][serial]")
{
    NullImGui imgui;
    AppState state;
    InitAppState(state, imgui.fonts, LoadedSettings{}, std::string("first-threads"));
    state.edits[size_t(state.lesson)][0].text = "10,10";
    state.Run();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const auto before = std::chrono::steady_clock::now();
    state.Stop();
    while (state.session.Running() && std::chrono::steady_clock::now() - before < std::chrono::seconds(2)) {
        imgui.Frame(state);
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    // Stopped, not left to run out its 10 s sleeps (the loop gives up after 2 s)…
    CHECK_FALSE(state.session.Running());
    // …and at once: the engine stops within 20 ms; frames and a busy machine add some.
    CHECK_TIMING(std::chrono::steady_clock::now() - before < std::chrono::milliseconds(500));
    REQUIRE(state.session.Result() != nullptr);
    CHECK(state.session.Result()->status == RunStatus::Stopped);
}

TEST_CASE("folding keeps a million spans to a few blocks per pixel", "[gui][timeline]")
{
    LaneTrace lane;
    GroupTrace group;
    for (int64_t i = 0; i < 1'000'000; ++i)
        lane.spans.push_back(Span{i * 1000, (i + 1) * 1000, kNoLane, 0, 0, i % 2 ? State::Running : State::WaitingGil});
    std::vector<DrawBlock> blocks;
    // Without its index the lane must still fold (a slower search), and with it too.
    CollectBlocks(lane, group, TimelineContext{0, 1.0, 0, 1000}, 3.0f, blocks);
    CHECK(blocks.size() <= 400);
    blocks.clear();
    RebuildSpanIndex(lane);
    const TimelineContext whole{0, 1.0, 0, 1000}; // 1 s over 1000 px: a thousand spans per pixel
    CollectBlocks(lane, group, whole, 3.0f, blocks);
    CHECK(blocks.size() <= 400);
    CHECK(blocks.size() >= 300);
    blocks.clear();
    const TimelineContext zoomed{0.5, 0.5 + 20e-6, 0, 1000}; // 20 µs: twenty spans, 50 px each
    CollectBlocks(lane, group, zoomed, 3.0f, blocks);
    REQUIRE(blocks.size() >= 20);
    CHECK(blocks.size() <= 22);
    for (const DrawBlock& b : blocks)
        CHECK(b.count == 1);
}

TEST_CASE("lanes that do not fit scroll - over the names the wheel scrolls them, over the lanes it zooms",
          "[gui][timeline]")
{
    NullImGui imgui;
    TraceSnapshot trace; // threaded-export's shape: thirty threads in one run, a tenth of a second each
    GroupTrace group;
    group.name = "threaded";
    group.end_ns = 100'000'000;
    for (int i = 0; i < 30; ++i) {
        LaneTrace lane;
        lane.name = "Thread-" + std::to_string(i + 1);
        lane.spans.push_back(Span{0, 100'000'000, kNoLane, 0, 0, State::Sleeping});
        lane.ended = true;
        group.lanes.push_back(i);
        trace.lanes.push_back(std::move(lane));
    }
    trace.groups.push_back(group);
    TimelineView view;
    auto frame = [&](float height, ImVec2 mouse, float wheel) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = mouse;
        io.MouseWheel = wheel;
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(900, height));
        ImGui::Begin("timeline", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
        DrawTimeline(view, trace, TimelineInput{});
        ImGui::End();
        ImGui::Render();
    };
    const ImVec2 over_names(30, 200), over_lanes(600, 200);
    for (int i = 0; i < 3; ++i)
        frame(400, over_names, 0); // the window learns where the pointer is
    frame(400, over_names, -2);    // two notches down
    const float scrolled = view.scroll_y;
    CHECK(scrolled > 0);
    CHECK(view.follow); // scrolling is not zooming
    frame(400, over_lanes, 0);
    const double range = view.t1 - view.t0;
    frame(400, over_lanes, 1);
    CHECK(view.t1 - view.t0 < range);
    CHECK(view.scroll_y == scrolled);
    // Never past the last lane however far the wheel goes, and back to the top.
    frame(400, over_names, -1000);
    const float bottom = view.scroll_y;
    CHECK(bottom > scrolled);
    CHECK(bottom < 30 * ImGui::GetFontSize() * 2);
    frame(400, over_names, 1000);
    CHECK(view.scroll_y == 0);
    // A window tall enough for every lane needs no scrolling.
    frame(400, over_names, -2);
    frame(1500, over_names, -2);
    CHECK(view.scroll_y == 0);
}

TEST_CASE("ruler ticks adapt their unit to the zoom", "[gui][timeline]")
{
    auto labels = [](double t0, double t1) {
        std::string all;
        for (const Tick& t : RulerTicks(TimelineContext{t0, t1, 0, 1000}, 100))
            if (t.major)
                all += t.label + ";";
        return all;
    };
    CHECK(labels(0, 3).find(" s;") != std::string::npos);
    CHECK(labels(0, 0.02).find(" ms;") != std::string::npos);
    CHECK(labels(0, 20e-6).find(" µs;") != std::string::npos);
}

TEST_CASE("a long span that starts among tiny ones keeps its own colour", "[gui][timeline]")
{
    LaneTrace lane;
    GroupTrace group;
    // Three tiny spans, then a 3-second join, then a tiny one: as MainThread looks.
    lane.spans = {Span{0, 100, kNoLane, 0, 0, State::Running}, Span{100, 200, kNoLane, 0, 0, State::WaitingLock},
                  Span{200, 300, kNoLane, 0, 0, State::Running}, Span{300, 3'000'000'000, kNoLane, 0, 0, State::Joining},
                  Span{3'000'000'000, 3'000'000'100, kNoLane, 0, 0, State::Running}};
    RebuildSpanIndex(lane);
    std::vector<DrawBlock> blocks;
    CollectBlocks(lane, group, TimelineContext{0, 3.0, 0, 1000}, 3.0f, blocks);
    bool join_drawn = false;
    for (const DrawBlock& b : blocks)
        join_drawn |= b.state == State::Joining && b.count == 1 && b.x1 - b.x0 > 900;
    CHECK(join_drawn);
}

namespace {
// A lesson run, simulated from `seed`, as the window's snapshot holds it.
TraceSnapshot SimulatedTrace(std::string_view id, Model model, std::vector<std::string> sets, uint64_t seed,
                             LessonResult& result)
{
    const Lesson& lesson = *FindLesson(id);
    ParamValues values = DefaultValues(lesson.params);
    REQUIRE_FALSE(ApplyAssignments(lesson.params, sets, values));
    Recorder recorder;
    StopFlag stop;
    py::SimSettings sim;
    sim.seed = seed;
    result = RunLesson(lesson, values, RunConfig{model, 0.005, 1.0}, recorder, stop, sim);
    REQUIRE(result.status == RunStatus::Finished);
    TraceSnapshot trace;
    trace.Update(recorder);
    return trace;
}

// The lost-update brackets the timeline would draw for a lesson run, simulated from `seed`.
size_t LostUpdateBrackets(std::string_view id, Model model, std::vector<std::string> sets, int64_t& lost,
                          uint64_t seed, uint64_t* switches = nullptr)
{
    LessonResult result;
    const TraceSnapshot trace = SimulatedTrace(id, model, std::move(sets), seed, result);
    lost = int64_t(result.Number("lost"));
    if (switches != nullptr)
        *switches = result.runs.back().gil_switches;
    std::vector<LostUpdate> brackets;
    FindLostUpdates(trace, brackets);
    return brackets.size();
}
} // namespace

TEST_CASE("each emulated process gets a header of its own, its lanes under it, named as the process names them",
          "[gui][timeline]")
{
    LessonResult result;
    const TraceSnapshot trace = SimulatedTrace("process-pool", Model::Py312, {"iterations=100000"}, 1, result);
    const int processes = test::GroupNamed(trace, "processes");
    TimelineMetrics metrics;
    metrics.header_height = 20;
    metrics.process_height = 16;
    metrics.lane_height = 18;
    std::vector<TimelineRow> rows;
    const float height = LayOutRows(trace, metrics, rows);
    REQUIRE_FALSE(rows.empty());
    CHECK(height == Approx(rows.back().y + rows.back().height));

    // Within the processes run: the program's own threads, then process 1's
    // header and lanes, then process 2's.
    std::vector<int> order; // a process header's number, or a lane's process
    std::vector<std::string> labels;
    for (const TimelineRow& row : rows) {
        if (row.group != processes || row.IsRunHeader())
            continue;
        if (row.lane < 0) {
            order.push_back(-row.process); // negative: a header
            continue;
        }
        const LaneTrace& lane = trace.lanes[size_t(row.lane)];
        CHECK(row.process == lane.process);
        order.push_back(lane.process);
        if (lane.process > 0) {
            CHECK(ProcessNameOf(lane.name) == "SpawnProcess-" + std::to_string(lane.process));
            labels.emplace_back(NameInProcess(lane.name));
        }
    }
    CHECK(order == std::vector<int>{0, 0, -1, 1, -2, 2});
    CHECK(labels == std::vector<std::string>{"MainThread", "MainThread"});
    CHECK(NameInProcess("SpawnProcess-3: helper") == "helper");
    // The threads run has no process rows at all.
    for (const TimelineRow& row : rows)
        if (row.group != processes)
            CHECK(row.process == 0);
}

TEST_CASE("join and hand-off lines stay inside their run, even for a thread joined again at exit", "[gui][timeline]")
{
    // The program's `pool` outlives the threads part, so at exit the pool's
    // atexit hook joins those workers again, from the processes part.
    LessonResult result;
    const TraceSnapshot trace = SimulatedTrace("process-pool", Model::Py312, {"iterations=100000"}, 1, result);
    const int processes = test::GroupNamed(trace, "processes");
    const LaneTrace& main_lane = test::LaneNamed(trace, processes, "MainThread");
    int joins_of_earlier_threads = 0;
    for (const Mark& m : main_lane.marks)
        joins_of_earlier_threads += m.kind == MarkKind::JoinReturned && trace.lanes[size_t(m.other)].group != processes;
    REQUIRE(joins_of_earlier_threads >= 1);

    std::vector<Link> links;
    BuildLinks(trace, links);
    int joins_in_processes = 0;
    for (const Link& link : links) {
        CAPTURE(trace.lanes[size_t(link.from_lane)].name, trace.lanes[size_t(link.to_lane)].name);
        CHECK(trace.lanes[size_t(link.from_lane)].group == trace.lanes[size_t(link.to_lane)].group);
        CHECK(link.from_ns <= link.to_ns);
        joins_in_processes += link.kind == LinkKind::Join && trace.lanes[size_t(link.to_lane)].group == processes;
    }
    // The manager thread's joins of the two processes, and MainThread's of the manager.
    CHECK(joins_in_processes == 3);
}

TEST_CASE("red brackets mark splits that lost updates, never a split under a lock", "[gui][timeline]")
{
    // 3.9 switches inside `with lock:` too, but the other thread cannot write meanwhile.
    int64_t lost = 0;
    CHECK(LostUpdateBrackets("locked-counter", Model::Py39, {"increments=300000"}, lost, 1) == 0);
    CHECK(lost == 0);
    // Without the lock, each switch that fell between a read and its write
    // and erased the other thread's work is one bracket: at most one per
    // GIL switch, each losing one update or more.
    for (const uint64_t seed : {1, 2}) {
        uint64_t switches = 0;
        const size_t brackets = LostUpdateBrackets("race-counter", Model::Py39, {"increments=1000000"}, lost, seed,
                                                   &switches);
        CAPTURE(seed, lost, switches, brackets);
        REQUIRE(lost > 0);
        CHECK(brackets > 0);
        CHECK(brackets <= switches);
        CHECK(int64_t(brackets) <= lost);
    }
    // 3.12 never splits the pair.
    CHECK(LostUpdateBrackets("race-counter", Model::Py312, {"increments=300000"}, lost, 1) == 0);
    CHECK(lost == 0);
}

namespace {

// Plays step mode to its end, drawing a frame between choices; `answer` picks.
void PlayToEnd(NullImGui& imgui, AppState& state, const std::function<size_t(const py::StepChoice&)>& answer)
{
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    size_t last = SIZE_MAX;
    while (!state.step.Ended() && std::chrono::steady_clock::now() < give_up) {
        imgui.Frame(state);
        const std::optional<py::StepChoice> choice = state.step.Waiting();
        if (choice && choice->number != last) {
            last = choice->number;
            state.step.Pick(answer(*choice));
        } else {
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
    }
    imgui.Frame(state);
    REQUIRE(state.step.Ended());
}

bool NextIs(const py::ThreadPlace& t, const std::string& instruction)
{
    return t.next >= 0 && t.instructions[size_t(t.next)] == instruction;
}

} // namespace

TEST_CASE("be the scheduler: switching just before the write loses an update - the goals say so - Undo goes back",
          "[gui][step]")
{
    NullImGui imgui;
    AppState state;
    InitAppState(state, imgui.fonts, LoadedSettings{}, std::string("race-counter"));
    state.settings.python = "3.9";
    state.BeginStep();
    REQUIRE(state.Stepping());
    CHECK(state.edits[size_t(state.lesson)][0].text == "2"); // the listing shows the page's step values
    PlayToEnd(imgui, state, [](const py::StepChoice& c) {
        return c.preemption && c.threads.size() > 1 && NextIs(c.threads[0], "STORE_GLOBAL counter") ? size_t(1) : 0;
    });
    const LessonResult* result = state.step.Result();
    REQUIRE(result != nullptr);
    CHECK(result->status == RunStatus::Finished);
    CHECK(result->Number("lost") > 0);
    REQUIRE(state.step.GoalsMet().size() == 2);
    CHECK(state.step.GoalsMet()[0]); // both threads at `counter += 1`
    CHECK(state.step.GoalsMet()[1]); // an update lost

    // Undo: back to the last choice answered, waiting again, the rest not yet run.
    const size_t made = state.step.ChoicesMade();
    REQUIRE(state.step.CanUndo());
    state.step.Undo();
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!state.step.Waiting() && std::chrono::steady_clock::now() < give_up) {
        imgui.Frame(state);
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    REQUIRE(state.step.Waiting().has_value());
    CHECK(state.step.Waiting()->number < made);
    CHECK_FALSE(state.step.Ended());
    imgui.Frame(state);
    state.step.Leave();
    CHECK_FALSE(state.Stepping());
}

TEST_CASE("be the scheduler: with the lock no choice gets both threads inside it and nothing is lost", "[gui][step]")
{
    NullImGui imgui;
    AppState state;
    InitAppState(state, imgui.fonts, LoadedSettings{}, std::string("locked-counter"));
    state.settings.python = "3.9";
    state.BeginStep();
    // Switch at every chance to the thread that did not run last.
    PlayToEnd(imgui, state, [](const py::StepChoice& c) { return c.threads.size() > 1 ? size_t(1) : 0; });
    const LessonResult* result = state.step.Result();
    REQUIRE(result != nullptr);
    CHECK(result->status == RunStatus::Finished);
    CHECK(result->Number("lost") == 0);
    CHECK(result->Number("contended") > 0); // it did switch inside the lock: the other thread had to wait
    REQUIRE(state.step.GoalsMet().size() == 2);
    CHECK_FALSE(state.step.GoalsMet()[0]);
    CHECK_FALSE(state.step.GoalsMet()[1]);
}

TEST_CASE("a schedule the search found, followed step by step, loses the update it found", "[gui][step]")
{
    NullImGui imgui;
    AppState state;
    InitAppState(state, imgui.fonts, LoadedSettings{}, std::string("race-counter"));
    state.settings.python = "3.9";
    state.Explore();
    imgui.FramesUntil(state, [&] { return !state.explore.Running(); }, std::chrono::seconds(120));
    imgui.Frame(state);
    REQUIRE_FALSE(state.found_schedule.empty());
    state.StepThroughFound();
    REQUIRE(state.step.Following());
    PlayToEnd(imgui, state, [&](const py::StepChoice&) {
        const std::optional<size_t> suggested = state.step.Suggested();
        CHECK(suggested.has_value()); // every choice of the play is one the schedule made
        return suggested.value_or(0);
    });
    REQUIRE(state.step.Result() != nullptr);
    CHECK(state.step.Result()->Number("lost") > 0);
    CHECK(state.step.ChoicesMade() == state.found_schedule.size());
}

TEST_CASE("the editor's model: where the compiler's complaint goes, offsets and lines", "[gui][editor]")
{
    const std::string text = "x = 1\nif x\n    y = 2\n";
    const std::optional<EditorMarker> marker = CheckProgram("mine.py", text);
    REQUIRE(marker.has_value());
    CHECK(marker->line == 2);
    CHECK(marker->col == 5);
    CHECK(marker->message.find("SyntaxError") == 0);
    CHECK(OffsetOf(text, 2, 5) == 10);
    CHECK(LineOfOffset(text, 10) == 2);
    CHECK(OffsetOf("é = 1\n", 1, 2) == 2); // columns count code points
    CHECK_FALSE(CheckProgram("mine.py", "x = 1\n").has_value());
    CHECK(CheckProgram("mine.py", "async def f():\n    pass\n")->message.find("threadlab does not run") == 0);
}

TEST_CASE("Modify: the student's program runs instead of the lesson's - 3.12 loses updates once a call splits the "
          "increment - and it is kept",
          "[gui][editor]")
{
    const std::filesystem::path work = std::filesystem::temp_directory_path() / "threadlab-test-work";
    std::filesystem::remove_all(work);
    NullImGui imgui;
    AppState state;
    InitAppState(state, imgui.fonts, LoadedSettings{}, std::string("race-counter"));
    state.work_dir = work.string();
    state.settings.python = "3.12";
    state.seed_text = "1";
    state.seed_typed = true;
    ProgramEdit& program = state.programs[size_t(state.lesson)];
    const std::string original = program.text;

    // A parameter field writes into the code; the code's constant writes back into the field.
    state.edits[size_t(state.lesson)][0].text = "1000000";
    state.ParamsEdited();
    CHECK(program.text.find("INCREMENTS = 1_000_000") != std::string::npos);
    CHECK_FALSE(program.changed); // only a parameter's value differs
    program.text.replace(program.text.find("counter += 1"), 12, "counter = counter + int(1)");
    state.ProgramEdited();
    CHECK(program.changed);
    CHECK_FALSE(program.marker.has_value());
    REQUIRE(std::filesystem::exists(work / "race-counter.py"));

    state.Run();
    imgui.FramesUntil(state, [&] { return !state.session.Running(); }, std::chrono::seconds(120));
    imgui.Frame(state);
    REQUIRE(state.session.Result() != nullptr);
    CHECK(state.session.Result()->status == RunStatus::Finished);
    CHECK(state.session.Result()->Number("lost") > 0); // the lesson's own program never loses on 3.12

    // Restarted: the student's version comes back.
    AppState again;
    InitAppState(again, imgui.fonts, LoadedSettings{}, std::string("race-counter"));
    again.work_dir = work.string();
    LoadWorkPrograms(again);
    CHECK(again.programs[size_t(again.lesson)].text == program.text);
    CHECK(again.programs[size_t(again.lesson)].changed);
    CHECK(again.edits[size_t(again.lesson)][0].text == "1_000_000");

    // A syntax error is marked and Run refuses; Reset brings the lesson's program back and forgets the file.
    again.programs[size_t(again.lesson)].text += "def (:\n";
    again.ProgramEdited();
    REQUIRE(again.programs[size_t(again.lesson)].marker.has_value());
    again.Run();
    CHECK_FALSE(again.session.Running());
    imgui.Frame(again);
    again.ResetProgram();
    CHECK(again.programs[size_t(again.lesson)].text == original);
    CHECK_FALSE(again.programs[size_t(again.lesson)].changed);
    CHECK_FALSE(std::filesystem::exists(work / "race-counter.py"));
    std::filesystem::remove_all(work);
}

TEST_CASE("Make: a passing solution, checked in the window, marks the lesson mastered", "[gui][editor]")
{
    NullImGui imgui;
    AppState state;
    InitAppState(state, imgui.fonts, LoadedSettings{}, std::string("three-threads"));
    state.exercise_step = 4;
    ProgramEdit& make = state.make_programs[size_t(state.lesson)];
    CHECK(make.text.find("def run_threaded(durations):") != std::string::npos); // the page's template
    make.text.replace(make.text.find("    ..."), 7,
                      "    start = time.perf_counter()\n"
                      "    threads = [threading.Thread(target=time.sleep, args=(d,)) for d in durations]\n"
                      "    for t in threads:\n"
                      "        t.start()\n"
                      "    for t in threads:\n"
                      "        t.join()\n"
                      "    return time.perf_counter() - start");
    state.MakeEdited();
    CHECK(make.changed);
    CHECK_FALSE(make.marker.has_value());
    state.GradeMakeStep();
    imgui.FramesUntil(state, [&] { return state.make_grade.has_value(); }, std::chrono::seconds(120));
    imgui.Frame(state);
    REQUIRE(state.make_grade.has_value());
    INFO(state.make_grade->error);
    CHECK(state.make_grade->Passed());
    CHECK(state.progress.lessons["three-threads"].mastered);
}

TEST_CASE("Make: the student's code is edited where the listing was, in view at 1440x900", "[gui][editor]")
{
    NullImGui imgui;
    AppState state;
    InitAppState(state, imgui.fonts, LoadedSettings{}, std::string("three-threads"));
    ImGui::GetIO().DisplaySize = ImVec2(1440, 900);
    // The editor's text field is a child window of the listing's, named by its ID, which is hashed from the
    // editor's own ("make" or "program") on ImGui's ID stack.
    const auto editor_in_listing = [&](const char* editor) -> const ImGuiWindow* {
        for (const ImGuiWindow* listing : ImGui::GetCurrentContext()->Windows)
            if (listing->Active && std::string_view(listing->Name).find("/listing_") != std::string_view::npos)
                for (const ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
                    if (w->Active && w->ParentWindow == listing &&
                        w->Name == fmt::format("{}/##code_{:08X}", listing->Name,
                                               ImHashStr("##code", 0, ImHashStr(editor, 0, listing->ID))))
                        return w;
        return nullptr;
    };
    for (int step : {0, 4}) {
        CAPTURE(step);
        state.exercise_step = step;
        for (int frame = 0; frame < 3; ++frame)
            imgui.Frame(state);
        const ImGuiWindow* make = editor_in_listing("make");
        CHECK((make != nullptr) == (step == 4));
        CHECK((editor_in_listing("program") != nullptr) == (step != 4));
        if (make != nullptr) // most of it on screen: the top of the code and room for a dozen lines
            CHECK(make->Pos.y + 12 * ImGui::GetTextLineHeight() <= 900);
    }
}

TEST_CASE("Make: Esc stops a check that never ends, and the grade says it was stopped", "[gui][editor]")
{
    NullImGui imgui;
    AppState state;
    InitAppState(state, imgui.fonts, LoadedSettings{}, std::string("three-threads"));
    state.exercise_step = 4;
    ProgramEdit& make = state.make_programs[size_t(state.lesson)];
    make.text.replace(make.text.find("    ..."), 7, "    while True:\n        pass");
    state.MakeEdited();
    state.GradeMakeStep();
    imgui.Frame(state);
    REQUIRE(state.make_grading.valid());
    NoteKeyTap(GLFW_KEY_ESCAPE); // pressed and released between two frames
    imgui.FramesUntil(state, [&] { return state.make_grade.has_value(); }, std::chrono::seconds(5));
    REQUIRE(state.make_grade.has_value());
    CHECK(state.make_grade->error == "Checking stopped.");
    CHECK_FALSE(state.progress.lessons["three-threads"].mastered);
}

TEST_CASE("a page's `code` and **bold** marks become styles and never show", "[gui]")
{
    ImFont bold, mono;
    const std::vector<ProseWord> words =
        ProseWords("Wrap it in `with lock:`, then **Run**.\nNext", ProseFonts{&bold, &mono}, true);
    std::vector<std::string> text;
    for (const ProseWord& w : words)
        text.emplace_back(w.text);
    CHECK(text == std::vector<std::string>{"Wrap", "it", "in", "with lock:", ",", "then", "Run", ".", "Next"});
    CHECK(words[3].code);
    CHECK(words[3].font == &mono);
    CHECK_FALSE(words[4].space_before); // the comma sticks to the code
    CHECK(words[6].font == &bold);
    CHECK(words[8].line_break_before);
    // Where ** may be Python's power operator, it stays text.
    const std::vector<ProseWord> power = ProseWords("2 ** RETRIES", ProseFonts{&bold, &mono}, false);
    REQUIRE(power.size() == 3);
    CHECK(power[1].text == "**");
}

TEST_CASE("a lane name too long for its column keeps what tells threads apart", "[gui][timeline]")
{
    NullImGui imgui;
    ImGui::NewFrame();
    const auto room = [](const char* text) { return ImGui::CalcTextSize(text).x; };
    // A pool's workers differ only at the end: the middle goes.
    const std::string worker = FitLaneName("ThreadPoolExecutor-0_1", room("ThreadPoolExe-0_1"));
    CHECK(worker.rfind("Thread", 0) == 0);
    CHECK(worker.size() > std::string("-0_1").size());
    CHECK(worker.substr(worker.size() - 4) == "-0_1");
    CHECK(ImGui::CalcTextSize(worker.c_str()).x <= room("ThreadPoolExe-0_1"));
    // A name numbered at its start is cut at the end, its number whole.
    const std::string thread = FitLaneName("Thread-12 (add_many)", room("Thread-12 (ad"));
    CHECK(thread.rfind("Thread-12", 0) == 0);
    CHECK(thread.find("…") != std::string::npos);
    CHECK(FitLaneName("MainThread", 1000) == "MainThread");
    ImGui::EndFrame();
}

TEST_CASE("a long tooltip wraps at spaces and stays narrower than the screen, even in presenter mode's large font",
          "[gui]")
{
    NullImGui imgui;
    const std::string text = "Runs on the simulated executor: sleeps take virtual time, so the check is instant and "
                             "the same on any machine. Python 3.9 and 200,000 stay whole.";
    const int largest = int(kFontSizes.size()) - 1; // presenter mode after Ctrl+=
    EnsureFontSet(imgui.fonts, largest);
    ImFont* font_used = imgui.fonts.sets[size_t(largest)].regular;
    const ImGuiWindow* tooltip = nullptr;
    for (int frame = 0; frame < 3; ++frame) { // a tooltip fits its size to the last frame's text
        ImGui::NewFrame();
        ImGui::PushFont(font_used);
        ImGui::Begin("host");
        Tooltip(text);
        ImGui::End();
        tooltip = ImGui::FindWindowByName("##Tooltip_00");
        ImGui::PopFont();
        ImGui::Render();
    }
    REQUIRE(tooltip != nullptr);
    const float font = font_used->FontSize;
    CAPTURE(tooltip->Size.x, font);
    CHECK(tooltip->Size.x <= font * (kTooltipEms + 2)); // the wrap width and the padding
    CHECK(tooltip->Size.y >= font * 3);                 // so it took several lines
}

TEST_CASE("a notice already showing is not shown twice - pressing Run again does not pile refusals up", "[gui]")
{
    NullImGui imgui;
    AppState state;
    InitAppState(state, imgui.fonts, LoadedSettings{}, std::nullopt);
    const size_t before = state.notices.size();
    state.Notify("This run would need more memory than the machine has.");
    state.Notify("This run would need more memory than the machine has.");
    state.Notify("Progress was not saved: disk full");
    CHECK(state.notices.size() == before + 2);
    imgui.Frame(state);
}

TEST_CASE("a file dialog takes an Enter tapped between two frames", "[gui]")
{
    NullImGui imgui;
    ImGui::GetIO().KeyMap[ImGuiKey_Enter] = GLFW_KEY_ENTER; // as the GLFW backend maps it
    AppState state;
    InitAppState(state, imgui.fonts, LoadedSettings{}, std::nullopt);
    const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                       ("threadlab-dialog-" + std::to_string(::getpid()) + ".csv");
    state.file_action = FileAction::SaveCsv;
    state.file_path = path.string();
    for (int i = 0; i < 3; ++i) // the name field takes the keyboard
        imgui.Frame(state);
    NoteKeyTap(GLFW_KEY_ENTER);
    imgui.Frame(state);
    CHECK(state.file_action == FileAction::None);
    CHECK(std::filesystem::exists(path));
    std::filesystem::remove(path);
}

TEST_CASE("Open program: any .py file becomes a lesson of its own - editor, Run, timeline, no questions", "[gui][editor]")
{
    const std::filesystem::path path = std::filesystem::temp_directory_path() / "threadlab-open-me.py";
    std::ofstream(path) << "import threading\nimport time\n\n"
                           "def nap():\n    time.sleep(0.2)\n\n"
                           "ts = [threading.Thread(target=nap) for _ in range(3)]\n"
                           "for t in ts: t.start()\nfor t in ts: t.join()\nprint('all awake')\n";
    NullImGui imgui;
    AppState state;
    InitAppState(state, imgui.fonts, LoadedSettings{}, std::nullopt);
    const size_t before = AllLessons().size();
    CHECK(state.OpenProgram((path.parent_path() / "no-such-file.py").string()).find("no-such-file.py") !=
          std::string::npos);
    REQUIRE(state.OpenProgram(path.string()).empty());
    CHECK(AllLessons().size() == before + 1);
    CHECK(state.CurrentLesson().title == "threadlab-open-me.py");
    CHECK(state.CurrentLesson().quiz(ParamValues{}, Model::Py312).empty());
    state.seed_text = "1";
    state.seed_typed = true;
    state.Run();
    imgui.FramesUntil(state, [&] { return !state.session.Running(); }, std::chrono::seconds(60));
    imgui.Frame(state);
    REQUIRE(state.session.Result() != nullptr);
    CHECK(state.session.Result()->status == RunStatus::Finished);
    CHECK(state.session.Result()->output == "all awake\n");
    CHECK(state.session.Trace().lanes.size() == 4); // MainThread and three sleepers
    // Opened again: the same lesson, not another.
    REQUIRE(state.OpenProgram(path.string()).empty());
    CHECK(AllLessons().size() == before + 1);
    std::filesystem::remove(path);
}

TEST_CASE("a run of few lanes leaves the rest to the page - every lane still shows - on a 1280x720 projector",
          "[gui]")
{
    NullImGui imgui;
    AppState state;
    InitAppState(state, imgui.fonts, LoadedSettings{}, std::string("three-threads"));
    state.settings.presenter = true;
    state.settings.simulated = true;
    ImGui::GetIO().DisplaySize = ImVec2(1280, 720);
    EnsureFontSet(imgui.fonts, state.FontSizeIndex());
    for (int frame = 0; frame < 3; ++frame)
        imgui.Frame(state);
    const float before = state.timeline.canvas_max.y - state.timeline.canvas_min.y;
    state.Run();
    imgui.FramesUntil(state, [&] { return !state.session.Running(); }, std::chrono::seconds(60));
    for (int frame = 0; frame < 3; ++frame)
        imgui.Frame(state);
    REQUIRE(state.session.Result() != nullptr);
    const float after = state.timeline.canvas_max.y - state.timeline.canvas_min.y;
    CAPTURE(before, after, state.timeline.content_height);
    CHECK(after >= state.timeline.content_height); // MainThread, A, B and C all in view, no scrolling
    CHECK(after < before);                         // and the room they did not need went to the page
}

TEST_CASE("the timeline keeps its share of the height at every size - half of it in presenter mode", "[gui]")
{
    NullImGui imgui;
    AppState state;
    InitAppState(state, imgui.fonts, LoadedSettings{}, std::nullopt);
    state.SelectLesson(1); // threaded-export: the toolbar and the legend wrap in presenter mode
    for (const bool presenter : {false, true})
        for (const ImVec2 size : {ImVec2(1920, 1080), ImVec2(1440, 900), ImVec2(1280, 720)}) {
            CAPTURE(presenter, size.x, size.y);
            state.settings.presenter = presenter;
            ImGui::GetIO().DisplaySize = size;
            EnsureFontSet(imgui.fonts, state.FontSizeIndex()); // presenter mode's large fonts, as the window loads them
            for (int frame = 0; frame < 3; ++frame) // the first frame measures the toolbar
                imgui.Frame(state);
            const float share = (state.timeline.canvas_max.y - state.timeline.canvas_min.y) / size.y;
            CAPTURE(share);
            CHECK(share >= (presenter ? 0.45f : 0.35f));
            CHECK(state.timeline.canvas_max.y <= size.y);
        }
}
