"""The browser editor's configuration (Decap CMS), generated from the model
and from the files that exist in content/.

`make cms` writes redaktor/config.yml and redaktor/regler.json; a test fails
if the committed files differ from what the model and content generate, so
the forms never drift from make check and the editors' JSON Schemas. Like
editors/schema.py this walks each file model's JSON Schema: the same titles,
descriptions, required fields, enums, patterns and references.

- Root files are one "files" collection. Each investigation is its own files
  collection: its folder mixes kinds of file (a folder collection holds one
  kind), and its events are what its other files refer to, so a relation
  widget can offer exactly this investigation's events.
- Rules across fields (a decision that is made has a date and an outcome)
  cannot be said in Decap's configuration; regler.json holds them, with the
  model's Swedish messages, and redaktor/index.html checks them before saving.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from ..content.layout import INVESTIGATION_FILES, INVESTIGATIONS_DIR, PROPOSAL_KIND, PROPOSAL_PREFIX, ROOT_FILES, kind_of
from ..content.model import ForslagFil
from ..words.editors import CMS_WORDS, FIELD_TITLES, MODELS
from ..words.readers import ASPECT_LABELS
from .forms import DATE, SITE, _collection_name, _in_form_words, _relation, _rules, _Walker, _words
from .scaffold import templates
from .schema import ID_PATTERN, NOTICE

# The collection that starts an investigation (redaktor/redaktor.js writes
# its other files from the scaffold's templates).
NEW_INVESTIGATION = "ny-utredning"
# The CI job whose artefact is the built site, browsable from the merge request.
PREVIEW_JOB = "build"
# Our YAML format (redaktor/index.html): keeps the files' top comments and long lines.
FORMAT = "samverkan-yml"
def _file(path: str, stem: str, cls, ids, investigation: str | None, label: str | None = None) -> tuple[dict, list[dict]]:
    schema = cls.model_json_schema()
    walker = _Walker(schema.get("$defs", {}), ids, investigation)
    description = MODELS[cls.__name__][1]
    entry = {"name": stem, "label": label or _words(f"file_{stem}"), "file": path, "description": description, "fields": walker.fields(schema)}
    rules: list[dict] = []
    _rules(schema, schema.get("$defs", {}), [], rules)
    return entry, rules


def _names(content: Path) -> dict[str, str]:
    """What a collapsed list item shows instead of an id (its summary is the
    id the YAML holds): the municipality's or organisation's name, the
    aspect's label. redaktor/redaktor.js puts them in place."""
    names = dict(ASPECT_LABELS)
    for file, key in (("kommuner.yml", "kommuner"), ("organisationer.yml", "organisationer")):
        for item in yaml.safe_load((content / file).read_text("utf-8"))[key]:
            names[item["id"]] = item["namn"]
    return names



def _label(folder: Path) -> str:
    """The investigation's collection label. config.yml is published with the
    site, so a draft (publicera: false) is named by its folder, never by its
    title; its files stay editable in the same collection."""
    # Content is validated before this runs: utredning.yml has a title.
    meta = yaml.safe_load((folder / "utredning.yml").read_text("utf-8"))
    if meta.get("publicera", True) is False:
        return _words("draft_collection", id=folder.name)
    return _words("investigation_collection", title=meta["titel"])


