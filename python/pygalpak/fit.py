"""``galpak fit`` from Python: the executable runs in a subprocess, its files are read back."""

import json
import os
import tempfile
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path

import numpy as np
from astropy.io import fits as astropy_fits
from astropy.table import Table

from . import _cli
from .tables import read_chain, read_stats

#: The ``schema_version`` of ``PREFIX_galaxy_parameters.json`` this reader knows
#: (docs/json-schema.md: raised when a key is removed, renamed or changes meaning).
SCHEMA_VERSION = 1

FIGURE_SUFFIXES = (".png", ".pdf", ".svg")


def fit(cube, seeing=None, instrument=None, output=None, overwrite=False, quiet=True, **fit_options):
    """Fits ``cube`` with ``galpak fit`` and returns its results.

    Parameters
    ----------
    cube : str or os.PathLike
        The FITS cube.
    seeing : float, optional
        FWHM of the PSF, arcsec.
    instrument : str, optional
        Instrument preset (``musewfm``, ``kmos``, ``alma``, ...).
    output : str or os.PathLike, optional
        The output prefix (files ``PREFIX_chain.dat`` ...). Default: the cube's name in a new
        temporary directory, which is left for the caller (``FitResult.prefix``).
    overwrite, quiet : bool
        ``--overwrite``; ``--quiet`` (no progress on stderr, the default here).
    **fit_options
        Any ``galpak fit`` option with underscores: ``seed=1``, ``optimize=True``,
        ``iterations=500``, ``chains=2``, ``fix={"inclination": 60}``,
        ``prior={"pa": (30, 5)}``, ``flux_profile="sersic"``, ``no_plots=True``, ...
        True is a flag, False or None leaves the option out.

    Returns
    -------
    FitResult

    Raises
    ------
    BadInputError, FitFailedError, StoppedError
        When galpak refuses or fails, with its one-line message.
    """
    if output is None:
        folder = tempfile.mkdtemp(prefix="pygalpak-")
        stem = Path(os.fspath(cube)).name
        for suffix in (".gz", ".fz", ".fits", ".fit", ".fts"):
            stem = stem[:-len(suffix)] if stem.lower().endswith(suffix) else stem
        output = Path(folder) / (stem or "fit")
    options = dict(seeing=seeing, instrument=instrument, output=output, overwrite=overwrite, quiet=quiet, **fit_options)
    completed = _cli.run(["fit"] + _cli.option_arguments(options) + ["--", os.fspath(cube)])
    result = FitResult(output)
    result.log = completed.stderr
    return result


class LazyFITS(Mapping):
    """The FITS files of a fit by short name (``convolved_cube``, ``obs_vel_map``, ``3Dkernel``,
    ``pv_major``, ...), each opened with astropy.io.fits on first access (memory-mapped)."""

    def __init__(self, paths):
        self._paths = dict(paths)
        self._open = {}

    def __getitem__(self, name):
        if name not in self._open:
            self._open[name] = astropy_fits.open(self._paths[name], memmap=True)
        return self._open[name]

    def __iter__(self):
        return iter(self._paths)

    def __len__(self):
        return len(self._paths)

    def path(self, name):
        """The file of ``name``."""
        return self._paths[name]

    def data(self, name, extension="DATA"):
        """The image of ``name``'s ``extension`` (galpak writes its arrays in DATA), a numpy array
        (nz, ny, nx) for a cube, (ny, nx) for a map."""
        return self[name][extension].data

    def close(self):
        """Closes the files opened so far."""
        for hdus in self._open.values():
            hdus.close()
        self._open.clear()


