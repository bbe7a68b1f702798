"""Stage 1, content/: read the YAML, check it against the model, resolve ids and drafts."""
