"""One pass over each built page: parsed once (selectolax's Lexbor), every
change we make to it applied to the tree, written once, compressed at once.

- our fixes to the theme's markup (postbuild.py),
- the theme's inline scripts moved into files (inline_scripts.py),
- the page's own words and where its own text ends, for the search index
  (search.py), which then never parses the page again,
- its .gz for the web server (precompress.py), from the bytes just made.

Lexbor was measured against lxml on the built site's pages (parse, these
changes, serialise): 0.42 against 0.76 ms a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from .inline_scripts import move_inline_scripts, write_scripts
from .postbuild import FIXES
from .precompress import compress_bytes
from .search import SLOT, Weighted, page_words


@dataclass
class PageResult:
    """What one page's pass found, beyond the page it wrote."""

    scripts: dict[str, str] = field(default_factory=dict)
    # Offset of the end of its own text in the written page, and its words.
    search: tuple[int, Weighted] | None = None


def process(html: str, page: Path) -> tuple[str, PageResult]:
    """The page as published, and what the pass found in it."""
    tree = LexborHTMLParser(html)
    for fix in FIXES:
        fix(tree)
    result = PageResult(scripts=move_inline_scripts(tree, page))
    weighted = page_words(tree)
    out = tree.html
    if weighted is not None:
        offset = out.index(SLOT)
        out = out[:offset] + out[offset + len(SLOT):]
        result.search = (offset, weighted)
    return out, result


@dataclass
class PagePass:
    """The pass over a site's pages, one page at a time: a whole build hands
    each page over as soon as the engine has written it (publish/prefetch.py),
    so the pass runs on the second core while the engine makes the rest.
    search gets each page's entry; previous is the site being replaced."""

    site: Path
    previous: Path | None
    search: dict[str, tuple[int, Weighted]]
    scripts: dict[str, str] = field(default_factory=dict)
    # Pages given their .gz, and every page done.
    compressed: set[Path] = field(default_factory=set)
    done: set[Path] = field(default_factory=set)

    def __call__(self, page: Path) -> None:
        """page, in place, as published."""
        text, result = process(page.read_text("utf-8"), page)
        data = text.encode("utf-8")
        page.write_bytes(data)
        self.scripts |= result.scripts
        relative = page.relative_to(self.site).as_posix()
        if result.search is None:
            self.search.pop(relative, None)
        else:
            self.search[relative] = result.search
        if compress_bytes(page, data, self.previous / relative if self.previous is not None else None):
            self.compressed.add(page)
        self.done.add(page)

    def finish(self) -> set[Path]:
        """The script files the pages now load; return those written."""
        return write_scripts(self.site, self.scripts)
