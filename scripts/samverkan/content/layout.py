"""Which files content/ holds and which model each one follows.

Shared by validation (what to read) and the JSON Schemas (one per kind of file).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from ..addresses import ENGINE_FOLDERS, INVESTIGATION_PAGES, SITE_PAGES, SITE_SECTIONS
from . import model as m

ROOT_FILES: dict[str, type[BaseModel]] = {
    "webbplats.yml": m.Webbplats,
    "kommuner.yml": m.KommunerFil,
    "organisationer.yml": m.OrganisationerFil,
    "dokument.yml": m.DokumentFil,
    "ordlista.yml": m.OrdlistaFil,
    "tillganglighet.yml": m.TillganglighetFil,
}
INVESTIGATION_FILES: dict[str, type[BaseModel]] = {
    "utredning.yml": m.UtredningFil,
    "styrgrupp.yml": m.StyrgruppFil,
    "gemensam-bild.yml": m.GemensamBildFil,
    "process.yml": m.ProcessFil,
}
PROPOSAL_PREFIX = "forslag-"
PROPOSAL_KIND = PROPOSAL_PREFIX.rstrip("-")
INVESTIGATIONS_DIR = "utredningar"

# Each kind of content file by its schema's name; proposals share one.
KINDS: dict[str, type[BaseModel]] = {
    **{Path(name).stem: cls for name, cls in ROOT_FILES.items()},
    **{Path(name).stem: cls for name, cls in INVESTIGATION_FILES.items()},
    PROPOSAL_KIND: m.ForslagFil,
}


def kind_of(path: Path) -> str:
    """Which kind of content file path is, by its name."""
    return PROPOSAL_KIND if path.name.startswith(PROPOSAL_PREFIX) else path.stem

# The names each kind of id must not take, for make check (validate.py) and
# the editors' schemas alike: an organisation's page is
# <utredning>/<organisation>/ beside the investigation's own pages, and an
# investigation's folder stands beside the site's pages and the engine's
# folders (addresses.py). Hand-written pages in docs/ are added by make check.
RESERVED_IDS = {
    "organisation": INVESTIGATION_PAGES,
    "utredning": (*SITE_PAGES, *SITE_SECTIONS, *ENGINE_FOLDERS),
}

# What stands where the editor has still to write, in the files make
# ny-utredning makes (editors/scaffold.py): make check refuses to publish an
# investigation with one left (validate.py).
PLACEHOLDER = "SKRIV:"
