#!/usr/bin/env python3
"""How honest are the errors of the correlated-noise likelihood, to first order?

For each cube that `galpak-calibrate calibrate --keep DIR` simulated and fitted, compares the
error the likelihood states with the scatter the estimate really has under the simulator's exact
noise covariance, in the linear ("sandwich") approximation at the truth:

    F = Jᵀ A J                       (A: the fit's weighting, (1/σ²) Dᵀ diag(1/P) D, D the
                                      orthonormal 3-D DCT-II, P the model spectrum with its floor)
    stated covariance  = F⁻¹
    true covariance    = F⁻¹ (Jᵀ A C A J) F⁻¹   (C = σ² K Kᵀ, K the simulator's smoothing)

J is the model's Jacobian at the truth, by central differences of `galpak simulate` renders.
A ratio true/stated of 1 means honest errors; above 1, errors too small. Each cube is computed
with the spectrum as galpak builds it (`spatial_width_margin` from the fit's JSON) and without the
margin, to show what the margin does. It is a linear check over the whole cube (the fit's crop box
is ignored): it says nothing about a posterior that is not Gaussian.

    python scripts/noise_sandwich.py DIR [--galpak .build/release/galpak] [--class beam+hanning]

Needs numpy, scipy and astropy; the cubes' headers must carry SIM_NBM and SIM_NCH (written by
galpak-calibrate since the width margin was introduced).
"""
import argparse
import glob
import json
import os
import subprocess
import tempfile

import numpy as np
from astropy.io import fits
from scipy.fft import dctn, idctn
from scipy.ndimage import convolve1d

NAMES = ['x', 'y', 'z', 'flux', 'radius', 'inclination', 'pa', 'turnover_radius',
         'maximum_velocity', 'velocity_dispersion']
CARDS = ['SIM_X', 'SIM_Y', 'SIM_Z', 'SIM_FLUX', 'SIM_RAD', 'SIM_INC', 'SIM_PA', 'SIM_RT',
         'SIM_VMAX', 'SIM_SIG0']
FWHM_PER_SIGMA = 2.0 * np.sqrt(2.0 * np.log(2.0))
FLOOR = 0.02  # NoisePowerSpectrum.defaultFloor


def cosine_spectrum(n, fwhm):
    """S(πk/n), k < n, of a Gaussian correlation whose equivalent smoothing FWHM is `fwhm`."""
    if fwhm <= 0:
        return np.ones(n)
    s = fwhm / FWHM_PER_SIGMA * np.sqrt(2.0)
    tau = np.arange(-2 * n, 2 * n + 1)
    rho = np.exp(-tau ** 2 / (2 * s * s))
    return np.array([np.sum(rho * np.cos(np.pi * k / n * tau)) for k in range(n)])


def model_spectrum(shape, noise, margin):
    nz, ny, nx = shape
    spatial = cosine_spectrum(ny, noise['spatial_fwhm_px'])[:, None] * cosine_spectrum(nx, noise['spatial_fwhm_px'])[None, :]
    if margin > 0:
        w = noise['spatial_fwhm_px'] * (1 - margin)
        spatial = np.maximum(spatial, cosine_spectrum(ny, w)[:, None] * cosine_spectrum(nx, w)[None, :])
    p = cosine_spectrum(nz, noise['spectral_fwhm_channels'])[:, None, None] * spatial[None, :, :]
    return np.maximum(p, FLOOR)


def unit_power(taps):
    taps = np.asarray(taps, dtype=float)
    return taps / np.sqrt(np.sum(taps ** 2))


def exact_covariance(shape, sigma, beam_fwhm, channel_kernel):
    """v ↦ C v for the simulator's noise: σ²·K Kᵀ v, K the 'valid' separable smoothing of a padded white field."""
    nz, ny, nx = shape
    if beam_fwhm > 0:
        s = beam_fwhm / 2.35482
        h = int(np.ceil(4 * s))
        beam = unit_power(np.exp(-np.arange(-h, h + 1) ** 2 / (2 * s * s)))
    else:
        h, beam = 0, np.array([1.0])
    chan = unit_power(channel_kernel)
    hz = len(chan) // 2

    def apply(v):
        w = np.pad(v.reshape(shape), ((hz, hz), (h, h), (h, h)))
        for _ in range(2):  # Kᵀ (full, symmetric taps), then K (valid)
            w = convolve1d(w, beam, axis=2, mode='constant')
            w = convolve1d(w, beam, axis=1, mode='constant')
            w = convolve1d(w, chan, axis=0, mode='constant')
        return sigma ** 2 * w[hz:hz + nz, h:h + ny, h:h + nx].ravel()
    return apply


