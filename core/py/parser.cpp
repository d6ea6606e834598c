#include "parser.hpp"

#include "lexer.hpp"
#include "unicode.hpp"

#include <functional>

namespace threadlab::py {

namespace {

std::string_view StatementName(std::string_view keyword)
{
    if (keyword == "def")
        return "function definition";
    if (keyword == "class")
        return "class definition";
    if (keyword == "except")
        return "'except' statement";
    if (keyword == "finally")
        return "'finally' statement";
    if (keyword == "else")
        return "'else' statement";
    if (keyword == "elif")
        return "'elif' statement";
    if (keyword == "try")
        return "'try' statement";
    if (keyword == "while")
        return "'while' statement";
    if (keyword == "for")
        return "'for' statement";
    if (keyword == "with")
        return "'with' statement";
    return "'if' statement";
}

class Parser {
public:
    Parser(std::vector<Token> tokens, ModuleAst& module, int line_offset = 0, int col_offset = 0)
        : m_toks(std::move(tokens)), m_mod(module), m_line_offset(line_offset), m_col_offset(col_offset)
    {
    }

    void File()
    {
        while (!At(Tok::End)) {
            if (At(Tok::Newline)) {
                Next();
                continue;
            }
            Statement(m_mod.body);
        }
    }

    // A lone expression (the inside of an f-string's braces).
    Node* LoneExpression()
    {
        while (At(Tok::Newline))
            Next();
        Node* e = StarExpressions(true);
        while (At(Tok::Newline) || At(Tok::Indent) || At(Tok::Dedent))
            Next();
        if (!At(Tok::End))
            throw Error(Peek(), "f-string: invalid syntax");
        return e;
    }

private:
    // ---------------------------------------------------------------- tokens

    const Token& Peek(int ahead = 0) const
    {
        const size_t i = std::min(m_i + size_t(ahead), m_toks.size() - 1);
        return m_toks[i];
    }
    bool At(Tok kind) const { return Peek().kind == kind; }
    bool AtOp(std::string_view op) const { return Peek().Is(op); }
    bool AtName(std::string_view name) const { return Peek().IsName(name); }
    const Token& Next() { return m_toks[std::min(m_i++, m_toks.size() - 1)]; }
    bool Accept(std::string_view op)
    {
        if (!AtOp(op))
            return false;
        Next();
        return true;
    }
    bool AcceptName(std::string_view name)
    {
        if (!AtName(name))
            return false;
        Next();
        return true;
    }

    int Line(const Token& t) const { return t.line + m_line_offset; }
    int Col(const Token& t) const { return t.line == 1 ? t.col + m_col_offset : t.col; }

    SourceError Error(const Token& t, const std::string& what) const
    {
        if (what.rfind("IndentationError", 0) == 0)
            return SourceError(Line(t), Col(t), what);
        return Syntax(Line(t), Col(t), what);
    }
    SourceError Refuse(const Token& t, const std::string& what) const { return Unsupported(Line(t), Col(t), what); }

    SourceError InvalidSyntax(const Token& t) const
    {
        if (t.kind == Tok::Indent)
            return SourceError(Line(t), Col(t), "IndentationError: unexpected indent");
        if (t.kind == Tok::Newline || t.kind == Tok::End)
            return Error(t, "invalid syntax");
        return Error(t, "invalid syntax");
    }

    void Expect(std::string_view op)
    {
        if (!Accept(op)) {
            if (op == ":")
                throw Error(Peek(), "expected ':'");
            if (op == ")" || op == "]" || op == "}")
                throw InvalidSyntax(Peek());
            throw Error(Peek(), "expected '" + std::string(op) + "'");
        }
    }

    std::string ExpectName()
    {
        if (!At(Tok::Name) || IsKeyword(Peek().text))
            throw InvalidSyntax(Peek());
        return std::string(Next().text);
    }

    Node* New(NodeKind kind, const Token& at)
    {
        Node* n = m_mod.New(kind, Line(at), Col(at));
        return n;
    }
    Node* Finish(Node* n)
    {
        const Token& last = m_toks[m_i == 0 ? 0 : m_i - 1];
        n->end_line = Line(last);
        n->end_col = last.line == 1 ? last.end_col + m_col_offset : last.end_col;
        return n;
    }

    void RefuseSoftKeywords(const Token& t)
    {
        if (t.IsName("async"))
            throw Refuse(t, "async functions");
        if (t.IsName("await"))
            throw Refuse(t, "await");
    }

    // ---------------------------------------------------------------- statements

    void Statement(std::vector<Node*>& out)
    {
        const Token& t = Peek();
        if (t.kind == Tok::Indent)
            throw SourceError(Line(t), Col(t), "IndentationError: unexpected indent");
        if (t.kind == Tok::Name) {
            const std::string_view w = t.text;
            if (w == "def" || w == "class" || w == "if" || w == "while" || w == "for" || w == "try" || w == "with") {
                out.push_back(Compound());
                return;
            }
            if (w == "async" || w == "await")
                RefuseSoftKeywords(t);
            if (w == "match" && LooksLikeMatch())
                throw Refuse(t, "match statements");
            if (w == "type" && Peek(1).kind == Tok::Name && (Peek(2).Is("=") || Peek(2).Is("[")))
                throw Refuse(t, "type alias statements");
            if (w == "elif" || w == "else" || w == "except" || w == "finally")
                throw InvalidSyntax(t);
        }
        if (t.Is("@")) {
            out.push_back(Decorated());
            return;
        }
        SimpleStatements(out);
    }

    bool LooksLikeMatch() const
    {
        // `match x:` at the start of a line with a colon before the newline,
        // and not an assignment or call of a name called match.
        const Token& next = Peek(1);
        if (next.kind == Tok::Newline || next.Is("=") || next.Is(".") || next.Is("(") || next.Is(",") ||
            next.Is(")") || next.Is("[") || (next.kind == Tok::Op && next.text.back() == '=' && next.text != "=="))
            return false;
        for (int k = 1;; ++k) {
            const Token& x = Peek(k);
            if (x.kind == Tok::Newline || x.kind == Tok::End)
                return false;
            if (x.Is(":"))
                return Peek(k + 1).kind == Tok::Newline;
        }
    }

    void SimpleStatements(std::vector<Node*>& out)
    {
        for (;;) {
            out.push_back(SimpleStatement());
            if (Accept(";")) {
                if (At(Tok::Newline))
                    break;
                continue;
            }
            break;
        }
        if (!At(Tok::Newline))
            throw InvalidSyntax(Peek());
        Next();
    }

