// Recording: what one event costs a writer, alone (in fresh memory, and run
// after run as the window records) and with a second writer while a reader
// snapshots every 16 ms; and what a recorded span weighs.
#include "memory.hpp"
#include "recorder.hpp"
#include "snapshot.hpp"

#include <benchmark/benchmark.h>

#include <atomic>
#include <memory>
#include <thread>

using namespace threadlab;

namespace {

TraceEvent StateEvent(const Recorder& recorder, int i)
{
    TraceEvent e;
    e.t_ns = recorder.Now(); // a real clock read, as the runtime does
    e.code = uint8_t(i % 2 ? State::Running : State::WaitingGil);
    return e;
}

void BM_RecordOneWriter(benchmark::State& state)
{
    Recorder recorder;
    const int lane = recorder.AddLane(recorder.AddGroup("bench", "3.12", 1.0), "A");
    int i = 0;
    for (auto _ : state)
        recorder.Append(lane, StateEvent(recorder, i++));
    state.counters["ns_per_event"] =
        benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
    // What the clock read alone costs here, the floor under ns_per_event.
    constexpr int kReads = 1'000'000;
    int64_t sum = 0;
    const int64_t t0 = NowNs();
    for (int r = 0; r < kReads; ++r)
        sum += recorder.Now();
    benchmark::DoNotOptimize(sum);
    state.counters["clock_read_ns"] = double(NowNs() - t0) / kReads;
}
BENCHMARK(BM_RecordOneWriter);

// As the window records: a new recording for each run of a million events,
// so after the first run the writer fills memory an earlier run gave back.
// (BM_RecordOneWriter grows one recording without end: every event there
// lands in memory the kernel must first map and zero.)
void BM_RecordRunAfterRun(benchmark::State& state)
{
    constexpr int kEventsPerRun = 1'000'000;
    auto recorder = std::make_unique<Recorder>();
    int lane = recorder->AddLane(recorder->AddGroup("bench", "3.12", 1.0), "A");
    int i = 0;
    for (auto _ : state) {
        recorder->Append(lane, StateEvent(*recorder, i));
        if (++i == kEventsPerRun) [[unlikely]] {
            state.PauseTiming();
            recorder = std::make_unique<Recorder>();
            lane = recorder->AddLane(recorder->AddGroup("bench", "3.12", 1.0), "A");
            i = 0;
            state.ResumeTiming();
        }
    }
    state.counters["ns_per_event"] =
        benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_RecordRunAfterRun);

// Two writers (the benchmark thread and one more) while a reader takes an
// incremental snapshot every 16 ms, as the window does.
void BM_RecordTwoWritersAndReader(benchmark::State& state)
{
    Recorder recorder;
    const int group = recorder.AddGroup("bench", "3.12", 1.0);
    const int lane = recorder.AddLane(group, "A");
    const int other_lane = recorder.AddLane(group, "B");
    std::atomic<bool> running{true};
    std::thread other([&] {
        int i = 0;
        while (running.load(std::memory_order_relaxed))
            recorder.Append(other_lane, StateEvent(recorder, i++));
    });
    std::thread reader([&] {
        TraceSnapshot snapshot;
        while (running.load(std::memory_order_relaxed)) {
            snapshot.Update(recorder);
            std::this_thread::sleep_for(std::chrono::milliseconds(16));
        }
    });
    int i = 0;
    for (auto _ : state)
        recorder.Append(lane, StateEvent(recorder, i++));
    running = false;
    other.join();
    reader.join();
    state.counters["ns_per_event"] =
        benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_RecordTwoWritersAndReader)->UseRealTime();

// Bytes per recorded span: the recorder's chunks plus the window's snapshot,
// and the resident size of holding 1,000,000 spans over 64 lanes.
void BM_MemoryPerSpan(benchmark::State& state)
{
    constexpr int kLanes = 64;
    constexpr int kSpans = 1'000'000;
    double bytes_per_span = 0, resident_mb = 0;
    for (auto _ : state) {
        const double before = bench::ResidentMegabytes();
        auto recorder = std::make_unique<Recorder>();
        const int group = recorder->AddGroup("bench", "3.12", 1.0);
        std::vector<int> lanes;
        for (int l = 0; l < kLanes; ++l)
            lanes.push_back(recorder->AddLane(group, "T" + std::to_string(l)));
        for (int i = 0; i < kSpans; ++i) {
            TraceEvent e;
            e.t_ns = int64_t(i / kLanes) * 1000;
            e.code = uint8_t(i % 2 ? State::Running : State::WaitingGil);
            recorder->Append(lanes[size_t(i % kLanes)], e);
        }
        auto snapshot = std::make_unique<TraceSnapshot>();
        snapshot->Update(*recorder);
        size_t recorder_bytes = 0, snapshot_bytes = 0;
        for (int l = 0; l < kLanes; ++l) {
            recorder_bytes += recorder->Lane(l).log.BytesReserved();
            snapshot_bytes += snapshot->lanes[size_t(l)].spans.BytesHeld();
        }
        bytes_per_span = double(recorder_bytes + snapshot_bytes) / kSpans;
        resident_mb = bench::ResidentMegabytes() - before;
        benchmark::DoNotOptimize(snapshot->SpanCount());
    }
    state.counters["bytes_per_span"] = bytes_per_span;
    state.counters["resident_MB_1M_spans"] = resident_mb;
}
BENCHMARK(BM_MemoryPerSpan)->Iterations(1)->Unit(benchmark::kMillisecond);

} // namespace
