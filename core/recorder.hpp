#pragma once
// Recorder: everything one lesson execution recorded, readable while it runs.
//
// Design notes
// - A *group* is one run of a scenario ("sequential", "threaded"); it has its
//   own time origin so runs can be drawn one above the other on one axis.
// - A *lane* is one emulated thread. Its events are appended only by that
//   thread (EventLog is single-writer), so recording never takes a lock.
// - Groups, lanes and labels are created rarely (thread start, lesson set-up)
//   under a mutex and published through fixed-capacity arrays of atomic
//   pointers, so a reader finds them without locking and they never move.
// - Anything whose cross-thread order matters (GIL and lock hand-offs) takes
//   a number from one global sequence.
#include "clock.hpp"
#include "event_log.hpp"
#include "lesson_clock.hpp"

#include <atomic>
#include <utility>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace threadlab {

struct GroupInfo {
    std::string name;         // "sequential", "threaded", …
    std::string python;       // interpreter model label, "3.12"
    double time_scale = 1.0;  // real seconds per lesson second
    int64_t origin_ns = 0;    // recorder time at which the run began
    std::atomic<int64_t> end_ns{-1}; // recorder time at which it ended, -1 while running
};

struct LaneInfo {
    std::string name;
    int group = 0;
    int process = 0; // 0: the program's own; n: the emulated process numbered n (SpawnProcess-n)
    EventLog log;
    // The listing line the thread is at (0 = none); a hint for the window,
    // written with relaxed stores, read whenever.
    std::atomic<int> current_line{0};
};

class Recorder {
public:
    static constexpr int kMaxGroups = 64;
    static constexpr int kMaxLanes = 8192;
    static constexpr int kMaxLabels = 4096;

    Recorder();
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    // Set-up, any thread. AddLane throws std::length_error past kMaxLanes.
    // Its origin is now, or `origin_ns` (a simulated run's virtual moment).
    int AddGroup(std::string name, std::string python, double time_scale, int64_t origin_ns = -1);
    // At `at_ns` (a simulated run's virtual end), or now.
    void EndGroup(int group, int64_t at_ns = -1);
    int AddLane(int group, std::string name, int process = 0);
    uint16_t InternLabel(std::string_view text);
    // What the program calls an object the spans name by id (a lock: "lock").
    void NameObject(uint32_t object, std::string_view name);
    std::vector<std::pair<uint32_t, uint16_t>> ObjectNames() const; // object id → label, any thread

    // Writer side, from the lane's own thread.
    // The lesson clock (lesson_clock.hpp): the trace clock less the engine's overhead.
    int64_t Now() const { return m_clock.At(TraceNowNs()) - m_origin_ns; }
    LessonClock& Clock() { return m_clock; }
    const LessonClock& Clock() const { return m_clock; }
    // What a program reads as the time (LessonClock::Settled).
    int64_t SettledNow() { return m_clock.Settled(TraceNowNs()) - m_origin_ns; }
    // A simulated run that stands still (step mode waits for a choice) says
    // what time it is: readers then draw "now" there, not at the wall clock.
    void SetVirtualNow(int64_t ns) { m_virtual_now.store(ns, std::memory_order_relaxed); }
    void Append(int lane, const TraceEvent& event) { Lane(lane).log.Append(event); }
    uint32_t NextSeq() { return m_seq.fetch_add(1, std::memory_order_relaxed) + 1; }

    // Reader side, any thread, never blocks writers.
    int GroupCount() const { return m_group_count.load(std::memory_order_acquire); }
    int LaneCount() const { return m_lane_count.load(std::memory_order_acquire); }
    const GroupInfo& Group(int index) const { return *m_group_ptrs[index].load(std::memory_order_acquire); }
    LaneInfo& Lane(int index) const { return *m_lane_ptrs[index].load(std::memory_order_acquire); }
    std::string_view Label(uint16_t id) const;
    int64_t OriginNs() const { return m_origin_ns; }
    // Now() as a reader should draw it: the simulated moment when one was set.
    int64_t ReaderNow() const
    {
        const int64_t v = m_virtual_now.load(std::memory_order_relaxed);
        return v >= 0 ? v : Now();
    }

    // With recording off, threads record only their start and end: for
    // measuring what recording itself costs. Set before a run starts.
    void SetRecording(bool on) { m_recording = on; }
    bool Recording() const { return m_recording; }

private:
    std::vector<std::pair<uint32_t, uint16_t>> m_object_names; // under m_setup
    LessonClock m_clock;
    std::atomic<int64_t> m_virtual_now{-1};
    int64_t m_origin_ns;
    bool m_recording = true;
    std::atomic<uint32_t> m_seq{0};

    mutable std::mutex m_setup; // guards the owning vectors below, never taken by a writer recording
    std::vector<std::unique_ptr<GroupInfo>> m_groups;
    std::vector<std::unique_ptr<LaneInfo>> m_lanes;
    std::vector<std::unique_ptr<std::string>> m_labels;
    std::unordered_map<std::string_view, uint16_t> m_label_ids; // views of m_labels' strings

    std::atomic<int> m_group_count{0};
    std::atomic<int> m_lane_count{0};
    std::atomic<int> m_label_count{1}; // label 0 is the empty string
    // Fixed capacity so published pointers never move; heap-allocated to keep
    // the Recorder itself small.
    std::unique_ptr<std::atomic<GroupInfo*>[]> m_group_ptrs{new std::atomic<GroupInfo*>[kMaxGroups]};
    std::unique_ptr<std::atomic<LaneInfo*>[]> m_lane_ptrs{new std::atomic<LaneInfo*>[kMaxLanes]};
    std::unique_ptr<std::atomic<const std::string*>[]> m_label_ptrs{new std::atomic<const std::string*>[kMaxLabels]};
};

} // namespace threadlab
