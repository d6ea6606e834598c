// The timeline's CPU side per frame (find the visible spans, fold, build the
// ImDrawList; no GPU): 1,000,000 spans over 64 lanes, zoomed out to the
// whole run and zoomed in to 1 ms.
#include "fonts.hpp"
#include "timeline/timeline.hpp"

#include <benchmark/benchmark.h>

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
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(1600, 1000));
        ImGui::Begin("timeline", nullptr, ImGuiWindowFlags_NoDecoration);
        DrawTimeline(view, trace, TimelineInput{});
        ImGui::End();
        ImGui::Render();
        vertices = size_t(ImGui::GetDrawData()->TotalVtxCount);
    }
    state.counters["spans"] = double(trace.SpanCount());
    state.counters["vertices"] = double(vertices);
}

void BM_TimelineFrameWholeRun(benchmark::State& state) { DrawFrames(state, 0, 0.09); }
void BM_TimelineFrameZoomed1ms(benchmark::State& state) { DrawFrames(state, 0.040, 0.041); }
BENCHMARK(BM_TimelineFrameWholeRun)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TimelineFrameZoomed1ms)->Unit(benchmark::kMillisecond);

} // namespace
