#!/usr/bin/env bash
# Creates (or reuses) the peers virtualenv the harness runs in: Qiskit Aer, qsimcirq, Qulacs, PennyLane Lightning,
# qiskit-machine-learning, scikit-learn, libsvm-official. Lives outside the repo; never a dependency of the package.
# Usage: bash Benchmarks/peers/setup.sh           (VENV defaults to /root/.cache/qksim-peers)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export VENV="${VENV:-/root/.cache/qksim-peers}"
SETUP="$HERE/../../../shared/peers/setup-peers.sh"
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import qiskit_aer, qulacs, qsimcirq, pennylane, qiskit_machine_learning, sklearn, libsvm" 2>/dev/null; then
  echo "peers ready: $VENV/bin/python"
elif [ -f "$SETUP" ]; then
  bash "$SETUP"
else
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q qiskit qiskit-aer qiskit-machine-learning qsimcirq cirq-core qulacs \
    pennylane pennylane-lightning scikit-learn libsvm-official numpy
  echo "peers ready: $VENV/bin/python"
fi
