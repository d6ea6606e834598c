#include "compiler.hpp"

#include "compiler_impl.hpp"
#include "modules.hpp"
#include "parser.hpp"

#include <assets.hpp>

#include <set>
#include <stdexcept>

namespace threadlab::py {

// ---------------------------------------------------------------- program

Program::Program() : heap(std::make_unique<Heap>(0)) {}

Program::~Program()
{
    // The code objects live in the heap; drop the module table first.
    modules.clear();
    heap.reset();
}

const ModuleInfo* Program::Find(std::string_view name) const
{
    auto it = modules.find(name);
    return it == modules.end() ? nullptr : it->second.get();
}

int ModuleLayout::Add(Str* name)
{
    auto [it, inserted] = index.try_emplace(std::string(name->View()), int(names.size()));
    if (inserted)
        names.push_back(name);
    return it->second;
}

const ExceptionRange* Code::HandlerFor(int offset) const
{
    for (const ExceptionRange& r : exceptions)
        if (offset >= r.start && offset < r.end)
            return &r;
    return nullptr;
}

std::string_view LibrarySource(std::string_view module)
{
    std::string path = "python/";
    for (char c : module)
        path += c == '.' ? '/' : c;
    path += ".py";
    return Asset(path);
}

namespace {

std::vector<std::string> SplitLines(std::string_view source)
{
    std::vector<std::string> lines;
    size_t start = 0;
    while (start <= source.size()) {
        size_t end = source.find('\n', start);
        if (end == std::string_view::npos)
            end = source.size();
        std::string line(source.substr(start, end - start));
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        lines.push_back(std::move(line));
        if (end == source.size())
            break;
        start = end + 1;
    }
    return lines;
}

ModuleInfo& CompileModule(Program& program, const std::string& name, const std::string& filename,
                          std::string_view source, bool library, std::vector<ImportSite>& imports,
                          bool explain_asserts = false)
{
    auto info = std::make_unique<ModuleInfo>();
    info->name = name;
    info->filename = filename;
    info->lines = SplitLines(source);
    info->library = library;
    std::unique_ptr<ModuleAst> ast = Parse(source);
    SymbolTable symbols(*ast);
    HeapScope scope(*program.heap);
    Compiler compiler(*info, symbols, info->lines);
    if (explain_asserts)
        compiler.ExplainAsserts();
    info->code = compiler.CompileModule(*ast);
    imports = compiler.Imports();
    ModuleInfo& ref = *info;
    program.modules[name] = std::move(info);
    return ref;
}

// Every module name a `import a.b.c` makes available: a, a.b, a.b.c.
std::vector<std::string> Prefixes(const std::string& dotted)
{
    std::vector<std::string> out;
    size_t pos = 0;
    while ((pos = dotted.find('.', pos)) != std::string::npos) {
        out.push_back(dotted.substr(0, pos));
        ++pos;
    }
    out.push_back(dotted);
    return out;
}

// The main module compiled, and the library modules it imports, not yet compiled.
struct MainCompiled {
    std::unique_ptr<Program> program;
    std::vector<std::pair<std::string, bool>> pending;
    std::set<std::string> seen{"__main__"};
};

MainCompiled CompileMain(std::string_view filename, std::string_view source, const CompileOptions& options)
{
    MainCompiled out;
    out.program = std::make_unique<Program>();
    out.program->main = "__main__";
    std::vector<ImportSite> imports;
    CompileModule(*out.program, "__main__", std::string(filename), source, false, imports, options.explain_asserts);
    // The main file's imports are checked with their lines; the library's
    // are threadlab's own and must all exist.
    std::vector<std::pair<std::string, bool>>& pending = out.pending;
    std::set<std::string>& seen = out.seen;
    for (const ImportSite& site : imports) {
        if (site.maybe_submodule) {
            // `from a import b`: b may be a submodule (concurrent.futures).
            if ((IsNativeModule(site.module) || !LibrarySource(site.module).empty()) && seen.insert(site.module).second)
                pending.emplace_back(site.module, true);
            continue;
        }
        for (const std::string& prefix : Prefixes(site.module)) {
            const bool known = IsNativeModule(prefix) || !LibrarySource(prefix).empty() || prefix == "concurrent";
            if (!known && site.guarded)
                break; // `try: import x / except ImportError:` — raises ModuleNotFoundError when it runs
            if (!known)
                throw SourceError(site.line, 1,
                                  "threadlab does not have the module '" + prefix + "' (it has " +
                                      AvailableModulesText() + ")");
            if (seen.insert(prefix).second)
                pending.emplace_back(prefix, true);
        }
    }
    return out;
}

} // namespace

std::unique_ptr<Program> CompileMainModule(std::string_view filename, std::string_view source)
{
    return CompileMain(filename, source, {}).program;
}

std::unique_ptr<Program> CompileProgram(std::string_view filename, std::string_view source,
                                        const CompileOptions& options)
{
    MainCompiled main = CompileMain(filename, source, options);
    Program* program = main.program.get();
    std::vector<std::pair<std::string, bool>>& pending = main.pending;
    std::set<std::string>& seen = main.seen;
    while (!pending.empty()) {
        const std::string name = pending.back().first;
        pending.pop_back();
        if (IsNativeModule(name))
            continue;
        const std::string_view text = LibrarySource(name);
        if (text.empty())
            continue; // a package with no code of its own ("concurrent")
        std::vector<ImportSite> more;
        try {
            CompileModule(*program, name, "<threadlab>/" + name + ".py", text, true, more);
        } catch (const SourceError& e) {
            throw std::logic_error("threadlab's own module " + name + " does not compile: " +
                                   FormatSourceError(name + ".py", e));
        }
        for (const ImportSite& site : more) {
            if (site.maybe_submodule) {
                if ((IsNativeModule(site.module) || !LibrarySource(site.module).empty()) && seen.insert(site.module).second)
                    pending.emplace_back(site.module, true);
                continue;
            }
            for (const std::string& prefix : Prefixes(site.module))
                if (seen.insert(prefix).second)
                    pending.emplace_back(prefix, true);
        }
    }
    return std::move(main.program);
}

// ---------------------------------------------------------------- compiler

Compiler::Compiler(ModuleInfo& module, SymbolTable& symbols, const std::vector<std::string>& source_lines)
    : m_module(module), m_symbols(symbols), m_lines(source_lines)
{
    // Module attributes first, then every global name of every scope.
    for (const char* name : {"__name__", "__file__", "__doc__"})
        m_global_slot[name] = m_module.globals.Add(Intern(name));
    for (const std::string& name : symbols.GlobalNames())
        m_global_slot[name] = m_module.globals.Add(Intern(name));
}

int Compiler::GlobalSlot(const std::string& name) const
{
    auto it = m_global_slot.find(name);
    return it == m_global_slot.end() ? -1 : it->second;
}

void Compiler::Fail(const Node* at, const std::string& what) { throw Syntax(at->line, at->col, what); }
void Compiler::Refuse(const Node* at, const std::string& what) { throw Unsupported(at->line, at->col, what); }

Code* Compiler::NewCode(const std::string& name, const std::string& qualname, ScopeInfo& scope, int firstline)
{
    Code* code = New<Code>(Types().code);
    code->name = name;
    code->qualname = qualname;
    code->module = &m_module;
    code->firstlineno = firstline;
    if (scope.kind == ScopeInfo::Kind::Module)
        code->flags |= kCoModule;
    if (scope.kind == ScopeInfo::Kind::Class)
        code->flags |= kCoClassBody;
    if (scope.generator)
        code->flags |= kCoGenerator;
    if (scope.parent != nullptr && scope.parent->kind != ScopeInfo::Kind::Module)
        code->flags |= kCoNested;
    return code;
}

void Compiler::EnterUnit(Code* code, ScopeInfo& scope)
{
    auto unit = std::make_unique<Unit>();
    unit->code = code;
    unit->scope = &scope;
    unit->b = std::make_unique<CodeBuilder>(code);
    // Locals: parameters first, in order, then the rest in order of first use.
    if (scope.IsFunctionLike()) {
        for (const std::string& p : scope.params) {
            unit->local_index[p] = int(code->varnames.size());
            code->varnames.push_back(Intern(p));
        }
        for (const std::string& n : scope.order) {
            const Symbol& s = scope.symbols.at(n);
            if ((s.scope == NameScope::Local) && !unit->local_index.count(n)) {
                unit->local_index[n] = int(code->varnames.size());
                code->varnames.push_back(Intern(n));
            }
        }
    }
    std::vector<std::string> cells, frees;
    for (const std::string& n : scope.order) {
        const Symbol& s = scope.symbols.at(n);
        if (s.scope == NameScope::Cell)
            cells.push_back(n);
        else if (s.scope == NameScope::Free)
            frees.push_back(n);
    }
    if (scope.kind == ScopeInfo::Kind::Class && scope.needs_class_cell)
        cells.push_back("__class__");
    for (const std::string& n : scope.class_free_extra)
        frees.push_back(n);
    int index = int(code->varnames.size());
    for (const std::string& n : cells) {
        unit->cell_index[n] = index++;
        code->cellvars.push_back(Intern(n));
        auto arg = unit->local_index.find(n);
        code->cell_arg.push_back(arg != unit->local_index.end() && arg->second < int(scope.params.size()) ? arg->second
                                                                                                           : -1);
    }
    for (const std::string& n : frees) {
        if (unit->cell_index.count(n))
            continue;
        unit->cell_index[n] = index++;
        code->freevars.push_back(Intern(n));
    }
    m_units.push_back(std::move(unit));
    m_unit = m_units.back().get();
}

Code* Compiler::LeaveUnit()
{
    Unit* unit = m_unit;
    unit->b->Finish();
    Code* code = unit->code;
    m_units.pop_back();
    m_unit = m_units.empty() ? nullptr : m_units.back().get();
    return code;
}

Code* Compiler::CompileModule(const ModuleAst& ast)
{
    ScopeInfo& scope = m_symbols.Module();
    Code* code = NewCode("<module>", "<module>", scope, 1);
    EnterUnit(code, scope);
    B().SetLine(0);
    B().Emit(Op::RESUME, 0);
    // A leading string is the module's docstring.
    size_t first = 0;
    if (!ast.body.empty() && ast.body[0]->kind == NodeKind::ExprStmt &&
        ast.body[0]->value->kind == NodeKind::Constant && ast.body[0]->value->constant.kind == Constant::Kind::Str) {
        B().SetLine(ast.body[0]->line);
        B().Emit(Op::LOAD_CONST, B().ConstStr(ast.body[0]->value->constant.str));
        NameOp("__doc__", NameCtx::Store);
        first = 1;
    }
    if (HasModuleAnnotations(ast.body)) {
        B().Emit(Op::BUILD_MAP, 0);
        NameOp("__annotations__", NameCtx::Store);
    }
    for (size_t i = first; i < ast.body.size(); ++i)
        Statement(ast.body[i]);
    B().Emit(Op::RETURN_CONST, B().Const(Value::None()));
    return LeaveUnit();
}

void Compiler::Statements(const std::vector<Node*>& body)
{
    for (const Node* s : body)
        Statement(s);
}

void Compiler::Statement(const Node* s)
{
    B().SetLine(s->line);
    switch (s->kind) {
    case NodeKind::ExprStmt:
        if (s->value->kind == NodeKind::Constant) {
            B().Emit(Op::NOP); // a lone constant does nothing
            return;
        }
        Expr(s->value);
        B().Emit(Op::POP_TOP);
        return;
    case NodeKind::Assign:
        Expr(s->value);
        for (size_t i = 0; i < s->targets.size(); ++i) {
            if (i + 1 < s->targets.size())
                B().Emit(Op::COPY, 1);
            Store(s->targets[i]);
        }
        return;
    case NodeKind::AugAssign: AugAssign(s); return;
    case NodeKind::AnnAssign:
        if (s->value != nullptr) {
            Expr(s->value);
            Store(s->target);
        }
        // A module's or a class's `name: annotation` goes into __annotations__
        // (a function's is never evaluated), as CPython does.
        if (s->target->kind == NodeKind::Name && !m_unit->scope->IsFunctionLike()) {
            Annotation(s->annotation);
            NameOp("__annotations__", NameCtx::Load);
            B().Emit(Op::LOAD_CONST, B().ConstStr(s->target->name));
            B().Emit(Op::STORE_SUBSCR);
        }
        return;
    case NodeKind::If: If(s); return;
    case NodeKind::While: While(s); return;
    case NodeKind::For: For(s); return;
    case NodeKind::Break: BreakContinue(s, true); return;
    case NodeKind::Continue: BreakContinue(s, false); return;
    case NodeKind::Pass: B().Emit(Op::NOP); return;
    case NodeKind::Return: Return(s); return;
    case NodeKind::FunctionDef: FunctionDef(s); return;
    case NodeKind::ClassDef: ClassDef(s); return;
    case NodeKind::Global:
    case NodeKind::Nonlocal: return;
    case NodeKind::Try: Try(s); return;
    case NodeKind::Raise: Raise(s); return;
    case NodeKind::Assert: Assert(s); return;
    case NodeKind::Delete:
        for (const Node* t : s->targets)
            Delete(t);
        return;
    case NodeKind::Import: Import(s); return;
    case NodeKind::ImportFrom: ImportFrom(s); return;
    case NodeKind::With: With(s, 0); return;
    default: Fail(s, "invalid syntax");
    }
}

void Compiler::AugAssign(const Node* s)
{
    const Node* t = s->target;
    const int op = BinaryOpArg(s->op) + kInplace;
    switch (t->kind) {
    case NodeKind::Name:
        NameOp(t->name, NameCtx::Load);
        Expr(s->value);
        B().SetLine(s->line);
        B().Emit(Op::BINARY_OP, op);
        NameOp(t->name, NameCtx::Store);
        return;
    case NodeKind::Attribute: {
        Expr(t->value);
        B().Emit(Op::COPY, 1);
        const int name = B().Name(t->name, -1);
        B().Emit(Op::LOAD_ATTR, name << 1);
        Expr(s->value);
        B().SetLine(s->line);
        B().Emit(Op::BINARY_OP, op);
        B().Emit(Op::SWAP, 2);
        B().Emit(Op::STORE_ATTR, name);
        return;
    }
    case NodeKind::Subscript:
        Expr(t->value);
        if (t->slice->kind == NodeKind::Slice) {
            SliceParts(t->slice);
            B().Emit(Op::COPY, 3);
            B().Emit(Op::COPY, 3);
            B().Emit(Op::COPY, 3);
            B().Emit(Op::BINARY_SLICE);
            Expr(s->value);
            B().SetLine(s->line);
            B().Emit(Op::BINARY_OP, op);
            B().Emit(Op::SWAP, 4);
            B().Emit(Op::SWAP, 3);
            B().Emit(Op::SWAP, 2);
            B().Emit(Op::STORE_SLICE);
            return;
        }
        Expr(t->slice);
        B().Emit(Op::COPY, 2);
        B().Emit(Op::COPY, 2);
        B().Emit(Op::BINARY_SUBSCR);
        Expr(s->value);
        B().SetLine(s->line);
        B().Emit(Op::BINARY_OP, op);
        B().Emit(Op::SWAP, 3);
        B().Emit(Op::SWAP, 2);
        B().Emit(Op::STORE_SUBSCR);
        return;
    default: Fail(t, "illegal expression for augmented assignment");
    }
}

void Compiler::If(const Node* s)
{
    Label end = B().NewLabel();
    Label next = s->orelse.empty() ? end : B().NewLabel();
    JumpIf(s->test, next, false);
    Statements(s->body);
    if (!s->orelse.empty()) {
        if (!B().LastIsTerminal())
            B().EmitJump(Op::JUMP_FORWARD, end);
        B().Bind(next);
        Statements(s->orelse);
    }
    B().Bind(end);
}

void Compiler::While(const Node* s)
{
    Label top = B().NewLabel(), body = B().NewLabel(), orelse = B().NewLabel(), end = B().NewLabel();
    const bool forever = s->test->kind == NodeKind::Constant &&
                         (s->test->constant.kind == Constant::Kind::True ||
                          (s->test->constant.kind == Constant::Kind::Int && s->test->constant.int_value != 0));
    B().Bind(top);
    if (!forever)
        JumpIf(s->test, orelse, false);
    B().Bind(body);
    m_unit->fblocks.push_back(FBlock{FBlock::Kind::WhileLoop, top, end});
    ++m_unit->loop_depth;
    Statements(s->body);
    --m_unit->loop_depth;
    m_unit->fblocks.pop_back();
    B().SetLine(s->line);
    if (!B().LastIsTerminal())
        B().EmitJump(Op::JUMP_BACKWARD, top);
    B().Bind(orelse);
    Statements(s->orelse);
    B().Bind(end);
}

void Compiler::For(const Node* s)
{
    Label top = B().NewLabel(), exit = B().NewLabel(), end = B().NewLabel();
    Expr(s->iter);
    B().SetLine(s->line);
    B().Emit(Op::GET_ITER);
    B().Bind(top);
    const int depth = B().Depth();
    B().EmitJump(Op::FOR_ITER, exit);
    Store(s->target);
    m_unit->fblocks.push_back(FBlock{FBlock::Kind::ForLoop, top, end});
    ++m_unit->loop_depth;
    Statements(s->body);
    --m_unit->loop_depth;
    m_unit->fblocks.pop_back();
    B().SetLine(s->line);
    if (!B().LastIsTerminal())
        B().EmitJump(Op::JUMP_BACKWARD, top);
    B().SetDepth(depth);
    B().Emit(Op::END_FOR); // never reached: FOR_ITER jumps past it
    B().SetDepth(depth - 1);
    B().Bind(exit);
    Statements(s->orelse);
    B().Bind(end);
}

void Compiler::BreakContinue(const Node* s, bool is_break)
{
    if (m_unit->loop_depth == 0)
        Fail(s, is_break ? "'break' outside loop" : "'continue' not properly in loop");
    const int depth = B().Depth();
    Unwind(true, false, [&](const FBlock& loop) {
        if (is_break) {
            if (loop.kind == FBlock::Kind::ForLoop)
                B().Emit(Op::POP_TOP);
            B().EmitJump(Op::JUMP_FORWARD, loop.exit);
        } else {
            B().EmitJump(Op::JUMP_BACKWARD, loop.start);
        }
    });
    B().SetDepth(depth);
}

void Compiler::Return(const Node* s)
{
    const int depth = B().Depth();
    const bool constant = s->value == nullptr || IsConstant(s->value);
    if (!constant)
        Expr(s->value);
    Unwind(false, !constant, [&](const FBlock&) {
        B().SetLine(s->line);
        if (constant)
            B().Emit(Op::RETURN_CONST, B().Const(s->value == nullptr ? Value::None() : ConstantValue(s->value)));
        else
            B().Emit(Op::RETURN_VALUE);
    });
    B().SetDepth(depth);
}

void Compiler::Unwind(bool until_loop, bool preserve_tos, const std::function<void(const FBlock&)>& exit)
{
    // The way out must not be covered by the handlers being left; they are
    // restored afterwards for whatever follows (reachable or not).
    std::vector<FBlock> saved = m_unit->fblocks;
    const std::vector<int> handlers = B().HandlerStack();
    FBlock loop{};
    while (!m_unit->fblocks.empty()) {
        FBlock block = m_unit->fblocks.back();
        if (until_loop && (block.kind == FBlock::Kind::WhileLoop || block.kind == FBlock::Kind::ForLoop)) {
            loop = block;
            break;
        }
        m_unit->fblocks.pop_back();
        UnwindOne(block, preserve_tos);
    }
    exit(loop);
    m_unit->fblocks = saved;
    B().SetHandlerStack(handlers);
}

void Compiler::UnwindOne(const FBlock& block, bool preserve_tos)
{
    switch (block.kind) {
    case FBlock::Kind::WhileLoop: return;
    case FBlock::Kind::ForLoop:
        if (preserve_tos)
            B().Emit(Op::SWAP, 2);
        B().Emit(Op::POP_TOP);
        return;
    case FBlock::Kind::TryBody: B().PopHandler(); return;
    case FBlock::Kind::FinallyBody: {
        B().PopHandler();
        const int depth = B().Depth();
        Statements(block.node->finalbody);
        B().SetDepth(depth);
        return;
    }
    case FBlock::Kind::FinallyEnd:
        if (preserve_tos)
            B().Emit(Op::SWAP, 2);
        B().Emit(Op::POP_TOP); // the exception
        B().PopHandler();
        if (preserve_tos)
            B().Emit(Op::SWAP, 2);
        B().Emit(Op::POP_EXCEPT);
        return;
    case FBlock::Kind::With:
        B().PopHandler();
        if (preserve_tos)
            B().Emit(Op::SWAP, 2);
        B().Emit(Op::LOAD_CONST, B().Const(Value::None()));
        B().Emit(Op::LOAD_CONST, B().Const(Value::None()));
        B().Emit(Op::LOAD_CONST, B().Const(Value::None()));
        B().Emit(Op::CALL, 2);
        B().Emit(Op::POP_TOP);
        return;
    case FBlock::Kind::ExceptHandler:
        B().PopHandler();
        if (preserve_tos)
            B().Emit(Op::SWAP, 2);
        B().Emit(Op::POP_EXCEPT);
        return;
    case FBlock::Kind::NamedHandler:
        B().PopHandler();
        B().PopHandler();
        if (preserve_tos)
            B().Emit(Op::SWAP, 2);
        B().Emit(Op::POP_EXCEPT);
        ClearName(block.name);
        return;
    }
}

void Compiler::ClearName(const std::string& name)
{
    B().Emit(Op::LOAD_CONST, B().Const(Value::None()));
    NameOp(name, NameCtx::Store);
    NameOp(name, NameCtx::Del);
}

void Compiler::Try(const Node* s)
{
    if (!s->finalbody.empty())
        TryFinally(s);
    else
        TryExcept(s);
}

// try: body / finally: final
//     body                       [handler: exc]
//     final ; JUMP end
// exc: PUSH_EXC_INFO             [handler: cleanup]
//     final ; RERAISE 0
// cleanup: SWAP 2 ; POP_EXCEPT ; RERAISE 0
void Compiler::TryFinally(const Node* s)
{
    Label exc = B().NewLabel(), cleanup = B().NewLabel(), end = B().NewLabel();
    const int depth = B().Depth();
    B().MarkNoSwitch39();
    B().PushHandler(exc, depth);
    m_unit->fblocks.push_back(FBlock{FBlock::Kind::FinallyBody, {}, {}, s});
    if (!s->handlers.empty())
        TryExcept(s);
    else
        Statements(s->body);
    m_unit->fblocks.pop_back();
    B().PopHandler();
    if (!B().LastIsTerminal()) {
        Statements(s->finalbody);
        B().EmitJump(Op::JUMP_FORWARD, end);
    }
    B().Bind(exc);
    B().SetDepth(depth + 1);
    B().PushHandler(cleanup, depth + 1, true);
    B().Emit(Op::PUSH_EXC_INFO);
    m_unit->fblocks.push_back(FBlock{FBlock::Kind::FinallyEnd});
    Statements(s->finalbody);
    m_unit->fblocks.pop_back();
    B().Emit(Op::RERAISE, 0);
    B().PopHandler();
    B().Bind(cleanup);
    B().SetDepth(depth + 2);
    B().Emit(Op::SWAP, 2);
    B().Emit(Op::POP_EXCEPT);
    B().Emit(Op::RERAISE, 0);
    B().Bind(end);
    B().SetDepth(depth);
}

// try: body / except E as n: h / else: orelse
//     body                        [handler: exc]
//     JUMP orelse
// exc: PUSH_EXC_INFO              [handler: cleanup]
//     E ; CHECK_EXC_MATCH ; POP_JUMP_IF_FALSE next
//     STORE n ; h                 [handler: name_cleanup]
//     POP_EXCEPT ; n = None ; del n ; JUMP end
// next: … RERAISE 0
// cleanup: SWAP 2 ; POP_EXCEPT ; RERAISE 0
// orelse: … end:
void Compiler::TryExcept(const Node* s)
{
    Label exc = B().NewLabel(), cleanup = B().NewLabel(), orelse = B().NewLabel(), end = B().NewLabel();
    const int depth = B().Depth();
    B().MarkNoSwitch39();
    B().PushHandler(exc, depth);
    m_unit->fblocks.push_back(FBlock{FBlock::Kind::TryBody});
    Statements(s->body);
    m_unit->fblocks.pop_back();
    B().PopHandler();
    if (!B().LastIsTerminal())
        B().EmitJump(Op::JUMP_FORWARD, orelse);

    B().Bind(exc);
    B().SetDepth(depth + 1);
    B().SetLine(s->handlers[0]->line);
    B().PushHandler(cleanup, depth + 1, true);
    B().Emit(Op::PUSH_EXC_INFO); // stack: previous exception, exception
    for (size_t i = 0; i < s->handlers.size(); ++i) {
        const Node* h = s->handlers[i];
        B().SetLine(h->line);
        B().SetDepth(depth + 2);
        if (h->value == nullptr && i + 1 != s->handlers.size())
            Fail(h, "default 'except:' must be last");
        Label next = B().NewLabel();
        if (h->value != nullptr) {
            Expr(h->value);
            B().Emit(Op::CHECK_EXC_MATCH);
            B().EmitJump(Op::POP_JUMP_IF_FALSE, next);
        }
        if (!h->name.empty()) {
            Label name_cleanup = B().NewLabel();
            NameOp(h->name, NameCtx::Store);
            B().PushHandler(name_cleanup, depth + 1, true);
            m_unit->fblocks.push_back(FBlock{FBlock::Kind::NamedHandler, {}, {}, nullptr, h->name});
            Statements(h->body);
            m_unit->fblocks.pop_back();
            B().PopHandler();
            if (!B().LastIsTerminal()) {
                B().PopHandler(); // leaving the except block
                B().Emit(Op::POP_EXCEPT);
                ClearName(h->name);
                B().EmitJump(Op::JUMP_FORWARD, end);
                B().PushHandler(cleanup, depth + 1, true);
            }
            B().Bind(name_cleanup);
            B().SetDepth(depth + 2);
            ClearName(h->name);
            B().Emit(Op::RERAISE, 1);
        } else {
            B().Emit(Op::POP_TOP);
            m_unit->fblocks.push_back(FBlock{FBlock::Kind::ExceptHandler});
            Statements(h->body);
            m_unit->fblocks.pop_back();
            if (!B().LastIsTerminal()) {
                B().PopHandler();
                B().Emit(Op::POP_EXCEPT);
                B().EmitJump(Op::JUMP_FORWARD, end);
                B().PushHandler(cleanup, depth + 1, true);
            }
        }
        B().Bind(next);
        B().SetDepth(depth + 2);
    }
    B().Emit(Op::RERAISE, 0); // no handler matched
    B().PopHandler();
    B().Bind(cleanup);
    B().SetDepth(depth + 2);
    B().Emit(Op::SWAP, 2);
    B().Emit(Op::POP_EXCEPT);
    B().Emit(Op::RERAISE, 0);

    B().Bind(orelse);
    B().SetDepth(depth);
    Statements(s->orelse);
    B().Bind(end);
    B().SetDepth(depth);
}

// with m as t: body
//     m ; BEFORE_WITH ; STORE t    [handler: exc]
//     body ; None ; None ; None ; CALL 2 ; POP_TOP ; JUMP end
// exc: PUSH_EXC_INFO ; WITH_EXCEPT_START ; POP_JUMP_IF_TRUE suppress ; RERAISE 2   [handler: cleanup]
// suppress: POP_TOP ; POP_EXCEPT ; POP_TOP ; POP_TOP ; JUMP end
// cleanup: SWAP 2 ; POP_EXCEPT ; RERAISE 0
void Compiler::With(const Node* s, size_t item_index)
{
    const Node* item = s->items[item_index];
    Label exc = B().NewLabel(), cleanup = B().NewLabel(), suppress = B().NewLabel(), end = B().NewLabel();
    B().SetLine(item->line);
    Expr(item->value);
    B().SetLine(s->line);
    B().MarkNoSwitch39(); // 3.9: no check right before SETUP_WITH
    B().Emit(Op::BEFORE_WITH);
    const int depth = B().Depth() - 1; // __exit__ stays below
    B().PushHandler(exc, depth);
    if (item->target != nullptr)
        Store(item->target);
    else
        B().Emit(Op::POP_TOP);
    m_unit->fblocks.push_back(FBlock{FBlock::Kind::With});
    if (item_index + 1 < s->items.size())
        With(s, item_index + 1);
    else
        Statements(s->body);
    m_unit->fblocks.pop_back();
    B().PopHandler();
    B().SetLine(s->line);
    if (!B().LastIsTerminal()) {
        B().Emit(Op::LOAD_CONST, B().Const(Value::None()));
        B().Emit(Op::LOAD_CONST, B().Const(Value::None()));
        B().Emit(Op::LOAD_CONST, B().Const(Value::None()));
        B().Emit(Op::CALL, 2);
        B().Emit(Op::POP_TOP);
        B().EmitJump(Op::JUMP_FORWARD, end);
    }
    B().Bind(exc);
    B().SetDepth(depth + 1);
    B().PushHandler(cleanup, depth + 1, true);
    B().Emit(Op::PUSH_EXC_INFO);     // exit, previous, exception
    B().Emit(Op::WITH_EXCEPT_START); // exit, previous, exception, result
    B().EmitJump(Op::POP_JUMP_IF_TRUE, suppress);
    B().Emit(Op::RERAISE, 2);
    B().Bind(suppress);
    B().SetDepth(depth + 2); // exit, previous exception, exception
    B().Emit(Op::POP_TOP);
    B().PopHandler();
    B().Emit(Op::POP_EXCEPT);
    B().Emit(Op::POP_TOP);
    B().EmitJump(Op::JUMP_FORWARD, end);
    B().Bind(cleanup);
    B().SetDepth(depth + 2);
    B().Emit(Op::SWAP, 2);
    B().Emit(Op::POP_EXCEPT);
    B().Emit(Op::RERAISE, 0);
    B().Bind(end);
    B().SetDepth(depth - 1); // __exit__ is gone too
}

void Compiler::Raise(const Node* s)
{
    int n = 0;
    if (s->value != nullptr) {
        Expr(s->value);
        ++n;
        if (s->cause != nullptr) {
            Expr(s->cause);
            ++n;
        }
    }
    B().SetLine(s->line);
    B().Emit(Op::RAISE_VARARGS, n);
}

void Compiler::Assert(const Node* s)
{
    if (m_explain_asserts && ExplainedAssert(s))
        return;
    Label end = B().NewLabel();
    JumpIf(s->test, end, true);
    B().Emit(Op::LOAD_ASSERTION_ERROR);
    if (s->value != nullptr) {
        Expr(s->value);
        B().Emit(Op::CALL, 0);
    }
    B().SetLine(s->line);
    B().Emit(Op::RAISE_VARARGS, 1);
    B().Bind(end);
}

bool Compiler::InsideTry() const
{
    for (const FBlock& f : m_unit->fblocks)
        if (f.kind == FBlock::Kind::TryBody)
            return true;
    return false;
}

void Compiler::Import(const Node* s)
{
    for (const Alias& a : s->aliases) {
        m_imports.push_back(ImportSite{a.name, a.line, false, InsideTry()});
        B().Emit(Op::LOAD_CONST, B().Const(MakeInt(0)));
        B().Emit(Op::LOAD_CONST, B().Const(Value::None()));
        B().Emit(Op::IMPORT_NAME, B().Name(a.name, -1));
        if (a.asname.empty()) {
            NameOp(a.name.substr(0, a.name.find('.')), NameCtx::Store);
            continue;
        }
        // `import a.b as c` binds the submodule.
        size_t pos = a.name.find('.');
        while (pos != std::string::npos) {
            const size_t next = a.name.find('.', pos + 1);
            const std::string part = a.name.substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1);
            B().Emit(Op::IMPORT_FROM, B().Name(part, -1));
            B().Emit(Op::SWAP, 2);
            B().Emit(Op::POP_TOP);
            pos = next;
        }
        NameOp(a.asname, NameCtx::Store);
    }
}

