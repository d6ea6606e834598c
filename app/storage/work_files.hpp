#pragma once
// The student's own versions of the lessons' programs, kept in
// $XDG_DATA_HOME/threadlab/work/ID.py (default ~/.local/share/threadlab/),
// written atomically so an edit is never half saved.
#include <optional>
#include <string>

namespace threadlab {

std::string DefaultWorkDir();

// The saved version of lesson `id`'s program, if there is one.
std::optional<std::string> LoadWork(const std::string& dir, const std::string& id);
// Saves it (creating the folder); the error in one line, or nullopt.
std::optional<std::string> SaveWork(const std::string& dir, const std::string& id, const std::string& text);
// Forgets it (back to the lesson's program).
void RemoveWork(const std::string& dir, const std::string& id);

} // namespace threadlab
