#include "symtable.hpp"

#include <set>

namespace threadlab::py {

NameScope ScopeInfo::ScopeOf(const std::string& name) const
{
    auto it = symbols.find(name);
    if (it == symbols.end())
        return kind == Kind::Module ? NameScope::GlobalImplicit : NameScope::GlobalImplicit;
    return it->second.scope;
}

Symbol& ScopeInfo::Add(const std::string& name)
{
    auto [it, inserted] = symbols.try_emplace(name);
    if (inserted)
        order.push_back(name);
    return it->second;
}

// Pass 1: walks the tree, making a scope per function, class, lambda and
// comprehension and noting how each name is used in it.
class SymbolBuilder {
public:
    explicit SymbolBuilder(SymbolTable& table) : m_table(table) {}

    void Build(const ModuleAst& module)
    {
        ScopeInfo* scope = NewScope(ScopeInfo::Kind::Module, "<module>", nullptr);
        m_table.m_module = scope;
        m_current = scope;
        for (const Node* s : module.body)
            Statement(s);
        Analyze(*scope, {}, nullptr);
        std::set<std::string> seen;
        CollectGlobals(*scope, seen);
    }

private:
    ScopeInfo* NewScope(ScopeInfo::Kind kind, std::string name, const Node* node)
    {
        auto scope = std::make_unique<ScopeInfo>();
        scope->kind = kind;
        scope->name = std::move(name);
        scope->node = node;
        scope->parent = m_current;
        if (m_current != nullptr)
            m_current->children.push_back(scope.get());
        ScopeInfo* raw = scope.get();
        m_table.m_scopes.push_back(std::move(scope));
        if (node != nullptr)
            m_table.m_by_node[node] = raw;
        return raw;
    }

    void Use(const std::string& name) { m_current->Add(name).used = true; }

    void Assign(const std::string& name, const Node* at)
    {
        Symbol& s = m_current->Add(name);
        s.assigned = true;
        (void)at;
    }

    void Statements(const std::vector<Node*>& body)
    {
        for (const Node* s : body)
            Statement(s);
    }

