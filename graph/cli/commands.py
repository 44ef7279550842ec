"""The `conceptmap` command line: a thin layer over the library. Exit codes: 0 ok, 1 invalid map, 2 usage."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from graph.cli.args import parser
from graph.cli.common import DEFAULT_MAPS, INVALID, OK, USAGE, UsageError, map_paths, said, warn
from graph.load import load_map
from graph.model import Map
from graph.problems import Hints, MapError, Problem, errors, report
from graph.site import Options
from graph.write import WriteError, write_files

# A build makes millions of objects and almost no reference cycles: the cyclic collector runs rarely in the
# commands that keep running (watch, serve), and not at all in the others, which end (a fifth of the time of a
# large build went to it at Python's default of 700; one pass over 200,000 young objects still took 90 ms).
GC_THRESHOLD = (200_000, 50, 100)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _load_each(paths: Sequence[Path]) -> tuple[list[Map], list[Problem]]:
    """The valid maps, and the problems of the invalid ones."""
    maps: list[Map] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            maps.append(load_map(path))
        except MapError as err:
            problems += err.problems
    return maps, problems


def _load_all(paths: Sequence[Path], strict: bool = False) -> list[Map]:
    """Every map, or a MapError holding the problems of all the invalid ones (with `strict`, warnings too)."""
    maps, problems = _load_each(paths)
    warnings = [w for m in maps for w in m.warnings]
    if problems or (strict and warnings):
        raise MapError(problems + warnings if strict else problems)
    warn(warnings)
    return maps


def _sources(args: argparse.Namespace) -> str | None:
    if args.sources is not None and not Path(args.sources).is_dir():
        raise UsageError(f"no such folder of source texts: {args.sources}")
    return str(args.sources) if args.sources is not None else None


def _options(args: argparse.Namespace) -> Options:
    return Options(theme=args.theme, mode="fragment" if args.fragment else "page", assets=args.assets,
                   text_size=args.text_size, sources=_sources(args))


def cmd_validate(args: argparse.Namespace) -> int:
    paths = map_paths(args.maps)
    if args.format == "json":
        maps, problems = _load_each(paths)
        found = sorted(problems + [w for m in maps for w in m.warnings])
        rows = ",\n".join(" " + json.dumps(p.as_dict(), ensure_ascii=False) for p in found)
        print(f"[\n{rows}\n]" if rows else "[]")  # one problem a line
        return INVALID if errors(found) or (args.strict and found) else OK
    for cmap in _load_all(paths, args.strict):
        print(f"{cmap.file}: ok ({_count(len(cmap.concepts), 'concept')}, {_count(len(cmap.relations), 'relation')})")
    return OK


def cmd_build(args: argparse.Namespace) -> int:
    from graph.site import build, remember, stale

    paths, out, options = map_paths(args.maps), Path(args.output), _options(args)
    if args.check:
        names, problems = stale(paths, out, options)
        if problems:
            raise MapError(problems)
        for name in names:
            print(f"stale: {out / name}", file=sys.stderr)
        print(f"{_count(len(names), 'stale file')} in {out}/" if names else f"{out}/ is up to date")
        return INVALID if names else OK
    result = build(paths, out, options, incremental=not args.force, strict=args.strict)
    if result.problems and not result.files and not result.unchanged:
        raise MapError(result.problems)
    warn(result.warnings)
    write_files(out, result.files, paths, said=said)
    remember(out, result)
    for name in result.unchanged:
        print(f"unchanged {out / name}")
    if result.problems:
        _tell(result.problems, f"not written: {', '.join(sorted({p.file for p in result.problems}))}; the other "
              "maps are built")
        return INVALID
    return OK


def cmd_embed(args: argparse.Namespace) -> int:
    from graph.page.embed import iframe_snippet

    if args.csp:
        from graph.page.assets import csp

        print(csp(shared=args.assets == "shared"))
        return OK
    if not args.map:
        raise UsageError("name a map, or ask for --csp")
    (cmap,) = _load_all(map_paths([args.map]))
    print(iframe_snippet(cmap, args.src or f"{cmap.name}.html"))
    return OK


def cmd_export(args: argparse.Namespace) -> int:
    from graph.check.quotes import with_checks
    from graph.export.formats import check_all, export_files, names

    paths, formats = map_paths(args.maps), list(dict.fromkeys(args.format or ["svg"]))
    folder = _sources(args)
    maps = [with_checks(m, Path(folder) if folder else None) for m in _load_all(paths)]
    if args.steps and not all(m.steps for m in maps):
        raise UsageError(f"--steps needs maps with steps; {next(m.file for m in maps if not m.steps)} has none")
    try:
        for fmt in formats:  # every map and format, before the first file is drawn
            check_all(maps, fmt, args.steps)
        files = (f for m in maps for f in export_files(m, formats, steps=args.steps, theme=args.theme))
        write_files(args.output, files, paths,
                    names=[n for m in maps for fmt in formats for n in names(m, fmt, args.steps)], said=said)
    except (RuntimeError, ValueError) as err:
        raise UsageError(str(err)) from None
    return OK


def cmd_explain(args: argparse.Namespace) -> int:
    from graph.analysis.loops import explain
    from graph.style import STATUS_SHORT
    from graph.text import isolate, proposition, provenance

    (cmap,) = _load_all(map_paths([args.map]))
    start, end = concept_id(cmap, args.start), concept_id(cmap, args.end)
    chains = explain(cmap, start, end)
    if not chains:
        print(f"No chain of relations leads from {cmap.concepts[start].label} to {cmap.concepts[end].label}.")
    for i, chain in enumerate(chains, 1):
        print(f"Chain {i}:")
        for r in chain:
            quote = f' "{isolate(r.evidence.quote)}"' if r.evidence and r.evidence.quote else ""
            print(f"  {proposition(cmap, r)} ({r.effect}; {STATUS_SHORT[provenance(cmap, r)]}){quote}")
    return OK


def concept_id(cmap: Map, given: str) -> str:
    """The concept a user named, by id or by label (any case); a UsageError with the nearest one otherwise."""
    from graph.read.textcheck import look

    if given in cmap.concepts:
        return given
    key = look(given).casefold()
    same = sorted(c.id for c in cmap.concepts.values() if look(c.label).casefold() == key or c.id.casefold() == key)
    if len(same) == 1:
        return same[0]
    if same:
        raise UsageError(f"{given!r} names {len(same)} concepts in {cmap.file} ({', '.join(same)}); give one's id")
    names = {**{c.label: c.id for c in cmap.concepts.values()}, **{c.id: c.id for c in cmap.concepts.values()}}
    near = Hints().match(given, names)
    label = cmap.concepts[names[near]].label if near else ""
    hint = f" (did you mean {names[near]!r}, labelled {label!r}?)" if near else ""
    raise UsageError(f"no concept {given!r} in {cmap.file}{hint}; give a concept's id or its label")


def cmd_watch(args: argparse.Namespace) -> int:
    from graph.cli.watch import watch

    return watch(map_paths(args.maps), Path(args.output), _options(args))


def cmd_serve(args: argparse.Namespace) -> int:
    from graph.cli.serve import serve

    found = DEFAULT_MAPS.is_dir() and any(DEFAULT_MAPS.glob("*.y*ml"))
    maps = map_paths(args.maps) if args.maps or found else []
    return serve(Path(args.output), args.host, args.port, maps, _options(args))


def _pin_one(path: Path, pasted: tuple[str, bytes] | None, dry_run: bool) -> None:
    from graph.positions import diff, pin_map
    from graph.write import replace_file

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
    from graph.read.schema import schema_text

    print(schema_text(), end="")
    return OK


COMMANDS = {"build": cmd_build, "validate": cmd_validate, "export": cmd_export, "embed": cmd_embed,
            "explain": cmd_explain, "watch": cmd_watch, "serve": cmd_serve, "pin": cmd_pin, "schema": cmd_schema}


def _tell(problems: Sequence[Problem], outcome: str) -> None:
    for line in report(problems):
        print(line, file=sys.stderr)
    warned = len(problems) - len(errors(problems))
    also = f" ({_count(warned, 'warning')} among them)" if warned else ""
    print(f"{_count(len(problems), 'problem')} found{also}; {outcome}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = parser(COMMANDS).parse_args(argv)
    threshold, enabled = gc.get_threshold(), gc.isenabled()
    gc.set_threshold(*GC_THRESHOLD)
    if args.run not in (cmd_watch, cmd_serve):
        gc.disable()
    try:
        return int(args.run(args))
    except MapError as err:
        _tell(err.problems, "nothing was written")
        return INVALID
    except (UsageError, WriteError, OSError) as err:
        print(f"conceptmap: error: {err}", file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        return 130
    finally:
        gc.set_threshold(*threshold)
        if enabled:
            gc.enable()


def run() -> int:
    """The `conceptmap` program: main, then every object left is frozen, so that the interpreter's exit does not
    walk them all for reference cycles once more (60 ms after a 2,000-concept build)."""
    code = main()
    gc.freeze()
    return code
