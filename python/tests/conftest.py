"""Shared inputs of the pygalpak tests: the repository's demo cube and its truth."""

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO_CUBE = ROOT / "data" / "demo_cube.fits"
PARITY = ROOT / "Tests" / "GalPaKTests" / "Fixtures" / "parity"
#: The instrument the demo cube was made with (data/demo_cube.json).
DEMO_INSTRUMENT = dict(instrument="musewfm", seeing=0.8)


@pytest.fixture(scope="session")
def demo_truth():
    """The demo cube's true parameters, by name."""
    return json.loads((ROOT / "data" / "demo_cube.json").read_text())["parameters"]
