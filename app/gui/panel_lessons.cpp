// The lesson list: every lesson, the current one highlighted.
#include "app_state.hpp"

#include <fmt/format.h>

namespace threadlab {

void DrawLessonList(AppState& state)
{
    ImGui::PushFont(state.Font().bold);
    ImGui::TextUnformatted("Lessons");
    ImGui::PopFont();
    ImGui::Separator();
    const std::vector<const Lesson*>& lessons = AllLessons();
    for (size_t i = 0; i < lessons.size(); ++i) {
        const std::string label = fmt::format("{}. {}", i + 1, lessons[i]->title);
        ImGui::PushTextWrapPos(0);
        if (ImGui::Selectable(label.c_str(), state.lesson == int(i)))
            state.SelectLesson(int(i));
        ImGui::PopTextWrapPos();
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::TextUnformatted(std::string(lessons[i]->tagline).c_str());
            ImGui::EndTooltip();
        }
    }
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextDisabled("PgUp / PgDn: lesson");
    ImGui::TextDisabled("F5: run   Esc: stop");
    ImGui::TextDisabled("F2: presenter   F1: keys");
}

} // namespace threadlab
