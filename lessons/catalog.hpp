#pragma once
// Every lesson page there is: the built-in ones (embedded from
// assets/lessons/) and the user's, from $XDG_DATA_HOME/threadlab/lessons/
// (default ~/.local/share/threadlab/lessons/). A lesson's id is its file
// name: ID.md with ID.py beside it.
#include "page.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace threadlab {

struct CatalogEntry {
    std::string id;
    bool built_in = true;
    std::unique_ptr<LessonPage> page; // null when it could not be loaded
    std::string error;                // why not, in one line naming file and line
};

// Loads the built-in pages and those in `user_dir` (skipped if empty or
// absent). A user page whose id is a built-in's is listed with an error and
// never replaces it. Built-in first, then the user's by id.
std::vector<CatalogEntry> LoadCatalog(const std::string& user_dir);

// The user's lesson folder for this environment.
std::string UserLessonDir();

// The catalog of this process, loaded on first use.
const std::vector<CatalogEntry>& Catalog();
const LessonPage* FindPage(std::string_view id);

} // namespace threadlab
