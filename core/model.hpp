#pragma once
// The three interpreter models a run can emulate, and the settings of a run.
#include <optional>
#include <string_view>

namespace threadlab {

enum class Model {
    Py39,   // CPython <= 3.9: may switch after almost any bytecode
    Py312,  // CPython 3.10-3.13 with the GIL: switches only at calls and loop back-edges
    Py313t, // free-threaded 3.13t/3.14t: no GIL, threads run in parallel
};

constexpr std::string_view ModelName(Model model)
{
    switch (model) {
    case Model::Py39: return "3.9";
    case Model::Py312: return "3.12";
    case Model::Py313t: return "3.13t";
    }
    return "?";
}

inline std::optional<Model> ParseModel(std::string_view text)
{
    for (Model m : {Model::Py39, Model::Py312, Model::Py313t})
        if (text == ModelName(m))
            return m;
    return std::nullopt;
}

constexpr bool HasGil(Model model) { return model != Model::Py313t; }

// Free-threaded CPython runs single-threaded code about 1.4x slower (3.13t).
constexpr double StepCostFactor(Model model) { return model == Model::Py313t ? 1.4 : 1.0; }

// What one `counter += 1` on a global costs, in loop steps. Measured here:
// 3.9 74 ns against 35 ns for `total += i` (its global load/store are slow),
// 3.12 38 ns against 29 ns.
constexpr double IncrementCostSteps(Model model) { return model == Model::Py39 ? 2.1 : 1.3; }

inline constexpr double kDefaultSwitchInterval = 0.005;
inline constexpr double kMinSwitchInterval = 0.0001;
inline constexpr double kMaxSwitchInterval = 1.0;
inline constexpr double kMinTimeScale = 0.001;
inline constexpr double kMaxTimeScale = 100.0;

struct RunConfig {
    Model model = Model::Py312;
    double switch_interval = kDefaultSwitchInterval; // lesson seconds
    // Real seconds per lesson second. Multiplies every sleep, every step's
    // cost and the switch interval, so a run looks the same at any speed.
    double time_scale = 1.0;
};

} // namespace threadlab
