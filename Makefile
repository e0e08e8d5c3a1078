# galpak — build, demo, tests and benchmark.
#   make demo   install missing system packages, build release, fit the example cube in data/
#   make test   run the unit and end-to-end tests (swift test)
#   make calibrate        fit 40 simulated cubes; coverage of the credible intervals (~10-20 min)
#   make first-guess      iterations the moment-based first guess saves (~10 min)

SWIFT    ?= swift
DEPS     := libcfitsio-dev libfftw3-dev pkg-config
RELEASE  := .build/release/galpak
BENCH    := .build/release/galpak-bench
DEMO_OUT := demo-output

.PHONY: deps build demo test calibrate first-guess clean

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
	$(RELEASE) fit data/demo_cube.fits --instrument musewfm --seeing 0.8 --auto-scale --iterations 5000 \
		--output $(DEMO_OUT)/demo --overwrite

test: deps
	$(SWIFT) test

# Not part of `make test`: minutes of fitting.
calibrate: build
	$(BENCH) calibrate --cubes 40 --output calibration.md

first-guess: build
	$(BENCH) first-guess data/demo_cube.fits --seeing 0.8 --simulated 4

clean:
	rm -rf .build $(DEMO_OUT) calibration.md
