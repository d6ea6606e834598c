#pragma once
// Reading the small JSON files the program keeps (settings, progress) and
// setting aside one it cannot use. A file is never read past a size limit,
// and one that was refused is either kept as NAME.bak or, if even that
// fails, never written over (the caller stops saving).
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace threadlab {

struct JsonFile {
    bool exists = false;
    nlohmann::json doc;  // a JSON object when `problem` is empty
    std::string problem; // why it cannot be used, as "it is not valid JSON"
};

// Reads PATH as a JSON object of at most `max_bytes` whose "version" is
// the integer `version`; anything else is a problem, never an exception.
JsonFile ReadJsonObject(const std::string& path, std::uintmax_t max_bytes, int64_t version);

// Renames PATH to PATH.bak (replacing an older .bak); false if it could not.
bool SetAside(const std::string& path);

} // namespace threadlab
