"""Validate content/: read every file, check it against the model, resolve ids.

Every problem in every file is collected before anything is reported, so an
editor sees all of them at once. Nothing here writes a file.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import stat
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pydantic import BaseModel, ValidationError

from ..errors import ContentError, ContentErrors, display_path, os_cause
from ..paths import MANIFEST
from ..words import msg
from . import model as m
from .layout import INVESTIGATION_FILES, INVESTIGATIONS_DIR, PLACEHOLDER, PROPOSAL_PREFIX, RESERVED_IDS, ROOT_FILES
from .references import check_ids, defined_ids, ids_in, kinds_defined, prune
from .site import Investigation, Site
from .sources import SOURCES_DIR, check_passages, read_sources
from .translate import dotted, translate
from .yamlread import Document, load, read_bytes


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
    # Expected files that have had their error already (a folder in their place, a wrong suffix).
    reported: set[Path] = field(default_factory=set)
    # What each file held when it was read, as a digest: the preview re-renders
    # only pages whose files changed (pages/render.py).
    fingerprints: dict[str, bytes] = field(default_factory=dict)
    # Files read before, by name and schema: their bytes, what reading them
    # gave, and what was worked out from that (derived()).
    parsed: dict | None = None
    # Drafts shown, marked as such (the preview's UTKAST=1), instead of left out.
    drafts: bool = False
    derivations: dict[str, dict] = field(default_factory=dict)

    def read_file(self, path: Path, schema: type[BaseModel]):
        display = display_path(path, self.root)
        raw = _bytes(path)
        key = (display, schema)
        known = self.parsed.get(key) if self.parsed is not None else None
        if known is None or raw is None or known[0] != raw:
            known = (raw, _parse(path, display, schema, raw), {})
            if self.parsed is not None and raw is not None:
                self.parsed[key] = known
        (doc, obj, problems), self.derivations[display] = known[1], known[2]
        if obj is not None:
            self.read.append((doc, obj))
            self.fingerprints[display] = hashlib.blake2b(raw or b"", digest_size=16).digest()
            return doc, obj
        self.errors.extend(problems)
        self.failed_kinds |= kinds_defined(schema)
        return None

    def derived(self, doc: Document, name: str, compute):
        """compute() for one file's document, worked out once for as long as
        the file's bytes stay the same: what the whole tree's checks need of
        each file, so that a save in the preview costs the file it changed."""
        values = self.derivations[doc.file]
        if name not in values:
            values[name] = compute()
        return values[name]

    def pruned(self, doc: Document, obj: BaseModel):
        """obj without its drafts, or with them marked (references.prune)."""
        return self.derived(doc, f"pruned {self.drafts}", lambda: prune(obj, marked=self.drafts))

    def ids(self, doc: Document, obj: BaseModel) -> list:
        """Every id and reference in obj (references.ids_in)."""
        return self.derived(doc, "ids", lambda: ids_in(obj))

    def fail(self, path: Path, message: str, suffix: str = "") -> None:
        self.errors.append(ContentError(display_path(path, self.root) + suffix, 1, 1, message))


def _bytes(path: Path) -> bytes | None:
    """A file's bytes (yamlread.read_bytes), read once for both parsing and
    telling whether it changed since it was last read; None if it cannot be
    read (load() then says why)."""
    try:
        return read_bytes(path)
    except OSError:
        return None


def _parse(path: Path, display: str, schema: type[BaseModel], raw: bytes | None) -> tuple[Document | None, BaseModel | None, list[ContentError]]:
    """One file read and checked against its schema. Nothing later changes
    the document or the object (drafts are pruned into copies), so the
    preview keeps them for as long as the file's bytes stay the same."""
    doc, problems = load(path, display, raw)
    if doc is None:
        return None, None, problems
    try:
        return doc, schema.model_validate(doc.data), []
    except ValidationError as exc:
        return doc, None, [translate(doc, schema, e) for e in exc.errors(include_url=False)]


