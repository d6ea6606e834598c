#include "recorder.hpp"
#include "snapshot.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

using namespace threadlab;

TEST_CASE("two writers and a snapshotting reader lose no event", "[recorder]")
{
    Recorder recorder;
    const int group = recorder.AddGroup("threaded", "3.12", 1.0);
    const int a = recorder.AddLane(group, "A");
    const int b = recorder.AddLane(group, "B");
    constexpr int kEvents = 200'000;

    auto writer = [&](int lane) {
        for (int i = 0; i < kEvents; ++i) {
            TraceEvent e;
            e.t_ns = recorder.Now();
            e.value = i;
            e.kind = i % 3 == 0 ? EventKind::Mark : EventKind::StateChange;
            e.code = i % 3 == 0 ? uint8_t(MarkKind::CounterWrite) : uint8_t(i % 2 ? State::Running : State::WaitingGil);
            recorder.Append(lane, e);
        }
    };
    std::atomic<bool> writing{true};
    TraceSnapshot live;
    int snapshots = 0;
    bool ordered = true;
    std::thread reader([&] {
        while (writing.load()) {
            live.Update(recorder);
            ++snapshots;
            for (const LaneTrace& lane : live.lanes)
                for (size_t i = 0; i < lane.spans.size(); ++i) {
                    const Span& s = lane.spans[i];
                    if (s.t1 < s.t0 || (i > 0 && lane.spans[i - 1].t1 != s.t0))
                        ordered = false;
                }
        }
    });
    std::thread wa(writer, a), wb(writer, b);
    wa.join();
    wb.join();
    writing = false;
    reader.join();
    live.Update(recorder);

    CHECK(snapshots > 0);
    CHECK(ordered);
    for (const LaneTrace& lane : live.lanes) {
        REQUIRE(lane.spans.size() + lane.marks.size() == size_t(kEvents));
        // Values arrive complete and in order.
        int64_t expected_mark = 0;
        for (const Mark& m : lane.marks) {
            CHECK(m.value == expected_mark);
            expected_mark += 3;
        }
    }
}

TEST_CASE("the last span of a live lane is open until the next state change", "[recorder]")
{
    Recorder recorder;
    const int group = recorder.AddGroup("run", "3.12", 1.0);
    const int lane = recorder.AddLane(group, "MainThread");
    TraceEvent e;
    e.t_ns = recorder.Now();
    e.code = uint8_t(State::Sleeping);
    recorder.Append(lane, e);

    TraceSnapshot snapshot;
    snapshot.Update(recorder);
    REQUIRE(snapshot.lanes[0].spans.size() == 1);
    const int64_t first_end = snapshot.lanes[0].spans[0].t1;
    CHECK(first_end >= snapshot.lanes[0].spans[0].t0);

    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    snapshot.Update(recorder);
    CHECK(snapshot.lanes[0].spans[0].t1 > first_end); // grows with "now"

    e.t_ns = recorder.Now();
    e.code = uint8_t(State::Done);
    recorder.Append(lane, e);
    snapshot.Update(recorder);
    REQUIRE(snapshot.lanes[0].spans.size() == 2);
    CHECK(snapshot.lanes[0].ended);
    CHECK(snapshot.lanes[0].spans[0].t1 == snapshot.lanes[0].spans[1].t0);
}

TEST_CASE("labels are interned once and read back", "[recorder]")
{
    Recorder recorder;
    const uint16_t write = recorder.InternLabel("a file write");
    CHECK(write != 0);
    CHECK(recorder.InternLabel("a file write") == write);
    CHECK(recorder.Label(write) == "a file write");
    CHECK(recorder.InternLabel("") == 0);
}

TEST_CASE("a snapshot taken while runs and threads are being added stays consistent", "[recorder]")
{
    Recorder recorder;
    std::atomic<bool> adding{true};
    std::thread writer([&] {
        for (int g = 0; g < 40; ++g) {
            const int group = recorder.AddGroup("run " + std::to_string(g), "3.12", 1.0);
            for (int l = 0; l < 20; ++l)
                recorder.AddLane(group, "T" + std::to_string(l));
        }
        adding = false;
    });
    TraceSnapshot snapshot;
    while (adding.load())
        snapshot.Update(recorder);
    writer.join();
    snapshot.Update(recorder);
    CHECK(snapshot.groups.size() == 40);
    CHECK(snapshot.lanes.size() == 800);
    for (const LaneTrace& lane : snapshot.lanes)
        CHECK(size_t(lane.group) < snapshot.groups.size());
}

