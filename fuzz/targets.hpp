#pragma once
// What each fuzz target does with one input, shared by the libFuzzer
// executables (fuzz_*.cpp, built by scripts/fuzz with clang) and by the
// normal test suite, which replays every corpus file through the same code
// (tests/test_fuzz_corpus.cpp). Each returns nullopt when every property
// held, else what broke; a crash or a sanitizer report is a failure too.
#include <optional>
#include <string>
#include <string_view>

namespace threadlab::fuzz {

// The text as a value of every parameter of every lesson (ParseParam), and
// its lines as NAME=VALUE assignments for every lesson (ApplyAssignments,
// then ValidateParams, the listing and the run-limit check). Properties: a
// value that parses is inside its range and reads back the same from its
// display text; every refusal is one line that names the parameter.
std::optional<std::string> CheckParams(std::string_view text);

// The bytes as a settings file in `dir` (LoadSettings). Properties: loading
// never throws; what it returns is in range; a file it refuses is moved to
// .bak byte for byte and one it accepts is left untouched; what it returns
// saves and loads back identically, without a notice.
std::optional<std::string> CheckSettings(std::string_view bytes, const std::string& dir);

// The same bytes as a progress file in `dir` (LoadProgress), with the same
// properties; the settings target runs both, as both files are read alike.
std::optional<std::string> CheckProgress(std::string_view bytes, const std::string& dir);

// The text as a trace file opened again (ReadChromeTrace). Properties: it
// never throws; a refusal is one line; an accepted trace is consistent (every
// lane in a run that exists, spans in order) and writes out again.
std::optional<std::string> CheckTrace(std::string_view text);

// The text as a Python program (CompileProgram, then dis under each model).
// Properties: only a SourceError is ever thrown, as one line with a line and
// column inside the text; a program that compiles disassembles, and every
// jump and handler of its code stays inside the code.
std::optional<std::string> CheckPython(std::string_view text);

// The text as a lesson page (ParsePage), with the program after a line
// "##### program" if it has one, else a small counter program. Properties:
// only a PageError is thrown, as one line naming the page or the program
// file; an accepted page's program compiles with its defaults, and what it
// asks before a run is evaluated or refused in one line.
std::optional<std::string> CheckPage(std::string_view text);

} // namespace threadlab::fuzz
