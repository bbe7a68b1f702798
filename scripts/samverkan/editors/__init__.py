"""Stage 2, editors/: what is generated for the editors from the content model: JSON schemas, the browser editor's configuration, a new investigation's files, the code-quality report."""
