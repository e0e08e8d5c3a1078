"""Model.evaluate in process against `galpak simulate` (and the reference GalPaK3D's renders) on
the parity cases of Tests/GalPaKTests/Fixtures/parity."""

import json

import numpy as np
import pytest
from astropy.io import fits

import pygalpak
from conftest import PARITY

CASES = sorted(PARITY.glob("*.json"))
# The reference's instrument classes by the presets' names.
INSTRUMENTS = {"MUSE": "muse", "KMOS": "kmos", "SINFOK250": "sinfok250", "ALMA": "alma"}


def options(case):
    """The instrument, model and grid options of a parity case, as galpak's option names."""
    cube, model, instrument = case["cube"], case["model"], case["instrument"]
    psf, lsf = instrument["psf"], instrument["lsf"]
    chosen = dict(instrument=INSTRUMENTS[instrument["name"]], seeing=psf["fwhm_arcsec"], psf_ba=psf["ba"],
                  psf_pa=psf["pa_deg"], crval3=cube["CRVAL3"], cdelt3=cube["CDELT3"], crpix3=cube["CRPIX3"],
                  cunit3=cube["CUNIT3"], pixscale=cube["pixscale_arcsec"],
                  flux_profile=model["flux_profile"], rotation_curve=model["rotation_curve"],
                  thickness=model["thickness_profile"], dispersion=model["dispersion_profile"], aspect=model["aspect_q"])
    if psf["type"] == "moffat":
        chosen.update(psf="moffat", moffat_beta=psf["beta"])
    if "Bacon" in lsf.get("source", ""):
        chosen["lsf"] = "muse"
    else:
        chosen.update(lsf="gaussian", lsf_fwhm=abs(lsf["fwhm_cunit3"]))
    if model["line"]:
        # The reference's doublet (line/line_ratio make a set of lines, each on its own velocity step).
        assert model["line"] == {"wave": [3726.2, 3728.9], "ratio": [0.8, 1.0]}
        chosen.update(doublet="oii")
    return chosen


def relative_l2(ours, theirs):
    return np.linalg.norm(ours - theirs) / np.linalg.norm(theirs)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_evaluate_is_galpak_simulate(path, tmp_path):
    case = json.loads(path.read_text())
    chosen = options(case)
    shape = tuple(case["cube"]["shape_nx_ny_nz"])
    simulated = pygalpak.simulate(tmp_path / "sim.fits", case["params"], shape=shape, clean=tmp_path / "clean.fits",
                                  **chosen)
    with pygalpak.Model(shape, **chosen) as model:
        convolved = model.evaluate(case["params"])
        clean = model.evaluate(case["params"], convolved=False)
    assert relative_l2(convolved, simulated.data) < 1e-6
    assert relative_l2(clean, fits.getdata(tmp_path / "clean.fits", "DATA")) < 1e-6
    # And the reference GalPaK3D's renders (float32 files): clean and linearly convolved. The
    # reference flips the velocity sign of frequency axes, which galpak keeps physical: its
    # frequency cube is galpak's at PA + 180 deg (DiskModelParityTests).
    if case["cube"]["CUNIT3"] == "Hz":
        with pygalpak.Model(shape, **chosen) as model:
            turned = dict(case["params"], pa=case["params"]["pa"] + 180)
            convolved, clean = model.evaluate(turned), model.evaluate(turned, convolved=False)
    assert relative_l2(clean, fits.getdata(PARITY / case["files"]["clean"]).astype(float)) < 1e-6
    assert relative_l2(convolved, fits.getdata(PARITY / case["files"]["convolved_linear"]).astype(float)) < 1e-6
