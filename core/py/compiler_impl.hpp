#pragma once
// Inside the compiler: shared by compiler.cpp (modules, statements,
// functions, classes) and compile_expr.cpp (expressions).
#include "ast.hpp"
#include "code_builder.hpp"
#include "symtable.hpp"

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace threadlab::py {

enum class NameCtx { Load, Store, Del };

// BINARY_OP's argument for an operator of the tree.
int BinaryOpArg(uint8_t op);

// What a break, continue or return must undo on its way out.
struct FBlock {
    enum class Kind {
        WhileLoop,
        ForLoop,
        TryBody,         // the body of a try with handlers
        FinallyBody,     // the body of a try with a finally: the finally runs on the way out
        FinallyEnd,      // a finally running because of an exception
        With,            // inside a with block: __exit__ runs on the way out
        ExceptHandler,   // inside an except block
        NamedHandler,    // inside `except E as name`: name is cleared on the way out
    };
    Kind kind;
    Label start; // loops: where continue goes
    Label exit;  // loops: where break goes
    const Node* node = nullptr; // FinallyBody: the try statement
    std::string name;           // NamedHandler
};

// One name an import statement loads, where it stands.
struct ImportSite {
    std::string module;
    int line = 0;
    bool maybe_submodule = false; // `from a import b`: b may be a module or a name in a
    bool guarded = false;         // inside `try:` with handlers: a missing module raises at run time
};

class Compiler {
public:
    Compiler(ModuleInfo& module, SymbolTable& symbols, const std::vector<std::string>& source_lines);
    Code* CompileModule(const ModuleAst& ast);

    // pytest's assertion rewriting: a failed `assert a OP b` says both values.
    void ExplainAsserts() { m_explain_asserts = true; }

    // Imports the module names (for the program to load next).
    const std::vector<ImportSite>& Imports() const { return m_imports; }

private:
    struct Unit {
        Code* code = nullptr;
        ScopeInfo* scope = nullptr;
        std::unique_ptr<CodeBuilder> b;
        std::vector<FBlock> fblocks;
        std::unordered_map<std::string, int> local_index; // varnames
        std::unordered_map<std::string, int> cell_index;  // cellvars and freevars, in localsplus numbering
        int loop_depth = 0;
    };

    // compiler.cpp
    Code* NewCode(const std::string& name, const std::string& qualname, ScopeInfo& scope, int firstline);
    void EnterUnit(Code* code, ScopeInfo& scope);
    Code* LeaveUnit();
    CodeBuilder& B() { return *m_unit->b; }
    void Statements(const std::vector<Node*>& body);
    void Statement(const Node* s);
    void FunctionDef(const Node* s);
    Code* FunctionBody(const Node* def, const std::string& name, const std::vector<Node*>* body, const Node* expr);
    void MakeClosure(Code* code, int flags);
    void ClassDef(const Node* s);
    void If(const Node* s);
    void While(const Node* s);
    void For(const Node* s);
    void Try(const Node* s);
    void TryExcept(const Node* s);
    void TryFinally(const Node* s);
    void With(const Node* s, size_t item);
    void Return(const Node* s);
    void BreakContinue(const Node* s, bool is_break);
    void Raise(const Node* s);
    void Assert(const Node* s);
    bool ExplainedAssert(const Node* s); // compile_expr.cpp
    bool InsideTry() const; // an import there may name a module threadlab lacks
    void Import(const Node* s);
    void ImportFrom(const Node* s);
    void Delete(const Node* target);
    void AugAssign(const Node* s);
    // Undoes fblocks from the innermost outwards; stops at a loop when
    // `until_loop`. `preserve_tos`: a return value sits on top of the stack.
    void Unwind(bool until_loop, bool preserve_tos, const std::function<void(const FBlock&)>& exit);
    void UnwindOne(const FBlock& block, bool preserve_tos);
    void ClearName(const std::string& name);

    // compile_expr.cpp
    void Expr(const Node* e);
    void EmitConstant(const Node* e);
    void NameOp(const std::string& name, NameCtx ctx, int line = 0);
    void Store(const Node* target);
    void Call(const Node* e);
    bool CallHelper(const std::vector<Node*>& args, const std::vector<Node*>& keywords, int already);
    void CallEx(const std::vector<Node*>& args, const std::vector<Node*>& keywords, int already);
    void Attribute(const Node* e);
    void Subscript(const Node* e);
    void SliceParts(const Node* slice);
    void BoolOp(const Node* e);
    void Compare(const Node* e);
    void JumpIf(const Node* e, Label target, bool when);
    void Sequence(const Node* e, Op build, bool is_tuple);
    void DictDisplay(const Node* e);
    void Comprehension(const Node* e);
    void ComprehensionLoop(const Node* e, size_t gen_index, int depth);
    void Lambda(const Node* e);
    void JoinedStr(const Node* e);
    void FormattedValue(const Node* e);
    void Yield(const Node* e);
    void YieldFrom(const Node* e);
    void IfExp(const Node* e);
    void NamedExpr(const Node* e);
    void Unpack(const std::vector<Node*>& elts, int line, int col);
    int GlobalSlot(const std::string& name) const;
    bool IsConstant(const Node* e) const;
    Value ConstantValue(const Node* e);

    [[noreturn]] void Fail(const Node* at, const std::string& what);
    [[noreturn]] void Refuse(const Node* at, const std::string& what);

    ModuleInfo& m_module;
    SymbolTable& m_symbols;
    const std::vector<std::string>& m_lines;
    std::unordered_map<std::string, int> m_global_slot;
    std::vector<std::unique_ptr<Unit>> m_units;
    Unit* m_unit = nullptr;
    std::vector<std::string> m_qualname_stack;
    std::vector<ImportSite> m_imports;
    bool m_future_annotations = false; // `from __future__ import annotations`: kept as text
    bool m_explain_asserts = false;

    // annotations: the value of an annotation (or its text under the future import).
    void Annotation(const Node* annotation);
    int FunctionAnnotations(const Node* def); // pushes a dict if there are any; returns MAKE_FUNCTION's flag
    bool HasModuleAnnotations(const std::vector<Node*>& body) const;
};

} // namespace threadlab::py