def generate(content: Path, ids: dict[str, list[str]], gitlab: dict[str, str]) -> dict[str, str]:
    """{file name: text} for redaktor/; content: a validated content/ folder."""
    rules: dict[str, list[dict]] = {}
    site_files = []
    for name, cls in ROOT_FILES.items():
        entry, file_rules = _file(f"content/{name}", Path(name).stem, cls, ids, None)
        site_files.append(entry)
        rules[entry["file"]] = file_rules
    collections = [{"name": SITE, "label": _words("site_collection"), "description": _words("site_description"),
                    "format": FORMAT, "files": site_files, "editor": {"preview": False}}]
    names = {o: o for o in ids.get("organisation", [])}
    for folder in sorted(p for p in (content / INVESTIGATIONS_DIR).iterdir() if p.is_dir()):
        files = []
        kinds = dict(INVESTIGATION_FILES)
        kinds.update({p.name: ForslagFil for p in sorted(folder.glob(f"{PROPOSAL_PREFIX}*.yml"))})
        for name, cls in kinds.items():
            label = None
            if kind_of(Path(name)) == PROPOSAL_KIND:
                label = _words("proposal_file", organisation=names.get(name[len(PROPOSAL_PREFIX):-4], name).upper())
            path = f"content/{INVESTIGATIONS_DIR}/{folder.name}/{name}"
            entry, file_rules = _file(path, Path(name).stem, cls, ids, folder.name, label)
            files.append(entry)
            rules[path] = file_rules
        collections.append({"name": _collection_name(folder.name), "label": _label(folder),
                            "description": _words("investigation_description", id=folder.name), "format": FORMAT, "files": files,
                            "editor": {"preview": False}})
    collections.append(_new_investigation(ids))
    config = {
        "locale": "sv",
        # The merge request's preview: the CI job that builds site/ (.gitlab-ci.yml)
        # reports a status by its name; Decap links to it as the preview.
        "backend": {"name": "gitlab", "auth_type": "pkce", **gitlab, "squash_merges": True, "preview_context": PREVIEW_JOB,
                    "commit_messages": {"create": CMS_WORDS["commit_create"], "update": CMS_WORDS["commit_update"],
                                        "delete": CMS_WORDS["commit_delete"], "uploadMedia": CMS_WORDS["commit_upload"],
                                        "deleteMedia": CMS_WORDS["commit_delete_media"],
                                        "openAuthoring": CMS_WORDS["commit_open_authoring"]}},
        # Every save is a merge request; publishing is merging it.
        "publish_mode": "editorial_workflow",
        # Content has no pictures yet; Decap needs a folder all the same.
        "media_folder": "docs/bilder",
        "public_folder": "/bilder",
        "show_preview_links": True,
        "collections": collections,
    }
    for collection in collections:
        for entry in collection.get("files", [collection]):
            _hints(entry["fields"])
    _in_form_words(rules)
    header = f"# {NOTICE.replace('make schemas', 'make cms')}\n"
    return {
        "config.yml": header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120),
        "regler.json": json.dumps({"$comment": NOTICE.replace("make schemas", "make cms"), "filer": rules, "datum": _date_fields(collections),
                                   "ny_utredning": {"mapp": f"content/{INVESTIGATIONS_DIR}", "region": (ids.get("region") or [""])[0],
                                                    "mallar": templates()},
                                   "namn": _names(content),
                                   "ord": {"datum_fel": _words("date_invalid"), "publicera_i_gitlab": _words("publish_in_gitlab")}},
                                  ensure_ascii=False, indent=2) + "\n",
    }


def _new_investigation(ids: dict[str, list[str]]) -> dict:
    """A new investigation from the browser: title, id (made from the title
    when left empty), municipalities and organisations from pick lists. Saved
    as a draft with every file make ny-utredning writes. Lists only drafts
    (publicera: false), so an investigation once published is edited in its
    own collection, with every field."""
    municipalities = {**_relation("kommun", None, ids), "multiple": True}
    organisations = {**_relation("organisation", None, ids), "multiple": True}
    return {
        "name": NEW_INVESTIGATION, "label": _words("new_collection"), "label_singular": _words("new_singular"),
        "description": _words("new_description"), "folder": f"content/{INVESTIGATIONS_DIR}", "path": "{{slug}}/utredning",
        "extension": "yml", "format": FORMAT, "create": True, "delete": False, "slug": "{{id}}", "identifier_field": "titel",
        "summary": "{{titel}}", "filter": {"field": "publicera", "value": False}, "editor": {"preview": False},
        "fields": [
            {"name": "titel", "label": FIELD_TITLES["titel"], "widget": "string", "hint": _words("new_title_hint")},
            {"name": "id", "label": FIELD_TITLES["id"], "widget": "string", "required": False, "hint": _words("new_id_hint"),
             "pattern": [ID_PATTERN, _words("pattern_id")]},
            {"name": "kommuner", "label": FIELD_TITLES["kommuner"], **municipalities, "hint": _words("new_municipalities_hint")},
            {"name": "organisationer", "label": FIELD_TITLES["organisationer"], **organisations, "hint": _words("new_organisations_hint")},
            {"name": "publicera", "label": FIELD_TITLES["publicera"], "widget": "hidden", "default": False, "hint": _words("new_draft_hint")},
        ],
    }


def _date_fields(collections: list[dict]) -> list[str]:
    """The names of the fields that hold a date: the editor's writer writes
    their YYYY-MM-DD bare (a YAML date), any other text like it in quotes."""
    names: set[str] = set()

    def walk(fields: list[dict]) -> None:
        for field in fields:
            if field["widget"] == DATE["widget"]:
                names.add(field["name"])
            walk(field.get("fields", []))
            if "field" in field:
                walk([field["field"]])

    for collection in collections:
        for entry in collection.get("files", [collection]):
            walk(entry["fields"])
    return sorted(names)


def _hints(fields: list[dict]) -> None:
    """The draft switch says what off means, in the hint Decap shows."""
    for field in fields:
        if extra := field.pop("hint_extra", None):
            field["hint"] = extra
        for key in ("fields",):
            if key in field:
                _hints(field[key])
        if "field" in field and "fields" in field["field"]:
            _hints(field["field"]["fields"])


def write(folder: Path, content: Path, ids: dict[str, list[str]], gitlab: dict[str, str]) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in generate(content, ids, gitlab).items():
        target = folder / name
        if not target.exists() or target.read_text("utf-8") != text:
            target.write_text(text, "utf-8")
            changed.append(name)
    return changed
