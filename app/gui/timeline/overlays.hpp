#pragma once
// What the timeline draws across its rows: the ruler above them, and after
// them the links between lanes (joins, lock hand-offs), the brackets where
// updates were lost, a student's predictions, the "now" line of a run that
// goes on, and the tooltip of what the pointer is over.
#include "draw_context.hpp"

#include <vector>

namespace threadlab {

void DrawRuler(const TimelineDrawContext& ctx);
void DrawLinks(const TimelineDrawContext& ctx, const std::vector<Link>& links);
void DrawLostUpdates(const TimelineDrawContext& ctx, const std::vector<LostUpdate>& lost_updates);
void DrawGhosts(const TimelineDrawContext& ctx);
// At a deadlock: an arrow from each thread still waiting to the one it waits for.
void DrawWaitFor(const TimelineDrawContext& ctx);
void DrawNowLines(const TimelineDrawContext& ctx);
void DrawHoverTooltip(const TimelineDrawContext& ctx, const LaneHover& hover);

} // namespace threadlab
