#include "format.hpp"

#include "unicode.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace threadlab::py {

namespace {

// The shortest round-trip digits of |d| and its decimal exponent: |d| = 0.DIGITS × 10^decpt.
void ShortestDigits(double d, std::string& digits, int& decpt)
{
    char buf[64];
    const auto result = std::to_chars(buf, buf + sizeof buf, std::fabs(d), std::chars_format::scientific);
    std::string_view s(buf, size_t(result.ptr - buf)); // "1.2345e+02"
    const size_t e = s.find('e');
    digits.clear();
    for (char c : s.substr(0, e))
        if (c != '.')
            digits += c;
    int exponent = 0;
    std::from_chars(s.data() + e + 1 + (s[e + 1] == '+' ? 1 : 0), s.data() + s.size(), exponent);
    while (digits.size() > 1 && digits.back() == '0')
        digits.pop_back();
    decpt = exponent + 1;
}

std::string GroupDigits(const std::string& integer, char separator, int group)
{
    std::string out;
    const int n = int(integer.size());
    for (int i = 0; i < n; ++i) {
        out += integer[size_t(i)];
        const int left = n - i - 1;
        if (left > 0 && left % group == 0)
            out += separator;
    }
    return out;
}

// Inserts grouping into the integer part of a formatted number (digits
// before any '.', 'e' or '%').
std::string ApplyGrouping(const std::string& number, char separator)
{
    if (separator == 0)
        return number;
    size_t end = 0;
    while (end < number.size() && std::isdigit(static_cast<unsigned char>(number[end])))
        ++end;
    return GroupDigits(number.substr(0, end), separator, 3) + number.substr(end);
}

std::string Printf(const char* format, int precision, double v)
{
    char buf[512];
    const int n = std::snprintf(buf, sizeof buf, format, precision, v);
    if (n < 0)
        return {};
    if (size_t(n) < sizeof buf)
        return std::string(buf, size_t(n));
    std::string big(size_t(n) + 1, '\0');
    std::snprintf(big.data(), big.size(), format, precision, v);
    big.resize(size_t(n));
    return big;
}

// Pads a signed number: `sign` is "" / "-" / "+" / " ", `body` its digits.
std::string PadNumber(const std::string& sign, const std::string& body, const FormatSpec& spec)
{
    FormatSpec s = spec;
    if (s.zero) {
        if (s.fill == U' ')
            s.fill = U'0';
        if (s.align == 0)
            s.align = '=';
    }
    if (s.align == '=') {
        const int width = s.width;
        const int have = CodePointsIn(sign) + CodePointsIn(body);
        std::string fill;
        for (int i = have; i < width; ++i)
            fill += EncodeUtf8(s.fill);
        return sign + fill + body;
    }
    return Pad(sign + body, s, '>');
}

std::string SignFor(bool negative, char sign)
{
    if (negative)
        return "-";
    if (sign == '+')
        return "+";
    if (sign == ' ')
        return " ";
    return "";
}

} // namespace

std::string FloatRepr(double d)
{
    if (std::isnan(d))
        return "nan";
    if (std::isinf(d))
        return d > 0 ? "inf" : "-inf";
    std::string digits;
    int decpt = 0;
    if (d == 0) {
        return std::signbit(d) ? "-0.0" : "0.0";
    }
    ShortestDigits(d, digits, decpt);
    std::string out = std::signbit(d) ? "-" : "";
    const int exponent = decpt - 1;
    if (exponent < -4 || exponent >= 16) {
        out += digits[0];
        if (digits.size() > 1) {
            out += '.';
            out += digits.substr(1);
        }
        char buf[16];
        std::snprintf(buf, sizeof buf, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
        return out + buf;
    }
    if (decpt <= 0)
        return out + "0." + std::string(size_t(-decpt), '0') + digits;
    if (decpt >= int(digits.size()))
        return out + digits + std::string(size_t(decpt) - digits.size(), '0') + ".0";
    return out + digits.substr(0, size_t(decpt)) + "." + digits.substr(size_t(decpt));
}

std::string StrRepr(std::string_view s)
{
    const bool has_single = s.find('\'') != std::string_view::npos;
    const bool has_double = s.find('"') != std::string_view::npos;
    const char quote = has_single && !has_double ? '"' : '\'';
    std::string out(1, quote);
    size_t i = 0;
    while (i < s.size()) {
        const char32_t cp = DecodeUtf8At(s, i);
        char buf[16];
        if (cp == char32_t(quote) || cp == U'\\') {
            out += '\\';
            out += char(cp);
        } else if (cp == U'\n') {
            out += "\\n";
        } else if (cp == U'\r') {
            out += "\\r";
        } else if (cp == U'\t') {
            out += "\\t";
        } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
            std::snprintf(buf, sizeof buf, "\\x%02x", unsigned(cp));
            out += buf;
        } else if (cp == 0xAD || (cp >= 0x2028 && cp <= 0x2029) || (cp >= 0xD800 && cp <= 0xDFFF)) {
            std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(cp));
            out += buf;
        } else {
            out += EncodeUtf8(cp);
        }
    }
    out += quote;
    return out;
}