void Compiler::ImportFrom(const Node* s)
{
    if (s->level > 0)
        Refuse(s, "relative imports");
    if (s->name == "__future__") {
        for (const Alias& a : s->aliases)
            if (a.name == "annotations")
                m_future_annotations = true;
        for (const Alias& a : s->aliases)
            if (a.name != "annotations" && a.name != "division" && a.name != "print_function" &&
                a.name != "generator_stop" && a.name != "absolute_import" && a.name != "with_statement" &&
                a.name != "nested_scopes" && a.name != "unicode_literals" && a.name != "generators")
                Fail(s, "future feature " + a.name + " is not defined");
        return;
    }
    if (s->aliases.size() == 1 && s->aliases[0].name == "*")
        Refuse(s, "'from " + s->name + " import *' (import the names you use)");
    m_imports.push_back(ImportSite{s->name, s->line, false, InsideTry()});
    Tuple* names = NewTuple(s->aliases.size());
    for (size_t i = 0; i < s->aliases.size(); ++i)
        names->items[i] = Value::Obj(Intern(s->aliases[i].name));
    B().Emit(Op::LOAD_CONST, B().Const(MakeInt(0)));
    B().Emit(Op::LOAD_CONST, B().Const(Value::Obj(names)));
    B().Emit(Op::IMPORT_NAME, B().Name(s->name, -1));
    for (const Alias& a : s->aliases) {
        // `from concurrent import futures` imports a submodule: make sure it compiles too.
        m_imports.push_back(ImportSite{s->name + "." + a.name, s->line, true, InsideTry()});
        B().Emit(Op::IMPORT_FROM, B().Name(a.name, -1));
        NameOp(a.asname.empty() ? a.name : a.asname, NameCtx::Store);
    }
    B().Emit(Op::POP_TOP);
}

