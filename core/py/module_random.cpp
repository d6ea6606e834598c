// random: CPython's Mersenne Twister with CPython's seeding, and the
// functions of Lib/random.py built on it the way CPython builds them, so
// random.seed(n) gives the very sequence python3 gives.
#include "builtins_impl.hpp"

#include <cmath>
#include <fmt/format.h>
#include <random>

namespace threadlab::py {

namespace {

class MersenneTwister {
public:
    void InitGenrand(uint32_t s)
    {
        mt[0] = s;
        for (int i = 1; i < kN; ++i)
            mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + uint32_t(i);
        index = kN;
    }

    void InitByArray(const std::vector<uint32_t>& key)
    {
        InitGenrand(19650218u);
        int i = 1;
        size_t j = 0;
        for (size_t k = std::max<size_t>(kN, key.size()); k > 0; --k) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] + uint32_t(j);
            ++i;
            ++j;
            if (i >= kN) {
                mt[0] = mt[kN - 1];
                i = 1;
            }
            if (j >= key.size())
                j = 0;
        }
        for (int k = kN - 1; k > 0; --k) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - uint32_t(i);
            ++i;
            if (i >= kN) {
                mt[0] = mt[kN - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000u;
        index = kN;
    }

    uint32_t Next()
    {
        if (index >= kN) {
            for (int k = 0; k < kN; ++k) {
                const uint32_t y = (mt[k] & 0x80000000u) | (mt[(k + 1) % kN] & 0x7fffffffu);
                mt[k] = mt[(k + kM) % kN] ^ (y >> 1) ^ ((y & 1) ? 0x9908b0dfu : 0u);
            }
            index = 0;
        }
        uint32_t y = mt[index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    double Random()
    {
        const uint32_t a = Next() >> 5, b = Next() >> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    uint64_t Bits(int k) // k <= 64; words least significant first
    {
        if (k <= 32)
            return k == 0 ? 0 : Next() >> (32 - k);
        const uint64_t low = Next();
        const uint64_t high = Next() >> (64 - k);
        return low | (high << 32);
    }

    static constexpr int kN = 624, kM = 397;
    uint32_t mt[kN] = {};
    int index = kN + 1;
};

struct RandomObject : Object {
    explicit RandomObject(Type* t) : Object(t) {}
    MersenneTwister mt;
    Value gauss_next = Value::None();
    mutable ObjectLock lock;
};

Type* RandomType();

RandomObject* R(ThreadState& ts, const Args& args, const char* m) { return Self<RandomObject>(ts, args, RandomType(), m); }

void SeedWith(ThreadState& ts, RandomObject* r, Value a)
{
    uint64_t n;
    if (a.IsNone()) {
        std::random_device device;
        std::vector<uint32_t> key(624);
        for (uint32_t& k : key)
            k = device();
        ObjectGuard guard(r->lock);
        r->mt.InitByArray(key);
        r->gauss_next = Value::None();
        return;
    }
    if (IsInt(a)) {
        const int64_t i = IntValue(a);
        n = i < 0 ? uint64_t(0) - uint64_t(i) : uint64_t(i);
    } else if (a.IsFloat()) {
        n = uint64_t(Hash(&ts, a));
    } else if (IsType(a, Types().str)) {
        // Version 2 hashes a str with SHA-512; threadlab does not carry it.
        ValueError(&ts, "threadlab seeds random with an int or a float (seeding with a str needs SHA-512)");
    } else {
        TypeError(&ts, "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.");
    }
    std::vector<uint32_t> key;
    if (n == 0)
        key.push_back(0);
    while (n > 0) {
        key.push_back(uint32_t(n & 0xffffffffu));
        n >>= 32;
    }
    ObjectGuard guard(r->lock);
    r->mt.InitByArray(key);
    r->gauss_next = Value::None();
}

uint64_t Below(RandomObject* r, uint64_t n)
{
    // _randbelow_with_getrandbits: k = n.bit_length(), retry while >= n.
    const int k = 64 - __builtin_clzll(n);
    ObjectGuard guard(r->lock);
    uint64_t x = r->mt.Bits(k);
    while (x >= n)
        x = r->mt.Bits(k);
    return x;
}

Value Seed(ThreadState& ts, const Args& args)
{
    RandomObject* r = R(ts, args, "seed");
    const Args rest{args.pos + 1, args.npos - 1, args.kwvalues, args.kwnames};
    Params p(ts, rest, "seed", {"a", "version"}, 0);
    SeedWith(ts, r, p.Or(0, Value::None()));
    return Value::None();
}

Value RandomF(ThreadState& ts, const Args& args)
{
    RandomObject* r = R(ts, args, "random");
    ObjectGuard guard(r->lock);
    return Value::Float(r->mt.Random());
}

Value GetRandBits(ThreadState& ts, const Args& args)
{
    RandomObject* r = R(ts, args, "getrandbits");
    ExpectPositional(ts, args, "getrandbits", 2, 2);
    const int64_t k = IntArg(ts, args.pos[1], "k");
    if (k < 0)
        ValueError(&ts, "number of bits must be non-negative");
    if (k > 63)
        IntOverflow(ts);
    ObjectGuard guard(r->lock);
    return MakeInt(int64_t(r->mt.Bits(int(k))));
}

int64_t RandRange(ThreadState& ts, RandomObject* r, int64_t start, Value stop_v, int64_t step)
{
    if (stop_v.IsNone()) {
        if (start > 0)
            return int64_t(Below(r, uint64_t(start)));
        ValueError(&ts, "empty range for randrange()");
    }
    const int64_t stop = IntArg(ts, stop_v, "stop");
    const int64_t width = stop - start;
    if (step == 1) {
        if (width > 0)
            return start + int64_t(Below(r, uint64_t(width)));
        ValueError(&ts, fmt::format("empty range in randrange({}, {})", start, stop));
    }
    if (step == 0)
        ValueError(&ts, "zero step for randrange()");
    auto floordiv = [](int64_t a, int64_t b) {
        int64_t q = a / b;
        if (a % b != 0 && ((a < 0) != (b < 0)))
            --q;
        return q;
    };
    const int64_t count = step > 0 ? floordiv(width + step - 1, step) : floordiv(width + step + 1, step);
    if (count <= 0)
        ValueError(&ts, fmt::format("empty range in randrange({}, {}, {})", start, stop, step));
    return start + step * int64_t(Below(r, uint64_t(count)));
}

Value RandRangeF(ThreadState& ts, const Args& args)
{
    RandomObject* r = R(ts, args, "randrange");
    const Args rest{args.pos + 1, args.npos - 1, args.kwvalues, args.kwnames};
    Params p(ts, rest, "randrange", {"start", "stop", "step"}, 1);
    return MakeInt(RandRange(ts, r, IntArg(ts, p[0], "start"), p.Or(1, Value::None()),
                             p.Has(2) ? IntArg(ts, p[2], "step") : 1));
}

Value RandInt(ThreadState& ts, const Args& args)
{
    RandomObject* r = R(ts, args, "randint");
    ExpectPositional(ts, args, "randint", 3, 3);
    const int64_t b = IntArg(ts, args.pos[2], "b");
    return MakeInt(RandRange(ts, r, IntArg(ts, args.pos[1], "a"), MakeInt(b + 1), 1));
}

Value Choice(ThreadState& ts, const Args& args)
{
    RandomObject* r = R(ts, args, "choice");
    ExpectPositional(ts, args, "choice", 2, 2);
    const int64_t n = Len(ts, args.pos[1]);
    if (n == 0)
        Raise(&ts, Types().IndexError, "Cannot choose from an empty sequence");
    return GetItem(ts, args.pos[1], MakeInt(int64_t(Below(r, uint64_t(n)))));
}

Value Shuffle(ThreadState& ts, const Args& args)
{
    RandomObject* r = R(ts, args, "shuffle");
    ExpectPositional(ts, args, "shuffle", 2, 2);
    const Value x = args.pos[1];
    for (int64_t i = Len(ts, x) - 1; i >= 1; --i) {
        const int64_t j = int64_t(Below(r, uint64_t(i + 1)));
        const Value a = GetItem(ts, x, MakeInt(i)), b = GetItem(ts, x, MakeInt(j));
        SetItem(ts, x, MakeInt(i), b);
        SetItem(ts, x, MakeInt(j), a);
    }
    return Value::None();
}

Value Sample(ThreadState& ts, const Args& args)
{
    RandomObject* r = R(ts, args, "sample");
    const Args rest{args.pos + 1, args.npos - 1, args.kwvalues, args.kwnames};
    Params p(ts, rest, "sample", {"population", "k"}, 2);
    const Value population = p[0];
    const Type* t = TypeOf(population);
    if (t == Types().set || t == Types().frozenset || t == Types().dict)
        TypeError(&ts, "Population must be a sequence.  For dicts or sets, use sorted(d).");
    const int64_t n = Len(ts, population);
    const int64_t k = IntArg(ts, p[1], "k");
    if (k < 0 || k > n)
        ValueError(&ts, "Sample larger than population or is negative");
    int64_t setsize = 21;
    if (k > 5)
        setsize += int64_t(std::pow(4.0, std::ceil(std::log(double(k) * 3) / std::log(4.0))));
    List* result = NewList();
    if (n <= setsize) {
        std::vector<Value> pool = Collect(ts, population);
        for (int64_t i = 0; i < k; ++i) {
            const int64_t j = int64_t(Below(r, uint64_t(n - i)));
            result->items.push_back(pool[size_t(j)]);
            pool[size_t(j)] = pool[size_t(n - i - 1)];
        }
    } else {
        std::vector<int64_t> selected;
        for (int64_t i = 0; i < k; ++i) {
            int64_t j = int64_t(Below(r, uint64_t(n)));
            while (std::find(selected.begin(), selected.end(), j) != selected.end())
                j = int64_t(Below(r, uint64_t(n)));
            selected.push_back(j);
            result->items.push_back(GetItem(ts, population, MakeInt(j)));
        }
    }
    return Value::Obj(result);
}

Value Choices(ThreadState& ts, const Args& args)
{
    RandomObject* r = R(ts, args, "choices");
    const Args rest{args.pos + 1, args.npos - 1, args.kwvalues, args.kwnames};
    Params p(ts, rest, "choices", {"population", "weights", "cum_weights", "k"}, 1);
    const std::vector<Value> population = Collect(ts, p[0]);
    const int64_t k = p.Has(3) ? IntArg(ts, p[3], "k") : 1;
    const double n = double(population.size());
    List* out = NewList();
    const bool weighted = p.Has(1) && !p[1].IsNone();
    const bool cumulative = p.Has(2) && !p[2].IsNone();
    if (!weighted && !cumulative) {
        for (int64_t i = 0; i < k; ++i) {
            double x;
            {
                ObjectGuard guard(r->lock);
                x = r->mt.Random();
            }
            out->items.push_back(population[size_t(std::floor(x * n))]);
        }
        return Value::Obj(out);
    }
    if (weighted && cumulative)
        TypeError(&ts, "Cannot specify both weights and cumulative weights");
    std::vector<double> cum;
    if (weighted) {
        double acc = 0;
        for (Value w : Collect(ts, p[1]))
            cum.push_back(acc += ToDouble(ts, w));
    } else {
        for (Value w : Collect(ts, p[2]))
            cum.push_back(ToDouble(ts, w));
    }
    if (cum.size() != population.size())
        ValueError(&ts, "The number of weights does not match the population");
    const double total = cum.empty() ? 0 : cum.back();
    if (total <= 0)
        ValueError(&ts, "Total of weights must be greater than zero");
    if (!std::isfinite(total))
        ValueError(&ts, "Total of weights must be finite");
    for (int64_t i = 0; i < k; ++i) {
        double x;
        {
            ObjectGuard guard(r->lock);
            x = r->mt.Random() * total;
        }
        // bisect_right(cum, x, 0, n - 1)
        const size_t index = size_t(std::upper_bound(cum.begin(), cum.end() - 1, x) - cum.begin());
        out->items.push_back(population[index]);
    }
    return Value::Obj(out);
}

Value Uniform(ThreadState& ts, const Args& args)
{
    RandomObject* r = R(ts, args, "uniform");
    ExpectPositional(ts, args, "uniform", 3, 3);
    const double a = ToDouble(ts, args.pos[1]), b = ToDouble(ts, args.pos[2]);
    ObjectGuard guard(r->lock);
    return Value::Float(a + (b - a) * r->mt.Random());
}

Value Gauss(ThreadState& ts, const Args& args)
{
    RandomObject* r = R(ts, args, "gauss");
    const Args rest{args.pos + 1, args.npos - 1, args.kwvalues, args.kwnames};
    Params p(ts, rest, "gauss", {"mu", "sigma"}, 0);
    const double mu = p.Has(0) ? ToDouble(ts, p[0]) : 0.0, sigma = p.Has(1) ? ToDouble(ts, p[1]) : 1.0;
    ObjectGuard guard(r->lock);
    double z;
    if (!r->gauss_next.IsNone()) {
        z = r->gauss_next.AsFloat();
        r->gauss_next = Value::None();
    } else {
        const double x2pi = r->mt.Random() * 2 * M_PI;
        const double g2rad = std::sqrt(-2.0 * std::log(1.0 - r->mt.Random()));
        z = std::cos(x2pi) * g2rad;
        r->gauss_next = Value::Float(std::sin(x2pi) * g2rad);
    }
    return Value::Float(mu + z * sigma);
}

Value Triangular(ThreadState& ts, const Args& args)
{
    RandomObject* r = R(ts, args, "triangular");
    const Args rest{args.pos + 1, args.npos - 1, args.kwvalues, args.kwnames};
    Params p(ts, rest, "triangular", {"low", "high", "mode"}, 0);
    double low = p.Has(0) ? ToDouble(ts, p[0]) : 0.0, high = p.Has(1) ? ToDouble(ts, p[1]) : 1.0;
    double u;
    {
        ObjectGuard guard(r->lock);
        u = r->mt.Random();
    }
    if (high == low)
        return Value::Float(low); // CPython: the ZeroDivisionError of (mode - low) / (high - low)
    double c = p.Has(2) && !p[2].IsNone() ? (ToDouble(ts, p[2]) - low) / (high - low) : 0.5;
    if (u > c) {
        u = 1.0 - u;
        c = 1.0 - c;
        std::swap(low, high);
    }
    return Value::Float(low + (high - low) * std::sqrt(u * c));
}

Value NormalVariate(ThreadState& ts, const Args& args)
{
    RandomObject* r = R(ts, args, "normalvariate");
    const Args rest{args.pos + 1, args.npos - 1, args.kwvalues, args.kwnames};
    Params p(ts, rest, "normalvariate", {"mu", "sigma"}, 0);
    const double mu = p.Has(0) ? ToDouble(ts, p[0]) : 0.0, sigma = p.Has(1) ? ToDouble(ts, p[1]) : 1.0;
    const double magic = 4 * std::exp(-0.5) / std::sqrt(2.0);
    ObjectGuard guard(r->lock);
    for (;;) {
        const double u1 = r->mt.Random();
        const double u2 = 1.0 - r->mt.Random();
        const double z = magic * (u1 - 0.5) / u2;
        if (z * z / 4.0 <= -std::log(u2))
            return Value::Float(mu + z * sigma);
    }
}

Value ExpoVariate(ThreadState& ts, const Args& args)
{
    RandomObject* r = R(ts, args, "expovariate");
    ExpectPositional(ts, args, "expovariate", 1, 2);
    const double lambd = args.npos == 2 ? ToDouble(ts, args.pos[1]) : 1.0;
    ObjectGuard guard(r->lock);
    return Value::Float(-std::log(1.0 - r->mt.Random()) / lambd);
}

// The distributions random.py writes in Python, with its formulas and the
// same draws in the same order, so a seeded program prints CPython's numbers.
struct Draws {
    RandomObject* r;
    double Random()
    {
        ObjectGuard guard(r->lock);
        return r->mt.Random();
    }
};

double PythonFloatMod(double x, double y)
{
    double m = std::fmod(x, y);
    if (m != 0) {
        if ((y < 0) != (m < 0))
            m += y;
    } else {
        m = std::copysign(0.0, y);
    }
    return m;
}

double Gamma(ThreadState& ts, Draws d, double alpha, double beta)
{
    if (alpha <= 0.0 || beta <= 0.0)
        ValueError(&ts, "gammavariate: alpha and beta must be > 0.0");
    if (alpha > 1.0) {
        // Cheng's rejection method.
        const double ainv = std::sqrt(2.0 * alpha - 1.0);
        const double bbb = alpha - std::log(4.0);
        const double ccc = alpha + ainv;
        const double sg_magic = 1.0 + std::log(4.5);
        for (;;) {
            const double u1 = d.Random();
            if (!(1e-7 < u1 && u1 < 0.9999999))
                continue;
            const double u2 = 1.0 - d.Random();
            const double v = std::log(u1 / (1.0 - u1)) / ainv;
            const double x = alpha * std::exp(v);
            const double z = u1 * u1 * u2;
            const double r = bbb + ccc * v - x;
            if (r + sg_magic - 4.5 * z >= 0.0 || r >= std::log(z))
                return x * beta;
        }
    }
    if (alpha == 1.0)
        return -std::log(1.0 - d.Random()) * beta;
    // Ahrens and Dieter's GS.
    for (;;) {
        const double u = d.Random();
        const double b = (M_E + alpha) / M_E;
        const double p = b * u;
        const double x = p <= 1.0 ? std::pow(p, 1.0 / alpha) : -std::log((b - p) / alpha);
        const double u1 = d.Random();
        if (p > 1.0 ? u1 <= std::pow(x, alpha - 1.0) : u1 <= std::exp(-x))
            return x * beta;
    }
}

// The receiver and two float parameters (both required).
std::pair<double, double> TwoParams(ThreadState& ts, const Args& args, const char* name, const char* a, const char* b)
{
    const Args rest{args.pos + 1, args.npos - 1, args.kwvalues, args.kwnames};
    Params p(ts, rest, name, {a, b}, 2);
    return {ToDouble(ts, p[0]), ToDouble(ts, p[1])};
}

Value GammaVariate(ThreadState& ts, const Args& args)
{
    RandomObject* r = R(ts, args, "gammavariate");
    const auto [alpha, beta] = TwoParams(ts, args, "gammavariate", "alpha", "beta");
    return Value::Float(Gamma(ts, Draws{r}, alpha, beta));
}

Value BetaVariate(ThreadState& ts, const Args& args)
{
    RandomObject* r = R(ts, args, "betavariate");
    const auto [alpha, beta] = TwoParams(ts, args, "betavariate", "alpha", "beta");
    const double y = Gamma(ts, Draws{r}, alpha, 1.0);
    return Value::Float(y != 0 ? y / (y + Gamma(ts, Draws{r}, beta, 1.0)) : 0.0);
}

Value LognormVariate(ThreadState& ts, const Args& args)
{
    R(ts, args, "lognormvariate");
    return Value::Float(std::exp(NormalVariate(ts, args).AsFloat()));
}

Value VonMisesVariate(ThreadState& ts, const Args& args)
{
    RandomObject* r = R(ts, args, "vonmisesvariate");
    const auto [mu, kappa] = TwoParams(ts, args, "vonmisesvariate", "mu", "kappa");
    Draws d{r};
    if (kappa <= 1e-6)
        return Value::Float(2 * M_PI * d.Random());
    const double s = 0.5 / kappa;
    const double rr = s + std::sqrt(1.0 + s * s);
    double z;
    for (;;) {
        z = std::cos(M_PI * d.Random());
        const double dd = z / (rr + z);
        const double u2 = d.Random();
        if (u2 < 1.0 - dd * dd || u2 <= (1.0 - dd) * std::exp(dd))
            break;
    }
    const double q = 1.0 / rr;
    const double f = (q + z) / (1.0 + q * z);
    const double theta = d.Random() > 0.5 ? mu + std::acos(f) : mu - std::acos(f);
    return Value::Float(PythonFloatMod(theta, 2 * M_PI));
}

Value ParetoVariate(ThreadState& ts, const Args& args)
{
    RandomObject* r = R(ts, args, "paretovariate");
    ExpectPositional(ts, args, "paretovariate", 2, 2);
    const double alpha = ToDouble(ts, args.pos[1]);
    return Value::Float(std::pow(1.0 - Draws{r}.Random(), -1.0 / alpha));
}

Value WeibullVariate(ThreadState& ts, const Args& args)
{
    RandomObject* r = R(ts, args, "weibullvariate");
    const auto [alpha, beta] = TwoParams(ts, args, "weibullvariate", "alpha", "beta");
    const double u = 1.0 - Draws{r}.Random();
    return Value::Float(alpha * std::pow(-std::log(u), 1.0 / beta));
}

// getstate(): (3, the 624 words and the index, gauss_next), as CPython's.
Value GetState(ThreadState& ts, const Args& args)
{
    RandomObject* r = R(ts, args, "getstate");
    ObjectGuard guard(r->lock);
    Tuple* words = NewTuple(MersenneTwister::kN + 1);
    for (int i = 0; i < MersenneTwister::kN; ++i)
        words->items[size_t(i)] = MakeInt(r->mt.mt[i]);
    words->items[MersenneTwister::kN] = MakeInt(r->mt.index);
    return Value::Obj(NewTuple({MakeInt(3), Value::Obj(words), r->gauss_next}));
}

Value SetState(ThreadState& ts, const Args& args)
{
    RandomObject* r = R(ts, args, "setstate");
    ExpectPositional(ts, args, "setstate", 2, 2);
    const Value state = args.pos[1];
    if (!IsType(state, Types().tuple) || As<Tuple>(state)->Size() != 3 || !IsType(As<Tuple>(state)->items[1], Types().tuple))
        TypeError(&ts, "state vector must be a tuple");
    const Tuple* words = As<Tuple>(As<Tuple>(state)->items[1]);
    if (words->Size() != MersenneTwister::kN + 1)
        ValueError(&ts, "state vector is the wrong size");
    ObjectGuard guard(r->lock);
    for (int i = 0; i < MersenneTwister::kN; ++i)
        r->mt.mt[i] = uint32_t(IntValue(words->items[size_t(i)]));
    r->mt.index = int(IntValue(words->items[MersenneTwister::kN]));
    r->gauss_next = As<Tuple>(state)->items[2];
    return Value::None();
}

Value RandomConstruct(ThreadState& ts, const Args& args)
{
    ExpectPositional(ts, args, "Random", 0, 1);
    RandomObject* r = New<RandomObject>(RandomType());
    SeedWith(ts, r, args.npos == 1 ? args.pos[0] : Value::None());
    return Value::Obj(r);
}

const std::pair<const char*, NativeFn> kMethods[] = {
    {"seed", Seed},         {"random", RandomF},   {"getrandbits", GetRandBits}, {"randrange", RandRangeF},
    {"randint", RandInt},   {"choice", Choice},    {"shuffle", Shuffle},         {"sample", Sample},
    {"choices", Choices},   {"uniform", Uniform},  {"gauss", Gauss},             {"expovariate", ExpoVariate},
    {"getstate", GetState}, {"setstate", SetState}, {"triangular", Triangular}, {"normalvariate", NormalVariate},
    {"gammavariate", GammaVariate}, {"betavariate", BetaVariate}, {"lognormvariate", LognormVariate},
    {"vonmisesvariate", VonMisesVariate}, {"paretovariate", ParetoVariate}, {"weibullvariate", WeibullVariate},
};

Type* RandomType()
{
    static Type* type = [] {
        HeapScope scope(StaticHeap());
        Type* t = NewBuiltinType("Random", Types().object, Layout::Native, false);
        t->module = "random";
        t->construct = RandomConstruct;
        for (const auto& [name, fn] : kMethods)
            AddMethod(t, name, fn);
        return t;
    }();
    return type;
}

} // namespace

Module* MakeRandomModule(ThreadState& ts)
{
    RandomObject* shared = New<RandomObject>(RandomType());
    // Seeded from the run's seed when there is one, so a simulated run repeats.
    SeedWith(ts, shared, ts.interp.settings.seeded ? MakeInt(int64_t(ts.interp.settings.seed & 0x7FFFFFFFFFFF))
                                                   : Value::None());
    NativeModuleSpec s;
    for (const auto& [name, fn] : kMethods) {
        BuiltinFunction* f = NewBuiltin(name, fn, Value::Obj(shared));
        s.Set(name, Value::Obj(f));
    }
    s.Set("Random", Value::Obj(RandomType()));
    return BuildNativeModule("random", std::move(s));
}

} // namespace threadlab::py
