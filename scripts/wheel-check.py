#!/usr/bin/env python3
"""`make wheel-test`: pygalpak installed from its wheel works without Swift.

Run by the venv the wheel was installed in, with a bare environment (PATH=/usr/bin:/bin, no
LD_LIBRARY_PATH) outside the repository. Checks that no Swift is reachable, that the library and
executable are the wheel's own and load no Swift toolchain library, then evaluates the model and
fits the demo cube (argument 1) with `pygalpak.fit` (a short seeded MCMC run) and prints the
estimate against the cube's truth (the JSON beside it). Exits nonzero on any failure.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pygalpak
from pygalpak import _binaries


def fail(message):
    print(f"wheel-check: FAILED: {message}")
    sys.exit(1)


def main():
    cube = Path(sys.argv[1])
    truth = json.loads(cube.with_suffix(".json").read_text())["parameters"]
    if shutil.which("swift") or os.environ.get("LD_LIBRARY_PATH"):
        fail("swift is on the PATH or LD_LIBRARY_PATH is set: the check needs a bare environment")
    package = Path(pygalpak.__file__).resolve().parent
    library, executable = _binaries.library_path().resolve(), _binaries.executable_path().resolve()
    for path in (library, executable):
        if package not in path.parents:
            fail(f"{path} is not the wheel's own (in {package})")
    needed = subprocess.run(["ldd", str(executable)], capture_output=True, text=True).stdout
    if "swift" in needed.lower() or "not found" in needed:
        fail(f"the executable needs libraries the system lacks or Swift's:\n{needed}")

    with pygalpak.Model(cube, instrument="musewfm", seeing=0.8) as model:
        loglike = model.loglike(truth)
        with open("/proc/self/maps") as maps:
            swift_mapped = [line.split()[-1] for line in maps if "/opt/swift" in line or "libswiftCore.so" in line]
        if swift_mapped:
            fail(f"the process mapped Swift toolchain libraries: {sorted(set(swift_mapped))}")
        print(f"wheel-check: Model from {library.name}: {model.shape}, loglike at the truth {loglike:.2f}")

    with tempfile.TemporaryDirectory(prefix="wheel-check-") as folder:
        result = pygalpak.fit(cube, output=Path(folder) / "demo", instrument="musewfm", seeing=0.8,
                              seed=1, iterations=300, chains=2, no_plots=True)
        print(f"wheel-check: pygalpak.fit with {executable.name} (galpak {result.json['galpak_version']}):")
        worst = 0.0
        for row in result.parameters:
            off = (row["value"] - truth[row["name"]]) / row["stdev"]
            worst = max(worst, abs(off))
            print(f"  {row['name']:20s} {row['value']:10.4g} ± {row['stdev']:<8.2g} truth {truth[row['name']]:<8g} ({off:+.1f} sd)")
        if worst > 4:
            fail(f"an estimate lies {worst:.1f} standard deviations from the truth")
        chain = result.chain
        print(f"wheel-check: chain of {len(chain)} rows in {len(set(chain['chain']))} chains; OK")


if __name__ == "__main__":
    main()
