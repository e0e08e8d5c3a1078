#!/usr/bin/env python3
"""Expected sky-frame values from astropy, for galpak's SkyFrameReferenceTests.

Writes Tests/GalPaKTests/Fixtures/sky/astropy_sky.json: for a few cube headers (rotated CD
matrix, skewed PC matrix, SIN, TAN, NCP with CROTA2, a B1950 FK4 header with Dec along x,
galactic axes, the real CARMA crop), the values astropy gives:

  * positions: WCS(header).celestial.pixel_to_world(x, y) (0-based pixels) in the header's own
    frame, and the sky offsets (east, north; arcsec, from SkyCoord.spherical_offsets_to) per
    pixel along x and along y (central differences of ±0.1 pixel);
  * position angles: SkyCoord.position_angle (east of north) from pixel (x, y) − 0.1·d to
    (x, y) + 0.1·d, d = (sin pa, -cos pa) the receding side of the pixel-frame pa;
  * the beam's pixel-frame ellipse: BMAJ/BMIN/BPA carried to pixels through the same
    astropy offsets (the FWHM "covariance" L Σ Lᵀ), for the PSF galpak builds from it;
  * velocities: WCS(header).spectral.pixel_to_world(k) converted with SpectralCoord.to(km/s,
    doppler_convention, doppler_rest) in each definition, and the redshift λ/λ0 − 1.

galpak never runs this (CI has no astropy): it is kept to regenerate the fixture, with
    /path/to/python-with-astropy scripts/sky-reference.py
"""
import json
import math
import os
import warnings

import astropy
import astropy.units as u
import numpy as np
from astropy.coordinates import SkyCoord
from astropy.io import fits
from astropy.wcs import WCS, FITSFixedWarning

warnings.simplefilter("ignore", FITSFixedWarning)
warnings.simplefilter("ignore", fits.verify.VerifyWarning)

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "Tests", "GalPaKTests", "Fixtures")
# Pixel step of the central differences: large against wcslib's ~1e-10° noise in the inverse
# of slant projections (NCP), small against any curvature over the field.
STEP = 0.1


def rotated_cd(cdelt1, cdelt2, rho):
    r = math.radians(rho)
    return {"CD1_1": cdelt1 * math.cos(r), "CD1_2": -cdelt2 * math.sin(r),
            "CD2_1": cdelt1 * math.sin(r), "CD2_2": cdelt2 * math.cos(r)}


