# galpak — build, demo, tests and benchmark.
#   make demo   install missing system packages, build release, fit the example cube in data/
#   make test   check the library's layers (scripts/check-layers.sh), run the unit and end-to-end tests
#               against an optimised build in .build-test (~3 min of tests after a ~6 min build on 2 cores)
#   make help-golden   rewrite the golden --help texts (Tests/GalPaKTests/Fixtures/help) from this build
#   make fuzz   feed FUZZ_INPUTS mutated cubes to the reader and a quarter of them to galpak fit,
#               FUZZ_OPTIONS hostile option values to every command, FUZZ_MANIFESTS broken
#               manifests to galpak batch (~12 min on 2 busy cores); any crash, hang, stack
#               trace or unclear message fails it
#   make slurm-test   galpak batch on a throw-away single-node Slurm (installs slurm-wlm, munge; root or sudo)
#   make calibrate        fit 200 simulated cubes (5 noise classes × 40) with the default fit; coverage
#                         of the credible intervals per class (~4-5 h on 2 cores: ~15 s a white-noise fit,
#                         ~2.5 min a fit of the larger beam-correlated cubes)
#   make nested-calibration  the nested sampler's ln Z error over 20 seeds on a 10-D Gaussian with
#                         400 live points (~1 min; the tests run a 3-D version)
#   make first-guess      iterations the moment-based first guess saves (~10 min)
#   make bench            speed, memory and independent draws per second against the reference
#   make bench-reference  the reference GalPaK3D (Python) and 3D-Barolo (pybbarolo, compiled: needs
#                         wcslib-dev, fftw, cfitsio) in .venv-bench, which make bench then uses
#   make python      pygalpak (python/) installed in the virtual environment .venv-python
#   make python-test the Python tests (pytest, part of make test) against the release build
#   make wheel       dist/pygalpak-*.whl with galpak and libGalPaKC linked to the Swift runtime statically
#   make wheel-test  that wheel installed and run in a fresh venv without Swift (not part of make test)

SWIFT    ?= swift
DEPS     := libcfitsio-dev libfftw3-dev libcairo2-dev wcslib-dev fitsverify poppler-utils python3-astropy pkg-config python3-venv
RELEASE  := .build/release/galpak
CALIBRATE := .build/release/galpak-calibrate
DEMO_OUT := demo-output
FUZZ_INPUTS    ?= 800
FUZZ_OPTIONS   ?= 400
FUZZ_MANIFESTS ?= 60
FUZZ_SEED      ?= 1
BENCH_VENV  := .venv-bench
PYTHON      ?= python3
PY_VENV     := .venv-python
# What the Python tests need besides pygalpak's own dependencies (numpy, astropy).
PY_TEST_DEPS := numpy astropy pytest emcee
WHEEL_BUILD := .build-wheel
WHEEL_STAGE := $(WHEEL_BUILD)/stage
WHEEL_TEST  := $(WHEEL_BUILD)/venv-test

.PHONY: deps build demo test python-venv python python-test wheel wheel-test help-golden fuzz slurm-test bench bench-reference calibrate nested-calibration first-guess clean

