"""Independent draws per second of the reference Python GalPaK3D, for `make bench` (never used
by galpak itself).

Usage: python3 reference_ess.py CUBE SEEING ITERATIONS

Times `GalPaK3D(CUBE, seeing=SEEING, instrument=MUSEWFM()).run_mcmc(max_iterations=ITERATIONS)`
whole (construction + run, run_mcmc's defaults otherwise: Cauchy jumps, verbose=True, whose
per-step lines go to /dev/null; logging silenced), then computes on the last 60 % of its chain's rows (the
reference stores one row per accepted state, no repeats) the effective sample size of each of the
ten parameters, PA unwrapped around its circular mean first. The estimator is galpak's
`ConvergenceDiagnostics.effectiveSampleSize` (split halves, Geyer's initial positive then
monotone sequence; Stan's and ArviZ's `ess(method="mean")`) written again here.
Prints one JSON object: version, seconds, rows, ESS per parameter, the smallest and
ess_per_second = smallest ESS / seconds.
"""
import contextlib
import json
import logging
import math
import os
import sys
import time

import matplotlib
import numpy as np

matplotlib.use("Agg")
logging.disable(logging.CRITICAL)

import galpak  # noqa: E402

LAST_FRACTION = 0.6
PARAMETERS = ["x", "y", "z", "flux", "radius", "inclination", "pa", "turnover_radius",
              "maximum_velocity", "velocity_dispersion"]


def autocovariance(x):
    """Biased autocovariance c[t] = (1/n) sum_{i<n-t} (x_i - mean)(x_{i+t} - mean), t = 0..n-1,
    by FFT on a zero-padded length >= 2n."""
    n = len(x)
    padded = 1 << (2 * n - 1).bit_length()
    spectrum = np.fft.rfft(x - x.mean(), padded)
    return np.fft.irfft(spectrum * np.conj(spectrum), padded)[:n].real / n


def effective_sample_size(chains):
    """ESS of `chains` (lists of draws) together: each cut to the shortest (last draws kept) and
    into halves; autocorrelations combined across halves, summed with Geyer's initial positive
    sequence made monotone. NaN for fewer than 4 draws per half or no spread."""
    shortest = min(len(c) for c in chains)
    if shortest < 4:
        return math.nan
    half = shortest // 2
    halves = []
    for c in chains:
        tail = np.asarray(c[len(c) - shortest:], dtype=float)
        halves += [tail[:half], tail[len(tail) - half:]]
    n, m = half, len(halves)
    if n < 4:
        return math.nan
    covariances = np.array([autocovariance(h) for h in halves])
    mean_covariance = covariances.mean(axis=0)
    mean_variance = mean_covariance[0] * n / (n - 1)
    var_plus = mean_variance * (n - 1) / n
    if m > 1:
        var_plus += np.var([h.mean() for h in halves], ddof=1)
    if not var_plus > 0:
        return math.nan

    rho = np.zeros(n)
    rho[0] = 1.0
    rho_even = 1.0
    rho_odd = 1 - (mean_variance - mean_covariance[1]) / var_plus
    rho[1] = rho_odd
    # Geyer's initial positive sequence.
    t = 1
    while t < n - 3 and rho_even + rho_odd > 0:
        rho_even = 1 - (mean_variance - mean_covariance[t + 1]) / var_plus
        rho_odd = 1 - (mean_variance - mean_covariance[t + 2]) / var_plus
        if rho_even + rho_odd >= 0:
            rho[t + 1] = rho_even
            rho[t + 2] = rho_odd
        t += 2
    max_t = t - 2
    if rho_even > 0:
        rho[max_t + 1] = rho_even
    # Geyer's initial monotone sequence.
    t = 1
    while t <= max_t - 2:
        if rho[t + 1] + rho[t + 2] > rho[t - 1] + rho[t]:
            rho[t + 1] = (rho[t - 1] + rho[t]) / 2
            rho[t + 2] = rho[t + 1]
        t += 2
    draws = m * n
    tau = -1 + 2 * rho[:max_t + 1].sum() + rho[max_t + 1]
    tau = max(tau, 1 / math.log10(draws))
    return draws / tau


def unwrap_pa(pa):
    """PA (degrees) moved by whole turns to within half a turn of its circular mean."""
    radians = np.radians(pa)
    centre = math.degrees(math.atan2(np.sin(radians).mean(), np.cos(radians).mean()))
    offset = np.remainder(pa - centre, 360)
    return centre + np.where(offset > 180, offset - 360, offset)


def main():
    cube, seeing, iterations = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        start = time.perf_counter()
        g = galpak.GalPaK3D(cube, seeing=seeing, instrument=galpak.MUSEWFM())
        g.run_mcmc(max_iterations=iterations)
        seconds = time.perf_counter() - start

    rows = len(g.chain)
    last = g.chain[rows - int(rows * LAST_FRACTION):]
    ess = {}
    for name in PARAMETERS:
        values = np.asarray(last[name], dtype=float)
        if name == "pa":
            values = unwrap_pa(values)
        ess[name] = effective_sample_size([values])
    measured = [p for p in PARAMETERS if not math.isnan(ess[p])]
    if not measured:
        sys.exit("reference_ess.py: no parameter of the reference's chain moved")
    smallest = min(measured, key=lambda p: ess[p])
    print(json.dumps({
        "galpak_version": getattr(galpak, "__version__", "unknown"),
        "seconds": seconds,
        "iterations": iterations,
        "rows": rows,
        "rows_compared": len(last),
        "acceptance_rate": float(g.acceptance_rate),
        "ess": {p: (None if math.isnan(v) else v) for p, v in ess.items()},
        "min_ess": ess[smallest],
        "min_ess_parameter": smallest,
        "ess_per_second": ess[smallest] / seconds,
    }))


if __name__ == "__main__":
    main()
