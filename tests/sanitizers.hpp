#pragma once
// Which sanitizer this build runs under (GCC defines __SANITIZE_*, Clang
// answers __has_feature).
#if defined(__has_feature)
#define THREADLAB_HAS_FEATURE(x) __has_feature(x)
#else
#define THREADLAB_HAS_FEATURE(x) 0
#endif
#if defined(__SANITIZE_THREAD__) || THREADLAB_HAS_FEATURE(thread_sanitizer)
inline constexpr bool kThreadSanitizer = true;
#else
inline constexpr bool kThreadSanitizer = false;
#endif
#if defined(__SANITIZE_ADDRESS__) || THREADLAB_HAS_FEATURE(address_sanitizer)
inline constexpr bool kAddressSanitizerBuild = true;
#else
inline constexpr bool kAddressSanitizerBuild = false;
#endif

// Sanitizer builds run threads many times slower, so assertions about how
// fast something is (an upper bound on a time, a speedup) only hold in a
// normal build. Behaviour is asserted in every build.
inline constexpr bool kTimingIsMeaningful = !kThreadSanitizer && !kAddressSanitizerBuild;

// ThreadSanitizer keeps a trace for every thread a process ever made and runs
// out of address space near 8,000: a test that starts that many skips there
// (kThreadSanitizer).

// CHECK(expr) only where timings mean something.
#define CHECK_TIMING(...)                                                                                              \
    do {                                                                                                               \
        if (kTimingIsMeaningful)                                                                                       \
            CHECK(__VA_ARGS__);                                                                                        \
    } while (0)

// Sanitizer builds run the interpreter ten to thirty times slower, so a live
// test there needs only a fraction of a normal build's work to see as many
// switches of the GIL (and the suite keeps within CI's time).
inline constexpr long long ForThisBuild(long long normal, long long sanitized)
{
    return kTimingIsMeaningful ? normal : sanitized;
}
