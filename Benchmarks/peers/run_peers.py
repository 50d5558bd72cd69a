"""Side-by-side timings of QKSim and its peer libraries on the same inputs (issue 6, measurement part).

Run from the repository root with the peers virtualenv's python (see setup.sh):
    $VENV/bin/python Benchmarks/peers/run_peers.py [--quick] [--out results.json]
Every workload is checked for agreement first, then QKSim and each peer run alternately, `--reps` times
(median reported). QKSim runs as a subprocess; its whole-process wall time and its own reported seconds are
both given. Ratios are QKSim / peer (below 1 means QKSim is faster). Figures are medians on a shared machine:
compare ratios, not absolute times.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time


HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import limits  # noqa: E402
import workloads_gram  # noqa: E402
import workloads_small  # noqa: E402
import workloads_svm  # noqa: E402

CIRCUITS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "reference", "circuits"))
# Sizes the reference set lacks (n = 26, 28, ...) are made here by make_circuits.py, the same way.
GENERATED = os.path.join(HERE, ".circuits")
QKSIM = os.path.join(".build", "release", "qksim")
SIM_PEERS = ["aer", "qulacs", "qsim", "lightning"]


def median(xs):
    return statistics.median(xs) if xs else None


TIME = "/usr/bin/time"


def run_json(cmd, env=None, rss=None):
    """Runs a command, returns (wall seconds, last stdout line parsed as JSON or None, error text or None).
    With `rss` a list, appends the process's peak resident set in bytes, read by GNU time (Debian's `time`
    package; None without it). Not from this process's wait4: a child forked from a Python that has loaded
    the peers starts with that Python's resident set, and Linux keeps the maximum across exec."""
    measure = rss is not None and os.path.exists(TIME)
    full = [TIME, "-f", "QKSIM_PEAK_RSS_KB %M"] + cmd if measure else cmd
    t0 = time.perf_counter()
    p = subprocess.run(full, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    stderr = p.stderr
    if rss is not None:
        peak = None
        for line in stderr.splitlines():
            if line.startswith("QKSIM_PEAK_RSS_KB "):
                peak = int(line.split()[1]) * 1024
        rss.append(peak)
        stderr = "\n".join(l for l in stderr.splitlines() if not l.startswith("QKSIM_PEAK_RSS_KB "))
    if p.returncode != 0:
        return wall, None, (stderr.strip().splitlines() or ["exit %d" % p.returncode])[-1][:200]
    line = p.stdout.strip().splitlines()[-1] if p.stdout.strip() else ""
    try:
        return wall, json.loads(line), None
    except json.JSONDecodeError:
        return wall, line, None


def circuit_path(family, n):
    path = os.path.join(CIRCUITS, f"{family}_n{n}.qasm")
    if os.path.exists(path):
        return path
    path = os.path.join(GENERATED, f"{family}_n{n}.qasm")
    if not os.path.exists(path):
        subprocess.run([sys.executable, os.path.join(HERE, "make_circuits.py"), GENERATED, str(n)], check=True,
                       capture_output=True)
    return path


def fmt(x, digits=3):
    if x is None:
        return "n/a"
    if isinstance(x, str):
        return x
    return f"{x:.{digits}g}" if abs(x) < 1000 else f"{x:.0f}"


def simulate(args, bandwidth):
    """Statevector simulation of the reference OpenQASM files, 1 and 2 threads."""
    sizes = [n for n in args.sizes if n <= (16 if args.quick else 99)]
    rows = []
    for family in args.circuits:
        for n in sizes:
            path = circuit_path(family, n)
            ref = os.path.join(CIRCUITS, f"{family}_n{n}.npy")
            for threads in args.threads:
                env = dict(os.environ, OMP_NUM_THREADS=str(threads), PYTHONPATH=HERE)
                times = {"qksim_wall": [], "qksim_own": [], "qksim_single": []}
                rss = []
                loads, errors, fid = {p: [] for p in args.peers}, {}, {}
                for p in args.peers:
                    times[p] = []
                for rep in range(args.reps):
                    wall, out, err = run_json([QKSIM, "simulate", path, "--json", "--threads", str(threads)], rss=rss)
                    if err:
                        errors["qksim"] = err
                    else:
                        times["qksim_wall"].append(wall)
                        times["qksim_own"].append(out["seconds"])
                        gates = out["gates"]
                        passes = out.get("passes", gates)
                    # Single precision, for the comparison with qsim (fp32).
                    _, out1, err1 = run_json([QKSIM, "simulate", path, "--json", "--threads", str(threads),
                                              "--precision", "single"])
                    if not err1:
                        times["qksim_single"].append(out1["seconds"])
                    for p in args.peers:
                        if p in errors:
                            continue
                        cmd = [sys.executable, os.path.join(HERE, "sim_worker.py"), p, path, str(threads)]
                        if rep == 0 and os.path.exists(ref):
                            cmd += ["--check", ref]
                        _, out, err = run_json(cmd, env=env)
                        if err:
                            errors[p] = err
                            continue
                        times[p].append(out["run"])
                        loads[p].append(out["load"])
                        if out.get("fidelity") is not None:
                            fid[p] = out["fidelity"]
                row = {"family": family, "n": n, "threads": threads, "errors": errors, "fidelity": fid,
                       "qksim_wall": median(times["qksim_wall"]), "qksim_own": median(times["qksim_own"]),
                       "qksim_single": median(times["qksim_single"]),
                       "qksim_rss": max(r for r in rss if r) if any(rss) else None, "rss_bound": 1.05 * 16 * 2 ** n + 64 * 2 ** 20,
                       "peers": {p: {"run": median(times[p]), "load": median(loads[p])} for p in args.peers}}
                if row["qksim_own"] is not None:
                    # One pass reads and writes the state once: 32 B per amplitude in double precision.
                    bound = passes * 32 * 2 ** n / bandwidth[threads]
                    row["gates"] = gates
                    row["passes"] = passes
                    row["bandwidth_bound"] = bound
                    row["distance_to_bound"] = row["qksim_own"] / bound
                rows.append(row)
                print(f"  {family} n={n} T={threads}: qksim {fmt(row['qksim_own'])} s, "
                      + ", ".join(f"{p} {fmt(row['peers'][p]['run'])}" for p in args.peers), flush=True)
    return rows


def simulate_table(rows, peers):
    head = ("| circuit | n | T | QKSim own s | QKSim process s | "
            + " | ".join(f"{p} s | QKSim/{p}" for p in peers)
            + " | QKSim single s | single/qsim | gates | passes | bound s | QKSim/bound | QKSim peak RSS MiB | RSS/limit |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        cells = [r["family"], str(r["n"]), str(r["threads"]), fmt(r["qksim_own"]), fmt(r["qksim_wall"])]
        for p in peers:
            t = r["peers"][p]["run"]
            if p in r["errors"]:
                cells += ["not run: " + r["errors"][p][:60].replace("|", "/"), "n/a"]
            else:
                ratio = r["qksim_own"] / t if (t and r["qksim_own"]) else None
                cells += [fmt(t), fmt(ratio, 2)]
        qsim = r["peers"].get("qsim", {}).get("run")
        single = r.get("qksim_single")
        cells += [fmt(single), fmt(single / qsim if (single and qsim) else None, 2)]
        cells += [str(r.get("gates", "n/a")), str(r.get("passes", "n/a")), fmt(r.get("bandwidth_bound")),
                  fmt(r.get("distance_to_bound"), 3),
                  fmt(r["qksim_rss"] / 2 ** 20 if r.get("qksim_rss") else None, 4),
                  fmt(r["qksim_rss"] / r["rss_bound"] if r.get("qksim_rss") else None, 3)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def load_table(rows, peers):
    """Peers' circuit construction / parse time (not included in the run times above)."""
    lines = ["| circuit | n | T | " + " | ".join(f"{p} load s" for p in peers) + " |",
             "|" + "---|" * (3 + len(peers))]
    for r in rows:
        lines.append(f"| {r['family']} | {r['n']} | {r['threads']} | "
                     + " | ".join(fmt(r["peers"][p]["load"]) for p in peers) + " |")
    return "\n".join(lines)


def fidelity_table(rows):
    checked = [r for r in rows if r["fidelity"]]
    if not checked:
        return "(no reference states at these sizes)"
    lines = ["| circuit | n | peer | fidelity vs reference |", "|---|---|---|---|"]
    seen = set()
    for r in checked:
        for p, f in r["fidelity"].items():
            if (r["family"], r["n"], p) not in seen:
                seen.add((r["family"], r["n"], p))
                lines.append(f"| {r['family']} | {r['n']} | {p} | {f:.15f} |")
    return "\n".join(lines)


def versions():
    from importlib.metadata import PackageNotFoundError, version
    out = {}
    for pkg in ["qiskit", "qiskit-aer", "qiskit-machine-learning", "qulacs", "qsimcirq", "cirq-core",
                "pennylane", "pennylane_lightning", "scikit-learn", "libsvm-official", "numpy"]:
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "not installed"
    return out


def cpu_model():
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small smoke version (n <= 16, small N, small SVM)")
    ap.add_argument("--out", default=None, help="write all figures as JSON here")
    ap.add_argument("--reps", type=int, default=3, help="runs per engine (median; >= 3)")
    ap.add_argument("--sizes", type=int, nargs="+", default=[12, 16, 20, 22],
                    help="qubit counts (files exist for 4..24; 24 is opt-in: ~4x the n = 22 time)")
    ap.add_argument("--threads", type=int, nargs="+", default=None, help="default 1 2 (quick: 2)")
    ap.add_argument("--peers", nargs="+", default=SIM_PEERS, choices=SIM_PEERS)
    ap.add_argument("--circuits", nargs="+", default=["qft", "random_d20", "zzfm_full_r2"],
                    choices=["qft", "random_d20", "zzfm_full_r2"], help="circuit families to simulate (default all)")
    ap.add_argument("--only", nargs="+", default=["limits", "simulate", "small", "gram", "svm"],
                    choices=["limits", "simulate", "small", "gram", "svm"])
    ap.add_argument("--small-circuits", type=int, default=None, help="circuits in the small-circuit sweep (10000)")
    ap.add_argument("--gram-sizes", type=int, nargs="+", default=None)
    ap.add_argument("--svm-rows", type=int, default=None)
    args = ap.parse_args()
    if args.threads is None:
        args.threads = [2] if args.quick else [1, 2]
    if args.reps < 3:
        ap.error("--reps must be >= 3 (medians of at least three runs)")
    if not os.path.exists(QKSIM):
        sys.exit(f"{QKSIM} not found: run `make build` (swift build -c release --static-swift-stdlib) from the repository root first")
    start = time.perf_counter()
    results = {"cpu": cpu_model(), "cores": os.cpu_count(), "versions": versions(), "quick": args.quick}
    print(f"# QKSim vs peers ({'quick' if args.quick else 'full'}), {results['cpu']}, {results['cores']} cores\n")
    print("peer versions: " + ", ".join(f"{k} {v}" for k, v in results["versions"].items()) + "\n")

    bandwidth = {}
    if "limits" in args.only or "simulate" in args.only:
        lim = limits.measure(args.threads, quick=args.quick)
        results["limits"] = lim
        bandwidth = {int(t): v for t, v in lim["triad_gbs"].items()}
        bandwidth = {t: v * 1e9 for t, v in bandwidth.items()}
        print("## Machine limits\n\n" + limits.table(lim) + "\n", flush=True)
    if "simulate" in args.only:
        print("## Statevector simulation (running)", flush=True)
        rows = simulate(args, bandwidth)
        results["simulate"] = rows
        print("\n## Statevector simulation: run time only, median of %d\n" % args.reps)
        print(simulate_table(rows, args.peers) + "\n")
        print("Peers' load/convert time (excluded above):\n\n" + load_table(rows, args.peers) + "\n")
        print("Agreement checked before timing (|<ref|psi>|^2 against Qiskit's exact state):\n\n"
              + fidelity_table(rows) + "\n", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        if "small" in args.only:
            count = args.small_circuits or (1000 if args.quick else 10000)
            print("## Many small circuits (running)", flush=True)
            sm = workloads_small.run(QKSIM, [4] if args.quick else [4, 8, 10], count, args.reps, tmp)
            results["small"] = sm
            print("\n" + workloads_small.table(sm) + "\n", flush=True)
        if "gram" in args.only:
            sizes = args.gram_sizes or ([50, 100] if args.quick else [100, 200, 400, 800])
            print("## Gram matrix (running)", flush=True)
            g = workloads_gram.run(QKSIM, sizes, args.reps, tmp)
            results["gram"] = g
            print("\n" + workloads_gram.table(g) + "\n", flush=True)
        if "svm" in args.only:
            n = args.svm_rows or (1000 if args.quick else 5000)
            print("## SVM fit (running)", flush=True)
            s = workloads_svm.run(QKSIM, n, args.reps, tmp)
            results["svm"] = s
            print("\n" + workloads_svm.table(s) + "\n", flush=True)
    results["total_seconds"] = time.perf_counter() - start
    print(f"total harness time: {results['total_seconds']:.0f} s")
    if args.out:
        with open(args.out, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
