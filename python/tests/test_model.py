"""pygalpak.Model: the forward model in process, against numpy computations and its errors."""

import pickle
import threading

import numpy as np
import pytest
from astropy.io import fits

import pygalpak
from conftest import DEMO_CUBE, DEMO_INSTRUMENT


@pytest.fixture(scope="module")
def model():
    with pygalpak.Model(DEMO_CUBE, **DEMO_INSTRUMENT) as m:
        yield m


def test_names_units_and_bounds_are_the_fits(model):
    assert model.parameter_names == ("x", "y", "z", "flux", "radius", "inclination", "pa", "turnover_radius",
                                     "maximum_velocity", "velocity_dispersion")
    assert model.shape == (36, 30, 30)
    assert model.units["maximum_velocity"] == "km/s" and model.units["z"] == "channel"
    # n/3 .. 2n/3 for the centre, the reference's -5 .. 90.5 for the inclination.
    assert model.bounds["x"] == (10, 20) and model.bounds["z"] == (12, 24)
    assert model.bounds["inclination"] == (-5, 90.5)
    # Flux: 0 .. 3 x the sum of the cube.
    data = fits.getdata(DEMO_CUBE, "DATA")
    assert model.bounds["flux"][1] == pytest.approx(3 * np.nansum(data), rel=1e-12)
    assert model.info["dv_kms"] == pytest.approx(57.15374357020385, rel=1e-12)


def test_sersic_adds_its_index():
    with pygalpak.Model(DEMO_CUBE, flux_profile="sersic", **DEMO_INSTRUMENT) as m:
        assert m.parameter_names[-1] == "sersic_index"
        assert m.bounds["sersic_index"] == (0.3, 8)


def test_flows_add_their_parameters_and_move_the_velocity_field(demo_truth):
    with pygalpak.Model(DEMO_CUBE, radial_flow=True, bisymmetric=True, **DEMO_INSTRUMENT) as m:
        assert m.parameter_names[-4:] == ("radial_velocity", "bar_tangential", "bar_radial", "bar_angle")
        assert m.bounds["radial_velocity"] == (-300, 300) and m.bounds["bar_angle"] == (-20, 200)
        assert m.units["bar_angle"] == "deg" and m.info["model"]["radial_flow"] is True
        still = m.evaluate(dict(demo_truth, radial_velocity=0, bar_tangential=0, bar_radial=0, bar_angle=45),
                           convolved=False)
        inflow = m.evaluate(dict(demo_truth, radial_velocity=-40, bar_tangential=0, bar_radial=0, bar_angle=45),
                            convolved=False)
    with pygalpak.Model(DEMO_CUBE, **DEMO_INSTRUMENT) as plain:
        np.testing.assert_allclose(still, plain.evaluate(demo_truth, convolved=False), rtol=0, atol=1e-12 * still.max())
    # The flux stays; its spectra move.
    assert inflow.sum() == pytest.approx(demo_truth["flux"], rel=1e-12)
    assert np.abs(inflow - still).max() > 1e-3 * still.max()
    with pytest.raises(pygalpak.BadInputError, match="radial_flow.*true or false"):
        pygalpak.Model(DEMO_CUBE, radial_flow="yes", **DEMO_INSTRUMENT)


def test_clean_cube_sums_to_flux_and_convolution_keeps_it(model, demo_truth):
    clean = model.evaluate(demo_truth, convolved=False)
    convolved = model.evaluate(demo_truth)
    assert clean.shape == convolved.shape == (36, 30, 30)
    assert clean.sum() == pytest.approx(demo_truth["flux"], rel=1e-12)
    # The convolution only loses what spreads past the cube's edges.
    assert 0.99 * demo_truth["flux"] < convolved.sum() < demo_truth["flux"]
    # The disk's centre is where x, y, z say (flux-weighted centroid of the clean cube).
    z, y, x = np.indices(clean.shape)
    assert (clean * x).sum() / clean.sum() == pytest.approx(demo_truth["x"], abs=0.05)
    assert (clean * y).sum() / clean.sum() == pytest.approx(demo_truth["y"], abs=0.05)


def test_by_name_and_by_position_agree_and_out_is_reused(model, demo_truth):
    vector = [demo_truth[n] for n in model.parameter_names]
    out = np.empty(model.shape)
    result = model.evaluate(vector, out=out)
    assert result is out
    np.testing.assert_array_equal(out, model.evaluate(demo_truth))


def test_chi2_is_numpys_and_loglike_minus_half_of_it(model, demo_truth):
    data = fits.getdata(DEMO_CUBE, "DATA").astype(float)
    variance = fits.getdata(DEMO_CUBE, "STAT").astype(float)
    expected = np.sum((data - model.evaluate(demo_truth)) ** 2 / variance)
    assert model.chi2(demo_truth) == pytest.approx(expected, rel=1e-10)
    assert model.loglike(demo_truth) == pytest.approx(-expected / 2, rel=1e-10)
    # At the truth the noise alone: chi2 per voxel near 1 (32400 voxels, sd ~ 0.008).
    assert abs(expected / data.size - 1) < 0.04
    # Off the truth the likelihood is lower.
    assert model.loglike(dict(demo_truth, maximum_velocity=120)) < model.loglike(demo_truth) - 100


