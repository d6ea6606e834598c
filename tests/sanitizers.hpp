#pragma once
// Sanitizer builds run threads many times slower, so assertions about how
// fast something is (an upper bound on a time, a speedup) only hold in a
// normal build. Behaviour is asserted in every build.
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
inline constexpr bool kTimingIsMeaningful = false;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
inline constexpr bool kTimingIsMeaningful = false;
#else
inline constexpr bool kTimingIsMeaningful = true;
#endif
#else
inline constexpr bool kTimingIsMeaningful = true;
#endif

// ThreadSanitizer keeps a trace for every thread a process ever made and runs
// out of address space near 8,000: a test that starts that many skips there.
#if defined(__SANITIZE_THREAD__)
inline constexpr bool kThreadSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
inline constexpr bool kThreadSanitizer = true;
#else
inline constexpr bool kThreadSanitizer = false;
#endif
#else
inline constexpr bool kThreadSanitizer = false;
#endif

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
