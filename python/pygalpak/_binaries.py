"""Where the galpak shared library and executable are.

In order: the environment variables ``GALPAK_LIBRARY`` and ``GALPAK_EXECUTABLE``; the copies
installed with the package (``pygalpak/_bin``, put there by ``pip install ./python`` or a wheel);
the release build of the source checkout the package sits in (``.build/release``, for the tests);
for the executable, ``galpak`` on the PATH.
"""

import os
import shutil
from pathlib import Path

LIBRARY_NAME = "libGalPaKC.so"
EXECUTABLE_NAME = "galpak"

_PACKAGE = Path(__file__).resolve().parent
_BUNDLED = _PACKAGE / "_bin"
_CHECKOUT_BUILD = _PACKAGE.parent.parent / ".build" / "release"


def _first_existing(environment, name):
    given = os.environ.get(environment)
    if given:
        if not Path(given).is_file():
            raise FileNotFoundError(f"{environment}={given}: no such file")
        return Path(given)
    for folder in (_BUNDLED, _CHECKOUT_BUILD):
        if (folder / name).is_file():
            return folder / name
    return None


def library_path():
    """The path of libGalPaKC.so.

    Raises
    ------
    FileNotFoundError
        When no library is found (build it with ``make python`` or set ``GALPAK_LIBRARY``).
    """
    found = _first_existing("GALPAK_LIBRARY", LIBRARY_NAME)
    if found is None:
        raise FileNotFoundError(
            f"{LIBRARY_NAME} not found in {_BUNDLED} or {_CHECKOUT_BUILD}: install pygalpak with "
            "'pip install ./python' (or 'make python'), or set GALPAK_LIBRARY")
    return found


def executable_path():
    """The path of the galpak executable.

    Raises
    ------
    FileNotFoundError
        When it is found nowhere (build it with ``make python`` or set ``GALPAK_EXECUTABLE``).
    """
    found = _first_existing("GALPAK_EXECUTABLE", EXECUTABLE_NAME) or shutil.which(EXECUTABLE_NAME)
    if found is None:
        raise FileNotFoundError(
            f"the galpak executable is not in {_BUNDLED}, {_CHECKOUT_BUILD} or on the PATH: install "
            "pygalpak with 'pip install ./python', or set GALPAK_EXECUTABLE")
    return Path(found)