    void Statement(const Node* s)
    {
        switch (s->kind) {
        case NodeKind::FunctionDef: {
            Expressions(s->decorators);
            Defaults(*s->arguments);
            Annotations(*s->arguments);
            Expression(s->annotation);
            Assign(s->name, s);
            ScopeInfo* saved = m_current;
            m_current = NewScope(ScopeInfo::Kind::Function, s->name, s);
            Params(*s->arguments);
            Statements(s->body);
            m_current = saved;
            break;
        }
        case NodeKind::ClassDef: {
            Expressions(s->decorators);
            Expressions(s->elts);
            for (const Node* k : s->keywords)
                Expression(k->value);
            Assign(s->name, s);
            ScopeInfo* saved = m_current;
            m_current = NewScope(ScopeInfo::Kind::Class, s->name, s);
            Statements(s->body);
            m_current = saved;
            break;
        }
        case NodeKind::Return:
            if (!m_current->IsFunctionLike())
                throw Syntax(s->line, s->col, "'return' outside function");
            Expression(s->value);
            break;
        case NodeKind::Delete:
            for (const Node* t : s->targets)
                Target(t);
            break;
        case NodeKind::Assign:
            Expression(s->value);
            for (const Node* t : s->targets)
                Target(t);
            break;
        case NodeKind::AugAssign:
            Expression(s->value);
            if (s->target->kind == NodeKind::Name) {
                Use(s->target->name);
                Assign(s->target->name, s->target);
            } else {
                Target(s->target);
            }
            break;
        case NodeKind::AnnAssign:
            Expression(s->value);
            if (!m_current->IsFunctionLike())
                Expression(s->annotation); // evaluated at module and class level only
            if (s->target->kind == NodeKind::Name) {
                if (s->value != nullptr || m_current->kind != ScopeInfo::Kind::Module)
                    Assign(s->target->name, s->target);
                // A bare annotation `x: int` in a function makes x local, as in CPython.
                if (s->value == nullptr && m_current->IsFunctionLike())
                    Assign(s->target->name, s->target);
            } else {
                Target(s->target);
            }
            break;
        case NodeKind::For:
            Expression(s->iter);
            Target(s->target);
            Statements(s->body);
            Statements(s->orelse);
            break;
        case NodeKind::While:
        case NodeKind::If:
            Expression(s->test);
            Statements(s->body);
            Statements(s->orelse);
            break;
        case NodeKind::With:
            for (const Node* item : s->items) {
                Expression(item->value);
                if (item->target != nullptr)
                    Target(item->target);
            }
            Statements(s->body);
            break;
        case NodeKind::Raise:
            Expression(s->value);
            Expression(s->cause);
            break;
        case NodeKind::Try:
            Statements(s->body);
            for (const Node* h : s->handlers) {
                Expression(h->value);
                if (!h->name.empty())
                    Assign(h->name, h);
                Statements(h->body);
            }
            Statements(s->orelse);
            Statements(s->finalbody);
            break;
        case NodeKind::Assert:
            Expression(s->test);
            Expression(s->value);
            break;
        case NodeKind::Import:
            for (const Alias& a : s->aliases)
                Assign(a.asname.empty() ? a.name.substr(0, a.name.find('.')) : a.asname, s);
            break;
        case NodeKind::ImportFrom:
            for (const Alias& a : s->aliases) {
                if (a.name == "*") {
                    if (m_current->kind != ScopeInfo::Kind::Module)
                        throw Syntax(s->line, s->col, "import * only allowed at module level");
                    continue;
                }
                Assign(a.asname.empty() ? a.name : a.asname, s);
            }
            break;
        case NodeKind::Global:
        case NodeKind::Nonlocal: {
            const bool global = s->kind == NodeKind::Global;
            if (!global && m_current->kind == ScopeInfo::Kind::Module)
                throw Syntax(s->line, s->col, "nonlocal declaration not allowed at module level");
            for (const std::string& name : s->names) {
                Symbol& sym = m_current->Add(name);
                if (sym.param)
                    throw Syntax(s->line, s->col,
                                 "name '" + name + "' is parameter and " + (global ? "global" : "nonlocal"));
                if (sym.assigned || sym.used) {
                    throw Syntax(s->line, s->col,
                                 "name '" + name + "' is " + (sym.assigned ? "assigned to" : "used") +
                                     " before " + (global ? "global" : "nonlocal") + " declaration");
                }
                (global ? sym.global_decl : sym.nonlocal_decl) = true;
                sym.decl_line = s->line;
                sym.decl_col = s->col;
            }
            break;
        }
        case NodeKind::ExprStmt: Expression(s->value); break;
        case NodeKind::Pass:
        case NodeKind::Break:
        case NodeKind::Continue: break;
        default: break;
        }
    }

    void Defaults(const py::Arguments& a)
    {
        Expressions(a.defaults);
        for (const Node* d : a.kw_defaults)
            Expression(d);
    }

    void Annotations(const py::Arguments& a)
    {
        for (const auto* list : {&a.posonly, &a.args, &a.kwonly})
            for (const Arg& arg : *list)
                Expression(arg.annotation);
        if (a.vararg)
            Expression(a.vararg->annotation);
        if (a.kwarg)
            Expression(a.kwarg->annotation);
    }

    void Params(const py::Arguments& a)
    {
        auto param = [&](const Arg& arg) {
            Symbol& s = m_current->Add(arg.name);
            s.param = true;
            s.assigned = true;
            m_current->params.push_back(arg.name);
        };
        // CPython's order of co_varnames: positional, keyword-only, *args, **kwargs.
        for (const Arg& arg : a.posonly)
            param(arg);
        for (const Arg& arg : a.args)
            param(arg);
        for (const Arg& arg : a.kwonly)
            param(arg);
        if (a.vararg)
            param(*a.vararg);
        if (a.kwarg)
            param(*a.kwarg);
    }

