#include "fonts.hpp"

#include "settings.hpp"

#include <filesystem>

namespace threadlab {

static_assert(kFontSizes.size() == size_t(kFontSizeCount));

namespace {
constexpr const char* kFontDir = "/usr/share/fonts/truetype/dejavu/";

const ImWchar* GlyphRanges()
{
    // Latin-1, plus the punctuation, arrows and signs the lessons use
    // (— · × µ … → ≈ ≥ ▶ ■ ✓ ✗).
    static ImVector<ImWchar> ranges;
    if (ranges.empty()) {
        ImFontGlyphRangesBuilder builder;
        builder.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesDefault());
        static const ImWchar extra[] = {0x2000, 0x206F, 0x2190, 0x21FF, 0x2200, 0x22FF, 0x25A0, 0x25FF, 0x2700, 0x27BF, 0};
        builder.AddRanges(extra);
        builder.BuildRanges(&ranges);
    }
    return ranges.Data;
}
} // namespace

Fonts LoadFonts()
{
    Fonts fonts;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    const std::string dir = kFontDir;
    fonts.dejavu = std::filesystem::exists(dir + "DejaVuSans.ttf") && std::filesystem::exists(dir + "DejaVuSansMono.ttf") &&
                   std::filesystem::exists(dir + "DejaVuSans-Bold.ttf");
    for (size_t i = 0; i < kFontSizes.size(); ++i) {
        FontSet& set = fonts.sets[i];
        set.size = kFontSizes[i];
        if (fonts.dejavu) {
            const ImWchar* ranges = GlyphRanges();
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
    atlas->Build();
    return fonts;
}

} // namespace threadlab