    Node* SimpleStatement()
    {
        const Token& t = Peek();
        if (t.kind == Tok::Name) {
            const std::string_view w = t.text;
            if (w == "pass") {
                Next();
                return Finish(New(NodeKind::Pass, t));
            }
            if (w == "break" || w == "continue") {
                Next();
                return Finish(New(w == "break" ? NodeKind::Break : NodeKind::Continue, t));
            }
            if (w == "return") {
                Next();
                Node* n = New(NodeKind::Return, t);
                if (!At(Tok::Newline) && !AtOp(";"))
                    n->value = StarExpressions(true);
                return Finish(n);
            }
            if (w == "global" || w == "nonlocal") {
                Next();
                Node* n = New(w == "global" ? NodeKind::Global : NodeKind::Nonlocal, t);
                do
                    n->names.push_back(Mangle(ExpectName()));
                while (Accept(","));
                return Finish(n);
            }
            if (w == "del") {
                Next();
                Node* n = New(NodeKind::Delete, t);
                do {
                    if (At(Tok::Newline) || AtOp(";"))
                        break;
                    Node* target = Bitwise();
                    CheckTarget(target, "delete");
                    n->targets.push_back(target);
                } while (Accept(","));
                if (n->targets.empty())
                    throw InvalidSyntax(Peek());
                return Finish(n);
            }
            if (w == "assert") {
                Next();
                Node* n = New(NodeKind::Assert, t);
                n->test = Expression();
                if (Accept(","))
                    n->value = Expression();
                return Finish(n);
            }
            if (w == "raise") {
                Next();
                Node* n = New(NodeKind::Raise, t);
                if (!At(Tok::Newline) && !AtOp(";")) {
                    n->value = Expression();
                    if (AcceptName("from"))
                        n->cause = Expression();
                }
                return Finish(n);
            }
            if (w == "import")
                return Import();
            if (w == "from")
                return FromImport();
        }
        return ExpressionStatement();
    }

    Node* Import()
    {
        const Token& t = Next();
        Node* n = New(NodeKind::Import, t);
        do {
            Alias a;
            a.line = Line(Peek());
            a.col = Col(Peek());
            a.name = DottedName();
            if (AcceptName("as"))
                a.asname = ExpectName();
            n->aliases.push_back(a);
        } while (Accept(","));
        return Finish(n);
    }

    std::string DottedName()
    {
        std::string name = ExpectName();
        while (Accept("."))
            name += "." + ExpectName();
        return name;
    }

    Node* FromImport()
    {
        const Token& t = Next();
        Node* n = New(NodeKind::ImportFrom, t);
        while (AtOp(".") || AtOp("...")) {
            n->level += AtOp(".") ? 1 : 3;
            Next();
        }
        if (!AtName("import"))
            n->name = DottedName();
        if (!AcceptName("import"))
            throw InvalidSyntax(Peek());
        if (Accept("*")) {
            Alias a;
            a.name = "*";
            a.line = Line(t);
            n->aliases.push_back(a);
            return Finish(n);
        }
        const bool paren = Accept("(");
        do {
            if (paren && AtOp(")"))
                break;
            Alias a;
            a.line = Line(Peek());
            a.col = Col(Peek());
            a.name = ExpectName();
            if (AcceptName("as"))
                a.asname = ExpectName();
            n->aliases.push_back(a);
        } while (Accept(","));
        if (paren)
            Expect(")");
        if (n->aliases.empty())
            throw InvalidSyntax(Peek());
        return Finish(n);
    }

    static bool IsAugAssign(const Token& t)
    {
        if (t.kind != Tok::Op || t.text.size() < 2 || t.text.back() != '=')
            return false;
        const std::string_view s = t.text;
        return s != "==" && s != "!=" && s != "<=" && s != ">=" && s != ":=";
    }

    static BinOpKind AugOp(std::string_view s)
    {
        s.remove_suffix(1);
        return BinaryOperator(s);
    }

    static BinOpKind BinaryOperator(std::string_view s)
    {
        if (s == "+")
            return BinOpKind::Add;
        if (s == "-")
            return BinOpKind::Sub;
        if (s == "*")
            return BinOpKind::Mult;
        if (s == "/")
            return BinOpKind::Div;
        if (s == "//")
            return BinOpKind::FloorDiv;
        if (s == "%")
            return BinOpKind::Mod;
        if (s == "**")
            return BinOpKind::Pow;
        if (s == "<<")
            return BinOpKind::LShift;
        if (s == ">>")
            return BinOpKind::RShift;
        if (s == "|")
            return BinOpKind::BitOr;
        if (s == "^")
            return BinOpKind::BitXor;
        if (s == "&")
            return BinOpKind::BitAnd;
        return BinOpKind::MatMult;
    }

    Node* ExpressionStatement()
    {
        const Token& start = Peek();
        if (start.IsName("yield")) {
            Node* n = New(NodeKind::ExprStmt, start);
            n->value = YieldExpression();
            return Finish(n);
        }
        Node* first = StarExpressions(true);
        if (AtOp(":")) {
            // An annotated assignment: `x: int = 0`, `self.items: list[str] = []`.
            const Token& colon = Next();
            if (first->kind != NodeKind::Name && first->kind != NodeKind::Attribute &&
                first->kind != NodeKind::Subscript) {
                if (first->kind == NodeKind::Tuple)
                    throw Error(colon, "only single target (not tuple) can be annotated");
                throw Error(colon, "illegal target for annotation");
            }
            Node* n = New(NodeKind::AnnAssign, start);
            n->target = first;
            n->annotation = Expression();
            if (Accept("="))
                n->value = AtName("yield") ? YieldExpression() : StarExpressions(true);
            return Finish(n);
        }
        if (IsAugAssign(Peek())) {
            const Token& op = Next();
            if (first->kind != NodeKind::Name && first->kind != NodeKind::Attribute &&
                first->kind != NodeKind::Subscript)
                throw Syntax(first->line, first->col,
                             "'" + DescribeExpr(first) + "' is an illegal expression for augmented assignment");
            Node* n = New(NodeKind::AugAssign, start);
            n->target = first;
            n->op = uint8_t(AugOp(op.text));
            n->value = AtName("yield") ? YieldExpression() : StarExpressions(true);
            return Finish(n);
        }
        if (AtOp("=")) {
            Node* n = New(NodeKind::Assign, start);
            Node* value = first;
            while (Accept("=")) {
                m_direct_assign = value->kind != NodeKind::Tuple && value->kind != NodeKind::List;
                CheckTarget(value, "assign to");
                m_direct_assign = false;
                n->targets.push_back(value);
                value = AtName("yield") ? YieldExpression() : StarExpressions(true);
            }
            n->value = value;
            return Finish(n);
        }
        if (first->kind == NodeKind::Starred)
            throw Syntax(first->line, first->col, "can't use starred expression here");
        Node* n = New(NodeKind::ExprStmt, start);
        n->value = first;
        return Finish(n);
    }