# ------------------------------------------------------------------ the whole tree


def _editor_leftover(name: str) -> bool:
    """Backup, swap and lock files that editors leave beside the file they
    edit (Emacs `x~`, `#x#`, `.#x`; Vim `.x.swp`): never content."""
    return name.startswith(".") or name.endswith("~") or (name.startswith("#") and name.endswith("#"))


def _entries(folder: Path, run: _Run, expected: dict) -> list[tuple[Path, bool]]:
    """The regular files and folders in folder as (path, is_folder), in name
    order. Everything else is reported once here: a symbolic link could
    publish a file from outside the repository, and a pipe or device could
    hang the build. A known file saved as .yaml or .YML, or a folder with a
    file's name, gets one error that says what to do, and no second one
    saying that the file is missing."""
    found = []
    for path in sorted(folder.iterdir()):
        if _editor_leftover(path.name):
            continue
        try:
            mode = path.lstat().st_mode
        except OSError as exc:
            run.fail(path, msg("file_unreadable", cause=os_cause(exc)))
            continue
        wanted = path.stem + ".yml"
        if stat.S_ISLNK(mode):
            run.fail(path, msg("file_symlink"))
        elif stat.S_ISDIR(mode) and path.name in expected:
            run.fail(path, msg("dir_named_like_file"), "/")
        elif stat.S_ISDIR(mode):
            found.append((path, True))
            continue
        elif not stat.S_ISREG(mode):
            run.fail(path, msg("file_not_regular"))
        elif path.suffix != ".yml" and path.suffix.lower() in (".yml", ".yaml") and (wanted in expected or wanted.startswith(PROPOSAL_PREFIX)):
            run.fail(path, msg("wrong_suffix", name=wanted))
        else:
            found.append((path, False))
            continue
        # Reported above: not also missing, and its ids not also unknown.
        run.reported.add(folder / wanted if path.name not in expected else path)
        if schema := expected.get(path.name) or expected.get(wanted):
            run.failed_kinds |= kinds_defined(schema)
    return found


def _investigation(folder: Path, run: _Run) -> Investigation | None:
    parts: dict[str, tuple[Document, BaseModel]] = {}
    proposals: list[tuple[Document, m.ForslagFil]] = []
    texts: dict = {}
    for path, is_folder in _entries(folder, run, INVESTIGATION_FILES):
        if is_folder and path.name == SOURCES_DIR:
            texts = read_sources(_entries(path, run, {}), run)
        elif is_folder:
            run.fail(path, msg("unknown_file", allowed=", ".join([*INVESTIGATION_FILES, f"{PROPOSAL_PREFIX}<organisation>.yml", SOURCES_DIR + "/"])), "/")
        elif path.name in INVESTIGATION_FILES:
            if got := run.read_file(path, INVESTIGATION_FILES[path.name]):
                parts[path.name] = got
        elif path.name.startswith(PROPOSAL_PREFIX) and path.suffix == ".yml":
            if got := run.read_file(path, m.ForslagFil):
                proposals.append(got)
        else:
            allowed = ", ".join([*INVESTIGATION_FILES, f"{PROPOSAL_PREFIX}<organisation>.yml", SOURCES_DIR + "/"])
            run.fail(path, msg("unknown_file", allowed=allowed))
    for name, schema in INVESTIGATION_FILES.items():
        if name not in parts:
            run.failed_kinds |= kinds_defined(schema)
        if not (folder / name).exists() and folder / name not in run.reported:
            run.fail(folder, msg("missing_file", name=name), "/")
    if len(parts) != len(INVESTIGATION_FILES):
        return None
    meta_doc, meta = parts["utredning.yml"]
    if not meta.publicera:
        run.draft_files |= {doc.file for doc, _ in [*parts.values(), *proposals]}
    else:
        for doc, _ in [*parts.values(), *proposals]:
            run.errors += run.derived(doc, "placeholders", lambda doc=doc: _placeholders(doc))
    if meta.id != folder.name:
        run.errors.append(meta_doc.error(("id",), msg("id_not_dir", id=meta.id, dir=folder.name)))
    source = check_passages(meta_doc, meta.kalla.fil, texts, [*parts.values(), *proposals], display_path(folder / SOURCES_DIR, run.root), run.errors)
    order = {org: i for i, org in enumerate(meta.organisationer)}
    for doc, proposal in proposals:
        expected = f"{PROPOSAL_PREFIX}{proposal.organisation}.yml"
        if not doc.file.endswith("/" + expected):
            run.errors.append(doc.error(("organisation",), msg("proposal_file_name", id=proposal.organisation, expected=expected)))
        if proposal.organisation not in order:
            hint = msg("ref_hint", where=meta_doc.file, known=", ".join(order))
            run.errors.append(doc.error(("organisation",), msg("unknown_ref", field="organisation", kind="organisation i utredning.yml", id=proposal.organisation, hint=hint)))
    published = sorted(((d, p) for d, p in proposals if p.publicera or run.drafts), key=lambda got: order.get(got[1].organisation, len(order)))
    return Investigation(
        meta=run.pruned(meta_doc, meta),
        proposals=[run.pruned(*got) for got in published],
        styrgrupp=run.pruned(*parts["styrgrupp.yml"]),
        bild=run.pruned(*parts["gemensam-bild.yml"]),
        process=run.pruned(*parts["process.yml"]),
        sources={name: doc.file for name, (doc, _) in parts.items()},
        proposal_sources={p.organisation: d.file for d, p in proposals},
        source=source,
    )


