// The Kernels layer; see docs/architecture.md.
