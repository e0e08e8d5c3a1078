#!/usr/bin/env python3
"""Open every FITS product of a galpak fit with astropy and check its WCS against the input cube.

    python3 scripts/check_products_astropy.py PREFIX CUBE

An independent reader of galpak's files (astropy.io.fits and astropy.wcs, not galpak's wcslib calls):
- every FITS file of the fit (the `files` its JSON lists) opens, passes astropy's `verify('exception')`, and its images hold finite
  or NaN floats of the stated shape;
- the model cubes (convolved, deconvolved, residuals) have the cube's full WCS: the same world
  coordinates (RA, Dec, spectral) as CUBE at its corner and centre voxels;
- every 2-D sky map (flux/velocity/dispersion maps, residual maps, Voronoi bins) has the cube's
  celestial WCS: the same RA, Dec at corner and inner pixels;
- the position-velocity diagrams have images DATA and MODEL of one shape, axis 1 an OFFSET in
  arcsec stepping by the cube's pixel scale, axis 2 a velocity in km/s (astropy holds it in m/s),
  zero at the systemic channel z of PREFIX_galaxy_parameters.json, and row k at (k - z) times the
  model's velocity step, the reference's, computed here from the cube's spectral WCS as astropy
  reads it: 3e5 km/s x the channel width / the spectral value of channel nz // 2 - 1 (to 1e-6).
Prints one line per file checked and exits 1 at the first failure, naming the file and the problem.
"""
import json
import os
import sys
import warnings

import numpy as np
from astropy import units as u
from astropy.io import fits
from astropy.wcs import WCS, FITSFixedWarning

warnings.simplefilter("ignore", FITSFixedWarning)


def fail(path, problem):
    print(f"{path}: {problem}")
    sys.exit(1)


def image_hdus(hdul):
    return [h for h in hdul if h.data is not None and h.is_image]


def pixel_grid(shape):
    """Corner and inner pixel positions (0-based) of an image of numpy `shape` (reversed FITS axes)."""
    n = shape[::-1]
    corners = [[0.0] * len(n), [float(k - 1) for k in n], [(k - 1) / 2 + 0.25 for k in n]]
    return np.array(corners)


def world_si(wcs, pixels):
    """World coordinates of `pixels` in SI units (astropy keeps a LINEAR axis in its CUNIT, but
    holds a WAVE/AWAV axis in metres), so that two spellings of one axis compare."""
    world = wcs.wcs_pix2world(pixels, 0)
    scales = [1.0 if (not str(unit) or unit.physical_type == "angle") else unit.si.scale
              for unit in wcs.wcs.cunit]
    return world * np.array(scales)


def same_world(path, wcs, reference, pixels, what):
    a, b = world_si(wcs, pixels), world_si(reference, pixels)
    if not np.allclose(a, b, rtol=1e-12, atol=1e-9 * np.maximum(1, np.abs(b)).max(axis=0)):
        fail(path, f"{what} differs from the cube's: {a.tolist()} against {b.tolist()}")


def check_pv(path, hdul, cube_wcs, z, pixscale_arcsec):
    names = [h.name for h in image_hdus(hdul)]
    if names != ["DATA", "MODEL"]:
        fail(path, f"images {names}, expected DATA and MODEL")
    data, model = hdul["DATA"], hdul["MODEL"]
    if data.data.shape != model.data.shape:
        fail(path, f"DATA {data.data.shape} and MODEL {model.data.shape} differ")
    w = WCS(data.header)
    if data.header.get("CTYPE1") != "OFFSET" or data.header.get("CUNIT1") != "arcsec":
        fail(path, f"axis 1 is {data.header.get('CTYPE1')} in {data.header.get('CUNIT1')}, expected OFFSET in arcsec")
    if data.header.get("CUNIT2") != "km/s":
        fail(path, f"axis 2 is in {data.header.get('CUNIT2')}, expected km/s")
    # astropy.wcs may hold the axes in its own units (SI for a velocity): convert back.
    to_arcsec = w.wcs.cunit[0].to(u.arcsec)
    to_kms = w.wcs.cunit[1].to(u.km / u.s)
    nv, noff = data.data.shape
    offsets = w.all_pix2world(np.arange(noff), np.zeros(noff), 0)[0] * to_arcsec
    if not np.allclose(np.diff(offsets), pixscale_arcsec, rtol=1e-9):
        fail(path, f"offsets step by {np.diff(offsets)[:3]}, expected the pixel scale {pixscale_arcsec} arcsec")
    if not (offsets.min() <= 0 <= offsets.max()):
        fail(path, "the offsets do not include the slit's centre")
    v_kms = w.all_pix2world(np.zeros(nv), np.arange(nv), 0)[1] * to_kms
    if abs(np.interp(z, np.arange(nv), v_kms)) > 1e-6:
        fail(path, f"velocity at the systemic channel z = {z} is {np.interp(z, np.arange(nv), v_kms)} km/s, not 0")
    # The model's velocity scale, the reference's: one step per channel, c = 3e5 km/s times the
    # channel's width over the spectral value of channel nz // 2 - 1 (a velocity axis: its step).
    spectral = cube_wcs.sub([3])  # the third axis, also when astropy does not call it spectral
    nz = int(cube_wcs.pixel_shape[2])
    k_c = nz // 2 - 1
    a, b = spectral.all_pix2world([k_c, k_c + 1], 0)[0]
    unit = spectral.wcs.cunit[0]
    if unit.physical_type == "length":
        step = 3e5 * (b - a) / a
    elif unit.physical_type == "frequency":
        step = -3e5 * (b - a) / a
    else:  # a velocity axis
        step = (b - a) * unit.to(u.km / u.s)
    expected = (np.arange(nv) - z) * step
    if np.max(np.abs(v_kms - expected)) > 1e-6 * abs(step):
        fail(path, f"row velocities differ from (k - z) x {step:.6g} km/s by up to {np.max(np.abs(v_kms - expected)):.3g} km/s")