def cases():
    arcsec = 1 / 3600
    yield {
        "name": "tan_rotated_cd_fk5",
        "shape": [9, 8, 6],
        "cards": {"CTYPE1": "RA---TAN", "CTYPE2": "DEC--TAN", "CUNIT1": "deg", "CUNIT2": "deg",
                  "CRPIX1": 4.5, "CRPIX2": 3.0, "CRVAL1": 53.1625, "CRVAL2": -27.7914,
                  **rotated_cd(-0.2 * arcsec, 0.2 * arcsec, 30.0),
                  "CTYPE3": "WAVE", "CUNIT3": "Angstrom", "CRPIX3": 1.0, "CRVAL3": 8740.0, "CD3_3": 1.25,
                  "RESTWAV": 6564.614e-10, "RADESYS": "FK5", "EQUINOX": 2000.0,
                  "BMAJ": 0.7 * arcsec, "BMIN": 0.5 * arcsec, "BPA": 20.0},
        "definitions": ["optical", "radio", "relativistic"],
    }
    yield {
        "name": "sin_skewed_pc_icrs_frequency",
        "shape": [10, 9, 5],
        "cards": {"CTYPE1": "RA---SIN", "CTYPE2": "DEC--SIN", "CRPIX1": 5.0, "CRPIX2": 4.0,
                  "CRVAL1": 180.71125, "CRVAL2": 48.636194, "CDELT1": -0.5 * arcsec, "CDELT2": 0.5 * arcsec,
                  "PC1_1": 1.0, "PC1_2": 0.1, "PC2_1": -0.05, "PC2_2": 1.0,
                  "CTYPE3": "FREQ", "CUNIT3": "Hz", "CRPIX3": 1.0, "CRVAL3": 113.9e9, "CDELT3": 7.8e6,
                  "RESTFRQ": 115.271204e9, "SPECSYS": "LSRK",
                  "BMAJ": 2.0 * arcsec, "BMIN": 1.2 * arcsec, "BPA": -35.0},
        "definitions": ["radio", "optical", "relativistic"],
    }
    yield {
        "name": "ncp_crota2_b1950_velo_lsr",
        "shape": [8, 8, 5],
        "cards": {"CTYPE1": "RA---NCP", "CTYPE2": "DEC--NCP", "CRPIX1": 4.0, "CRPIX2": 5.0,
                  "CRVAL1": 201.365, "CRVAL2": 30.45, "CDELT1": -4.0 * arcsec, "CDELT2": 4.0 * arcsec,
                  "CROTA2": 20.0, "EPOCH": 1950.0,
                  "CTYPE3": "VELO-LSR", "CUNIT3": "m/s", "CRPIX3": 1.0, "CRVAL3": 450e3, "CDELT3": 5.2e3,
                  "VELREF": 257, "RESTFREQ": 1.42040575e9,
                  "BMAJ": 15.0 * arcsec, "BMIN": 10.0 * arcsec, "BPA": 70.0},
        "definitions": ["radio", "optical", "relativistic"],
    }
    yield {
        "name": "tan_fk4_b1950_dec_along_x_vopt",
        "shape": [7, 9, 5],
        "cards": {"CTYPE1": "DEC--TAN", "CTYPE2": "RA---TAN", "CRPIX1": 4.0, "CRPIX2": 5.0,
                  "CRVAL1": 12.5, "CRVAL2": 150.25, "CDELT1": 0.3 * arcsec, "CDELT2": 0.3 * arcsec,
                  "RADESYS": "FK4", "EQUINOX": 1950.0,
                  "CTYPE3": "VOPT", "CUNIT3": "km/s", "CRPIX3": 3.0, "CRVAL3": 1520.0, "CDELT3": -12.5,
                  "RESTFRQ": 115.271204e9},
        "definitions": ["optical", "radio", "relativistic"],
    }
    yield {
        "name": "sin_galactic_flipped_rotated",
        "shape": [9, 9, 5],
        "cards": {"CTYPE1": "GLON-SIN", "CTYPE2": "GLAT-SIN", "CRPIX1": 5.0, "CRPIX2": 5.0,
                  "CRVAL1": 30.5, "CRVAL2": -2.25, "CDELT1": 0.25 * arcsec, "CDELT2": 0.25 * arcsec,
                  "PC1_1": math.cos(math.radians(100)), "PC1_2": -math.sin(math.radians(100)),
                  "PC2_1": math.sin(math.radians(100)), "PC2_2": math.cos(math.radians(100)),
                  "CTYPE3": "WAVE", "CUNIT3": "um", "CRPIX3": 1.0, "CRVAL3": 2.1300, "CDELT3": 2.5e-4,
                  "RESTWAV": 2.1218e-6},
        "definitions": ["optical", "radio"],
    }
    yield {
        "name": "tan_icrs_near_pole_rest_given",
        "shape": [9, 9, 5],
        "cards": {"CTYPE1": "RA---TAN", "CTYPE2": "DEC--TAN", "CRPIX1": 5.0, "CRPIX2": 5.0,
                  "CRVAL1": 310.0, "CRVAL2": 86.5, **rotated_cd(-0.4 * arcsec, 0.4 * arcsec, -50.0),
                  "RADESYS": "ICRS",
                  "CTYPE3": "WAVE", "CUNIT3": "Angstrom", "CRPIX3": 1.0, "CRVAL3": 6600.0, "CD3_3": 0.9},
        "rest": 6564.614,
        "definitions": ["optical", "relativistic"],
    }
    carma = fits.getheader(os.path.join(FIXTURES, "carma_NGC4047_crop.fits"))
    yield {
        "name": "carma_NGC4047_crop",
        "file": "carma_NGC4047_crop.fits",
        "header": carma,
        "shape": [carma["NAXIS1"], carma["NAXIS2"], carma["NAXIS3"]],
        "definitions": ["radio", "optical"],
    }


def header_of(case):
    if "header" in case:
        return case["header"]
    h = fits.Header()
    h["NAXIS"] = 3
    for n, v in zip((1, 2, 3), case["shape"]):
        h[f"NAXIS{n}"] = v
    for k, v in case["cards"].items():
        h[k] = v
    return h


def card_text(v):
    if isinstance(v, str):
        return "'" + v.replace("'", "''") + "'"
    return repr(v) if isinstance(v, float) else str(v)


def frame_of(coord):
    f = coord.frame
    name = f.name.upper()
    equinox = None
    if name in ("FK4", "FK4NOETERMS"):
        equinox = f.equinox.byear
    elif name == "FK5":
        equinox = f.equinox.jyear
    return name, equinox


def offsets(w, x, y):
    c0 = w.pixel_to_world(x, y)
    out = []
    for dx, dy in ((STEP, 0), (0, STEP)):
        plus = c0.spherical_offsets_to(w.pixel_to_world(x + dx, y + dy))
        minus = c0.spherical_offsets_to(w.pixel_to_world(x - dx, y - dy))
        out.append([(p - m).to_value(u.arcsec) / (2 * STEP) for p, m in zip(plus, minus)])
    return out


