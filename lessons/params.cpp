#include "params.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace threadlab {

namespace {

std::string Number(double v)
{
    // Shortest form that reads back the same: 0.1, 5000000, 0.005.
    return fmt::format("{}", v);
}

std::optional<double> ParseReal(std::string_view text)
{
    if (text.empty() || text.front() == '+' || text.front() == ' ')
        return std::nullopt;
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<int64_t> ParseInteger(std::string_view text)
{
    // Python lets a long number carry underscores: 5_000_000.
    std::string digits;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '_' && i > 0 && i + 1 < text.size() && text[i - 1] != '_')
            continue;
        digits += c;
    }
    if (digits.empty())
        return std::nullopt;
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || end != digits.data() + digits.size())
        return std::nullopt;
    return value;
}

std::string_view Trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

std::string Quoted(std::string_view text)
{
    constexpr size_t kShown = 40;
    std::string shown;
    for (char c : text.substr(0, kShown))
        shown += (c >= 32 && c < 127) ? c : '?';
    return "\"" + shown + (text.size() > kShown ? "…" : "") + "\"";
}

} // namespace

int64_t ParamValues::Int(std::string_view name) const { return std::get<int64_t>(Get(name)); }
double ParamValues::Real(std::string_view name) const { return std::get<double>(Get(name)); }
const std::vector<double>& ParamValues::Durations(std::string_view name) const
{
    return std::get<std::vector<double>>(Get(name));
}

const ParamValue& ParamValues::Get(std::string_view name) const
{
    const auto it = m_values.find(name);
    if (it == m_values.end())
        throw std::out_of_range("no parameter named " + std::string(name));
    return it->second;
}

std::string DescribeRange(const ParamSpec& spec)
{
    const std::string unit = spec.unit.empty() ? "" : " " + std::string(spec.unit);
    switch (spec.kind) {
    case ParamKind::Integer:
        return fmt::format("a whole number from {} to {}", Number(spec.min), Number(spec.max));
    case ParamKind::Real:
        return fmt::format("a number from {} to {}{}", Number(spec.min), Number(spec.max), unit);
    case ParamKind::Durations:
        return fmt::format("1 to {} comma-separated numbers, each from {} to {}{}", spec.max_count,
                           Number(spec.min), Number(spec.max), unit);
    }
    return {};
}

std::optional<std::string> ParseParam(const ParamSpec& spec, std::string_view raw, ParamValue& out)
{
    const std::string_view text = Trim(raw);
    const std::string must = fmt::format("{} must be {}", spec.name, DescribeRange(spec));
    switch (spec.kind) {
    case ParamKind::Integer: {
        const auto value = ParseInteger(text);
        if (!value || double(*value) < spec.min || double(*value) > spec.max)
            return fmt::format("{}, got {}", must, Quoted(raw));
        out = *value;
        return std::nullopt;
    }
    case ParamKind::Real: {
        const auto value = ParseReal(text);
        if (!value || *value < spec.min || *value > spec.max)
            return fmt::format("{}, got {}", must, Quoted(raw));
        out = *value;
        return std::nullopt;
    }
    case ParamKind::Durations: {
        std::vector<double> list;
        if (text.empty())
            return fmt::format("{}; the list is empty", must);
        size_t start = 0;
        for (int entry = 1;; ++entry) {
            const size_t comma = text.find(',', start);
            const std::string_view item = Trim(text.substr(start, comma == std::string_view::npos ? text.npos : comma - start));
            if (item.empty())
                return fmt::format("{}; entry {} is empty", must, entry);
            const auto value = ParseReal(item);
            if (!value || *value < spec.min || *value > spec.max)
                return fmt::format("{}; entry {} is {}", must, entry, Quoted(item));
            list.push_back(*value);
            if (int(list.size()) > spec.max_count)
                return fmt::format("{}; got more than {}", must, spec.max_count);
            if (comma == std::string_view::npos)
                break;
            start = comma + 1;
        }
        out = std::move(list);
        return std::nullopt;
    }
    }
    return "unknown parameter kind";
}

std::string PythonLiteral(const ParamValue& value)
{
    if (const auto* i = std::get_if<int64_t>(&value)) {
        std::string digits = std::to_string(*i);
        std::string out;
            for (size_t k = 0; k < digits.size(); ++k) {
            if (k != 0 && (digits.size() - k) % 3 == 0 && digits.size() > 4)
                out += '_';
            out += digits[k];
        }
        return out;
    }
    auto real = [](double d) {
        std::string s = Number(d);
        if (s.find_first_of(".e") == std::string::npos)
            s += ".0";
        return s;
    };
    if (const auto* d = std::get_if<double>(&value))
        return real(*d);
    std::string out = "[";
    for (double d : std::get<std::vector<double>>(value)) {
        if (out.size() > 1)
            out += ", ";
        out += real(d);
    }
    return out + "]";
}

std::string DisplayValue(const ParamValue& value)
{
    if (const auto* i = std::get_if<int64_t>(&value))
        return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&value))
        return Number(*d);
    std::string out;
    for (double d : std::get<std::vector<double>>(value)) {
        if (!out.empty())
            out += ",";
        out += Number(d);
    }
    return out;
}

ParamValues DefaultValues(const std::vector<ParamSpec>& specs)
{
    ParamValues values;
    for (const ParamSpec& spec : specs) {
        ParamValue value;
        if (auto error = ParseParam(spec, spec.default_text, value))
            throw std::logic_error("bad default: " + *error);
        values.Set(spec.name, std::move(value));
    }
    return values;
}

std::optional<std::string> ApplyAssignments(const std::vector<ParamSpec>& specs,
                                            const std::vector<std::string>& assignments, ParamValues& values)
{
    for (const std::string& assignment : assignments) {
        const size_t eq = assignment.find('=');
        if (eq == std::string::npos || eq == 0)
            return fmt::format("--set takes NAME=VALUE, got {}", Quoted(assignment));
        const std::string_view name = std::string_view(assignment).substr(0, eq);
        const ParamSpec* spec = nullptr;
        for (const ParamSpec& s : specs)
            if (s.name == name)
                spec = &s;
        if (spec == nullptr) {
            std::string known;
            for (const ParamSpec& s : specs)
                known += (known.empty() ? "" : ", ") + std::string(s.name);
            return fmt::format("unknown parameter {}; this lesson has: {}", Quoted(name), known);
        }
        ParamValue value;
        if (auto error = ParseParam(*spec, std::string_view(assignment).substr(eq + 1), value))
            return error;
        values.Set(spec->name, std::move(value));
    }
    return std::nullopt;
}

} // namespace threadlab
