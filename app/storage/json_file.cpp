#include "json_file.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace threadlab {

JsonFile ReadJsonObject(const std::string& path, std::uintmax_t max_bytes, int64_t version)
{
    JsonFile file;
    std::error_code ec;
    file.exists = std::filesystem::exists(path, ec);
    if (!file.exists)
        return file;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        file.problem = ec.message();
        return file;
    }
    if (size > max_bytes) {
        file.problem = "it is larger than " + std::to_string(max_bytes >> 20) + " MB";
        return file;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        file.problem = "it cannot be opened";
        return file;
    }
    std::stringstream text;
    text << in.rdbuf();
    file.doc = nlohmann::json::parse(text.str(), nullptr, false);
    if (file.doc.is_discarded() || !file.doc.is_object()) {
        file.problem = "it is not valid JSON";
        return file;
    }
    const auto found = file.doc.find("version");
    if (found == file.doc.end() || !found->is_number_integer() || found->get<int64_t>() != version)
        file.problem = "it is from another version of threadlab";
    return file;
}

bool SetAside(const std::string& path)
{
    std::error_code ec;
    std::filesystem::rename(path, path + ".bak", ec);
    return !ec;
}

} // namespace threadlab
