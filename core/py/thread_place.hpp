#pragma once
// Where a paused thread is, in the program's own terms: the line it will
// run next, that line's instructions with the next one marked, and the
// values on its stack — what step mode shows beside each thread.
#include <string>
#include <vector>

namespace threadlab::py {

class ThreadState;
struct Module;

struct ThreadPlace {
    std::string thread;
    int line = 0;          // the program's line it runs next; 0 before it reaches the program's code
    std::string function;  // the program's function it is in ("add_many", "<module>")
    std::string inside;    // the library call it is inside ("Thread.join"), empty in its own code
    std::vector<std::string> instructions; // the line's instructions, in order ("LOAD_GLOBAL counter")
    int next = -1;         // index of the one it runs next; -1 inside a call
    // Its value stack, bottom first ("5", "'a'", "<list>"), when it paused at a
    // switch point (only there is the stack's height saved).
    std::vector<std::string> stack;
    bool operator==(const ThreadPlace&) const = default;
};

// Reads `ts`, which must be paused (not running) while this runs.
ThreadPlace PlaceOf(const ThreadState& ts, std::string thread, bool at_switch_point);

// The program's own call the thread is in, as the timeline labels a sleep
// or a wait: the code of the innermost line that is not threadlab's library
// ("done.wait()"), without its indent or comment, at most 48 characters.
std::string CallSite(const ThreadState& ts);

// What the program calls the object being made here: the name on the left
// of `lock = threading.Lock()` on the innermost line of the program's own
// code, else "the lock made at line N" (`what`: "lock").
std::string NameBeingMade(const ThreadState& ts, const std::string& what);

// A value as step mode shows it, without running any Python: numbers, short
// strings, True/False/None; other objects by their type ("<list>").
std::string ShortRepr(class Value v);

// The current value of each of `names` in `module`, as ShortRepr shows it
// ("unbound" for a name not yet assigned).
std::vector<std::pair<std::string, std::string>> GlobalsOf(const Module& module, const std::vector<std::string>& names);

} // namespace threadlab::py
