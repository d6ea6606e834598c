// str: indexing by code point and the common methods (str.format is in
// str_format.cpp).
#include "builtins_impl.hpp"
#include "containers.hpp"
#include "format.hpp"
#include "unicode.hpp"

#include <fmt/format.h>

namespace threadlab::py {

namespace {

Str* S(ThreadState& ts, const Args& args, const char* method) { return Self<Str>(ts, args, Types().str, method); }

std::string_view StrArg(ThreadState& ts, Value v, const char* what)
{
    if (!IsInstance(v, Types().str))
        TypeError(&ts, fmt::format("{} must be str, not {}", what, TypeName(v)));
    return StrView(v);
}

// Byte offset of code point `index` (0 … length).
size_t ByteOffset(const Str* s, int64_t index)
{
    if (s->ascii)
        return size_t(index);
    size_t i = 0;
    const std::string_view v = s->View();
    for (int64_t k = 0; k < index && i < v.size(); ++k)
        DecodeUtf8At(v, i);
    return i;
}

// Code point index of byte offset `offset`.
int64_t CodePointIndex(const Str* s, size_t offset)
{
    if (s->ascii)
        return int64_t(offset);
    return CodePointsIn(s->View().substr(0, offset));
}

std::vector<char32_t> CodePoints(std::string_view s)
{
    std::vector<char32_t> out;
    size_t i = 0;
    while (i < s.size())
        out.push_back(DecodeUtf8At(s, i));
    return out;
}

std::string Encode(const std::vector<char32_t>& cps, size_t from = 0, size_t to = SIZE_MAX)
{
    std::string out;
    for (size_t i = from; i < std::min(to, cps.size()); ++i)
        out += EncodeUtf8(cps[i]);
    return out;
}

bool IsSpace(char32_t c) { return c == ' ' || (c >= 9 && c <= 13) || c == 0x1C || c == 0x1D || c == 0x1E || c == 0x1F || c == 0x85 || c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029; }

// Start and end (code points) from optional slice-like arguments.
void Bounds(ThreadState& ts, const Args& args, int first, const Str* s, int64_t& start, int64_t& end)
{
    start = 0;
    end = s->length;
    auto get = [&](int i, int64_t& out) {
        if (args.npos > i && !args.pos[i].IsNone()) {
            int64_t v = IndexValue(ts, args.pos[i], "slice indices");
            if (v < 0)
                v = std::max<int64_t>(0, v + s->length);
            out = std::min(v, s->length);
        }
    };
    get(first, start);
    get(first + 1, end);
}

// ---------------------------------------------------------------- items and iteration

Value StrGetItem(ThreadState& ts, Value self, Value key)
{
    const Str* s = As<Str>(self);
    if (IsType(key, Types().slice)) {
        const SliceBounds b = ResolveSlice(ts, As<Slice>(key), s->length);
        if (b.step == 1) {
            const size_t from = ByteOffset(s, b.start);
            const size_t to = b.count == 0 ? from : ByteOffset(s, b.start + b.count);
            return StrValue(s->View().substr(from, to - from));
        }
        const std::vector<char32_t> cps = CodePoints(s->View());
        std::string out;
        for (int64_t i = 0, k = b.start; i < b.count; ++i, k += b.step)
            out += EncodeUtf8(cps[size_t(k)]);
        return StrValue(out);
    }
    const int64_t i = NormalizeIndex(ts, key, s->length, "string");
    const size_t from = ByteOffset(s, i);
    size_t to = from;
    DecodeUtf8At(s->View(), to);
    return StrValue(s->View().substr(from, to - from));
}

Value StrIter(ThreadState&, Value self) { return Value::Obj(New<SeqIterator>(Types().str_iterator, self)); }

// ---------------------------------------------------------------- construction

Value StrConstruct(ThreadState& ts, const Args& args)
{
    Params p(ts, args, "str", {"object", "encoding", "errors"}, 0);
    if (!p.Has(0))
        return StrValue("");
    if (p.Has(1))
        TypeError(&ts, "decoding str is not supported");
    return StrOf(ts, p[0]);
}

// ---------------------------------------------------------------- methods

Value Join(ThreadState& ts, const Args& args)
{
    const Str* s = S(ts, args, "join");
    ExpectPositional(ts, args, "join", 2, 2);
    std::string out;
    bool first = true;
    size_t index = 0;
    for (Value v : Collect(ts, args.pos[1])) {
        if (!IsInstance(v, Types().str))
            TypeError(&ts, fmt::format("sequence item {}: expected str instance, {} found", index, TypeName(v)));
        if (!first)
            out += s->View();
        first = false;
        out += StrView(v);
        ++index;
    }
    return StrValue(out);
}

Value Split(ThreadState& ts, const Args& args, bool from_right)
{
    const Str* s = S(ts, args, from_right ? "rsplit" : "split");
    const Args rest{args.pos + 1, args.npos - 1, args.kwvalues, args.kwnames};
    Params p(ts, rest, from_right ? "rsplit" : "split", {"sep", "maxsplit"}, 0);
    int64_t maxsplit = p.Has(1) ? IntArg(ts, p[1], "maxsplit") : -1;
    List* out = NewList();
    const std::string_view text = s->View();
    if (!p.Has(0) || p[0].IsNone()) {
        // Runs of whitespace; no empty strings.
        const std::vector<char32_t> cps = CodePoints(text);
        std::vector<std::pair<size_t, size_t>> words;
        size_t i = 0;
        while (i < cps.size()) {
            while (i < cps.size() && IsSpace(cps[i]))
                ++i;
            if (i >= cps.size())
                break;
            size_t j = i;
            while (j < cps.size() && !IsSpace(cps[j]))
                ++j;
            words.emplace_back(i, j);
            i = j;
        }
        if (maxsplit >= 0 && int64_t(words.size()) > maxsplit + 1) {
            if (!from_right) {
                size_t start = words[size_t(maxsplit)].first;
                size_t end = cps.size();
                while (end > start && IsSpace(cps[end - 1]))
                    --end;
                words.resize(size_t(maxsplit));
                words.emplace_back(start, end);
            } else {
                const size_t cut = words.size() - size_t(maxsplit);
                size_t start = 0;
                while (start < cps.size() && IsSpace(cps[start]))
                    ++start;
                std::vector<std::pair<size_t, size_t>> right(words.begin() + long(cut), words.end());
                words.assign(1, {start, words[cut - 1].second});
                words.insert(words.end(), right.begin(), right.end());
            }
        }
        for (auto [a, b] : words)
            out->items.push_back(StrValue(Encode(cps, a, b)));
        return Value::Obj(out);
    }
    const std::string_view sep = StrArg(ts, p[0], "sep");
    if (sep.empty())
        ValueError(&ts, "empty separator");
    std::vector<std::string_view> parts;
    if (!from_right) {
        size_t start = 0;
        while (maxsplit != 0) {
            const size_t at = text.find(sep, start);
            if (at == std::string_view::npos)
                break;
            parts.push_back(text.substr(start, at - start));
            start = at + sep.size();
            --maxsplit;
        }
        parts.push_back(text.substr(start));
    } else {
        size_t end = text.size();
        std::vector<std::string_view> reversed;
        while (maxsplit != 0) {
            if (end < sep.size())
                break;
            const size_t at = text.rfind(sep, end - sep.size());
            if (at == std::string_view::npos)
                break;
            reversed.push_back(text.substr(at + sep.size(), end - at - sep.size()));
            end = at;
            --maxsplit;
        }
        reversed.push_back(text.substr(0, end));
        parts.assign(reversed.rbegin(), reversed.rend());
    }
    for (std::string_view part : parts)
        out->items.push_back(StrValue(part));
    return Value::Obj(out);
}
Value SplitLeft(ThreadState& ts, const Args& args) { return Split(ts, args, false); }
Value SplitRight(ThreadState& ts, const Args& args) { return Split(ts, args, true); }

Value Splitlines(ThreadState& ts, const Args& args)
{
    const Str* s = S(ts, args, "splitlines");
    const Args rest{args.pos + 1, args.npos - 1, args.kwvalues, args.kwnames};
    Params p(ts, rest, "splitlines", {"keepends"}, 0);
    const bool keep = p.Has(0) && Truthy(ts, p[0]);
    const std::vector<char32_t> cps = CodePoints(s->View());
    List* out = NewList();
    size_t start = 0;
    for (size_t i = 0; i < cps.size(); ++i) {
        const char32_t c = cps[i];
        if (c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E || c == 0x85 ||
            c == 0x2028 || c == 0x2029) {
            size_t end = i + 1;
            if (c == '\r' && i + 1 < cps.size() && cps[i + 1] == '\n')
                end = i + 2;
            out->items.push_back(StrValue(Encode(cps, start, keep ? end : i)));
            start = end;
            i = end - 1;
        }
    }
    if (start < cps.size())
        out->items.push_back(StrValue(Encode(cps, start)));
    return Value::Obj(out);
}

Value Strip(ThreadState& ts, const Args& args, bool left, bool right, const char* name)
{
    const Str* s = S(ts, args, name);
    ExpectPositional(ts, args, name, 1, 2);
    const std::vector<char32_t> cps = CodePoints(s->View());
    std::vector<char32_t> chars;
    const bool custom = args.npos == 2 && !args.pos[1].IsNone();
    if (custom)
        chars = CodePoints(StrArg(ts, args.pos[1], "strip arg"));
    auto strip = [&](char32_t c) {
        return custom ? std::find(chars.begin(), chars.end(), c) != chars.end() : IsSpace(c);
    };
    size_t a = 0, b = cps.size();
    if (left)
        while (a < b && strip(cps[a]))
            ++a;
    if (right)
        while (b > a && strip(cps[b - 1]))
            --b;
    return StrValue(Encode(cps, a, b));
}
Value StripBoth(ThreadState& ts, const Args& args) { return Strip(ts, args, true, true, "strip"); }
Value StripLeft(ThreadState& ts, const Args& args) { return Strip(ts, args, true, false, "lstrip"); }
Value StripRight(ThreadState& ts, const Args& args) { return Strip(ts, args, false, true, "rstrip"); }

// Case mapping for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic:
// the letters a lesson's strings use.
char32_t ToUpperCp(char32_t c)
{
    if (c < 0x80)
        return char32_t(std::toupper(int(c)));
    if ((c >= 0xE0 && c <= 0xFE && c != 0xF7))
        return c - 0x20;
    if (c == 0xFF)
        return 0x178;
    if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 && c != 0x17F)
        return (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E) ? ((c & 1) == 0 ? c - 1 : c) : (c & ~char32_t(1));
    if (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2)
        return c - 0x20;
    if (c == 0x3C2)
        return 0x3A3;
    if (c >= 0x430 && c <= 0x44F)
        return c - 0x20;
    if (c >= 0x450 && c <= 0x45F)
        return c - 0x50;
    return c;
}

char32_t ToLowerCp(char32_t c)
{
    if (c < 0x80)
        return char32_t(std::tolower(int(c)));
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7))
        return c + 0x20;
    if (c == 0x178)
        return 0xFF;
    if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 && c != 0x17F)
        return (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E) ? ((c & 1) == 1 ? c + 1 : c) : (c | 1);
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)
        return c + 0x20;
    if (c >= 0x410 && c <= 0x42F)
        return c + 0x20;
    if (c >= 0x400 && c <= 0x40F)
        return c + 0x50;
    return c;
}

