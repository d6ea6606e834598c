// dict and its views; set and frozenset.
#include "builtins_impl.hpp"
#include "containers.hpp"
#include "vm.hpp"

#include <fmt/format.h>

namespace threadlab::py {

namespace {

Dict* D(ThreadState& ts, const Args& args, const char* m) { return Self<Dict>(ts, args, Types().dict, m); }

[[noreturn]] void RaiseKeyError(ThreadState& ts, Value key)
{
    throw PyError{NewExceptionArgs(Types().KeyError, NewTuple({key}))};
    (void)ts;
}

// dict.update / dict(...): a mapping, or an iterable of pairs, then keywords.
void UpdateFrom(ThreadState& ts, Dict* d, const Args& args, int first, const char* name)
{
    if (args.npos > first + 1)
        TypeError(&ts, fmt::format("{} expected at most 1 argument, got {}", name, args.npos - first));
    if (args.npos == first + 1) {
        const Value src = args.pos[first];
        if (IsInstance(src, Types().dict)) {
            for (const DictEntry& e : DictItems(As<Dict>(src)))
                DictSet(&ts, d, e.key, e.value);
        } else if (!LookupInType(TypeOf(src), "keys").IsNull() && !TypeOf(src)->builtin) {
            for (Value k : Collect(ts, CallMethod(ts, src, "keys", {})))
                DictSet(&ts, d, k, GetItem(ts, src, k));
        } else {
            size_t index = 0;
            for (Value pair : Collect(ts, src)) {
                if (GetIterOrNull(ts, pair).IsNull())
                    TypeError(&ts, fmt::format("cannot convert dictionary update sequence element #{} to a sequence", index));
                const std::vector<Value> kv = Collect(ts, pair);
                if (kv.size() != 2)
                    ValueError(&ts, fmt::format("dictionary update sequence element #{} has length {}; 2 is required",
                                                index, kv.size()));
                DictSet(&ts, d, kv[0], kv[1]);
                ++index;
            }
        }
    }
    for (int k = 0; k < args.NumKw(); ++k)
        DictSet(&ts, d, args.kwnames->items[size_t(k)], args.kwvalues[k]);
}

Value DictConstruct(ThreadState& ts, const Args& args)
{
    Dict* d = NewDict();
    UpdateFrom(ts, d, args, 0, "dict");
    return Value::Obj(d);
}

Value DictGetItem(ThreadState& ts, Value self, Value key)
{
    const Value v = DictGet(&ts, As<Dict>(self), key);
    if (v.IsNull()) {
        const Type* type = TypeOf(self);
        if (!type->builtin) {
            const Value missing = LookupInType(type, "__missing__");
            if (!missing.IsNull())
                return Call(ts, missing, {self, key});
        }
        RaiseKeyError(ts, key);
    }
    return v;
}

void DictSetItem(ThreadState& ts, Value self, Value key, Value value) { DictSet(&ts, As<Dict>(self), key, value); }

void DictDelItem(ThreadState& ts, Value self, Value key)
{
    if (!DictDel(&ts, As<Dict>(self), key))
        RaiseKeyError(ts, key);
}

Value DictIter(ThreadState&, Value self)
{
    return Value::Obj(New<DictIterator>(Types().dict_keyiterator, As<Dict>(self), DictIterator::Keys));
}

Value Get(ThreadState& ts, const Args& args)
{
    Dict* d = D(ts, args, "get");
    ExpectPositional(ts, args, "get", 2, 3);
    const Value v = DictGet(&ts, d, args.pos[1]);
    return v.IsNull() ? (args.npos == 3 ? args.pos[2] : Value::None()) : v;
}

Value SetDefault(ThreadState& ts, const Args& args)
{
    Dict* d = D(ts, args, "setdefault");
    ExpectPositional(ts, args, "setdefault", 2, 3);
    const Value v = DictGet(&ts, d, args.pos[1]);
    if (!v.IsNull())
        return v;
    const Value fallback = args.npos == 3 ? args.pos[2] : Value::None();
    DictSet(&ts, d, args.pos[1], fallback);
    return fallback;
}

Value DictPop(ThreadState& ts, const Args& args)
{
    Dict* d = D(ts, args, "pop");
    ExpectPositional(ts, args, "pop", 2, 3);
    const Value v = DictGet(&ts, d, args.pos[1]);
    if (v.IsNull()) {
        if (args.npos == 3)
            return args.pos[2];
        RaiseKeyError(ts, args.pos[1]);
    }
    DictDel(&ts, d, args.pos[1]);
    return v;
}

Value PopItem(ThreadState& ts, const Args& args)
{
    Dict* d = D(ts, args, "popitem");
    const std::vector<DictEntry> items = DictItems(d);
    if (items.empty())
        Raise(&ts, Types().KeyError, "popitem(): dictionary is empty");
    const DictEntry& last = items.back();
    DictDel(&ts, d, last.key);
    return Value::Obj(NewTuple({last.key, last.value}));
}

Value View(ThreadState& ts, const Args& args, DictIterator::Kind kind, const char* name)
{
    Dict* d = D(ts, args, name);
    ExpectPositional(ts, args, name, 1, 1);
    const TypeTable& t = Types();
    Type* type = kind == DictIterator::Keys ? t.dict_keys : kind == DictIterator::Values ? t.dict_values : t.dict_items;
    return Value::Obj(New<DictView>(type, d, kind));
}
Value Keys(ThreadState& ts, const Args& args) { return View(ts, args, DictIterator::Keys, "keys"); }
Value Values(ThreadState& ts, const Args& args) { return View(ts, args, DictIterator::Values, "values"); }
Value Items(ThreadState& ts, const Args& args) { return View(ts, args, DictIterator::Items, "items"); }

Value Update(ThreadState& ts, const Args& args)
{
    UpdateFrom(ts, D(ts, args, "update"), args, 1, "update");
    return Value::None();
}

Value DictClearM(ThreadState& ts, const Args& args)
{
    DictClear(D(ts, args, "clear"));
    return Value::None();
}

Value DictCopy(ThreadState& ts, const Args& args)
{
    Dict* out = NewDict();
    for (const DictEntry& e : DictItems(D(ts, args, "copy")))
        DictSet(&ts, out, e.key, e.value);
    return Value::Obj(out);
}

Value FromKeys(ThreadState& ts, const Args& args)
{
    // dict.fromkeys(iterable, value=None): reached through the type.
    const int first = args.npos > 0 && IsInstance(args.pos[0], Types().type) ? 1 : 0;
    if (args.npos - first < 1 || args.npos - first > 2)
        TypeError(&ts, "fromkeys expected 1 or 2 arguments");
    const Value value = args.npos - first == 2 ? args.pos[first + 1] : Value::None();
    Dict* out = NewDict();
    for (Value k : Collect(ts, args.pos[first]))
        DictSet(&ts, out, k, value);
    return Value::Obj(out);
}

Value DictLen(ThreadState& ts, const Args& args) { return MakeInt(DictSize(D(ts, args, "__len__"))); }

Value DictReversed(ThreadState& ts, const Args& args)
{
    return Value::Obj(New<DictIterator>(Types().dict_keyiterator, D(ts, args, "__reversed__"), DictIterator::Keys, true));
}

// ---------------------------------------------------------------- views

Value ViewIter(ThreadState&, Value self)
{
    const DictView* v = As<DictView>(self);
    const TypeTable& t = Types();
    Type* type = v->kind == DictIterator::Keys     ? t.dict_keyiterator
                 : v->kind == DictIterator::Values ? t.dict_valueiterator
                                                   : t.dict_itemiterator;
    return Value::Obj(New<DictIterator>(type, v->dict, v->kind));
}

Value ViewLen(ThreadState& ts, const Args& args) { return MakeInt(Len(ts, args.pos[0])); }

Value ViewReversed(ThreadState& ts, const Args& args)
{
    const DictView* v = As<DictView>(args.pos[0]);
    const TypeTable& t = Types();
    Type* type = v->kind == DictIterator::Keys     ? t.dict_keyiterator
                 : v->kind == DictIterator::Values ? t.dict_valueiterator
                                                   : t.dict_itemiterator;
    (void)ts;
    return Value::Obj(New<DictIterator>(type, v->dict, v->kind, true));
}

Value ItemsContains(ThreadState& ts, const Args& args)
{
    const DictView* v = As<DictView>(args.pos[0]);
    const Value item = args.pos[1];
    if (!IsType(item, Types().tuple) || As<Tuple>(item)->Size() != 2)
        return Value::False();
    const Value got = DictGet(&ts, v->dict, As<Tuple>(item)->items[0]);
    return Value::Bool(!got.IsNull() && (got == As<Tuple>(item)->items[1] || Eq(&ts, got, As<Tuple>(item)->items[1])));
}

Value ValuesContains(ThreadState& ts, const Args& args)
{
    for (const DictEntry& e : DictItems(As<DictView>(args.pos[0])->dict))
        if (e.value == args.pos[1] || Eq(&ts, e.value, args.pos[1]))
            return Value::True();
    return Value::False();
}

// ---------------------------------------------------------------- set

Set* St(ThreadState& ts, const Args& args, const char* m)
{
    if (args.npos < 1 || !(IsType(args.pos[0], Types().set) || IsType(args.pos[0], Types().frozenset)))
        TypeError(&ts, fmt::format("descriptor '{}' requires a 'set' object", m));
    return As<Set>(args.pos[0]);
}

void AddAll(ThreadState& ts, Set* s, Value iterable)
{
    if (IsType(iterable, Types().set) || IsType(iterable, Types().frozenset)) {
        SetMerge(&ts, s, As<Set>(iterable));
        return;
    }
    for (Value v : Collect(ts, iterable))
        SetAdd(&ts, s, v);
}

Value SetConstruct(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "set", 0, 1);
    Set* s = NewSet();
    if (args.npos == 1)
        AddAll(ts, s, args.pos[0]);
    return Value::Obj(s);
}

Value FrozenSetConstruct(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "frozenset", 0, 1);
    if (args.npos == 1 && IsType(args.pos[0], Types().frozenset))
        return args.pos[0];
    Set* s = NewSet(true);
    if (args.npos == 1)
        AddAll(ts, s, args.pos[0]);
    return Value::Obj(s);
}

