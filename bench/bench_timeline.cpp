// The timeline's CPU side per frame (find the visible spans, fold, build the
// ImDrawList; no GPU): 1,000,000 spans over 64 lanes, zoomed out to the
// whole run and zoomed in to 1 ms; and the same spans while a run is still
// recording them, each frame pulling what is new from the recorder first.
#include "fonts.hpp"
#include "recorder.hpp"
#include "timeline/timeline.hpp"

#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <thread>

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
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    ~NullImGui() { ImGui::DestroyContext(); }
};

// 64 lanes of alternating running / waiting-for-GIL spans, 1 µs each…10 µs.
TraceSnapshot MillionSpans()
{
    constexpr int kLanes = 64;
    constexpr int kPerLane = 1'000'000 / kLanes;
    TraceSnapshot trace;
    GroupTrace group;
    group.name = "threaded";
    group.python = "3.12";
    group.end_ns = int64_t(kPerLane) * 10'000;
    for (int l = 0; l < kLanes; ++l) {
        LaneTrace lane;
        lane.name = "Thread-" + std::to_string(l + 1);
        lane.ended = true;
        int64_t t = 0;
        for (int i = 0; i < kPerLane; ++i) {
            const int64_t length = 1000 + (i * 7919 + l * 104729) % 9000;
            lane.spans.push_back(Span{t, t + length, kNoLane, 0, 0, i % 2 ? State::Running : State::WaitingGil});
            t += length;
        }
        RebuildSpanIndex(lane);
        group.lanes.push_back(l);
        trace.lanes.push_back(std::move(lane));
    }
    trace.groups.push_back(std::move(group));
    return trace;
}

// One frame of the timeline in a 1600 x 1000 window; its vertex count.
size_t DrawFrame(TimelineView& view, const TraceSnapshot& trace)
{
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(1600, 1000));
    ImGui::Begin("timeline", nullptr, ImGuiWindowFlags_NoDecoration);
    DrawTimeline(view, trace, TimelineInput{});
    ImGui::End();
    ImGui::Render();
    return size_t(ImGui::GetDrawData()->TotalVtxCount);
}

void DrawFrames(benchmark::State& state, double t0, double t1)
{
    NullImGui imgui;
    const TraceSnapshot trace = MillionSpans();
    TimelineView view;
    view.follow = false;
    size_t vertices = 0;
    for (auto _ : state) {
        view.t0 = t0;
        view.t1 = t1;
        vertices = DrawFrame(view, trace);
    }
    state.counters["spans"] = double(trace.SpanCount());
    state.counters["vertices"] = double(vertices);
}

void BM_TimelineFrameWholeRun(benchmark::State& state) { DrawFrames(state, 0, 0.09); }
void BM_TimelineFrameZoomed1ms(benchmark::State& state) { DrawFrames(state, 0.040, 0.041); }
BENCHMARK(BM_TimelineFrameWholeRun)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TimelineFrameZoomed1ms)->Unit(benchmark::kMillisecond);

// A state change on a lane: running and waiting for the GIL in turn.
TraceEvent Change(int64_t t_ns, int i)
{
    TraceEvent e;
    e.t_ns = t_ns;
    e.code = uint8_t(i % 2 ? State::Running : State::WaitingGil);
    return e;
}

// 1,000,000 spans recorded over 64 lanes while one more thread keeps
// appending (64 events every millisecond, a busy run), the view following
// "now" as the window does; a frame is the snapshot's update and the draw.
void BM_TimelineFrameWhileRecording(benchmark::State& state)
{
    constexpr int kLanes = 64;
    constexpr int kPerLane = 1'000'000 / kLanes;
    NullImGui imgui;
    Recorder recorder;
    const int group = recorder.AddGroup("threaded", "3.12", 1.0, 0);
    std::vector<int> lanes;
    std::vector<int64_t> lane_t(kLanes, 0);
    for (int l = 0; l < kLanes; ++l) {
        lanes.push_back(recorder.AddLane(group, "Thread-" + std::to_string(l + 1)));
        for (int i = 0; i < kPerLane; ++i) {
            recorder.Append(lanes[size_t(l)], Change(lane_t[size_t(l)], i));
            lane_t[size_t(l)] += 1000 + (i * 7919 + l * 104729) % 9000;
        }
    }
    // From here the writer thread is each lane's only writer.
    std::atomic<bool> done{false};
    std::thread writer([&] {
        for (int i = kPerLane; !done.load(std::memory_order_relaxed); ++i) {
            for (int l = 0; l < kLanes; ++l) {
                lane_t[size_t(l)] += 1000;
                recorder.Append(lanes[size_t(l)], Change(lane_t[size_t(l)], i));
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    });

    TraceSnapshot trace;
    trace.Update(recorder);
    TimelineView view; // follows "now"
    size_t vertices = 0;
    for (auto _ : state) {
        trace.Update(recorder);
        vertices = DrawFrame(view, trace);
    }
    done = true;
    writer.join();
    state.counters["spans"] = double(trace.SpanCount());
    state.counters["vertices"] = double(vertices);
    state.SetLabel("target: <= 4 ms a frame");
}
BENCHMARK(BM_TimelineFrameWhileRecording)->Unit(benchmark::kMillisecond);

} // namespace
