// list, tuple, range and slice.
#include "builtins_impl.hpp"
#include "containers.hpp"
#include "vm.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace threadlab::py {

namespace {

List* L(ThreadState& ts, const Args& args, const char* m) { return Self<List>(ts, args, Types().list, m); }

Value MakeTuple(const std::vector<Value>& items)
{
    Tuple* t = NewTuple(items.size());
    std::copy(items.begin(), items.end(), t->items.begin());
    return Value::Obj(t);
}

// ---------------------------------------------------------------- list

Value ListConstruct(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "list", 0, 1);
    if (args.npos == 0)
        return Value::Obj(NewList());
    return Value::Obj(NewList(Collect(ts, args.pos[0])));
}

Value ListGetItem(ThreadState& ts, Value self, Value key)
{
    List* l = As<List>(self);
    if (IsType(key, Types().slice)) {
        const std::vector<Value> items = ListCopy(l);
        const SliceBounds b = ResolveSlice(ts, As<Slice>(key), int64_t(items.size()));
        List* out = NewList();
        out->items.reserve(size_t(b.count));
        for (int64_t i = 0, k = b.start; i < b.count; ++i, k += b.step)
            out->items.push_back(items[size_t(k)]);
        return Value::Obj(out);
    }
    if (key.IsSmallInt()) {
        ObjectGuard guard(l->lock);
        int64_t i = key.AsSmallInt();
        const int64_t n = int64_t(l->items.size());
        if (i < 0)
            i += n;
        if (i >= 0 && i < n)
            return l->items[size_t(i)];
    }
    const int64_t i = NormalizeIndex(ts, key, int64_t(ListSize(l)), "list");
    const Value v = ListGet(l, size_t(i));
    if (v.IsNull())
        Raise(&ts, Types().IndexError, "list index out of range");
    return v;
}

void ListSetItem(ThreadState& ts, Value self, Value key, Value value)
{
    List* l = As<List>(self);
    if (IsType(key, Types().slice)) {
        const std::vector<Value> repl = Collect(ts, value);
        ObjectGuard guard(l->lock);
        const SliceBounds b = ResolveSlice(ts, As<Slice>(key), int64_t(l->items.size()));
        if (b.step == 1) {
            const auto first = l->items.begin() + b.start;
            const auto last = first + std::max<int64_t>(b.count, 0);
            const size_t at = size_t(b.start);
            l->items.erase(first, last);
            l->items.insert(l->items.begin() + long(at), repl.begin(), repl.end());
            return;
        }
        if (int64_t(repl.size()) != b.count)
            ValueError(&ts, fmt::format("attempt to assign sequence of size {} to extended slice of size {}",
                                        repl.size(), b.count));
        for (int64_t i = 0, k = b.start; i < b.count; ++i, k += b.step)
            l->items[size_t(k)] = repl[size_t(i)];
        return;
    }
    if (!IsInt(key))
        TypeError(&ts, fmt::format("list indices must be integers or slices, not {}", TypeName(key)));
    ObjectGuard guard(l->lock);
    int64_t i = IntValue(key);
    const int64_t n = int64_t(l->items.size());
    if (i < 0)
        i += n;
    if (i < 0 || i >= n)
        Raise(&ts, Types().IndexError, "list assignment index out of range");
    l->items[size_t(i)] = value;
}

void ListDelItem(ThreadState& ts, Value self, Value key)
{
    List* l = As<List>(self);
    ObjectGuard guard(l->lock);
    const int64_t n = int64_t(l->items.size());
    if (IsType(key, Types().slice)) {
        const SliceBounds b = ResolveSlice(ts, As<Slice>(key), n);
        std::vector<bool> drop(size_t(n), false);
        for (int64_t i = 0, k = b.start; i < b.count; ++i, k += b.step)
            drop[size_t(k)] = true;
        HeapVector<Value> kept;
        for (int64_t i = 0; i < n; ++i)
            if (!drop[size_t(i)])
                kept.push_back(l->items[size_t(i)]);
        l->items.swap(kept);
        return;
    }
    if (!IsInt(key))
        TypeError(&ts, fmt::format("list indices must be integers or slices, not {}", TypeName(key)));
    int64_t i = IntValue(key);
    if (i < 0)
        i += n;
    if (i < 0 || i >= n)
        Raise(&ts, Types().IndexError, "list assignment index out of range");
    l->items.erase(l->items.begin() + i);
}

Value ListIter(ThreadState&, Value self) { return Value::Obj(New<SeqIterator>(Types().list_iterator, self)); }

Value Append(ThreadState& ts, const Args& args)
{
    List* l = L(ts, args, "append");
    ExpectPositional(ts, args, "append", 2, 2);
    ListAppend(l, args.pos[1]);
    return Value::None();
}

