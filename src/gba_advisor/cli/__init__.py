"""The command line: parses, calls the core once, renders once, picks the exit code."""
