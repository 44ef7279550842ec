"""Choose an exporter by format name and turn one map into the files it makes (pure: names and bytes)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from graph.model import Map
from graph.problems import MapError, Problem

if TYPE_CHECKING:
    from graph.analysis.drawing import Drawing

Files = list[tuple[str, bytes]]


@dataclass(frozen=True)
class Format:
    """One export format: its file extension, and the function (a module in graph/export/, a name) that writes it
    from the map and what else it reads: the `drawing`, the concept `positions`, or nothing (`map`). Images take a
    step and theme."""

    extension: str
    module: str
    writer: str
    reads: str = "map"
    image: bool = False


# The one table of export formats: the CLI's choices, the tests and the README's table come from it.
FORMATS: dict[str, Format] = {
    "svg": Format("svg", "svg", "render_svg", "drawing", image=True),
    "png": Format("png", "svg", "render_png", "drawing", image=True),
    "graphml": Format("graphml", "graphml", "write_graphml", "positions"),
    "gexf": Format("gexf", "graphml", "write_gexf", "positions"),
    "json": Format("json", "jsonmap", "write_json", "drawing"),
    "dot": Format("dot", "dot", "write_dot", "positions"),
    "mermaid": Format("mmd", "mermaid", "write_mermaid"),
    "markdown": Format("md", "markdown", "write_markdown"),
    "csv": Format("csv", "table", "write_csv"),
    "cxl": Format("cxl", "cxl", "write_cxl", "drawing"),
    "canvas": Format("canvas", "canvas", "write_canvas", "drawing"),
}
IMAGES = tuple(name for name, f in FORMATS.items() if f.image)


def _render(cmap: Map, fmt: Format, theme: str, drawing: Drawing) -> bytes:
    module = import_module(f"graph.export.{fmt.module}")
    if fmt.image:
        svg = module.render_svg(cmap, drawing, theme=theme, cairo=fmt.extension == "png")
        return bytes(module.render_png(svg)) if fmt.extension == "png" else str(svg).encode("utf-8")
    extra = {"drawing": (drawing,), "positions": (drawing.positions,), "map": ()}[fmt.reads]
    return str(getattr(module, fmt.writer)(cmap, *extra)).encode("utf-8")


MAX_SLIDE_ITEMS = 100_000  # concepts and relations drawn over all the slides of one `export --steps`


def _slide_items(cmap: Map) -> int:
    """How many concepts and relations the slides of `export --steps` draw, all slides together."""
    by_key = {r.key: r for r in cmap.relations}
    concepts: set[str] = set()
    relations: set[str] = set()
    total = 0
    for step in cmap.steps:
        concepts.update(step.concepts)
        for rid in step.relations:
            if rid in by_key:
                relations.add(rid)
                concepts.update((by_key[rid].source, by_key[rid].target))
        total += len(concepts) + len(relations)
    return total


def check(cmap: Map, fmt: str, steps: bool = False) -> None:
    """Refuse, before anything is drawn, an export that cannot be made: an unknown format, steps of a
    non-image, or slides that would draw more than MAX_SLIDE_ITEMS concepts and relations (a located problem)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if steps and fmt not in IMAGES:
        raise ValueError(f"--steps makes images; use it with {' or '.join(IMAGES)}, not {fmt}")
    items = _slide_items(cmap) if steps else 0
    if items > MAX_SLIDE_ITEMS:
        line, col = cmap.locs.get("steps", cmap.loc)
        raise MapError([Problem(cmap.file, line, col, "too-large", f"its {len(cmap.steps)} slides would draw "
                                f"{items} concepts and relations in all; the limit for one export is "
                                f"{MAX_SLIDE_ITEMS}: reveal less in the first steps, or use fewer steps")])


def check_all(maps: Sequence[Map], fmt: str, steps: bool = False) -> None:
    """`check` every map; the problems of all of them are raised together."""
    problems: list[Problem] = []
    for cmap in maps:
        try:
            check(cmap, fmt, steps)
        except MapError as err:
            problems += err.problems
    if problems:
        raise MapError(problems)


def names(cmap: Map, fmt: str, steps: bool = False) -> list[str]:
    """The names of the files `export_files` makes, in order."""
    ext = FORMATS[fmt].extension
    if not steps:
        return [f"{cmap.name}.{ext}"]
    return [f"{cmap.name}-step-{i + 1:02d}.{ext}" for i in range(len(cmap.steps))]


def export_files(cmap: Map, fmts: Sequence[str], *, steps: bool = False,
                 theme: str = "light") -> Iterator[tuple[str, bytes]]:
    """The files for one map in each format of `fmts`, from one layout, made one at a time as they are asked for
    (so slides stream to disk): `NAME.EXT`, or for images with `steps` one `NAME-step-NN.EXT` per step."""
    for fmt in fmts:
        check(cmap, fmt, steps)
    from graph.analysis.build import build_graph
    from graph.analysis.layout import compute_layout

    drawing = compute_layout(build_graph(cmap))
    for fmt in fmts:
        if not steps:
            yield names(cmap, fmt)[0], _render(cmap, FORMATS[fmt], theme, drawing)
            continue
        from graph.export.svg import render_png, render_slides

        slides = render_slides(cmap, drawing, theme, cairo=fmt == "png")
        for name, svg in zip(names(cmap, fmt, steps), slides, strict=True):
            yield name, svg.encode("utf-8") if fmt == "svg" else render_png(svg)


def export(cmap: Map, fmt: str, *, steps: bool = False, theme: str = "light") -> Files:
    """Every file of one format, in memory (for the API; the command line streams them)."""
    return list(export_files(cmap, [fmt], steps=steps, theme=theme))


def export_many(cmap: Map, fmts: Sequence[str], *, steps: bool = False, theme: str = "light") -> Files:
    """Every file of each format of `fmts`, from one layout, in memory."""
    return list(export_files(cmap, fmts, steps=steps, theme=theme))
