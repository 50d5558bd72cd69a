// The IntegralRL layer; see docs/architecture.md.
