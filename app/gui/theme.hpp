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

enum class Pattern { Solid, Dots, Diagonal, Cross, Stripes, Thin, Outline, Ticks };

struct StateStyle {
    ImU32 fill;
    ImU32 ink;         // pattern and text drawn over the fill
    Pattern pattern;
    float height;      // fraction of the lane's height
    const char* name;  // legend text
    const char* glyph; // drawn in wide spans: "z", "GIL", "🔒"-free ASCII cues
};

const StateStyle& StyleFor(State state);

// Colours that are not states. The timeline's:
inline constexpr ImU32 kColorNow = IM_COL32(200, 30, 30, 255);      // the "now" cursor
inline constexpr ImU32 kColorLink = IM_COL32(60, 60, 60, 220);      // join / hand-off links
inline constexpr ImU32 kColorLostUpdate = IM_COL32(213, 0, 0, 255); // a split read/write
inline constexpr ImU32 kColorGhost = IM_COL32(90, 50, 160, 255);    // a student's prediction
inline constexpr ImU32 kColorFolded = IM_COL32(120, 120, 120, 255);
inline constexpr ImU32 kColorCanvas = IM_COL32(255, 255, 255, 255);      // behind the lanes
inline constexpr ImU32 kColorRuler = IM_COL32(238, 238, 235, 255);       // the time ruler's band
inline constexpr ImU32 kColorAxis = IM_COL32(60, 60, 60, 255);           // ruler ticks, chart axes
inline constexpr ImU32 kColorTimelineText = IM_COL32(20, 20, 20, 255);   // tick labels, thread names
inline constexpr ImU32 kColorHint = IM_COL32(100, 100, 100, 255);        // "Press Run" on an empty timeline
inline constexpr ImU32 kColorRunHeader = IM_COL32(226, 232, 240, 255);   // a run's title row
inline constexpr ImU32 kColorRunHeaderText = IM_COL32(10, 10, 10, 255);
inline constexpr ImU32 kColorLaneStripe = IM_COL32(246, 246, 244, 255);  // every other row
inline constexpr ImU32 kColorProcessHeader = IM_COL32(238, 234, 246, 255); // an emulated process's title row
inline constexpr ImU32 kColorProcess = IM_COL32(112, 84, 168, 255);       // the bar along a process's rows
inline constexpr ImU32 kColorMark = IM_COL32(0, 0, 0, 255);              // ▼ start, ◆ join returned
inline constexpr ImU32 kColorDeadlock = IM_COL32(213, 0, 0, 255);   // who waits for whom, at a deadlock
inline constexpr ImU32 kColorHandoff = IM_COL32(120, 40, 100, 230);      // a lock's hand-off arrow
inline constexpr ImU32 kColorGhostLabel = IM_COL32(255, 255, 255, 230);  // behind "you: 2.0 s"

// The panels':
inline constexpr ImU32 kColorOutline = IM_COL32(90, 90, 90, 255);         // an outlined state: done, not recorded
inline constexpr ImU32 kColorError = IM_COL32(180, 30, 0, 255);           // why an input or a run failed
inline constexpr ImU32 kColorNotice = IM_COL32(150, 60, 0, 255);          // a notice atop the window
inline constexpr ImU32 kColorCurrentLine = IM_COL32(255, 244, 200, 255);  // a listing line a thread is on
inline constexpr ImU32 kColorCodeSpan = IM_COL32(236, 236, 232, 255);     // behind `code` in a page's prose
inline constexpr ImU32 kColorRefusedField = IM_COL32(255, 215, 205, 255); // a parameter whose value is refused
inline constexpr ImU32 kColorRunButton = IM_COL32(0, 158, 115, 255);      // Run: the running state's green
inline constexpr ImU32 kColorRunButtonHovered = IM_COL32(0, 130, 95, 255);
inline constexpr ImU32 kColorStopButton = IM_COL32(213, 94, 0, 255);      // Stop: the vermillion of a lock wait
inline constexpr ImU32 kColorButtonText = IM_COL32(255, 255, 255, 255);   // on Run and Stop

// The results' charts (Okabe–Ito too):
inline constexpr ImU32 kColorChartReference = IM_COL32(86, 180, 233, 255);  // sequential, expected: sky blue
inline constexpr ImU32 kColorChartGood = IM_COL32(0, 158, 115, 255);        // threaded, every update kept
inline constexpr ImU32 kColorChartLoss = IM_COL32(213, 94, 0, 255);         // updates lost
inline constexpr ImU32 kColorChartText = IM_COL32(0, 0, 0, 255);            // a value beside its bar, a count
inline constexpr ImU32 kColorChartTextOnBar = IM_COL32(255, 255, 255, 255); // a value inside its bar

void ApplyTheme(bool presenter);

} // namespace threadlab