class FitResult:
    """The results of a ``galpak fit`` run, read from its files (``PREFIX_*``).

    Attributes
    ----------
    prefix : pathlib.Path
        The output prefix.
    json : dict
        ``PREFIX_galaxy_parameters.json`` (every key: docs/json-schema.md).
    files : dict
        Every file of the fit the JSON lists, by name, as paths.
    fits : LazyFITS
        The FITS cubes and maps by short name, opened on first access.
    figures : dict
        Figure name (``maps``, ``corner``, ...) -> list of paths (one per format).
    warnings : list of str
        The fit's warnings.
    log : str
        What the run wrote on stderr.
    """

    def __init__(self, prefix):
        self.prefix = Path(prefix)
        record = Path(f"{self.prefix}_galaxy_parameters.json")
        with open(record, encoding="utf-8") as file:
            self.json = json.load(file)
        version = self.json.get("schema_version")
        if version != SCHEMA_VERSION:
            raise ValueError(f"{record}: schema_version {version}; this pygalpak reads version {SCHEMA_VERSION}")
        folder = self.prefix.parent
        self.files = {entry["name"]: folder / entry["name"] for entry in self.json.get("files", [])}
        self.files[record.name] = record
        stem = self.prefix.name + "_"
        def short(name, suffix):
            return name[len(stem):-len(suffix)] if name.startswith(stem) else name[:-len(suffix)]
        self.fits = LazyFITS({short(name, ".fits"): path for name, path in sorted(self.files.items())
                              if name.endswith(".fits")})
        figures = {}
        for name, path in sorted(self.files.items()):
            suffix = Path(name).suffix
            if suffix in FIGURE_SUFFIXES:
                figures.setdefault(short(name, suffix), []).append(path)
        self.figures = figures
        self.warnings = list(self.json.get("warnings", []))
        self.log = ""

    @cached_property
    def parameters(self):
        """astropy.table.Table: one row per parameter, indexed by ``name``: ``value``, ``stdev``,
        ``interval`` (lower, upper: the credible interval of ``json["percentile"]`` %),
        ``unit``, ``fixed``, ``at_bound`` ("min", "max" or ""), ``rhat``, ``ess``, ``geweke``;
        a missing number is nan."""
        entries = self.json["parameters"]
        names = list(entries)
        def number(name, key):
            value = entries[name].get(key)
            return np.nan if value is None else float(value)
        table = Table()
        table["name"] = names
        table["value"] = [number(n, "value") for n in names]
        table["stdev"] = [number(n, "stdev") for n in names]
        table["interval"] = np.array([[number(n, "lower"), number(n, "upper")] for n in names]).reshape(len(names), 2)
        table["unit"] = [entries[n].get("unit", "") for n in names]
        table["fixed"] = [bool(entries[n].get("fixed", False)) for n in names]
        table["at_bound"] = [entries[n].get("at_bound") or "" for n in names]
        table["rhat"] = [number(n, "rhat") for n in names]
        table["ess"] = [number(n, "ess") for n in names]
        table["geweke"] = [number(n, "geweke") for n in names]
        table.add_index("name")
        return table

    @cached_property
    def chain(self):
        """numpy structured array: ``PREFIX_chain.dat`` (see ``read_chain``); None for a
        ``--optimize`` fit, which has no chain."""
        path = Path(f"{self.prefix}_chain.dat")
        return read_chain(path) if path.name in self.files else None

    @cached_property
    def stats(self):
        """dict: ``PREFIX_stats.dat`` (best chi2, BIC, AIC, DIC, R-hat and ESS per parameter, ...)."""
        return read_stats(Path(f"{self.prefix}_stats.dat"))

    @property
    def sky(self):
        """dict or None: the results in the sky frame (RA, Dec in deg, PA east of north in deg,
        radii in arcsec, systemic velocity in km/s); None without a celestial WCS."""
        return self.json.get("sky")

    @property
    def derived(self):
        """dict: derived quantities (``v22``, ``vc22``, ``vmax_sigma0``, with a redshift kpc sizes and mass)."""
        return self.json.get("derived", {})

    @property
    def values(self):
        """dict: name -> estimated value (``parameters["value"]``)."""
        return {row["name"]: float(row["value"]) for row in self.parameters}

    def __repr__(self):
        return f"<pygalpak.FitResult {self.prefix} ({self.json.get('estimator')}, {len(self.json['parameters'])} parameters)>"
