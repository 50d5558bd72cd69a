"""The machine's own limits, measured in the same run: STREAM-triad bandwidth and DGEMM/ZGEMM GFLOP/s.

Triad a = b + s*c is done per cache-sized block (multiply into a, then add b into a while that block of a is still
in cache), so main-memory traffic is the STREAM count of 24 B per element: read b, read c, write a. T threads each
take a contiguous slice (numpy releases the GIL inside ufuncs, so they run in parallel).
"""
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

BLOCK = 1 << 15  # 32 K doubles = 256 KiB per array block, fits in L2


def _triad_slice(a, b, c, s, lo, hi):
    for i in range(lo, hi, BLOCK):
        j = min(i + BLOCK, hi)
        np.multiply(c[i:j], s, out=a[i:j])
        np.add(a[i:j], b[i:j], out=a[i:j])


def triad(threads, n, reps):
    a, b, c = np.zeros(n), np.ones(n), np.full(n, 2.0)
    bounds = [(k * n // threads, (k + 1) * n // threads) for k in range(threads)]
    best = []
    with ThreadPoolExecutor(threads) as pool:
        for _ in range(reps):
            t0 = time.perf_counter()
            list(pool.map(lambda lh: _triad_slice(a, b, c, 3.0, *lh), bounds))
            best.append(time.perf_counter() - t0)
    assert a[0] == 7.0 and a[-1] == 7.0
    return 24 * n / statistics.median(best) / 1e9


def gemm_gflops(dtype, size, reps):
    rng = np.random.default_rng(0)
    a = rng.standard_normal((size, size))
    b = rng.standard_normal((size, size))
    if dtype == np.complex128:
        a = a + 1j * rng.standard_normal((size, size))
        b = b + 1j * rng.standard_normal((size, size))
    a @ b  # warm-up
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        a @ b
        ts.append(time.perf_counter() - t0)
    flops = (8 if dtype == np.complex128 else 2) * size ** 3
    return flops / statistics.median(ts) / 1e9


def measure(threads_list, quick=False):
    n = (1 << 24) if quick else (1 << 26)  # 128 MiB or 512 MiB per array, far beyond the caches
    return {
        "triad_gbs": {str(t): triad(t, n, 5) for t in threads_list},
        "triad_elements": n,
        "dgemm_gflops": gemm_gflops(np.float64, 2000, 3),
        "zgemm_gflops": gemm_gflops(np.complex128, 2000, 3),
        "blas": "numpy's bundled BLAS, all cores",
    }


def table(lim):
    lines = ["| measure | value |", "|---|---|"]
    for t, v in lim["triad_gbs"].items():
        lines.append(f"| STREAM triad, {t} thread(s), {lim['triad_elements']} doubles | {v:.1f} GB/s |")
    lines.append(f"| DGEMM 2000x2000 (numpy matmul) | {lim['dgemm_gflops']:.1f} GFLOP/s |")
    lines.append(f"| ZGEMM 2000x2000 (numpy matmul) | {lim['zgemm_gflops']:.1f} GFLOP/s |")
    return "\n".join(lines)