bool IsCasedCp(char32_t c) { return ToUpperCp(c) != c || ToLowerCp(c) != c; }

// Maps every code point; `f(c, starts_word)`.
template <class F>
Value MapCase(ThreadState& ts, const Args& args, const char* name, F f)
{
    const Str* s = S(ts, args, name);
    ExpectPositional(ts, args, name, 1, 1);
    std::string out;
    bool previous_cased = false;
    for (char32_t c : CodePoints(s->View())) {
        out += EncodeUtf8(f(c, !previous_cased));
        previous_cased = IsCasedCp(c) || (c < 0x80 && std::isalpha(int(c)));
    }
    return StrValue(out);
}
Value Upper(ThreadState& ts, const Args& args)
{
    const Value upper = MapCase(ts, args, "upper", [](char32_t c, bool) { return ToUpperCp(c); });
    // 'ß' has no capital of its own: it becomes 'SS'.
    const std::string_view text = StrView(upper);
    if (text.find("\xC3\x9F") == std::string_view::npos)
        return upper;
    std::string out(text);
    for (size_t at; (at = out.find("\xC3\x9F")) != std::string::npos;)
        out.replace(at, 2, "SS");
    return StrValue(out);
}
Value Lower(ThreadState& ts, const Args& args)
{
    return MapCase(ts, args, "lower", [](char32_t c, bool) { return ToLowerCp(c); });
}
Value Casefold(ThreadState& ts, const Args& args)
{
    const std::string_view text = StrView(Lower(ts, args));
    std::string out(text);
    for (size_t at; (at = out.find("\xC3\x9F")) != std::string::npos;)
        out.replace(at, 2, "ss");
    return StrValue(out);
}

