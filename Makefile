# galpak — build, demo, tests and benchmark.
#   make demo   install missing system packages, build release, fit the example cube in data/
#   make test   check the library's layers (scripts/check-layers.sh), run the unit and end-to-end tests
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

SWIFT    ?= swift
DEPS     := libcfitsio-dev libfftw3-dev libcairo2-dev wcslib-dev fitsverify poppler-utils python3-astropy pkg-config
RELEASE  := .build/release/galpak
CALIBRATE := .build/release/galpak-calibrate
DEMO_OUT := demo-output
FUZZ_INPUTS    ?= 800
FUZZ_OPTIONS   ?= 400
FUZZ_MANIFESTS ?= 60
FUZZ_SEED      ?= 1
BENCH_VENV  := .venv-bench
PYTHON      ?= python3

.PHONY: deps build demo test help-golden fuzz slurm-test bench bench-reference calibrate nested-calibration first-guess clean

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

test: deps
	scripts/check-layers.sh
	$(SWIFT) test

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
	rm -rf .build $(DEMO_OUT) calibration.md calibration.csv
