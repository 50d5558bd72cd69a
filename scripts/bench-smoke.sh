#!/usr/bin/env bash
# The benchmarks' smoke version, run by CI after the tests: every benchmarked path of the release
# binary on tiny inputs (QFT as an FFT, gate fusion, single precision, a batched parameter sweep, a
# batched Gram matrix, an SVM on a precomputed kernel) plus QKSim's own quick tables. It prints
# timings for a reader and fails only if a command fails: timings are never asserted (machines are
# shared and noisy; see docs/benchmarks.md for the side-by-side runs).
set -euo pipefail
cd "$(dirname "$0")/.."
Q=.build/release/qksim
B=.build/release/qksim-bench
[ -x "$Q" ] && [ -x "$B" ] || swift build -c release --static-swift-stdlib
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== simulate (fused, FFT QFT, both precisions)"
for f in circuits/qft4.qasm circuits/ghz.qasm circuits/adder.qasm; do
    "$Q" simulate "$f" --json
    "$Q" simulate "$f" --json --precision single
    "$Q" simulate "$f" --json --no-fusion
done

echo "== 2000 small circuits through --sweep (batched lanes)"
python3 - "$work" <<'PY'
import math, random, sys
random.seed(1)
with open(sys.argv[1] + "/p.csv", "w") as f:
    f.write("x0,x1,x2,x3\n")
    for _ in range(2000):
        f.write(",".join(f"{random.uniform(0, math.pi):.17g}" for _ in range(4)) + "\n")
PY
"$Q" simulate circuits/zz_feature_map.qasm --sweep "$work/p.csv" --probabilities "$work/p.npy"

echo "== Gram matrix and SVM on it"
"$Q" dataset adhoc --qubits 2 --train 40 --test 20 --gap 0.3 --seed 1 --out "$work/data" > /dev/null
"$Q" kernel --data "$work/data/train.csv" --test "$work/data/test.csv" --kernel zz --out "$work/K.npy" --test-out "$work/Kt.npy"
"$Q" train --data "$work/data/train.csv" --kernel zz --out "$work/model.json"

echo "== qksim-bench (quick)"
"$B" batch-states blas csv --quick
echo "bench smoke: ok"
