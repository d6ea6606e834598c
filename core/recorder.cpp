#include "recorder.hpp"

#include "clock.hpp"

#include <stdexcept>

namespace threadlab {

Recorder::Recorder()
    : m_origin_ns(TraceNowNs())
{
    m_labels.push_back(std::make_unique<std::string>());
    m_label_ptrs[0].store(m_labels[0].get(), std::memory_order_release);
}

int Recorder::AddGroup(std::string name, std::string python, double time_scale, int64_t origin_ns)
{
    std::lock_guard lock(m_setup);
    const int index = int(m_groups.size());
    if (index >= kMaxGroups)
        throw std::length_error("too many runs in one recording (at most " + std::to_string(kMaxGroups) + ")");
    auto group = std::make_unique<GroupInfo>();
    group->name = std::move(name);
    group->python = std::move(python);
    group->time_scale = time_scale;
    group->origin_ns = origin_ns >= 0 ? origin_ns : Now();
    m_group_ptrs[index].store(group.get(), std::memory_order_release);
    m_groups.push_back(std::move(group));
    m_group_count.store(index + 1, std::memory_order_release);
    return index;
}

void Recorder::EndGroup(int group, int64_t at_ns)
{
    m_group_ptrs[group].load(std::memory_order_acquire)->end_ns.store(at_ns >= 0 ? at_ns : Now(),
                                                                       std::memory_order_release);
}

int Recorder::AddLane(int group, std::string name, int process)
{
    std::lock_guard lock(m_setup);
    const int index = int(m_lanes.size());
    if (index >= kMaxLanes)
        throw std::length_error("too many threads in one recording (at most " + std::to_string(kMaxLanes) + ")");
    auto lane = std::make_unique<LaneInfo>();
    lane->name = std::move(name);
    lane->group = group;
    lane->process = process;
    m_lane_ptrs[index].store(lane.get(), std::memory_order_release);
    m_lanes.push_back(std::move(lane));
    m_lane_count.store(index + 1, std::memory_order_release);
    return index;
}

uint16_t Recorder::InternLabel(std::string_view text)
{
    if (text.empty())
        return 0;
    std::lock_guard lock(m_setup);
    if (const auto it = m_label_ids.find(text); it != m_label_ids.end())
        return it->second;
    const int index = int(m_labels.size());
    if (index >= kMaxLabels)
        return 0; // an unlabelled span is better than a failed run
    m_labels.push_back(std::make_unique<std::string>(text));
    m_label_ids.emplace(*m_labels.back(), uint16_t(index));
    m_label_ptrs[index].store(m_labels.back().get(), std::memory_order_release);
    m_label_count.store(index + 1, std::memory_order_release);
    return uint16_t(index);
}

void Recorder::NameObject(uint32_t object, std::string_view name)
{
    const uint16_t label = InternLabel(name);
    std::lock_guard lock(m_setup);
    m_object_names.emplace_back(object, label);
}

std::vector<std::pair<uint32_t, uint16_t>> Recorder::ObjectNames() const
{
    std::lock_guard lock(m_setup);
    return m_object_names;
}

std::string_view Recorder::Label(uint16_t id) const
{
    if (id >= m_label_count.load(std::memory_order_acquire))
        return {};
    return *m_label_ptrs[id].load(std::memory_order_acquire);
}

} // namespace threadlab