    static std::string DescribeExpr(const Node* n)
    {
        switch (n->kind) {
        case NodeKind::Call: return "function call";
        case NodeKind::Constant: return "literal";
        case NodeKind::Compare: return "comparison";
        case NodeKind::BinOp:
        case NodeKind::UnaryOp:
        case NodeKind::BoolOp: return "expression";
        case NodeKind::Lambda: return "lambda";
        case NodeKind::IfExp: return "conditional expression";
        case NodeKind::JoinedStr: return "f-string expression";
        case NodeKind::Dict: return "dict literal";
        case NodeKind::Set: return "set display";
        case NodeKind::ListComp: return "list comprehension";
        case NodeKind::SetComp: return "set comprehension";
        case NodeKind::DictComp: return "dict comprehension";
        case NodeKind::GeneratorExp: return "generator expression";
        case NodeKind::Yield:
        case NodeKind::YieldFrom: return "yield expression";
        case NodeKind::NamedExpr: return "named expression";
        case NodeKind::Tuple: return "tuple";
        case NodeKind::List: return "list";
        default: return "expression";
        }
    }

    void CheckTarget(Node* target, std::string_view verb)
    {
        switch (target->kind) {
        case NodeKind::Name:
            if (target->name == "__debug__")
                throw Syntax(target->line, target->col, "cannot assign to __debug__");
            return;
        case NodeKind::Attribute:
        case NodeKind::Subscript: return;
        case NodeKind::Starred:
            if (verb == "delete")
                throw Syntax(target->line, target->col, "cannot delete starred");
            CheckTarget(target->value, verb);
            return;
        case NodeKind::Tuple:
        case NodeKind::List: {
            int stars = 0;
            for (Node* e : target->elts) {
                stars += e->kind == NodeKind::Starred;
                CheckTarget(e, verb);
            }
            if (stars > 1)
                throw Syntax(target->line, target->col, "multiple starred expressions in assignment");
            return;
        }
        case NodeKind::Constant:
            if (target->constant.kind == Constant::Kind::True || target->constant.kind == Constant::Kind::False ||
                target->constant.kind == Constant::Kind::None) {
                const char* word = target->constant.kind == Constant::Kind::None    ? "None"
                                   : target->constant.kind == Constant::Kind::True ? "True"
                                                                                    : "False";
                throw Syntax(target->line, target->col, std::string("cannot ") + std::string(verb) + " " + word);
            }
            [[fallthrough]];
        default: {
            std::string message = "cannot " + std::string(verb) + " " + DescribeExpr(target);
            if (verb == "assign to" && m_direct_assign)
                message += " here. Maybe you meant '==' instead of '='?";
            throw Syntax(target->line, target->col, message);
        }
        }
    }

    // ---------------------------------------------------------------- compound statements

    std::vector<Node*> Block(const Token& owner)
    {
        Expect(":");
        std::vector<Node*> body;
        if (!At(Tok::Newline)) {
            SimpleStatements(body);
            return body;
        }
        Next();
        if (!At(Tok::Indent)) {
            std::string what = std::string(StatementName(owner.text));
            throw SourceError(Line(Peek()), Col(Peek()),
                              "IndentationError: expected an indented block after " + what + " on line " +
                                  std::to_string(Line(owner)));
        }
        Next();
        while (!At(Tok::Dedent) && !At(Tok::End))
            Statement(body);
        if (At(Tok::Dedent))
            Next();
        return body;
    }

    Node* Compound()
    {
        const Token& t = Peek();
        const std::string_view w = t.text;
        if (w == "def")
            return FunctionDef({});
        if (w == "class")
            return ClassDef({});
        if (w == "if")
            return If();
        if (w == "while") {
            Next();
            Node* n = New(NodeKind::While, t);
            n->test = NamedExpression();
            n->body = Block(t);
            if (AtName("else")) {
                const Token& e = Next();
                n->orelse = Block(e);
            }
            return Finish(n);
        }
        if (w == "for") {
            Next();
            Node* n = New(NodeKind::For, t);
            n->target = TargetList();
            if (!AcceptName("in"))
                throw InvalidSyntax(Peek());
            n->iter = StarExpressions(true);
            n->body = Block(t);
            if (AtName("else")) {
                const Token& e = Next();
                n->orelse = Block(e);
            }
            return Finish(n);
        }
        if (w == "try")
            return Try();
        return With();
    }

    Node* TargetList()
    {
        // `for a, (b, c) in …`: targets up to `in`.
        const Token& start = Peek();
        std::vector<Node*> items;
        bool trailing_comma = false;
        for (;;) {
            Node* target = AtOp("*") ? StarredBitwise() : Bitwise();
            CheckTarget(target, "assign to");
            items.push_back(target);
            if (!Accept(",")) {
                trailing_comma = false;
                break;
            }
            trailing_comma = true;
            if (AtName("in"))
                break;
        }
        if (items.size() == 1 && !trailing_comma)
            return items[0];
        Node* tuple = New(NodeKind::Tuple, start);
        tuple->elts = std::move(items);
        return Finish(tuple);
    }

    Node* If()
    {
        const Token& t = Next();
        Node* n = New(NodeKind::If, t);
        n->test = NamedExpression();
        n->body = Block(t);
        if (AtName("elif")) {
            n->orelse.push_back(If());
        } else if (AtName("else")) {
            const Token& e = Next();
            n->orelse = Block(e);
        }
        return Finish(n);
    }