Value IsPrintable(ThreadState& ts, const Args& args)
{
    for (char32_t c : CodePoints(S(ts, args, "isprintable")->View()))
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0xAD || c == 0x2028 || c == 0x2029)
            return Value::False();
    return Value::True();
}
Value SwapCase(ThreadState& ts, const Args& args)
{
    return MapCase(ts, args, "swapcase", [](char32_t c, bool) { return ToUpperCp(c) != c ? ToUpperCp(c) : ToLowerCp(c); });
}
Value Title(ThreadState& ts, const Args& args)
{
    return MapCase(ts, args, "title", [](char32_t c, bool start) { return start ? ToUpperCp(c) : ToLowerCp(c); });
}
Value Capitalize(ThreadState& ts, const Args& args)
{
    const Str* s = S(ts, args, "capitalize");
    std::string out;
    bool first = true;
    for (char32_t c : CodePoints(s->View())) {
        out += EncodeUtf8(first ? ToUpperCp(c) : ToLowerCp(c));
        first = false;
    }
    return StrValue(out);
}

Value IsAscii(ThreadState& ts, const Args& args) { return Value::Bool(S(ts, args, "isascii")->ascii); }

Value StartsEnds(ThreadState& ts, const Args& args, bool starts)
{
    const char* name = starts ? "startswith" : "endswith";
    const Str* s = S(ts, args, name);
    ExpectPositional(ts, args, name, 2, 4);
    int64_t start, end;
    Bounds(ts, args, 2, s, start, end);
    const size_t a = ByteOffset(s, start), b = ByteOffset(s, std::max(start, end));
    const std::string_view text = s->View().substr(a, b - a);
    auto test = [&](Value v) {
        if (!IsInstance(v, Types().str))
            TypeError(&ts, fmt::format("{} first arg must be str or a tuple of str, not {}", name, TypeName(v)));
        const std::string_view x = StrView(v);
        if (start > s->length)
            return false;
        return starts ? text.substr(0, x.size()) == x
                      : (text.size() >= x.size() && text.substr(text.size() - x.size()) == x);
    };
    if (IsType(args.pos[1], Types().tuple)) {
        for (Value v : As<Tuple>(args.pos[1])->items)
            if (test(v))
                return Value::True();
        return Value::False();
    }
    return Value::Bool(test(args.pos[1]));
}
Value StartsWith(ThreadState& ts, const Args& args) { return StartsEnds(ts, args, true); }
Value EndsWith(ThreadState& ts, const Args& args) { return StartsEnds(ts, args, false); }