void Compiler::Delete(const Node* t)
{
    switch (t->kind) {
    case NodeKind::Name: NameOp(t->name, NameCtx::Del); return;
    case NodeKind::Attribute:
        Expr(t->value);
        B().Emit(Op::DELETE_ATTR, B().Name(t->name, -1));
        return;
    case NodeKind::Subscript:
        Expr(t->value);
        Expr(t->slice);
        B().Emit(Op::DELETE_SUBSCR);
        return;
    case NodeKind::Tuple:
    case NodeKind::List:
        for (const Node* e : t->elts)
            Delete(e);
        return;
    default: Fail(t, "cannot delete expression");
    }
}

// ---------------------------------------------------------------- functions and classes

void Compiler::MakeClosure(Code* code, int flags)
{
    if (!code->freevars.empty()) {
        for (Str* name : code->freevars) {
            const std::string n(name->View());
            auto it = m_unit->cell_index.find(n);
            if (it == m_unit->cell_index.end())
                throw std::logic_error("compiler: no cell for free variable " + n);
            B().Emit(Op::LOAD_CLOSURE, it->second);
        }
        B().Emit(Op::BUILD_TUPLE, int(code->freevars.size()));
        flags |= kFnClosure;
    }
    B().Emit(Op::LOAD_CONST, B().Const(Value::Obj(code)));
    B().Emit(Op::MAKE_FUNCTION, flags);
}