TEST_CASE("a recording reads back only its own events, in memory an earlier one gave back", "[recorder]")
{
    // Full-size chunks are recycled from one recording to the next: what a
    // reader sees must be this run's writes, never the last run's left-overs.
    constexpr int kEvents = 5 * int(EventLog::kMaxChunk) + 17;
    auto record = [&](int64_t first_value, int events) {
        auto recorder = std::make_unique<Recorder>();
        const int lane = recorder->AddLane(recorder->AddGroup("run", "3.12", 1.0), "A");
        for (int i = 0; i < events; ++i) {
            TraceEvent e;
            e.t_ns = i;
            e.value = first_value + i;
            e.kind = EventKind::Mark;
            e.code = uint8_t(MarkKind::CounterWrite);
            recorder->Append(lane, e);
        }
        TraceSnapshot snapshot;
        snapshot.Update(*recorder);
        return snapshot.lanes.at(0).marks;
    };
    const std::vector<Mark> first = record(1'000'000, kEvents);
    REQUIRE(first.size() == size_t(kEvents));
    for (int round = 0; round < 3; ++round) {
        const int events = kEvents / (round + 2); // ends part-way through a recycled chunk
        const std::vector<Mark> again = record(0, events);
        REQUIRE(again.size() == size_t(events));
        size_t first_wrong = again.size();
        for (size_t i = 0; i < again.size() && first_wrong == again.size(); ++i)
            if (again[i].value != int64_t(i) || again[i].t - again[0].t != int64_t(i))
                first_wrong = i;
        CAPTURE(round, first_wrong);
        CHECK(first_wrong == again.size());
    }
}

TEST_CASE("a snapshot reads spans where the recorder wrote them: each its own event, even after the recorder is gone",
          "[recorder]")
{
    TraceSnapshot snapshot;
    constexpr int kEvents = 30'000; // past the growing chunks (8,128 events) into full-size ones
    {
        Recorder recorder;
        const int group = recorder.AddGroup("run", "3.12", 1.0, 1000);
        const int lane = recorder.AddLane(group, "MainThread");
        for (int i = 0; i < kEvents; ++i) {
            TraceEvent e;
            e.t_ns = 1000 + int64_t(i) * 10;
            e.kind = i % 5 == 0 ? EventKind::Mark : EventKind::StateChange; // a chunk may begin with a mark
            e.code = uint8_t(e.kind == EventKind::Mark ? uint8_t(MarkKind::CounterWrite) : uint8_t(State::Running));
            e.object = uint32_t(i);
            recorder.Append(lane, e);
            if (i % 7777 == 0)
                snapshot.Update(recorder); // reads in pieces, as the window does
        }
        snapshot.Update(recorder);
    }
    const SpanList& spans = snapshot.lanes[0].spans;
    REQUIRE(spans.size() == size_t(kEvents - kEvents / 5));
    bool each_its_own = true;
    for (size_t k = 0; k < spans.size(); ++k) {
        const uint32_t event = uint32_t(k / 4 * 5 + k % 4 + 1); // every fifth event is a mark
        const Span span = spans[k];
        each_its_own &= span.object == event && span.t0 == int64_t(event) * 10;
        if (k + 1 < spans.size())
            each_its_own &= span.t1 == spans[k + 1].t0;
    }
    CHECK(each_its_own);
    CHECK(snapshot.lanes[0].marks.size() == size_t(kEvents / 5));
    // What the snapshot holds of its own: a few bytes a span, not a copy.
    CHECK(double(spans.BytesHeld()) / double(spans.size()) < 8.0);
}

TEST_CASE("a place in the log is where the chain of chunks puts it", "[recorder]")
{
    uint64_t index = 0;
    uint32_t capacity = EventLog::kFirstChunk;
    for (uint32_t chunk = 0; chunk < 12; ++chunk) {
        for (uint32_t slot = 0; slot < capacity; slot += capacity - 1) {
            const EventLog::Place place = EventLog::Locate(index + slot);
            CHECK(place.chunk == chunk);
            CHECK(place.slot == slot);
        }
        index += capacity;
        capacity = std::min(capacity * 2, EventLog::kMaxChunk);
    }
}