Value Replace(ThreadState& ts, const Args& args)
{
    const Str* s = S(ts, args, "replace");
    ExpectPositional(ts, args, "replace", 3, 4);
    const std::string_view old = StrArg(ts, args.pos[1], "replace() argument 1");
    const std::string_view repl = StrArg(ts, args.pos[2], "replace() argument 2");
    int64_t count = args.npos == 4 ? IntArg(ts, args.pos[3], "count") : -1;
    const std::string_view text = s->View();
    std::string out;
    if (old.empty()) {
        // Inserted between every code point and at both ends.
        const std::vector<char32_t> cps = CodePoints(text);
        for (size_t i = 0; i <= cps.size(); ++i) {
            if (count != 0) {
                out += repl;
                --count;
            }
            if (i < cps.size())
                out += EncodeUtf8(cps[i]);
        }
        return StrValue(out);
    }
    size_t start = 0;
    while (count != 0) {
        const size_t at = text.find(old, start);
        if (at == std::string_view::npos)
            break;
        out += text.substr(start, at - start);
        out += repl;
        start = at + old.size();
        --count;
    }
    out += text.substr(start);
    return StrValue(out);
}

Value Find(ThreadState& ts, const Args& args, bool reverse, bool raise, const char* name)
{
    const Str* s = S(ts, args, name);
    ExpectPositional(ts, args, name, 2, 4);
    const std::string_view sub = StrArg(ts, args.pos[1], "must be str");
    int64_t start, end;
    Bounds(ts, args, 2, s, start, end);
    if (start > end || start > s->length) {
        if (raise)
            ValueError(&ts, "substring not found");
        return MakeInt(-1);
    }
    const size_t a = ByteOffset(s, start), b = ByteOffset(s, end);
    const std::string_view text = s->View().substr(0, b);
    size_t at;
    if (reverse) {
        at = text.rfind(sub);
        if (at != std::string_view::npos && at < a)
            at = std::string_view::npos;
    } else {
        at = text.find(sub, a);
    }
    if (at == std::string_view::npos) {
        if (raise)
            ValueError(&ts, "substring not found");
        return MakeInt(-1);
    }
    return MakeInt(CodePointIndex(s, at));
}
Value FindLeft(ThreadState& ts, const Args& args) { return Find(ts, args, false, false, "find"); }
Value FindRight(ThreadState& ts, const Args& args) { return Find(ts, args, true, false, "rfind"); }
Value IndexLeft(ThreadState& ts, const Args& args) { return Find(ts, args, false, true, "index"); }
Value IndexRight(ThreadState& ts, const Args& args) { return Find(ts, args, true, true, "rindex"); }

