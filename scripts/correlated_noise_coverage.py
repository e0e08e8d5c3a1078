#!/usr/bin/env python3
"""Coverage of galpak's 68 % intervals on cubes with correlated noise (issue 14, item 4).

Each cube: `galpak simulate` (noiseless, 30x30x36, PSF FWHM 4 px), plus white noise smoothed
by a 4-px FWHM Gaussian beam and a Hanning [1/4, 1/2, 1/4] channel kernel, rescaled to rms
sigma = peak/SNR; the STAT extension holds only sigma^2. Each cube is fitted with
--noise-correlation none and auto; prints coverage and median |error|/stdev per parameter.

usage: correlated_noise_coverage.py GALPAK WORKDIR [COUNT [SEED]]   (needs numpy, scipy, astropy)
"""
import json, subprocess, sys, pathlib
import numpy as np
from astropy.io import fits
from scipy.ndimage import gaussian_filter, convolve1d

galpak, work = sys.argv[1], pathlib.Path(sys.argv[2])
count = int(sys.argv[3]) if len(sys.argv) > 3 else 12
work.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(int(sys.argv[4]) if len(sys.argv) > 4 else 14)
names = ["radius", "inclination", "pa", "maximum_velocity", "velocity_dispersion"]
errors = {"none": {p: [] for p in names}, "auto": {p: [] for p in names}}
for i in range(count):
    truth = dict(x=14.5 + rng.uniform(-1, 1), y=15 + rng.uniform(-1, 1), z=18 + rng.uniform(-1, 1), flux=1000,
                 radius=rng.uniform(3, 5), inclination=rng.uniform(40, 70), pa=rng.uniform(0, 180),
                 turnover_radius=rng.uniform(1, 2), maximum_velocity=rng.uniform(150, 250),
                 velocity_dispersion=rng.uniform(40, 80))
    clean = work / f"clean{i}.fits"
    subprocess.run([galpak, "simulate", "--shape", "30,30,36", "--seeing", "0.8", "--overwrite", "-o", str(clean),
                    "--params", ",".join(f"{k}={v}" for k, v in truth.items())], check=True, capture_output=True)
    with fits.open(clean) as hdul:
        ext = "DATA" if "DATA" in hdul else 0
        model = hdul[ext].data.astype(float)
        noise = gaussian_filter(rng.standard_normal(model.shape), (0, 4 / 2.3548, 4 / 2.3548), mode="wrap")
        noise = convolve1d(noise, [0.25, 0.5, 0.25], axis=0, mode="wrap")
        sigma = model.max() / 10
        hdul[ext].data = model + sigma * noise / noise.std()
        hdul.append(fits.ImageHDU(np.full(model.shape, sigma ** 2), header=hdul[ext].header.copy(), name="STAT"))
        hdul.writeto(work / f"cube{i}.fits", overwrite=True)
    for mode in errors:
        prefix = work / f"fit{i}_{mode}"
        subprocess.run([galpak, "fit", str(work / f"cube{i}.fits"), "--seeing", "0.8", "--auto-scale", "--iterations", "3000", "--no-plots",
                        "--noise-correlation", mode, "--overwrite", "-o", str(prefix)], check=True, capture_output=True)
        fitted = json.loads(pathlib.Path(f"{prefix}_galaxy_parameters.json").read_text())["parameters"]
        for p in names:
            d = fitted[p]["value"] - truth[p]
            if p == "pa":
                d = (d + 180) % 360 - 180
            errors[mode][p].append(abs(d) / fitted[p]["stdev"])
for mode, table in errors.items():
    print(f"--noise-correlation {mode}: 68 % coverage / median |error|/stdev over {count} cubes")
    for p, r in table.items():
        r = np.array(r)
        print(f"  {p:20s} {np.mean(r < 1):5.2f}  {np.median(r):5.2f}")
