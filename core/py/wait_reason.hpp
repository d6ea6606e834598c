#pragma once
// Why a thread waits for a signal, in a student's words: from the library
// function its program called (Queue.put: "the queue is full, it goes on
// after a get()"), for the lane's label and its tooltip.
#include <string>

namespace threadlab::py {

struct Frame;

// "tasks.put(item): the queue is full, it goes on after a get()", from the
// program's line `call_site` (empty for a thread of the library's own, a
// pool's worker: then the library function names the call).
std::string SignalWaitLabel(const Frame* innermost, const std::string& call_site);

} // namespace threadlab::py
