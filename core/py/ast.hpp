#pragma once
// The syntax tree the parser builds and the compiler reads. Node kinds and
// field names follow CPython's `ast` module, so `ast.dump` is a guide to
// what each field holds. One node type with named fields keeps the parser
// and the compiler short; a kind uses only the fields listed beside it.
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace threadlab::py {

enum class NodeKind : uint8_t {
    // Expressions.
    Name,         // name
    Constant,     // constant
    JoinedStr,    // elts: Constant (str) and FormattedValue parts
    FormattedValue, // value, conversion, format_spec (JoinedStr or null)
    BinOp,        // left, op, right
    UnaryOp,      // op, value
    BoolOp,       // op, elts
    Compare,      // left, ops, elts (the comparators)
    Call,         // func, elts (args, maybe Starred), keywords
    Keyword,      // name (empty for **value), value
    Attribute,    // value, name
    Subscript,    // value, slice
    Slice,        // lower, upper, step (each may be null)
    List,         // elts
    Tuple,        // elts
    Set,          // elts
    Dict,         // keys (null for a **spread), values
    ListComp,     // elt, generators
    SetComp,      // elt, generators
    DictComp,     // key, value, generators
    GeneratorExp, // elt, generators
    Comprehension, // target, iter, ifs
    Lambda,       // arguments, value (the body)
    IfExp,        // test, value (if true), orelse_value
    Starred,      // value
    Yield,        // value (may be null)
    YieldFrom,    // value
    NamedExpr,    // target, value
    // Statements.
    ExprStmt,     // value
    Assign,       // targets, value
    AugAssign,    // target, op, value
    AnnAssign,    // target, annotation, value (may be null)
    If,           // test, body, orelse
    While,        // test, body, orelse
    For,          // target, iter, body, orelse
    Break,
    Continue,
    Pass,
    Return,       // value (may be null)
    FunctionDef,  // name, arguments, body, decorators
    ClassDef,     // name, elts (bases), keywords, body, decorators
    Global,       // names
    Nonlocal,     // names
    Try,          // body, handlers, orelse, finalbody
    ExceptHandler, // value (the type, may be null), name (may be empty), body
    Raise,        // value (exc, may be null), cause
    Assert,       // test, value (message, may be null)
    Delete,       // targets
    Import,       // aliases
    ImportFrom,   // name (module), aliases, level
    With,         // items, body
    WithItem,     // value (the context manager), target (may be null)
};

enum class BinOpKind : uint8_t { Add, Sub, Mult, Div, FloorDiv, Mod, Pow, LShift, RShift, BitOr, BitXor, BitAnd, MatMult };
enum class UnaryOpKind : uint8_t { Not, USub, UAdd, Invert };
enum class BoolOpKind : uint8_t { And, Or };
enum class CmpOpKind : uint8_t { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };

struct Constant {
    enum class Kind : uint8_t { None, True, False, Ellipsis, Int, Float, Str } kind = Kind::None;
    int64_t int_value = 0;
    double float_value = 0;
    std::string str;
};

struct Node;

struct Arg {
    std::string name;
    int line = 0, col = 0;
    Node* annotation = nullptr;
};

struct Arguments {
    std::vector<Arg> posonly;
    std::vector<Arg> args;
    std::vector<Node*> defaults; // for the last len(defaults) of posonly + args
    std::optional<Arg> vararg;
    std::vector<Arg> kwonly;
    std::vector<Node*> kw_defaults; // one per kwonly; null = required
    std::optional<Arg> kwarg;
};

struct Alias {
    std::string name;   // "concurrent.futures", or "*"
    std::string asname; // empty if none
    int line = 0, col = 0;
};

struct Node {
    NodeKind kind;
    int line = 0, col = 0, end_line = 0, end_col = 0;
    uint8_t op = 0; // BinOpKind / UnaryOpKind / BoolOpKind by kind
    char conversion = 0; // FormattedValue: 0, 's', 'r' or 'a'
    std::string name;
    Constant constant;
    Node* left = nullptr;
    Node* right = nullptr;
    Node* value = nullptr;
    Node* target = nullptr;
    Node* test = nullptr;
    Node* iter = nullptr;
    Node* func = nullptr;
    Node* slice = nullptr;
    Node* lower = nullptr;
    Node* upper = nullptr;
    Node* step = nullptr;
    Node* elt = nullptr;
    Node* key = nullptr;
    Node* orelse_value = nullptr;
    Node* annotation = nullptr;
    Node* cause = nullptr;
    Node* format_spec = nullptr;
    std::unique_ptr<Arguments> arguments;
    std::vector<CmpOpKind> ops;
    std::vector<Node*> elts, keys, values, targets, keywords, generators, ifs, items, decorators;
    std::vector<Node*> body, orelse, handlers, finalbody;
    std::vector<std::string> names;
    std::vector<Alias> aliases;
    int level = 0; // ImportFrom: leading dots
};

// A parsed module: its statements and the storage for every node.
struct ModuleAst {
    std::vector<Node*> body;
    std::deque<Node> nodes;

    Node* New(NodeKind kind, int line, int col)
    {
        Node& n = nodes.emplace_back();
        n.kind = kind;
        n.line = line;
        n.col = col;
        return &n;
    }
};

} // namespace threadlab::py
