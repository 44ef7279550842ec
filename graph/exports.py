"""Choose an exporter by format name and turn one map into the files it makes (pure: names and bytes)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from .model import Map

if TYPE_CHECKING:
    from .drawing import Drawing

Files = list[tuple[str, bytes]]


@dataclass(frozen=True)
class Format:
    """One export format: its file extension, and the function (module, name) that writes it from the map and
    what else it reads: the `drawing`, the concept `positions`, or nothing (`map`). Images take a step and theme."""

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
    "cxl": Format("cxl", "cxlwrite", "write_cxl", "drawing"),
    "canvas": Format("canvas", "canvas", "write_canvas", "drawing"),
}
IMAGES = tuple(name for name, f in FORMATS.items() if f.image)


def _render(cmap: Map, fmt: Format, step: int | None, theme: str, drawing: Drawing) -> bytes:
    module = import_module(f"graph.{fmt.module}")
    if fmt.image:
        svg = module.render_svg(cmap, drawing, step=step, theme=theme, cairo=fmt.extension == "png")
        return bytes(module.render_png(svg)) if fmt.extension == "png" else str(svg).encode("utf-8")
    extra = {"drawing": (drawing,), "positions": (drawing.positions,), "map": ()}[fmt.reads]
    return str(getattr(module, fmt.writer)(cmap, *extra)).encode("utf-8")


def export(cmap: Map, fmt: str, *, steps: bool = False, theme: str = "light") -> Files:
    """The files for one map: `NAME.EXT`, or for images with `steps` one `NAME-step-NN.EXT` per step."""
    return export_many(cmap, [fmt], steps=steps, theme=theme)


def export_many(cmap: Map, fmts: Sequence[str], *, steps: bool = False, theme: str = "light") -> Files:
    """The files for one map in each format of `fmts`, from one layout."""
    for fmt in fmts:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        if steps and fmt not in IMAGES:
            raise ValueError(f"--steps makes images; use it with {' or '.join(IMAGES)}, not {fmt}")
    from .build import build_graph
    from .layout import compute_layout

    drawing = compute_layout(build_graph(cmap))
    files: Files = []
    for spec in (FORMATS[fmt] for fmt in fmts):
        if not steps:
            files.append((f"{cmap.name}.{spec.extension}", _render(cmap, spec, None, theme, drawing)))
        else:
            files += [(f"{cmap.name}-step-{i + 1:02d}.{spec.extension}", _render(cmap, spec, i, theme, drawing))
                      for i in range(len(cmap.steps))]
    return files
