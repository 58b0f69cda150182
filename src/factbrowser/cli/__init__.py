"""The command line: argument parsing and the printing subcommands (Rich, never Textual)."""
