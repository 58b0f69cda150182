"""The fact base: model, loading, validation, provenance, analyses. No Rich, no Textual."""
