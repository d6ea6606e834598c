#include "unicode.hpp"

#include <algorithm>
#include <iterator>

namespace threadlab::py {

namespace {

struct CodePointRange {
    char32_t first, last;
};

#include "unicode_numeric.inc"

template <size_t N>
bool InRanges(const CodePointRange (&table)[N], char32_t cp)
{
    const auto* it = std::upper_bound(std::begin(table), std::end(table), cp,
                                      [](char32_t c, const CodePointRange& r) { return c < r.first; });
    return it != std::begin(table) && cp <= std::prev(it)->last;
}

} // namespace

bool IsDecimalCodePoint(char32_t cp) { return InRanges(kDecimal, cp); }
bool IsDigitCodePoint(char32_t cp) { return InRanges(kDigit, cp); }
bool IsNumericCodePoint(char32_t cp) { return InRanges(kNumeric, cp); }

bool IsValidUtf8(std::string_view s)
{
    size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        int extra;
        char32_t min;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c >> 5) == 6) {
            extra = 1;
            min = 0x80;
        } else if ((c >> 4) == 14) {
            extra = 2;
            min = 0x800;
        } else if ((c >> 3) == 30) {
            extra = 3;
            min = 0x10000;
        } else {
            return false;
        }
        if (i + size_t(extra) >= s.size())
            return false;
        char32_t cp = c & (0x3F >> extra);
        for (int k = 1; k <= extra; ++k) {
            const unsigned char cc = static_cast<unsigned char>(s[i + size_t(k)]);
            if ((cc & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += size_t(extra) + 1;
    }
    return true;
}

bool IsIdentifierCodePoint(char32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
    // Latin-1 letters (not the symbols and punctuation of that block).
    if (cp < 0x100)
        return cp == 0xAA || cp == 0xB5 || cp == 0xBA || (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7);
    // General punctuation, currency, arrows, maths, box drawing, dingbats,
    // CJK punctuation, emoji: not letters.
    if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
        (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0x1F000 && cp <= 0x1FAFF) || cp == 0xFEFF)
        return false;
    return true;
}

} // namespace threadlab::py
