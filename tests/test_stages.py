"""The stages of scripts/samverkan/ stay one-way and small: each stage imports
only from the stages below it (never upward, never a sibling), no module
imports itself around a cycle, and no folder or module outgrows a reading.

Imports inside functions count too: a lazy import that runs upward is still
a dependency upward."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from samverkan.paths import ROOT

PACKAGE = ROOT / "scripts" / "samverkan"
TEST_TOOLING = ROOT / "scripts" / "harness"

# From the bottom up. A module may import its own stage and the stages with a
# lower number; two stages with the same number do not know each other. The
# base is what every stage shares: the project's paths, errors, words and the
# site's addresses.
STAGES = {
    "base": 0,
    "content": 1,
    "editors": 2, "pages": 2,
    "publish": 3,
    "pipeline": 4,
    "preview": 5,
    "cli": 6,
}
BASE = {"samverkan", "paths", "errors", "words", "addresses"}
FOLDER_LINES = 2000
MODULE_LINES = 350


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every samverkan module the file at path imports, anywhere in it."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "samverkan"}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "samverkan":
                continue
            found.add(target)
            # "from . import engine" imports the module samverkan.publish.engine.
            found |= {f"{target}.{a.name}" for a in node.names}
    return found


def _graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {t for t in _imports(path) if t in files and t != name} for name, path in files.items()}


def _stage(module: str) -> str:
    top = module.split(".")[1] if "." in module else "samverkan"
    return "base" if top in BASE else "cli" if top == "__main__" else top


def test_every_module_belongs_to_a_stage():
    assert {_stage(m) for m in _graph()} <= set(STAGES)


def test_no_import_runs_up_or_sideways():
    wrong = []
    for module, targets in _graph().items():
        for target in targets:
            src, dst = _stage(module), _stage(target)
            if src != dst and STAGES[dst] >= STAGES[src]:
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_no_cycle_between_modules():
    graph = _graph()
    # Tarjan's strongly connected components: a component of two or more
    # modules is a cycle.
    index, low, on_stack, stack, cycles = {}, {}, set(), [], []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert cycles == []


def test_no_product_module_imports_the_test_tooling():
    users = [m for m, p in ((_module_name(p), p) for p in PACKAGE.rglob("*.py"))
             if any(line.lstrip().startswith(("import harness", "from harness")) for line in p.read_text("utf-8").splitlines())]
    assert users == []
    assert (TEST_TOOLING / "nginx.py").is_file()


def _lines(path: Path) -> int:
    return len(path.read_text("utf-8").splitlines())


def test_no_stage_folder_and_no_module_too_long():
    folders = {d.name: sum(_lines(p) for p in d.rglob("*.py")) for d in PACKAGE.iterdir() if d.is_dir() and (d / "__init__.py").exists()}
    modules = {p.relative_to(PACKAGE).as_posix(): _lines(p) for p in PACKAGE.rglob("*.py")}
    assert {d: n for d, n in folders.items() if n > FOLDER_LINES} == {}
    assert {m: n for m, n in modules.items() if n > MODULE_LINES} == {}


def test_the_graph_sees_imports_of_every_form(tmp_path, monkeypatch):
    # The checks above are only as good as the parser of imports: each form
    # the code uses is resolved to the module it loads.
    fake = tmp_path / "samverkan"
    (fake / "preview").mkdir(parents=True)
    source = fake / "preview" / "serve.py"
    source.write_text("from ..publish import engine\nfrom .warm import W\nimport samverkan.pages.plan\n"
                      "def f():\n    from ..pipeline import prepare\n", "utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    assert _imports(source) == {"samverkan.publish", "samverkan.publish.engine", "samverkan.preview.warm",
                                "samverkan.preview.warm.W", "samverkan.pages.plan", "samverkan.pipeline",
                                "samverkan.pipeline.prepare"}


def test_the_sites_addresses_are_written_in_one_place():
    # Any string in the code that is a path to one of the portal's pages, or
    # starts with one, outside addresses.py; in overrides/, any quoted one.
    # Words for readers (words/) are text, and a bare "kommuner" is also a
    # field of the content model, not an address.
    from samverkan import addresses

    names = {*addresses.SITE_PAGES, *addresses.SITE_SECTIONS, addresses.FEED} - {addresses.HOME}
    found = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "addresses.py" or "words" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value.strip("/").removesuffix(".md")
                path_like = "/" in node.value or node.value.endswith((".md", ".xml"))
                if path_like and " " not in node.value and value.split("/")[0] in names:
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value!r}")
    for path in (ROOT / "overrides").rglob("*.html"):
        for lineno, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            found += [f"{path.relative_to(ROOT)}:{lineno}: {name}" for name in names
                      if any(f"{q}{name}{end}" in line for q in "\"'" for end in ("/", "\"", "'", ".md"))]

    assert found == [], "\n".join(found)


def test_only_one_module_uses_the_engines_private_functions():
    # preview/internals.py checks every private name it uses (and a test runs
    # that check under both engines); a private name imported elsewhere would
    # not be checked.
    users = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("mkdocs", "properdocs"):
                users += [path.relative_to(PACKAGE).as_posix() for a in node.names if a.name.startswith("_")]
    assert sorted(set(users)) == ["preview/internals.py"]


def test_mkdocs_yml_carries_the_same_addresses_for_an_engine_run_by_hand():
    import yaml

    from samverkan import addresses

    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml may hold MkDocs' own tags (!ENV); only `extra` is read here.
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=Loader)
    assert {"adresser": config["extra"]["adresser"]} == addresses.for_templates()
