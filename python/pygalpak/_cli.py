"""Running the galpak executable: keyword options as command-line options, its failures as
exceptions carrying its message."""

import os
import subprocess
from collections.abc import Mapping

import numpy as np

from ._binaries import executable_path
from .errors import error_for_status

ERROR_PREFIX = "galpak: error: "


def option_value(value):
    """``value`` written as galpak reads it on the command line.

    A mapping is ``name=value,...`` (``--fix``, ``--min``, ``--max``, ``--init``,
    ``--random-scale``), a pair inside it ``mu:sigma`` (``--prior``); a list or tuple is
    comma-separated (``--line``, ``--figure-format``); a float keeps every digit.
    """
    if isinstance(value, Mapping):
        return ",".join(f"{name}={option_value(v) if not isinstance(v, (tuple, list)) else ':'.join(map(option_value, v))}"
                        for name, v in value.items())
    if isinstance(value, (list, tuple, np.ndarray)):
        return ",".join(option_value(v) for v in value)
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def option_arguments(options):
    """The command-line words for ``options`` (Python names, ``lsf_fwhm`` -> ``--lsf-fwhm``):
    True is a flag, False and None leave the option out."""
    words = []
    for name, value in options.items():
        if value is None or value is False:
            continue
        flag = "--" + name.replace("_", "-")
        if value is True:
            words.append(flag)
        else:
            words += [flag, option_value(value)]
    return words


def run(arguments):
    """Runs ``galpak ARGUMENTS`` and returns its CompletedProcess (text stdout and stderr).

    Raises
    ------
    BadInputError, FitFailedError, StoppedError, GalpakError
        On a nonzero exit status, with galpak's one-line error message.
    """
    command = [os.fspath(executable_path())] + [os.fspath(a) for a in arguments]
    completed = subprocess.run(command, capture_output=True, text=True, errors="replace")
    if completed.returncode != 0:
        lines = [line for line in completed.stderr.splitlines() if line.strip()]
        errors = [line[len(ERROR_PREFIX):] for line in lines if line.startswith(ERROR_PREFIX)]
        message = errors[-1] if errors else (lines[-1] if lines else f"galpak exited with status {completed.returncode}")
        raise error_for_status(message, completed.returncode, command)
    return completed