Value Extend(ThreadState& ts, const Args& args)
{
    List* l = L(ts, args, "extend");
    ExpectPositional(ts, args, "extend", 2, 2);
    const std::vector<Value> items = Collect(ts, args.pos[1]);
    ObjectGuard guard(l->lock);
    l->items.insert(l->items.end(), items.begin(), items.end());
    return Value::None();
}

Value Insert(ThreadState& ts, const Args& args)
{
    List* l = L(ts, args, "insert");
    ExpectPositional(ts, args, "insert", 3, 3);
    int64_t i = IntArg(ts, args.pos[1], "index");
    ObjectGuard guard(l->lock);
    const int64_t n = int64_t(l->items.size());
    if (i < 0)
        i = std::max<int64_t>(0, i + n);
    i = std::min(i, n);
    l->items.insert(l->items.begin() + i, args.pos[2]);
    return Value::None();
}

Value Pop(ThreadState& ts, const Args& args)
{
    List* l = L(ts, args, "pop");
    ExpectPositional(ts, args, "pop", 1, 2);
    int64_t i = args.npos == 2 ? IntArg(ts, args.pos[1], "index") : -1;
    ObjectGuard guard(l->lock);
    const int64_t n = int64_t(l->items.size());
    if (n == 0)
        Raise(&ts, Types().IndexError, "pop from empty list");
    if (i < 0)
        i += n;
    if (i < 0 || i >= n)
        Raise(&ts, Types().IndexError, "pop index out of range");
    const Value v = l->items[size_t(i)];
    l->items.erase(l->items.begin() + i);
    return v;
}

Value Remove(ThreadState& ts, const Args& args)
{
    List* l = L(ts, args, "remove");
    ExpectPositional(ts, args, "remove", 2, 2);
    const std::vector<Value> items = ListCopy(l);
    for (size_t i = 0; i < items.size(); ++i)
        if (items[i] == args.pos[1] || Eq(&ts, items[i], args.pos[1])) {
            ObjectGuard guard(l->lock);
            if (i < l->items.size())
                l->items.erase(l->items.begin() + long(i));
            return Value::None();
        }
    ValueError(&ts, "list.remove(x): x not in list");
}

Value IndexOf(ThreadState& ts, const Args& args, const std::vector<Value>& items, const char* what)
{
    ExpectPositional(ts, args, "index", 2, 4);
    int64_t start = 0, end = int64_t(items.size());
    const int64_t n = end;
    if (args.npos > 2) {
        start = IntArg(ts, args.pos[2], "start");
        if (start < 0)
            start = std::max<int64_t>(0, start + n);
    }
    if (args.npos > 3) {
        end = IntArg(ts, args.pos[3], "stop");
        if (end < 0)
            end = std::max<int64_t>(0, end + n);
    }
    for (int64_t i = start; i < std::min(end, n); ++i)
        if (items[size_t(i)] == args.pos[1] || Eq(&ts, items[size_t(i)], args.pos[1]))
            return MakeInt(i);
    if (std::string_view(what) == "list")
        ValueError(&ts, fmt::format("{} is not in list", Repr(ts, args.pos[1])));
    ValueError(&ts, "tuple.index(x): x not in tuple");
}
Value ListIndex(ThreadState& ts, const Args& args) { return IndexOf(ts, args, ListCopy(L(ts, args, "index")), "list"); }

Value CountOf(ThreadState& ts, const Args& args, const std::vector<Value>& items)
{
    ExpectPositional(ts, args, "count", 2, 2);
    int64_t n = 0;
    for (Value v : items)
        n += v == args.pos[1] || Eq(&ts, v, args.pos[1]);
    return MakeInt(n);
}
Value ListCount(ThreadState& ts, const Args& args) { return CountOf(ts, args, ListCopy(L(ts, args, "count"))); }

Value Sort(ThreadState& ts, const Args& args)
{
    List* l = L(ts, args, "sort");
    if (args.npos > 1)
        TypeError(&ts, "sort() takes no positional arguments");
    const Args rest{args.pos + 1, 0, args.kwvalues, args.kwnames};
    Params p(ts, rest, "sort", {"key", "reverse"}, 0);
    std::vector<Value> items = ListCopy(l);
    SortValues(ts, items, p.Or(0, Value::None()), p.Has(1) && Truthy(ts, p[1]));
    ObjectGuard guard(l->lock);
    l->items.assign(items.begin(), items.end());
    return Value::None();
}

Value Reverse(ThreadState& ts, const Args& args)
{
    List* l = L(ts, args, "reverse");
    ObjectGuard guard(l->lock);
    std::reverse(l->items.begin(), l->items.end());
    return Value::None();
}

