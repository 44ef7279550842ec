"""The `conceptmap diff` and `conceptmap verify` commands: compare two maps or score one, check quotes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph.cli.common import UsageError, map_paths, said, warn
from graph.load import load_map
from graph.model import Map
from graph.problems import MapError, errors, report
from graph.write import write_files

SAME, DIFFERENT, BAD = 0, 1, 2


def _load(path: str) -> Map:
    (p,) = map_paths([path])
    cmap = load_map(p)
    warn(cmap.warnings)
    return cmap


def _bad(err: MapError) -> int:
    for line in report(err.problems):
        print(line, file=sys.stderr)
    print(f"{len(err.problems)} problem(s) in the input; nothing was compared", file=sys.stderr)
    return BAD


def _score(args: argparse.Namespace) -> int:
    from graph.analysis.score import Synonyms, read_synonyms, score, score_text
    from graph.export.markdown import score_markdown

    if args.new or args.page:
        raise UsageError("--against scores one map (the student's): give no NEW map and no --page")
    student, expert = _load(args.old), _load(args.against)
    syn = Synonyms()
    if args.synonyms:
        path = Path(args.synonyms)
        if not path.is_file():
            raise UsageError(f"no such synonyms file: {path}")
        syn = read_synonyms(path.read_bytes(), str(path), expert)
    result = score(expert, student, syn)
    sys.stdout.write((score_markdown if args.markdown else score_text)(result, expert, student))
    return SAME if all(r.verdict == "match" for r in result.rows) else DIFFERENT


def cmd_diff(args: argparse.Namespace) -> int:
    from graph.analysis.diff import compare, diff_text

    try:
        if args.against:
            return _score(args)
        if not args.new:
            raise UsageError("name two maps, OLD and NEW (or score one with --against EXPERT)")
        old, new = _load(args.old), _load(args.new)
        d = compare(old, new)
        sys.stdout.write(diff_text(d))
        if args.page:
            from graph.page.diffpage import render_diff_page

            out = Path(args.page)
            if out.suffix != ".html":
                raise UsageError(f"the page {out} must end in .html")
            write_files(out.parent, [(out.name, render_diff_page(d).encode())], [Path(args.old), Path(args.new)],
                        said=said)
    except MapError as err:
        return _bad(err)
    return SAME if d.same else DIFFERENT


def cmd_verify(args: argparse.Namespace) -> int:
    from graph.check.verify import verify

    folder = Path(args.sources)
    if not folder.is_dir():
        raise UsageError(f"no such folder of source texts: {folder}")
    failed = False
    for cmap in [load_map(p) for p in map_paths(args.maps)]:
        problems, found = verify(cmap, folder)
        for line in report(problems):
            print(line)
        bad = errors(problems)
        failed = failed or bool(bad)
        print(f"{cmap.file}: {found} quote{'' if found == 1 else 's'} found, {len(bad)} failure"
              f"{'' if len(bad) == 1 else 's'}, {len(problems) - len(bad)} warning"
              f"{'' if len(problems) - len(bad) == 1 else 's'}")
    return 1 if failed else 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `diff` and `verify` on the command line's subcommands."""
    d = sub.add_parser("diff", help="compare two maps proposition by proposition (exit 1 when they differ), "
                       "or score a student's map against an expert's")
    d.add_argument("old", metavar="OLD", help="the older map (with --against: the student's map)")
    d.add_argument("new", metavar="NEW", nargs="?", help="the newer map")
    d.add_argument("--page", metavar="OUT.html", help="also write a page drawing both maps on one layout")
    d.add_argument("--against", metavar="EXPERT", help="score OLD against this expert map")
    d.add_argument("--synonyms", metavar="FILE", help="with --against: a YAML table of concept and phrase synonyms")
    d.add_argument("--markdown", action="store_true", help="with --against: print the table as Markdown")
    d.set_defaults(run=cmd_diff)
    v = sub.add_parser("verify", help="find every evidence quote in its source's text (exit 1 on any failure)")
    v.add_argument("maps", nargs="*", metavar="MAP", help="map files (default: every map in concepts/)")
    v.add_argument("--sources", required=True, metavar="DIR", help="folder of the sources' texts")
    v.set_defaults(run=cmd_verify)
