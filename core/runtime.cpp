#include "runtime.hpp"

#include <algorithm>

#include "clock.hpp"
#include "gil.hpp"
#include "os_thread_pool.hpp"
#include "wait.hpp"
#include "work.hpp"

#include <cmath>
#include <system_error>
#include <utility>
#include <sys/prctl.h>

namespace threadlab {

namespace {
thread_local Thread* t_current = nullptr;
std::atomic<int> g_threads_left_for_testing{-1}; // -1: no limit

// How many counter read/write pairs each thread records in full before it
// keeps only every kCounterSampleEvery-th (plus every one a switch split).
constexpr uint64_t kCounterFullRecords = 256;
constexpr uint64_t kCounterSampleEvery = 1024;
} // namespace

void SetThreadCreationLimitForTesting(int count) { g_threads_left_for_testing.store(count); }

std::string_view RunStatusName(RunStatus status)
{
    switch (status) {
    case RunStatus::Finished: return "finished";
    case RunStatus::Stopped: return "stopped";
    case RunStatus::Failed: return "failed";
    case RunStatus::Deadlocked: return "deadlocked";
    }
    return "?";
}

// Parked before a run's clock starts, so its first starts wake a thread.
constexpr int kParkedBeforeRun = 4;

bool ThreadHandle::IsAlive() const
{
    std::lock_guard lock(m_record->mutex);
    return m_record->started && !m_record->done;
}

bool ThreadHandle::HasEnded() const
{
    std::lock_guard lock(m_record->mutex);
    return m_record->done;
}

// ---------------------------------------------------------------- Runtime

Runtime::Runtime(const RunConfig& config, Recorder& recorder, StopFlag& stop, std::string run_name)
    : m_config(config), m_recorder(recorder), m_stop(stop), m_name(std::move(run_name))
{
    const double scale = m_config.time_scale;
    if (HasGil(m_config.model)) {
        const auto interval_ns = int64_t(std::llround(m_config.switch_interval * scale * 1e9));
        m_gil = std::make_unique<Gil>(std::max<int64_t>(interval_ns, 1000), m_stop, &m_recorder.Clock());
    }
    const double step_ns = kStepCostNs * StepCostFactor(m_config.model) * scale;
    m_step_iterations = std::max<uint64_t>(1, uint64_t(std::llround(step_ns * IterationsPerNs())));
    m_increment_half_iterations = std::max<uint64_t>(
        1, uint64_t(std::llround(step_ns * IncrementCostSteps(m_config.model) / 2 * IterationsPerNs())));
}

Runtime::~Runtime() { WaitForOsThreads(); }

ThreadRecord& Runtime::NewThread(std::string name, int process)
{
    auto record = std::make_unique<ThreadRecord>();
    record->name = std::move(name);
    record->process = process;
    std::lock_guard lock(m_threads_mutex);
    record->lane = m_recorder.AddLane(m_group, record->name, process); // may throw length_error
    record->part = int(m_parts.size()) - 1;
    record->index = int(m_threads.size());
    m_threads.push_back(std::move(record));
    // Going on from now: its creator may block before the child has begun.
    m_census.ThreadBegan();
    return *m_threads.back();
}

void Runtime::LaunchOsThread(ThreadRecord& record, ThreadFn fn)
{
    std::shared_ptr<OsJobs> jobs = m_os_jobs;
    {
        std::lock_guard lock(jobs->mutex);
        ++jobs->running;
    }
    const auto left = [](OsJobs& j) {
        std::lock_guard lock(j.mutex);
        if (--j.running == 0)
            j.none_left.notify_all();
    };
    try {
        OsThreadPool::Shared().Launch([this, &record, fn = std::move(fn), jobs, left]() mutable {
            // What the thread's function holds goes before the run may end,
            // not when the pool next drops the job.
            ThreadMain(record, std::exchange(fn, nullptr));
            left(*jobs);
        });
    } catch (...) {
        left(*jobs);
        throw;
    }
}

Gil* Runtime::NewProcessGil()
{
    if (m_gil == nullptr)
        return nullptr;
    auto gil = std::make_unique<Gil>(m_gil->Interval(), m_stop, &m_recorder.Clock());
    std::lock_guard lock(m_threads_mutex);
    m_process_gils.push_back(std::move(gil));
    return m_process_gils.back().get();
}

void Runtime::Fail(std::string reason)
{
    {
        std::lock_guard lock(m_threads_mutex);
        if (m_failure.empty())
            m_failure = std::move(reason);
    }
    m_stop.RequestStop();
}

void Runtime::EndDaemonThreads()
{
    m_ending_daemons.store(true);
    m_stop.RequestStop();
}

double Runtime::LessonSeconds(int64_t recorder_ns) const
{
    const int64_t origin = m_recorder.Group(m_first_group).origin_ns;
    return double(recorder_ns - origin) / 1e9 / m_config.time_scale;
}

void Runtime::BeginPart(Thread& main, std::string name)
{
    const int64_t t = m_recorder.Now();
    const int64_t settled = m_recorder.SettledNow();
    main.EndLane(t);
    m_recorder.EndGroup(m_group, t);
    {
        std::lock_guard lock(m_threads_mutex);
        m_parts.back().end_ns = t;
        m_parts.back().settled_end_ns = settled;
        m_group = m_recorder.AddGroup(name, std::string(ModelName(m_config.model)), m_config.time_scale, t);
        m_parts.push_back(Part{std::move(name), t, -1, m_gil ? m_gil->Switches() : 0, settled});
        main.Record().lane = m_recorder.AddLane(m_group, main.Name());
        main.Record().part = int(m_parts.size()) - 1;
    }
    main.BeginLane(t);
}

std::vector<RunOutcome> Runtime::PartOutcomes(const RunOutcome& whole) const
{
    std::lock_guard lock(const_cast<std::mutex&>(m_threads_mutex));
    if (m_parts.size() <= 1)
        return {whole};
    std::vector<RunOutcome> parts;
    const auto seconds = [&](int64_t ns, int64_t origin) { return double(ns - origin) / 1e9 / m_config.time_scale; };
    for (size_t p = 0; p < m_parts.size(); ++p) {
        const Part& part = m_parts[p];
        const int64_t end = part.end_ns >= 0 ? part.end_ns : m_threads.front()->end_ns;
        RunOutcome o;
        o.name = part.name;
        o.status = whole.status;
        o.failure = whole.failure;
        o.elapsed = seconds(end, part.start_ns);
        const uint64_t after = p + 1 < m_parts.size() ? m_parts[p + 1].gil_switches_before : whole.gil_switches;
        o.gil_switches = after - part.gil_switches_before;
        o.threads.push_back(ThreadSummary{"MainThread", 0.0, o.elapsed, {}});
        for (size_t i = 1; i < m_threads.size(); ++i)
            if (m_threads[i]->part == int(p))
                o.threads.push_back(ThreadSummary{m_threads[i]->name, seconds(m_threads[i]->start_ns, part.start_ns),
                                                  seconds(m_threads[i]->end_ns, part.start_ns), m_threads[i]->error});
        parts.push_back(std::move(o));
    }
    return parts;
}

std::vector<std::pair<std::string, double>> Runtime::PartTimes() const
{
    // A deadlocked run's parts end where the last thread began to wait, not where that was seen.
    const int64_t now = m_recorder.SettledNow() - m_census.StuckForNs();
    std::lock_guard lock(const_cast<std::mutex&>(m_threads_mutex));
    std::vector<std::pair<std::string, double>> times;
    for (const Part& part : m_parts)
        times.emplace_back(part.name, double((part.settled_end_ns >= 0 ? part.settled_end_ns : now) -
                                             part.settled_start_ns) /
                                          1e9 / m_config.time_scale);
    return times;
}

std::vector<std::string> Runtime::EndedInOrder() const
{
    std::vector<std::pair<int64_t, std::string>> ended;
    {
        std::lock_guard lock(const_cast<std::mutex&>(m_threads_mutex));
        for (size_t i = 1; i < m_threads.size(); ++i) {
            ThreadRecord& r = *m_threads[i];
            std::lock_guard record_lock(r.mutex);
            if (r.done)
                ended.emplace_back(r.end_ns, r.name);
        }
    }
    std::stable_sort(ended.begin(), ended.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> names;
    for (auto& e : ended)
        names.push_back(std::move(e.second));
    return names;
}

RunOutcome Runtime::Run(const ThreadFn& main)
{
    OsThreadPool::Shared().Prestart(kParkedBeforeRun);
    m_recorder.Clock().BeginRun(m_config.time_scale);
    m_group = m_first_group = m_recorder.AddGroup(m_name, std::string(ModelName(m_config.model)), m_config.time_scale);
    {
        std::lock_guard lock(m_threads_mutex);
        m_parts.push_back(Part{m_name, m_recorder.Group(m_group).origin_ns, -1, 0, m_recorder.SettledNow()});
    }
    ThreadRecord& main_record = NewThread("MainThread");
    main_record.gil = m_gil.get();
    main_record.main = true;
    {
        // MainThread runs on the caller's thread: it wakes on time too (see
        // OsThreadPool::Loop), and the caller gets its own slack back after.
        const int caller_slack = ::prctl(PR_GET_TIMERSLACK);
        ::prctl(PR_SET_TIMERSLACK, 1UL);
        struct RestoreSlack {
            int slack;
            ~RestoreSlack() { ::prctl(PR_SET_TIMERSLACK, static_cast<unsigned long>(slack)); }
        } restore{caller_slack};
        Thread self(*this, main_record);
        try {
            self.Begin();
            main(self);
        } catch (const RunStopped&) {
        } catch (const RunDeadlocked&) {
        } catch (const PythonError& e) {
            main_record.error = e.what();
            self.AddMark(MarkKind::Error, 0, kNoLane, 0, 0, m_recorder.InternLabel(e.what()));
            Fail("MainThread raised " + std::string(e.what()));
        } catch (const std::exception& e) {
            Fail(e.what());
        } catch (...) {
            Fail("MainThread raised an unknown exception");
        }
        self.Finish();
    }
    WaitForOsThreads();
    OsThreadPool::Shared().Trim(Runtime::kParkedAfterRun);
    m_recorder.EndGroup(m_group);

    RunOutcome outcome;
    outcome.name = m_name;
    {
        std::lock_guard lock(m_threads_mutex);
        outcome.failure = m_failure;
        for (const auto& record : m_threads)
            outcome.threads.push_back(ThreadSummary{record->name, LessonSeconds(record->start_ns),
                                                    LessonSeconds(record->end_ns), record->error});
    }
    // A stop asked for before the program ended wins over a deadlock seen
    // meanwhile: it may have cut off the finale that reads the metrics.
    outcome.status = !outcome.failure.empty()                        ? RunStatus::Failed
                     : m_stop.StopRequested() && !m_ending_daemons.load() ? RunStatus::Stopped
                     : m_census.Deadlocked()                             ? RunStatus::Deadlocked
                                                                       : RunStatus::Finished;
    if (outcome.status == RunStatus::Deadlocked)
        outcome.failure = m_census.Description();
    outcome.elapsed = outcome.threads.front().end - outcome.threads.front().start;
    outcome.gil_switches = m_gil ? m_gil->Switches() : 0;
    if (m_gil)
        outcome.handoff_latencies_ns = m_gil->HandoffLatenciesNs();
    outcome.split_increments = m_split_increments.load(std::memory_order_relaxed);
    return outcome;
}

void Runtime::WaitForOsThreads()
{
    std::unique_lock lock(m_os_jobs->mutex);
    m_os_jobs->none_left.wait(lock, [&] { return m_os_jobs->running == 0; });
}

void Runtime::ThreadMain(ThreadRecord& record, ThreadFn fn)
{
    Thread self(*this, record);
    try {
        self.Begin();
        fn(self);
    } catch (const RunStopped&) {
    } catch (const PythonError& e) {
        // Python prints "Exception in thread X" and the thread ends; the run goes on.
        record.error = e.what();
        self.AddMark(MarkKind::Error, 0, kNoLane, 0, 0, m_recorder.InternLabel(e.what()));
    } catch (const std::exception& e) {
        Fail("thread " + record.name + ": " + e.what());
    } catch (...) {
        Fail("thread " + record.name + " raised an unknown exception");
    }
    self.Finish();
}

// ---------------------------------------------------------------- Thread

Thread::Thread(Runtime& runtime, ThreadRecord& record)
    : m_runtime(runtime), m_record(record), m_lane_info(&runtime.m_recorder.Lane(record.lane)),
      m_gil(record.gil), m_recording(runtime.m_recorder.Recording()), m_previous_current(t_current)
{
    t_current = this;
}

Thread* Thread::Current() { return t_current; }

double Thread::Now() const { return m_runtime.LessonSeconds(m_runtime.m_recorder.SettledNow()); }

int64_t Thread::Ns(double lesson_seconds) const
{
    // Far beyond any run (292 years): treated as "for ever", never overflowed.
    constexpr double kForever = 9e18;
    const double ns = lesson_seconds * m_runtime.m_config.time_scale * 1e9;
    return ns >= kForever ? int64_t(kForever) : int64_t(std::llround(ns));
}

void Thread::Append(const TraceEvent& event)
{
    if (!m_recording || m_events >= Runtime::kLaneEventBudget)
        return;
    TraceEvent recorded = event;
    if (++m_events == Runtime::kLaneEventBudget) {
        recorded = TraceEvent{};
        recorded.t_ns = event.t_ns;
        recorded.code = uint8_t(State::Unrecorded);
        m_state = State::Unrecorded;
    }
    m_runtime.m_recorder.Append(m_record.lane, recorded);
}

void Thread::SetState(State state, int32_t other, uint32_t object, uint16_t label, int64_t value, int64_t t)
{
    TraceEvent e;
    e.t_ns = t >= 0 ? t : m_runtime.m_recorder.Now();
    e.value = value;
    e.other = other;
    e.object = object;
    e.label = label;
    e.kind = EventKind::StateChange;
    e.code = uint8_t(state);
    m_state = state;
    Append(e);
}

void Thread::AddMark(MarkKind kind, int64_t value, int32_t other, uint32_t object, uint32_t seq, uint16_t label)
{
    TraceEvent e;
    e.t_ns = m_runtime.m_recorder.Now();
    e.value = value;
    e.seq = seq;
    e.other = other;
    e.object = object;
    e.label = label;
    e.kind = EventKind::Mark;
    e.code = uint8_t(kind);
    Append(e);
}

void Thread::Begin()
{
    m_record.start_ns = m_runtime.m_recorder.Now();
    AddMark(MarkKind::Start);
    if (m_record.launching)
        m_runtime.m_recorder.Clock().GilWaiting(-1); // TakeGil counts it again if it must wait
    // A new thread needs the GIL like anyone else before it runs Python.
    TakeGil();
    m_cpu_when_begun = ThreadCpuNs();
    SetState(State::Running);
    {
        std::lock_guard lock(m_record.mutex);
        m_record.started = true;
    }
    m_record.changed.notify_all();
}

// Written past the lane's budget: a lane always shows where it ends.
void Thread::EndLane(int64_t t)
{
    TraceEvent end;
    end.t_ns = t;
    end.kind = EventKind::Mark;
    end.code = uint8_t(MarkKind::End);
    m_runtime.m_recorder.Append(m_record.lane, end);
    TraceEvent done;
    done.t_ns = t;
    done.code = uint8_t(State::Done);
    m_runtime.m_recorder.Append(m_record.lane, done);
}

void Thread::BeginLane(int64_t t)
{
    m_lane_info = &m_runtime.m_recorder.Lane(m_record.lane);
    m_events = 0; // each lane has its own budget
    TraceEvent start;
    start.t_ns = t;
    start.kind = EventKind::Mark;
    start.code = uint8_t(MarkKind::Start);
    m_runtime.m_recorder.Append(m_record.lane, start);
    SetState(m_state, kNoLane, 0, 0, 0, t);
}

void Thread::Finish()
{
    // The end is always recorded, whatever the lane's budget.
    const int64_t t = m_runtime.m_recorder.Now();
    try {
        EndLane(t);
    } catch (const std::bad_alloc&) {
        m_runtime.Fail("out of memory while recording");
    }
    m_state = State::Done;
    try {
        ReleaseGil();
    } catch (const RunStopped&) {
    }
    {
        std::lock_guard lock(m_record.mutex);
        m_record.end_ns = t;
        m_record.started = true;
        m_record.done = true;
        m_runtime.m_census.ThreadEnded(); // under the mutex its joiners look under
        if (m_gil != nullptr && m_record.joiners > 0) {
            m_record.joiners_woken = m_record.joiners;
            m_runtime.m_recorder.Clock().GilWaiting(m_record.joiners_woken);
        }
    }
    m_record.changed.notify_all();
    t_current = m_previous_current;
}

void Thread::ReleaseGil()
{
    if (m_gil_hooks.releasing != nullptr)
        m_gil_hooks.releasing(m_gil_hooks.context);
    if (!m_has_gil)
        return;
    m_has_gil = false;
    m_gil->Drop(m_record.lane);
}

void Thread::TakeGil()
{
    if (m_gil != nullptr) {
        const Gil::Taken taken =
            m_gil->Take(m_record.lane, [&](int32_t holder) { SetState(State::WaitingGil, holder); });
        m_has_gil = true;
        ++m_gil_reacquires;
        if (taken.previous_holder != kNoLane && taken.previous_holder != m_record.lane)
            AddMark(MarkKind::GilTaken, 0, taken.previous_holder, 0, m_runtime.m_recorder.NextSeq());
    }
    if (m_gil_hooks.taken != nullptr)
        m_gil_hooks.taken(m_gil_hooks.context);
}

void Thread::YieldGil()
{
    const int64_t released_at = m_runtime.m_recorder.Now();
    m_has_gil = false;
    const int32_t taker = m_gil->Drop(m_record.lane);
    SetState(State::WaitingGil, taker, 0, 0, 0, released_at);
    const Gil::Taken taken = m_gil->Take(m_record.lane, [](int32_t) {});
    m_has_gil = true;
    ++m_gil_reacquires;
    if (taken.previous_holder != kNoLane && taken.previous_holder != m_record.lane)
        AddMark(MarkKind::GilTaken, 0, taken.previous_holder, 0, m_runtime.m_recorder.NextSeq());
    SetState(RunningState());
}

void Thread::SwitchPoint()
{
    if (m_runtime.m_stop.StopRequested()) [[unlikely]]
        throw RunStopped{};
    if (m_has_gil && m_gil->DropRequested()) [[unlikely]]
        YieldGil();
}

void Thread::Burn(uint64_t iterations) { BurnIterations(iterations, m_burn_state); }

void Thread::BurnNs(int64_t ns)
{
    if (ns > 0)
        Burn(uint64_t(double(ns) * IterationsPerNs()));
}

void Thread::Work(int64_t steps)
{
    const uint64_t per_step = m_runtime.m_step_iterations;
    for (int64_t i = 0; i < steps; ++i) {
        SwitchPoint(); // the loop's back-edge
        Burn(per_step);
    }
}

void Thread::Increment(SharedCounter& counter)
{
    const bool may_split = m_runtime.m_config.model == Model::Py39;
    const uint64_t half_step = m_runtime.m_increment_half_iterations;
    Burn(half_step);
    const int64_t seen = counter.value.load(std::memory_order_relaxed);
    const uint64_t reacquires_before = m_gil_reacquires;
    // 3.9 checks for a drop request between the load and the store. If one
    // is pending the switch is about to split this increment: record the
    // read now, so the lane's marks stay in time order. The request is read
    // once, so a split always has its read mark; one that arrives just after
    // is served at the next switch point, as CPython's next check would.
    const bool split_coming = may_split && m_has_gil && m_gil->DropRequested();
    if (may_split && m_runtime.m_stop.StopRequested()) [[unlikely]]
        throw RunStopped{};
    if (split_coming) {
        AddMark(MarkKind::CounterRead, seen);
        YieldGil();
    }
    Burn(half_step);
    counter.value.store(seen + 1, std::memory_order_relaxed);
    ++m_increments;

    if (m_gil_reacquires != reacquires_before) {
        // Other threads ran between our load and our store: whatever they
        // added is overwritten now. Always recorded.
        m_runtime.m_split_increments.fetch_add(1, std::memory_order_relaxed);
        AddMark(MarkKind::CounterWrite, seen + 1);
    } else if (m_increments <= kCounterFullRecords || m_increments % kCounterSampleEvery == 0 ||
               m_gil_reacquires != m_reacquires_at_recorded_write) {
        // Sampled, but never a whole GIL slice without one: then a write by
        // another thread inside a split is always on the timeline, and the
        // window can tell a split that lost updates from one that did not.
        if (!split_coming)
            AddMark(MarkKind::CounterRead, seen);
        AddMark(MarkKind::CounterWrite, seen + 1);
        m_reacquires_at_recorded_write = m_gil_reacquires;
    }
}

void Thread::Sleep(double seconds, std::string_view why)
{
    if (!(seconds >= 0))
        throw PythonError("ValueError: sleep length must be non-negative");
    if (seconds > 1e9)
        throw PythonError("OverflowError: sleep length is too large");
    SwitchPoint();
    const int64_t duration = Ns(seconds);
    const uint16_t label = why.empty() ? 0 : m_runtime.m_recorder.InternLabel(why);
    const Recorder& recorder = m_runtime.m_recorder;
    const int64_t wake = recorder.Now() + duration; // lesson clock: overhead meanwhile makes it later
    SetState(State::Sleeping, kNoLane, 0, label, duration);
    ReleaseGil();
    // The lesson clock never runs faster than real time: sleeping what is left
    // (and what it stands still for) never oversleeps it; the clock may only
    // need another, shorter sleep.
    for (int64_t left = duration; left > 0; left = wake - recorder.Now())
        if (!m_runtime.m_stop.SleepUntil(NowNs() + recorder.Clock().RealNsToGo(left)))
            throw RunStopped{};
    TakeGil();
    SetState(RunningState());
}

ThreadRecord& Thread::LaunchChild(std::string name, ThreadFn fn, ChildProcess process, bool refusal_throws)
{
    SwitchPoint();
    ThreadRecord* child = nullptr;
    try {
        const bool new_process = process.number > 0;
        child = &m_runtime.NewThread(std::move(name), new_process ? process.number : m_record.process);
        child->gil = new_process ? process.gil : m_gil;
        if (g_threads_left_for_testing.load() >= 0 && g_threads_left_for_testing.fetch_sub(1) <= 0)
            throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again));
        // On its way to the GIL from now: the lesson clock counts the OS's
        // start-up latency as a hand-off.
        child->launching = child->gil != nullptr;
        if (child->launching)
            m_runtime.m_recorder.Clock().GilWaiting(+1);
        try {
            m_runtime.LaunchOsThread(*child, std::move(fn));
        } catch (...) {
            if (child->launching)
                m_runtime.m_recorder.Clock().GilWaiting(-1);
            throw;
        }
    } catch (const std::system_error& e) {
        if (!refusal_throws)
            m_runtime.Fail("could not start thread " + (child ? child->name : std::string()) + ": " + e.what());
        if (child != nullptr) {
            // It never ran: a zero-length life at this moment, already over.
            std::lock_guard lock(child->mutex);
            child->start_ns = child->end_ns = m_runtime.m_recorder.Now();
            child->started = child->done = true;
            child->error = e.what();
            m_runtime.m_census.ThreadEnded();
        }
        if (refusal_throws)
            throw ThreadRefused{e.what()};
        throw RunStopped{};
    } catch (const std::length_error& e) {
        m_runtime.Fail(e.what());
        throw RunStopped{};
    }
    return *child;
}

