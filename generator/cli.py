"""``explainer [-C DIR] COMMAND``: the command line (exit 0 ok, 1 content error, 2 usage)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from generator.errors import ContentError, ServeError, UsageError
from generator.project import Project


def _ingest(project: Project, args: argparse.Namespace) -> int:
    from generator.ingest.raw import ingest

    report = ingest(project, [Path(p) for p in args.paths] or None)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"ingest: {len(report.written)} written, {len(report.unchanged)} unchanged")
    for source_id in report.written:
        print(f"  {project.show(project.sources / (source_id + '.md'))}")
    if report.problems:
        raise ContentError(report.problems)
    return 0


def _extract(project: Project, args: argparse.Namespace) -> int:
    from generator.extract import run_extract

    report = run_extract(project)
    print(f"extract: {len(report.written)} file(s) changed in {project.show(project.facts)}/")
    for path in report.written:
        print(f"  {project.show(path)}")
    for category in report.categories:
        line = (f"  {category.category:<17} {category.facts:>3} facts from "
                f"{category.sources} source(s)")
        if category.added or category.dropped:
            line += f"  (+{len(category.added)} new, -{len(category.dropped)} gone)"
        print(line)
        if args.report:
            for fact_id in category.added:
                print(f"      + {fact_id}")
            for fact_id in category.dropped:
                print(f"      - {fact_id}")
    if args.report:
        print("facts per source:")
        names = [c.category for c in report.categories]
        for source_id, counts in sorted(report.per_source.items()):
            detail = ", ".join(f"{counts[n]} {n}" for n in names if counts[n]) or "no facts"
            print(f"  {source_id}: {detail}")
    return 0


def _build(project: Project, args: argparse.Namespace) -> int:
    from generator.uptodate import current_site

    built = current_site(project)  # nothing changed since the last build: nothing to do
    if built is None:
        from generator.render.early import early_markdown

        with early_markdown(project) as early:  # page bodies render while the build loads
            from generator.build import build

            built = list(build(project, early=early).files.files)
    pages = sum(1 for name in built if name.endswith(".html"))
    print(f"built {pages} pages ({len(built)} files) into {project.show(project.site)}/")
    print("preview: explainer serve  (or: python3 -m http.server -d site 8000)")
    return 0


def _check(project: Project, args: argparse.Namespace) -> int:
    from generator.build import render, stale_raw_files

    files = render(project)
    for path in stale_raw_files(project):
        print(f"warning: {project.show(path)} is not ingested yet (run explainer ingest)",
              file=sys.stderr)
    from generator.facts import facts_are_stale
    from generator.sources import load_sources

    if facts_are_stale(project, load_sources(project)):
        print("warning: content/facts/ is missing or older than the sources "
              "(run explainer extract)", file=sys.stderr)
    print(f"check: ok ({len(files.files)} files would be built)")
    return 0


def _serve(project: Project, args: argparse.Namespace) -> int:
    from generator.serve import serve

    return serve(project, args.host, args.port, args.open)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="explainer",
        description="Turn a folder of news articles into a sourced explainer microsite.",
    )
    main.add_argument("-C", dest="root", metavar="DIR", default=".",
                      help="run in project root DIR (default: the current folder)")
    commands = main.add_subparsers(dest="command", metavar="COMMAND", required=True)
    ingest = commands.add_parser("ingest", help="raw article files → content/sources/<id>.md")
    ingest.add_argument("paths", nargs="*", metavar="PATH",
                        help="raw files (default: everything in content/sources/raw/)")
    ingest.set_defaults(run=_ingest)
    extract = commands.add_parser("extract", help="content/sources/*.md → content/facts/*.yaml")
    extract.add_argument("--report", action="store_true",
                         help="also list new and gone fact ids and the facts of each source")
    extract.set_defaults(run=_extract)
    build = commands.add_parser("build", help="everything → site/")
    build.set_defaults(run=_build)
    serve = commands.add_parser("serve", help="build, serve on 127.0.0.1 and reload on change")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--open", action="store_true", help="open the site in a web browser")
    serve.set_defaults(run=_serve)
    check = commands.add_parser("check", help="validate content and citations; write nothing")
    check.set_defaults(run=_check)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    root = Path(args.root)
    if not root.is_dir():
        print(f"explainer: error: -C {args.root}: no such folder", file=sys.stderr)
        return 2
    project = Project(root.resolve())
    try:
        return int(args.run(project, args))
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        print(f"explainer: {count} problem{'s' if count != 1 else ''}; site/ left unchanged",
              file=sys.stderr)
        return 1
    except ServeError as exc:
        print(f"explainer: {exc}", file=sys.stderr)
        return 1
    except UsageError as exc:
        print(f"explainer: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def main_exit() -> None:
    """Console-script entry point. Output piped into a reader that stops early (``explainer
    extract --report | head``) ends quietly, as other command-line tools do."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # nothing more can be written there, and Python's exit would try to flush it again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 141  # what a shell reports for a command stopped by SIGPIPE
    sys.exit(code)