Value Count(ThreadState& ts, const Args& args)
{
    const Str* s = S(ts, args, "count");
    ExpectPositional(ts, args, "count", 2, 4);
    const std::string_view sub = StrArg(ts, args.pos[1], "must be str");
    int64_t start, end;
    Bounds(ts, args, 2, s, start, end);
    if (start > end)
        return MakeInt(0);
    const size_t a = ByteOffset(s, start), b = ByteOffset(s, end);
    const std::string_view text = s->View().substr(a, b - a);
    if (sub.empty())
        return MakeInt(CodePointsIn(text) + 1);
    int64_t n = 0;
    for (size_t at = text.find(sub); at != std::string_view::npos; at = text.find(sub, at + sub.size()))
        ++n;
    return MakeInt(n);
}

Value Justify(ThreadState& ts, const Args& args, char align, const char* name)
{
    const Str* s = S(ts, args, name);
    ExpectPositional(ts, args, name, 2, 3);
    FormatSpec spec;
    spec.width = int(IntArg(ts, args.pos[1], "width"));
    spec.align = align;
    if (args.npos == 3) {
        const std::string_view fill = StrArg(ts, args.pos[2], "The fill character");
        if (CodePointsIn(fill) != 1)
            TypeError(&ts, "The fill character must be exactly one character long");
        size_t i = 0;
        spec.fill = DecodeUtf8At(fill, i);
    }
    if (align == '^') {
        // str.center puts the extra space on the right when the padding is odd and the length even… as CPython.
        const int64_t pad = spec.width - s->length;
        if (pad <= 0)
            return args.pos[0];
        const int64_t left = pad / 2 + (pad & spec.width & 1);
        std::string fill = EncodeUtf8(spec.fill), out;
        for (int64_t i = 0; i < left; ++i)
            out += fill;
        out += s->View();
        for (int64_t i = 0; i < pad - left; ++i)
            out += fill;
        return StrValue(out);
    }
    return StrValue(Pad(std::string(s->View()), spec, align));
}
Value Center(ThreadState& ts, const Args& args) { return Justify(ts, args, '^', "center"); }
Value Ljust(ThreadState& ts, const Args& args) { return Justify(ts, args, '<', "ljust"); }
Value Rjust(ThreadState& ts, const Args& args) { return Justify(ts, args, '>', "rjust"); }

Value Zfill(ThreadState& ts, const Args& args)
{
    const Str* s = S(ts, args, "zfill");
    ExpectPositional(ts, args, "zfill", 2, 2);
    const int64_t width = IntArg(ts, args.pos[1], "width");
    std::string text(s->View());
    if (int64_t(s->length) >= width)
        return args.pos[0];
    std::string sign;
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
        sign = text.substr(0, 1);
        text = text.substr(1);
    }
    return StrValue(sign + std::string(size_t(width - s->length), '0') + text);
}