def jacobian(galpak, cube_path, instrument, truth, steps):
    columns = []
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'render.fits')

        def render(params):
            text = ','.join(f'{k}={v!r}' for k, v in params.items())
            subprocess.run([galpak, 'simulate', '--like', cube_path, '--instrument-file', instrument,
                            '--params', text, '--output', out, '--overwrite'], check=True, capture_output=True)
            return fits.getdata(out, 'DATA').astype(float)
        for name in NAMES:
            up, down = dict(truth), dict(truth)
            up[name] += steps[name]
            down[name] -= steps[name]
            columns.append(((render(up) - render(down)) / (2 * steps[name])).ravel())
    return np.array(columns).T


def ratios(jac, shape, sigma, spectrum, covariance):
    def weight(v):
        c = dctn(v.reshape(shape) / sigma, type=2, norm='ortho')
        return (idctn(c / spectrum, type=2, norm='ortho') / sigma).ravel()
    aj = np.column_stack([weight(jac[:, k]) for k in range(jac.shape[1])])
    fisher_inverse = np.linalg.inv(jac.T @ aj)
    middle = aj.T @ np.column_stack([covariance(aj[:, k]) for k in range(aj.shape[1])])
    true = fisher_inverse @ middle @ fisher_inverse
    return np.sqrt(np.diag(true) / np.diag(fisher_inverse))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('dir')
    parser.add_argument('--galpak', default='.build/release/galpak')
    parser.add_argument('--class', dest='noise_class', default='beam+hanning')
    args = parser.parse_args()
    rows = []
    kept = {}
    for path in glob.glob(os.path.join(args.dir, f'{args.noise_class}-*.fits')):
        number = path[:-5].rsplit('-', 1)[1]
        if number.isdigit() and os.path.exists(path[:-5] + '_galaxy_parameters.json'):
            kept[int(number)] = path
    for path in (kept[n] for n in sorted(kept)):
        prefix = path[:-5]
        fit = json.load(open(prefix + '_galaxy_parameters.json'))
        noise = fit.get('noise')
        header = fits.getheader(path, 'DATA')
        if noise is None or 'SIM_NBM' not in header:
            continue
        data = fits.getdata(path, 'DATA')
        shape = data.shape
        sigma = float(header['SIM_NOIS'])
        truth = {n: float(header[c]) for n, c in zip(NAMES, CARDS)}
        steps = {n: 0.2 * (fit['parameters'][n]['stdev'] or 1e-3) for n in NAMES}
        jac = jacobian(args.galpak, path, prefix + '_instrument.txt', truth, steps)
        cov = exact_covariance(shape, sigma, float(header['SIM_NBM']),
                               [float(t) for t in str(header['SIM_NCH']).split(',')])
        margin = noise.get('spatial_width_margin') or 0.0
        with_margin = ratios(jac, shape, sigma, model_spectrum(shape, noise, margin), cov)
        without = ratios(jac, shape, sigma, model_spectrum(shape, noise, 0.0), cov)
        rows.append((with_margin, without))
        print(f"{os.path.basename(prefix)}: beam {header['SIM_NBM']:.2f} px measured {noise['spatial_fwhm_px']:.2f}, "
              f"margin {margin:.3f}; true/stated " + ' '.join(f'{n} {r:.2f} ({r0:.2f})'
                                                             for n, r, r0 in zip(NAMES, with_margin, without)))
    if not rows:
        raise SystemExit(f'{args.dir}: no kept {args.noise_class} cube with a noise measurement and SIM_NBM')
    w = np.array([r[0] for r in rows])
    wo = np.array([r[1] for r in rows])
    print(f'\n{len(rows)} cubes; true/stated error with the margin (without), median / largest:')
    for k, n in enumerate(NAMES):
        print(f'  {n:20s} {np.median(w[:, k]):.3f} / {w[:, k].max():.2f}   ({np.median(wo[:, k]):.3f} / {wo[:, k].max():.2f})')


if __name__ == '__main__':
    main()