    Node* Try()
    {
        const Token& t = Next();
        Node* n = New(NodeKind::Try, t);
        n->body = Block(t);
        while (AtName("except")) {
            const Token& e = Next();
            if (AtOp("*"))
                throw Refuse(Peek(), "except* (exception groups)");
            Node* h = New(NodeKind::ExceptHandler, e);
            if (!AtOp(":")) {
                h->value = Expression();
                if (AtOp(",")) {
                    // `except A, B:` is a SyntaxError in Python 3.
                    throw Error(Peek(), "multiple exception types must be parenthesized");
                }
                if (AcceptName("as"))
                    h->name = Mangle(ExpectName());
            }
            h->body = Block(e);
            Finish(h);
            n->handlers.push_back(h);
        }
        if (AtName("else")) {
            const Token& e = Next();
            if (n->handlers.empty())
                throw InvalidSyntax(e);
            n->orelse = Block(e);
        }
        if (AtName("finally")) {
            const Token& f = Next();
            n->finalbody = Block(f);
        }
        if (n->handlers.empty() && n->finalbody.empty())
            throw Error(Peek(), "expected 'except' or 'finally' block");
        return Finish(n);
    }

    Node* With()
    {
        const Token& t = Next();
        Node* n = New(NodeKind::With, t);
        // `with (a as b, c as d):` (3.10+) or `with a as b, c:`.
        bool parenthesized = false;
        if (AtOp("(")) {
            // Look for `as` or a trailing comma at depth 1 to tell a group of
            // items from a parenthesized expression.
            int depth = 0;
            for (int k = 0;; ++k) {
                const Token& x = Peek(k);
                if (x.kind == Tok::End || x.kind == Tok::Newline)
                    break;
                if (x.Is("(") || x.Is("[") || x.Is("{"))
                    ++depth;
                else if (x.Is(")") || x.Is("]") || x.Is("}")) {
                    if (--depth == 0) {
                        parenthesized = Peek(k + 1).Is(":");
                        break;
                    }
                } else if (depth == 1 && x.IsName("as")) {
                    parenthesized = true;
                }
            }
            if (parenthesized)
                Next();
        }
        do {
            if (parenthesized && AtOp(")"))
                break;
            Node* item = New(NodeKind::WithItem, Peek());
            item->value = Expression();
            if (AcceptName("as")) {
                item->target = Target();
                CheckTarget(item->target, "assign to");
            }
            n->items.push_back(Finish(item));
        } while (Accept(","));
        if (parenthesized)
            Expect(")");
        n->body = Block(t);
        return Finish(n);
    }

    Node* Target()
    {
        if (AtOp("(") || AtOp("[")) {
            Node* e = Atom();
            return e;
        }
        return Primary();
    }

    Node* Decorated()
    {
        std::vector<Node*> decorators;
        while (Accept("@")) {
            decorators.push_back(NamedExpression());
            if (!At(Tok::Newline))
                throw InvalidSyntax(Peek());
            Next();
        }
        if (AtName("def"))
            return FunctionDef(std::move(decorators));
        if (AtName("class"))
            return ClassDef(std::move(decorators));
        RefuseSoftKeywords(Peek());
        throw InvalidSyntax(Peek());
    }

    Node* FunctionDef(std::vector<Node*> decorators)
    {
        const Token& t = Next();
        Node* n = New(NodeKind::FunctionDef, t);
        n->decorators = std::move(decorators);
        n->name = Mangle(ExpectName());
        if (AtOp("["))
            throw Refuse(Peek(), "generic type parameters");
        Expect("(");
        n->arguments = Parameters(")", true);
        Expect(")");
        if (Accept("->"))
            n->annotation = Expression();
        n->body = Block(t);
        return Finish(n);
    }

    Node* ClassDef(std::vector<Node*> decorators)
    {
        const Token& t = Next();
        Node* n = New(NodeKind::ClassDef, t);
        n->decorators = std::move(decorators);
        n->name = Mangle(ExpectName());
        if (AtOp("["))
            throw Refuse(Peek(), "generic type parameters");
        if (Accept("(")) {
            CallArguments(n, ")");
            Expect(")");
        }
        m_classes.push_back(n->name);
        n->body = Block(t);
        m_classes.pop_back();
        return Finish(n);
    }

    // Parameters of a def (annotations allowed) or a lambda (`close` is ":").
    std::unique_ptr<Arguments> Parameters(std::string_view close, bool annotations)
    {
        auto args = std::make_unique<Arguments>();
        bool seen_default = false, seen_star = false;
        auto param = [&]() {
            Arg a;
            a.line = Line(Peek());
            a.col = Col(Peek());
            a.name = Mangle(ExpectName());
            if (annotations && Accept(":"))
                a.annotation = Expression();
            return a;
        };
        while (!AtOp(close)) {
            const Token& at = Peek();
            if (Accept("/")) {
                if (seen_star || !args->posonly.empty() || args->args.empty())
                    throw Error(at, "/ must be ahead of *");
                args->posonly = std::move(args->args);
                args->args.clear();
            } else if (Accept("**")) {
                args->kwarg = param();
                Accept(",");
                if (!AtOp(close))
                    throw Error(Peek(), "arguments cannot follow var-keyword argument");
                break;
            } else if (Accept("*")) {
                if (seen_star)
                    throw Error(at, "* argument may appear only once");
                seen_star = true;
                if (!AtOp(",") && !AtOp(close))
                    args->vararg = param();
                else if (AtOp(close) || (AtOp(",") && Peek(1).Is(close)))
                    throw Error(at, "named arguments must follow bare *");
            } else {
                Arg a = param();
                for (const Arg& other : args->posonly)
                    if (other.name == a.name)
                        throw Syntax(a.line, a.col, "duplicate argument '" + a.name + "' in function definition");
                for (const Arg& other : args->args)
                    if (other.name == a.name)
                        throw Syntax(a.line, a.col, "duplicate argument '" + a.name + "' in function definition");
                if (seen_star) {
                    args->kwonly.push_back(a);
                    args->kw_defaults.push_back(Accept("=") ? Expression() : nullptr);
                } else {
                    args->args.push_back(a);
                    if (Accept("=")) {
                        args->defaults.push_back(Expression());
                        seen_default = true;
                    } else if (seen_default) {
                        throw Syntax(a.line, a.col, "non-default argument follows default argument");
                    }
                }
            }
            if (!Accept(","))
                break;
        }
        return args;
    }

    // ---------------------------------------------------------------- expressions

