#pragma once
// The symbol table: for every scope (module, class, function, lambda,
// comprehension) which names are its locals, cells, free variables or
// globals — the same analysis as CPython's Python/symtable.c, which decides
// between LOAD_FAST, LOAD_DEREF, LOAD_GLOBAL and LOAD_NAME.
#include "ast.hpp"
#include "source_error.hpp"

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace threadlab::py {

enum class NameScope : uint8_t { Local, GlobalExplicit, GlobalImplicit, Free, Cell };

struct Symbol {
    bool assigned = false;
    bool param = false;
    bool used = false;
    bool global_decl = false;
    bool nonlocal_decl = false;
    int decl_line = 0, decl_col = 0;
    NameScope scope = NameScope::GlobalImplicit;
};

struct ScopeInfo {
    enum class Kind : uint8_t { Module, Function, Class, Lambda, Comprehension };
    Kind kind = Kind::Module;
    std::string name;
    const Node* node = nullptr;
    ScopeInfo* parent = nullptr;
    std::vector<ScopeInfo*> children;
    std::map<std::string, Symbol> symbols;
    std::vector<std::string> order;  // names in order of first appearance
    std::vector<std::string> params; // in order: positional, keyword-only, *args, **kwargs
    bool generator = false;
    bool needs_class_cell = false; // a class whose methods use super() or __class__
    bool uses_class_cell = false;  // a function that does
    // A class body's own name that its methods also capture from outside.
    std::vector<std::string> class_free_extra;

    bool IsFunctionLike() const { return kind == Kind::Function || kind == Kind::Lambda || kind == Kind::Comprehension; }
    NameScope ScopeOf(const std::string& name) const;
    Symbol& Add(const std::string& name);
};

class SymbolTable {
public:
    // Throws SourceError (a nonlocal without a binding, yield outside a function, …).
    explicit SymbolTable(const ModuleAst& module);
    ScopeInfo& Module() { return *m_module; }
    ScopeInfo& For(const Node* node) { return *m_by_node.at(node); }
    // Every global name any scope of the module reads or writes.
    const std::vector<std::string>& GlobalNames() const { return m_global_names; }

private:
    std::vector<std::unique_ptr<ScopeInfo>> m_scopes;
    ScopeInfo* m_module = nullptr;
    std::unordered_map<const Node*, ScopeInfo*> m_by_node;
    std::vector<std::string> m_global_names;
    friend class SymbolBuilder;
};

} // namespace threadlab::py