Value SetIter(ThreadState&, Value self) { return Value::Obj(New<SetIterator>(Types().set_iterator, As<Set>(self))); }

Value Add(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "add", 2, 2);
    SetAdd(&ts, St(ts, args, "add"), args.pos[1]);
    return Value::None();
}

Value Discard(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "discard", 2, 2);
    SetDiscard(&ts, St(ts, args, "discard"), args.pos[1]);
    return Value::None();
}

Value SetRemove(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "remove", 2, 2);
    if (!SetDiscard(&ts, St(ts, args, "remove"), args.pos[1]))
        RaiseKeyError(ts, args.pos[1]);
    return Value::None();
}

Value SetPopM(ThreadState& ts, const Args& args)
{
    const std::optional<Value> v = SetPop(St(ts, args, "pop"));
    if (!v)
        Raise(&ts, Types().KeyError, "pop from an empty set");
    return *v;
}

Value SetClearM(ThreadState& ts, const Args& args)
{
    SetClear(St(ts, args, "clear"));
    return Value::None();
}

Value SetCopy(ThreadState& ts, const Args& args)
{
    Set* s = St(ts, args, "copy");
    Set* out = NewSet(IsType(args.pos[0], Types().frozenset));
    SetMerge(&ts, out, s);
    return Value::Obj(out);
}