ThreadHandle Thread::Start(std::string name, ThreadFn fn, ChildProcess process)
{
    ThreadRecord* child = &LaunchChild(std::move(name), std::move(fn), process, false);
    // Thread.start() waits on an event until the child runs; the wait releases
    // the GIL. Labelled with the call, short enough to print on the bar.
    SetState(State::WaitingLock, child->lane, 0, m_runtime.m_recorder.InternLabel("start(" + child->name + ")"));
    ReleaseGil();
    {
        std::unique_lock lock(child->mutex);
        WaitUntil(lock, child->changed, m_runtime.m_stop, INT64_MAX, [&] { return child->started; });
    }
    TakeGil();
    SetState(RunningState());
    return ThreadHandle(child);
}

ThreadHandle Thread::StartWithoutWaiting(std::string name, ThreadFn fn, ChildProcess process)
{
    return ThreadHandle(&LaunchChild(std::move(name), std::move(fn), process, true));
}

bool Thread::Join(const ThreadHandle& thread, double timeout)
{
    SwitchPoint();
    if (thread.Record() == nullptr)
        throw PythonError("RuntimeError: cannot join thread before it is started");
    ThreadRecord& child = *thread.Record();
    if (&child == &m_record)
        throw PythonError("RuntimeError: cannot join current thread");
    {
        std::lock_guard lock(child.mutex);
        if (child.done) {
            AddMark(MarkKind::JoinReturned, 0, child.lane);
            return true;
        }
    }
    SetState(State::Joining, child.lane);
    ReleaseGil();
    bool ended = false;
    bool deadlocked = false;
    {
        std::unique_lock lock(child.mutex);
        const int64_t deadline = timeout < 0 || timeout > 1e9 ? INT64_MAX : NowNs() + Ns(timeout);
        ForeverWait wait(m_runtime.m_census, m_record, timeout < 0);
        const auto what = [&] { return "joins " + child.name; };
        ++child.joiners;
        struct Leave {
            ThreadRecord& child;
            LessonClock& clock;
            ~Leave()
            {
                --child.joiners;
                if (child.joiners_woken > 0) {
                    --child.joiners_woken;
                    clock.GilWaiting(-1);
                }
            }
        } leave{child, m_runtime.m_recorder.Clock()}; // also when the wait throws (a stop)
        ended = WaitUntil(lock, child.changed, m_runtime.m_stop, deadline,
                          // A run being stopped is not deadlocked: its threads end as they unwind.
                          [&] {
                              return child.done || (!m_runtime.m_stop.StopRequested() && wait.MainMustUnwind(what));
                          }) == WaitResult::Ready &&
                !wait.Unwinding();
        deadlocked = wait.Unwinding();
    }
    TakeGil();
    if (deadlocked) {
        SetState(RunningState());
        throw RunDeadlocked{};
    }
    if (ended)
        AddMark(MarkKind::JoinReturned, 0, child.lane);
    SetState(RunningState());
    return ended;
}

} // namespace threadlab
