#include "fonts.hpp"

#include "settings.hpp"

#include <algorithm>
#include <filesystem>

namespace threadlab {

static_assert(kFontSizes.size() == size_t(kFontSizeCount));

namespace {
constexpr const char* kFontDir = "/usr/share/fonts/truetype/dejavu/";

const ImWchar* GlyphRanges(Fonts& fonts)
{
    // Latin-1 and exactly the symbols the program prints: a small atlas
    // builds fast (start-up) and stays small (memory).
    if (!fonts.glyph_ranges) {
        fonts.glyph_ranges = std::make_shared<ImVector<ImWchar>>();
        ImFontGlyphRangesBuilder builder;
        builder.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesDefault());
        builder.AddText("—–·×µ…→←↶≈≥≤▶■▼◆○●✓✗•“”‘’");
        builder.BuildRanges(fonts.glyph_ranges.get());
    }
    return fonts.glyph_ranges->Data;
}
} // namespace

namespace {
void AddFontSet(Fonts& fonts, size_t i)
{
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    const std::string dir = kFontDir;
    FontSet& set = fonts.sets[i];
    set.size = kFontSizes[i];
    if (fonts.dejavu) {
        const ImWchar* ranges = GlyphRanges(fonts);
        set.regular = atlas->AddFontFromFileTTF((dir + "DejaVuSans.ttf").c_str(), set.size, nullptr, ranges);
        set.bold = atlas->AddFontFromFileTTF((dir + "DejaVuSans-Bold.ttf").c_str(), set.size, nullptr, ranges);
        set.mono = atlas->AddFontFromFileTTF((dir + "DejaVuSansMono.ttf").c_str(), set.size, nullptr, ranges);
        set.title = atlas->AddFontFromFileTTF((dir + "DejaVuSans-Bold.ttf").c_str(), set.size * 1.45f, nullptr, ranges);
    } else {
        ImFontConfig config;
        config.SizePixels = set.size;
        set.regular = set.bold = set.mono = set.title = atlas->AddFontDefault(&config);
    }
}
} // namespace

Fonts LoadFonts(int size_index)
{
    Fonts fonts;
    const std::string dir = kFontDir;
    fonts.dejavu = std::filesystem::exists(dir + "DejaVuSans.ttf") && std::filesystem::exists(dir + "DejaVuSansMono.ttf") &&
                   std::filesystem::exists(dir + "DejaVuSans-Bold.ttf");
    AddFontSet(fonts, size_t(std::clamp(size_index, 0, int(kFontSizes.size()) - 1)));
    ImGui::GetIO().Fonts->Build();
    return fonts;
}

bool EnsureFontSet(Fonts& fonts, int size_index)
{
    const auto i = size_t(std::clamp(size_index, 0, int(kFontSizes.size()) - 1));
    if (fonts.sets[i].regular != nullptr)
        return false;
    AddFontSet(fonts, i);
    ImGui::GetIO().Fonts->Build();
    return true;
}

const FontSet& FontOrLoaded(const Fonts& fonts, int size_index)
{
    const auto wanted = size_t(std::clamp(size_index, 0, int(kFontSizes.size()) - 1));
    if (fonts.sets[wanted].regular != nullptr)
        return fonts.sets[wanted];
    for (size_t distance = 1; distance < kFontSizes.size(); ++distance)
        for (size_t i : {wanted - distance, wanted + distance})
            if (i < kFontSizes.size() && fonts.sets[i].regular != nullptr)
                return fonts.sets[i];
    return fonts.sets[wanted];
}

} // namespace threadlab
