"""Every text field of the model, written by a hostile editor, reaches every
file of site/ as inert text: escaped once, shown literally, never run.

The fields come from the model itself (content/model.py), not from a list
written here: a new text field is tested the day it is added, and the test
fails if it cannot give the new field a payload.
"""

from __future__ import annotations

import json
import re
import shutil
import typing
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup
from pydantic import BaseModel

from conftest import html_pages, visible_text
from harness.project import build_project, copy_content, make_project
from samverkan.content import model as m
from samverkan.content.layout import INVESTIGATION_FILES, INVESTIGATIONS_DIR, PROPOSAL_PREFIX, ROOT_FILES
from samverkan.content.translate import _unwrap
from samverkan.content.yamlread import load
from samverkan.paths import ROOT

# Every way into HTML we know of: a tag, an event handler, an attribute
# broken out of, an entity that would be unescaped once too often, a title closed.
PAYLOAD = "P{n}x</title><script>alert({n})</script><img src=x onerror=alert({n})>\"'&amp;{n}"


def active_markup(html: str) -> list[str]:
    """What in html a browser would run or load from a payload: a script
    calling alert, an <img src=x>, an event handler attribute calling alert,
    or a <title> closed early. Escaped text (&lt;script&gt;) is not markup."""
    soup = BeautifulSoup(html, "html.parser")
    found = [f"<script>{s.string}" for s in soup.find_all("script") if s.string and "alert(" in s.string]
    found += [str(i) for i in soup.find_all("img", src="x")]
    for tag in soup.find_all(True):
        found += [f"{tag.name} {k}={v}" for k, v in tag.attrs.items() if k.startswith("on") and "alert(" in str(v)]
    return found


def _is_text(annotation) -> bool:
    """A field of free text: a str with no pattern (ids, abbreviations and
    choices cannot hold a payload), and not an address (model.Url)."""
    metadata = [x for a in _annotated(annotation) for x in getattr(a, "__metadata__", ())]
    # A pattern given to the schema alone counts too (a source's file name, model.SourceFile).
    patterned = [x for x in metadata if getattr(x, "pattern", None) or "pattern" in (getattr(x, "json_schema", None) or {})]
    if patterned or any(getattr(x, "func", None) is m._safe_url for x in metadata):
        return False
    return _unwrap(annotation) is str


def _annotated(annotation):
    """The Annotated layers of an annotation, looking through X | None."""
    out = [annotation]
    for arg in typing.get_args(annotation):
        if typing.get_origin(arg) is typing.Annotated or typing.get_args(arg):
            out += _annotated(arg)
    return out


def _field_annotation(info):
    return typing.Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation


def text_fields(cls: type[BaseModel], seen=None) -> set[tuple[str, str]]:
    """Every (model, field) of free text reachable from cls, lists included."""
    seen = set() if seen is None else seen
    if cls in seen:
        return set()
    seen.add(cls)
    found = set()
    for name, info in cls.model_fields.items():
        annotation = _field_annotation(info)
        inner = _unwrap(annotation)
        if typing.get_origin(inner) is list:
            item = typing.get_args(inner)[0]
            if _is_text(item):
                found.add((cls.__name__, name))
            inner = _unwrap(item)
        elif _is_text(annotation):
            found.add((cls.__name__, name))
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            found |= text_fields(inner, seen)
    return found


def _inject(data, cls, payloads: dict, counter: list, done: set) -> None:
    """Put a distinct payload into every text field of data (read as cls), in place."""
    for name, info in cls.model_fields.items():
        if name not in data:
            continue
        annotation = _field_annotation(info)
        inner = _unwrap(annotation)
        value = data[name]
        if typing.get_origin(inner) is list:
            item = typing.get_args(inner)[0]
            for i, entry in enumerate(value):
                if _is_text(item):
                    value[i] = _payload(cls, name, payloads, counter, done)
                elif isinstance(_unwrap(item), type) and issubclass(_unwrap(item), BaseModel):
                    _inject(entry, _unwrap(item), payloads, counter, done)
        elif _is_text(annotation) and value is not None:
            data[name] = _payload(cls, name, payloads, counter, done)
        elif isinstance(inner, type) and issubclass(inner, BaseModel) and isinstance(value, dict):
            _inject(value, inner, payloads, counter, done)


def _payload(cls, name, payloads, counter, done) -> str:
    counter[0] += 1
    text = PAYLOAD.format(n=counter[0])
    payloads[text] = f"{cls.__name__}.{name}"
    done.add((cls.__name__, name))
    return text


def _fill_optional(name: str, data: dict) -> None:
    """Values for the fields the real content leaves empty, so they get a payload too."""
    import datetime as dt

    if name == "dokument.yml":
        data["dokument"][0]["lank"] = {"text": "x", "url": "https://intranat.example/a.pdf"}
    if name == "process.yml":
        data["remiss"]["svar"].append({"parti": "x", "status": "inkommet", "datum": dt.date(2015, 5, 1), "sammanfattning": "x"})
        data["beslut"]["kommuner"][0].update(status="beslutad", datum=dt.date(2015, 6, 1), utfall="x")
    if name == "tillganglighet.yml":
        data["brister"].append({"brist": "x", "krav": "x", "orsak": "x"})


