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
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .decompound import Decompounder

# The attribute that marks a page's own text (overrides/main.html).
BODY = "data-pagefind-body"
# Where a page's own text ends: the page information (partials/sidinfo.html)
# or the article. Both are our markup; the body's <div> closes just before.
_BODY_END = re.compile(r'<aside class="sib-sidinfo"|</article>')
# First word of the hidden paragraph; sok.js cuts a page's text here.
# Not a letter or digit, so Pagefind indexes nothing for it.
MARKER = "\u2042"
# Where Pagefind writes its files, below the site.
OUTPUT = "pagefind"

# Pagefind's own weights for headings (its parser's auto weights): a
# compound part weighs what its compound weighs where it stands.
HEADING_WEIGHTS = {"1": 7, "2": 6, "3": 5, "4": 4, "5": 3, "6": 2}
_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.S)
_WORD = re.compile(r"[^\W\d_]+")


def _body(page: str) -> tuple[int, int] | None:
    """Start and end of a page's own text in its HTML, or None if it has none."""
    start = page.find(BODY)
    if start < 0:
        return None
    start = page.index(">", start) + 1
    end = _BODY_END.search(page, start)
    return start, page.rindex("</div>", start, end.start() if end else len(page))


def _words(fragment: str) -> list[str]:
    text = html.unescape(_TAG.sub(" ", _SCRIPT.sub(" ", fragment)))
    return [w.lower() for w in _WORD.findall(text)]


def _weighted_words(fragment: str) -> dict[int, list[str]]:
    """A page's words by the weight Pagefind gives them where they stand:
    headings h1-h6 weigh 7 down to 2, all other text 1."""
    weighted = {1: _words(_HEADING.sub(" ", fragment))}
    for match in _HEADING.finditer(fragment):
        weighted.setdefault(HEADING_WEIGHTS[match[1]], []).extend(_words(match[2]))
    return weighted


def page_tails(words: list[str], splitter: Decompounder) -> list[str]:
    """The compound tails of a page's words, once for every time the compound
    stands on the page: Pagefind ranks by how often a word occurs, so a page
    that says "kommunalteknik" twenty times must count "teknik" twenty times,
    not once. Sorted, so the same page gives the same text."""
    tails: dict[str, list[str]] = {}
    for word in words:
        if word not in tails:
            tails[word] = splitter.suffixes(word)
    return sorted(tail for word in words for tail in tails[word])


def with_tails(page: str, tails: dict[int, list[str]]) -> str:
    """The page as Pagefind gets it: its own text, then the hidden part that
    starts with MARKER, tails of each weight in a paragraph of that weight."""
    span = _body(page)
    if span is None or not any(tails.values()):
        return page
    hidden = [f"<p>{MARKER} {html.escape(' '.join(tails.get(1, [])))}</p>"]
    hidden += [f'<p data-pagefind-weight="{weight}">{html.escape(" ".join(words))}</p>'
               for weight, words in sorted(tails.items()) if weight != 1 and words]
    return page[: span[1]] + "".join(hidden) + page[span[1]:]


def _indexed(site: Path) -> list[tuple[str, str, dict[int, list[str]]]]:
    """(path below site, HTML, words by weight) of every page with a body, in path order."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        text = path.read_text("utf-8")
        if (span := _body(text)) is not None:
            pages.append((path.relative_to(site).as_posix(), text, _weighted_words(text[span[0]:span[1]])))
    return pages


def body_words(site: Path) -> dict[str, list[str]]:
    """The words of every page that search indexes, by the page's address
    below the site ("samverkan-i-bergslagen/bkt/"): what a query can find."""
    return {relative.removesuffix("index.html"): [w for words in weighted.values() for w in words] for relative, _, weighted in _indexed(site)}


def prepare(site: Path, keep_whole: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(path below site, HTML for Pagefind) for every page with a body, in path order."""
    pages = _indexed(site)
    site_words = {w for _, _, weighted in pages for words in weighted.values() for w in words}
    splitter = Decompounder(site_words=site_words, keep_whole=keep_whole)
    return [(relative, with_tails(text, {weight: page_tails(words, splitter) for weight, words in weighted.items()}))
            for relative, text, weighted in pages]


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


def index_site(site: Path, names: Iterable[str]) -> set[Path]:
    """Write site/pagefind/ for the built site in site; names are never
    split. Return the files written."""
    output = site / OUTPUT
    shutil.rmtree(output, ignore_errors=True)
    # The pages as Pagefind gets them, beside the site on the same disk.
    with tempfile.TemporaryDirectory(prefix=".sokindex-", dir=site.parent) as tmp:
        for relative, text in prepare(site, keep_whole=names):
            target = Path(tmp, relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, "utf-8")
        _run_pagefind(Path(tmp), output)
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)
    return {p for p in output.rglob("*") if p.is_file()}
