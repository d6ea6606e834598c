#include "work_files.hpp"

#include "atomic_file.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace threadlab {

namespace {
std::filesystem::path WorkFile(const std::string& dir, const std::string& id)
{
    return std::filesystem::path(dir) / (id + ".py");
}
} // namespace

std::string DefaultWorkDir()
{
    const char* xdg = std::getenv("XDG_DATA_HOME");
    const char* home = std::getenv("HOME");
    const std::string base = xdg && *xdg ? xdg : std::string(home ? home : ".") + "/.local/share";
    return base + "/threadlab/work";
}

std::optional<std::string> LoadWork(const std::string& dir, const std::string& id)
{
    std::ifstream in(WorkFile(dir, id), std::ios::binary);
    if (!in)
        return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::optional<std::string> SaveWork(const std::string& dir, const std::string& id, const std::string& text)
{
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error)
        return "cannot make the folder " + dir + ": " + error.message();
    return WriteFileAtomically(WorkFile(dir, id).string(), text);
}

void RemoveWork(const std::string& dir, const std::string& id)
{
    std::error_code ignored;
    std::filesystem::remove(WorkFile(dir, id), ignored);
}

} // namespace threadlab
