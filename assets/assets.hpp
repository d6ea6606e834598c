#pragma once
// Files from assets/, built into the binary so the program runs from anywhere.
#include <string_view>
#include <vector>

namespace threadlab {

// The contents of assets/PATH, or empty if there is no such asset.
std::string_view Asset(std::string_view path);
// Every asset's path, in the order assets/CMakeLists.txt lists them.
std::vector<std::string_view> AssetPaths();

} // namespace threadlab
