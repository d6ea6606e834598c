#pragma once
// Text of numbers and strings as CPython writes it: repr(float) (the
// shortest string that reads back as the same float), repr(str) with its
// quoting rules, and the format-spec mini-language of format() and f-strings.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace threadlab::py {

std::string FloatRepr(double d);
std::string StrRepr(std::string_view s); // 'it''s' → "it's", escapes as CPython

// [[fill]align][sign][z][#][0][width][grouping][.precision][type]
struct FormatSpec {
    char32_t fill = U' ';
    char align = 0; // '<', '>', '^', '=' or 0 for the type's default
    char sign = '-';
    bool alternate = false;
    bool zero = false;
    int width = -1;
    char grouping = 0; // ',' or '_'
    int precision = -1;
    char type = 0;
};

// Returns the error message (CPython's) if `spec` is not valid.
std::optional<std::string> ParseFormatSpec(std::string_view spec, FormatSpec& out);

// Each returns an error message through `error` when the spec does not
// apply to the type ("Unknown format code 'd' for object of type 'float'").
std::string FormatInt(int64_t v, const FormatSpec& spec, std::string& error);
std::string FormatFloat(double v, const FormatSpec& spec, std::string& error);
std::string FormatText(std::string_view s, const FormatSpec& spec, std::string& error);

// Pads `body` to the spec's width by its fill and alignment.
std::string Pad(std::string body, const FormatSpec& spec, char default_align);

} // namespace threadlab::py
