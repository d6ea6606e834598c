#include "catalog.hpp"

#include "assets.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace threadlab {

namespace {

bool ReadFile(const std::filesystem::path& path, std::string& text)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
    return true;
}

CatalogEntry Load(std::string id, bool built_in, const std::string& md_file, const std::string& md_text,
                  const std::string& py_file, const std::string* py_text)
{
    CatalogEntry entry;
    entry.id = std::move(id);
    entry.built_in = built_in;
    if (py_text == nullptr) {
        entry.error = md_file + ": its program " + py_file + " is missing";
        return entry;
    }
    try {
        entry.page = ParsePage(entry.id, md_file, md_text, py_file, *py_text);
        entry.page->built_in = built_in;
    } catch (const PageError& e) {
        entry.error = e.what();
    }
    return entry;
}

} // namespace

std::vector<CatalogEntry> LoadCatalog(const std::string& user_dir)
{
    std::vector<CatalogEntry> entries;
    for (const std::string_view path : AssetPaths()) {
        if (path.rfind("lessons/", 0) != 0 || path.size() < 12 || path.substr(path.size() - 3) != ".md")
            continue;
        const std::string id(path.substr(8, path.size() - 11));
        const std::string py_path = "lessons/" + id + ".py";
        const std::string py(Asset(py_path));
        entries.push_back(Load(id, true, id + ".md", std::string(Asset(path)), id + ".py",
                               Asset(py_path).empty() ? nullptr : &py));
    }
    std::error_code error;
    if (user_dir.empty() || !std::filesystem::is_directory(user_dir, error))
        return entries;
    std::vector<std::filesystem::path> pages;
    for (const auto& file : std::filesystem::directory_iterator(user_dir, error))
        if (file.path().extension() == ".md")
            pages.push_back(file.path());
    std::sort(pages.begin(), pages.end());
    for (const std::filesystem::path& md_path : pages) {
        const std::string id = md_path.stem().string();
        std::filesystem::path py_path = md_path;
        py_path.replace_extension(".py");
        const bool taken = std::any_of(entries.begin(), entries.end(),
                                       [&](const CatalogEntry& e) { return e.built_in && e.id == id; });
        if (taken) {
            entries.push_back(CatalogEntry{id, false, nullptr,
                                           md_path.string() + ": a built-in lesson is called " + id +
                                               "; rename the two files to add yours beside it"});
            continue;
        }
        std::string md_text, py_text;
        if (!ReadFile(md_path, md_text)) {
            entries.push_back(CatalogEntry{id, false, nullptr, md_path.string() + ": cannot be read"});
            continue;
        }
        const bool has_py = ReadFile(py_path, py_text);
        entries.push_back(Load(id, false, md_path.string(), md_text, py_path.string(), has_py ? &py_text : nullptr));
    }
    return entries;
}

std::string UserLessonDir()
{
    const char* xdg = std::getenv("XDG_DATA_HOME");
    const char* home = std::getenv("HOME");
    const std::string base = xdg && *xdg ? xdg : std::string(home ? home : ".") + "/.local/share";
    return base + "/threadlab/lessons";
}

const std::vector<CatalogEntry>& Catalog()
{
    static const std::vector<CatalogEntry> catalog = LoadCatalog(UserLessonDir());
    return catalog;
}

const LessonPage* FindPage(std::string_view id)
{
    for (const CatalogEntry& e : Catalog())
        if (e.id == id && e.page != nullptr)
            return e.page.get();
    return nullptr;
}

} // namespace threadlab
