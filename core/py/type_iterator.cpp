// Iterators (sequences, range, dict, set, enumerate, zip, map, filter,
// reversed, iter(f, sentinel)) and generators.
#include "builtins_impl.hpp"
#include "containers.hpp"
#include "vm.hpp"

#include <fmt/format.h>

namespace threadlab::py {

namespace {

bool SeqNext(ThreadState& ts, Value self, Value& out)
{
    SeqIterator* it = As<SeqIterator>(self);
    const TypeTable& t = Types();
    const int64_t i = it->index.fetch_add(1, std::memory_order_relaxed);
    const Value seq = it->seq;
    if (IsType(seq, t.list)) {
        out = ListGet(As<List>(seq), size_t(i));
        return !out.IsNull();
    }
    if (IsType(seq, t.tuple)) {
        const Tuple* tu = As<Tuple>(seq);
        if (size_t(i) >= tu->Size())
            return false;
        out = tu->items[size_t(i)];
        return true;
    }
    // A str: the i-th code point.
    const Str* s = As<Str>(seq);
    if (i >= s->length)
        return false;
    out = GetItem(ts, seq, MakeInt(i));
    return true;
}

bool RangeNext(ThreadState&, Value self, Value& out)
{
    RangeIterator* r = As<RangeIterator>(self);
    ObjectGuard guard(r->lock);
    if (r->left <= 0)
        return false;
    out = MakeInt(r->next);
    r->next += r->step;
    --r->left;
    return true;
}

bool DictNextItem(ThreadState& ts, Value self, Value& out)
{
    DictIterator* it = As<DictIterator>(self);
    ObjectGuard guard(it->lock);
    const Dict* d = it->dict;
    if (it->version != d->version && DictSize(d) != it->size_at_start)
        Raise(&ts, Types().RuntimeError, "dictionary changed size during iteration");
    DictEntry e;
    if (it->reversed) {
        const std::vector<DictEntry> items = DictItems(d);
        // Position counts from the end among live entries.
        const int64_t from_end = int64_t(d->entries.size()) - 1 - it->position;
        if (from_end >= int64_t(items.size()))
            return false;
        e = items[items.size() - 1 - size_t(from_end)];
        --it->position;
    } else if (!DictNext(d, it->position, e)) {
        return false;
    }
    switch (it->kind) {
    case DictIterator::Keys: out = e.key; break;
    case DictIterator::Values: out = e.value; break;
    case DictIterator::Items: out = Value::Obj(NewTuple({e.key, e.value})); break;
    }
    return true;
}

bool SetNextItem(ThreadState& ts, Value self, Value& out)
{
    SetIterator* it = As<SetIterator>(self);
    ObjectGuard guard(it->lock);
    if (SetSize(it->set) != it->start_size)
        Raise(&ts, Types().RuntimeError, "Set changed size during iteration");
    return SetNext(it->set, it->position, out);
}

bool CombinedNext(ThreadState& ts, Value self, Value& out)
{
    CombinedIterator* it = As<CombinedIterator>(self);
    if (it->done)
        return false;
    switch (it->kind) {
    case CombinedIterator::Enumerate: {
        Value v;
        if (!Next(ts, it->iters[0], v))
            return false;
        out = Value::Obj(NewTuple({MakeInt(it->count++), v}));
        return true;
    }
    case CombinedIterator::Zip: {
        if (it->iters.empty())
            return false;
        Tuple* t = NewTuple(it->iters.size());
        for (size_t i = 0; i < it->iters.size(); ++i) {
            Value v;
            if (!Next(ts, it->iters[i], v)) {
                it->done = true;
                if (it->strict) {
                    if (i > 0)
                        ValueError(&ts, fmt::format("zip() argument {} is shorter than argument{} 1{}", i + 1,
                                                    i > 1 ? "s" : "", i > 1 ? fmt::format("-{}", i) : ""));
                    for (size_t j = 1; j < it->iters.size(); ++j) {
                        Value extra;
                        if (Next(ts, it->iters[j], extra))
                            ValueError(&ts, fmt::format("zip() argument {} is longer than argument{} 1{}", j + 1,
                                                        j > 1 ? "s" : "", j > 1 ? fmt::format("-{}", j) : ""));
                    }
                }
                return false;
            }
            t->items[i] = v;
        }
        out = Value::Obj(t);
        return true;
    }
    case CombinedIterator::Map: {
        std::vector<Value> args;
        for (Value i : it->iters) {
            Value v;
            if (!Next(ts, i, v))
                return false;
            args.push_back(v);
        }
        const Args a{args.data(), int(args.size()), nullptr, nullptr};
        out = Call(ts, it->func, a);
        return true;
    }
    case CombinedIterator::Filter: {
        Value v;
        while (Next(ts, it->iters[0], v)) {
            const bool keep = it->func.IsNone() ? Truthy(ts, v) : Truthy(ts, Call(ts, it->func, {v}));
            if (keep) {
                out = v;
                return true;
            }
        }
        return false;
    }
    case CombinedIterator::Reversed: {
        if (it->count <= 0)
            return false;
        --it->count;
        const Value seq = it->extra;
        if (IsType(seq, Types().list)) {
            out = ListGet(As<List>(seq), size_t(it->count));
            if (out.IsNull()) {
                it->count = 0;
                return false;
            }
            return true;
        }
        out = GetItem(ts, seq, MakeInt(it->count));
        return true;
    }
    case CombinedIterator::CallableSentinel: {
        const Value v = Call(ts, it->func, {});
        if (v == it->extra || Eq(&ts, v, it->extra)) {
            it->done = true;
            return false;
        }
        out = v;
        return true;
    }
    case CombinedIterator::GetItemSequence: {
        try {
            out = GetItem(ts, it->extra, MakeInt(it->count++));
            return true;
        } catch (const PyError& e) {
            if (IsInstance(e.exc, Types().IndexError) || IsInstance(e.exc, Types().StopIteration)) {
                it->done = true;
                return false;
            }
            throw;
        }
    }
    }
    return false;
}

Value IterSelf(ThreadState&, const Args& args) { return args.pos[0]; }

Value IterNextMethod(ThreadState& ts, const Args& args)
{
    Value v;
    if (IsType(args.pos[0], Types().generator)) {
        // A generator's return value travels in the StopIteration.
        if (GenResume(ts, As<Generator>(args.pos[0]), Value::None(), Value::Null(), v))
            return v;
        throw PyError{NewExceptionArgs(Types().StopIteration, v.IsNone() ? NewTuple(0) : NewTuple({v}))};
    }
    if (!Next(ts, args.pos[0], v))
        throw PyError{NewExceptionArgs(Types().StopIteration, NewTuple(0))};
    return v;
}

// ---------------------------------------------------------------- constructors

Value EnumerateConstruct(ThreadState& ts, const Args& args)
{
    Params p(ts, args, "enumerate", {"iterable", "start"}, 1);
    CombinedIterator* it = New<CombinedIterator>(Types().enumerate, CombinedIterator::Enumerate);
    it->iters.push_back(GetIter(ts, p[0]));
    it->count = p.Has(1) ? IntArg(ts, p[1], "start") : 0;
    return Value::Obj(it);
}

Value ZipConstruct(ThreadState& ts, const Args& args)
{
    CombinedIterator* it = New<CombinedIterator>(Types().zip, CombinedIterator::Zip);
    for (int k = 0; k < args.NumKw(); ++k) {
        if (StrView(args.kwnames->items[size_t(k)]) != "strict")
            TypeError(&ts, fmt::format("zip() got an unexpected keyword argument '{}'", StrView(args.kwnames->items[size_t(k)])));
        it->strict = Truthy(ts, args.kwvalues[k]);
    }
    for (int i = 0; i < args.npos; ++i) {
        const Value iter = GetIterOrNull(ts, args.pos[i]);
        if (iter.IsNull())
            TypeError(&ts, fmt::format("'{}' object is not iterable", TypeName(args.pos[i])));
        it->iters.push_back(iter);
    }
    return Value::Obj(it);
}

Value MapConstruct(ThreadState& ts, const Args& args)
{
    if (args.NumKw() > 0)
        NoKeywords(ts, "map");
    if (args.npos < 2)
        TypeError(&ts, "map() must have at least two arguments.");
    CombinedIterator* it = New<CombinedIterator>(Types().map, CombinedIterator::Map);
    it->func = args.pos[0];
    for (int i = 1; i < args.npos; ++i)
        it->iters.push_back(GetIter(ts, args.pos[i]));
    return Value::Obj(it);
}

Value FilterConstruct(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "filter", 2, 2);
    CombinedIterator* it = New<CombinedIterator>(Types().filter, CombinedIterator::Filter);
    it->func = args.pos[0];
    it->iters.push_back(GetIter(ts, args.pos[1]));
    return Value::Obj(it);
}

Value ReversedConstruct(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "reversed", 1, 1);
    const Value seq = args.pos[0];
    const Value hook = LookupInType(TypeOf(seq), "__reversed__");
    if (!hook.IsNull())
        return Call(ts, hook, {seq});
    if (LookupInType(TypeOf(seq), "__getitem__").IsNull() && TypeOf(seq)->getitem == nullptr)
        TypeError(&ts, fmt::format("'{}' object is not reversible", TypeName(seq)));
    if (IsType(seq, Types().dict))
        TypeError(&ts, "'dict' object is not reversible");
    CombinedIterator* it = New<CombinedIterator>(Types().reversed, CombinedIterator::Reversed);
    it->extra = seq;
    it->count = Len(ts, seq);
    return Value::Obj(it);
}