template <class Pred>
Value Test(ThreadState& ts, const Args& args, const char* name, Pred pred)
{
    const Str* s = S(ts, args, name);
    ExpectPositional(ts, args, name, 1, 1);
    if (s->length == 0)
        return Value::False();
    for (char32_t c : CodePoints(s->View()))
        if (!pred(c))
            return Value::False();
    return Value::True();
}
bool IsAlphaCp(char32_t c) { return c < 0x80 ? std::isalpha(int(c)) != 0 : IsIdentifierCodePoint(c) && !(c >= 0x660 && c <= 0x669); }
Value IsDigit(ThreadState& ts, const Args& args) { return Test(ts, args, "isdigit", IsDigitCodePoint); }
Value IsDecimal(ThreadState& ts, const Args& args) { return Test(ts, args, "isdecimal", IsDecimalCodePoint); }
Value IsNumeric(ThreadState& ts, const Args& args) { return Test(ts, args, "isnumeric", IsNumericCodePoint); }
Value IsAlpha(ThreadState& ts, const Args& args) { return Test(ts, args, "isalpha", IsAlphaCp); }
Value IsAlnum(ThreadState& ts, const Args& args)
{
    return Test(ts, args, "isalnum", [](char32_t c) { return IsAlphaCp(c) || IsNumericCodePoint(c); });
}
Value IsSpaceM(ThreadState& ts, const Args& args) { return Test(ts, args, "isspace", IsSpace); }
Value IsUpper(ThreadState& ts, const Args& args)
{
    const Str* s = S(ts, args, "isupper");
    bool cased = false;
    for (char c : s->View()) {
        if (std::islower(static_cast<unsigned char>(c)))
            return Value::False();
        cased |= std::isupper(static_cast<unsigned char>(c)) != 0;
    }
    return Value::Bool(cased);
}
Value IsLower(ThreadState& ts, const Args& args)
{
    const Str* s = S(ts, args, "islower");
    bool cased = false;
    for (char c : s->View()) {
        if (std::isupper(static_cast<unsigned char>(c)))
            return Value::False();
        cased |= std::islower(static_cast<unsigned char>(c)) != 0;
    }
    return Value::Bool(cased);
}
Value IsTitle(ThreadState& ts, const Args& args)
{
    const Str* s = S(ts, args, "istitle");
    bool cased = false, previous_cased = false;
    for (char c : s->View()) {
        const unsigned char u = static_cast<unsigned char>(c);
        if (std::isupper(u)) {
            if (previous_cased)
                return Value::False();
            previous_cased = cased = true;
        } else if (std::islower(u)) {
            if (!previous_cased)
                return Value::False();
            previous_cased = cased = true;
        } else {
            previous_cased = false;
        }
    }
    return Value::Bool(cased);
}

Value IsIdentifier(ThreadState& ts, const Args& args)
{
    const Str* s = S(ts, args, "isidentifier");
    const std::vector<char32_t> cps = CodePoints(s->View());
    if (cps.empty() || (cps[0] >= '0' && cps[0] <= '9'))
        return Value::False();
    for (char32_t c : cps)
        if (!IsIdentifierCodePoint(c))
            return Value::False();
    return Value::True();
}

Value Partition(ThreadState& ts, const Args& args, bool from_right)
{
    const Str* s = S(ts, args, from_right ? "rpartition" : "partition");
    ExpectPositional(ts, args, from_right ? "rpartition" : "partition", 2, 2);
    const std::string_view sep = StrArg(ts, args.pos[1], "sep");
    if (sep.empty())
        ValueError(&ts, "empty separator");
    const std::string_view text = s->View();
    const size_t at = from_right ? text.rfind(sep) : text.find(sep);
    if (at == std::string_view::npos) {
        if (from_right)
            return Value::Obj(NewTuple({StrValue(""), StrValue(""), args.pos[0]}));
        return Value::Obj(NewTuple({args.pos[0], StrValue(""), StrValue("")}));
    }
    return Value::Obj(NewTuple({StrValue(text.substr(0, at)), args.pos[1], StrValue(text.substr(at + sep.size()))}));
}
Value PartitionLeft(ThreadState& ts, const Args& args) { return Partition(ts, args, false); }
Value PartitionRight(ThreadState& ts, const Args& args) { return Partition(ts, args, true); }

