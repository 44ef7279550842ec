"""The command line's arguments: every command, option, default and help text (graph/cli/commands.py runs them)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from graph import __version__
from graph.cli.common import DEFAULT_MAPS
from graph.export.formats import FORMATS
from graph.style import DEFAULT_TEXT_SIZE, PAGE_THEMES, TEXT_SIZE_RANGE, THEMES

DEFAULT_OUT = Path("output")
MAPS_HELP = f"map files (default: every map in {DEFAULT_MAPS}/)"
Command = Callable[[argparse.Namespace], int]


def _text_size(value: str) -> int:
    low, high = TEXT_SIZE_RANGE
    if not value.isdigit() or not low <= int(value) <= high:
        raise argparse.ArgumentTypeError(f"{value!r} is not a text size; use a whole number of px from {low} to {high}")
    return int(value)


def _strict(p: argparse.ArgumentParser) -> None:
    p.add_argument("--strict", action="store_true",
                   help="warnings fail too: exit 1 when any map has a warning (and build writes no map that has one)")


def _build_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("maps", nargs="*", metavar="MAP", help=MAPS_HELP)
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
    _sources(p)


SOURCES_HELP = ("folder of the sources' texts: each relation's quote is marked verified when it is found there, as "
                "`verify` finds it (default: each map's own folder)")


def _sources(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sources", metavar="DIR", help=SOURCES_HELP)


def _sub(sub: Any, name: str, run: Command, help: str) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(name, help=help, description=help[:1].upper() + help[1:] + ".")
    p.set_defaults(run=run)
    return p


def _add_build(sub: Any, run: Mapping[str, Command]) -> None:
    b = _sub(sub, "build", run["build"], "build maps into self-contained HTML pages; a map with problems is "
             "reported and not written, the others are")
    _build_options(b)
    b.add_argument("--check", action="store_true", help="write nothing; exit 1 and name stale outputs")
    b.add_argument("--force", action="store_true", help="rebuild maps even when their output is current")
    _strict(b)
    v = _sub(sub, "validate", run["validate"], "check maps and print every problem as FILE:LINE:COL")
    v.add_argument("maps", nargs="*", metavar="MAP", help=MAPS_HELP)
    v.add_argument("--format", choices=("text", "json"), default="text",
                   help="text lines on standard error, or one JSON array of {file, line, column, level, code, "
                   "message} on standard output, for editors and CI (default: text)")
    _strict(v)
    e = _sub(sub, "export", run["export"], "export images (svg, png) or interchange formats")
    e.add_argument("maps", nargs="*", metavar="MAP", help=MAPS_HELP)
    e.add_argument("-f", "--format", choices=list(FORMATS), action="append", metavar="FORMAT",
                   help=f"output format, one of {', '.join(FORMATS)}; repeat for several, as in -f svg -f png "
                   "(default: svg)")
    e.add_argument("--steps", action="store_true", help="one image per presentation step, for slides")
    e.add_argument("--theme", choices=THEMES, default="light", help="colour theme of images (default: light)")
    e.add_argument("-o", "--output", default=str(DEFAULT_OUT), metavar="DIR",
                   help=f"output folder (default: {DEFAULT_OUT}/)")
    _sources(e)


def _add_tools(sub: Any, run: Mapping[str, Command]) -> None:
    m = _sub(sub, "embed", run["embed"], "print an iframe snippet that embeds a built map")
    m.add_argument("map", metavar="MAP", nargs="?", help="the map file the page was built from")
    m.add_argument("--src", help="URL of the built page (default: NAME.html)")
    m.add_argument("--csp", action="store_true", help="print the Content-Security-Policy that pages and fragments need")
    m.add_argument("--assets", choices=("inline", "shared"), default="inline",
                   help="with --csp: the assets mode (default: inline)")
    x = _sub(sub, "explain", run["explain"], "print the shortest chains of relations from one concept to another")
    x.add_argument("map", metavar="MAP", help="the map file")
    x.add_argument("start", metavar="FROM", help="the concept the chains start at: its id or its label")
    x.add_argument("end", metavar="TO", help="the concept the chains end at: its id or its label")


def _add_files(sub: Any, run: Mapping[str, Command]) -> None:
    pn = _sub(sub, "pin", run["pin"], "write today's layout (or pasted positions) into maps as concept positions")
    pn.add_argument("maps", nargs="*", metavar="MAP", help=MAPS_HELP)
    pn.add_argument("--from", dest="source", metavar="FILE",
                    help="take the positions from FILE ('-': standard input), as the page's Copy positions gives them")
    pn.add_argument("--dry-run", action="store_true", help="print the change as a diff; write nothing")
    from graph.cli.check import add_commands
    from graph.cli.importing import add_command

    add_command(sub)
    add_commands(sub)
    _sub(sub, "schema", run["schema"], "print the JSON Schema of the map format")


def _add_live(sub: Any, run: Mapping[str, Command]) -> None:
    w = _sub(sub, "watch", run["watch"], "rebuild maps whenever they change; survives invalid edits")
    _build_options(w)
    s = _sub(sub, "serve", run["serve"], "build and watch maps, serve them on localhost: open pages reload after each "
             "save, show the problems of an invalid one, and save drags into the maps")
    s.add_argument("maps", nargs="*", metavar="MAP",
                   help=f"maps to build, rebuild on save and save drags into (default: every map in {DEFAULT_MAPS}/; "
                   "with none there, serve the folder as it is)")
    s.add_argument("-o", "--output", default=str(DEFAULT_OUT), metavar="DIR",
                   help=f"folder to serve (default: {DEFAULT_OUT}/)")
    s.add_argument("--theme", choices=PAGE_THEMES, default="auto",
                   help="with maps: the theme pages open in (default: auto)")
    s.add_argument("--assets", choices=("inline", "shared"), default="inline",
                   help="with maps: as for build (default: inline)")
    s.add_argument("--text-size", type=_text_size, default=DEFAULT_TEXT_SIZE, metavar="PX",
                   help=f"with maps: as for build (default: {DEFAULT_TEXT_SIZE})")
    _sources(s)
    s.set_defaults(fragment=False)
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this computer only)")
    s.add_argument("--port", type=int, default=8000, help="port to listen on; 0 picks a free one (default: 8000)")


def parser(run: Mapping[str, Command]) -> argparse.ArgumentParser:
    """The parser; `run` gives the function of each command by name."""
    p = argparse.ArgumentParser(prog="conceptmap", description="Turn YAML concept maps into interactive pages.")
    p.add_argument("--version", action="version", version=f"conceptmap {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_build(sub, run)
    _add_tools(sub, run)
    _add_live(sub, run)
    _add_files(sub, run)
    return p
