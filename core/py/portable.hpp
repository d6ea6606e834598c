#pragma once
// Values that cross between emulated processes: what pickle does between
// CPython processes. A value is copied out of one interpreter's heap into
// plain C++ (Portable) and rebuilt in another's, so no object is ever shared
// by two processes.
//
// Design notes
// - By value: None, bool, int, float, str, tuple, list, dict, set,
//   frozenset, and instances of a user's class (class reference plus its
//   attributes), exceptions (type, args, attributes).
// - By reference, as pickle does: module-level functions and classes and
//   builtins, as (module, qualname), looked up again on the other side.
//   `__main__` in a worker is the main module imported as `__mp_main__`.
// - Refused with pickle's errors: lambdas and nested functions, locks,
//   threads, generators and anything else with state outside Python.
// - Native objects that are shared on purpose (a process queue) travel as
//   what their type shares (Type::share) and are wrapped again on the other
//   side (Type::unshare).
#include "value.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace threadlab::py {

class ThreadState;
struct Type;

struct Portable {
    enum class Kind : uint8_t {
        None, Bool, Int, Float, Str, Ellipsis,
        Tuple, List, Set, FrozenSet, Dict, // items; a dict's are key, value, key, value …
        Global,                            // text: module, qualname
        Instance,                          // items[0]: the class (Global), items[1]: its attributes (Dict)
        Exception,                         // items[0]: the type, [1]: args (Tuple), [2]: attributes (Dict)
        Native,                            // native, rebuilt by `rebuild`
    };
    Kind kind = Kind::None;
    int64_t integer = 0;
    double number = 0;
    std::string text;
    std::string qualname;
    std::vector<Portable> items;
    std::shared_ptr<void> native; // Native: what the object shares (Type::share)
    const Type* native_type = nullptr; // Native: its type, which wraps it again (Type::unshare)
};

// Copies `v` out of the calling interpreter (raises PicklingError,
// TypeError or AttributeError as pickle does for what cannot travel).
Portable ToPortable(ThreadState& ts, Value v);
// Rebuilds `p` in the calling thread's interpreter.
Value FromPortable(ThreadState& ts, const Portable& p);

} // namespace threadlab::py
