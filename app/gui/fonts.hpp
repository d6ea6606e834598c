#pragma once
// Fonts: DejaVu (fonts-dejavu-core) at several sizes. Only the size in use
// is rasterised at start-up (a fast first frame); another size is added to
// the atlas the first time it is chosen. Falls back to ImGui's built-in
// font if DejaVu is missing.
#include <imgui.h>

#include <array>
#include <memory>

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
    // The glyphs the DejaVu fonts hold. The atlas keeps pointing at them
    // (it rebuilds when a size is added), so they sit on the heap, shared by
    // every copy of this struct, and never move.
    std::shared_ptr<ImVector<ImWchar>> glyph_ranges;
};

// Loads the set at `size_index` (kFontSizes) and builds the atlas.
Fonts LoadFonts(int size_index = kDefaultFontSize);

// Adds the set at `size_index` if it is not loaded yet and rebuilds the
// atlas; returns true if it did (the renderer must upload the new texture).
// Call between frames, never inside one.
bool EnsureFontSet(Fonts& fonts, int size_index);

// The set at `size_index`, or the nearest loaded one.
const FontSet& FontOrLoaded(const Fonts& fonts, int size_index);

} // namespace threadlab
