// The Simulation layer; see docs/architecture.md.
