#pragma once
// Step mode: a person is the scheduler. The run's thread waits at every
// choice point until someone picks who runs next (from another thread: the
// window's); the executor's rules decide everything else. Undo is a
// replay: a new run told the choices to make first, which the executor,
// deterministic given its seed and the choices, reaches again exactly.
#include "sim_executor.hpp"
#include "thread_place.hpp"

#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace threadlab::py {

struct StepChoice {
    size_t number = 0;       // how many choices were made before this one
    bool preemption = false; // [0] is the running thread, and picking another preempts it
    std::vector<ThreadPlace> threads; // the candidates; [0] is what the executor would do
    std::vector<std::pair<std::string, std::string>> globals; // the watched ones, now
    bool operator==(const StepChoice&) const = default;
};

class StepChooser final : public Chooser {
public:
    // `replay`: thread names to choose first without waiting; `watch`: the
    // main module's globals each choice shows; `lines`: program lines to
    // note when two threads are about to run one at the same choice.
    StepChooser(std::vector<std::string> replay, std::vector<std::string> watch, std::vector<int> lines = {});

    // The run's thread.
    size_t Choose(const ChoicePoint& point) override;

    // Any other thread.
    std::optional<StepChoice> Waiting() const; // the choice waiting for an answer
    void Pick(size_t index);                   // answers it
    // Answers it, and goes on choosing that thread without waiting while it
    // stays on the same line of the same function (blocked, it stops).
    void PickToNextLine(size_t index);
    // From now on every choice is the executor's own, without waiting: the
    // run goes to its end (or notices its stop) on its own.
    void Release();
    std::vector<std::string> Made() const; // the names chosen so far, the replay's included
    // The replay could not be followed (the program changed underneath it).
    std::string Mismatch() const;
    // Those of `lines` two threads were about to run at once, at a choice the
    // play met after its replay (auto-followed ones too).
    std::vector<int> LinesShared() const;

private:
    size_t Decide(const ChoicePoint& point, const StepChoice& choice, std::unique_lock<std::mutex>& lock);

    mutable std::mutex m_mutex;
    std::condition_variable m_answered;
    std::vector<std::string> m_replay;
    const std::vector<std::string> m_watch;
    const std::vector<int> m_lines;
    std::vector<int> m_lines_shared;
    std::vector<std::string> m_made;
    std::optional<StepChoice> m_waiting;
    std::optional<size_t> m_answer;
    bool m_released = false;
    // PickToNextLine: who to go on choosing, while on this line of this function.
    std::string m_follow;
    int m_follow_line = 0;
    std::string m_follow_function;
    std::string m_mismatch;
};

} // namespace threadlab::py
