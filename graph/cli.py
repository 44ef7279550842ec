"""The `conceptmap` command line: a thin layer over the library. Exit codes: 0 ok, 1 invalid map, 2 usage."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .exports import FORMATS
from .load import load_map
from .model import Map
from .problems import MapError, Problem
from .style import PAGE_THEMES, THEMES
from .write import WriteError

OK, INVALID, USAGE = 0, 1, 2
DEFAULT_MAPS = Path("concepts")
DEFAULT_OUT = Path("output")


class UsageError(Exception):
    """Bad arguments or files that are not there: exit code 2."""


def _map_paths(given: Sequence[str]) -> list[Path]:
    if given:
        paths = [Path(p) for p in given]
    elif DEFAULT_MAPS.is_dir():
        paths = sorted(DEFAULT_MAPS.glob("*.yaml")) + sorted(DEFAULT_MAPS.glob("*.yml"))
    else:
        raise UsageError(f"no map given and no {DEFAULT_MAPS}/ folder here; name a map file")
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise UsageError(f"no such map file: {', '.join(missing)}")
    if not paths:
        raise UsageError(f"no maps (*.yaml) in {DEFAULT_MAPS}/")
    return paths


def _load_all(paths: Sequence[Path]) -> list[Map]:
    """Every map, or a MapError holding the problems of all the invalid ones."""
    maps: list[Map] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            maps.append(load_map(path))
        except MapError as err:
            problems += err.problems
    if problems:
        raise MapError(problems)
    names = [m.name for m in maps]
    clash = sorted({n for n in names if names.count(n) > 1})
    if clash:
        raise UsageError(f"two maps would both be written as {clash[0]}.html; rename one")
    return maps


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def cmd_validate(args: argparse.Namespace) -> int:
    for cmap in _load_all(_map_paths(args.maps)):
        print(f"{cmap.file}: ok ({_count(len(cmap.concepts), 'concept')}, {_count(len(cmap.relations), 'relation')})")
    return OK


def cmd_build(args: argparse.Namespace) -> int:
    from .html import render_html

    paths = _map_paths(args.maps)
    maps = _load_all(paths)
    _write(args.output, [(f"{m.name}.html", render_html(m, theme=args.theme).encode("utf-8")) for m in maps], paths)
    return OK


def _write(out: str, files: list[tuple[str, bytes]], inputs: Sequence[Path]) -> None:
    """Write every file atomically under `out`, never over an input map, and say where."""
    from .write import write_atomic

    for name, content in files:
        written = write_atomic(Path(out), name, content, protect=frozenset(inputs))
        print(f"wrote {written.relative_to(Path.cwd()) if written.is_relative_to(Path.cwd()) else written}")


def cmd_export(args: argparse.Namespace) -> int:
    from .exports import export

    paths = _map_paths(args.maps)
    maps = _load_all(paths)
    if args.steps and not all(m.steps for m in maps):
        raise UsageError(f"--steps needs maps with steps; {next(m.file for m in maps if not m.steps)} has none")
    try:
        files = [f for m in maps for f in export(m, args.format, steps=args.steps, theme=args.theme)]
    except RuntimeError as err:
        raise UsageError(str(err)) from None
    _write(args.output, files, paths)
    return OK


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import schema_text

    print(schema_text(), end="")
    return OK


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="conceptmap", description="Turn YAML concept maps into interactive pages.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    b = sub.add_parser("build", help="build maps into self-contained HTML pages")
    b.add_argument("maps", nargs="*", metavar="MAP", help=f"map files (default: every map in {DEFAULT_MAPS}/)")
    b.add_argument("-o", "--output", default=str(DEFAULT_OUT), metavar="DIR",
                   help=f"output folder (default: {DEFAULT_OUT}/)")
    b.add_argument("--theme", choices=PAGE_THEMES, default="auto",
                   help="theme the page opens in (default: auto, following the system's light or dark mode)")
    b.set_defaults(run=cmd_build)
    e = sub.add_parser("export", help="export static images (SVG, PNG) from the same layout as the page")
    e.add_argument("maps", nargs="*", metavar="MAP", help=f"map files (default: every map in {DEFAULT_MAPS}/)")
    e.add_argument("-f", "--format", choices=FORMATS, default="svg", help="output format (default: svg)")
    e.add_argument("--steps", action="store_true", help="one image per presentation step, for slides")
    e.add_argument("--theme", choices=THEMES, default="light", help="colour theme (default: light)")
    e.add_argument("-o", "--output", default=str(DEFAULT_OUT), metavar="DIR",
                   help=f"output folder (default: {DEFAULT_OUT}/)")
    e.set_defaults(run=cmd_export)
    v = sub.add_parser("validate", help="check maps and print every problem as FILE:LINE:COL")
    v.add_argument("maps", nargs="*", metavar="MAP", help=f"map files (default: every map in {DEFAULT_MAPS}/)")
    v.set_defaults(run=cmd_validate)
    s = sub.add_parser("schema", help="print the JSON Schema of the map format")
    s.set_defaults(run=cmd_schema)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except MapError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"{_count(len(err.problems), 'problem')} found; nothing was written", file=sys.stderr)
        return INVALID
    except (UsageError, WriteError, OSError) as err:
        print(f"conceptmap: error: {err}", file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        return 130