// Defaults (a tuple) and keyword-only defaults (a dict), evaluated where the
// function is defined. Returns MAKE_FUNCTION's flags for them.
static int DefaultFlags(const Arguments& a)
{
    int flags = 0;
    if (!a.defaults.empty())
        flags |= kFnDefaults;
    for (const Node* d : a.kw_defaults)
        if (d != nullptr)
            flags |= kFnKwDefaults;
    return flags;
}

void Compiler::FunctionDef(const Node* s)
{
    for (const Node* d : s->decorators)
        Expr(d);
    B().SetLine(s->line);
    const Arguments& a = *s->arguments;
    const int flags = DefaultFlags(a);
    if (flags & kFnDefaults) {
        for (const Node* d : a.defaults)
            Expr(d);
        B().Emit(Op::BUILD_TUPLE, int(a.defaults.size()));
    }
    if (flags & kFnKwDefaults) {
        int n = 0;
        for (size_t i = 0; i < a.kwonly.size(); ++i)
            if (a.kw_defaults[i] != nullptr) {
                B().Emit(Op::LOAD_CONST, B().ConstStr(a.kwonly[i].name));
                Expr(a.kw_defaults[i]);
                ++n;
            }
        B().Emit(Op::BUILD_MAP, n);
    }
    const int annotations = FunctionAnnotations(s);
    Code* code = FunctionBody(s, s->name, &s->body, nullptr);
    B().SetLine(s->line);
    MakeClosure(code, flags | annotations);
    for (size_t i = 0; i < s->decorators.size(); ++i)
        B().Emit(Op::CALL, 0);
    NameOp(s->name, NameCtx::Store);
}