    void Target(const Node* t)
    {
        switch (t->kind) {
        case NodeKind::Name: Assign(t->name, t); break;
        case NodeKind::Tuple:
        case NodeKind::List:
            for (const Node* e : t->elts)
                Target(e);
            break;
        case NodeKind::Starred: Target(t->value); break;
        default: Expression(t); break; // attribute, subscript: their parts are loads
        }
    }

    void Expressions(const std::vector<Node*>& list)
    {
        for (const Node* e : list)
            Expression(e);
    }

    void Expression(const Node* e)
    {
        if (e == nullptr)
            return;
        switch (e->kind) {
        case NodeKind::Name:
            Use(e->name);
            if (e->name == "super" || e->name == "__class__")
                m_current->uses_class_cell = true;
            break;
        case NodeKind::Lambda: {
            Defaults(*e->arguments);
            ScopeInfo* saved = m_current;
            m_current = NewScope(ScopeInfo::Kind::Lambda, "<lambda>", e);
            Params(*e->arguments);
            Expression(e->value);
            m_current = saved;
            break;
        }
        case NodeKind::ListComp:
        case NodeKind::SetComp:
        case NodeKind::DictComp:
        case NodeKind::GeneratorExp: Comprehension(e); break;
        case NodeKind::Yield:
        case NodeKind::YieldFrom:
            if (!m_current->IsFunctionLike())
                throw Syntax(e->line, e->col, "'yield' outside function");
            if (m_current->kind == ScopeInfo::Kind::Comprehension && m_current->node->kind != NodeKind::GeneratorExp)
                throw Syntax(e->line, e->col, "'yield' inside list comprehension");
            m_current->generator = true;
            Expression(e->value);
            break;
        case NodeKind::NamedExpr: {
            Expression(e->value);
            // The target binds in the nearest scope that is not a comprehension.
            ScopeInfo* saved = m_current;
            while (m_current->kind == ScopeInfo::Kind::Comprehension)
                m_current = m_current->parent;
            Assign(e->target->name, e->target);
            m_current = saved;
            if (saved->kind == ScopeInfo::Kind::Comprehension)
                saved->Add(e->target->name).used = true;
            break;
        }
        default:
            Expression(e->left);
            Expression(e->right);
            Expression(e->value);
            Expression(e->test);
            Expression(e->func);
            Expression(e->slice);
            Expression(e->lower);
            Expression(e->upper);
            Expression(e->step);
            Expression(e->orelse_value);
            Expression(e->format_spec);
            Expressions(e->elts);
            Expressions(e->values);
            for (const Node* k : e->keys)
                Expression(k);
            for (const Node* k : e->keywords)
                Expression(k->value);
            break;
        }
    }

    void Comprehension(const Node* e)
    {
        // The first iterable is evaluated outside, the rest inside.
        Expression(e->generators[0]->iter);
        ScopeInfo* saved = m_current;
        const char* name = e->kind == NodeKind::ListComp   ? "<listcomp>"
                           : e->kind == NodeKind::SetComp  ? "<setcomp>"
                           : e->kind == NodeKind::DictComp ? "<dictcomp>"
                                                           : "<genexpr>";
        m_current = NewScope(ScopeInfo::Kind::Comprehension, name, e);
        Symbol& dot0 = m_current->Add(".0");
        dot0.param = dot0.assigned = true;
        m_current->params.push_back(".0");
        if (e->kind == NodeKind::GeneratorExp)
            m_current->generator = true;
        for (size_t i = 0; i < e->generators.size(); ++i) {
            const Node* g = e->generators[i];
            if (i > 0)
                Expression(g->iter);
            Target(g->target);
            Expressions(g->ifs);
        }
        Expression(e->elt);
        Expression(e->key);
        Expression(e->value);
        m_current = saved;
    }