Value Clear(ThreadState& ts, const Args& args)
{
    List* l = L(ts, args, "clear");
    ObjectGuard guard(l->lock);
    l->items.clear();
    return Value::None();
}

Value Copy(ThreadState& ts, const Args& args) { return Value::Obj(NewList(ListCopy(L(ts, args, "copy")))); }
Value ListLen(ThreadState& ts, const Args& args) { return MakeInt(int64_t(ListSize(L(ts, args, "__len__")))); }

Value ListReversed(ThreadState& ts, const Args& args)
{
    CombinedIterator* it = New<CombinedIterator>(Types().reversed, CombinedIterator::Reversed);
    it->extra = args.pos[0];
    it->count = int64_t(ListSize(L(ts, args, "__reversed__")));
    return Value::Obj(it);
}

// ---------------------------------------------------------------- tuple

Value TupleConstruct(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "tuple", 0, 1);
    if (args.npos == 0)
        return Value::Obj(NewTuple(0));
    if (IsType(args.pos[0], Types().tuple))
        return args.pos[0];
    return MakeTuple(Collect(ts, args.pos[0]));
}

Value TupleGetItem(ThreadState& ts, Value self, Value key)
{
    const Tuple* t = As<Tuple>(self);
    if (IsType(key, Types().slice)) {
        const SliceBounds b = ResolveSlice(ts, As<Slice>(key), int64_t(t->Size()));
        std::vector<Value> out;
        for (int64_t i = 0, k = b.start; i < b.count; ++i, k += b.step)
            out.push_back(t->items[size_t(k)]);
        return MakeTuple(out);
    }
    return t->items[size_t(NormalizeIndex(ts, key, int64_t(t->Size()), "tuple"))];
}

Value TupleIter(ThreadState&, Value self) { return Value::Obj(New<SeqIterator>(Types().tuple_iterator, self)); }

std::vector<Value> TupleItems(ThreadState& ts, const Args& args, const char* m)
{
    const Tuple* t = Self<Tuple>(ts, args, Types().tuple, m);
    return std::vector<Value>(t->items.begin(), t->items.end());
}
Value TupleIndex(ThreadState& ts, const Args& args) { return IndexOf(ts, args, TupleItems(ts, args, "index"), "tuple"); }
Value TupleCount(ThreadState& ts, const Args& args) { return CountOf(ts, args, TupleItems(ts, args, "count")); }
Value TupleLen(ThreadState& ts, const Args& args)
{
    return MakeInt(int64_t(Self<Tuple>(ts, args, Types().tuple, "__len__")->Size()));
}

// ---------------------------------------------------------------- range

Value RangeConstruct(ThreadState& ts, const Args& args)
{
    if (args.NumKw() > 0)
        NoKeywords(ts, "range");
    if (args.npos == 0)
        TypeError(&ts, "range expected at least 1 argument, got 0");
    if (args.npos > 3)
        TypeError(&ts, fmt::format("range expected at most 3 arguments, got {}", args.npos));
    auto arg = [&](int i) { return IntArg(ts, args.pos[i], "range"); };
    int64_t start = 0, stop, step = 1;
    if (args.npos == 1) {
        stop = arg(0);
    } else {
        start = arg(0);
        stop = arg(1);
        if (args.npos == 3)
            step = arg(2);
    }
    if (step == 0)
        ValueError(&ts, "range() arg 3 must not be zero");
    return Value::Obj(New<Range>(Types().range, start, stop, step));
}

Value RangeGetItem(ThreadState& ts, Value self, Value key)
{
    const Range* r = As<Range>(self);
    if (IsType(key, Types().slice)) {
        const SliceBounds b = ResolveSlice(ts, As<Slice>(key), r->length);
        const int64_t start = r->start + b.start * r->step;
        const int64_t step = r->step * b.step;
        return Value::Obj(New<Range>(Types().range, start, start + b.count * step, step));
    }
    if (!IsInt(key))
        TypeError(&ts, fmt::format("range indices must be integers or slices, not {}", TypeName(key)));
    int64_t i = IntValue(key);
    if (i < 0)
        i += r->length;
    if (i < 0 || i >= r->length)
        Raise(&ts, Types().IndexError, "range object index out of range");
    return MakeInt(r->start + i * r->step);
}

Value RangeIter(ThreadState&, Value self)
{
    const Range* r = As<Range>(self);
    return Value::Obj(New<RangeIterator>(Types().range_iterator, r->start, r->step, r->length));
}

Value RangeSpecial(ThreadState&, Value self, std::string_view name)
{
    const Range* r = As<Range>(self);
    if (name == "start")
        return MakeInt(r->start);
    if (name == "stop")
        return MakeInt(r->stop);
    if (name == "step")
        return MakeInt(r->step);
    return Value::Null();
}

