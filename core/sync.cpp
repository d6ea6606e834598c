#include "sync.hpp"

#include "clock.hpp"
#include "wait.hpp"

namespace threadlab {

namespace {
int64_t DeadlineAfter(const Thread& self, double timeout)
{
    return timeout < 0 ? INT64_MAX : NowNs() + self.Ns(timeout);
}
} // namespace

// ---------------------------------------------------------------- Lock

Lock::Lock(Runtime& runtime) : m_runtime(runtime), m_id(runtime.NewObjectId()) {}

bool Lock::Acquire(Thread& self, double timeout)
{
    int32_t holder_seen = kNoLane;
    {
        std::lock_guard lock(m_mutex);
        if (!m_locked) {
            m_locked = true;
            m_holder = self.Lane();
        } else {
            holder_seen = m_holder;
            ++m_contended;
        }
    }
    if (holder_seen == kNoLane) {
        self.LockTaken();
        self.SetState(State::HoldingLock, kNoLane, m_id);
        self.SwitchPoint(); // returning from a call into C
        return true;
    }
    if (timeout == 0)
        return false;

    // Blocked: release the GIL while waiting, as CPython does.
    self.SetState(State::WaitingLock, holder_seen, m_id);
    self.ReleaseGil();
    const int64_t wait_start = NowNs();
    bool acquired = false;
    uint32_t seq = 0;
    {
        std::unique_lock lock(m_mutex);
        ++m_waiters;
        try {
            acquired = WaitUntil(lock, m_released, m_runtime.Stop(), DeadlineAfter(self, timeout),
                                 [&] { return !m_locked; }) == WaitResult::Ready;
        } catch (const RunStopped&) {
            --m_waiters;
            throw;
        }
        --m_waiters;
        if (acquired) {
            m_locked = true;
            m_holder = self.Lane();
            seq = m_runtime.Rec().NextSeq();
        }
        m_wait_ns += NowNs() - wait_start;
    }
    if (acquired) {
        self.AddMark(MarkKind::LockAcquired, 0, holder_seen, m_id, seq);
        self.LockTaken();
    }
    self.TakeGil();
    self.SetState(self.RunningState(), kNoLane, acquired ? m_id : 0);
    return acquired;
}

void Lock::Release(Thread& self)
{
    bool handoff = false;
    uint32_t seq = 0;
    {
        std::lock_guard lock(m_mutex);
        if (!m_locked)
            throw PythonError("RuntimeError: release unlocked lock");
        m_locked = false;
        m_holder = kNoLane;
        handoff = m_waiters > 0;
        if (handoff)
            seq = m_runtime.Rec().NextSeq();
    }
    m_released.notify_one();
    if (handoff)
        self.AddMark(MarkKind::LockReleased, 0, kNoLane, m_id, seq);
    self.LockGiven();
    if (self.CurrentState() == State::HoldingLock && self.RunningState() == State::Running)
        self.SetState(State::Running, kNoLane, m_id);
    self.SwitchPoint();
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

double Lock::WaitSeconds() const
{
    std::lock_guard lock(m_mutex);
    return double(m_wait_ns) / 1e9 / m_runtime.Config().time_scale;
}

// ---------------------------------------------------------------- Event

Event::Event(Runtime& runtime) : m_runtime(runtime), m_id(runtime.NewObjectId()) {}

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
    self.SetState(State::WaitingLock, kNoLane, m_id, m_runtime.Rec().InternLabel(kLabel));
    self.ReleaseGil();
    bool set = false;
    {
        std::unique_lock lock(m_mutex);
        set = WaitUntil(lock, m_changed, m_runtime.Stop(), DeadlineAfter(self, timeout), [&] { return m_set; }) ==
              WaitResult::Ready;
    }
    self.TakeGil();
    self.SetState(self.RunningState());
    return set;
}

// ---------------------------------------------------------------- Semaphore

Semaphore::Semaphore(Runtime& runtime, int64_t value, int64_t bound)
    : m_runtime(runtime), m_id(runtime.NewObjectId()), m_bound(bound), m_value(value)
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
    self.SetState(State::WaitingLock, kNoLane, m_id, m_runtime.Rec().InternLabel(kLabel));
    self.ReleaseGil();
    bool acquired = false;
    {
        std::unique_lock lock(m_mutex);
        acquired = WaitUntil(lock, m_changed, m_runtime.Stop(), DeadlineAfter(self, timeout),
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
