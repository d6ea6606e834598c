#pragma once
// Lesson parameters: their specs, and the one parser every value goes
// through (command line, window, saved settings), so bad input is refused the
// same way everywhere with a message that names what is allowed.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace threadlab {

enum class ParamKind {
    Integer,   // a whole number in [min, max]
    Real,      // a number in [min, max]
    Durations, // comma-separated seconds, each in [min, max], 1..max_count entries
};

struct ParamSpec {
    std::string_view name;
    ParamKind kind;
    std::string_view default_text;
    double min;
    double max;
    std::string_view help;
    int max_count = 16; // Durations only
    std::string_view unit = {}; // "s" for seconds, shown beside the range
};

using ParamValue = std::variant<int64_t, double, std::vector<double>>;

class ParamValues {
public:
    int64_t Int(std::string_view name) const;
    double Real(std::string_view name) const;
    const std::vector<double>& Durations(std::string_view name) const;
    const ParamValue& Get(std::string_view name) const;
    void Set(std::string_view name, ParamValue value) { m_values[std::string(name)] = std::move(value); }
    const std::map<std::string, ParamValue, std::less<>>& All() const { return m_values; }

private:
    std::map<std::string, ParamValue, std::less<>> m_values;
};

// Parses `text` for `spec`. On failure returns a one-line message such as
// "notes must be a whole number from 1 to 100, got \"abc\"".
std::optional<std::string> ParseParam(const ParamSpec& spec, std::string_view text, ParamValue& out);

// "1 to 100", "0.001 to 1 s", "1 to 16 numbers from 0 to 60 s, comma-separated"
std::string DescribeRange(const ParamSpec& spec);

// How a value reads in Python source and on screen: 5_000_000, 0.1, [2.0, 1.0].
std::string PythonLiteral(const ParamValue& value);
std::string DisplayValue(const ParamValue& value);

// The defaults of every spec.
ParamValues DefaultValues(const std::vector<ParamSpec>& specs);

// Applies NAME=VALUE assignments over the defaults. On failure returns the
// message (unknown name: lists the known ones).
std::optional<std::string> ApplyAssignments(const std::vector<ParamSpec>& specs,
                                            const std::vector<std::string>& assignments, ParamValues& values);

} // namespace threadlab
