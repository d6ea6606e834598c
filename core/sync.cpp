#include "sync.hpp"

#include "clock.hpp"
#include "wait.hpp"

namespace threadlab {

namespace {
int64_t DeadlineAfter(const Thread& self, double timeout)
{
    return timeout < 0 || timeout > 1e9 ? INT64_MAX : NowNs() + self.Ns(timeout);
}

std::atomic<uint32_t> g_next_object_id{1};
} // namespace

// ---------------------------------------------------------------- Lock

Lock::Lock() : m_id(g_next_object_id.fetch_add(1, std::memory_order_relaxed)) {}

bool Lock::Acquire(Thread& self, double timeout) { return AcquireWithSwitch(self, timeout, true); }

bool Lock::AcquireWithSwitch(Thread& self, double timeout, bool switch_after, WaitLabel wait_label)
{
    int32_t holder_seen = kNoLane;
    {
        std::lock_guard lock(m_mutex);
        if (!m_locked) {
            m_locked = true;
            HandOffEnded();
            m_holder = self.Lane();
            m_holder_record = &self.Record();
        } else {
            holder_seen = m_holder;
            ++m_contended;
        }
    }
    if (holder_seen == kNoLane) {
        if (!m_visible)
            return true;
        self.Record().locks_held.fetch_add(1, std::memory_order_relaxed);
        self.SetState(State::HoldingLock, kNoLane, m_id);
        if (switch_after)
            ReleaseIfThrows(self, [&] { self.SwitchPoint(); }); // returning from a call into C
        return true;
    }
    if (timeout == 0)
        return false;

    // Blocked: release the GIL while waiting, as CPython does. Blocked on a
    // lock it holds itself, a thread waits for another to release it: a signal.
    const uint16_t label = wait_label.Get(holder_seen == self.Lane());
    if (holder_seen == self.Lane())
        self.SetState(State::WaitingSignal, kNoLane, m_id, label);
    else
        self.SetState(State::WaitingLock, holder_seen, m_id, label);
    self.ReleaseGil();
    const int64_t wait_start = self.Rt().Rec().Now();
    bool acquired = false;
    uint32_t seq = 0;
    bool deadlocked = false;
    {
        std::unique_lock lock(m_mutex);
        ++m_waiters;
        ForeverWait wait(self.Rt().Census(), self.Record(), timeout < 0);
        const auto what = [&] {
            // A library's lock (an Event's, a Queue's) is named by the program's call that waits on it.
            const std::string_view call = label != 0 ? self.Rt().Rec().Label(label) : std::string_view();
            return !m_visible && !call.empty() ? "waits in " + std::string(call)
                   : m_holder_record != nullptr ? "waits for a lock held by " + m_holder_record->name
                                                : std::string("waits for a lock");
        };
        try {
            acquired = WaitUntil(lock, m_released, self.Rt().Stop(), DeadlineAfter(self, timeout),
                                 // A run being stopped is not deadlocked: its threads end as they unwind.
                                 [&] {
                                     return !m_locked ||
                                            (!self.Rt().Stop().StopRequested() && wait.MainMustUnwind(what));
                                 }) == WaitResult::Ready &&
                       !wait.Unwinding();
        } catch (const RunStopped&) {
            if (--m_waiters == 0)
                HandOffEnded();
            throw;
        }
        if (--m_waiters == 0)
            HandOffEnded();
        deadlocked = wait.Unwinding();
        if (acquired) {
            m_locked = true;
            HandOffEnded();
            m_holder = self.Lane();
            m_holder_record = &self.Record();
            seq = self.Rt().Rec().NextSeq();
        }
        m_wait_ns += self.Rt().Rec().Now() - wait_start;
    }
    if (acquired) {
        self.AddMark(MarkKind::LockAcquired, 0, holder_seen, m_id, seq);
        if (m_visible)
            self.Record().locks_held.fetch_add(1, std::memory_order_relaxed);
        // A stop while winning the GIL back must not leave the lock taken:
        // the caller never learns it has it.
        ReleaseIfThrows(self, [&] { self.TakeGil(); });
    } else {
        self.TakeGil();
    }
    self.SetState(self.RunningState(), kNoLane, acquired ? m_id : 0);
    if (deadlocked)
        throw RunDeadlocked{};
    return acquired;
}

void Lock::lock()
{
    Thread& self = *Thread::Current();
    AcquireWithSwitch(self, -1, self.Rt().Config().model == Model::Py39);
}

void Lock::Release(Thread& self)
{
    ReleaseWithoutSwitch(self);
    self.SwitchPoint(); // returning from a call into C
}

template <class Step>
void Lock::ReleaseIfThrows(Thread& self, Step&& step)
{
    try {
        step();
    } catch (...) {
        try {
            ReleaseWithoutSwitch(self);
        } catch (...) {
        }
        throw;
    }
}

void Lock::unlock() noexcept
{
    // Called from destructors (std::scoped_lock), so it must not throw: the
    // switch point is skipped (a stop is noticed at the next one), and a
    // release of an unlocked lock, which Python would raise, is ignored here.
    Thread* self = Thread::Current();
    if (self == nullptr)
        return;
    try {
        ReleaseWithoutSwitch(*self);
    } catch (...) {
    }
}

void Lock::ReleaseWithoutSwitch(Thread& self)
{
    bool handoff = false;
    uint32_t seq = 0;
    ThreadRecord* acquirer = nullptr;
    {
        std::lock_guard lock(m_mutex);
        if (!m_locked)
            throw PythonError("RuntimeError: release unlocked lock");
        m_locked = false;
        m_holder = kNoLane;
        acquirer = m_visible ? m_holder_record : nullptr;
        m_holder_record = nullptr;
        handoff = m_waiters > 0;
        if (handoff && m_handing_to_waiter == nullptr && self.GilOf() != nullptr) {
            m_handing_to_waiter = &self.Rt().Rec().Clock();
            m_handing_to_waiter->GilWaiting(+1);
        }
        if (handoff) {
            seq = self.Rt().Rec().NextSeq();
            self.Rt().Census().Changed(); // under the mutex its waiters look under
        }
    }
    m_released.notify_one();
    if (acquirer != nullptr)
        acquirer->locks_held.fetch_sub(1, std::memory_order_relaxed);
    if (handoff)
        self.AddMark(MarkKind::LockReleased, 0, kNoLane, m_id, seq);
    if (self.CurrentState() == State::HoldingLock && self.RunningState() == State::Running)
        self.SetState(State::Running, kNoLane, m_id);
}

void Lock::HandOffEnded()
{
    if (m_handing_to_waiter != nullptr)
        m_handing_to_waiter->GilWaiting(-1);
    m_handing_to_waiter = nullptr;
}

bool Lock::Locked() const
{
    std::lock_guard lock(m_mutex);
    return m_locked;
}

int64_t Lock::ContendedCount() const
{
    std::lock_guard lock(m_mutex);
    return m_contended;
}

double Lock::WaitSeconds(double time_scale) const
{
    std::lock_guard lock(m_mutex);
    return double(m_wait_ns) / 1e9 / time_scale;
}

// ---------------------------------------------------------------- Event

Event::Event() : m_id(g_next_object_id.fetch_add(1, std::memory_order_relaxed)) {}

void Event::Set(Thread& self)
{
    {
        std::lock_guard lock(m_mutex);
        m_set = true;
    }
    m_changed.notify_all();
    self.SwitchPoint();
}

void Event::Clear(Thread& self)
{
    {
        std::lock_guard lock(m_mutex);
        m_set = false;
    }
    self.SwitchPoint();
}

bool Event::IsSet() const
{
    std::lock_guard lock(m_mutex);
    return m_set;
}

bool Event::Wait(Thread& self, double timeout)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_set)
            return true;
    }
    static constexpr std::string_view kLabel = "Event.wait()";
    self.SetState(State::WaitingSignal, kNoLane, m_id, self.Rt().Rec().InternLabel(kLabel));
    self.ReleaseGil();
    bool set = false;
    {
        std::unique_lock lock(m_mutex);
        set = WaitUntil(lock, m_changed, self.Rt().Stop(), DeadlineAfter(self, timeout), [&] { return m_set; }) ==
              WaitResult::Ready;
    }
    self.TakeGil();
    self.SetState(self.RunningState());
    return set;
}

