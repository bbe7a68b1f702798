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

from ..errors import ContentError
from ..words import msg

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


def read_source(display: str, raw: bytes) -> SourceText | ContentError:
    """A stored text from its bytes, or why it cannot be read (file:line:column)."""
    try:
        return SourceText(display, raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return ContentError(display, line, column, msg("source_not_utf8", byte=f"0x{raw[exc.start]:02x}"))


def check_passages(meta_doc, name: str | None, texts: dict[str, SourceText], files, folder: str) -> tuple[SourceText | None, list[ContentError]]:
    """The investigation's stored source (name, from utredning.yml, read as
    meta_doc), with every quote in files' `kallstallen` found there in
    exactly one passage: a page's link to the passage it rests on can never
    point at one that does not say it. files: (document, object) pairs;
    folder: the kallor/ folder as the editor knows it."""
    errors = []
    source = texts.get(name) if name else None
    if name and source is None:
        errors.append(meta_doc.error(("kalla", "fil"), msg("source_missing", name=name, folder=folder)))
    for doc, obj in files:
        for i, quote in enumerate(obj.kallstallen):
            where = ("kallstallen", i)
            if not name:
                errors.append(doc.error(where, msg("source_needed", meta=meta_doc.file)))
            elif source is not None and len(found := source.find(quote)) != 1:
                key, numbers = ("source_quote_many", ", ".join(map(str, found))) if found else ("source_quote_missing", "")
                errors.append(doc.error(where, msg(key, source=source.file, numbers=numbers)))
    return source, errors