Code* Compiler::FunctionBody(const Node* def, const std::string& name, const std::vector<Node*>* body,
                             const Node* expr)
{
    ScopeInfo& scope = m_symbols.For(def);
    std::string qualname;
    for (const std::string& q : m_qualname_stack)
        qualname += q + ".";
    qualname += name;
    Code* code = NewCode(name, qualname, scope, def->line);
    const Arguments* a = def->arguments.get();
    if (a != nullptr) {
        code->posonlyargcount = int(a->posonly.size());
        code->argcount = int(a->posonly.size() + a->args.size());
        code->kwonlyargcount = int(a->kwonly.size());
        if (a->vararg)
            code->flags |= kCoVarArgs;
        if (a->kwarg)
            code->flags |= kCoVarKeywords;
    } else {
        code->argcount = 1; // a comprehension's `.0`
    }
    m_qualname_stack.push_back(name);
    m_qualname_stack.push_back("<locals>");
    EnterUnit(code, scope);
    B().SetLine(def->line);
    if (!code->cellvars.empty())
        for (size_t i = 0; i < code->cellvars.size(); ++i)
            B().Emit(Op::MAKE_CELL, int(code->varnames.size() + i));
    if (!code->freevars.empty())
        B().Emit(Op::COPY_FREE_VARS, int(code->freevars.size()));
    if (code->IsGenerator()) {
        B().Emit(Op::RETURN_GENERATOR);
        B().Emit(Op::POP_TOP);
    }
    B().Emit(Op::RESUME, 0);
    if (body != nullptr) {
        size_t first = 0;
        if (!body->empty() && (*body)[0]->kind == NodeKind::ExprStmt &&
            (*body)[0]->value->kind == NodeKind::Constant &&
            (*body)[0]->value->constant.kind == Constant::Kind::Str) {
            code->doc = Value::Obj(Intern((*body)[0]->value->constant.str));
            first = 1;
        }
        for (size_t i = first; i < body->size(); ++i)
            Statement((*body)[i]);
        if (!B().LastIsTerminal()) {
            B().SetLine(body->empty() ? def->line : -1);
            B().Emit(Op::RETURN_CONST, B().Const(Value::None()));
        }
    } else if (def->kind == NodeKind::Lambda) {
        Expr(expr);
        B().Emit(Op::RETURN_VALUE);
    } else {
        Comprehension(def); // the comprehension's own loop and result
    }
    m_qualname_stack.pop_back();
    m_qualname_stack.pop_back();
    return LeaveUnit();
}

