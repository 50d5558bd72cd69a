// The Learning layer; see docs/architecture.md.