Value RemovePrefix(ThreadState& ts, const Args& args)
{
    const Str* s = S(ts, args, "removeprefix");
    ExpectPositional(ts, args, "removeprefix", 2, 2);
    const std::string_view p = StrArg(ts, args.pos[1], "removeprefix() argument");
    const std::string_view text = s->View();
    return text.substr(0, p.size()) == p ? StrValue(text.substr(p.size())) : args.pos[0];
}

Value RemoveSuffix(ThreadState& ts, const Args& args)
{
    const Str* s = S(ts, args, "removesuffix");
    ExpectPositional(ts, args, "removesuffix", 2, 2);
    const std::string_view p = StrArg(ts, args.pos[1], "removesuffix() argument");
    const std::string_view text = s->View();
    return !p.empty() && text.size() >= p.size() && text.substr(text.size() - p.size()) == p
               ? StrValue(text.substr(0, text.size() - p.size()))
               : args.pos[0];
}

Value Encode(ThreadState& ts, const Args&) { TypeError(&ts, "threadlab does not run bytes (str.encode)"); }

Value StrDunderFormat(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "__format__", 2, 2);
    return StrValue(Format(ts, args.pos[0], StrArg(ts, args.pos[1], "format spec")));
}

Value StrMod(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "__mod__", 2, 2);
    return StrValue(PercentFormat(ts, StrView(args.pos[0]), args.pos[1]));
}

Value StrLen(ThreadState& ts, const Args& args) { return MakeInt(S(ts, args, "__len__")->length); }

Value ExpandTabs(ThreadState& ts, const Args& args)
{
    const Str* s = S(ts, args, "expandtabs");
    Params p(ts, args, "expandtabs", {"self", "tabsize"}, 1, 1);
    const int64_t tabsize = p.Has(1) ? IntArg(ts, p[1], "tabsize") : 8;
    std::string out;
    int64_t column = 0;
    for (char32_t c : CodePoints(s->View())) {
        if (c == '\t') {
            if (tabsize > 0) {
                const int64_t pad = tabsize - column % tabsize;
                out.append(size_t(pad), ' ');
                column += pad;
            }
        } else {
            out += EncodeUtf8(c);
            column = (c == '\n' || c == '\r') ? 0 : column + 1;
        }
    }
    return StrValue(out);
}

// str.translate: table[ord(c)] is a str, a code point or None (delete);
// a LookupError leaves the character as it is.
Value Translate(ThreadState& ts, const Args& args)
{
    const Str* s = S(ts, args, "translate");
    ExpectPositional(ts, args, "translate", 2, 2);
    const Value table = args.pos[1];
    std::string out;
    for (char32_t c : CodePoints(s->View())) {
        Value to;
        try {
            to = GetItem(ts, table, MakeInt(int64_t(c)));
        } catch (const PyError& e) {
            if (!IsInstance(e.exc, Types().LookupError))
                throw;
            out += EncodeUtf8(c);
            continue;
        }
        if (to.IsNone())
            continue;
        if (IsInt(to)) {
            const int64_t cp = IntValue(to);
            if (cp < 0 || cp > 0x10FFFF)
                ValueError(&ts, "character mapping must be in range(0x110000)");
            out += EncodeUtf8(char32_t(cp));
        } else if (IsInstance(to, Types().str)) {
            out += StrView(to);
        } else {
            TypeError(&ts, "character mapping must return integer, None or str");
        }
    }
    return StrValue(out);
}

