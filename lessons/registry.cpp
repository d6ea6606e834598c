// The lessons, in the order a student meets them.
#include "lesson.hpp"

namespace threadlab {

extern const Lesson kFirstThreads;
extern const Lesson kThreadedExport;
extern const Lesson kCpuBound;
extern const Lesson kRaceCounter;
extern const Lesson kLockedCounter;
extern const Lesson kThreeThreads;

const std::vector<const Lesson*>& AllLessons()
{
    static const std::vector<const Lesson*> lessons = {
        &kFirstThreads, &kThreadedExport, &kCpuBound, &kRaceCounter, &kLockedCounter, &kThreeThreads,
    };
    return lessons;
}

} // namespace threadlab
