#!/usr/bin/env python3
"""Measures what each instruction class of core/py/cost_model.cpp costs on
the CPython versions under pyenv, and prints the table the cost model's
figures come from.

    python3 scripts/measure_costs.py            # 3.9.18 and 3.12.1 from pyenv
    python3 scripts/measure_costs.py --quick    # fewer repetitions

Each class is timed as a statement inside a loop, K copies per iteration,
less the same loop with `pass`: what is left is the statement's own
instructions. A statement uses classes already solved plus one new one, so
the classes are solved in order (locals first). The figure is the minimum
over repetitions: the machine's noise only ever adds time.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import textwrap

# The probe each interpreter runs: prints {name: ns per statement}.
PROBE = textwrap.dedent(r'''
    import json, sys, time
    K = 20
    N = int(sys.argv[1])
    REPEATS = int(sys.argv[2])
    G = 1
    class O:
        pass
    o = O()
    o.a = 1
    def callee():
        return None
    STATEMENTS = {
        "empty": "pass",
        "local": "x = y",
        "global": "x = G",
        "global_store": "W = y",
        "cell": "x = c",
        "arith": "x = y + z",
        "compare_jump": "if y < z: pass",
        "attr": "x = oo.a",
        "subscr": "x = l[0]",
        "build": "x = (y, z)",
        "call_python": "callee()",
        "call_native": "len(l)",
        "iter": None,  # the loop step itself: measured as the empty loop
    }
    def make(body):
        src = ("def outer():\n"
               "    c = 1\n"
               "    def run(n):\n"
               "        global W\n"
               "        y = 1000; z = 2000; l = [1]; x = 0; oo = o\n"
               "        c\n"
               "        for _ in range(n):\n"
               + "".join("            %s\n" % body for _ in range(K)) +
               "    return run\n")
        ns = {"o": o, "callee": callee, "G": G, "W": 0}
        exec(src, ns)
        return ns["outer"]()
    def best(run, n):
        out = float("inf")
        for _ in range(REPEATS):
            t0 = time.perf_counter_ns()
            run(n)
            out = min(out, time.perf_counter_ns() - t0)
        return out / n
    result = {}
    base = best(make("pass"), N)
    # A bare loop step: the loop with a body of `pass` only once.
    step_src = "def run(n):\n    for _ in range(n):\n        pass\n"
    ns = {}
    exec(step_src, ns)
    result["loop_step"] = best(ns["run"], N * K)
    for name, body in STATEMENTS.items():
        if body is None or name == "empty":
            continue
        result[name] = (best(make(body), N) - base) / K
    print(json.dumps(result))
''')


def pyenv_python(version):
    root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    path = os.path.join(root, "versions", version, "bin", "python3")
    return path if os.path.exists(path) else None


def probe(python, n, repeats):
    out = subprocess.run([python, "-c", PROBE, str(n), str(repeats)], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


# Each statement's instructions by class, as both versions compile them
# inside a loop body (3.9 and 3.12 agree on these counts).
#   local:        LOAD_FAST, STORE_FAST                    -> 2 local
#   global:       LOAD_GLOBAL, STORE_FAST                  -> global + local
#   global_store: LOAD_FAST, STORE_GLOBAL                  -> global_store + local
#   cell:         LOAD_DEREF, STORE_FAST                   -> cell + local
#   arith:        LOAD_FAST x2, BINARY_OP, STORE_FAST      -> arith + 3 local
#   compare_jump: LOAD_FAST x2, COMPARE_OP, POP_JUMP_IF    -> arith + jump + 2 local
#   attr:         LOAD_FAST, LOAD_ATTR, STORE_FAST         -> attr + 2 local
#   subscr:       LOAD_FAST, LOAD_CONST, BINARY_SUBSCR, STORE_FAST -> attr + 3 local
#   build:        LOAD_FAST x2, BUILD_TUPLE, STORE_FAST    -> build + 3 local
#   call_python:  LOAD_GLOBAL, CALL, POP_TOP + callee RESUME, RETURN_CONST
#                                                          -> call + global + local + 2 jump
#   call_native:  LOAD_GLOBAL, LOAD_FAST, CALL, POP_TOP    -> call + native + global + 2 local
#   loop_step:    FOR_ITER, STORE_FAST, JUMP_BACKWARD      -> iter + local + jump
def solve(m):
    c = {}
    c["local"] = m["local"] / 2
    c["global"] = m["global"] - c["local"]
    c["global_store"] = m["global_store"] - c["local"]
    c["cell"] = m["cell"] - c["local"]
    c["arith"] = m["arith"] - 3 * c["local"]
    c["jump"] = max(m["compare_jump"] - c["arith"] - 2 * c["local"], 0.0)
    c["attr"] = (m["attr"] - 2 * c["local"] + m["subscr"] - 3 * c["local"]) / 2
    c["build"] = m["build"] - 3 * c["local"]
    c["call"] = m["call_python"] - c["global"] - c["local"] - 2 * c["jump"]
    c["native_call"] = max(m["call_native"] - c["call"] - c["global"] - 2 * c["local"], 0.0)
    c["iter"] = max(m["loop_step"] - c["local"] - c["jump"], 0.0)
    return {k: max(v, 0.0) for k, v in c.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer iterations and repetitions")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    n, repeats = (20_000, 5) if args.quick else (200_000, 15)
    versions = ["3.9.18", "3.12.1"]
    figures = {}
    for version in versions:
        python = pyenv_python(version)
        if python is None:
            print(f"measure_costs: CPython {version} is not under pyenv; skipped", file=sys.stderr)
            continue
        figures[version] = solve(probe(python, n, repeats))
    if not figures:
        sys.exit("measure_costs: no CPython to measure (pyenv install 3.9.18 3.12.1)")
    if args.json:
        print(json.dumps(figures, indent=2, sort_keys=True))
        return
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    print(f"ns per instruction, minimum of {repeats} runs of {n:,} iterations x 20 statements; {cpu}, "
          f"{os.cpu_count()} cores")
    print()
    print("| class | " + " | ".join(figures) + " |")
    print("|---|" + "---|" * len(figures))
    for name in next(iter(figures.values())):
        print(f"| {name} | " + " | ".join(f"{figures[v][name]:.1f}" for v in figures) + " |")


if __name__ == "__main__":
    main()
