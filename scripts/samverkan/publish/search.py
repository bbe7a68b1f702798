"""Swedish search on top of the theme's: the index gains compound parts.

The theme's search finds a word by its beginning (it adds a trailing
wildcard) and knows no Swedish. Two additions, one on each side:
- here, at build time, each section of the search index gets a field `sv`
  holding the tails of its compound words from each part boundary
  ("kommunstyrelseordförande" -> "styrelseordförande ordförande"), so that
  a part finds its compound. The theme indexes every field its index
  config names, but shows only title and text, so readers see nothing new;
- in the browser, the worker wrapper (docs/assets/javascripts/workers/
  sv-search.js, swapped in for the theme's worker by `use_swedish_worker`) cuts each query word to its Snowball stem, so inflected
  forms find each other ("nämnder" -> nämnd*, which finds "nämnden").
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path

from .decompound import Decompounder

FIELD = "sv"
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\W\d_]+")


def _words(doc: dict) -> list[str]:
    text = html.unescape(_TAG.sub(" ", f"{doc.get('title', '')} {doc.get('text', '')}"))
    return [w.lower() for w in _WORD.findall(text)]


def _needed(tails: set[str], words: set[str]) -> list[str]:
    """Tails a prefix query could not already reach: not the start of a word
    in the section, nor of a longer tail."""
    covered = [*words, *tails]
    return sorted(t for t in tails if not any(other != t and other.startswith(t) for other in covered) and t not in words)


def augment(index: dict, keep_whole: Iterable[str] = ()) -> dict:
    """The theme's search_index.json with compound parts added; changed in place."""
    sections = [(doc, _words(doc)) for doc in index["docs"]]
    splitter = Decompounder(site_words={w for _, words in sections for w in words}, keep_whole=keep_whole)
    for doc, words in sections:
        tails = {tail for word in set(words) for tail in splitter.suffixes(word)}
        if needed := _needed(tails, set(words)):
            doc[FIELD] = " ".join(needed)
    index["config"]["fields"][FIELD] = {"boost": 1.0}
    return index


# The theme's search worker, as named in each page's configuration.
_SEARCH_WORKER = re.compile(r'("search": ")([^"]*workers/)(search\.[0-9a-f]+\.min\.js)"')


def theme_search_only() -> bool:
    """For measuring the theme's own search against ours (scripts/search_report.py)."""
    return os.environ.get("SAMVERKAN_SOK") == "standard"


def use_swedish_worker(page_html: str) -> str:
    """Each page starts our worker, which wraps the theme's."""
    if theme_search_only():
        return page_html
    return _SEARCH_WORKER.sub(r'\1\2sv-search.js?worker=\3"', page_html)


def proper_names(site) -> list[str]:
    """Proper names from the content, which the search must never split."""
    names = {k.namn for k in site.kommuner.kommuner}
    names |= {o.sate.namn for o in site.organisationer.values()}
    names |= {inv.meta.utredare.namn for inv in site.investigations}
    names |= {site.webbplats.namn} | {inv.meta.titel for inv in site.investigations}
    # Capitalised words only: "i" in "Samverkan i Bergslagen" is no name.
    return sorted({word for name in names for word in re.findall(r"[^\W\d_]+", name) if word[0].isupper()})


def augment_index(site_dir: Path, names: Iterable[str]) -> None:
    """The built search index gains the compound parts of its words."""
    if theme_search_only():
        return
    index_path = site_dir / "search" / "search_index.json"
    index = augment(json.loads(index_path.read_text("utf-8")), keep_whole=names)
    # Serialised as the theme does, so that sizes compare fairly.
    index_path.write_text(json.dumps(index, separators=(",", ":")), "utf-8")
