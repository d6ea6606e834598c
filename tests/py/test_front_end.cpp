// The front end: what is refused before anything runs, with the line and
// column a student's editor can mark, and what the compiler emits where the
// models' switch points depend on it.
#include "compiler.hpp"
#include "dis.hpp"

#include <catch2/catch.hpp>

using namespace threadlab;
using namespace threadlab::py;

namespace {

// The one-line message a source is refused with, or "" if it compiles.
std::string Refusal(const std::string& source)
{
    try {
        CompileProgram("p.py", source);
        return "";
    } catch (const SourceError& e) {
        return FormatSourceError("p.py", e);
    }
}

} // namespace

TEST_CASE("syntax errors name the file, line and column", "[py][front]")
{
    CHECK(Refusal("x = (1,\n") == "p.py:1:5: SyntaxError: '(' was never closed");
    CHECK(Refusal("if x:\npass\n") ==
          "p.py:2:1: IndentationError: expected an indented block after 'if' statement on line 1");
    CHECK(Refusal("x = 1\n  y = 2\n") == "p.py:2:3: IndentationError: unexpected indent");
    CHECK(Refusal("f() = 3\n") ==
          "p.py:1:1: SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?");
    CHECK(Refusal("print(\"abc\n") == "p.py:1:7: SyntaxError: unterminated string literal (detected at line 1)");
    CHECK(Refusal("def f():\n    return 1\nreturn 2\n") == "p.py:3:1: SyntaxError: 'return' outside function");
    CHECK(Refusal("for x in y:\n    pass\ncontinue\n") == "p.py:3:1: SyntaxError: 'continue' not properly in loop");
    CHECK(Refusal("def f():\n    nonlocal y\n") == "p.py:2:5: SyntaxError: no binding for nonlocal 'y' found");
    CHECK(Refusal("f(a=1, b)\n") == "p.py:1:8: SyntaxError: positional argument follows keyword argument");
    CHECK(Refusal("x = 1 if 2\n") == "p.py:1:11: SyntaxError: expected 'else' after 'if' expression");
    CHECK(Refusal("\xe2\x82\xac = 1\n") == "p.py:1:1: SyntaxError: invalid character '\xe2\x82\xac' (U+20AC)");
}

TEST_CASE("constructs outside the subset are refused with their place", "[py][front]")
{
    CHECK(Refusal("async def f():\n    pass\n") == "p.py:1:1: threadlab does not run async functions");
    CHECK(Refusal("x = 1\nmatch x:\n    case 1:\n        pass\n") == "p.py:2:1: threadlab does not run match statements");
    CHECK(Refusal("try:\n    pass\nexcept* ValueError:\n    pass\n") ==
          "p.py:3:7: threadlab does not run except* (exception groups)");
    CHECK(Refusal("x = 3j\n") == "p.py:1:5: threadlab does not run complex numbers");
    CHECK(Refusal("x = 1\ny = f\"{x + 2j}\"\n") ==
          "p.py:2:5: threadlab does not run complex numbers"); // in an f-string
    CHECK(Refusal("x = b'abc'\n") == "p.py:1:5: threadlab does not run bytes literals");
    CHECK(Refusal("x = 12345678901234567890\n") == "p.py:1:5: threadlab does not run integers beyond 64 bits");
    CHECK(Refusal("class A(metaclass=type):\n    pass\n") == "p.py:1:9: threadlab does not run metaclasses");
    const std::string numpy = Refusal("import threading\nimport numpy\n");
    CHECK(numpy.rfind("p.py:2:1: threadlab does not have the module 'numpy' (it has threading, time, queue", 0) == 0);
    CHECK(Refusal("from os import path\n").rfind("p.py:1:1: threadlab does not have the module 'os'", 0) == 0);
}

TEST_CASE("the subset's typed code is accepted", "[py][front]")
{
    CHECK(Refusal("from __future__ import annotations\nfrom typing import Any, Callable\n"
                  "import threading\ncounter: int = 0\nthreads: list[threading.Thread] = []\n"
                  "def f(name: str, *, n: int = 1) -> None:\n    x: float\n    return None\n") == "");
}

TEST_CASE("counter += 1 compiles to CPython 3.12's four instructions", "[py][front]")
{
    auto program = CompileProgram("p.py", "counter = 0\ndef f():\n    global counter\n    counter += 1\n");
    const std::string dis = Disassemble(*program->Find("__main__"), Model::Py39);
    const size_t load = dis.find("LOAD_GLOBAL");
    REQUIRE(load != std::string::npos);
    const size_t konst = dis.find("LOAD_CONST", load);
    const size_t add = dis.find("BINARY_OP", load);
    const size_t store = dis.find("STORE_GLOBAL", load);
    CHECK(load < konst);
    CHECK(konst < add);
    CHECK(add < store);
    CHECK(dis.find("(+=)", add) != std::string::npos);
}

TEST_CASE("dis marks each model's switch points from its table", "[py][front]")
{
    auto program = CompileProgram("p.py", "counter = 0\ndef f():\n    global counter\n    for _ in range(3):\n"
                                          "        counter += 1\n");
    const ModuleInfo& m = *program->Find("__main__");
    const std::string py39 = Disassemble(m, Model::Py39);
    const std::string py312 = Disassemble(m, Model::Py312);
    // The line of the listing that holds both `op` and `arg`.
    auto line_of = [](const std::string& text, const std::string& op, const std::string& arg) {
        size_t start = 0;
        while (start < text.size()) {
            const size_t end = text.find('\n', start);
            const std::string line = text.substr(start, end - start);
            if (line.find(op) != std::string::npos && line.find(arg) != std::string::npos)
                return line;
            start = end == std::string::npos ? text.size() : end + 1;
        }
        return std::string();
    };
    // 3.9 may switch after the load and after the add: the increment can be split.
    REQUIRE(!line_of(py39, "LOAD_GLOBAL", "(counter)").empty());
    CHECK(line_of(py39, "LOAD_GLOBAL", "(counter)").find("may switch") != std::string::npos);
    CHECK(line_of(py39, "BINARY_OP", "(+=)").find("may switch") != std::string::npos);
    CHECK(line_of(py39, "LOAD_CONST", "(1)").find("may switch") == std::string::npos);
    // 3.12 only at the loop's back-edge and function entry.
    CHECK(line_of(py312, "LOAD_GLOBAL", "(counter)").find("may switch") == std::string::npos);
    CHECK(line_of(py312, "BINARY_OP", "(+=)").find("may switch") == std::string::npos);
    CHECK(line_of(py312, "STORE_GLOBAL", "(counter)").find("may switch") == std::string::npos);
    CHECK(line_of(py312, "JUMP_BACKWARD", "to").find("may switch") != std::string::npos);
}
