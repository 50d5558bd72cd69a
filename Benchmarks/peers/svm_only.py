"""Just the SVM workloads of the peer harness (RBF 5000 x 20 and the precomputed 2000 x 2000 Gram):

    $VENV/bin/python Benchmarks/peers/svm_only.py [--rows 5000] [--reps 3] [--threads 1] [--out svm.json]

`--threads 1` runs every engine on one core: OMP_NUM_THREADS=1 and OPENBLAS_NUM_THREADS=1 are set before LIBSVM,
scikit-learn and numpy load (the libsvm-official wheel uses OpenMP), and `qksim train` gets `--threads 1`.
Without it each engine uses every core. Run from the repository root after `swift build -c release`.
"""
import argparse
import json
import os
import sys
import tempfile

ap = argparse.ArgumentParser()
ap.add_argument("--rows", type=int, default=5000)
ap.add_argument("--reps", type=int, default=3)
ap.add_argument("--threads", type=int, default=None)
ap.add_argument("--qksim", default=".build/release/qksim")
ap.add_argument("--out", default=None)
args = ap.parse_args()
if args.threads:
    for var in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"]:
        os.environ[var] = str(args.threads)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workloads_svm  # noqa: E402  (after the thread variables)

with tempfile.TemporaryDirectory() as tmp:
    result = workloads_svm.run(args.qksim, args.rows, args.reps, tmp, threads=args.threads)
print("\n" + workloads_svm.table(result))
if args.out:
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)
