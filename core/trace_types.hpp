#pragma once
// The vocabulary of a recording: what state a thread is in, which instants are
// worth a mark, and the one small event struct every writer appends.
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace threadlab {

// What a thread is doing. A span lasts from one state change to the next.
enum class State : uint8_t {
    Running,     // executing Python (holds the GIL where there is one)
    Sleeping,    // time.sleep or blocking I/O; GIL released
    WaitingGil,  // ready to run, waiting to win the interpreter lock
    WaitingLock, // blocked on a Lock / TraceEvent / Semaphore / start handshake
    HoldingLock, // running while holding at least one Lock
    Joining,     // inside Thread.join()
    Done,        // the thread has ended
    Unrecorded,  // the lane spent its event budget; what follows was not recorded
    // Blocked until another thread signals: a Queue's get or put, Event.wait,
    // Condition.wait, a Semaphore. Each is a lock the waiter itself holds,
    // which only another thread can release (threading.py's Condition).
    // Last, so that traces saved before it keep their numbers.
    WaitingSignal,
};
inline constexpr int kStateCount = 9;

// Instants on a lane.
enum class MarkKind : uint8_t {
    Start,        // the thread began running its target
    End,          // the thread's target returned (or raised)
    JoinReturned, // join() returned; `other` is the joined thread's lane
    LockAcquired, // `object` is the lock id, `seq` orders hand-offs
    LockReleased,
    GilTaken,     // the GIL changed hands; `other` is the previous holder
    CounterRead,  // `value` is what the load saw
    CounterWrite, // `value` is what the store wrote
    Error,        // an exception escaped the thread; `label` says which
};
inline constexpr int kMarkKindCount = 9;

enum class EventKind : uint8_t { StateChange, Mark };

inline constexpr int32_t kNoLane = -1;

// One recorded event. Trivially copyable and 32 bytes so an append is a
// couple of stores; strings live in the recorder's label table (interned once).
struct TraceEvent {
    int64_t t_ns = 0;      // recorder clock, nanoseconds since the recorder began
    int64_t value = 0;     // state: planned duration in ns (sleep); mark: counter value
    uint32_t seq = 0;      // global order of hand-offs (GIL, locks); 0 = none
    int32_t other = kNoLane; // the other thread involved (GIL/lock holder, joined thread)
    uint32_t object = 0;   // lock id, 0 = none
    uint16_t label = 0;    // interned text ("a file write"), 0 = none
    EventKind kind = EventKind::StateChange;
    uint8_t code = 0;      // a State or a MarkKind, by `kind`
};
static_assert(std::is_trivially_copyable_v<TraceEvent>);
static_assert(sizeof(TraceEvent) == 32);

constexpr std::string_view StateName(State s)
{
    switch (s) {
    case State::Running: return "running";
    case State::Sleeping: return "sleeping";
    case State::WaitingGil: return "waiting for the GIL";
    case State::WaitingLock: return "waiting for a lock";
    case State::HoldingLock: return "holding a lock";
    case State::Joining: return "joining";
    case State::Done: return "done";
    case State::Unrecorded: return "not recorded";
    case State::WaitingSignal: return "waiting for a signal";
    }
    return "?";
}

constexpr std::string_view MarkName(MarkKind k)
{
    switch (k) {
    case MarkKind::Start: return "start";
    case MarkKind::End: return "end";
    case MarkKind::JoinReturned: return "join returned";
    case MarkKind::LockAcquired: return "lock acquired";
    case MarkKind::LockReleased: return "lock released";
    case MarkKind::GilTaken: return "GIL taken";
    case MarkKind::CounterRead: return "counter read";
    case MarkKind::CounterWrite: return "counter write";
    case MarkKind::Error: return "exception";
    }
    return "?";
}

} // namespace threadlab
