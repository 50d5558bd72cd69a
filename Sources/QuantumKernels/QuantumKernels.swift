// The QuantumKernels layer; see docs/architecture.md.
