# QKSim: the two set-up commands of the README, and a few conveniences.
#   make demo   installs what is missing, builds, and runs the main job on its built-in default
#   make test   installs what is missing, builds, and runs the whole test suite
#
# Tests build in release mode: clang ignores GCC's per-function `optimize` attributes, so in a debug
# build the C kernels would run unoptimised; release keeps the suite fast without any unsafe flags.

.PHONY: deps build demo test bench bench-smoke bench-peers clean

deps:
	@bash scripts/install-deps.sh

build: deps
	swift build -c release

demo: deps
	swift run -c release qksim demo

test: deps
	swift test -c release

bench: deps
	swift run -c release qksim-bench

bench-smoke: build
	bash scripts/bench-smoke.sh

bench-peers: build
	bash Benchmarks/peers/setup.sh
	$${VENV:-/root/.cache/qksim-peers}/bin/python Benchmarks/peers/run_peers.py $(PEERS_ARGS)

clean:
	rm -rf .build
