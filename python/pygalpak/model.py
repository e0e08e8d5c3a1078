"""The galpak forward model in process: a disk rendered and convolved as ``galpak fit`` does it,
and its log-likelihood against a cube, for samplers such as emcee."""

import ctypes
import json
import os
from collections.abc import Mapping

import numpy as np

from . import _library
from .errors import BadInputError


def options_json(options):
    """The JSON object of ``options`` (None values left out, paths as text)."""
    given = {}
    for name, value in options.items():
        if value is None:
            continue
        if isinstance(value, os.PathLike):
            value = os.fspath(value)
        elif isinstance(value, np.generic):
            value = value.item()
        elif isinstance(value, (tuple, list, np.ndarray)):
            value = [v.item() if isinstance(v, np.generic) else v for v in value]
        given[name] = value
    return json.dumps(given)


class Model:
    """The observed model of a cube: a thick rotating disk (the clean cube) convolved with the
    instrument's PSF x LSF, and, for a model made from a cube, its chi2 against the data.

    Parameters
    ----------
    cube_or_shape : str, os.PathLike or (int, int, int)
        A FITS cube, read as ``galpak fit`` reads it (its WCS, variance and beam), or a shape
        ``(nx, ny, nz)`` in pixels, pixels and channels (as ``galpak simulate --shape``) for a
        model without data, whose spectral axis and pixel scale are ``crval3``, ``cdelt3``,
        ``crpix3``, ``cunit3`` and ``pixscale`` or the instrument's defaults.
    instrument : str, optional
        Instrument preset (``musewfm``, ``kmos``, ``alma``, ... as ``galpak fit --instrument``).
    seeing : float, optional
        FWHM of the PSF in arcsec.
    **model_options
        Any other ``galpak fit`` instrument, model or header option with underscores:
        ``psf``, ``psf_ba``, ``psf_pa`` (deg), ``moffat_beta``, ``lsf``, ``lsf_fwhm`` (CUNIT3
        units), ``instrument_file``, ``flux_profile``, ``rotation_curve``, ``thickness``,
        ``dispersion``, ``aspect``, ``line`` (rest values), ``line_ratio`` (a number, ``"free"`` or
        ``"=<wave>/<k>"`` per line), ``z_line``, ``lines`` (a named set), ``doublet``,
        ``radial_flow`` and ``bisymmetric`` (``True`` adds the flows' parameters),
        ``crval3``, ``crpix3``, ``cdelt3``, ``cunit3``, ``pixscale`` (arcsec/pixel); with a cube
        also ``ctype3``, ``variance`` (a FITS file) and ``chi_stat``.

    Notes
    -----
    Parameters are given in ``parameter_names`` order or by name: x, y (pixel, 0-based), z
    (channel, 0-based), flux (cube units, the sum of the clean cube), radius (pixel, half-light
    radius), inclination (deg, 0 face-on), pa (deg, anticlockwise from +y to the approaching
    side), turnover_radius (pixel), maximum_velocity (km/s), velocity_dispersion (km/s), and
    sersic_index with ``flux_profile="sersic"``, radial_velocity (km/s, positive outward) with
    ``radial_flow=True``, bar_tangential, bar_radial (km/s) and bar_angle (deg) with
    ``bisymmetric=True``, ratio_<wave> for each free ``line_ratio`` entry.

    Cubes are float64 arrays of shape (nz, ny, nx). A model is safe to share between threads
    (calls on one model run one after the other; use one model per thread to run in parallel)
    and is pickled by its inputs, so it can be sent to worker processes.

    Attributes
    ----------
    parameter_names : tuple of str
        The parameters, in the order of a parameter vector.
    units : dict
        Each parameter's unit.
    shape : tuple
        The shape of the cubes ``evaluate`` returns, (nz, ny, nx).
    info : dict
        What the model is made of: ``shape_nx_ny_nz``, ``dv_kms`` (km/s per channel),
        ``pixscale_arcsec``, ``spectral``, ``instrument``, ``psf_fwhm_arcsec`` (arcsec),
        ``model``, ``parameters`` (name, unit, min, max), ``voxels_used``, ``warnings``.
    warnings : list of str
        What galpak warned about while reading the cube.

    Raises
    ------
    BadInputError
        For an unreadable cube or an unknown or invalid option, with galpak's message.
    """

    def __init__(self, cube_or_shape, instrument=None, seeing=None, **model_options):
        self._source = cube_or_shape
        self._options = dict(instrument=instrument, seeing=seeing, **model_options)
        self._handle = None
        self._open()

    def _open(self):
        lib = _library.library()
        options = options_json(self._options).encode("utf-8")
        source = self._source
        if isinstance(source, (str, os.PathLike)):
            handle = lib.galpak_model_open(os.fsencode(source), options)
        else:
            shape = tuple(source)
            if len(shape) != 3 or not all(isinstance(n, (int, np.integer)) for n in shape):
                raise BadInputError(f"cube_or_shape must be a FITS file or a shape (nx, ny, nz) of whole numbers (got {source!r})")
            handle = lib.galpak_model_new(int(shape[0]), int(shape[1]), int(shape[2]), options)
        self._handle = _library.check_pointer(handle)
        self._lib = lib
        self.info = json.loads(lib.galpak_model_info(self._handle).decode("utf-8"))
        nx, ny, nz = self.info["shape_nx_ny_nz"]
        self.shape = (nz, ny, nx)
        self.parameter_names = tuple(p["name"] for p in self.info["parameters"])
        self.units = {p["name"]: p["unit"] for p in self.info["parameters"]}
        self.warnings = list(self.info["warnings"])
        self._count = len(self.parameter_names)

    @property
    def bounds(self):
        inf = float("inf")
        return {p["name"]: (p["min"] if p["min"] is not None else -inf, p["max"] if p["max"] is not None else inf)
                for p in self.info["parameters"]}

    @property
    def has_data(self):
        """bool: whether the model was made from a cube (and so has ``chi2`` and ``loglike``)."""
        return bool(self.info["has_data"])

    def vector(self, params):
        """``params`` (a mapping by name or a sequence in ``parameter_names`` order) as a
        contiguous float64 array in ``parameter_names`` order."""
        if isinstance(params, Mapping):
            missing = [name for name in self.parameter_names if name not in params]
            unknown = [name for name in params if name not in self.parameter_names]
            if missing or unknown:
                problem = (f"missing {', '.join(missing)}" if missing else "") + \
                          ("; " if missing and unknown else "") + \
                          (f"unknown {', '.join(map(str, unknown))}" if unknown else "")
                raise BadInputError(f"params: {problem} (the parameters are {', '.join(self.parameter_names)})")
            return np.array([params[name] for name in self.parameter_names], dtype=np.float64)
        values = np.ascontiguousarray(params, dtype=np.float64)
        if values.ndim != 1:
            raise BadInputError(f"params must be one value per parameter, a 1-D sequence (got shape {values.shape})")
        return values

    def evaluate(self, params, convolved=True, out=None):
        """The model cube at ``params``.

        Parameters
        ----------
        params : mapping or sequence of float
            By name or in ``parameter_names`` order (units in the class notes).
        convolved : bool
            The cube convolved with the instrument's PSF x LSF (True) or the clean cube.
        out : numpy.ndarray, optional
            A C-contiguous float64 array of shape ``shape`` to write into (no allocation).

        Returns
        -------
        numpy.ndarray
            float64, shape (nz, ny, nx), in cube units (the clean cube sums to ``flux``). A disk
            with no flux on the grid gives zeros.
        """
        values = self.vector(params)
        if out is None:
            out = np.empty(self.shape, dtype=np.float64)
        elif out.shape != self.shape or out.dtype != np.float64 or not out.flags.c_contiguous:
            raise BadInputError(f"out must be a C-contiguous float64 array of shape {self.shape}")
        _library.check(self._lib.galpak_model_evaluate(self._live(), values.ctypes.data, values.size,
                                                       1 if convolved else 0, out.ctypes.data, out.size))
        return out

    def chi2(self, params):
        """chi2 = sum (D - M)^2 / V of the convolved model at ``params`` over the cube's valid
        voxels (or the ``chi_stat`` chosen), as a fit computes it on the whole cube with white
        noise; inf when the disk has no flux on the grid. Dimensionless."""
        values = self.vector(params)
        result = ctypes.c_double()  # one per call: threads may share the model
        _library.check(self._lib.galpak_model_chi2(self._live(), values.ctypes.data, values.size, ctypes.byref(result)))
        return result.value

    def loglike(self, params):
        """The log-likelihood ln L = -chi2 / 2 at ``params`` (up to a constant), the one galpak's
        sampler uses; -inf when the disk has no flux on the grid.

        Raises
        ------
        BadInputError
            For a model without data, or a value beyond what any fit's bounds may reach (e.g. a
            position more than 1e6 pixels off, an inclination outside [-90, 180] deg).
        """
        values = self.vector(params)
        result = ctypes.c_double()  # one per call: threads may share the model
        _library.check(self._lib.galpak_model_loglike(self._live(), values.ctypes.data, values.size,
                                                      ctypes.byref(result)))
        return result.value

    def close(self):
        """Frees the model's memory; later calls raise BadInputError."""
        if self._handle is not None:
            self._lib.galpak_model_free(self._handle)
            self._handle = None

    def _live(self):
        if self._handle is None:
            raise BadInputError("this model was closed")
        return self._handle

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def __getstate__(self):
        return {"source": self._source, "options": self._options}

    def __setstate__(self, state):
        self._source = state["source"]
        self._options = state["options"]
        self._handle = None
        self._open()

    def __repr__(self):
        nz, ny, nx = self.shape
        source = os.fspath(self._source) if isinstance(self._source, (str, os.PathLike)) else "no data"
        return f"<pygalpak.Model {nx}x{ny}x{nz} ({source}), {self.info['instrument']}, parameters {', '.join(self.parameter_names)}>"
