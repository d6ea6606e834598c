#include "wait_reason.hpp"

#include "code.hpp"
#include "interp.hpp"

#include <string_view>

namespace threadlab::py {

namespace {

struct Reason {
    std::string_view function; // qualname in threadlab's threading, queue and concurrent.futures
    std::string_view why;
};

constexpr Reason kReasons[] = {
    {"Queue.put", "the queue is full, it goes on after a get()"},
    {"Queue.get", "the queue is empty, it goes on after a put()"},
    {"SimpleQueue.get", "the queue is empty, it goes on after a put()"},
    {"Queue.join", "it goes on once every item put is marked task_done()"},
    {"Event.wait", "it goes on when another thread calls set()"},
    {"Condition.wait", "it goes on when another thread calls notify()"},
    {"Condition.wait_for", "it goes on when another thread calls notify()"},
    {"Semaphore.acquire", "every slot is taken, it goes on after a release()"},
    {"Barrier.wait", "it goes on when every party has reached the barrier"},
    {"Thread.start", "the new thread has not begun to run yet"},
    {"Future.result", "the future has no result yet"},
    {"Future.exception", "the future has no result yet"},
    {"wait", "it goes on as the futures finish"},
    {"as_completed", "it goes on as the futures finish"},
};

} // namespace

std::string SignalWaitLabel(const Frame* innermost, const std::string& call_site)
{
    // The outermost library function with a reason before the program's own
    // code: Event.wait rather than the Condition.wait inside it, a pool
    // worker's Queue.get rather than the loop around it.
    const Reason* reason = nullptr;
    for (const Frame* f = innermost; f != nullptr; f = f->back) {
        const ModuleInfo* m = f->code->module;
        if (m != nullptr && !m->library)
            break;
        for (const Reason& r : kReasons)
            if (f->code->qualname == r.function)
                reason = &r;
    }
    if (reason == nullptr)
        return call_site;
    std::string call = call_site.empty() ? std::string(reason->function) + "()" : call_site;
    // A block's own colon ("for f in as_completed(fs):") would make two.
    if (!call.empty() && call.back() == ':')
        call.pop_back();
    return call + ": " + std::string(reason->why);
}

} // namespace threadlab::py
