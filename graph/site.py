"""Build many maps into an output folder: incremental (skip unchanged maps), checkable, never half-written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graph.load import parse_map, read_map_file
from graph.model import Map
from graph.problems import MapError, Problem
from graph.style import DEFAULT_TEXT_SIZE


@dataclass(frozen=True)
class Options:
    """How maps are built: the opening theme, page or fragment, inline or shared vis-network."""

    theme: str = "auto"
    mode: str = "page"
    assets: str = "inline"
    text_size: int = DEFAULT_TEXT_SIZE  # px: the smallest concept text the first view shows
    sources: str | None = None  # the folder of the sources' texts that quotes are checked in (default: the map's)

    def filename(self, name: str) -> str:
        return f"{name}.html" if self.mode == "page" else f"{name}.fragment.html"


@dataclass(frozen=True)
class Result:
    """What a build made: files to write, names of maps that were already current, any problems, and the source
    key of each page made (for `remember`)."""

    files: list[tuple[str, bytes]]
    unchanged: list[str]
    problems: list[Problem]
    keys: dict[str, str] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)  # of the maps built: they do not stop a build


def remember(out: Path, result: Result) -> None:
    """After the files are written: record what each page holds, so the next build can vouch for it."""
    from graph.builds import remember as record

    record(out, {name: (result.keys[name], content) for name, content in result.files if name in result.keys})


def build(paths: Sequence[Path], out: Path, options: Options, incremental: bool = True, strict: bool = False) -> Result:
    """Render every valid map whose output is missing or stale; all problems of all maps are collected, and a map
    with problems (with `strict`, with warnings too) is not rendered, while the others are. Each map's quotes are
    checked in its sources' texts (graph/check/quotes.py), which its page then depends on too. An output is current
    only when the record kept outside `out` vouches for its bytes (see builds.py)."""
    from graph.builds import load, vouched
    from graph.check.quotes import texts_digest, with_checks
    from graph.page.assets import SHARED_VIS, vis_js
    from graph.page.html import page_digest, render_html, source_key

    files: list[tuple[str, bytes]] = []
    unchanged: list[str] = []
    problems: list[Problem] = []
    maps: list[tuple[Map, str]] = []
    record = load(out) if incremental else {}
    folder = Path(options.sources) if options.sources else None
    for path in paths:
        try:
            cmap = parse_map(read_map_file(path), str(path), path.stem)
            texts = texts_digest(cmap, folder)  # from the texts' bytes: a current page reads no text
            key = source_key(page_digest(cmap, texts), options.theme, options.mode, options.assets, options.text_size)
            if incremental and vouched(out, record, options.filename(path.stem), key):
                unchanged.append(options.filename(path.stem))
                continue
            cmap = with_checks(cmap, folder)
            if strict and cmap.warnings:
                raise MapError(cmap.warnings)
            maps.append((cmap, key))
        except MapError as err:
            problems += err.problems
    keys: dict[str, str] = {}
    if maps or not problems:
        for cmap, key in maps:
            html = render_html(cmap, theme=options.theme, mode=options.mode, assets_mode=options.assets,
                               text_size=options.text_size)
            files.append((options.filename(cmap.name), html.encode("utf-8")))
            keys[options.filename(cmap.name)] = key
        if options.assets == "shared":
            shared = vis_js().encode("utf-8")
            current = out / SHARED_VIS
            if not current.exists() or current.read_bytes() != shared:
                files.append((SHARED_VIS, shared))
    return Result(files, unchanged, problems, keys, [w for cmap, _ in maps for w in cmap.warnings])


def stale(paths: Sequence[Path], out: Path, options: Options) -> tuple[list[str], list[Problem]]:
    """The output files that do not match what a build would make now (missing ones included)."""
    result = build(paths, out, options, incremental=False)
    names = [name for name, content in result.files
             if not (out / name).exists() or (out / name).read_bytes() != content]
    return names, result.problems
