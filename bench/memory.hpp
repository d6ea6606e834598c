#pragma once
// Resident memory of this process, from /proc (Linux).
#include <cstdio>
#include <unistd.h>

namespace threadlab::bench {

inline double ResidentMegabytes()
{
    long pages_total = 0, pages_resident = 0;
    FILE* f = std::fopen("/proc/self/statm", "r");
    if (f == nullptr)
        return 0;
    if (std::fscanf(f, "%ld %ld", &pages_total, &pages_resident) != 2)
        pages_resident = 0;
    std::fclose(f);
    return double(pages_resident) * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

} // namespace threadlab::bench
