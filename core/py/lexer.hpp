#pragma once
// The lexer: Python source text to tokens, with INDENT/DEDENT and the
// implicit line joining inside brackets, as CPython's tokenizer does.
//
// Positions are 1-based lines and columns (columns count code points, as
// SyntaxError's offset does). A token's text points into the source, except
// a string's decoded value, which the lexer builds.
#include "source_error.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace threadlab::py {

enum class Tok : uint8_t {
    Name,
    Int,     // text is the literal; value in int_value (or too big: `overflow`)
    Float,   // float_value
    String,  // decoded value in `str`; `prefix` says f / r / b
    Op,      // an operator or delimiter; `text` is it
    Newline, // end of a logical line
    Indent,
    Dedent,
    End,
};

struct Token {
    Tok kind = Tok::End;
    std::string_view text; // the source text of the token
    int line = 0, col = 0, end_line = 0, end_col = 0;
    // Literals.
    int64_t int_value = 0;
    bool overflow = false; // an int literal beyond 64 bits
    double float_value = 0;
    std::string str;       // a string's value (for an f-string: its raw body)
    bool is_fstring = false;
    bool is_bytes = false;
    bool is_raw = false;
    int body_line = 0, body_col = 0; // where an f-string's body starts

    bool Is(std::string_view op) const { return kind == Tok::Op && text == op; }
    bool IsName(std::string_view name) const { return kind == Tok::Name && text == name; }
};

// Splits `source` into tokens. Throws SourceError on a lexical error.
std::vector<Token> Tokenize(std::string_view source);

bool IsKeyword(std::string_view name);

} // namespace threadlab::py
