"""Validate content/: read every file, check it against the model, resolve ids.

Every problem in every file is collected before anything is reported, so an
editor sees all of them at once. Nothing here writes a file.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import model as m
from .errors import ContentError, ContentErrors, display_path
from .messages import TYPE_NAMES, msg
from .yamlload import Document, Loc, load

ROOT_FILES: dict[str, type[BaseModel]] = {
    "webbplats.yml": m.Webbplats,
    "kommuner.yml": m.KommunerFil,
    "organisationer.yml": m.OrganisationerFil,
    "dokument.yml": m.DokumentFil,
}
INVESTIGATION_FILES: dict[str, type[BaseModel]] = {
    "utredning.yml": m.UtredningFil,
    "styrgrupp.yml": m.StyrgruppFil,
    "gemensam-bild.yml": m.GemensamBildFil,
    "process.yml": m.ProcessFil,
}
PROPOSAL_PREFIX = "forslag-"
INVESTIGATIONS_DIR = "utredningar"


@dataclass
class Investigation:
    meta: m.UtredningFil
    proposals: list[m.ForslagFil]
    styrgrupp: m.StyrgruppFil
    bild: m.GemensamBildFil
    process: m.ProcessFil
    # Which content file each part came from, for the generated files' headers.
    sources: dict[str, str]

    def handelse(self, id_: str) -> m.Handelse:
        return next(h for h in self.process.tidslinje if h.id == id_)


@dataclass
class Site:
    webbplats: m.Webbplats
    kommuner: m.KommunerFil
    organisationer: dict[str, m.Organisation]
    dokument: dict[str, m.Dokument]
    investigations: list[Investigation]
    sources: dict[str, str]
    files: list[str] = field(default_factory=list)

    def kommun(self, id_: str) -> m.Kommun:
        return next(k for k in self.kommuner.kommuner if k.id == id_)

    def organisation(self, id_: str) -> m.Organisation:
        return self.organisationer[id_]

    def orter(self, ids: list[str]) -> list[str]:
        """Municipalities' short names, for lists in running text."""
        return [self.kommun(i).namn for i in ids]

    def forkortningar(self, ids: list[str]) -> list[str]:
        return [self.organisation(i).forkortning for i in ids]


# ------------------------------------------------------------------ reading


def _describe(value: object) -> str:
    name = TYPE_NAMES.get(type(value).__name__, type(value).__name__)
    if isinstance(value, (dict, list)):
        return name
    if isinstance(value, dt.date):
        return f"{name} ({value.isoformat()})"
    return f"{name} (”{value}”)"


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(hela filen)"


def _translate(doc: Document, error: dict) -> ContentError:
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx", {})
    field_ = _dotted(loc)
    found = _describe(error.get("input"))
    if kind == "missing":
        return doc.error(loc[:-1], msg("missing", field=field_))
    if kind == "extra_forbidden":
        return doc.error(loc, msg("extra_forbidden", field=field_), key=True)
    if kind in ("literal_error", "enum"):
        return doc.error(loc, msg(kind, field=field_, expected=ctx.get("expected"), found=found))
    if kind == "value_error":
        return doc.error(loc, msg("value_error", field=field_, reason=ctx.get("error")))
    if kind == "string_pattern_mismatch":
        return doc.error(loc, msg(kind, field=field_, value=error.get("input")))
    if kind in ("greater_than_equal", "greater_than", "less_than_equal"):
        key = kind if kind != "less_than_equal" else "other"
        return doc.error(loc, msg(key, field=field_, detail=error["msg"], **ctx))
    try:
        return doc.error(loc, msg(kind, field=field_, found=found, **ctx))
    except KeyError:
        return doc.error(loc, msg("other", field=field_, detail=error["msg"]))


@dataclass
class _Run:
    """What one validation has found so far."""

    root: Path
    errors: list[ContentError] = field(default_factory=list)
    read: list[tuple[Document, BaseModel]] = field(default_factory=list)
    # Kinds of id that a file which failed might have defined.
    failed_kinds: set[str] = field(default_factory=set)

    def read_file(self, path: Path, schema: type[BaseModel]):
        display = display_path(path, self.root)
        doc, problems = load(path, display)
        if doc is not None:
            try:
                obj = schema.model_validate(doc.data)
                self.read.append((doc, obj))
                return doc, obj
            except ValidationError as exc:
                problems = [_translate(doc, e) for e in exc.errors(include_url=False)]
        self.errors.extend(problems)
        self.failed_kinds |= _kinds_defined(schema)
        return None

    def fail(self, path: Path, message: str, suffix: str = "") -> None:
        self.errors.append(ContentError(display_path(path, self.root) + suffix, 1, 1, message))


