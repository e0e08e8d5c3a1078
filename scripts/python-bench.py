#!/usr/bin/env python3
"""The cost of one pygalpak Model.loglike call from Python, next to galpak-bench's model
evaluation on the same 30x30x36 case (`make bench` runs it after galpak-bench).

The cube is galpak-bench's reference case made again with `galpak simulate` (MUSE WFM,
0.2"/px, 6540 A + 1.25 A per channel, PSF 0.7", peak S/N 12, seed 11, the §10 galaxy); the
calls cycle through eight parameter sets (PA + n deg, inclination + n/2 deg) as galpak-bench's
do. Prints the median time of one call (as galpak-bench reports medians: on a shared machine
the mean carries the other jobs' interruptions) and, when bench.json (galpak-bench's output) is
there, its evaluation time and the ratio (the goal is at most 1.2).
"""

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python"))

import pygalpak  # noqa: E402

TRUTH = dict(x=15.3, y=14.6, z=17.4, flux=1000.0, radius=4.0, inclination=55.0, pa=30.0,
             turnover_radius=1.5, maximum_velocity=180.0, velocity_dispersion=40.0)
GRID = dict(instrument="musewfm", seeing=0.7, crval3=6540.0, cdelt3=1.25, pixscale=0.2)


def seconds_per_call(model, calls):
    """Median time of one loglike call over ``calls`` calls, seconds."""
    variants = []
    for n in range(8):
        p = dict(TRUTH, pa=TRUTH["pa"] + n, inclination=TRUTH["inclination"] + 0.5 * n)
        variants.append(model.vector(p))
    for v in variants:
        model.loglike(v)
    times = []
    for n in range(calls):
        start = time.perf_counter()
        model.loglike(variants[n % 8])
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-json", default="bench.json", help="galpak-bench's output (default bench.json)")
    parser.add_argument("--calls", type=int, default=1000, help="calls timed (default 1000)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pygalpak-bench-") as folder:
        cube = Path(folder) / "bench_cube.fits"
        pygalpak.simulate(cube, TRUTH, shape=(30, 30, 36), snr=12, seed=11, **GRID)
        with pygalpak.Model(cube, instrument="musewfm", seeing=0.7) as model:
            ours = seconds_per_call(model, arguments.calls) * 1e3
    print(f"pygalpak Model.loglike on 30x30x36: {ours:.3f} ms per call (median of {arguments.calls})")
    bench = Path(arguments.bench_json)
    if not bench.is_file():
        print(f"({bench} not found: no galpak-bench evaluation time to compare with)")
        return
    evaluations = json.loads(bench.read_text()).get("evaluations", [])
    swift = next((e["evaluation_ms"] for e in evaluations if e.get("cube_nx_ny_nz") == [30, 30, 36]), None)
    if swift is None:
        print(f"({bench} has no 30x30x36 evaluation time)")
        return
    print(f"galpak-bench evaluation on 30x30x36: {swift:.3f} ms; Python / Swift = {ours / swift:.2f} (goal <= 1.2)")


if __name__ == "__main__":
    main()
