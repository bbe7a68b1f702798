"""The site's addresses, in one place.

Used by the plan of pages (pages/plan.py), the changes feed
(pages/changes.py), the preview (preview/warm.py), the reserved-id check
(content/validate.py: an id must not take one of these) and, through the
engine's configuration (publish/engine.py puts them in `extra`), the menu
and the page head (overrides/partials/nav.html, overrides/main.html).
A page is named by its path in docs/ without ".md"; url() gives its address.
"""

from __future__ import annotations

# The portal's own pages.
HOME = "index"
GLOSSARY = "ordlista"
ACCESSIBILITY = "tillganglighet"
ALL_INVESTIGATIONS = "alla-utredningar"
CHANGES = "senaste-andringar"
SITE_PAGES = (HOME, GLOSSARY, ACCESSIBILITY, ALL_INVESTIGATIONS, CHANGES)
# The portal's folders of pages: one page per municipality and per organisation.
MUNICIPALITIES = "kommuner"
ORGANISATIONS = "organisationer"
SITE_SECTIONS = (MUNICIPALITIES, ORGANISATIONS)
# The portal's lists that gather what the investigations' own pages say.
GATHERING = (*SITE_SECTIONS, ALL_INVESTIGATIONS, CHANGES)
# The changes as an Atom feed, at the site's root.
FEED = "feed.xml"
# An investigation's own pages, in its folder <id>/, beside one page per
# organisation (<id>/<organisation>/).
# The stored source, word for word (content/sources.py): <id>/kalla/.
SOURCE_PAGE = "kalla"
INVESTIGATION_PAGES = ("index", "styrgrupp", "gemensam-bild", "process", "hela-utredningen", SOURCE_PAGE)
# What the engine and our after-build steps put beside the pages: the
# theme's files, the search index (Pagefind) and the browser editor.
ENGINE_FOLDERS = ("assets", "search", "stylesheets", "404", "sitemap", "pagefind", "redaktor")


def url(page: str) -> str:
    """The address of a page in docs/ ("kommuner/nora.md") on the built site,
    relative to its root ("kommuner/nora/"), as use_directory_urls makes it."""
    return page.removesuffix("index.md").removesuffix(".md") + ("/" if page.endswith(".md") and not page.endswith("index.md") else "")


def section(address: str) -> str:
    """The first folder of an address ("kommuner" for "kommuner/nora/")."""
    return address.strip("/").split("/")[0]


def for_templates() -> dict:
    """The addresses the theme's templates need, for the engine's `extra`."""
    return {"adresser": {"sektioner": [url(f"{s}/index.md") for s in SITE_SECTIONS], "flode": FEED,
                         "tillganglighet": url(f"{ACCESSIBILITY}.md")}}
