"""Validate content/: read every file, check it against the model, resolve ids.

Every problem in every file is collected before anything is reported, so an
editor sees all of them at once. Nothing here writes a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..errors import ContentError, ContentErrors, display_path
from ..words import msg
from . import model as m
from .layout import INVESTIGATION_FILES, INVESTIGATIONS_DIR, PROPOSAL_PREFIX, ROOT_FILES
from .references import check_ids, defined_ids, kinds_defined, prune
from .site import Investigation, Site
from .translate import translate
from .yamlread import Document, load


@dataclass
class _Run:
    """What one validation has found so far."""

    root: Path
    errors: list[ContentError] = field(default_factory=list)
    read: list[tuple[Document, BaseModel]] = field(default_factory=list)
    # Kinds of id that a file which failed might have defined.
    failed_kinds: set[str] = field(default_factory=set)
    # Files that are drafts as a whole (an unpublished investigation's).
    draft_files: set[str] = field(default_factory=set)

    def read_file(self, path: Path, schema: type[BaseModel]):
        display = display_path(path, self.root)
        doc, problems = load(path, display)
        if doc is not None:
            try:
                obj = schema.model_validate(doc.data)
                self.read.append((doc, obj))
                return doc, obj
            except ValidationError as exc:
                problems = [translate(doc, schema, e) for e in exc.errors(include_url=False)]
        self.errors.extend(problems)
        self.failed_kinds |= kinds_defined(schema)
        return None

    def fail(self, path: Path, message: str, suffix: str = "") -> None:
        self.errors.append(ContentError(display_path(path, self.root) + suffix, 1, 1, message))


# ------------------------------------------------------------------ the whole tree


def _investigation(folder: Path, run: _Run) -> Investigation | None:
    parts: dict[str, tuple[Document, BaseModel]] = {}
    proposals: list[tuple[Document, m.ForslagFil]] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.name in INVESTIGATION_FILES:
            if got := run.read_file(path, INVESTIGATION_FILES[path.name]):
                parts[path.name] = got
        elif path.name.startswith(PROPOSAL_PREFIX) and path.suffix == ".yml":
            if got := run.read_file(path, m.ForslagFil):
                proposals.append(got)
        else:
            allowed = ", ".join([*INVESTIGATION_FILES, f"{PROPOSAL_PREFIX}<organisation>.yml"])
            run.fail(path, msg("unknown_file", allowed=allowed))
    for name, schema in INVESTIGATION_FILES.items():
        if not (folder / name).exists():
            run.fail(folder, msg("missing_file", name=name), "/")
            run.failed_kinds |= kinds_defined(schema)
    if len(parts) != len(INVESTIGATION_FILES):
        return None
    meta_doc, meta = parts["utredning.yml"]
    if not meta.publicera:
        run.draft_files |= {doc.file for doc, _ in [*parts.values(), *proposals]}
    if meta.id != folder.name:
        run.errors.append(meta_doc.error(("id",), msg("id_not_dir", id=meta.id, dir=folder.name)))
    order = {org: i for i, org in enumerate(meta.organisationer)}
    for doc, proposal in proposals:
        expected = f"{PROPOSAL_PREFIX}{proposal.organisation}.yml"
        if not doc.file.endswith("/" + expected):
            run.errors.append(doc.error(("organisation",), msg("proposal_file_name", id=proposal.organisation, expected=expected)))
        if proposal.organisation not in order:
            hint = msg("ref_hint", where=meta_doc.file, known=", ".join(order))
            run.errors.append(doc.error(("organisation",), msg("unknown_ref", field="organisation", kind="organisation i utredning.yml", id=proposal.organisation, hint=hint)))
    published = [p for _, p in proposals if p.publicera]
    return Investigation(
        meta=meta,
        proposals=prune(sorted(published, key=lambda p: order.get(p.organisation, len(order)))),
        styrgrupp=prune(parts["styrgrupp.yml"][1]),
        bild=prune(parts["gemensam-bild.yml"][1]),
        process=prune(parts["process.yml"][1]),
        sources={name: doc.file for name, (doc, _) in parts.items()},
        proposal_sources={p.organisation: d.file for d, p in proposals},
    )


def validate(content: Path, root: Path) -> Site:
    """Validate the whole content tree; raise ContentErrors with every problem."""
    run = _Run(root)
    top: dict[str, tuple[Document, BaseModel]] = {}
    for path in sorted(content.iterdir()) if content.is_dir() else []:
        if path.name.startswith(".") or path.name == INVESTIGATIONS_DIR:
            continue
        if path.name in ROOT_FILES:
            if got := run.read_file(path, ROOT_FILES[path.name]):
                top[path.name] = got
        else:
            run.fail(path, msg("unknown_file", allowed=", ".join([*ROOT_FILES, INVESTIGATIONS_DIR + "/"])))
    for name in ROOT_FILES:
        if not (content / name).exists():
            run.fail(content, msg("missing_file", name=name), "/")
    folders = sorted(p for p in (content / INVESTIGATIONS_DIR).glob("*") if p.is_dir() and not p.name.startswith("."))
    if not folders:
        run.fail(content / INVESTIGATIONS_DIR, msg("no_content"), "/")
    investigations = [inv for folder in folders if (inv := _investigation(folder, run)) and inv.meta.publicera]
    run.errors += check_ids(run.read, run.draft_files, run.failed_kinds)
    if folders and not investigations and not run.errors:
        run.fail(content / INVESTIGATIONS_DIR, msg("none_published"), "/")
    if run.errors:
        raise ContentErrors(run.errors)
    return Site(
        webbplats=top["webbplats.yml"][1],
        kommuner=prune(top["kommuner.yml"][1]),
        organisationer={o.id: o for o in prune(top["organisationer.yml"][1]).organisationer},
        dokument={d.id: d for d in prune(top["dokument.yml"][1]).dokument},
        ordlista=prune(top["ordlista.yml"][1]),
        tillganglighet=prune(top["tillganglighet.yml"][1]),
        # Newest information first on the start page.
        investigations=sorted(investigations, key=lambda i: (i.meta.uppdaterad, i.meta.id), reverse=True),
        sources={name: doc.file for name, (doc, _) in top.items()},
        files=sorted(doc.file for doc, _ in run.read),
        ids=defined_ids(run.read),
    )
