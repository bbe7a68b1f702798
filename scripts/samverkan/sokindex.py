"""Swedish search on top of the theme's: the index gains compound parts.

The theme's search finds a word by its beginning (it adds a trailing
wildcard) and knows no Swedish. Two additions, one on each side:
- here, at build time, each section of the search index gets a field `sv`
  holding the tails of its compound words from each part boundary
  ("kommunstyrelseordförande" -> "styrelseordförande ordförande"), so that
  a part finds its compound. The theme indexes every field its index
  config names, but shows only title and text, so readers see nothing new;
- in the browser, the worker wrapper (docs/assets/javascripts/workers/
  sv-search.js) cuts each query word to its Snowball stem, so inflected
  forms find each other ("nämnder" -> nämnd*, which finds "nämnden").
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from .svenska import Decompounder

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
