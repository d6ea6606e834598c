#pragma once
// The timeline's items, one row each, like Tracy's TimelineItem: a run's
// header, and a thread's lane. New kinds of lanes (a queue, a pool) get a
// function of their own here.
#include "draw_context.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace threadlab {

// A thread's name as it fits `room` pixels in the current font. What tells
// threads apart stays: cut at the end while every digit of the name still
// shows ("Thread-12 (add_…"), else in the middle, keeping its numbered tail
// ("ThreadPool…-0_1": a pool's workers differ only there).
std::string FitLaneName(std::string_view name, float room);

// The run's name, model and length across the canvas.
void DrawRunHeader(const TimelineDrawContext& ctx, const TimelineRow& row);
// Where the run header's title ends (screen x): a label beside it starts after.
float RunHeaderTitleRight(const TimelineDrawContext& ctx, int group);

// An emulated process's title within its run: its name and what it has of
// its own, with a bar down the left that its lanes continue.
void DrawProcessHeader(const TimelineDrawContext& ctx, const TimelineRow& row);

// One thread: its name, its spans (folded where they are too narrow to
// see, labelled where they are wide), the faint "done" after its end, and
// its marks. `striped` shades the row; `blocks` and `short_label` are
// scratch. Sets `hover` if the pointer is over one of its spans.
void DrawThreadLane(const TimelineDrawContext& ctx, const TimelineRow& row, bool striped,
                    std::vector<DrawBlock>& blocks, std::string& short_label, LaneHover& hover);

} // namespace threadlab
