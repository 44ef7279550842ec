"""The `conceptmap` command line: a thin layer over the library. Exit codes: 0 ok, 1 invalid map, 2 usage."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from .exports import FORMATS
from .load import load_map
from .model import Map
from .problems import MapError, Problem, errors, report
from .site import Options
from .style import DEFAULT_TEXT_SIZE, PAGE_THEMES, TEXT_SIZE_RANGE, THEMES
from .write import WriteError

OK, INVALID, USAGE = 0, 1, 2
DEFAULT_MAPS = Path("concepts")
DEFAULT_OUT = Path("output")


class UsageError(Exception):
    """Bad arguments or files that are not there: exit code 2."""


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def map_paths(given: Sequence[str]) -> list[Path]:
    """The map files named, or every map in concepts/."""
    if given:
        paths = [Path(p) for p in given]
    elif DEFAULT_MAPS.is_dir():
        paths = sorted(DEFAULT_MAPS.glob("*.yaml")) + sorted(DEFAULT_MAPS.glob("*.yml"))
    else:
        raise UsageError(f"no map given and no {DEFAULT_MAPS}/ folder here; name a map file")
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"no such map file: {', '.join(missing)}")
    for p in paths:
        if not p.is_file():
            kind = "a folder" if p.is_dir() else "not a regular file (a FIFO, socket or device)"
            raise UsageError(f"{p} is {kind}, not a map file; name the map's .yaml file")
    if not paths:
        raise UsageError(f"no maps (*.yaml) in {DEFAULT_MAPS}/")
    stems = [p.stem for p in paths]
    clash = sorted({s for s in stems if stems.count(s) > 1})
    if clash:
        raise UsageError(f"two maps would both be written as {clash[0]}; rename one")
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
    warn([w for m in maps for w in m.warnings])
    return maps


def warn(warnings: Sequence[Problem]) -> None:
    """Print the warnings of maps that are valid (bidi controls, invisible characters, look-alike labels)."""
    for line in report(warnings):
        print(line, file=sys.stderr)


def write_files(out: str | Path, files: Iterable[tuple[str, bytes]], inputs: Sequence[Path],
                names: Sequence[str] | None = None) -> None:
    """Write every file atomically under `out`, one at a time as `files` makes them, never over an input map, and
    say where. Every name (`names`, or those of a list of files) is checked before the first file is written."""
    from .write import target, write_atomic

    for name in names if names is not None else [n for n, _ in files]:
        target(Path(out), name)
    for name, content in files:
        written = write_atomic(Path(out), name, content, protect=frozenset(inputs))
        print(f"wrote {written.relative_to(Path.cwd()) if written.is_relative_to(Path.cwd()) else written}")


def _options(args: argparse.Namespace) -> Options:
    return Options(theme=args.theme, mode="fragment" if args.fragment else "page", assets=args.assets,
                   text_size=args.text_size)


def cmd_validate(args: argparse.Namespace) -> int:
    for cmap in _load_all(map_paths(args.maps)):
        print(f"{cmap.file}: ok ({_count(len(cmap.concepts), 'concept')}, {_count(len(cmap.relations), 'relation')})")
    return OK


def cmd_build(args: argparse.Namespace) -> int:
    from .site import build, remember, stale

    paths, out, options = map_paths(args.maps), Path(args.output), _options(args)
    if args.check:
        names, problems = stale(paths, out, options)
        if problems:
            raise MapError(problems)
        for name in names:
            print(f"stale: {out / name}", file=sys.stderr)
        print(f"{_count(len(names), 'stale file')} in {out}/" if names else f"{out}/ is up to date")
        return INVALID if names else OK
    result = build(paths, out, options, incremental=not args.force)
    if result.problems:
        raise MapError(result.problems)
    warn(result.warnings)
    write_files(out, result.files, paths)
    remember(out, result)
    for name in result.unchanged:
        print(f"unchanged {out / name}")
    return OK


def cmd_embed(args: argparse.Namespace) -> int:
    from .embed import iframe_snippet

    if args.csp:
        from .assets import csp

        print(csp(shared=args.assets == "shared"))
        return OK
    if not args.map:
        raise UsageError("name a map, or ask for --csp")
    (cmap,) = _load_all(map_paths([args.map]))
    print(iframe_snippet(cmap, args.src or f"{cmap.name}.html"))
    return OK


def cmd_export(args: argparse.Namespace) -> int:
    from .exports import check_all, export_files, names

    paths = map_paths(args.maps)
    maps = _load_all(paths)
    if args.steps and not all(m.steps for m in maps):
        raise UsageError(f"--steps needs maps with steps; {next(m.file for m in maps if not m.steps)} has none")
    try:
        check_all(maps, args.format, args.steps)  # every map, before the first file is drawn
        files = (f for m in maps for f in export_files(m, args.format, steps=args.steps, theme=args.theme))
        write_files(args.output, files, paths, names=[n for m in maps for n in names(m, args.format, args.steps)])
    except (RuntimeError, ValueError) as err:
        raise UsageError(str(err)) from None
    return OK


def cmd_explain(args: argparse.Namespace) -> int:
    from .loops import explain
    from .style import STATUS_SHORT
    from .text import isolate, proposition, provenance

    (cmap,) = _load_all(map_paths([args.map]))
    for end in (args.start, args.end):
        if end not in cmap.concepts:
            raise UsageError(f"no concept {end!r} in {cmap.file}")
    chains = explain(cmap, args.start, args.end)
    if not chains:
        print(f"No chain of relations leads from {cmap.concepts[args.start].label} to {cmap.concepts[args.end].label}.")
    for i, chain in enumerate(chains, 1):
        print(f"Chain {i}:")
        for r in chain:
            quote = f' "{isolate(r.evidence.quote)}"' if r.evidence and r.evidence.quote else ""
            print(f"  {proposition(cmap, r)} ({r.effect}; {STATUS_SHORT[provenance(cmap, r)]}){quote}")
    return OK


def cmd_watch(args: argparse.Namespace) -> int:
    from .watch import watch

    return watch(map_paths(args.maps), Path(args.output), _options(args))


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    found = DEFAULT_MAPS.is_dir() and any(DEFAULT_MAPS.glob("*.y*ml"))
    maps = map_paths(args.maps) if args.maps or found else []
    return serve(Path(args.output), args.host, args.port, maps, _options(args))


def _pin_one(path: Path, pasted: tuple[str, bytes] | None, dry_run: bool) -> None:
    from .positions import diff, pin_map
    from .write import replace_file

    data, new, count = pin_map(path, pasted)
    if new == data:
        print(f"{path}: the positions are already written")
    elif dry_run:
        sys.stdout.write(diff(data, new, str(path)))
    else:
        replace_file(path, new, expected=data)
        print(f"pinned {_count(count, 'concept')} in {path}")


def cmd_pin(args: argparse.Namespace) -> int:
    paths = map_paths(args.maps)
    pasted = None
    if args.source is not None:
        if len(paths) != 1:
            raise UsageError("--from gives the positions of one map; name exactly one map")
        name = "<stdin>" if args.source == "-" else args.source
        pasted = (name, sys.stdin.buffer.read() if args.source == "-" else Path(args.source).read_bytes())
    for path in paths:
        _pin_one(path, pasted, args.dry_run)
    return OK


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import schema_text

    print(schema_text(), end="")
    return OK


def _text_size(value: str) -> int:
    low, high = TEXT_SIZE_RANGE
    if not value.isdigit() or not low <= int(value) <= high:
        raise argparse.ArgumentTypeError(f"{value!r} is not a text size; use a whole number of px from {low} to {high}")
    return int(value)


def _build_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("maps", nargs="*", metavar="MAP", help=f"map files (default: every map in {DEFAULT_MAPS}/)")
    p.add_argument("-o", "--output", default=str(DEFAULT_OUT), metavar="DIR",
                   help=f"output folder (default: {DEFAULT_OUT}/)")
    p.add_argument("--theme", choices=PAGE_THEMES, default="auto",
                   help="theme the page opens in (default: auto, following the system's light or dark mode)")
    p.add_argument("--text-size", type=_text_size, default=DEFAULT_TEXT_SIZE, metavar="PX",
                   help="smallest concept text the first view shows, in px; a map that would show smaller text "
                   f"opens on a readable part, with 'Fit all' (default: {DEFAULT_TEXT_SIZE})")
    p.add_argument("--fragment", action="store_true", help="write NAME.fragment.html, to paste into any page")
    p.add_argument("--assets", choices=("inline", "shared"), default="inline",
                   help="inline vis-network in each file, or share one file beside them (default: inline)")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="conceptmap", description="Turn YAML concept maps into interactive pages.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    b = sub.add_parser("build", help="build maps into self-contained HTML pages")
    _build_options(b)
    b.add_argument("--check", action="store_true", help="write nothing; exit 1 and name stale outputs")
    b.add_argument("--force", action="store_true", help="rebuild maps even when their output is current")
    b.set_defaults(run=cmd_build)
    v = sub.add_parser("validate", help="check maps and print every problem as FILE:LINE:COL")
    v.add_argument("maps", nargs="*", metavar="MAP", help=f"map files (default: every map in {DEFAULT_MAPS}/)")
    v.set_defaults(run=cmd_validate)
    e = sub.add_parser("export", help="export images (svg, png) or interchange formats")
    e.add_argument("maps", nargs="*", metavar="MAP", help=f"map files (default: every map in {DEFAULT_MAPS}/)")
    e.add_argument("-f", "--format", choices=list(FORMATS), default="svg", help="output format (default: svg)")
    e.add_argument("--steps", action="store_true", help="one image per presentation step, for slides")
    e.add_argument("--theme", choices=THEMES, default="light", help="colour theme of images (default: light)")
    e.add_argument("-o", "--output", default=str(DEFAULT_OUT), metavar="DIR",
                   help=f"output folder (default: {DEFAULT_OUT}/)")
    e.set_defaults(run=cmd_export)
    m = sub.add_parser("embed", help="print an iframe snippet that embeds a built map")
    m.add_argument("map", metavar="MAP", nargs="?")
    m.add_argument("--src", help="URL of the built page (default: NAME.html)")
    m.add_argument("--csp", action="store_true", help="print the Content-Security-Policy that pages and fragments need")
    m.add_argument("--assets", choices=("inline", "shared"), default="inline", help="with --csp: the assets mode")
    m.set_defaults(run=cmd_embed)
    x = sub.add_parser("explain", help="print the shortest chains of relations from one concept to another")
    x.add_argument("map", metavar="MAP")
    x.add_argument("start", metavar="FROM")
    x.add_argument("end", metavar="TO")
    x.set_defaults(run=cmd_explain)
    w = sub.add_parser("watch", help="rebuild maps whenever they change; survives invalid edits")
    _build_options(w)
    w.set_defaults(run=cmd_watch)
    s = sub.add_parser("serve", help="build and watch maps, serve them on localhost: open pages reload after each "
                       "save, show the problems of an invalid one, and save drags into the maps")
    s.add_argument("maps", nargs="*", metavar="MAP",
                   help=f"maps to build, rebuild on save and save drags into (default: every map in {DEFAULT_MAPS}/; "
                   "with none there, serve the folder as it is)")
    s.add_argument("-o", "--output", default=str(DEFAULT_OUT), metavar="DIR", help="folder to serve")
    s.add_argument("--theme", choices=PAGE_THEMES, default="auto", help="with maps: the theme pages open in")
    s.add_argument("--assets", choices=("inline", "shared"), default="inline", help="with maps: as for build")
    s.add_argument("--text-size", type=_text_size, default=DEFAULT_TEXT_SIZE, metavar="PX", help="with maps: as build")
    s.set_defaults(fragment=False)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(run=cmd_serve)
    pn = sub.add_parser("pin", help="write today's layout (or pasted positions) into maps as concept positions")
    pn.add_argument("maps", nargs="*", metavar="MAP", help=f"map files (default: every map in {DEFAULT_MAPS}/)")
    pn.add_argument("--from", dest="source", metavar="FILE",
                    help="take the positions from FILE ('-': standard input), as the page's Copy positions gives them")
    pn.add_argument("--dry-run", action="store_true", help="print the change as a diff; write nothing")
    pn.set_defaults(run=cmd_pin)
    from .checkcli import add_commands
    from .importcli import add_command

    add_command(sub)
    add_commands(sub)
    sc = sub.add_parser("schema", help="print the JSON Schema of the map format")
    sc.set_defaults(run=cmd_schema)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except MapError as err:
        for line in report(err.problems):
            print(line, file=sys.stderr)
        warned = len(err.problems) - len(errors(err.problems))
        also = f" ({_count(warned, 'warning')} among them)" if warned else ""
        print(f"{_count(len(err.problems), 'problem')} found{also}; nothing was written", file=sys.stderr)
        return INVALID
    except (UsageError, WriteError, OSError) as err:
        print(f"conceptmap: error: {err}", file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        return 130