std::optional<std::string> ParseFormatSpec(std::string_view spec, FormatSpec& out)
{
    size_t i = 0;
    auto is_align = [](char32_t c) { return c == '<' || c == '>' || c == '^' || c == '='; };
    // [[fill]align]
    {
        size_t j = 0;
        const char32_t first = spec.empty() ? 0 : DecodeUtf8At(spec, j);
        if (j < spec.size() && is_align(char32_t(spec[j]))) {
            out.fill = first;
            out.align = spec[j];
            i = j + 1;
        } else if (!spec.empty() && is_align(first)) {
            out.align = char(first);
            i = 1;
        }
    }
    if (i < spec.size() && (spec[i] == '+' || spec[i] == '-' || spec[i] == ' '))
        out.sign = spec[i++];
    if (i < spec.size() && spec[i] == 'z')
        ++i;
    if (i < spec.size() && spec[i] == '#') {
        out.alternate = true;
        ++i;
    }
    if (i < spec.size() && spec[i] == '0') {
        out.zero = true;
        ++i;
    }
    if (i < spec.size() && std::isdigit(static_cast<unsigned char>(spec[i]))) {
        int w = 0;
        while (i < spec.size() && std::isdigit(static_cast<unsigned char>(spec[i]))) {
            w = w * 10 + (spec[i++] - '0');
            if (w > 100000)
                return "Too many decimal digits in format string";
        }
        out.width = w;
    }
    if (i < spec.size() && (spec[i] == ',' || spec[i] == '_'))
        out.grouping = spec[i++];
    if (i < spec.size() && (spec[i] == ',' || spec[i] == '_'))
        return "Cannot specify both ',' and '_'.";
    if (i < spec.size() && spec[i] == '.') {
        ++i;
        if (i >= spec.size() || !std::isdigit(static_cast<unsigned char>(spec[i])))
            return "Format specifier missing precision";
        int p = 0;
        while (i < spec.size() && std::isdigit(static_cast<unsigned char>(spec[i]))) {
            p = p * 10 + (spec[i++] - '0');
            if (p > 100000)
                return "Too many decimal digits in format string";
        }
        out.precision = p;
    }
    if (i < spec.size())
        out.type = spec[i++];
    if (i < spec.size())
        return "Invalid format specifier '" + std::string(spec) + "' for object of type '%s'";
    return std::nullopt;
}

std::string Pad(std::string body, const FormatSpec& spec, char default_align)
{
    const int have = CodePointsIn(body);
    if (spec.width <= have)
        return body;
    const int total = spec.width - have;
    char align = spec.align == 0 ? default_align : spec.align;
    if (align == '=')
        align = '>';
    const std::string fill = EncodeUtf8(spec.fill);
    auto repeat = [&](int n) {
        std::string s;
        for (int k = 0; k < n; ++k)
            s += fill;
        return s;
    };
    if (align == '<')
        return body + repeat(total);
    if (align == '^')
        return repeat(total / 2) + body + repeat(total - total / 2);
    return repeat(total) + body;
}

