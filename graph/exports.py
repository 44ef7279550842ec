"""Choose an exporter by format name and turn one map into the files it makes (pure: names and bytes)."""

from __future__ import annotations

from collections.abc import Callable

from .model import Map

Files = list[tuple[str, bytes]]
FORMATS = ("svg", "png")


def _image(cmap: Map, fmt: str, step: int | None, theme: str, positions: dict[str, tuple[int, int]]) -> bytes:
    from .svg import render_png, render_svg

    svg = render_svg(cmap, positions, step=step, theme=theme)
    return svg.encode("utf-8") if fmt == "svg" else render_png(svg)


def export(cmap: Map, fmt: str, *, steps: bool = False, theme: str = "light") -> Files:
    """The files for one map: `NAME.EXT`, or with `steps` one `NAME-step-NN.EXT` per presentation step."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    from .build import build_graph
    from .layout import compute_layout

    positions = compute_layout(build_graph(cmap))
    make: Callable[[int | None], bytes] = lambda step: _image(cmap, fmt, step, theme, positions)  # noqa: E731
    if not steps:
        return [(f"{cmap.name}.{fmt}", make(None))]
    return [(f"{cmap.name}-step-{i + 1:02d}.{fmt}", make(i)) for i in range(len(cmap.steps))]