Value SetUpdateM(ThreadState& ts, const Args& args)
{
    Set* s = St(ts, args, "update");
    for (int i = 1; i < args.npos; ++i)
        AddAll(ts, s, args.pos[i]);
    return Value::None();
}

Set* ToSet(ThreadState& ts, Value v)
{
    if (IsType(v, Types().set) || IsType(v, Types().frozenset))
        return As<Set>(v);
    Set* s = NewSet();
    AddAll(ts, s, v);
    return s;
}

Value Combine(ThreadState& ts, const Args& args, BinaryOp op, const char* name)
{
    Set* result = St(ts, args, name);
    const bool frozen = IsType(args.pos[0], Types().frozenset);
    Value acc = args.pos[0];
    for (int i = 1; i < args.npos; ++i)
        acc = SetOperator(ts, op, As<Set>(acc), ToSet(ts, args.pos[i]), frozen);
    if (args.npos == 1) {
        Set* copy = NewSet(frozen);
        SetMerge(&ts, copy, result);
        return Value::Obj(copy);
    }
    return acc;
}
Value Union(ThreadState& ts, const Args& args) { return Combine(ts, args, BinaryOp::Or, "union"); }
Value Intersection(ThreadState& ts, const Args& args) { return Combine(ts, args, BinaryOp::And, "intersection"); }
Value Difference(ThreadState& ts, const Args& args) { return Combine(ts, args, BinaryOp::Subtract, "difference"); }
Value SymmetricDifference(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "symmetric_difference", 2, 2);
    return Combine(ts, args, BinaryOp::Xor, "symmetric_difference");
}

