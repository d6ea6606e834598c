// time: sleep and the clocks, all through the executor, so a simulated run
// sleeps in virtual time and every clock reads lesson seconds.
#include "builtins_impl.hpp"

#include <cmath>
#include <fmt/format.h>

namespace threadlab::py {

namespace {

Value Sleep(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "sleep", 1, 1);
    const Value v = args.pos[0];
    if (!IsNumber(v))
        TypeError(&ts, fmt::format("'{}' object cannot be interpreted as an integer", TypeName(v)));
    const double seconds = ToDouble(ts, v);
    if (std::isnan(seconds))
        ValueError(&ts, "Invalid value NaN (not a number)");
    if (seconds < 0)
        ValueError(&ts, "sleep length must be non-negative");
    if (seconds > 1e9)
        Raise(&ts, Types().OverflowError, "sleep length is too large");
    ts.exec.Sleep(ts, seconds);
    return Value::None();
}

Value Monotonic(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "monotonic", 0, 0);
    return Value::Float(ts.exec.Now(ts));
}

Value MonotonicNs(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "monotonic_ns", 0, 0);
    return MakeInt(int64_t(std::llround(ts.exec.Now(ts) * 1e9)));
}

Value Time(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "time", 0, 0);
    return Value::Float(ts.exec.WallTime(ts));
}

Value TimeNs(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "time_ns", 0, 0);
    return MakeInt(int64_t(std::llround(ts.exec.WallTime(ts) * 1e9)));
}

// CPU time: the lesson seconds this thread has computed.
Value ThreadTime(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "thread_time", 0, 0);
    return Value::Float(double(ts.clock_ps) / 1e12 / ts.interp.settings.time_scale);
}

} // namespace

Module* MakeTimeModule(ThreadState&)
{
    NativeModuleSpec s;
    s.Function("sleep", Sleep);
    s.Function("monotonic", Monotonic);
    s.Function("perf_counter", Monotonic);
    s.Function("monotonic_ns", MonotonicNs);
    s.Function("perf_counter_ns", MonotonicNs);
    s.Function("time", Time);
    s.Function("time_ns", TimeNs);
    s.Function("process_time", ThreadTime);
    s.Function("thread_time", ThreadTime);
    return BuildNativeModule("time", std::move(s));
}

} // namespace threadlab::py
