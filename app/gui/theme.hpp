#pragma once
// Colours and second cues for thread states, from one table, and the
// window's look in normal and presenter mode.
//
// Colours are the Okabe–Ito palette, chosen to stay apart for colour-blind
// eyes; each state also has its own pattern and bar height so it reads on a
// washed-out projector or in greyscale.
#include "trace_types.hpp"

#include <imgui.h>

namespace threadlab {

enum class Pattern { Solid, Dots, Diagonal, Cross, Stripes, Thin, Outline };

struct StateStyle {
    ImU32 fill;
    ImU32 ink;         // pattern and text drawn over the fill
    Pattern pattern;
    float height;      // fraction of the lane's height
    const char* name;  // legend text
    const char* glyph; // drawn in wide spans: "z", "GIL", "🔒"-free ASCII cues
};

const StateStyle& StyleFor(State state);

// Colours that are not states.
inline constexpr ImU32 kColorNow = IM_COL32(200, 30, 30, 255);      // the "now" cursor
inline constexpr ImU32 kColorLink = IM_COL32(60, 60, 60, 220);      // join / hand-off links
inline constexpr ImU32 kColorLostUpdate = IM_COL32(213, 0, 0, 255); // a split read/write
inline constexpr ImU32 kColorGhost = IM_COL32(90, 50, 160, 255);    // a student's prediction
inline constexpr ImU32 kColorFolded = IM_COL32(120, 120, 120, 255);

void ApplyTheme(bool presenter);

} // namespace threadlab
