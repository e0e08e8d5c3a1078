"""pygalpak.fit, simulate, batch and read_chain: the galpak executable's results read back, against
astropy's readings of the same files."""

import json

import numpy as np
import pytest
from astropy.io import ascii, fits

import pygalpak
from conftest import DEMO_CUBE, DEMO_INSTRUMENT

# A short seeded fit: the mode search, then 2 chains of 150 accepted steps, no figures.
SHORT = dict(seed=3, iterations=150, chains=2, no_plots=True, **DEMO_INSTRUMENT)


@pytest.fixture(scope="module")
def fitted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fit")
    return pygalpak.fit(DEMO_CUBE, output=folder / "a", **SHORT), pygalpak.fit(DEMO_CUBE, output=folder / "b", **SHORT)


def test_a_seeded_fit_repeats_exactly(fitted):
    first, second = fitted
    for column in ("value", "stdev", "interval", "rhat", "ess"):
        np.testing.assert_array_equal(first.parameters[column], second.parameters[column])
    np.testing.assert_array_equal(first.chain, second.chain)
    assert first.stats.keys() == second.stats.keys()
    for key, value in first.stats.items():
        assert value == second.stats[key] or (value != value and second.stats[key] != second.stats[key])


def test_the_results_are_the_files(fitted):
    result = fitted[0]
    prefix = str(result.prefix)
    assert result.json == json.loads(open(prefix + "_galaxy_parameters.json").read())
    # The parameters table: PREFIX_galaxy_parameters.dat's rows are value, stdev, lower, upper.
    rows = ascii.read(prefix + "_galaxy_parameters.dat", format="fixed_width")
    for row in result.parameters:
        name = row["name"]
        assert row["value"] == rows[name][0] and row["stdev"] == rows[name][1]
        assert tuple(row["interval"]) == (rows[name][2], rows[name][3])
        assert row["rhat"] == result.json["parameters"][name]["rhat"]
    assert result.parameters.loc["radius"]["unit"] == "pixel"
    # The chain, read by astropy: every column, weights and chain ids included.
    chain = ascii.read(prefix + "_chain.dat", format="fixed_width")
    assert result.chain.dtype.names == tuple(chain.colnames)
    for name in chain.colnames:
        np.testing.assert_array_equal(result.chain[name], chain[name])
    assert set(result.chain["chain"]) == {0, 1}
    assert result.chain["weight"].min() >= 1
    np.testing.assert_array_equal(pygalpak.read_chain(prefix + "_chain.dat"), result.chain)
    # The statistics, the sky frame, the warnings.
    stats = ascii.read(prefix + "_stats.dat", format="fixed_width")
    for name in stats.colnames:
        expected = stats[name][0]
        if isinstance(expected, str):
            assert result.stats[name] == expected
        else:
            np.testing.assert_equal(result.stats[name], expected)
    assert result.sky == result.json["sky"] and result.sky["frame"] == "ICRS"
    assert result.warnings == result.json["warnings"]
    # Every FITS file the JSON lists, opened lazily; figures none (no_plots).
    listed = {f["name"] for f in result.json["files"] if f["name"].endswith(".fits")}
    assert {result.fits.path(k).name for k in result.fits} == listed
    np.testing.assert_array_equal(result.fits.data("convolved_cube"),
                                  fits.getdata(prefix + "_convolved_cube.fits", "DATA"))
    assert result.fits.data("obs_vel_map").shape == (30, 30)
    assert result.figures == {}
    result.fits.close()


def test_the_fit_recovers_the_truth(fitted, demo_truth):
    for row in fitted[0].parameters:
        assert abs(row["value"] - demo_truth[row["name"]]) < 4 * row["stdev"], row["name"]


def test_galpak_errors_are_exceptions_with_its_message(tmp_path):
    with pytest.raises(pygalpak.BadInputError, match="--seeing must be in") as refused:
        pygalpak.fit(DEMO_CUBE, output=tmp_path / "x", seeing=-1)
    assert refused.value.status == 2
    with pytest.raises(pygalpak.BadInputError, match="nothing.fits"):
        pygalpak.fit(tmp_path / "nothing.fits", output=tmp_path / "y")
    with pytest.raises(pygalpak.BadInputError, match="unknown option|Unknown option"):
        pygalpak.fit(DEMO_CUBE, output=tmp_path / "z", not_an_option=1)


def test_simulate_and_batch_wrap_their_commands(tmp_path, demo_truth):
    sim = pygalpak.simulate(tmp_path / "sim.fits", demo_truth, shape=(30, 30, 36), snr=12, seed=5, **DEMO_INSTRUMENT)
    assert sim.json["parameters"] == pytest.approx(demo_truth)
    assert sim.data.shape == (36, 30, 30)
    summary = pygalpak.batch(tmp_path / "sim.fits", tmp_path / "batch", optimize=True, no_plots=True,
                             **DEMO_INSTRUMENT)
    assert [row["status"] for row in summary["cubes"]] == ["ok"]