// ---------------------------------------------------------------- generators

Generator* G(ThreadState& ts, const Args& args, const char* m) { return Self<Generator>(ts, args, Types().generator, m); }

bool GenNext(ThreadState& ts, Value self, Value& out)
{
    return GenResume(ts, As<Generator>(self), Value::None(), Value::Null(), out);
}

Value GenSend(ThreadState& ts, const Args& args)
{
    Generator* g = G(ts, args, "send");
    ExpectPositional(ts, args, "send", 2, 2);
    Value out;
    if (!GenResume(ts, g, args.pos[1], Value::Null(), out))
        throw PyError{NewExceptionArgs(Types().StopIteration, out.IsNone() ? NewTuple(0) : NewTuple({out}))};
    return out;
}

Value GenThrow(ThreadState& ts, const Args& args)
{
    Generator* g = G(ts, args, "throw");
    ExpectPositional(ts, args, "throw", 2, 4);
    Value exc = args.pos[1];
    if (IsInstance(exc, Types().type))
        exc = args.npos >= 3 && !args.pos[2].IsNone() ? Call(ts, exc, {args.pos[2]}) : Call(ts, exc, {});
    if (AsException(exc) == nullptr)
        TypeError(&ts, "exceptions must be classes or instances deriving from BaseException, not " + TypeName(exc));
    if (!g->started) {
        // Never started: it ends at once, raising there.
        g->started = true;
        Generator* gen = g;
        delete gen->frame;
        gen->frame = nullptr;
        throw PyError{exc};
    }
    Value out;
    if (!GenResume(ts, g, Value::None(), exc, out))
        throw PyError{NewExceptionArgs(Types().StopIteration, out.IsNone() ? NewTuple(0) : NewTuple({out}))};
    return out;
}