// ---------------------------------------------------------------- Semaphore

Semaphore::Semaphore(int64_t value, int64_t bound)
    : m_id(g_next_object_id.fetch_add(1, std::memory_order_relaxed)), m_bound(bound), m_value(value)
{
    if (value < 0)
        throw PythonError("ValueError: semaphore initial value must be >= 0");
}

bool Semaphore::Acquire(Thread& self, double timeout)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_value > 0) {
            --m_value;
            return true;
        }
    }
    if (timeout == 0)
        return false;
    static constexpr std::string_view kLabel = "Semaphore.acquire()";
    self.SetState(State::WaitingSignal, kNoLane, m_id, self.Rt().Rec().InternLabel(kLabel));
    self.ReleaseGil();
    bool acquired = false;
    {
        std::unique_lock lock(m_mutex);
        acquired = WaitUntil(lock, m_changed, self.Rt().Stop(), DeadlineAfter(self, timeout),
                             [&] { return m_value > 0; }) == WaitResult::Ready;
        if (acquired)
            --m_value;
    }
    self.TakeGil();
    self.SetState(self.RunningState());
    return acquired;
}

void Semaphore::Release(Thread& self, int64_t n)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_bound > 0 && m_value + n > m_bound)
            throw PythonError("ValueError: Semaphore released too many times");
        m_value += n;
    }
    m_changed.notify_all();
    self.SwitchPoint();
}

int64_t Semaphore::Value() const
{
    std::lock_guard lock(m_mutex);
    return m_value;
}

} // namespace threadlab