Value InPlace(ThreadState& ts, const Args& args, BinaryOp op, const char* name)
{
    Set* s = St(ts, args, name);
    Value acc = args.pos[0];
    for (int i = 1; i < args.npos; ++i)
        acc = SetOperator(ts, op, As<Set>(acc), ToSet(ts, args.pos[i]), false);
    const std::vector<Value> items = SetItems(As<Set>(acc));
    SetClear(s);
    for (Value v : items)
        SetAdd(&ts, s, v);
    return Value::None();
}
Value IntersectionUpdate(ThreadState& ts, const Args& args) { return InPlace(ts, args, BinaryOp::And, "intersection_update"); }
Value DifferenceUpdate(ThreadState& ts, const Args& args)
{
    Set* s = St(ts, args, "difference_update");
    for (int i = 1; i < args.npos; ++i)
        for (Value v : Collect(ts, args.pos[i]))
            SetDiscard(&ts, s, v);
    return Value::None();
}

Value SymmetricDifferenceUpdate(ThreadState& ts, const Args& args)
{
    Set* s = St(ts, args, "symmetric_difference_update");
    ExpectPositional(ts, args, "symmetric_difference_update", 2, 2);
    for (Value v : Collect(ts, args.pos[1]))
        if (!SetDiscard(&ts, s, v))
            SetAdd(&ts, s, v);
    return Value::None();
}

Value IsSubset(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "issubset", 2, 2);
    Set* other = ToSet(ts, args.pos[1]);
    for (Value v : SetItems(St(ts, args, "issubset")))
        if (!SetHas(&ts, other, v))
            return Value::False();
    return Value::True();
}

Value IsSuperset(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "issuperset", 2, 2);
    Set* s = St(ts, args, "issuperset");
    for (Value v : Collect(ts, args.pos[1]))
        if (!SetHas(&ts, s, v))
            return Value::False();
    return Value::True();
}

Value IsDisjoint(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "isdisjoint", 2, 2);
    Set* s = St(ts, args, "isdisjoint");
    for (Value v : Collect(ts, args.pos[1]))
        if (SetHas(&ts, s, v))
            return Value::False();
    return Value::True();
}

