"""An investigation's source documents, kept beside its content in
content/utredningar/<id>/kallor/: the text exactly as it was received,
split into numbered passages that pages link to.

The site's pages name the passages they rest on by a short quote
(`kallstallen` in each file of the investigation). A quote is looked up in
the stored text when content is validated, so a link to a passage can never
point at a passage that does not say it.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

from ..errors import ContentError, display_path
from ..words import msg
from .yamlread import read_bytes

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

    @functools.cached_property
    def passages(self) -> list[str]:
        """The text's passages, numbered from 1: each non-blank line, as the
        article's paragraphs, headings and list items each stand on one."""
        return [line.strip() for line in self.text.splitlines() if line.strip()]

    def find(self, quote: str) -> list[int]:
        """The numbers of the passages that hold quote."""
        wanted = fold(quote)
        return [n for n, passage in enumerate(self._folded, 1) if wanted in passage]

    @functools.cached_property
    def _folded(self) -> list[str]:
        # Every quote of every page is looked up in the same passages.
        return [fold(passage) for passage in self.passages]


def read_source(display: str, raw: bytes) -> SourceText | ContentError:
    """A stored text from its bytes, or why it cannot be read (file:line:column)."""
    try:
        return SourceText(display, raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return ContentError(display, line, column, msg("source_not_utf8", byte=f"0x{raw[exc.start]:02x}"))


def _bytes(path) -> bytes | None:
    try:
        return read_bytes(path)
    except OSError:
        return None


def read_sources(listing, run) -> dict[str, SourceText]:
    """The stored texts in an investigation's kallor/, by file name. Only
    text files belong there: the source exactly as it came. listing: the
    folder's (path, is_folder) entries; run: the validation (validate._Run),
    which gets the errors and each text's fingerprint."""
    texts = {}
    for path, is_folder in listing:
        if is_folder or path.suffix != SOURCE_SUFFIX:
            run.fail(path, msg("source_dir_file"), "/" if is_folder else "")
        elif (raw := _bytes(path)) is None:
            run.fail(path, msg("file_unreadable", cause="läsfel"))
        elif isinstance(got := read_source(display_path(path, run.root), raw), ContentError):
            run.errors.append(got)
        else:
            # A changed source changes its page in the preview, like any content file.
            run.fingerprints[got.file] = hashlib.blake2b(raw, digest_size=16).digest()
            texts[path.name] = got
    return texts


def check_passages(meta_doc, name: str | None, texts: dict[str, SourceText], files, folder: str, errors: list) -> SourceText | None:
    """The investigation's stored source (name, from utredning.yml, read as
    meta_doc), with every quote in files' `kallstallen` found there in
    exactly one passage: a page's link to the passage it rests on can never
    point at one that does not say it. files: (document, object) pairs;
    folder: the kallor/ folder as the editor knows it; errors gets the problems."""
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
    return source
