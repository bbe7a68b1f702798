"""Samverkan i Bergslagen: content/ (YAML) -> docs/ (Markdown) -> site/ (MkDocs)."""