def _hostile_content(target) -> tuple[dict, set]:
    copy_content(target)
    payloads: dict[str, str] = {}
    done: set = set()
    counter = [0]
    files = [(target / name, cls) for name, cls in ROOT_FILES.items()]
    for folder in sorted((target / INVESTIGATIONS_DIR).iterdir()):
        files += [(folder / name, cls) for name, cls in INVESTIGATION_FILES.items()]
        files += [(path, m.ForslagFil) for path in sorted(folder.glob(PROPOSAL_PREFIX + "*.yml"))]
    for path, cls in files:
        doc, errors = load(path, path.name)
        assert not errors, errors
        _fill_optional(path.name, doc.data)
        _inject(doc.data, cls, payloads, counter, done)
        path.write_text(yaml.safe_dump(doc.data, allow_unicode=True, sort_keys=False, width=10_000), "utf-8")
        # A quote must stand in the stored source (content/sources.py): each
        # payload given as a quote joins the source as a passage of its own,
        # so the source's page must show it literally too.
        if quotes := doc.data.get("kallstallen"):
            meta = yaml.safe_load((path.parent / "utredning.yml").read_text("utf-8"))
            with open(path.parent / "kallor" / meta["kalla"]["fil"], "a", encoding="utf-8") as source:
                source.write("".join(f"\n{quote}\n" for quote in quotes))
    return payloads, done


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("hostile"), content=tmp_path_factory.mktemp("empty"))
    shutil.rmtree(project / "content")
    payloads, done = _hostile_content(project / "content")
    return build_project(project), payloads, done


def test_every_text_field_of_the_model_gets_a_payload(hostile_site):
    _, _, done = hostile_site
    every = set().union(*(text_fields(cls) for cls in [*ROOT_FILES.values(), *INVESTIGATION_FILES.values(), m.ForslagFil]))
    assert len(every) > 50  # the walk found the model's fields
    assert every - done == set(), "text fields the real content/ does not use: give them a value there or in this test"


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [s for item in value for s in _strings(item)] if isinstance(value, list) else []


def test_no_payload_reaches_any_file_of_the_site_raw(hostile_site):
    site, _, _ = hostile_site
    checked = 0
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".json", ".xml"):
            continue
        text = path.read_text("utf-8")
        if path.parent.name == "redaktor" and path.suffix == ".json":
            # The browser editor's rules (regler.json) hold content's names as
            # data that redaktor.js only ever sets as text, never as markup.
            assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", (ROOT / "redaktor" / "redaktor.js").read_text("utf-8"))
            checked += 1
            continue
        if path.suffix == ".json":
            # Every string value, decoded: the theme's search shows them as HTML.
            text = "\n".join(_strings(json.loads(text)))
        if path.name.startswith("sitemap"):
            # The sitemap lists addresses only: no text from content at all.
            assert "alert(" not in text, path.relative_to(site)
        elif path.suffix == ".xml":
            # The Atom feed carries titles as XML text: parsed, the payloads are
            # text of its elements, never elements of their own.
            elements = list(ElementTree.fromstring(text).iter())
            assert not {e.tag.rsplit("}", 1)[-1] for e in elements} & {"script", "img"}, path.relative_to(site)
            assert not [k for e in elements for k in e.attrib if k.startswith("on")], path.relative_to(site)
        else:
            assert active_markup(text) == [], path.relative_to(site)
        if path.suffix == ".html":
            # The title ends where the page says, not where a payload closes it.
            assert text.count("</title>") == 1, path.relative_to(site)
        checked += 1
    assert checked > 10


def test_every_payload_is_shown_literally_where_it_appears(hostile_site):
    site, payloads, _ = hostile_site
    shown: set[str] = set()
    for page in html_pages(site):
        text = visible_text(page)
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        texts = [text, soup.title.get_text()] + [" ".join(a.get_text().split()) for a in soup.select("nav")]
        for payload, field in payloads.items():
            marker = payload.split("x</title>")[0] + "x"
            for t in texts:
                at = 0
                while (at := t.find(marker, at)) != -1:
                    # Wherever the field's text begins, all of it follows, as written.
                    assert t[at:at + len(payload)] == payload, f"{page.relative_to(site)}: {field} shown as {t[at:at + len(payload)]!r}"
                    shown.add(field)
                    at += 1
    # Titles, menu and body: nearly every field is printed somewhere.
    assert len(shown) >= 0.8 * len(set(payloads.values())), sorted(set(payloads.values()) - shown)


def test_no_payload_runs_in_a_browser(hostile_site, browser):
    from harness.servers import served

    site, _, _ = hostile_site
    dialogs = []
    with served(site) as url:
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for html in html_pages(site):
            page.goto(url + html.relative_to(site).as_posix())
            page.wait_for_load_state("load")
        page.close()
    assert dialogs == []