def _placeholders(doc: Document) -> list[ContentError]:
    """Every text in a published file that still holds make ny-utredning's
    placeholder; drafts within the file (publicera: false) may keep theirs."""
    errors = []

    def walk(value: object, loc: tuple) -> None:
        if isinstance(value, str) and PLACEHOLDER in value:
            errors.append(doc.error(loc, msg("placeholder_published", field=dotted(loc), placeholder=PLACEHOLDER)))
        elif isinstance(value, dict) and value.get("publicera") is not False:
            for key, item in value.items():
                walk(item, (*loc, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, (*loc, i))

    walk(doc.data, ())
    return errors


def _generated(docs: Path) -> set[str]:
    manifest = docs / MANIFEST
    return set(json.loads(manifest.read_text("utf-8"))) if manifest.is_file() else set()


def _links(value: object, loc: tuple):
    """Every link (model.Lank) inside a validated object, with its place."""
    if isinstance(value, m.Lank):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _links(getattr(value, name), (*loc, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _links(item, (*loc, i))


def _link_targets(run: _Run, docs: Path) -> list[ContentError]:
    """A relative link names a hand-written file in docs/, counted from
    docs/ (the renderer makes it relative to each page that shows it). The
    engine refuses a link to a file it does not have, so check says so
    first, at the link's line, instead of the build failing later."""
    errors = []
    generated = _generated(docs)
    for doc, obj in run.read:
        for loc, link in run.derived(doc, "links", lambda obj=obj: list(_links(obj, ()))):
            parts = urlsplit(link.url)
            if parts.scheme:
                continue
            target = posixpath.normpath(unquote(parts.path)) if parts.path else ""
            where = (*loc, "url")
            if not target or target.startswith("/") or target == ".." or target.startswith("../"):
                errors.append(doc.error(where, msg("link_outside_docs", url=link.url)))
            elif target in generated or not (docs / target).is_file():
                errors.append(doc.error(where, msg("link_target_missing", url=link.url, target=target)))
    return errors


def _hand_written_names(docs: Path) -> set[str]:
    """Names at the top of docs/ that are not generated from content/."""
    if not docs.is_dir():
        return set()
    generated = {rel.split("/")[0] for rel in _generated(docs)}
    # A folder takes an address only if a page is in it: an empty one (left
    # where generated pages were removed) publishes nothing.
    return {p.stem for p in docs.iterdir()
            if not p.name.startswith(".") and p.name not in generated and (p.is_file() or any(f.is_file() for f in p.rglob("*")))}


def _reserved_ids(run: _Run, top: dict, docs: Path) -> list[ContentError]:
    """Ids that would take an address the site already uses (addresses.py)."""
    errors = []
    if "organisationer.yml" in top:
        doc, orgs = top["organisationer.yml"]
        for i, org in enumerate(orgs.organisationer):
            if org.id in RESERVED_IDS["organisation"]:
                errors.append(doc.error(("organisationer", i, "id"), msg("reserved_id", id=org.id, url=f"<utredning>/{org.id}/")))
    # Hand-written pages and folders at the top of docs/ have their addresses too.
    taken = {*RESERVED_IDS["utredning"], *_hand_written_names(docs)}
    for doc, obj in run.read:
        if isinstance(obj, m.UtredningFil) and obj.id in taken:
            errors.append(doc.error(("id",), msg("reserved_id", id=obj.id, url=f"{obj.id}/")))
    return errors


def validate(content: Path, root: Path, docs: Path | None = None, parsed: dict | None = None, drafts: bool = False) -> Site:
    """Validate the whole content tree; raise ContentErrors with every problem.

    docs: the folder of hand-written pages beside the generated ones
    (default root/docs), whose addresses ids must not take. parsed: a dict
    kept between calls (the preview's), so that a file whose bytes did not
    change is not parsed again. drafts: drafts are shown, each marked as one
    (the preview's UTKAST=1), instead of left out."""
    run = _Run(root, parsed=parsed, drafts=drafts)
    top: dict[str, tuple[Document, BaseModel]] = {}
    folders = []
    for path, is_folder in _entries(content, run, ROOT_FILES) if content.is_dir() else []:
        if path.name == INVESTIGATIONS_DIR and is_folder:
            entries = _entries(path, run, {})
            folders = [p for p, sub in entries if sub]
            for stray, _ in (e for e in entries if not e[1]):
                run.fail(stray, msg("not_investigation_folder"))
        elif path.name in ROOT_FILES and not is_folder:
            if got := run.read_file(path, ROOT_FILES[path.name]):
                top[path.name] = got
        else:
            run.fail(path, msg("unknown_file", allowed=", ".join([*ROOT_FILES, INVESTIGATIONS_DIR + "/"])), "/" if is_folder else "")
    for name in ROOT_FILES:
        if not (content / name).exists() and content / name not in run.reported:
            run.fail(content, msg("missing_file", name=name), "/")
    if not folders:
        run.fail(content / INVESTIGATIONS_DIR, msg("no_content"), "/")
    investigations = [inv for folder in folders if (inv := _investigation(folder, run)) and (inv.meta.publicera or drafts)]
    run.errors += check_ids(run.read, run.draft_files, run.failed_kinds, run.ids)
    docs = docs if docs is not None else root / "docs"
    run.errors += _reserved_ids(run, top, docs)
    run.errors += _link_targets(run, docs)
    if folders and not investigations and not run.errors:
        run.fail(content / INVESTIGATIONS_DIR, msg("none_published"), "/")
    if run.errors:
        raise ContentErrors(run.errors)
    return Site(
        webbplats=top["webbplats.yml"][1],
        kommuner=run.pruned(*top["kommuner.yml"]),
        organisationer={o.id: o for o in run.pruned(*top["organisationer.yml"]).organisationer},
        dokument={d.id: d for d in run.pruned(*top["dokument.yml"]).dokument},
        ordlista=run.pruned(*top["ordlista.yml"]),
        tillganglighet=run.pruned(*top["tillganglighet.yml"]),
        # Newest information first on the start page.
        investigations=sorted(investigations, key=lambda i: (i.meta.uppdaterad, i.meta.id), reverse=True),
        sources={name: doc.file for name, (doc, _) in top.items()},
        ids=defined_ids(run.read, run.ids),
        fingerprints=run.fingerprints,
    )