    Node* StarExpressions(bool allow_tuple)
    {
        const Token& start = Peek();
        Node* first = AtOp("*") ? StarredBitwise() : Expression();
        if (!allow_tuple || !AtOp(","))
            return first;
        Node* tuple = New(NodeKind::Tuple, start);
        tuple->elts.push_back(first);
        while (Accept(",")) {
            if (EndsExpressionList())
                break;
            tuple->elts.push_back(AtOp("*") ? StarredBitwise() : Expression());
        }
        return Finish(tuple);
    }

    bool EndsExpressionList() const
    {
        const Token& t = Peek();
        return t.kind == Tok::Newline || t.kind == Tok::End || t.Is("=") || t.Is(")") || t.Is("]") ||
               t.Is("}") || t.Is(":") || t.Is(";") || IsAugAssign(t) || t.IsName("in");
    }

    Node* StarredBitwise()
    {
        const Token& t = Next();
        Node* n = New(NodeKind::Starred, t);
        n->value = Bitwise();
        return Finish(n);
    }

    Node* YieldExpression()
    {
        const Token& t = Next();
        if (AcceptName("from")) {
            Node* n = New(NodeKind::YieldFrom, t);
            n->value = Expression();
            return Finish(n);
        }
        Node* n = New(NodeKind::Yield, t);
        if (!EndsExpressionList() && !AtOp(","))
            n->value = StarExpressions(true);
        return Finish(n);
    }

    Node* NamedExpression()
    {
        if (At(Tok::Name) && Peek(1).Is(":=")) {
            const Token& t = Peek();
            Node* n = New(NodeKind::NamedExpr, t);
            Node* target = New(NodeKind::Name, t);
            target->name = Mangle(ExpectName());
            Finish(target);
            Next(); // :=
            n->target = target;
            n->value = Expression();
            return Finish(n);
        }
        Node* e = Expression();
        if (AtOp(":="))
            throw Syntax(e->line, e->col, "cannot use assignment expressions with " + DescribeExpr(e));
        return e;
    }

    Node* Expression()
    {
        const Token& t = Peek();
        if (t.IsName("lambda"))
            return Lambda();
        if (t.IsName("yield"))
            throw Error(t, "invalid syntax");
        Node* body = Disjunction();
        if (AtName("if")) {
            Next();
            Node* n = New(NodeKind::IfExp, t);
            n->line = body->line;
            n->col = body->col;
            n->value = body;
            n->test = Disjunction();
            if (!AcceptName("else"))
                throw Error(Peek(), "expected 'else' after 'if' expression");
            n->orelse_value = Expression();
            return Finish(n);
        }
        return body;
    }

    Node* Lambda()
    {
        const Token& t = Next();
        Node* n = New(NodeKind::Lambda, t);
        n->arguments = Parameters(":", false);
        Expect(":");
        n->value = Expression();
        return Finish(n);
    }

    Node* Disjunction()
    {
        Node* first = Conjunction();
        if (!AtName("or"))
            return first;
        Node* n = m_mod.New(NodeKind::BoolOp, first->line, first->col);
        n->op = uint8_t(BoolOpKind::Or);
        n->elts.push_back(first);
        while (AcceptName("or"))
            n->elts.push_back(Conjunction());
        return Finish(n);
    }

    Node* Conjunction()
    {
        Node* first = Inversion();
        if (!AtName("and"))
            return first;
        Node* n = m_mod.New(NodeKind::BoolOp, first->line, first->col);
        n->op = uint8_t(BoolOpKind::And);
        n->elts.push_back(first);
        while (AcceptName("and"))
            n->elts.push_back(Inversion());
        return Finish(n);
    }

    Node* Inversion()
    {
        if (AtName("not")) {
            const Token& t = Next();
            Node* n = New(NodeKind::UnaryOp, t);
            n->op = uint8_t(UnaryOpKind::Not);
            n->value = Inversion();
            return Finish(n);
        }
        return Comparison();
    }

    bool CompareOperator(CmpOpKind& op)
    {
        const Token& t = Peek();
        if (t.kind == Tok::Op) {
            const std::string_view s = t.text;
            if (s == "==")
                op = CmpOpKind::Eq;
            else if (s == "!=")
                op = CmpOpKind::NotEq;
            else if (s == "<")
                op = CmpOpKind::Lt;
            else if (s == "<=")
                op = CmpOpKind::LtE;
            else if (s == ">")
                op = CmpOpKind::Gt;
            else if (s == ">=")
                op = CmpOpKind::GtE;
            else
                return false;
            Next();
            return true;
        }
        if (t.IsName("in")) {
            Next();
            op = CmpOpKind::In;
            return true;
        }
        if (t.IsName("not") && Peek(1).IsName("in")) {
            Next();
            Next();
            op = CmpOpKind::NotIn;
            return true;
        }
        if (t.IsName("is")) {
            Next();
            op = AcceptName("not") ? CmpOpKind::IsNot : CmpOpKind::Is;
            return true;
        }
        return false;
    }

    Node* Comparison()
    {
        Node* first = Bitwise();
        CmpOpKind op;
        if (!CompareOperator(op))
            return first;
        Node* n = m_mod.New(NodeKind::Compare, first->line, first->col);
        n->left = first;
        do {
            n->ops.push_back(op);
            n->elts.push_back(Bitwise());
        } while (CompareOperator(op));
        return Finish(n);
    }

    // Binary operators by precedence, lowest first.
    Node* Bitwise() { return BinaryLevel(0); }

    Node* BinaryLevel(int level)
    {
        static const std::vector<std::vector<std::string_view>> kLevels = {
            {"|"}, {"^"}, {"&"}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "//", "%", "@"},
        };
        if (level == int(kLevels.size()))
            return Factor();
        Node* left = BinaryLevel(level + 1);
        for (;;) {
            const Token& t = Peek();
            bool matched = false;
            if (t.kind == Tok::Op)
                for (std::string_view op : kLevels[size_t(level)])
                    matched |= t.text == op;
            if (!matched)
                return left;
            Next();
            Node* n = m_mod.New(NodeKind::BinOp, left->line, left->col);
            n->op = uint8_t(BinaryOperator(t.text));
            n->left = left;
            n->right = BinaryLevel(level + 1);
            left = Finish(n);
        }
    }

    Node* Factor()
    {
        const Token& t = Peek();
        if (t.Is("-") || t.Is("+") || t.Is("~")) {
            Next();
            Node* n = New(NodeKind::UnaryOp, t);
            n->op = uint8_t(t.Is("-") ? UnaryOpKind::USub : t.Is("+") ? UnaryOpKind::UAdd : UnaryOpKind::Invert);
            n->value = Factor();
            return Finish(n);
        }
        return Power();
    }

