#include "targets.hpp"

#include "chrome_trace.hpp"
#include "lesson.hpp"
#include "model.hpp"
#include "progress.hpp"
#include "settings.hpp"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

namespace threadlab::fuzz {

namespace {

std::string Shown(std::string_view text)
{
    std::string out;
    for (char c : text.substr(0, 60))
        out += (c >= 32 && c < 127) ? c : '?';
    return "\"" + out + "\"";
}

bool OneLine(const std::string& message) { return !message.empty() && message.find('\n') == std::string::npos; }

// A parsed value is of the spec's kind and inside its range.
std::optional<std::string> CheckValue(const ParamSpec& spec, const ParamValue& value)
{
    auto inside = [&](double v) { return v >= spec.min && v <= spec.max && std::isfinite(v); };
    switch (spec.kind) {
    case ParamKind::Integer:
        if (const auto* i = std::get_if<int64_t>(&value); i == nullptr || !inside(double(*i)))
            return "an integer outside its range";
        return std::nullopt;
    case ParamKind::Real:
        if (const auto* d = std::get_if<double>(&value); d == nullptr || !inside(*d))
            return "a real outside its range";
        return std::nullopt;
    case ParamKind::Durations: {
        const auto* list = std::get_if<std::vector<double>>(&value);
        if (list == nullptr || list->empty() || int(list->size()) > spec.max_count)
            return "a list of the wrong length";
        for (double d : *list)
            if (!inside(d))
                return "a list entry outside its range";
        return std::nullopt;
    }
    }
    return "an unknown kind";
}

// What the program does with a set of values that passed validation.
std::optional<std::string> UseValues(const Lesson& lesson, const ParamValues& values)
{
    const Listing listing = RenderListing(lesson, values);
    if (listing.lines.empty())
        return "an empty listing";
    for (Model model : {Model::Py39, Model::Py312, Model::Py313t}) {
        const double seconds = lesson.estimate(values, model);
        if (!(seconds >= 0) || !std::isfinite(seconds))
            return fmt::format("estimate {} for python {}", seconds, ModelName(model));
    }
    return std::nullopt;
}

std::string ReadAll(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void WriteAll(const std::filesystem::path& path, std::string_view bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
}

} // namespace

std::optional<std::string> CheckParams(std::string_view text)
{
    for (const Lesson* lesson : AllLessons()) {
        for (const ParamSpec& spec : lesson->params) {
            ParamValue value;
            const auto error = ParseParam(spec, text, value);
            const std::string where = fmt::format("{} {} = {}: ", lesson->id, spec.name, Shown(text));
            if (error) {
                if (!OneLine(*error) || error->find(spec.name) == std::string::npos)
                    return where + "a refusal that is not one line naming the parameter: " + *error;
                continue;
            }
            if (auto bad = CheckValue(spec, value))
                return where + *bad;
            // What the window shows reads back as the same value.
            ParamValue again;
            if (auto reread = ParseParam(spec, DisplayValue(value), again))
                return where + "its display text " + DisplayValue(value) + " is refused: " + *reread;
            if (again != value)
                return where + "its display text " + DisplayValue(value) + " reads back differently";
            if (PythonLiteral(value).empty())
                return where + "an empty Python literal";
        }

        // The lines as --set NAME=VALUE assignments.
        std::vector<std::string> assignments;
        size_t start = 0;
        while (start <= text.size() && assignments.size() < 64) {
            const size_t end = std::min(text.find('\n', start), text.size());
            assignments.emplace_back(text.substr(start, end - start));
            start = end + 1;
        }
        ParamValues values = DefaultValues(lesson->params);
        const std::string where = fmt::format("{} --set {}: ", lesson->id, Shown(text));
        if (auto error = ApplyAssignments(lesson->params, assignments, values)) {
            if (!OneLine(*error))
                return where + "a refusal that is not one line: " + *error;
            continue;
        }
        for (const ParamSpec& spec : lesson->params)
            if (auto bad = CheckValue(spec, values.Get(spec.name)))
                return where + std::string(spec.name) + " is " + *bad;
        if (auto invalid = ValidateParams(*lesson, values)) {
            if (!OneLine(*invalid))
                return where + "a validation message that is not one line: " + *invalid;
            continue;
        }
        if (auto bad = UseValues(*lesson, values))
            return where + *bad;
    }
    return std::nullopt;
}

namespace {

// What both stored files promise (settings.json, progress.json): loading
// never throws; a notice is one line; a file it accepts is left untouched,
// one it refuses is kept as .bak byte for byte, with a notice, and changes
// nothing; what was loaded saves and loads back the same, without a notice.
template <class Value, class Load, class Save, class InRange>
std::optional<std::string> CheckStoredFile(std::string_view bytes, const std::string& dir, const char* name, Load load,
                                           Save save, InRange in_range)
{
    namespace fs = std::filesystem;
    const fs::path path = fs::path(dir) / name;
    const fs::path bak = fs::path(dir) / (std::string(name) + ".bak");
    std::error_code ec;
    fs::remove(path, ec);
    fs::remove(bak, ec);
    WriteAll(path, bytes);

    const auto [value, notice] = load(path.string());
    if (auto bad = in_range(value))
        return bad;
    if (!notice.empty() && notice.find('\n') != std::string::npos)
        return "a notice of more than one line";
    if (fs::exists(path)) {
        // Accepted (maybe with some values reset): the file is left as it was.
        if (ReadAll(path) != bytes)
            return "an accepted file was changed";
        if (fs::exists(bak))
            return "an accepted file was also copied to .bak";
    } else {
        // Refused: set aside byte for byte, and the user is told.
        if (!fs::exists(bak) || ReadAll(bak) != bytes)
            return "a refused file was not kept as .bak";
        if (notice.empty())
            return "a refused file without a notice";
        if (!(value == Value{}))
            return "a refused file still changed what was loaded";
    }
    if (auto error = save(path.string(), value))
        return "cannot save: " + *error;
    const auto [again, again_notice] = load(path.string());
    if (!again_notice.empty())
        return "what was saved loads with a notice: " + again_notice;
    if (!(again == value))
        return "what was saved loads back differently";
    fs::remove(path, ec);
    fs::remove(bak, ec);
    return std::nullopt;
}

} // namespace

std::optional<std::string> CheckSettings(std::string_view bytes, const std::string& dir)
{
    return CheckStoredFile<Settings>(
        bytes, dir, "settings.json",
        [](const std::string& path) {
            LoadedSettings loaded = LoadSettings(path);
            return std::pair(std::move(loaded.settings), std::move(loaded.notice));
        },
        &SaveSettings,
        [](const Settings& s) -> std::optional<std::string> {
            if (s.window_width < 320 || s.window_width > 16384 || s.window_height < 240 || s.window_height > 16384)
                return "window size out of range";
            if (s.font_size < 0 || s.font_size >= kFontSizeCount || s.presenter_font_size < 0 ||
                s.presenter_font_size >= kFontSizeCount)
                return "font size out of range";
            if (!ParseModel(s.python))
                return "unknown python model " + Shown(s.python);
            if (!(s.time_scale >= kMinTimeScale && s.time_scale <= kMaxTimeScale))
                return fmt::format("time scale {} out of range", s.time_scale);
            return std::nullopt;
        });
}

std::optional<std::string> CheckProgress(std::string_view bytes, const std::string& dir)
{
    return CheckStoredFile<Progress>(
        bytes, dir, "progress.json",
        [](const std::string& path) {
            LoadedProgress loaded = LoadProgress(path);
            return std::pair(std::move(loaded.progress), std::move(loaded.notice));
        },
        &SaveProgress,
        [](const Progress& progress) -> std::optional<std::string> {
            for (const auto& [id, p] : progress.lessons)
                if (p.attempts < 0 || p.answered < 0 || p.right < 0 || p.streak < 0 || p.best_streak < 0)
                    return "a negative count for " + Shown(id);
            return std::nullopt;
        });
}

std::optional<std::string> CheckTrace(std::string_view text)
{
    auto opened = ReadChromeTrace(text);
    if (const auto* error = std::get_if<std::string>(&opened))
        return OneLine(*error) ? std::nullopt : std::optional<std::string>("a refusal that is not one line: " + *error);
    const OpenedTrace& trace = std::get<OpenedTrace>(opened);
    for (size_t l = 0; l < trace.trace.lanes.size(); ++l) {
        const LaneTrace& lane = trace.trace.lanes[l];
        if (lane.group < 0 || size_t(lane.group) >= trace.trace.groups.size())
            return fmt::format("lane {} is in run {}, which does not exist", l, lane.group);
        for (const Span& span : lane.spans) {
            if (span.t1 < span.t0)
                return fmt::format("lane {} has a span that ends before it starts", l);
            if (span.label >= trace.trace.labels.size())
                return fmt::format("lane {} has a span with an unknown label", l);
            if (span.other != kNoLane && (span.other < 0 || size_t(span.other) >= trace.trace.lanes.size()))
                return fmt::format("lane {} has a span naming a lane that does not exist", l);
            if (uint8_t(span.state) >= kStateCount)
                return fmt::format("lane {} has a span with an unknown state", l);
            if (span.state == State::Done)
                return fmt::format("lane {} has a 'done' span, which a reader never keeps (a lane just ends)", l);
        }
        for (const Mark& mark : lane.marks)
            if (mark.label >= trace.trace.labels.size())
                return fmt::format("lane {} has a mark with an unknown label", l);
    }
    // What the window does with an opened trace: draw it and save it again.
    std::ostringstream out;
    WriteChromeTrace(trace.trace, trace.meta, out);
    auto again = ReadChromeTrace(out.str());
    if (const auto* error = std::get_if<std::string>(&again))
        return "an opened trace, saved again, cannot be opened: " + *error;
    const TraceSnapshot& back = std::get<OpenedTrace>(again).trace;
    if (back.lanes.size() != trace.trace.lanes.size() || back.groups.size() != trace.trace.groups.size())
        return "an opened trace, saved again, has other runs or threads";
    for (size_t l = 0; l < back.lanes.size(); ++l)
        if (back.lanes[l].spans.size() != trace.trace.lanes[l].spans.size())
            return fmt::format("an opened trace, saved again, has other spans on lane {}", l);
    return std::nullopt;
}

} // namespace threadlab::fuzz

// ---------------------------------------------------------------- python

#include "code_builder.hpp"
#include "compiler.hpp"
#include "dis.hpp"
#include "source_file.hpp"

namespace threadlab::fuzz {

namespace {

std::optional<std::string> CheckCode(const py::Code& code)
{
    const int n = int(code.code.size());
    if (n == 0 || code.lines.size() != code.code.size())
        return "code " + code.qualname + " has no instructions or no line for each";
    for (int pc = 0; pc < n; ++pc) {
        const py::Instr& ins = code.code[size_t(pc)];
        if (py::IsJump(ins.op) && (ins.arg < 0 || ins.arg > n))
            return "code " + code.qualname + ": a jump leaves the code";
    }
    if (!py::IsTerminal(code.code.back().op))
        return "code " + code.qualname + " can run off its end";
    for (const py::ExceptionRange& r : code.exceptions)
        if (r.start < 0 || r.end > n || r.start >= r.end || r.target < 0 || r.target >= n || r.depth < 0)
            return "code " + code.qualname + ": an exception-table row is out of range";
    for (py::Value c : code.consts)
        if (c.IsObject() && c.AsObject()->type == py::Types().code)
            if (auto broken = CheckCode(*static_cast<const py::Code*>(c.AsObject())))
                return broken;
    return std::nullopt;
}

} // namespace

std::optional<std::string> CheckPython(std::string_view text)
{
    const std::string source(text);
    if (py::CheckSourceText(source))
        return std::nullopt; // refused before compiling: not a program
    // Lines end at \n, \r\n or a lone \r, as Python's tokenizer reads them.
    int lines = 1;
    for (size_t i = 0; i < source.size(); ++i)
        if (source[i] == '\n' || (source[i] == '\r' && (i + 1 == source.size() || source[i + 1] != '\n')))
            ++lines;
    std::unique_ptr<py::Program> program;
    try {
        program = py::CompileProgram("fuzz.py", source);
    } catch (const py::SourceError& e) {
        const std::string line = py::FormatSourceError("fuzz.py", e);
        if (line.find('\n') != std::string::npos)
            return "a refusal spans lines: " + line;
        if (e.line < 1 || e.line > lines + 1 || e.col < 1)
            return "a refusal's place is outside the text: " + line;
        return std::nullopt;
    } catch (const std::exception& e) {
        return std::string("compiling threw ") + e.what();
    }
    const py::ModuleInfo* main = program->Find(program->main);
    if (main == nullptr || main->code == nullptr)
        return "a compiled program has no main module";
    if (auto broken = CheckCode(*main->code))
        return broken;
    for (Model model : {Model::Py39, Model::Py312, Model::Py313t})
        if (py::Disassemble(*main, model).empty())
            return "dis printed nothing";
    return std::nullopt;
}

} // namespace threadlab::fuzz

// ---------------------------------------------------------------- lesson pages

#include "page.hpp"
#include "page_run.hpp"

namespace threadlab::fuzz {

namespace {

// The program a page is read with when the input does not bring its own.
constexpr std::string_view kPageProgram = R"(import threading
N = 3
counter = 0
def work():
    global counter
    for _ in range(N):
        counter += 1
# part: threaded
ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
)";

constexpr std::string_view kProgramSeparator = "\n##### program\n";

} // namespace

std::optional<std::string> CheckPage(std::string_view text)
{
    const size_t split = text.find(kProgramSeparator);
    const std::string md(text.substr(0, split));
    const std::string py(split == std::string_view::npos ? kPageProgram : text.substr(split + kProgramSeparator.size()));
    std::unique_ptr<LessonPage> page;
    try {
        page = ParsePage("fuzz", "fuzz.md", md, "fuzz.py", py);
    } catch (const PageError& e) {
        const std::string message = e.what();
        if (!OneLine(message))
            return "a refusal of more than one line: " + Shown(message);
        if (message.rfind("fuzz.md:", 0) != 0 && message.rfind("fuzz.py:", 0) != 0)
            return "a refusal that names neither file: " + Shown(message);
        return std::nullopt;
    } catch (const std::exception& e) {
        return std::string("ParsePage threw something other than a PageError: ") + e.what();
    }
    // An accepted page: its defaults are valid values, its program with them
    // compiles, and what it asks before a run evaluates or is refused in one line.
    const std::vector<ParamSpec> specs = page->Specs();
    const ParamValues values = DefaultValues(specs);
    try {
        CompilePageProgram(*page, values);
    } catch (const py::SourceError& e) {
        return "an accepted page's program does not compile with its defaults: " + Shown(e.message);
    }
    for (Model model : {Model::Py39, Model::Py313t}) {
        std::string error;
        const std::optional<BeforeRun> before = EvaluateBeforeRun(*page, values, model, error);
        if (!before && !OneLine(error))
            return "a page expression's failure is not one line: " + Shown(error);
        if (before && before->questions.size() != page->questions.size())
            return "the questions asked are not the page's";
    }
    return std::nullopt;
}

} // namespace threadlab::fuzz
