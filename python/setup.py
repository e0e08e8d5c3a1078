"""Builds pygalpak with the galpak executable and libGalPaKC inside (``pygalpak/_bin``).

The build step runs ``swift build -c release`` for both products in the repository this
directory belongs to (``GALPAK_SWIFT_FLAGS`` adds flags, e.g. ``--static-swift-stdlib``), or,
with ``GALPAK_PREBUILT_BIN=DIR``, copies them from DIR (``make wheel`` builds them first). The
wheel is tagged for this platform and any Python 3: the package loads the library with ctypes
and has no extension module.
"""

import os
import shutil
import subprocess
from pathlib import Path

from setuptools import Distribution, setup
from setuptools.command.build_py import build_py

try:
    from wheel.bdist_wheel import bdist_wheel
except ImportError:  # building without wheel installed: no wheel tag to set
    bdist_wheel = None

ROOT = Path(__file__).resolve().parent.parent
PRODUCTS = {"GalPaKC": "libGalPaKC.so", "galpak": "galpak"}


def built_products():
    """The folder holding the release build of both products, built now unless prebuilt."""
    prebuilt = os.environ.get("GALPAK_PREBUILT_BIN")
    if prebuilt:
        return Path(prebuilt)
    if not (ROOT / "Package.swift").is_file():
        raise RuntimeError(f"{ROOT} is not the galpak repository (no Package.swift): build pygalpak from its python/ folder")
    flags = os.environ.get("GALPAK_SWIFT_FLAGS", "").split()
    command = ["swift", "build", "-c", "release"] + flags
    for product in PRODUCTS:
        subprocess.run(command + ["--product", product], cwd=ROOT, check=True)
    shown = subprocess.run(command + ["--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True)
    return Path(shown.stdout.strip())


class BuildWithSwift(build_py):
    """build_py, then the executable and the library copied into pygalpak/_bin."""

    def run(self):
        super().run()
        source = built_products()
        target = Path(self.build_lib) / "pygalpak" / "_bin"
        target.mkdir(parents=True, exist_ok=True)
        for name in PRODUCTS.values():
            if not (source / name).is_file():
                raise RuntimeError(f"{source / name} was not built")
            shutil.copy2(source / name, target / name)


class BinaryDistribution(Distribution):
    """A distribution with platform binaries (so the wheel is not 'pure')."""

    def has_ext_modules(self):
        return True


commands = {"build_py": BuildWithSwift}
if bdist_wheel is not None:
    class PlatformWheel(bdist_wheel):
        """py3-none-PLATFORM: no Python ABI is linked, only the platform's binaries."""

        def get_tag(self):
            _, _, platform = super().get_tag()
            return "py3", "none", platform

    commands["bdist_wheel"] = PlatformWheel

setup(cmdclass=commands, distclass=BinaryDistribution)
