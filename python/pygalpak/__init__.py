"""pygalpak: galpak (a GalPaK3D kinematic cube fitter) from Python.

- ``Model``: the forward model in process (libGalPaKC through ctypes): model cubes and the
  log-likelihood for any parameter vector, e.g. inside emcee.
- ``fit``, ``simulate``, ``batch``: the ``galpak`` executable's commands, with their files read
  back (``FitResult``); ``read_chain`` reads a chain file.
"""

from .commands import Simulation, batch, simulate
from .errors import BadInputError, FitFailedError, GalpakError, StoppedError
from .fit import FitResult, fit
from .model import Model
from .tables import read_chain, read_stats

__version__ = "0.1.0"

__all__ = [
    "Model", "fit", "FitResult", "simulate", "Simulation", "batch", "read_chain", "read_stats",
    "GalpakError", "BadInputError", "FitFailedError", "StoppedError", "__version__",
]
