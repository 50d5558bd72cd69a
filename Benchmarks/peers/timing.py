"""What every timed run in the harness shares."""
import time

# OpenBLAS's worker threads spin on sched_yield for about 0.1 s after a product, and OpenMP runtimes
# spin for a while after a parallel region. The harness runs numpy, Qiskit and LIBSVM in its own
# process, so without a pause the engine timed next (often a QKSim subprocess) would share the 2
# cores with those spinning threads. Every engine gets the same pause before each timed run.
SETTLE_SECONDS = 0.25


def settle():
    """Waits until the threads of the engine that ran last have gone idle."""
    time.sleep(SETTLE_SECONDS)
