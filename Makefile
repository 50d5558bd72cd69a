# QKSim: the two set-up commands of the README, and a few conveniences.
#   make demo   installs what is missing, builds, and runs the main job on its built-in default
#   make test   installs what is missing, builds, and runs the whole test suite
#
# Tests build in release mode: clang ignores GCC's per-function `optimize` attributes, so in a debug
# build the C kernels would run unoptimised; release keeps the suite fast without any unsafe flags.
#
# The qksim binary links the Swift runtime and Foundation statically (--static-swift-stdlib): resolving
# the symbols of a dozen Swift shared libraries was half of its start-up (16 ms -> 9 ms, fastest of 40
# runs on a 2-core Zen 4), a fifth of a short command such as a 10^4-circuit sweep. The test runner
# cannot be static (Swift Testing ships as a shared library only), so the tests build in their own
# scratch folder and the two builds do not undo each other.
#
# It is also linked as a position-dependent executable (-no-pie): a PIE's 80,000 relative
# relocations, Swift metadata pointers mostly, are applied at every start, each page of them a
# copy-on-write fault; that was 1 ms of a 6 ms `qksim --version`. The price is that the executable's
# own image loads at a fixed address (shared libraries, stack and heap are still randomised).
# `swift build` without the Makefile builds a PIE as usual; nothing in Package.swift changes.

.PHONY: deps build demo test bench bench-smoke bench-peers clean

deps:
	@bash scripts/install-deps.sh

SWIFT_RELEASE = swift build -c release --static-swift-stdlib -Xswiftc -Xclang-linker -Xswiftc -no-pie

build: deps
	$(SWIFT_RELEASE)

demo: build
	.build/release/qksim demo

test: deps
	swift test -c release --scratch-path .build-tests

bench: build
	.build/release/qksim-bench

bench-smoke: build
	bash scripts/bench-smoke.sh

bench-peers: build
	bash Benchmarks/peers/setup.sh
	$${VENV:-/root/.cache/qksim-peers}/bin/python Benchmarks/peers/run_peers.py $(PEERS_ARGS)

clean:
	rm -rf .build .build-tests
