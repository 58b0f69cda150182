"""Search over a fact base: pure, no I/O, no Rich, no Textual."""