std::string FormatInt(int64_t v, const FormatSpec& spec, std::string& error)
{
    const char type = spec.type;
    if (type == 'e' || type == 'E' || type == 'f' || type == 'F' || type == 'g' || type == 'G' || type == '%')
        return FormatFloat(double(v), spec, error);
    if (spec.precision >= 0) {
        error = "Precision not allowed in integer format specifier";
        return {};
    }
    const bool negative = v < 0;
    const uint64_t magnitude = negative ? uint64_t(0) - uint64_t(v) : uint64_t(v);
    std::string digits, prefix;
    switch (type) {
    case 0:
    case 'd':
    case 'n': digits = std::to_string(magnitude); break;
    case 'b':
    case 'o':
    case 'x':
    case 'X': {
        const int base = type == 'b' ? 2 : type == 'o' ? 8 : 16;
        char buf[80];
        auto r = std::to_chars(buf, buf + sizeof buf, magnitude, base);
        digits.assign(buf, r.ptr);
        if (type == 'X')
            for (char& c : digits)
                c = char(std::toupper(static_cast<unsigned char>(c)));
        if (spec.alternate)
            prefix = type == 'b' ? "0b" : type == 'o' ? "0o" : type == 'x' ? "0x" : "0X";
        if (spec.grouping == '_')
            digits = GroupDigits(digits, '_', 4);
        else if (spec.grouping == ',') {
            error = "Cannot specify ',' with '" + std::string(1, type) + "'.";
            return {};
        }
        break;
    }
    case 'c':
        if (spec.sign != '-' || spec.alternate) {
            error = "Sign not allowed with integer format specifier 'c'";
            return {};
        }
        if (v < 0 || v > 0x10FFFF) {
            error = "%c arg not in range(0x110000)";
            return {};
        }
        return Pad(EncodeUtf8(char32_t(v)), spec, '<');
    default:
        error = std::string("Unknown format code '") + type + "' for object of type 'int'";
        return {};
    }
    if ((type == 0 || type == 'd' || type == 'n') && spec.grouping)
        digits = GroupDigits(digits, spec.grouping, 3);
    return PadNumber(SignFor(negative, spec.sign), prefix + digits, spec);
}

std::string FormatFloat(double v, const FormatSpec& spec, std::string& error)
{
    char type = spec.type;
    if (type != 0 && type != 'e' && type != 'E' && type != 'f' && type != 'F' && type != 'g' && type != 'G' &&
        type != '%' && type != 'n') {
        error = std::string("Unknown format code '") + type + "' for object of type 'float'";
        return {};
    }
    const bool negative = std::signbit(v) && !std::isnan(v);
    const double a = std::fabs(v);
    std::string body;
    if (std::isnan(v) || std::isinf(v)) {
        body = std::isnan(v) ? "nan" : "inf";
        if (type == 'E' || type == 'F' || type == 'G')
            for (char& c : body)
                c = char(std::toupper(static_cast<unsigned char>(c)));
        if (type == '%')
            body += '%';
        FormatSpec s = spec;
        s.zero = false;
        return PadNumber(SignFor(negative, spec.sign), body, s);
    }
    const int precision = spec.precision;
    switch (type) {
    case 'f':
    case 'F': body = Printf(spec.alternate ? "%#.*f" : "%.*f", precision < 0 ? 6 : precision, a); break;
    case 'e':
    case 'E':
        body = Printf(spec.alternate ? "%#.*e" : "%.*e", precision < 0 ? 6 : precision, a);
        if (type == 'E')
            for (char& c : body)
                c = char(std::toupper(static_cast<unsigned char>(c)));
        break;
    case 'g':
    case 'G':
    case 'n':
        body = Printf(spec.alternate ? "%#.*g" : "%.*g", precision < 0 ? 6 : (precision == 0 ? 1 : precision), a);
        if (type == 'G')
            for (char& c : body)
                c = char(std::toupper(static_cast<unsigned char>(c)));
        break;
    case '%': body = Printf("%.*f", precision < 0 ? 6 : precision, a * 100) + "%"; break;
    default:
        if (precision < 0) {
            body = FloatRepr(a);
        } else {
            // Like 'g', but a fixed-point result keeps a digit after the point.
            body = Printf("%.*g", precision == 0 ? 1 : precision, a);
            if (body.find_first_of(".e") == std::string::npos && body.find("inf") == std::string::npos)
                body += ".0";
        }
        break;
    }
    body = ApplyGrouping(body, spec.grouping);
    return PadNumber(SignFor(negative, spec.sign), body, spec);
}

std::string FormatText(std::string_view s, const FormatSpec& spec, std::string& error)
{
    if (spec.type != 0 && spec.type != 's') {
        error = std::string("Unknown format code '") + spec.type + "' for object of type 'str'";
        return {};
    }
    if (spec.sign != '-') {
        error = "Sign not allowed in string format specifier";
        return {};
    }
    if (spec.grouping) {
        error = std::string("Cannot specify '") + spec.grouping + "' with 's'.";
        return {};
    }
    if (spec.align == '=') {
        error = "'=' alignment not allowed in string format specifier";
        return {};
    }
    std::string body(s);
    if (spec.precision >= 0) {
        size_t i = 0;
        int n = 0;
        while (i < body.size() && n < spec.precision) {
            DecodeUtf8At(body, i);
            ++n;
        }
        body.resize(i);
    }
    return Pad(std::move(body), spec, '<');
}

} // namespace threadlab::py
