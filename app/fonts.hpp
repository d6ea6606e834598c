#pragma once
// Fonts: DejaVu (fonts-dejavu-core) at several sizes, loaded once into the
// atlas so switching size or presenter mode is instant. Falls back to
// ImGui's built-in font if DejaVu is missing.
#include <imgui.h>

#include <array>

namespace threadlab {

inline constexpr std::array<float, 6> kFontSizes = {15, 18, 22, 28, 34, 42};
inline constexpr int kDefaultFontSize = 1;   // 18 px
inline constexpr int kPresenterFontSize = 3; // 28 px; presenter offers 22–42

struct FontSet {
    ImFont* regular = nullptr;
    ImFont* bold = nullptr;
    ImFont* mono = nullptr;
    ImFont* title = nullptr; // bold, larger
    float size = 0;
};

struct Fonts {
    std::array<FontSet, kFontSizes.size()> sets;
    bool dejavu = false; // false: the built-in fallback font is in use
};

Fonts LoadFonts();

} // namespace threadlab