void Compiler::Annotation(const Node* annotation)
{
    if (!m_future_annotations) {
        Expr(annotation);
        return;
    }
    // Under the future import an annotation is its own source text.
    std::string text;
    if (annotation->line == annotation->end_line && size_t(annotation->line) <= m_lines.size()) {
        const std::string& line = m_lines[size_t(annotation->line) - 1];
        size_t a = 0, cp = 1;
        while (a < line.size() && int(cp) < annotation->col) {
            a += 1;
            while (a < line.size() && (static_cast<unsigned char>(line[a]) & 0xC0) == 0x80)
                ++a;
            ++cp;
        }
        size_t b = a;
        while (b < line.size() && int(cp) < annotation->end_col) {
            b += 1;
            while (b < line.size() && (static_cast<unsigned char>(line[b]) & 0xC0) == 0x80)
                ++b;
            ++cp;
        }
        text = line.substr(a, b - a);
    }
    B().Emit(Op::LOAD_CONST, B().ConstStr(text));
}

int Compiler::FunctionAnnotations(const Node* def)
{
    const Arguments& a = *def->arguments;
    std::vector<const Arg*> annotated;
    for (const auto* list : {&a.posonly, &a.args})
        for (const Arg& arg : *list)
            if (arg.annotation)
                annotated.push_back(&arg);
    if (a.vararg && a.vararg->annotation)
        annotated.push_back(&*a.vararg);
    for (const Arg& arg : a.kwonly)
        if (arg.annotation)
            annotated.push_back(&arg);
    if (a.kwarg && a.kwarg->annotation)
        annotated.push_back(&*a.kwarg);
    if (annotated.empty() && def->annotation == nullptr)
        return 0;
    for (const Arg* arg : annotated) {
        B().Emit(Op::LOAD_CONST, B().ConstStr(arg->name));
        Annotation(arg->annotation);
    }
    int n = int(annotated.size());
    if (def->annotation != nullptr) {
        B().Emit(Op::LOAD_CONST, B().ConstStr("return"));
        Annotation(def->annotation);
        ++n;
    }
    B().Emit(Op::BUILD_MAP, n);
    return kFnAnnotations;
}

