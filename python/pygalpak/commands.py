"""Thin wrappers of ``galpak simulate`` and ``galpak batch``."""

import json
import os
from functools import cached_property
from pathlib import Path

from astropy.io import fits as astropy_fits

from . import _cli


class Simulation:
    """A cube made by ``galpak simulate``.

    Attributes
    ----------
    path : pathlib.Path
        The FITS cube (the model in DATA, the noise variance in STAT when noise was added).
    json : dict
        ``NAME.json``: the parameters, grid, instrument, model, noise and seed it was made with.
    """

    def __init__(self, path):
        self.path = Path(path)
        with open(self.path.with_name(self.path.name[:-len(self.path.suffix)] + ".json"), encoding="utf-8") as file:
            self.json = json.load(file)

    @cached_property
    def data(self):
        """numpy.ndarray: the cube, float64, shape (nz, ny, nx), in cube units."""
        with astropy_fits.open(self.path) as hdus:
            return hdus["DATA"].data.astype("float64")


def simulate(output, params, shape=None, like=None, overwrite=False, **options):
    """Renders a cube with ``galpak simulate`` and returns it.

    Parameters
    ----------
    output : str or os.PathLike
        The FITS file to write (``NAME.json`` is written beside it).
    params : mapping
        Every parameter by name (x, y in pixels, z in channels, flux in cube units, radius in
        pixels, inclination and pa in deg, turnover_radius in pixels, maximum_velocity and
        velocity_dispersion in km/s).
    shape : (int, int, int), optional
        (nx, ny, nz) in pixels and channels, or ``like``: a cube whose grid and WCS to copy.
    overwrite : bool
        Replace existing files.
    **options
        Any other ``galpak simulate`` option with underscores: ``instrument``, ``seeing``,
        ``snr``, ``noise_sigma``, ``seed``, ``crval3``, ``cdelt3``, ``clean`` (a file), ...

    Returns
    -------
    Simulation

    Raises
    ------
    BadInputError
        When galpak refuses the options, with its message.
    """
    arguments = dict(shape=shape, like=like, params=dict(params), output=output, overwrite=overwrite, **options)
    _cli.run(["simulate"] + _cli.option_arguments(arguments))
    return Simulation(output)


def batch(inputs, outdir, jobs=None, overwrite=False, quiet=True, **fit_options):
    """Fits many cubes with ``galpak batch`` and returns its ``summary.json`` as a dict.

    Parameters
    ----------
    inputs : str, os.PathLike or list of them
        A manifest (CSV), a list file, FITS cubes or quoted patterns, as ``galpak batch`` takes.
    outdir : str or os.PathLike
        The output directory (one ``NAME/NAME_*`` set per cube, ``summary.csv``, ``summary.json``).
    jobs : int, optional
        Fits at once (``-j``).
    **fit_options
        Fit options every cube gets (``seeing``, ``instrument``, ``seed``, ...), with underscores.

    Raises
    ------
    FitFailedError
        When any cube failed (the summary says which), with galpak's message.
    BadInputError
        When galpak refuses the inputs or options.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    options = dict(jobs=jobs, outdir=outdir, overwrite=overwrite, quiet=quiet, **fit_options)
    _cli.run(["batch"] + _cli.option_arguments(options) + ["--"] + [os.fspath(i) for i in inputs])
    with open(Path(outdir) / "summary.json", encoding="utf-8") as file:
        return json.load(file)
