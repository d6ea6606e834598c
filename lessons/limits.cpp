#include "limits.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/resource.h>
#include <unistd.h>

#include "page_run.hpp"

namespace threadlab {

namespace {

std::string ReadText(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::optional<int64_t> ParseInt(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.remove_suffix(1);
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

std::optional<int64_t> ReadInt(const std::string& path) { return ParseInt(ReadText(path)); }

// This process's cgroup (v2) folder, or empty.
std::string CgroupDir()
{
    std::istringstream lines(ReadText("/proc/self/cgroup"));
    std::string line;
    while (std::getline(lines, line))
        if (line.rfind("0::", 0) == 0)
            return "/sys/fs/cgroup" + line.substr(3);
    return {};
}

// What a cgroup still allows of a resource ("max" means no limit).
std::optional<int64_t> CgroupRoom(const std::string& dir, const std::string& resource)
{
    if (dir.empty())
        return std::nullopt;
    const auto max = ReadInt(dir + "/" + resource + ".max");
    const auto current = ReadInt(dir + "/" + resource + ".current");
    if (!max || !current)
        return std::nullopt;
    return std::max<int64_t>(0, *max - *current);
}

int64_t OwnThreads()
{
    int64_t count = 0;
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator("/proc/self/task", ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
        ++count;
    return std::max<int64_t>(count, 1);
}

std::string Bytes(int64_t bytes)
{
    const double b = double(bytes);
    if (b >= 1e9)
        return fmt::format("{:.1f} GB", b / 1e9);
    if (b >= 1e6)
        return fmt::format("{:.0f} MB", b / 1e6);
    return fmt::format("{:.0f} KB", b / 1e3);
}

std::string Count(int64_t n)
{
    std::string digits = std::to_string(n);
    std::string out;
    for (size_t k = 0; k < digits.size(); ++k) {
        if (k != 0 && (digits.size() - k) % 3 == 0)
            out += ',';
        out += digits[k];
    }
    return out;
}

} // namespace

std::optional<int64_t> ParseMemAvailable(std::string_view meminfo)
{
    constexpr std::string_view kKey = "MemAvailable:";
    const size_t at = meminfo.find(kKey);
    if (at == std::string_view::npos)
        return std::nullopt;
    std::string_view rest = meminfo.substr(at + kKey.size());
    rest = rest.substr(0, rest.find('\n'));
    const size_t unit = rest.find("kB");
    if (unit == std::string_view::npos)
        return std::nullopt;
    const auto kb = ParseInt(rest.substr(0, unit));
    if (!kb || *kb < 0)
        return std::nullopt;
    return *kb * 1024;
}

std::optional<int64_t> ParseLoadavgThreads(std::string_view loadavg)
{
    // "0.10 0.05 0.01 2/123 4567": running/existing scheduling entities.
    const size_t slash = loadavg.find('/');
    if (slash == std::string_view::npos)
        return std::nullopt;
    const size_t end = loadavg.find(' ', slash);
    return ParseInt(loadavg.substr(slash + 1, end == std::string_view::npos ? loadavg.npos : end - slash - 1));
}

SystemLimits ReadSystemLimits()
{
    SystemLimits limits;
    const std::string cgroup = CgroupDir();

    if (const auto available = ParseMemAvailable(ReadText("/proc/meminfo")))
        limits.memory_available_bytes = *available;
    if (const auto room = CgroupRoom(cgroup, "memory"); room && *room < limits.memory_available_bytes)
        limits.memory_available_bytes = *room;

    auto lower = [&](std::optional<int64_t> room, const char* name) {
        if (room && *room < limits.threads_available) {
            limits.threads_available = std::max<int64_t>(0, *room);
            limits.threads_limit_name = name;
        }
    };
    if (const auto existing = ParseLoadavgThreads(ReadText("/proc/loadavg"))) {
        if (const auto max = ReadInt("/proc/sys/kernel/threads-max"))
            lower(*max - *existing, "the system's threads-max");
        if (const auto pid_max = ReadInt("/proc/sys/kernel/pid_max"))
            lower(*pid_max - *existing, "the system's pid_max");
    }
    lower(CgroupRoom(cgroup, "pids"), "this container's pids.max");
    rlimit nproc{};
    if (::getuid() != 0 && ::getrlimit(RLIMIT_NPROC, &nproc) == 0 && nproc.rlim_cur != RLIM_INFINITY)
        lower(int64_t(nproc.rlim_cur) - OwnThreads(), "RLIMIT_NPROC (ulimit -u)");
    return limits;
}

RunNeeds EstimateNeeds(const Lesson& lesson, const ParamValues& values, const RunConfig& config)
{
    // The page says how many threads its program starts and, roughly, how
    // many events it records; a page that does not say gets a small guess.
    RunNeeds needs;
    const LessonPreview& preview = lesson.Preview(values, config.model);
    const BeforeRun* before = preview.before ? &*preview.before : nullptr;
    needs.threads = before != nullptr && before->threads >= 0 ? before->threads : 1;
    needs.events = before != nullptr && before->events >= 0 ? before->events : (needs.threads + 1) * 8;
    needs.bytes = needs.events * kEventBytes * 2 + needs.threads * kResidentBytesPerThread;
    return needs;
}

std::optional<std::string> CheckRunLimits(const Lesson& lesson, const ParamValues& values, const RunConfig& config,
                                          const SystemLimits& limits)
{
    const RunNeeds needs = EstimateNeeds(lesson, values, config);
    if (needs.threads > limits.threads_available)
        return fmt::format("this run would start {} threads at once, but {} allows only {} more; use fewer threads "
                           "(or a pool of workers)",
                           Count(needs.threads), limits.threads_limit_name.empty() ? "the system" : limits.threads_limit_name,
                           Count(limits.threads_available));
    if (needs.bytes > limits.memory_available_bytes)
        return fmt::format("this run would need about {} of memory ({} events recorded, 32 bytes each, kept twice: "
                           "the recording and its view), but only {} is available; use fewer threads or fewer "
                           "increments or iterations",
                           Bytes(needs.bytes), Count(needs.events), Bytes(limits.memory_available_bytes));
    return std::nullopt;
}

// ---- Helpers for the lessons' needs()

int64_t LaneEvents(double events)
{
    constexpr double kBudget = double(Runtime::kLaneEventBudget);
    return int64_t(std::clamp(std::ceil(events), 0.0, kBudget));
}

double GilSwitchesPerThread(int64_t threads, double cpu_seconds_each, const RunConfig& config)
{
    // With a GIL, threads that all want it take turns once per switch
    // interval; alone, a thread is never switched out.
    if (!HasGil(config.model) || threads < 2)
        return 0;
    return cpu_seconds_each / std::max(config.switch_interval, kMinSwitchInterval);
}

} // namespace threadlab
