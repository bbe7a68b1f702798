"""What valid content still lacks before the live site may publish it.

Content can be valid and yet not publishable: the law (2018:1937) wants
readers to have a way to report accessibility problems, and only the
municipality can name one, so no default is made up. The live site's build
(`make build PUBLICERING=ja`, which the pipeline's build job runs on the
default branch) refuses such content with these errors; every other build
and the preview show them to editors as a banner on every page instead.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError
from ..words import msg
from .site import Site
from .yamlread import load


def unpublishable(site: Site, root: Path) -> list[ContentError]:
    """Why the live site may not publish site, each at the place to fix it."""
    if site.tillganglighet.kontakt is not None:
        return []
    name = site.sources["tillganglighet.yml"]
    doc, _ = load(root / name, name)
    # Where the contact route belongs: beside the text that invites feedback.
    line, column = doc.where(("aterkoppling",), key=True) if doc is not None else (1, 1)
    return [ContentError(name, line, column, msg("publish_no_contact"))]


def editor_notes(site: Site, root: Path) -> list[str]:
    """The same, said to editors on a page they preview."""
    return [msg("banner_no_contact") for _ in unpublishable(site, root)]