Value SetLen(ThreadState& ts, const Args& args) { return MakeInt(SetSize(St(ts, args, "__len__"))); }

} // namespace

Value SetOperator(ThreadState& ts, BinaryOp op, Set* a, Set* b, bool frozen)
{
    Set* out = NewSet(frozen);
    switch (op) {
    case BinaryOp::Or:
        SetMerge(&ts, out, a);
        SetMerge(&ts, out, b);
        break;
    case BinaryOp::And: {
        // Iterates the smaller set, as CPython.
        const Set* small = SetSize(b) > SetSize(a) ? a : b;
        const Set* big = small == a ? b : a;
        for (Value v : SetItems(small))
            if (SetHas(&ts, big, v))
                SetAdd(&ts, out, v);
        break;
    }
    case BinaryOp::Subtract:
        for (Value v : SetItems(a))
            if (!SetHas(&ts, b, v))
                SetAdd(&ts, out, v);
        break;
    case BinaryOp::Xor:
        SetMerge(&ts, out, b);
        for (Value v : SetItems(a))
            if (!SetDiscard(&ts, out, v))
                SetAdd(&ts, out, v);
        break;
    default: return Value::NotImplemented();
    }
    return Value::Obj(out);
}

void InitDictType(TypeTable& t)
{
    Type* d = t.dict;
    d->construct = DictConstruct;
    d->getitem = DictGetItem;
    d->setitem = DictSetItem;
    d->delitem = DictDelItem;
    d->iter = DictIter;
    AddMethod(d, "get", Get);
    AddMethod(d, "setdefault", SetDefault);
    AddMethod(d, "pop", DictPop);
    AddMethod(d, "popitem", PopItem);
    AddMethod(d, "keys", Keys);
    AddMethod(d, "values", Values);
    AddMethod(d, "items", Items);
    AddMethod(d, "update", Update);
    AddMethod(d, "clear", DictClearM);
    AddMethod(d, "copy", DictCopy);
    AddAttr(d, "fromkeys", Value::Obj(New<StaticMethod>(t.staticmethod, Value::Obj(NewBuiltin("fromkeys", FromKeys)))));
    AddMethod(d, "__len__", DictLen);
    AddMethod(d, "__reversed__", DictReversed);
    for (Type* view : {t.dict_keys, t.dict_values, t.dict_items}) {
        view->iter = ViewIter;
        AddMethod(view, "__len__", ViewLen);
        AddMethod(view, "__reversed__", ViewReversed);
    }
    AddMethod(t.dict_items, "__contains__", ItemsContains);
    AddMethod(t.dict_values, "__contains__", ValuesContains);
}

void InitSetTypes(TypeTable& t)
{
    for (Type* s : {t.set, t.frozenset}) {
        s->iter = SetIter;
        AddMethod(s, "copy", SetCopy);
        AddMethod(s, "union", Union);
        AddMethod(s, "intersection", Intersection);
        AddMethod(s, "difference", Difference);
        AddMethod(s, "symmetric_difference", SymmetricDifference);
        AddMethod(s, "issubset", IsSubset);
        AddMethod(s, "issuperset", IsSuperset);
        AddMethod(s, "isdisjoint", IsDisjoint);
        AddMethod(s, "__len__", SetLen);
    }
    t.set->construct = SetConstruct;
    t.frozenset->construct = FrozenSetConstruct;
    AddMethod(t.set, "add", Add);
    AddMethod(t.set, "discard", Discard);
    AddMethod(t.set, "remove", SetRemove);
    AddMethod(t.set, "pop", SetPopM);
    AddMethod(t.set, "clear", SetClearM);
    AddMethod(t.set, "update", SetUpdateM);
    AddMethod(t.set, "intersection_update", IntersectionUpdate);
    AddMethod(t.set, "difference_update", DifferenceUpdate);
    AddMethod(t.set, "symmetric_difference_update", SymmetricDifferenceUpdate);
}

} // namespace threadlab::py
