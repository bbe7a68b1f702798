"""The site's search index: Pagefind over the built site, with Swedish
compound parts, as a step of our own pipeline (not a MkDocs plugin or hook).

Run on the staging site after the generator has succeeded and before the new
site is swapped in (pipeline.build), so a failed index leaves site/ as it was.

- Pagefind reads only what the templates mark with data-pagefind-body (the
  page's own text: overrides/main.html), so menus, header, footer and the
  printable whole investigation (which has no body) stay out of the index.
- Pagefind stems Swedish itself, from <html lang="sv">, in the index and in
  the reader's query; it does not split compounds. So every page is indexed
  with a hidden part that readers never get: the tails of its compound
  words from each part boundary ("kommunstyrelseordförande" ->
  "styrelseordförande ordförande"), so a part finds its compound. It is
  added to the copy we hand Pagefind, never to the published page, and
  starts with MARKER, after which the search dialog
  (assets/javascripts/sok.js) shows nothing of a page's indexed text.

A page's words, and where its own text ends, are read in the one pass over
each page (publish/htmlpass.py, page_words); index_site needs only those
and the published pages, read as text and never parsed again.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .decompound import Decompounder

# The element that holds a page's own text (overrides/main.html).
BODY = "[data-pagefind-body]"
# First word of the hidden paragraph; sok.js cuts a page's text here.
# Not a letter or digit, so Pagefind indexes nothing for it.
MARKER = "\u2042"
# Where Pagefind writes its files, below the site.
OUTPUT = "pagefind"
# Where the hidden part goes in Pagefind's copy of a page: the end of the
# page's own text, marked with a comment while the page is serialised (its
# place is then kept as an offset, and the comment removed). Content cannot
# make a comment: its text is escaped.
SLOT = "<!--sib-sokdelar-->"

# Pagefind's own weights for headings (its parser's auto weights): a
# compound part weighs what its compound weighs where it stands.
HEADING_WEIGHTS = {"h1": 7, "h2": 6, "h3": 5, "h4": 4, "h5": 3, "h6": 2}
_SKIPPED = {"script", "style"}
_WORD = re.compile(r"[^\W\d_]+")

# A page's words by the weight Pagefind gives them where they stand.
Weighted = dict[int, list[str]]


def _collect(node, weight: int, out: Weighted) -> None:
    for child in node.iter(include_text=True):
        if child.is_text_node:
            out.setdefault(weight, []).extend(w.lower() for w in _WORD.findall(child.text_content))
        elif child.is_element_node and child.tag not in _SKIPPED:
            _collect(child, HEADING_WEIGHTS.get(child.tag, weight), out)


def page_words(tree) -> Weighted | None:
    """A page's own words by weight (headings h1-h6 weigh 7 down to 2, all
    other text 1), None if it has no own text for the index; and the SLOT
    comment placed at the end of that text."""
    body = tree.css_first(BODY)
    if body is None:
        return None
    weighted: Weighted = {1: []}
    _collect(body, 1, weighted)
    body.insert_child(_slot())
    return weighted


def _slot():
    from selectolax.lexbor import LexborHTMLParser

    return LexborHTMLParser(f"<div>{SLOT}</div>").css_first("div").first_child


def page_tails(words: list[str], splitter: Decompounder) -> list[str]:
    """The compound tails of a page's words, once for every time the compound
    stands on the page: Pagefind ranks by how often a word occurs, so a page
    that says "kommunalteknik" twenty times must count "teknik" twenty times,
    not once. Sorted, so the same page gives the same text."""
    return sorted(tail for word in words for tail in splitter.suffixes(word))


def hidden_part(tails: Weighted) -> str:
    """The part only Pagefind reads: it starts with MARKER, tails of each
    weight in a paragraph of that weight."""
    if not any(tails.values()):
        return ""
    hidden = [f"<p>{MARKER} {html.escape(' '.join(tails.get(1, [])))}</p>"]
    hidden += [f'<p data-pagefind-weight="{weight}">{html.escape(" ".join(words))}</p>'
               for weight, words in sorted(tails.items()) if weight != 1 and words]
    return "".join(hidden)


def body_words(site: Path) -> dict[str, list[str]]:
    """The words of every page that search indexes, by the page's address
    below the site ("samverkan-i-bergslagen/bkt/"): what a query can find
    (harness/compounds.py measures compound parts over them)."""
    from selectolax.lexbor import LexborHTMLParser

    found = {}
    for path in sorted(site.rglob("*.html")):
        weighted = page_words(LexborHTMLParser(path.read_text("utf-8")))
        if weighted is not None:
            found[path.relative_to(site).as_posix().removesuffix("index.html")] = [w for words in weighted.values() for w in words]
    return found


# Pagefind's browser-side files for its ready-made interfaces and its web
# worker, which we do not use (our dialog is sok.js, and it searches without
# a worker): not shipped.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js", "pagefind-worker.js")


def _run_pagefind(pages: Path, output: Path) -> None:
    """The Pagefind binary from the pagefind_bin wheel. Its command line, not
    its Python API: the API's service answers one page per 0.1 s poll, 350 s
    at 500 investigations; the binary indexes them in seconds, and writes the
    same bytes for the same pages (tests/test_safety.py builds twice)."""
    from pagefind_bin import get_executable

    command = [str(get_executable()), "--site", str(pages), "--output-path", str(output), "--silent"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"pagefind failed ({done.returncode}): {done.stdout}{done.stderr}".strip())


def proper_names(site) -> list[str]:
    """Proper names from the content (a content.site.Site), which the search must never split."""
    names = {k.namn for k in site.kommuner.kommuner}
    names |= {o.sate.namn for o in site.organisationer.values()}
    names |= {inv.meta.utredare.namn for inv in site.investigations}
    names |= {site.webbplats.namn} | {inv.meta.titel for inv in site.investigations}
    # Capitalised words only: "i" in "Samverkan i Bergslagen" is no name.
    return sorted({word for name in names for word in re.findall(r"[^\W\d_]+", name) if word[0].isupper()})


def pagefind_copy(text: str, offset: int, hidden: str) -> str:
    """The copy of a page that Pagefind reads: its head (language, title),
    its own text and the hidden part. The menus and the rest around the text
    are left out: Pagefind indexes only data-pagefind-body, and would only
    read and parse them for nothing (tests/test_search.py: the same index
    as from the whole page)."""
    head = text.index(">", text.index("<body")) + 1
    start = text.rindex("<div data-pagefind-body", 0, offset)
    return text[:head] + text[start:offset] + hidden + "</div></body></html>"


# Where Pagefind's copies go when there is room: memory (tmpfs; systemd
# mounts it on Debian). Thousands of new files and folders cost seconds on a
# disk (measured at 500 investigations on an ext4 disk: 2 s to make the
# folders and 2 s to open the files, while Pagefind itself took 4 s).
SCRATCH = Path("/dev/shm")


def _scratch(site: Path, size: int) -> Path:
    """SCRATCH if it has room for size bytes with margin to spare (a
    container's is 64 MB by default), else the disk beside the site."""
    try:
        if os.access(SCRATCH, os.W_OK) and shutil.disk_usage(SCRATCH).free > 4 * size:
            return SCRATCH
    except OSError:
        pass
    return site.parent


def index_site(site: Path, names: Iterable[str], pages: dict[str, tuple[int, Weighted]]) -> set[Path]:
    """Write site/pagefind/ for the pages of site (path below site: offset
    of the end of its own text, its words by weight); names are never
    split. Return the files written."""
    output = site / OUTPUT
    shutil.rmtree(output, ignore_errors=True)
    site_words = {w for _, weighted in pages.values() for words in weighted.values() for w in words}
    splitter = Decompounder(site_words=site_words, keep_whole=names)
    copies = {}
    for relative, (offset, weighted) in sorted(pages.items()):
        hidden = hidden_part({weight: page_tails(words, splitter) for weight, words in weighted.items()})
        copies[relative] = pagefind_copy((site / relative).read_text("utf-8"), offset, hidden)
    with tempfile.TemporaryDirectory(prefix=".sokindex-", dir=_scratch(site, sum(map(len, copies.values())))) as tmp:
        for relative, copy in copies.items():
            target = Path(tmp, relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(copy, "utf-8")
        _run_pagefind(Path(tmp), output)
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)
    return {p for p in output.rglob("*") if p.is_file()}
