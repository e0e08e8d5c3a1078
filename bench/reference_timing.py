"""Times the reference Python GalPaK3D on a cube, for `make bench` (never used by galpak itself).

Usage: python3 reference_timing.py CUBE SEEING ITERATIONS
Prints one JSON object: median ms per model evaluation (compute_chi: render, convolve, chi2),
wall seconds and ms per accepted step of galpak.run with plain Cauchy sampling, and the number
of model evaluations it made (counted by wrapping create_convolved_cube).
"""
import json
import logging
import sys
import time

import matplotlib

matplotlib.use("Agg")
logging.disable(logging.CRITICAL)

import galpak  # noqa: E402

cube, seeing, iterations = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])

calls = {"n": 0}
original = galpak.GalPaK3D.create_convolved_cube


def counted(self, *args, **kwargs):
    calls["n"] += 1
    return original(self, *args, **kwargs)


galpak.GalPaK3D.create_convolved_cube = counted

start = time.perf_counter()
g = galpak.run(cube, seeing=seeing, instrument=galpak.MUSEWFM(), max_iterations=iterations,
               verbose=False, mcmc_sampling="Cauchy")
wall = time.perf_counter() - start
evaluations = calls["n"]

samples = []
params = g.galaxy
for _ in range(200):
    t = time.perf_counter()
    g.compute_chi(params)
    samples.append(time.perf_counter() - t)
samples.sort()
print(json.dumps({
    "galpak_version": getattr(galpak, "__version__", "unknown"),
    "evaluation_ms_median": 1e3 * samples[len(samples) // 2],
    "run_seconds": wall,
    "iterations": iterations,
    "accepted_step_ms": 1e3 * wall / iterations,
    "model_evaluations": evaluations,
}))