    // Pass 2: decides each name's scope, as CPython's analyze_block.
    // `bound`: names bound by enclosing function scopes.
    // Returns the free names this scope needs from its enclosing ones.
    std::set<std::string> Analyze(ScopeInfo& scope, const std::set<std::string>& bound, ScopeInfo* class_parent)
    {
        std::set<std::string> local;
        for (auto& [name, sym] : scope.symbols) {
            if (sym.global_decl) {
                sym.scope = NameScope::GlobalExplicit;
            } else if (sym.nonlocal_decl) {
                if (!bound.count(name))
                    throw Syntax(sym.decl_line, sym.decl_col, "no binding for nonlocal '" + name + "' found");
                sym.scope = NameScope::Free;
            } else if (scope.kind == ScopeInfo::Kind::Module) {
                sym.scope = NameScope::GlobalImplicit;
            } else if (sym.assigned || sym.param) {
                sym.scope = NameScope::Local;
                if (scope.IsFunctionLike())
                    local.insert(name);
            } else if (bound.count(name)) {
                sym.scope = NameScope::Free;
            } else {
                sym.scope = NameScope::GlobalImplicit;
            }
        }
        // A method that uses super() gets the class's __class__ cell.
        if (scope.IsFunctionLike() && scope.uses_class_cell && class_parent != nullptr) {
            class_parent->needs_class_cell = true;
            Symbol& s = scope.Add("__class__");
            s.scope = NameScope::Free;
        }

        std::set<std::string> child_bound = bound;
        if (scope.IsFunctionLike()) {
            for (const std::string& name : local)
                child_bound.insert(name);
            for (auto& [name, sym] : scope.symbols)
                if (sym.scope == NameScope::GlobalExplicit)
                    child_bound.erase(name);
        }
        if (scope.kind == ScopeInfo::Kind::Class)
            child_bound.insert("__class__");

        std::set<std::string> free_needed;
        for (ScopeInfo* child : scope.children) {
            ScopeInfo* child_class = scope.kind == ScopeInfo::Kind::Class ? &scope : nullptr;
            // A comprehension inside a method sees the method's class too.
            if (scope.kind == ScopeInfo::Kind::Comprehension || scope.kind == ScopeInfo::Kind::Lambda)
                child_class = class_parent;
            for (const std::string& name : Analyze(*child, child_bound, child_class)) {
                auto it = scope.symbols.find(name);
                if (scope.kind == ScopeInfo::Kind::Class) {
                    if (name == "__class__") {
                        scope.needs_class_cell = true;
                        continue;
                    }
                    // Passes through the class body to its methods.
                    if (it != scope.symbols.end() && it->second.scope == NameScope::Local)
                        scope.class_free_extra.push_back(name);
                    else
                        scope.Add(name).scope = NameScope::Free;
                    free_needed.insert(name);
                } else if (it != scope.symbols.end() &&
                           (it->second.scope == NameScope::Local || it->second.scope == NameScope::Cell)) {
                    it->second.scope = NameScope::Cell;
                } else {
                    scope.Add(name).scope = NameScope::Free; // passes through this function
                    free_needed.insert(name);
                }
            }
        }
        for (auto& [name, sym] : scope.symbols)
            if (sym.scope == NameScope::Free)
                free_needed.insert(name);
        if (scope.kind == ScopeInfo::Kind::Module)
            return {};
        return free_needed;
    }

    void CollectGlobals(const ScopeInfo& scope, std::set<std::string>& seen)
    {
        for (const std::string& name : scope.order) {
            const Symbol& sym = scope.symbols.at(name);
            const bool global = sym.scope == NameScope::GlobalExplicit || sym.scope == NameScope::GlobalImplicit ||
                                (scope.kind == ScopeInfo::Kind::Module);
            if (global && seen.insert(name).second)
                m_table.m_global_names.push_back(name);
        }
        for (const ScopeInfo* child : scope.children)
            CollectGlobals(*child, seen);
    }

    SymbolTable& m_table;
    ScopeInfo* m_current = nullptr;
};

SymbolTable::SymbolTable(const ModuleAst& module) { SymbolBuilder(*this).Build(module); }

} // namespace threadlab::py