    Node* Power()
    {
        RefuseSoftKeywords(Peek());
        Node* base = Primary();
        if (AtOp("**")) {
            Next();
            Node* n = m_mod.New(NodeKind::BinOp, base->line, base->col);
            n->op = uint8_t(BinOpKind::Pow);
            n->left = base;
            n->right = Factor();
            return Finish(n);
        }
        return base;
    }

    Node* Primary()
    {
        Node* e = Atom();
        for (;;) {
            const Token& t = Peek();
            if (t.Is(".")) {
                Next();
                Node* n = m_mod.New(NodeKind::Attribute, e->line, e->col);
                n->value = e;
                n->name = Mangle(ExpectName());
                e = Finish(n);
            } else if (t.Is("(")) {
                Next();
                Node* n = m_mod.New(NodeKind::Call, e->line, e->col);
                n->func = e;
                CallArguments(n, ")");
                Expect(")");
                e = Finish(n);
            } else if (t.Is("[")) {
                Next();
                Node* n = m_mod.New(NodeKind::Subscript, e->line, e->col);
                n->value = e;
                n->slice = Slices();
                Expect("]");
                e = Finish(n);
            } else {
                return e;
            }
        }
    }

    void CallArguments(Node* call, std::string_view close)
    {
        bool seen_keyword = false, seen_double_star = false;
        while (!AtOp(close)) {
            const Token& t = Peek();
            if (Accept("**")) {
                Node* kw = New(NodeKind::Keyword, t);
                kw->value = Expression();
                call->keywords.push_back(Finish(kw));
                seen_double_star = true;
            } else if (AtOp("*")) {
                if (seen_double_star)
                    throw Error(t, "iterable argument unpacking follows keyword argument unpacking");
                call->elts.push_back(StarredBitwise());
            } else if (t.kind == Tok::Name && Peek(1).Is("=")) {
                Node* kw = New(NodeKind::Keyword, t);
                kw->name = ExpectName();
                Next();
                kw->value = Expression();
                for (Node* other : call->keywords)
                    if (other->name == kw->name)
                        throw Syntax(kw->line, kw->col, "keyword argument repeated: " + kw->name);
                call->keywords.push_back(Finish(kw));
                seen_keyword = true;
            } else {
                Node* arg = NamedExpression();
                if (AtName("for")) {
                    Node* gen = m_mod.New(NodeKind::GeneratorExp, arg->line, arg->col);
                    gen->elt = arg;
                    Comprehensions(gen);
                    arg = Finish(gen);
                    if (!call->elts.empty() || AtOp(","))
                        if (!(AtOp(",") && Peek(1).Is(close) && call->elts.empty()))
                            throw Syntax(arg->line, arg->col, "Generator expression must be parenthesized");
                }
                if (seen_double_star)
                    throw Syntax(arg->line, arg->col, "positional argument follows keyword argument unpacking");
                if (seen_keyword)
                    throw Syntax(arg->line, arg->col, "positional argument follows keyword argument");
                if (AtOp("=")) {
                    throw Syntax(arg->line, arg->col,
                                 "expression cannot contain assignment, perhaps you meant \"==\"?");
                }
                call->elts.push_back(arg);
            }
            if (!Accept(","))
                break;
        }
    }

    Node* Slices()
    {
        const Token& start = Peek();
        Node* first = SliceItem();
        if (!AtOp(","))
            return first;
        Node* tuple = New(NodeKind::Tuple, start);
        tuple->elts.push_back(first);
        while (Accept(",")) {
            if (AtOp("]"))
                break;
            tuple->elts.push_back(SliceItem());
        }
        return Finish(tuple);
    }

    Node* SliceItem()
    {
        const Token& t = Peek();
        Node* lower = nullptr;
        if (!AtOp(":")) {
            lower = AtOp("*") ? StarredBitwise() : NamedExpression();
            if (!AtOp(":"))
                return lower;
        }
        Node* n = New(NodeKind::Slice, t);
        n->lower = lower;
        Next(); // :
        if (!AtOp(":") && !AtOp("]") && !AtOp(","))
            n->upper = Expression();
        if (Accept(":"))
            if (!AtOp("]") && !AtOp(","))
                n->step = Expression();
        return Finish(n);
    }

    void Comprehensions(Node* comp)
    {
        while (AtName("for") || AtName("async")) {
            if (AtName("async"))
                throw Refuse(Peek(), "async comprehensions");
            const Token& t = Next();
            Node* gen = New(NodeKind::Comprehension, t);
            gen->target = TargetList();
            if (!AcceptName("in"))
                throw InvalidSyntax(Peek());
            gen->iter = Disjunction();
            while (AtName("if")) {
                Next();
                gen->ifs.push_back(Disjunction());
            }
            comp->generators.push_back(Finish(gen));
        }
    }

    Node* Atom()
    {
        const Token& t = Peek();
        switch (t.kind) {
        case Tok::Name: {
            const std::string_view w = t.text;
            Next();
            if (w == "None" || w == "True" || w == "False") {
                Node* n = New(NodeKind::Constant, t);
                n->constant.kind = w == "None" ? Constant::Kind::None : w == "True" ? Constant::Kind::True : Constant::Kind::False;
                return Finish(n);
            }
            if (IsKeyword(w)) {
                if (w == "await" || w == "async")
                    RefuseSoftKeywords(t);
                throw InvalidSyntax(t);
            }
            Node* n = New(NodeKind::Name, t);
            n->name = Mangle(std::string(w));
            return Finish(n);
        }
        case Tok::Int: {
            Next();
            if (t.overflow)
                throw Refuse(t, "integers beyond 64 bits");
            Node* n = New(NodeKind::Constant, t);
            n->constant.kind = Constant::Kind::Int;
            n->constant.int_value = t.int_value;
            return Finish(n);
        }
        case Tok::Float: {
            Next();
            Node* n = New(NodeKind::Constant, t);
            n->constant.kind = Constant::Kind::Float;
            n->constant.float_value = t.float_value;
            return Finish(n);
        }
        case Tok::String: return Strings();
        case Tok::Op: break;
        default: throw InvalidSyntax(t);
        }
        if (t.Is("...")) {
            Next();
            Node* n = New(NodeKind::Constant, t);
            n->constant.kind = Constant::Kind::Ellipsis;
            return Finish(n);
        }
        if (t.Is("("))
            return Parenthesized();
        if (t.Is("["))
            return ListDisplay();
        if (t.Is("{"))
            return DictOrSet();
        throw InvalidSyntax(t);
    }