// str.maketrans(dict) / (from, to) / (from, to, delete): a table for translate.
Value MakeTrans(ThreadState& ts, const Args& args)
{
    // Reached through the type or an instance: the receiver is not an argument.
    ExpectPositional(ts, args, "maketrans", 1, 3);
    Dict* table = NewDict();
    if (args.npos == 1) {
        if (!IsInstance(args.pos[0], Types().dict))
            TypeError(&ts, "if you give only one argument to maketrans it must be a dict");
        for (const DictEntry& e : DictItems(As<Dict>(args.pos[0]))) {
            Value key = e.key;
            if (IsInstance(key, Types().str)) {
                if (As<Str>(key)->length != 1)
                    ValueError(&ts, "string keys in translate table must be of length 1");
                key = MakeInt(int64_t(CodePoints(StrView(key)).front()));
            } else if (!IsInt(key)) {
                TypeError(&ts, "keys in translate table must be strings or integers");
            }
            DictSet(&ts, table, key, e.value);
        }
        return Value::Obj(table);
    }
    const std::vector<char32_t> from = CodePoints(StrArg(ts, args.pos[0], "maketrans() argument 1"));
    const std::vector<char32_t> to = CodePoints(StrArg(ts, args.pos[1], "maketrans() argument 2"));
    if (from.size() != to.size())
        ValueError(&ts, "the first two maketrans arguments must have equal length");
    for (size_t i = 0; i < from.size(); ++i)
        DictSet(&ts, table, MakeInt(int64_t(from[i])), MakeInt(int64_t(to[i])));
    if (args.npos == 3)
        for (char32_t c : CodePoints(StrArg(ts, args.pos[2], "maketrans() argument 3")))
            DictSet(&ts, table, MakeInt(int64_t(c)), Value::None());
    return Value::Obj(table);
}

} // namespace

void InitStrType(TypeTable& t)
{
    Type* s = t.str;
    s->construct = StrConstruct;
    s->getitem = StrGetItem;
    s->iter = StrIter;
    AddMethod(s, "join", Join);
    AddMethod(s, "split", SplitLeft);
    AddMethod(s, "rsplit", SplitRight);
    AddMethod(s, "splitlines", Splitlines);
    AddMethod(s, "strip", StripBoth);
    AddMethod(s, "lstrip", StripLeft);
    AddMethod(s, "rstrip", StripRight);
    AddMethod(s, "upper", Upper);
    AddMethod(s, "lower", Lower);
    AddMethod(s, "casefold", Casefold);
    AddMethod(s, "swapcase", SwapCase);
    AddMethod(s, "title", Title);
    AddMethod(s, "capitalize", Capitalize);
    AddMethod(s, "startswith", StartsWith);
    AddMethod(s, "endswith", EndsWith);
    AddMethod(s, "replace", Replace);
    AddMethod(s, "find", FindLeft);
    AddMethod(s, "rfind", FindRight);
    AddMethod(s, "index", IndexLeft);
    AddMethod(s, "rindex", IndexRight);
    AddMethod(s, "count", Count);
    AddMethod(s, "center", Center);
    AddMethod(s, "ljust", Ljust);
    AddMethod(s, "rjust", Rjust);
    AddMethod(s, "zfill", Zfill);
    AddMethod(s, "isdigit", IsDigit);
    AddMethod(s, "isdecimal", IsDecimal);
    AddMethod(s, "isnumeric", IsNumeric);
    AddMethod(s, "isalpha", IsAlpha);
    AddMethod(s, "isalnum", IsAlnum);
    AddMethod(s, "isspace", IsSpaceM);
    AddMethod(s, "isupper", IsUpper);
    AddMethod(s, "islower", IsLower);
    AddMethod(s, "isidentifier", IsIdentifier);
    AddMethod(s, "istitle", IsTitle);
    AddMethod(s, "isascii", IsAscii);
    AddMethod(s, "isprintable", IsPrintable);
    AddMethod(s, "partition", PartitionLeft);
    AddMethod(s, "rpartition", PartitionRight);
    AddMethod(s, "removeprefix", RemovePrefix);
    AddMethod(s, "removesuffix", RemoveSuffix);
    AddMethod(s, "encode", Encode);
    AddStrFormatMethods(s);
    AddMethod(s, "expandtabs", ExpandTabs);
    AddMethod(s, "translate", Translate);
    AddAttr(s, "maketrans", Value::Obj(New<StaticMethod>(t.staticmethod, Value::Obj(NewBuiltin("maketrans", MakeTrans)))));
    AddMethod(s, "__format__", StrDunderFormat);
    AddMethod(s, "__mod__", StrMod);
    AddMethod(s, "__len__", StrLen);
}

} // namespace threadlab::py
