#include "lexer.hpp"

#include "unicode.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace threadlab::py {

namespace {

constexpr std::array kKeywords = {
    "False",  "None",   "True",    "and",      "as",   "assert", "async", "await",  "break",
    "class",  "continue", "def",   "del",      "elif", "else",   "except", "finally", "for",
    "from",   "global", "if",      "import",   "in",   "is",     "lambda", "nonlocal", "not",
    "or",     "pass",   "raise",   "return",   "try",  "while",  "with",  "yield",
};

// Longest first, so the first match is the longest.
constexpr std::array kOperators = {
    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "==", "!=", "<=", ">=", "<<", ">>", "+=", "-=",
    "*=",  "/=",  "%=",  "&=",  "|=",  "^=", "@=", "+",  "-",  "*",  "/",  "%",  "@",  "&",  "|",  "^",
    "~",   "<",   ">",   "(",   ")",   "[",  "]",  "{",  "}",  ",",  ":",  ".",  ";",  "=",
};

bool IsNameStart(unsigned char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }
bool IsNameChar(unsigned char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

class Lexer {
public:
    explicit Lexer(std::string_view source) : m_src(source)
    {
        if (m_src.substr(0, 3) == "\xEF\xBB\xBF")
            m_pos = 3;
        m_line_start = m_pos;
    }

    std::vector<Token> Run()
    {
        m_indents.push_back(0);
        bool at_line_start = true;
        while (true) {
            if (at_line_start && m_depth == 0) {
                if (!Indentation())
                    break; // end of input
                at_line_start = false;
            }
            SkipSpaces();
            if (m_pos >= m_src.size())
                break;
            const char c = m_src[m_pos];
            if (c == '#') {
                while (m_pos < m_src.size() && m_src[m_pos] != '\n')
                    ++m_pos;
                continue;
            }
            if (c == '\\') {
                // Explicit line joining.
                size_t p = m_pos + 1;
                if (p < m_src.size() && m_src[p] == '\r')
                    ++p;
                if (p < m_src.size() && m_src[p] == '\n') {
                    m_pos = p + 1;
                    NewLine();
                    if (m_pos >= m_src.size())
                        throw Syntax(m_line, 1, "unexpected EOF while parsing");
                    continue;
                }
                throw Syntax(m_line, Col(m_pos), "unexpected character after line continuation character");
            }
            if (c == '\n' || c == '\r') {
                const int line = m_line, col = Col(m_pos);
                if (c == '\r' && m_pos + 1 < m_src.size() && m_src[m_pos + 1] == '\n')
                    ++m_pos;
                ++m_pos;
                if (m_depth == 0 && !m_tokens.empty() && m_tokens.back().kind != Tok::Newline) {
                    Token t;
                    t.kind = Tok::Newline;
                    t.line = t.end_line = line;
                    t.col = t.end_col = col;
                    m_tokens.push_back(t);
                }
                NewLine();
                at_line_start = m_depth == 0;
                continue;
            }
            Lex();
        }
        if (m_depth > 0)
            throw Syntax(m_bracket_line.back(), m_bracket_col.back(),
                         std::string("'") + m_brackets.back() + "' was never closed");
        Token end;
        end.line = end.end_line = m_line;
        end.col = end.end_col = Col(m_pos);
        if (!m_tokens.empty() && m_tokens.back().kind != Tok::Newline) {
            end.kind = Tok::Newline;
            m_tokens.push_back(end);
        }
        while (m_indents.size() > 1) {
            m_indents.pop_back();
            end.kind = Tok::Dedent;
            m_tokens.push_back(end);
        }
        end.kind = Tok::End;
        m_tokens.push_back(end);
        return std::move(m_tokens);
    }

private:
    int Col(size_t pos) const { return CodePointsIn(m_src.substr(m_line_start, pos - m_line_start)) + 1; }

    void NewLine()
    {
        ++m_line;
        m_line_start = m_pos;
    }

    void SkipSpaces()
    {
        while (m_pos < m_src.size() && (m_src[m_pos] == ' ' || m_src[m_pos] == '\t' || m_src[m_pos] == '\f'))
            ++m_pos;
    }

    // At the start of a line outside brackets: measures the indentation and
    // emits INDENT/DEDENT. Blank and comment-only lines do not count.
    // Returns false at the end of the input.
    bool Indentation()
    {
        for (;;) {
            int width = 0;
            while (m_pos < m_src.size()) {
                const char c = m_src[m_pos];
                if (c == ' ')
                    ++width;
                else if (c == '\t')
                    width = (width / 8 + 1) * 8;
                else if (c == '\f')
                    width = 0;
                else
                    break;
                ++m_pos;
            }
            if (m_pos >= m_src.size())
                return false;
            const char c = m_src[m_pos];
            if (c == '#' || c == '\n' || c == '\r') {
                while (m_pos < m_src.size() && m_src[m_pos] != '\n')
                    ++m_pos;
                if (m_pos < m_src.size()) {
                    ++m_pos;
                    NewLine();
                }
                continue;
            }
            if (c == '\\')
                return true; // a continuation line starting with a backslash: no indentation change
            Token t;
            t.line = t.end_line = m_line;
            t.col = t.end_col = Col(m_pos);
            if (width > m_indents.back()) {
                if (m_tokens.empty())
                    throw SourceError(m_line, t.col, "IndentationError: unexpected indent");
                m_indents.push_back(width);
                t.kind = Tok::Indent;
                m_tokens.push_back(t);
            } else {
                while (width < m_indents.back()) {
                    m_indents.pop_back();
                    t.kind = Tok::Dedent;
                    m_tokens.push_back(t);
                }
                if (width != m_indents.back())
                    throw SourceError(m_line, t.col,
                                      "IndentationError: unindent does not match any outer indentation level");
            }
            return true;
        }
    }

    void Lex()
    {
        const size_t start = m_pos;
        const unsigned char c = static_cast<unsigned char>(m_src[m_pos]);
        Token t;
        t.line = m_line;
        t.col = Col(start);
        if (IsNameStart(c)) {
            while (m_pos < m_src.size() && IsNameChar(static_cast<unsigned char>(m_src[m_pos])))
                ++m_pos;
            const std::string_view word = m_src.substr(start, m_pos - start);
            if (m_pos < m_src.size() && (m_src[m_pos] == '\'' || m_src[m_pos] == '"') && word.size() <= 2 &&
                IsStringPrefix(word)) {
                m_pos = start;
                String(t);
                return;
            }
            if (c >= 0x80)
                CheckIdentifier(word, t.col);
            t.kind = Tok::Name;
            t.text = word;
        } else if (IsDigit(char(c)) || (c == '.' && m_pos + 1 < m_src.size() && IsDigit(m_src[m_pos + 1]))) {
            Number(t);
            return;
        } else if (c == '\'' || c == '"') {
            String(t);
            return;
        } else {
            std::string_view op;
            for (std::string_view candidate : kOperators)
                if (m_src.substr(m_pos, candidate.size()) == candidate) {
                    op = candidate;
                    break;
                }
            if (op.empty()) {
                if (c == '!')
                    throw Syntax(m_line, t.col, "invalid syntax");
                if (c == '$' || c == '?' || c == '`')
                    throw Syntax(m_line, t.col, "invalid syntax");
                throw Syntax(m_line, t.col, fmtInvalidCharacter(c));
            }
            m_pos += op.size();
            t.kind = Tok::Op;
            t.text = m_src.substr(start, op.size());
            Bracket(op, t);
        }
        t.end_line = m_line;
        t.end_col = Col(m_pos);
        m_tokens.push_back(t);
    }

    static std::string fmtInvalidCharacter(unsigned char c)
    {
        char buf[64];
        std::snprintf(buf, sizeof buf, "invalid character '%c' (U+%04X)", c, c);
        return buf;
    }

    void CheckIdentifier(std::string_view word, int col)
    {
        // Letters from other scripts are fine; symbols that only look like
        // operators are not (CPython: "invalid character").
        size_t i = 0;
        while (i < word.size()) {
            const char32_t cp = DecodeUtf8At(word, i);
            if (cp >= 0x80 && !IsIdentifierCodePoint(cp)) {
                char buf[96];
                std::snprintf(buf, sizeof buf, "invalid character '%s' (U+%04X)", EncodeUtf8(cp).c_str(),
                              unsigned(cp));
                throw Syntax(m_line, col, buf);
            }
        }
    }

    void Bracket(std::string_view op, const Token& t)
    {
        const char c = op[0];
        if (op.size() != 1)
            return;
        if (c == '(' || c == '[' || c == '{') {
            ++m_depth;
            m_brackets.push_back(c);
            m_bracket_line.push_back(t.line);
            m_bracket_col.push_back(t.col);
        } else if (c == ')' || c == ']' || c == '}') {
            if (m_depth == 0)
                throw Syntax(t.line, t.col, std::string("unmatched '") + c + "'");
            const char open = m_brackets.back();
            const char want = open == '(' ? ')' : open == '[' ? ']' : '}';
            if (c != want) {
                std::string msg = std::string("closing parenthesis '") + c + "' does not match opening parenthesis '" +
                                  open + "'";
                if (m_bracket_line.back() != t.line)
                    msg += " on line " + std::to_string(m_bracket_line.back());
                throw Syntax(t.line, t.col, msg);
            }
            --m_depth;
            m_brackets.pop_back();
            m_bracket_line.pop_back();
            m_bracket_col.pop_back();
        }
    }

    static bool IsStringPrefix(std::string_view word)
    {
        bool r = false, b = false, f = false, u = false;
        for (char ch : word) {
            const char l = char(ch | 0x20);
            if (l == 'r' && !r)
                r = true;
            else if (l == 'b' && !b)
                b = true;
            else if (l == 'f' && !f)
                f = true;
            else if (l == 'u' && !u)
                u = true;
            else
                return false;
        }
        return !(u && (r || b || f)) && !(b && f);
    }

    void Number(Token& t)
    {
        const size_t start = m_pos;
        auto digits = [&](auto accept) {
            bool any = false;
            while (m_pos < m_src.size()) {
                const char ch = m_src[m_pos];
                if (accept(ch)) {
                    any = true;
                    ++m_pos;
                } else if (ch == '_' && any && m_pos + 1 < m_src.size() && accept(m_src[m_pos + 1])) {
                    ++m_pos;
                } else {
                    break;
                }
            }
            return any;
        };
        auto clean = [&](size_t from) {
            std::string s;
            for (size_t i = from; i < m_pos; ++i)
                if (m_src[i] != '_')
                    s += m_src[i];
            return s;
        };
        bool is_float = false;
        int base = 10;
        if (m_src[m_pos] == '0' && m_pos + 1 < m_src.size() &&
            (m_src[m_pos + 1] == 'x' || m_src[m_pos + 1] == 'X' || m_src[m_pos + 1] == 'o' ||
             m_src[m_pos + 1] == 'O' || m_src[m_pos + 1] == 'b' || m_src[m_pos + 1] == 'B')) {
            const char kind = char(m_src[m_pos + 1] | 0x20);
            base = kind == 'x' ? 16 : kind == 'o' ? 8 : 2;
            m_pos += 2;
            if (m_pos < m_src.size() && m_src[m_pos] == '_')
                ++m_pos;
            const bool ok = digits([&](char ch) {
                if (base == 16)
                    return IsDigit(ch) || (char(ch | 0x20) >= 'a' && char(ch | 0x20) <= 'f');
                if (base == 8)
                    return ch >= '0' && ch <= '7';
                return ch == '0' || ch == '1';
            });
            if (!ok)
                throw Syntax(m_line, t.col,
                             std::string("invalid ") + (base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary") +
                                 " literal");
        } else {
            digits(IsDigit);
            if (m_pos < m_src.size() && m_src[m_pos] == '.') {
                is_float = true;
                ++m_pos;
                digits(IsDigit);
            }
            if (m_pos < m_src.size() && (m_src[m_pos] == 'e' || m_src[m_pos] == 'E')) {
                size_t p = m_pos + 1;
                if (p < m_src.size() && (m_src[p] == '+' || m_src[p] == '-'))
                    ++p;
                if (p < m_src.size() && IsDigit(m_src[p])) {
                    m_pos = p;
                    digits(IsDigit);
                    is_float = true;
                }
            }
        }
        if (m_pos < m_src.size() && (m_src[m_pos] == 'j' || m_src[m_pos] == 'J'))
            throw Unsupported(m_line, t.col, "complex numbers");
        if (m_pos < m_src.size() && IsNameChar(static_cast<unsigned char>(m_src[m_pos])))
            throw Syntax(m_line, t.col,
                         std::string("invalid ") + (base == 16 ? "hexadecimal" : base == 8 ? "octal" : base == 2 ? "binary" : "decimal") +
                             " literal");
        t.text = m_src.substr(start, m_pos - start);
        t.end_line = m_line;
        t.end_col = Col(m_pos);
        if (is_float) {
            const std::string s = clean(start);
            t.kind = Tok::Float;
            t.float_value = std::strtod(s.c_str(), nullptr);
        } else {
            std::string s = clean(start + (base == 10 ? 0 : 2));
            if (base == 10 && s.size() > 1 && s[0] == '0' && s.find_first_not_of('0') != std::string::npos)
                throw Syntax(m_line, t.col,
                             "leading zeros in decimal integer literals are not permitted; use an 0o prefix for "
                             "octal integers");
            t.kind = Tok::Int;
            uint64_t value = 0;
            const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value, base);
            if (ec != std::errc() || value > uint64_t(INT64_MAX))
                t.overflow = true;
            else
                t.int_value = int64_t(value);
        }
        m_tokens.push_back(t);
    }

    void String(Token& t)
    {
        const size_t start = m_pos;
        while (m_src[m_pos] != '\'' && m_src[m_pos] != '"') {
            const char l = char(m_src[m_pos] | 0x20);
            t.is_raw |= l == 'r';
            t.is_bytes |= l == 'b';
            t.is_fstring |= l == 'f';
            ++m_pos;
        }
        const char quote = m_src[m_pos];
        const bool triple = m_src.substr(m_pos, 3) == std::string(3, quote);
        m_pos += triple ? 3 : 1;
        const int start_line = m_line;
        t.body_line = m_line;
        t.body_col = Col(m_pos);
        const size_t body_start = m_pos;
        std::string value;
        for (;;) {
            if (m_pos >= m_src.size())
                throw Syntax(start_line, t.col,
                             std::string(triple ? "unterminated triple-quoted string literal" : "unterminated string literal") +
                                 " (detected at line " + std::to_string(m_line) + ")");
            const char ch = m_src[m_pos];
            if (ch == quote && (!triple || m_src.substr(m_pos, 3) == std::string(3, quote)))
                break;
            if (ch == '\n' || ch == '\r') {
                if (!triple)
                    throw Syntax(start_line, t.col,
                                 "unterminated string literal (detected at line " + std::to_string(m_line) + ")");
                if (ch == '\r' && m_pos + 1 < m_src.size() && m_src[m_pos + 1] == '\n')
                    ++m_pos;
                ++m_pos;
                value += '\n';
                NewLine();
                continue;
            }
            if (ch == '\\' && m_pos + 1 < m_src.size()) {
                const char next = m_src[m_pos + 1];
                if (t.is_raw || t.is_fstring) {
                    // Kept as written; an f-string's escapes are decoded with its parts.
                    value += ch;
                    if (next == '\n' || next == '\r') {
                        m_pos += 1;
                        continue;
                    }
                    value += next;
                    m_pos += 2;
                    continue;
                }
                m_pos += 2;
                Escape(next, value, t);
                continue;
            }
            value += ch;
            ++m_pos;
        }
        (void)body_start;
        m_pos += triple ? 3 : 1;
        t.kind = Tok::String;
        t.text = m_src.substr(start, m_pos - start);
        t.str = std::move(value);
        t.end_line = m_line;
        t.end_col = Col(m_pos);
        m_tokens.push_back(t);
    }

    void Escape(char next, std::string& value, const Token& t)
    {
        auto hex = [&](int count) {
            uint32_t cp = 0;
            for (int i = 0; i < count; ++i) {
                if (m_pos >= m_src.size() || !std::isxdigit(static_cast<unsigned char>(m_src[m_pos])))
                    throw Syntax(t.line, t.col, "(unicode error) truncated \\xXX escape");
                const char h = m_src[m_pos++];
                cp = cp * 16 + uint32_t(IsDigit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
            }
            return cp;
        };
        switch (next) {
        case '\n': NewLine(); break;
        case '\r':
            if (m_pos < m_src.size() && m_src[m_pos] == '\n')
                ++m_pos;
            NewLine();
            break;
        case '\\': value += '\\'; break;
        case '\'': value += '\''; break;
        case '"': value += '"'; break;
        case 'a': value += '\a'; break;
        case 'b': value += '\b'; break;
        case 'f': value += '\f'; break;
        case 'n': value += '\n'; break;
        case 'r': value += '\r'; break;
        case 't': value += '\t'; break;
        case 'v': value += '\v'; break;
        case 'x': value += EncodeUtf8(hex(2)); break;
        case 'u':
            if (t.is_bytes) {
                value += "\\u";
                break;
            }
            value += EncodeUtf8(hex(4));
            break;
        case 'U':
            if (t.is_bytes) {
                value += "\\U";
                break;
            }
            {
                const uint32_t cp = hex(8);
                if (cp > 0x10FFFF)
                    throw Syntax(t.line, t.col, "(unicode error) illegal Unicode character");
                value += EncodeUtf8(cp);
            }
            break;
        case 'N': throw Unsupported(t.line, t.col, "\\N{...} escapes");
        default:
            if (next >= '0' && next <= '7') {
                uint32_t cp = uint32_t(next - '0');
                for (int i = 0; i < 2 && m_pos < m_src.size() && m_src[m_pos] >= '0' && m_src[m_pos] <= '7'; ++i)
                    cp = cp * 8 + uint32_t(m_src[m_pos++] - '0');
                value += EncodeUtf8(cp);
            } else {
                value += '\\';
                value += next;
            }
        }
    }

    std::string_view m_src;
    size_t m_pos = 0;
    size_t m_line_start = 0;
    int m_line = 1;
    int m_depth = 0;
    std::vector<char> m_brackets;
    std::vector<int> m_bracket_line, m_bracket_col;
    std::vector<int> m_indents;
    std::vector<Token> m_tokens;
};

} // namespace

bool IsKeyword(std::string_view name)
{
    for (std::string_view k : kKeywords)
        if (k == name)
            return true;
    return false;
}

std::vector<Token> Tokenize(std::string_view source) { return Lexer(source).Run(); }

} // namespace threadlab::py