Value GenClose(ThreadState& ts, const Args& args)
{
    Generator* g = G(ts, args, "close");
    if (g->frame == nullptr)
        return Value::None();
    if (!g->started) {
        delete g->frame;
        g->frame = nullptr;
        return Value::None();
    }
    const Value exit = NewExceptionArgs(Types().GeneratorExit, NewTuple(0));
    try {
        Value out;
        if (GenResume(ts, g, Value::None(), exit, out))
            Raise(&ts, Types().RuntimeError, "generator ignored GeneratorExit");
    } catch (const PyError& e) {
        if (IsInstance(e.exc, Types().GeneratorExit) || IsInstance(e.exc, Types().StopIteration))
            return Value::None();
        throw;
    }
    return Value::None();
}

Value GenSpecial(ThreadState&, Value self, std::string_view name)
{
    const Generator* g = As<Generator>(self);
    if (name == "__name__")
        return Value::Obj(g->name);
    if (name == "__qualname__")
        return Value::Obj(g->qualname);
    if (name == "gi_running")
        return Value::Bool(g->running.load());
    if (name == "gi_frame")
        return Value::None();
    return Value::Null();
}

Value SelfIter(ThreadState&, Value self) { return self; }

} // namespace

void InitIteratorTypes(TypeTable& t)
{
    for (Type* type : {t.list_iterator, t.tuple_iterator, t.str_iterator}) {
        type->iternext = SeqNext;
        type->iter = SelfIter;
    }
    t.range_iterator->iternext = RangeNext;
    for (Type* type : {t.dict_keyiterator, t.dict_valueiterator, t.dict_itemiterator})
        type->iternext = DictNextItem;
    t.set_iterator->iternext = SetNextItem;
    for (Type* type : {t.enumerate, t.zip, t.map, t.filter, t.reversed, t.callable_iterator, t.seq_iterator})
        type->iternext = CombinedNext;
    t.generator->iternext = GenNext;
    for (Type* type : {t.list_iterator, t.tuple_iterator, t.str_iterator, t.range_iterator, t.dict_keyiterator,
                       t.dict_valueiterator, t.dict_itemiterator, t.set_iterator, t.enumerate, t.zip, t.map,
                       t.filter, t.reversed, t.callable_iterator, t.seq_iterator, t.generator}) {
        type->iter = SelfIter;
        AddMethod(type, "__iter__", IterSelf);
        AddMethod(type, "__next__", IterNextMethod);
    }
    t.enumerate->construct = EnumerateConstruct;
    t.zip->construct = ZipConstruct;
    t.map->construct = MapConstruct;
    t.filter->construct = FilterConstruct;
    t.reversed->construct = ReversedConstruct;
    AddMethod(t.generator, "send", GenSend);
    AddMethod(t.generator, "throw", GenThrow);
    AddMethod(t.generator, "close", GenClose);
    t.generator->special_attr = GenSpecial;
}

} // namespace threadlab::py
