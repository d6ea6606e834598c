#pragma once
// Running a Python program on the interpreter inside a test.
#include "compiler.hpp"
#include "live_executor.hpp"
#include "sim_executor.hpp"

#include <string>

namespace threadlab::test {

struct ProgramResult {
    int exit_code = -1;
    std::string out, err;
    RunOutcome outcome;
    std::unique_ptr<Recorder> recorder;
};

// `charge_costs` false: no model cost, as the benches measure the raw VM.
inline ProgramResult RunPython(const std::string& source, Model model, double time_scale = 1.0,
                               std::vector<std::string> watch = {}, StopFlag* stop = nullptr, bool charge_costs = true)
{
    ProgramResult r;
    std::unique_ptr<py::Program> program = py::CompileProgram("test.py", source);
    py::RunSettings settings;
    settings.charge_costs = charge_costs;
    settings.model = model;
    settings.time_scale = time_scale;
    settings.watch = std::move(watch);
    RunConfig config;
    config.model = model;
    config.time_scale = time_scale;
    r.recorder = std::make_unique<Recorder>();
    StopFlag own;
    const py::OutputFn output = [&](std::string_view s, bool err) { (err ? r.err : r.out) += s; };
    const py::ProgramRun run = py::RunLive(*program, settings, config, *r.recorder, stop ? *stop : own, output);
    r.exit_code = run.exit_code;
    r.outcome = run.outcome;
    return r;
}

// The same program on the simulated executor, from `seed`, on `cores` virtual cores.
inline ProgramResult RunSimulatedPython(const std::string& source, Model model, uint64_t seed = 1, int cores = 2,
                                        StopFlag* stop = nullptr)
{
    ProgramResult r;
    std::unique_ptr<py::Program> program = py::CompileProgram("sim.py", source);
    py::RunSettings settings;
    settings.model = model;
    RunConfig config;
    config.model = model;
    py::SimSettings sim;
    sim.seed = seed;
    sim.cores = cores;
    r.recorder = std::make_unique<Recorder>();
    StopFlag own;
    const py::OutputFn output = [&](std::string_view s, bool err) { (err ? r.err : r.out) += s; };
    const py::ProgramRun run = py::RunSimulated(*program, settings, config, sim, *r.recorder, stop ? *stop : own, output);
    r.exit_code = run.exit_code;
    r.outcome = run.outcome;
    return r;
}

} // namespace threadlab::test