def beam_ellipse(w, x, y, bmaj, bmin, bpa, pixscale):
    # L maps (east, north) arcsec to pixels: the inverse of the offsets' matrix.
    (ex, nx), (ey, ny) = offsets(w, x, y)  # sky offsets per pixel along x and along y
    J = np.array([[ex, ey], [nx, ny]])  # (east, north) per (x, y) pixel
    L = np.linalg.inv(J)
    t = math.radians(bpa)
    uvec = np.array([math.sin(t), math.cos(t)])
    vvec = np.array([math.cos(t), -math.sin(t)])
    S = bmaj ** 2 * np.outer(uvec, uvec) + bmin ** 2 * np.outer(vvec, vvec)
    M = L @ S @ L.T
    vals, vecs = np.linalg.eigh(M)
    major = vecs[:, 1]
    pa = math.degrees(math.atan2(-major[0], major[1])) % 180
    return {"fwhm_arcsec": math.sqrt(vals[1]) * pixscale, "ba": math.sqrt(vals[0] / vals[1]), "pa_pixel": pa}


def pixscale_of(h):
    # galpak's pixel scale: the length of the y column of the CD (or CDELT·PC) matrix, arcsec.
    w = WCS(h).celestial
    m = w.pixel_scale_matrix * 3600
    return float(np.hypot(m[0, 1], m[1, 1]))


def build(case):
    h = header_of(case)
    w = WCS(h).celestial
    nx, ny, nz = case["shape"]
    points = [((nx - 1) / 2, (ny - 1) / 2), (0.0, 0.0), (nx - 1.0, ny - 1.0), (1.3, ny - 2.6)]
    out = {"name": case["name"], "shape": case["shape"]}
    if "file" in case:
        out["file"] = case["file"]
    else:
        out["cards"] = [[k, card_text(v)] for k, v in case["cards"].items()]
    out["rest"] = case.get("rest")
    frame, equinox = frame_of(w.pixel_to_world(0, 0))
    out["frame"], out["equinox"] = frame, equinox
    out["positions"] = []
    for x, y in points:
        c = w.pixel_to_world(x, y)
        sph = c.spherical
        out["positions"].append({"x": x, "y": y, "lon": sph.lon.deg, "lat": sph.lat.deg,
                                 "offset_per_pixel_x": offsets(w, x, y)[0],
                                 "offset_per_pixel_y": offsets(w, x, y)[1]})
    out["position_angles"] = []
    for (x, y), pa in zip(points * 2, (0.0, 37.5, 90.0, 181.0, 250.0, 300.0, 359.0, 123.4)):
        t = math.radians(pa)
        c0 = w.pixel_to_world(x - STEP * math.sin(t), y + STEP * math.cos(t))
        c1 = w.pixel_to_world(x + STEP * math.sin(t), y - STEP * math.cos(t))
        out["position_angles"].append({"x": x, "y": y, "pa_pixel": pa,
                                       "pa_east_of_north": c0.position_angle(c1).deg % 360})
    if "BMAJ" in h:
        bmaj, bmin, bpa = h["BMAJ"] * 3600, h.get("BMIN", h["BMAJ"]) * 3600, h.get("BPA", 0.0)
        cx, cy = (nx - 1) / 2, (ny - 1) / 2
        out["beam"] = {"bmaj_arcsec": bmaj, "bmin_arcsec": bmin, "bpa": bpa,
                       **beam_ellipse(w, cx, cy, bmaj, bmin, bpa, pixscale_of(h))}
    else:
        out["beam"] = None
    spectral = WCS(h).spectral
    rest = None
    if case.get("rest") is not None:
        rest = case["rest"] * u.Unit(h["CUNIT3"].replace("Angstrom", "AA"))
    elif "RESTWAV" in h:
        rest = h["RESTWAV"] * u.m
    elif "RESTFRQ" in h or "RESTFREQ" in h:
        rest = h.get("RESTFRQ", h.get("RESTFREQ")) * u.Hz
    out["velocities"] = []
    for k in (0.0, 1.7, nz - 1.0):
        sc = spectral.pixel_to_world(k)
        if sc.unit.physical_type == "speed":
            # The axis's own convention (VRAD radio, VOPT optical, ...), which astropy sets.
            print(f"  {case['name']}: velocity axis, doppler_convention {sc.doppler_convention}")
            wave = sc.to(u.m, doppler_rest=rest)
        else:
            wave = sc.to(u.m)
        redshift = (wave / rest.to(u.m, equivalencies=u.spectral())).decompose().value - 1
        for definition in case["definitions"]:
            v = sc.to(u.km / u.s, doppler_convention=definition, doppler_rest=rest)
            out["velocities"].append({"channel": k, "definition": definition, "kms": v.value,
                                      "redshift": redshift})
    return out


def main():
    result = {"generator": f"scripts/sky-reference.py with astropy {astropy.__version__}",
              "cases": [build(c) for c in cases()]}
    path = os.path.join(FIXTURES, "sky", "astropy_sky.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    print(f"wrote {os.path.relpath(path)}: {len(result['cases'])} cases")


if __name__ == "__main__":
    main()