    Node* Parenthesized()
    {
        const Token& t = Next();
        if (Accept(")")) {
            Node* n = New(NodeKind::Tuple, t);
            return Finish(n);
        }
        if (AtName("yield")) {
            Node* y = YieldExpression();
            Expect(")");
            return y;
        }
        Node* first = AtOp("*") ? StarredBitwise() : NamedExpression();
        if (AtName("for")) {
            Node* gen = New(NodeKind::GeneratorExp, t);
            gen->elt = first;
            Comprehensions(gen);
            Expect(")");
            return Finish(gen);
        }
        if (Accept(")")) {
            if (first->kind == NodeKind::Starred)
                throw Syntax(first->line, first->col, "cannot use starred expression here");
            return first; // a parenthesized expression, not a tuple
        }
        Node* tuple = New(NodeKind::Tuple, t);
        tuple->elts.push_back(first);
        while (Accept(",")) {
            if (AtOp(")"))
                break;
            tuple->elts.push_back(AtOp("*") ? StarredBitwise() : NamedExpression());
        }
        Expect(")");
        return Finish(tuple);
    }

    Node* ListDisplay()
    {
        const Token& t = Next();
        Node* list = New(NodeKind::List, t);
        if (Accept("]"))
            return Finish(list);
        Node* first = AtOp("*") ? StarredBitwise() : NamedExpression();
        if (AtName("for")) {
            Node* comp = New(NodeKind::ListComp, t);
            comp->elt = first;
            Comprehensions(comp);
            Expect("]");
            return Finish(comp);
        }
        list->elts.push_back(first);
        while (Accept(",")) {
            if (AtOp("]"))
                break;
            list->elts.push_back(AtOp("*") ? StarredBitwise() : NamedExpression());
        }
        Expect("]");
        return Finish(list);
    }

    Node* DictOrSet()
    {
        const Token& t = Next();
        if (Accept("}")) {
            Node* n = New(NodeKind::Dict, t);
            return Finish(n);
        }
        if (Accept("**")) {
            Node* dict = New(NodeKind::Dict, t);
            dict->keys.push_back(nullptr);
            dict->values.push_back(Bitwise());
            DictRest(dict);
            return Finish(dict);
        }
        Node* first = AtOp("*") ? StarredBitwise() : NamedExpression();
        if (Accept(":")) {
            Node* value = Expression();
            if (AtName("for")) {
                Node* comp = New(NodeKind::DictComp, t);
                comp->key = first;
                comp->value = value;
                Comprehensions(comp);
                Expect("}");
                return Finish(comp);
            }
            Node* dict = New(NodeKind::Dict, t);
            dict->keys.push_back(first);
            dict->values.push_back(value);
            DictRest(dict);
            return Finish(dict);
        }
        if (AtName("for")) {
            Node* comp = New(NodeKind::SetComp, t);
            comp->elt = first;
            Comprehensions(comp);
            Expect("}");
            return Finish(comp);
        }
        Node* set = New(NodeKind::Set, t);
        set->elts.push_back(first);
        while (Accept(",")) {
            if (AtOp("}"))
                break;
            set->elts.push_back(AtOp("*") ? StarredBitwise() : NamedExpression());
        }
        Expect("}");
        return Finish(set);
    }

    void DictRest(Node* dict)
    {
        while (Accept(",")) {
            if (AtOp("}"))
                break;
            if (Accept("**")) {
                dict->keys.push_back(nullptr);
                dict->values.push_back(Bitwise());
                continue;
            }
            dict->keys.push_back(Expression());
            Expect(":");
            dict->values.push_back(Expression());
        }
        Expect("}");
    }

    // ---------------------------------------------------------------- strings

    Node* Strings()
    {
        const Token& first = Peek();
        std::vector<const Token*> parts;
        while (At(Tok::String))
            parts.push_back(&Next());
        bool any_f = false, any_bytes = false, any_text = false;
        for (const Token* p : parts) {
            any_f |= p->is_fstring;
            any_bytes |= p->is_bytes;
            any_text |= !p->is_bytes;
        }
        if (any_bytes && any_text)
            throw Error(first, "cannot mix bytes and nonbytes literals");
        if (any_bytes)
            throw Refuse(first, "bytes literals");
        if (!any_f) {
            Node* n = New(NodeKind::Constant, first);
            n->constant.kind = Constant::Kind::Str;
            for (const Token* p : parts)
                n->constant.str += p->str;
            if (!IsValidUtf8(n->constant.str))
                throw Error(first, "(unicode error) invalid code point in string");
            return Finish(n);
        }
        Node* joined = New(NodeKind::JoinedStr, first);
        for (const Token* p : parts) {
            if (p->is_fstring)
                FString(*p, joined);
            else
                AppendLiteral(joined, p->str, *p);
        }
        return Finish(joined);
    }

    void AppendLiteral(Node* joined, const std::string& text, const Token& at)
    {
        if (text.empty())
            return;
        if (!joined->elts.empty() && joined->elts.back()->kind == NodeKind::Constant) {
            joined->elts.back()->constant.str += text;
            return;
        }
        Node* c = New(NodeKind::Constant, at);
        c->constant.kind = Constant::Kind::Str;
        c->constant.str = text;
        joined->elts.push_back(Finish(c));
    }

    // Decodes the escapes of an f-string's literal part (the lexer kept them).
    std::string DecodeLiteral(std::string_view raw, const Token& t)
    {
        if (t.is_raw)
            return std::string(raw);
        // Re-lex the literal as an ordinary string to decode its escapes.
        std::string quoted = "\"\"\"";
        for (char c : raw) {
            if (c == '"')
                quoted += "\\\"";
            else
                quoted += c;
        }
        quoted += "\"\"\"";
        // A backslash before our own escaped quote would change meaning; the
        // literal cannot end in a lone backslash (the lexer saw a quote after).
        std::vector<Token> toks = Tokenize(quoted);
        return toks.empty() ? std::string() : toks[0].str;
    }

    void FString(const Token& t, Node* joined, int depth = 0)
    {
        const std::string& body = t.str;
        FStringBody(body, t, joined, depth);
    }