def pixscale_card(header):
    """The pixel scale in arcsec of a cube without a celestial WCS: |CDELT2| (or CD2_2) in CUNIT2
    (degrees when not given), as galpak reads it."""
    value = header.get("CDELT2", header.get("CD2_2"))
    if value is None:
        fail("cube", "no celestial WCS and no CDELT2: the pixel scale is unknown")
    unit = u.Unit(header.get("CUNIT2", "deg") or "deg")
    return abs(value) * unit.to(u.arcsec)


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2].strip())
        sys.exit(2)
    prefix, cube_path = sys.argv[1], sys.argv[2]
    with fits.open(cube_path) as cube:
        primary = image_hdus(cube)[0]
        cube_wcs = WCS(primary.header)
    if cube_wcs.naxis > 3:  # a degenerate Stokes axis, which galpak's products drop
        cube_wcs = cube_wcs.sub([1, 2, 3])
    celestial = cube_wcs.celestial if cube_wcs.has_celestial else None
    pixscale_arcsec = (abs(celestial.proj_plane_pixel_scales()[1].to_value(u.arcsec)) if celestial
                       else pixscale_card(primary.header))
    with open(prefix + "_galaxy_parameters.json") as f:
        record = json.load(f)
    z = record["parameters"]["z"]["value"]
    # The fit's FITS products, as its JSON lists them (beside the prefix, whatever else is there).
    directory = os.path.dirname(prefix)
    paths = sorted(os.path.join(directory, entry["name"]) for entry in record["files"]
                   if entry["name"].endswith(".fits"))
    if not paths:
        fail(prefix, "no FITS product")
    kinds = {"cube": 0, "map": 0, "pv": 0, "other": 0}
    for path in paths:
        with fits.open(path) as hdul:
            try:
                hdul.verify("exception")
            except Exception as error:  # astropy raises VerifyError and its relatives
                fail(path, f"astropy's verify: {error}")
            images = image_hdus(hdul)
            if not images:
                fail(path, "holds no image")
            for h in images:
                if not np.issubdtype(h.data.dtype, np.floating):
                    fail(path, f"{h.name} is {h.data.dtype}, not floating point")
            if path.endswith(("_pv_major.fits", "_pv_minor.fits")):
                check_pv(path, hdul, cube_wcs, z, pixscale_arcsec)
                kinds["pv"] += 1
                print(f"{path}: PV diagram {images[0].data.shape}, offset and velocity axes right")
                continue
            h = images[0]
            if path.endswith("_3Dkernel.fits"):
                kinds["other"] += 1
                print(f"{path}: kernel {h.data.shape}")
                continue
            wcs = WCS(h.header)
            if h.data.ndim == 3:
                same_world(path, wcs, cube_wcs, pixel_grid(h.data.shape), "the 3-D WCS")
                kinds["cube"] += 1
                print(f"{path}: cube {h.data.shape}, the cube's WCS")
            elif h.data.ndim == 2:
                if celestial is None:
                    if wcs.has_celestial:
                        fail(path, "a celestial WCS on a map of a cube that has none")
                    kinds["map"] += 1
                    print(f"{path}: map {h.data.shape}, no celestial WCS (neither has the cube)")
                    continue
                if wcs.naxis != 2 or not wcs.has_celestial:
                    fail(path, f"a map without a celestial WCS (axes {wcs.wcs.ctype})")
                same_world(path, wcs, celestial, pixel_grid(h.data.shape), "the celestial WCS")
                kinds["map"] += 1
                print(f"{path}: map {h.data.shape}, the cube's celestial WCS")
            else:
                fail(path, f"an image of {h.data.ndim} axes")
    print("checked " + ", ".join(f"{n} {k}" for k, n in kinds.items()))


if __name__ == "__main__":
    main()
