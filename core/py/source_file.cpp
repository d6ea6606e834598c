#include "source_file.hpp"

#include "unicode.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sys/stat.h>

namespace threadlab::py {

std::optional<std::string> CheckSourceText(const std::string& text)
{
    if (text.size() > kMaxSourceBytes)
        return "is larger than 1 MiB (" + std::to_string(text.size()) + " bytes); threadlab runs programs up to " +
               std::to_string(kMaxSourceBytes) + " bytes";
    if (text.find('\0') != std::string::npos)
        return "is not a text file (it holds a NUL byte)";
    if (!IsValidUtf8(text))
        return "is not UTF-8 text";
    return std::nullopt;
}

std::optional<std::string> ReadSourceFile(const std::string& path, std::string& text)
{
    struct stat st {};
    if (stat(path.c_str(), &st) != 0)
        return path + ": " + (errno == ENOENT ? std::string("no such file") : std::strerror(errno));
    if (S_ISDIR(st.st_mode))
        return path + ": is a directory, not a Python file";
    if (size_t(st.st_size) > kMaxSourceBytes)
        return path + ": is larger than 1 MiB (" + std::to_string(st.st_size) +
               " bytes); threadlab runs programs up to 1,048,576 bytes";
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return path + ": cannot be read (" + std::strerror(errno) + ")";
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad())
        return path + ": cannot be read";
    if (auto error = CheckSourceText(text))
        return path + ": " + *error;
    return std::nullopt;
}

} // namespace threadlab::py