    void FStringBody(std::string_view body, const Token& t, Node* joined, int depth)
    {
        if (depth > 2)
            throw Error(t, "f-string: expressions nested too deeply");
        std::string literal;
        size_t i = 0;
        auto flush = [&]() {
            AppendLiteral(joined, DecodeLiteral(literal, t), t);
            literal.clear();
        };
        while (i < body.size()) {
            const char c = body[i];
            if (c == '{') {
                if (i + 1 < body.size() && body[i + 1] == '{') {
                    literal += '{';
                    i += 2;
                    continue;
                }
                flush();
                i = Replacement(body, i + 1, t, joined, depth);
                continue;
            }
            if (c == '}') {
                if (i + 1 < body.size() && body[i + 1] == '}') {
                    literal += '}';
                    i += 2;
                    continue;
                }
                throw Error(t, "f-string: single '}' is not allowed");
            }
            if (c == '\\' && i + 1 < body.size() && !t.is_raw) {
                literal += c;
                literal += body[i + 1];
                i += 2;
                continue;
            }
            literal += c;
            ++i;
        }
        flush();
    }

    // Parses `{expr[=][!c][:spec]}` starting after the `{`; returns the index after `}`.
    size_t Replacement(std::string_view body, size_t i, const Token& t, Node* joined, int depth)
    {
        const size_t expr_start = i;
        int nesting = 0;
        char quote = 0;
        while (i < body.size()) {
            const char c = body[i];
            if (quote) {
                if (c == quote)
                    quote = 0;
                ++i;
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                ++nesting;
            } else if (c == ')' || c == ']' || c == '}') {
                if (nesting == 0)
                    break;
                --nesting;
            } else if (nesting == 0 && (c == '!' || c == ':')) {
                if (c == '!' && i + 1 < body.size() && body[i + 1] == '=') {
                    i += 2;
                    continue;
                }
                break;
            } else if (c == '\\') {
                throw Error(t, "f-string expression part cannot include a backslash");
            } else if (c == '#') {
                throw Error(t, "f-string expression part cannot include '#'");
            }
            ++i;
        }
        if (i >= body.size())
            throw Error(t, "f-string: expecting '}'");
        std::string_view expr_text = body.substr(expr_start, i - expr_start);
        // `{x=}`: the text, then the value (repr unless a spec or conversion says otherwise).
        bool self_documenting = false;
        {
            size_t end = expr_text.size();
            while (end > 0 && expr_text[end - 1] == ' ')
                --end;
            if (end > 0 && expr_text[end - 1] == '=' &&
                (end < 2 || (expr_text[end - 2] != '=' && expr_text[end - 2] != '!' && expr_text[end - 2] != '<' &&
                             expr_text[end - 2] != '>'))) {
                self_documenting = true;
                AppendLiteral(joined, std::string(expr_text), t);
                expr_text = expr_text.substr(0, end - 1);
            }
        }
        if (expr_text.find_first_not_of(" \t\n") == std::string_view::npos)
            throw Error(t, "f-string: valid expression required before '}'");
        Node* fv = New(NodeKind::FormattedValue, t);
        fv->value = SubExpression(expr_text, t);
        if (self_documenting)
            fv->conversion = 'r';
        if (i < body.size() && body[i] == '!') {
            if (i + 1 >= body.size())
                throw Error(t, "f-string: expecting '}'");
            const char conv = body[i + 1];
            if (conv != 's' && conv != 'r' && conv != 'a')
                throw Error(t, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
            fv->conversion = conv;
            i += 2;
        }
        if (i < body.size() && body[i] == ':') {
            ++i;
            const size_t spec_start = i;
            int braces = 0;
            while (i < body.size()) {
                if (body[i] == '{')
                    ++braces;
                else if (body[i] == '}') {
                    if (braces == 0)
                        break;
                    --braces;
                }
                ++i;
            }
            Node* spec = New(NodeKind::JoinedStr, t);
            FStringBody(body.substr(spec_start, i - spec_start), t, spec, depth + 1);
            fv->format_spec = Finish(spec);
            if (self_documenting && fv->conversion == 'r' && body[expr_start] != '!')
                fv->conversion = 0;
        }
        if (i >= body.size() || body[i] != '}')
            throw Error(t, "f-string: expecting '}'");
        joined->elts.push_back(Finish(fv));
        return i + 1;
    }

    Node* SubExpression(std::string_view text, const Token& t)
    {
        std::string wrapped = "(" + std::string(text) + ")";
        std::vector<Token> toks;
        try {
            toks = Tokenize(wrapped);
        } catch (const SourceError& e) {
            if (e.message.rfind("threadlab", 0) == 0) // a construct threadlab refuses says so as it is
                throw SourceError(Line(t), Col(t), e.message);
            const size_t colon = e.message.find(": ");
            throw Error(t, "f-string: " + (colon == std::string::npos ? e.message : e.message.substr(colon + 2)));
        }
        Parser sub(std::move(toks), m_mod, Line(t) - 1, 0);
        try {
            return sub.LoneExpression();
        } catch (const SourceError& e) {
            std::string what = e.message;
            const size_t colon = what.find(": ");
            what = colon == std::string::npos ? what : what.substr(colon + 2);
            if (what.rfind("f-string", 0) != 0)
                what = "f-string: " + what;
            if (e.message.rfind("threadlab", 0) == 0)
                throw SourceError(Line(t), Col(t), e.message);
            throw Error(t, what);
        }
    }

    std::vector<Token> m_toks;
    size_t m_i = 0;
    ModuleAst& m_mod;
    int m_line_offset;
    int m_col_offset;
    bool m_direct_assign = false;
    std::vector<std::string> m_classes; // enclosing class names, innermost last

    // Private names (`__x`) inside a class become `_Class__x`, as CPython mangles them.
    std::string Mangle(std::string name) const
    {
        if (m_classes.empty() || name.size() < 3 || name.compare(0, 2, "__") != 0 ||
            (name.size() >= 4 && name.compare(name.size() - 2, 2, "__") == 0) || name.find('.') != std::string::npos)
            return name;
        const std::string& cls = m_classes.back();
        const size_t first = cls.find_first_not_of('_');
        if (first == std::string::npos)
            return name;
        return "_" + cls.substr(first) + name;
    }
};

} // namespace

std::unique_ptr<ModuleAst> Parse(std::string_view source)
{
    auto module = std::make_unique<ModuleAst>();
    Parser parser(Tokenize(source), *module);
    parser.File();
    return module;
}

} // namespace threadlab::py
