"""The `conceptmap` command line: a thin layer over the library. Exit codes: 0 ok, 1 invalid map, 2 usage."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .load import load_map
from .model import Map
from .problems import MapError, Problem
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
    from .write import write_atomic

    paths = _map_paths(args.maps)
    maps = _load_all(paths)
    pages = [(f"{m.name}.html", render_html(m).encode("utf-8")) for m in maps]
    for name, content in pages:
        written = write_atomic(Path(args.output), name, content, protect=frozenset(paths))
        print(f"wrote {written.relative_to(Path.cwd()) if written.is_relative_to(Path.cwd()) else written}")
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
    b.set_defaults(run=cmd_build)
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