# Installs the Debian packages galpak links against, only those missing (sudo when not root).
deps:
	@missing=""; \
	for p in $(DEPS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		sudo=""; [ "$$(id -u)" -ne 0 ] && sudo=sudo; \
		echo "Installing:$$missing"; \
		$$sudo apt-get update && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi

build: deps
	$(SWIFT) build -c release

demo: build
	@mkdir -p $(DEMO_OUT)
	$(RELEASE) fit data/demo_cube.fits --instrument musewfm --seeing 0.8 \
		--output $(DEMO_OUT)/demo --overwrite

# The tests run against an optimised library (release, @testable imports enabled; the test target
# itself stays unoptimised, Package.swift): the fits and renders under test run ~6x faster than in
# a debug build. Their own build directory keeps this build from replacing the release products of
# make demo and make bench (built without -enable-testing). `swift test` alone still runs the same
# tests on a debug build.
TEST_BUILD := -c release -Xswiftc -enable-testing --scratch-path .build-test

test: deps
	scripts/check-layers.sh
	$(SWIFT) build $(TEST_BUILD) --build-tests
	$(SWIFT) test $(TEST_BUILD) --skip-build
	$(MAKE) python-test SWIFT_RELEASE="$(TEST_BUILD)" RELEASE_DIR=.build-test/release

# The virtual environment of pygalpak and its tests, made once and reused; packages installed only
# when one is missing.
python-venv:
	@[ -x $(PY_VENV)/bin/python ] || $(PYTHON) -m venv $(PY_VENV)
	@$(PY_VENV)/bin/python -c "import numpy, astropy, pytest, emcee" 2>/dev/null \
		|| $(PY_VENV)/bin/pip install --quiet $(PY_TEST_DEPS)

# pygalpak installed into $(PY_VENV) (its build step runs swift build -c release).
python: deps python-venv
	$(PY_VENV)/bin/pip install --quiet ./python

# The Python tests (python/tests, ~15 s) on the source of python/ and the release build of both
# products (make test passes its own build).
SWIFT_RELEASE ?= -c release
RELEASE_DIR   ?= .build/release
python-test: deps python-venv
	$(SWIFT) build $(SWIFT_RELEASE) --product GalPaKC
	$(SWIFT) build $(SWIFT_RELEASE) --product galpak
	GALPAK_LIBRARY=$(CURDIR)/$(RELEASE_DIR)/libGalPaKC.so GALPAK_EXECUTABLE=$(CURDIR)/$(RELEASE_DIR)/galpak \
		PYTHONPATH=$(CURDIR)/python $(PY_VENV)/bin/python -m pytest -q -p no:cacheprovider python/tests

# A Linux wheel that needs no Swift: both products built in $(WHEEL_BUILD) with the Swift runtime and
# Foundation linked statically (Package.swift reads GALPAK_STATIC_STDLIB for the library), their
# debug information stripped, packed by python/setup.py.
wheel: deps python-venv
	GALPAK_STATIC_STDLIB=1 $(SWIFT) build -c release --scratch-path $(WHEEL_BUILD) --static-swift-stdlib --product GalPaKC
	GALPAK_STATIC_STDLIB=1 $(SWIFT) build -c release --scratch-path $(WHEEL_BUILD) --static-swift-stdlib --product galpak
	rm -rf $(WHEEL_STAGE) && mkdir -p $(WHEEL_STAGE) dist
	cp $(WHEEL_BUILD)/release/libGalPaKC.so $(WHEEL_BUILD)/release/galpak $(WHEEL_STAGE)/
	strip --strip-debug $(WHEEL_STAGE)/libGalPaKC.so $(WHEEL_STAGE)/galpak
	rm -rf python/build
	GALPAK_PREBUILT_BIN=$(CURDIR)/$(WHEEL_STAGE) $(PY_VENV)/bin/pip wheel --quiet --no-deps --wheel-dir dist ./python
	@ls -l dist/pygalpak-*.whl

# The wheel in a new venv, run with no Swift on the PATH or the library path: Model and fit on the demo cube.
wheel-test: wheel
	rm -rf $(WHEEL_TEST)
	$(PYTHON) -m venv $(WHEEL_TEST)
	$(WHEEL_TEST)/bin/pip install --quiet dist/pygalpak-*.whl
	cd $(WHEEL_BUILD) && env -i HOME="$$HOME" PATH=/usr/bin:/bin LANG=C.UTF-8 \
		$(CURDIR)/$(WHEEL_TEST)/bin/python $(CURDIR)/scripts/wheel-check.py $(CURDIR)/data/demo_cube.fits

# After an intended change of a help text: the golden files the help tests compare with are
# rewritten from the current build (then review them with git diff).
help-golden: deps
	GALPAK_UPDATE_GOLDEN=1 $(SWIFT) test --filter HelpGoldenTests

# The long fuzz runs (the short ones are part of make test), one after the other; each prints
# what its inputs did.
fuzz: deps
	GALPAK_FUZZ_INPUTS=$(FUZZ_INPUTS) GALPAK_FUZZ_OPTIONS=$(FUZZ_OPTIONS) GALPAK_FUZZ_MANIFESTS=$(FUZZ_MANIFESTS) \
		GALPAK_FUZZ_SEED=$(FUZZ_SEED) $(SWIFT) test --no-parallel --filter longFuzz

# An array job of `galpak batch` on a real single-node Slurm started for the test, then --merge.
slurm-test: deps
	$(SWIFT) build --product galpak
	.ci/slurm-batch-test.sh

# Speed and memory: model evaluation split by stage on four cube sizes, the FFT floor, a whole
# default fit, and the reference GalPaK3D when installed; independent draws per second of a
# default fit of the tutorial cube against the reference's (a few minutes). The reference's
# Python: GALPAK_PYTHON when set, else $(BENCH_VENV) when `make bench-reference` made it, else
# python3. BENCH_FLAGS=--convergence-only (or --quick, --evaluations-only, --real-cubes-only) for a part.
bench: build
	@python="$${GALPAK_PYTHON:-}"; \
	if [ -z "$$python" ] && [ -x $(BENCH_VENV)/bin/python ]; then python="$(CURDIR)/$(BENCH_VENV)/bin/python"; fi; \
	echo "galpak-bench $(BENCH_FLAGS) (reference Python: $${python:-python3})"; \
	GALPAK_PYTHON="$${python:-python3}" .build/release/galpak-bench $(BENCH_FLAGS)
	@if [ -x $(PY_VENV)/bin/python ] && $(PY_VENV)/bin/python -c "import numpy, astropy" 2>/dev/null; then \
		$(PY_VENV)/bin/python scripts/python-bench.py --bench-json bench.json; \
	else echo "(no $(PY_VENV): make python-venv, then make bench also times pygalpak's Model.loglike)"; fi

# The reference GalPaK3D and 3D-Barolo from PyPI in a venv of its own, for make bench only (galpak itself never
# runs Python).
bench-reference:
	[ -x $(BENCH_VENV)/bin/python ] || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install galpak astropy
	$(BENCH_VENV)/bin/pip install pybbarolo || echo "pybbarolo (3D-Barolo) did not install: make bench skips its real-cube comparison"

# Not part of `make test`: hours of fitting.
calibrate: build
	$(CALIBRATE) calibrate --output calibration.md --records calibration.csv

nested-calibration: deps
	GALPAK_NESTED_CALIBRATION=1 $(SWIFT) test --filter NestedSamplerTests/evidenceErrorIsCalibratedOverSeeds

first-guess: build
	$(CALIBRATE) first-guess data/demo_cube.fits --seeing 0.8 --simulated 4


clean:
	rm -rf .build $(DEMO_OUT) calibration.md calibration.csv $(WHEEL_BUILD) dist python/build python/*.egg-info