# ------------------------------------------------------------------ ids and references


def _marks(annotation: object) -> list[object]:
    """The Defines/RefTo markers on an annotation, looking through X | None."""
    found = [x for x in getattr(annotation, "__metadata__", ()) if isinstance(x, (m.Defines, m.RefTo))]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found += _marks(arg)
    return found


def _walk(value: object, annotation: object, loc: Loc):
    """Yield (marker, id, loc) for every id and reference inside value."""
    for mark in _marks(annotation):
        if isinstance(value, str):
            yield mark, value, loc
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            ann = typing.Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
            yield from _walk(getattr(value, name), ann, (*loc, name))
    elif isinstance(value, list):
        inner = annotation
        while typing.get_origin(inner) is typing.Annotated:
            inner = typing.get_args(inner)[0]
        item = (typing.get_args(inner) or (None,))[0]
        for i, v in enumerate(value):
            yield from _walk(v, item, (*loc, i))


def _kinds_defined(schema: object) -> set[str]:
    """Every kind of id a schema can define, anywhere inside it."""
    kinds = {mk.kind for mk in _marks(schema) if isinstance(mk, m.Defines)}
    if isinstance(schema, type) and issubclass(schema, BaseModel):
        for info in schema.model_fields.values():
            kinds |= _kinds_defined(typing.Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation)
    else:
        for arg in typing.get_args(schema):
            kinds |= _kinds_defined(arg)
    return kinds


def _check_ids(run: _Run) -> None:
    defined: dict[tuple[str, str], ContentError] = {}
    refs = []
    for doc, obj in run.read:
        for mark, value, loc in _walk(obj, type(obj), ()):
            place = doc.error(loc, "")
            if isinstance(mark, m.Defines):
                first = defined.setdefault((mark.kind, value), place)
                if first is not place:
                    run.errors.append(doc.error(loc, msg("duplicate_id", id=value, first=f"{first.file}:{first.line}:{first.column}")))
            else:
                refs.append((doc, mark.kind, value, loc))
    for doc, kind, value, loc in refs:
        # A file that failed may define the id: one error there is enough.
        if (kind, value) not in defined and kind not in run.failed_kinds:
            known = sorted(v for k, v in defined if k == kind)
            hint = msg("ref_hint", known=", ".join(known)) if known else ""
            run.errors.append(doc.error(loc, msg("unknown_ref", field=_dotted(loc), kind=kind, id=value, hint=hint)))


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
    for name in INVESTIGATION_FILES:
        if not (folder / name).exists():
            run.fail(folder, msg("missing_file", name=name), "/")
    if len(parts) != len(INVESTIGATION_FILES):
        return None
    meta_doc, meta = parts["utredning.yml"]
    if meta.id != folder.name:
        run.errors.append(meta_doc.error(("id",), msg("id_not_dir", id=meta.id, dir=folder.name)))
    order = {org: i for i, org in enumerate(meta.organisationer)}
    for doc, proposal in proposals:
        if proposal.organisation not in order:
            hint = msg("ref_hint", known=", ".join(order))
            run.errors.append(doc.error(("organisation",), msg("unknown_ref", field="organisation", kind="organisation i utredning.yml", id=proposal.organisation, hint=hint)))
    sources = {name: parts[name][0].file for name in parts}
    sources.update({f"forslag:{p.organisation}": d.file for d, p in proposals})
    return Investigation(
        meta=meta,
        proposals=sorted((p for _, p in proposals), key=lambda p: order.get(p.organisation, len(order))),
        styrgrupp=parts["styrgrupp.yml"][1],
        bild=parts["gemensam-bild.yml"][1],
        process=parts["process.yml"][1],
        sources=sources,
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
    investigations = [inv for folder in folders if (inv := _investigation(folder, run))]
    _check_ids(run)
    if run.errors:
        raise ContentErrors(run.errors)
    return Site(
        webbplats=top["webbplats.yml"][1],
        kommuner=top["kommuner.yml"][1],
        organisationer={o.id: o for o in top["organisationer.yml"][1].organisationer},
        dokument={d.id: d for d in top["dokument.yml"][1].dokument},
        # Newest information first on the start page.
        investigations=sorted(investigations, key=lambda i: (i.meta.uppdaterad, i.meta.id), reverse=True),
        sources={name: doc.file for name, (doc, _) in top.items()},
        files=sorted(doc.file for doc, _ in run.read),
    )