Value RangeIndex(ThreadState& ts, const Args& args)
{
    const Range* r = Self<Range>(ts, args, Types().range, "index");
    ExpectPositional(ts, args, "index", 2, 2);
    if (IsInt(args.pos[1]) && Contains(ts, args.pos[0], args.pos[1]))
        return MakeInt((IntValue(args.pos[1]) - r->start) / r->step);
    ValueError(&ts, fmt::format("{} is not in range", Repr(ts, args.pos[1])));
}

Value RangeCount(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "count", 2, 2);
    return MakeInt(Contains(ts, args.pos[0], args.pos[1]) ? 1 : 0);
}

Value RangeLen(ThreadState& ts, const Args& args) { return MakeInt(Self<Range>(ts, args, Types().range, "__len__")->length); }

Value RangeReversed(ThreadState& ts, const Args& args)
{
    const Range* r = Self<Range>(ts, args, Types().range, "__reversed__");
    return Value::Obj(New<RangeIterator>(Types().range_iterator, r->start + (r->length - 1) * r->step, -r->step, r->length));
}

// ---------------------------------------------------------------- slice

Value SliceConstruct(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "slice", 1, 3);
    if (args.npos == 1)
        return Value::Obj(New<Slice>(Types().slice, Value::None(), args.pos[0], Value::None()));
    return Value::Obj(New<Slice>(Types().slice, args.pos[0], args.pos[1], args.npos == 3 ? args.pos[2] : Value::None()));
}

Value SliceSpecial(ThreadState&, Value self, std::string_view name)
{
    const Slice* s = As<Slice>(self);
    if (name == "start")
        return s->start;
    if (name == "stop")
        return s->stop;
    if (name == "step")
        return s->step;
    return Value::Null();
}

Value SliceIndices(ThreadState& ts, const Args& args)
{
    const Slice* s = Self<Slice>(ts, args, Types().slice, "indices");
    ExpectPositional(ts, args, "indices", 2, 2);
    const SliceBounds b = ResolveSlice(ts, s, IntArg(ts, args.pos[1], "length"));
    return Value::Obj(NewTuple({MakeInt(b.start), MakeInt(b.stop), MakeInt(b.step)}));
}

} // namespace

void SortValues(ThreadState& ts, std::vector<Value>& items, Value key, bool reverse)
{
    std::vector<Value> keys;
    if (!key.IsNone()) {
        keys.reserve(items.size());
        for (Value v : items)
            keys.push_back(Call(ts, key, {v}));
    }
    std::vector<size_t> order(items.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    const std::vector<Value>& k = key.IsNone() ? items : keys;
    // Stable, and a reversed sort keeps equal items in their original order, as CPython's.
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return reverse ? Less(ts, k[b], k[a]) : Less(ts, k[a], k[b]);
    });
    std::vector<Value> sorted;
    sorted.reserve(items.size());
    for (size_t i : order)
        sorted.push_back(items[i]);
    items.swap(sorted);
}

void InitSequenceTypes(TypeTable& t)
{
    Type* l = t.list;
    l->construct = ListConstruct;
    l->getitem = ListGetItem;
    l->setitem = ListSetItem;
    l->delitem = ListDelItem;
    l->iter = ListIter;
    AddMethod(l, "append", Append);
    As<BuiltinFunction>(DictGetStr(l->dict, "append"))->quick = true;
    AddMethod(l, "extend", Extend);
    AddMethod(l, "insert", Insert);
    AddMethod(l, "pop", Pop);
    AddMethod(l, "remove", Remove);
    AddMethod(l, "index", ListIndex);
    AddMethod(l, "count", ListCount);
    AddMethod(l, "sort", Sort);
    AddMethod(l, "reverse", Reverse);
    AddMethod(l, "clear", Clear);
    AddMethod(l, "copy", Copy);
    AddMethod(l, "__len__", ListLen);
    AddMethod(l, "__reversed__", ListReversed);

    Type* tu = t.tuple;
    tu->construct = TupleConstruct;
    tu->getitem = TupleGetItem;
    tu->iter = TupleIter;
    AddMethod(tu, "index", TupleIndex);
    AddMethod(tu, "count", TupleCount);
    AddMethod(tu, "__len__", TupleLen);

    Type* r = t.range;
    r->construct = RangeConstruct;
    r->getitem = RangeGetItem;
    r->iter = RangeIter;
    r->special_attr = RangeSpecial;
    AddMethod(r, "index", RangeIndex);
    AddMethod(r, "count", RangeCount);
    AddMethod(r, "__len__", RangeLen);
    AddMethod(r, "__reversed__", RangeReversed);

    t.slice->construct = SliceConstruct;
    t.slice->special_attr = SliceSpecial;
    AddMethod(t.slice, "indices", SliceIndices);
}

} // namespace threadlab::py
