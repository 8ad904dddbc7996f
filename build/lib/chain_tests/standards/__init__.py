"""Wire formats: pure functions and models, no I/O beyond reading shipped schema files."""
