"""Choose an exporter by format name and turn one map into the files it makes (pure: names and bytes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Map

if TYPE_CHECKING:
    from .drawing import Drawing

Files = list[tuple[str, bytes]]
IMAGES = ("svg", "png")
FORMATS = ("svg", "png", "graphml", "gexf", "json", "dot", "mermaid", "markdown", "cxl", "canvas")
EXTENSIONS = {"mermaid": "mmd", "markdown": "md"}


def _render(cmap: Map, fmt: str, step: int | None, theme: str, drawing: Drawing) -> bytes:
    positions = drawing.positions
    if fmt in IMAGES:
        from .svg import render_png, render_svg

        svg = render_svg(cmap, drawing, step=step, theme=theme, cairo=fmt == "png")
        return svg.encode("utf-8") if fmt == "svg" else render_png(svg)
    if fmt in ("graphml", "gexf"):
        from .graphml import write_gexf, write_graphml

        return (write_graphml if fmt == "graphml" else write_gexf)(cmap, positions).encode("utf-8")
    if fmt == "json":
        from .jsonmap import write_json

        return write_json(cmap, drawing).encode("utf-8")
    if fmt == "dot":
        from .dot import write_dot

        return write_dot(cmap, positions).encode("utf-8")
    if fmt == "cxl":
        from .cxlwrite import write_cxl

        return write_cxl(cmap, drawing).encode("utf-8")
    if fmt == "canvas":
        from .canvas import write_canvas

        return write_canvas(cmap, drawing).encode("utf-8")
    if fmt == "mermaid":
        from .mermaid import write_mermaid

        return write_mermaid(cmap).encode("utf-8")
    from .markdown import write_markdown

    return write_markdown(cmap).encode("utf-8")


def export(cmap: Map, fmt: str, *, steps: bool = False, theme: str = "light") -> Files:
    """The files for one map: `NAME.EXT`, or for images with `steps` one `NAME-step-NN.EXT` per step."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if steps and fmt not in IMAGES:
        raise ValueError(f"--steps makes images; use it with {' or '.join(IMAGES)}, not {fmt}")
    from .build import build_graph
    from .layout import compute_layout

    drawing = compute_layout(build_graph(cmap))
    ext = EXTENSIONS.get(fmt, fmt)
    if not steps:
        return [(f"{cmap.name}.{ext}", _render(cmap, fmt, None, theme, drawing))]
    return [(f"{cmap.name}-step-{i + 1:02d}.{ext}", _render(cmap, fmt, i, theme, drawing))
            for i in range(len(cmap.steps))]