bool Compiler::HasModuleAnnotations(const std::vector<Node*>& body) const
{
    // Any `name: annotation` directly in this body (also inside if/for/while/try/with).
    for (const Node* s : body) {
        if (s->kind == NodeKind::AnnAssign && s->target->kind == NodeKind::Name)
            return true;
        for (const auto* list : {&s->body, &s->orelse, &s->finalbody})
            if (s->kind != NodeKind::FunctionDef && s->kind != NodeKind::ClassDef && HasModuleAnnotations(*list))
                return true;
        for (const Node* h : s->handlers)
            if (HasModuleAnnotations(h->body))
                return true;
    }
    return false;
}

void Compiler::ClassDef(const Node* s)
{
    for (const Node* d : s->decorators)
        Expr(d);
    for (const Node* k : s->keywords)
        if (k->name == "metaclass")
            Refuse(k, "metaclasses");
    B().SetLine(s->line);
    ScopeInfo& scope = m_symbols.For(s);
    std::string qualname;
    for (const std::string& q : m_qualname_stack)
        qualname += q + ".";
    qualname += s->name;
    Code* code = NewCode(s->name, qualname, scope, s->line);
    m_qualname_stack.push_back(s->name);
    EnterUnit(code, scope);
    B().SetLine(s->line);
    for (size_t i = 0; i < code->cellvars.size(); ++i)
        B().Emit(Op::MAKE_CELL, int(code->varnames.size() + i));
    if (!code->freevars.empty())
        B().Emit(Op::COPY_FREE_VARS, int(code->freevars.size()));
    B().Emit(Op::RESUME, 0);
    B().Emit(Op::LOAD_NAME, B().Name("__name__", GlobalSlot("__name__")));
    B().Emit(Op::STORE_NAME, B().Name("__module__", -1));
    B().Emit(Op::LOAD_CONST, B().ConstStr(qualname));
    B().Emit(Op::STORE_NAME, B().Name("__qualname__", -1));
    size_t first = 0;
    if (!s->body.empty() && s->body[0]->kind == NodeKind::ExprStmt && s->body[0]->value->kind == NodeKind::Constant &&
        s->body[0]->value->constant.kind == Constant::Kind::Str) {
        B().SetLine(s->body[0]->line);
        B().Emit(Op::LOAD_CONST, B().ConstStr(s->body[0]->value->constant.str));
        B().Emit(Op::STORE_NAME, B().Name("__doc__", -1));
        first = 1;
    }
    if (HasModuleAnnotations(s->body)) {
        B().Emit(Op::BUILD_MAP, 0);
        B().Emit(Op::STORE_NAME, B().Name("__annotations__", -1));
    }
    for (size_t i = first; i < s->body.size(); ++i)
        Statement(s->body[i]);
    B().SetLine(-1);
    if (scope.needs_class_cell) {
        B().Emit(Op::LOAD_CLOSURE, m_unit->cell_index.at("__class__"));
        B().Emit(Op::COPY, 1);
        B().Emit(Op::STORE_NAME, B().Name("__classcell__", -1));
        B().Emit(Op::RETURN_VALUE);
    } else {
        B().Emit(Op::RETURN_CONST, B().Const(Value::None()));
    }
    m_qualname_stack.pop_back();
    Code* body = LeaveUnit();

    B().SetLine(s->line);
    B().Emit(Op::PUSH_NULL);
    B().Emit(Op::LOAD_BUILD_CLASS);
    MakeClosure(body, 0);
    B().Emit(Op::LOAD_CONST, B().ConstStr(s->name));
    CallHelper(s->elts, s->keywords, 2);
    for (size_t i = 0; i < s->decorators.size(); ++i)
        B().Emit(Op::CALL, 0);
    NameOp(s->name, NameCtx::Store);
}

} // namespace threadlab::py
