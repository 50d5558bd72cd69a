// The command-line layer; see docs/cli.md.
