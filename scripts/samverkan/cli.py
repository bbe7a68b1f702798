"""Command line: python -m samverkan {check,render,build,serve,schemas,cms,clean}.

Exit codes: 0 done, 1 content errors or failed build, 2 wrong command.
An editor never sees a traceback; SAMVERKAN_DEBUG=1 shows one to developers.
Heavy modules are imported inside each command: `clean` must run on a bare
python3, and `build` forks the engine before the heavy imports.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import ContentErrors, EngineFailed, display_path, os_cause, printable, report
from .paths import CONFIG, ROOT
from .words import msg
from .words.editors import ARGPARSE

# argparse looks its interface text up through its module's `_` at run time;
# answering from our catalogue makes usage errors Swedish like the rest.
argparse._ = lambda text: ARGPARSE.get(text, text)  # type: ignore[attr-defined]

COMMANDS = ("check", "render", "build", "serve", "schemas", "cms", "clean", "ny-utredning")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m samverkan", description="Bygger Samverkan i Bergslagen från content/.")
    parser.add_argument("kommando", choices=COMMANDS, help="vad som ska göras")
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="mappen med innehåll (YAML)")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="mappen för genererad Markdown")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="mappen för den byggda webbplatsen")
    parser.add_argument("--utkast", action="store_true", help="serve: visa utkast (publicera: false), märkta ”[Utkast]”; bara i förhandsvisningen")
    parser.add_argument("--config", type=Path, default=CONFIG, help="MkDocs-konfigurationen")
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="adress för förhandsvisningen")
    parser.add_argument("--rapport", type=Path, help="check: skriv också felen som GitLab-kodkvalitetsrapport (JSON)")
    parser.add_argument("--publicering", action="store_true",
                        help="check, build: för den skarpa webbplatsen; innehåll som inte får publiceras (t.ex. utan kontaktväg i tillganglighet.yml) är ett fel")
    parser.add_argument("--id", help="ny-utredning: den nya utredningens id, som också blir mappens namn")
    parser.add_argument("--titel", help="ny-utredning: den nya utredningens titel")
    return parser


def _refresh(content: Path, ids: dict[str, list[str]]) -> None:
    """schemas/ and redaktor/ follow content/ (editors/generated.py)."""
    from .editors.generated import refresh

    if changed := refresh(content, ids):
        print(msg("generated_refreshed", files=", ".join(changed)))


def check(args) -> int:
    from .content.gate import unpublishable
    from .content.validate import validate
    from .editors.report import write_report

    try:
        site = validate(args.content, args.content.parent)
        if args.publicering and (problems := unpublishable(site, args.content.parent)):
            raise ContentErrors(problems)
    except ContentErrors as exc:
        if args.rapport:
            write_report(args.rapport, exc.errors)
        raise
    if args.rapport:
        write_report(args.rapport, [])
    print(msg("ok_check", files=len(site.files), investigations=len(site.investigations)))
    _refresh(args.content, site.ids)
    if args.publicering:
        print(msg("ok_publishable"))
    # Valid, but not complete: the law wants a way to report problems, and
    # only the owner can name one. A warning here, so previews still build;
    # the live site's build refuses it (content/gate.py).
    elif site.tillganglighet.kontakt is None:
        print(msg("warn_no_contact"), file=sys.stderr)
    return 0


def render(args) -> int:
    from .pipeline import prepare
    from .publish.docs import write_docs
    from .publish.engine import build_lock, recover, signals_deferred

    _, files = prepare(args.content, args.content.parent)
    with build_lock(args.config.parent):
        recover(args.config.parent)  # a build stopped mid-commit is completed first
        with signals_deferred():  # Ctrl-C waits until docs/ is whole
            changed = write_docs(args.docs, files)
    print(msg("ok_render", pages=sum(p.endswith(".md") for p in files), docs=args.docs.name, written=len(changed)))
    return 0


def build(args) -> int:
    from .publish.engine import discard, staging_dir

    prefetched = staging = None
    if args.prefetch:
        from .publish.prefetch import Engine

        # The engine gets ready in a second process while this one validates.
        staging = staging_dir(args.config.parent)
        prefetched = Engine(args.config, staging / "docs", staging / "site")
    try:
        from .pipeline import build as build_site

        build_site(args.config, args.content, args.docs, args.site, staging=staging, prefetched=prefetched, publishing=args.publicering)
    except EngineFailed as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        print(msg("build_failed"), file=sys.stderr)
        return 1
    finally:
        if prefetched is not None:
            prefetched.close()
        if staging is not None:
            discard(args.config.parent, staging)
    print(msg("build_ok", site=args.site.name))
    return 0


def serve(args) -> int:
    from .preview.serve import serve as run_server

    return run_server(args)


def schemas(args) -> int:
    from .content.validate import validate
    from .editors.schema import write

    # The schemas offer the ids that exist, so they come from valid content.
    changed = write(ROOT / "schemas", validate(args.content, args.content.parent).ids)
    print(msg("ok_schemas", changed=len(changed)))
    return 0


def cms(args) -> int:
    import yaml

    from .content.validate import validate
    from .editors.cms import write
    from .publish.csp import write_conf

    # The forms offer the files and ids that exist, so they come from valid content.
    ids = validate(args.content, args.content.parent).ids
    gitlab = yaml.safe_load((ROOT / "redaktor" / "gitlab.yml").read_text("utf-8"))
    changed = write(ROOT / "redaktor", args.content, ids, gitlab)
    # The web server's policy for the editor lets it reach the same GitLab.
    changed += write_conf(gitlab)
    print(msg("ok_cms", changed=len(changed)))
    return 0


def clean(args) -> int:
    from .publish.docs import clean_docs

    print(msg("ok_clean", count=len(clean_docs(args.docs)), docs=args.docs.name))
    return 0


def ny_utredning(args) -> int:
    from .editors.scaffold import scaffold

    if not args.id or not args.titel:
        print("Ange både ID och TITEL: make ny-utredning ID=ny-utredning TITEL=\"Utredningens titel\"", file=sys.stderr)
        return 2
    from .content.validate import validate

    folder = scaffold(args.content, args.id, args.titel)
    _refresh(args.content, validate(args.content, args.content.parent).ids)
    print(f"Skapade {folder}: ett utkast (publicera: false). Skriv över varje ”SKRIV:” och ta sedan bort raden publicera: false.")
    return 0


def main(argv: list[str] | None = None, *, prefetch: bool = False) -> int:
    """prefetch: start the engine in a second process early (the command
    line does; tests calling main() in process do not fork pytest)."""
    args = _parser().parse_args(argv)
    args.prefetch = prefetch
    command = {name: globals()[name.replace("-", "_")] for name in COMMANDS}[args.kommando]
    try:
        return command(args)
    except ContentErrors as exc:
        report(exc)
        return 1
    except KeyboardInterrupt:
        # Nothing is half-written: docs/ and site/ change only in the
        # commit, which finishes before Ctrl-C is let through (engine.py).
        print("\n" + msg("interrupted"), file=sys.stderr)
        return 130
    except OSError as exc:
        if os.environ.get("SAMVERKAN_DEBUG"):
            raise
        # A full disk or a missing permission: which file, and why.
        from .publish.engine import JOURNAL_NAME

        where = display_path(Path(os.fsdecode(exc.filename)), args.config.parent) if exc.filename else "?"
        # Failing inside the commit, the pair is half new until the next build completes it.
        key = "os_error_in_commit" if (args.config.parent / JOURNAL_NAME).exists() else "os_error"
        print(printable(msg(key, path=where, cause=os_cause(exc))), file=sys.stderr)
        return 1
    except Exception as exc:
        if os.environ.get("SAMVERKAN_DEBUG"):
            raise
        print(printable(msg("internal_error", error=f"{type(exc).__name__}: {exc}")), file=sys.stderr)
        return 1