def test_threads_on_one_model_give_the_serial_results(model, demo_truth):
    params = [dict(demo_truth, pa=demo_truth["pa"] + k) for k in range(8)]
    serial = [model.loglike(p) for p in params]
    results = [None] * len(params)

    def work(k):
        # Each call's result is its own (the model is locked in the library; the Python side
        # keeps no shared scratch): any mix-up shows as another parameter set's value.
        values = {model.loglike(params[k]) for _ in range(20)}
        results[k] = values.pop() if len(values) == 1 else values

    threads = [threading.Thread(target=work, args=(k,)) for k in range(len(params))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == serial


def test_a_pickled_model_is_the_same_model(model, demo_truth):
    copy = pickle.loads(pickle.dumps(model))
    assert copy.loglike(demo_truth) == model.loglike(demo_truth)
    copy.close()


def test_a_model_from_a_shape_has_no_likelihood(demo_truth):
    with pygalpak.Model((30, 30, 36), crval3=6540, cdelt3=1.25, **DEMO_INSTRUMENT) as m:
        assert m.shape == (36, 30, 30) and not m.has_data
        assert m.bounds["flux"] == (0, float("inf"))
        assert m.evaluate(demo_truth, convolved=False).sum() == pytest.approx(1000, rel=1e-12)
        with pytest.raises(pygalpak.BadInputError, match="has no data"):
            m.loglike(demo_truth)


def test_a_set_of_lines_adds_its_free_ratio_and_renders_as_galpak_simulate(demo_truth, tmp_path):
    grid = dict(crval3=6540, cdelt3=1.25, lines="halpha-nii", **DEMO_INSTRUMENT)
    params = dict(demo_truth, z=18.6, **{"ratio_6583.45": 0.35})
    with pygalpak.Model((30, 30, 40), **grid) as m:
        assert m.parameter_names[-1] == "ratio_6583.45" and m.bounds["ratio_6583.45"] == (0, 10)
        # The z bounds of a set are the whole channel range.
        assert m.bounds["z"] == (0, 39)
        convolved = m.evaluate(params)
    simulated = pygalpak.simulate(tmp_path / "sim.fits", params, shape=(30, 30, 40), **grid)
    assert np.linalg.norm(convolved - simulated.data) < 1e-6 * np.linalg.norm(simulated.data)


@pytest.mark.parametrize("options, message", [
    (dict(seing=0.8), "unknown option 'seing'"),
    (dict(seeing="wide"), "option 'seeing' takes a finite number"),
    (dict(seeing=-1), "seeing must be in"),
    (dict(flux_profile="disk"), "unknown flux_profile 'disk'"),
    (dict(instrument="hubble"), "unknown instrument 'hubble'"),
    (dict(line=[3726.2, True]), "option 'line' takes a list"),
    (dict(line=[3726.2, 3726.2]), "gives the rest value 3726.2 twice"),
    (dict(line=[6562.8, 6583.45], line_ratio=[1, "=6548/3"]), "names no other line"),
])
def test_bad_options_are_refused_with_their_name(options, message):
    with pytest.raises(pygalpak.BadInputError, match=message):
        pygalpak.Model(DEMO_CUBE, **options)


def test_bad_inputs_are_refused_not_fatal(model, demo_truth, tmp_path):
    with pytest.raises(pygalpak.BadInputError, match="missing.*sersic_index|unknown sersic_index"):
        model.loglike(dict(demo_truth, sersic_index=1))
    with pytest.raises(pygalpak.BadInputError, match="has 10 parameters.*got 3 values"):
        model.loglike([1, 2, 3])
    with pytest.raises(pygalpak.BadInputError, match="x must be in"):
        model.loglike(dict(demo_truth, x=np.nan))
    with pytest.raises(pygalpak.BadInputError, match="inclination must be in"):
        model.evaluate(dict(demo_truth, inclination=400))
    with pytest.raises(pygalpak.BadInputError, match="out must be"):
        model.evaluate(demo_truth, out=np.empty((30, 30, 36)))
    with pytest.raises(pygalpak.BadInputError, match="missing.fits"):
        pygalpak.Model(tmp_path / "missing.fits")
    with pytest.raises(pygalpak.BadInputError, match="each axis"):
        pygalpak.Model((2, 30, 30))
    closed = pygalpak.Model(DEMO_CUBE, **DEMO_INSTRUMENT)
    closed.close()
    with pytest.raises(pygalpak.BadInputError, match="closed"):
        closed.loglike(demo_truth)
