"""An investigation's source documents, kept beside its content in
content/utredningar/<id>/kallor/: the text exactly as it was received,
split into numbered passages that pages link to.

The site's pages name the passages they rest on by a short quote
(`kallstallen` in each file of the investigation). A quote is looked up in
the stored text when content is validated, so a link to a passage can never
point at a passage that does not say it.
"""

from __future__ import annotations

from dataclasses import dataclass

SOURCES_DIR = "kallor"
SOURCE_SUFFIX = ".txt"


def fold(text: str) -> str:
    """Compare words, not spacing, typographic quotes or case: a quote
    copied from the source into YAML may be rewrapped or start a sentence."""
    return " ".join(text.replace("”", '"').replace("“", '"').split()).casefold()


def anchor(number: int) -> str:
    """The id of a passage on the source's page."""
    return f"stycke-{number}"


@dataclass(frozen=True)
class SourceText:
    """One stored source document."""

    file: str  # its path from the project, for messages and page headers
    text: str

    @property
    def passages(self) -> list[str]:
        """The text's passages, numbered from 1: each non-blank line, as the
        article's paragraphs, headings and list items each stand on one."""
        return [line.strip() for line in self.text.splitlines() if line.strip()]

    def find(self, quote: str) -> list[int]:
        """The numbers of the passages that hold quote."""
        wanted = fold(quote)
        return [n for n, passage in enumerate(self.passages, 1) if wanted in fold(passage)]
