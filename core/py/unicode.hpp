#pragma once
// UTF-8 helpers: Python strings are sequences of code points, stored here
// as UTF-8.
#include <cstdint>
#include <string>
#include <string_view>

namespace threadlab::py {

// Code points in valid UTF-8 text (continuation bytes are not counted).
inline int CodePointsIn(std::string_view text)
{
    int n = 0;
    for (unsigned char c : text)
        n += (c & 0xC0) != 0x80;
    return n;
}

// Decodes the code point at `i` and advances `i` past it. Invalid bytes
// decode as U+FFFD, one byte at a time.
inline char32_t DecodeUtf8At(std::string_view s, size_t& i)
{
    const unsigned char c = static_cast<unsigned char>(s[i]);
    int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (extra < 0 || i + size_t(extra) >= s.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = extra == 0 ? c : extra == 1 ? (c & 0x1F) : extra == 2 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k <= extra; ++k) {
        const unsigned char cc = static_cast<unsigned char>(s[i + size_t(k)]);
        if ((cc & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (cc & 0x3F);
    }
    i += size_t(extra) + 1;
    return cp;
}

inline std::string EncodeUtf8(char32_t cp)
{
    std::string out;
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
    return out;
}

// True if the whole text is valid UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view text);

// Letters and marks from any script may appear in names; punctuation,
// symbols and spaces may not. An approximation of XID_Continue that
// accepts the common scripts and refuses the look-alike symbols.
bool IsIdentifierCodePoint(char32_t cp);

// str.isdecimal, isdigit and isnumeric per code point, as CPython 3.12
// (Unicode 15.0) classifies them.
bool IsDecimalCodePoint(char32_t cp);
bool IsDigitCodePoint(char32_t cp);
bool IsNumericCodePoint(char32_t cp);

} // namespace threadlab::py
