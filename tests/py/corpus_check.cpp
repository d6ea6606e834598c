// One corpus program, one model: threadlab's stdout and exit code must be
// CPython's. Usage: corpus_check PROGRAM.py MODEL THREADLAB PYTHON
// Exits 77 (skipped) when there is no CPython to compare with.
#include "../process.hpp"

#include <cstdio>
#include <iostream>
#include <sstream>
#include <vector>

using threadlab::test::Capture;
using threadlab::test::Quote;

namespace {

std::vector<std::string> Lines(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 5) {
        std::cerr << "usage: corpus_check PROGRAM.py MODEL THREADLAB PYTHON\n";
        return 2;
    }
    const std::string program = argv[1], model = argv[2], threadlab = argv[3], python = argv[4];
    if (python.empty() || Capture(Quote(python) + " -c 'print(1)' 2>/dev/null").out != "1\n") {
        std::cout << "no CPython to compare with: skipped\n";
        return 77;
    }
    const auto expected = Capture(Quote(python) + " " + Quote(program) + " 2>/dev/null");
    const auto got = Capture("timeout 60 " + Quote(threadlab) + " run " + Quote(program) + " --python " + model +
                             " 2>/tmp/corpus_stderr_$$");
    if (expected.out == got.out && expected.status == got.status)
        return 0;
    std::cout << program << " under --python " << model << ": threadlab differs from " << python << "\n";
    if (expected.status != got.status)
        std::cout << "exit code: CPython " << expected.status << ", threadlab " << got.status << "\n";
    const auto want = Lines(expected.out), have = Lines(got.out);
    for (size_t i = 0; i < std::max(want.size(), have.size()); ++i) {
        const std::string a = i < want.size() ? want[i] : "<no line>";
        const std::string b = i < have.size() ? have[i] : "<no line>";
        if (a != b) {
            std::cout << "first difference at line " << i + 1 << ":\n  CPython:   " << a << "\n  threadlab: " << b
                      << "\n";
            break;
        }
    }
    return 1;
}
