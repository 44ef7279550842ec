"""The pyvis adapter: the one module that touches pyvis, for the vis-network build it ships and `to_pyvis`."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from graph import style
from graph.analysis.drawing import EDGE_FONT, NODE_FONT, Drawing
from graph.analysis.measure import FONT_FACE
from graph.model import Evidence, Map

if TYPE_CHECKING:
    from pyvis.network import Network  # type: ignore[import-untyped]

VIS_VERSION = "9.1.2"


@cache
def vis_network_js() -> str:
    """The minified vis-network that the installed pyvis package ships, to inline in pages.

    The file is located without executing pyvis (whose import pulls in IPython and jsonpickle).
    """
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed; run: pip install pyvis")
    root = Path(next(iter(spec.submodule_search_locations)))
    js = (root / "lib" / f"vis-{VIS_VERSION}" / "vis-network.min.js").read_text(encoding="utf-8")
    if "</script" in js.lower():  # would end the inline <script> early
        raise RuntimeError("the vis-network build cannot be inlined safely")
    return js


def _tooltip(*parts: str | None) -> str:
    """A tooltip as plain text: the non-empty parts, one a line (pyvis passes a string title on as it is)."""
    return "\n".join(p for p in parts if p)


def _quote(ev: Evidence | None, cmap: Map) -> str | None:
    if ev is None:
        return None
    cite = cmap.sources[ev.source].cite if ev.source in cmap.sources else ev.source
    return f'"{ev.quote}" ({cite})' if ev.quote else f"Source: {cite}"


def to_pyvis(cmap: Map, drawing: Drawing | None = None, theme: str = "light") -> Network:
    """The map as a `pyvis.network.Network`: concept and phrase boxes as nodes at our layout's positions (physics
    off), concept -> phrase -> target edges coloured by effect (inferred ones dashed), group colours and border
    patterns, and tooltips as plain text. pyvis is imported here only (its import pulls in IPython)."""
    try:
        from pyvis.network import Network
    except ImportError:
        raise RuntimeError("pyvis is not installed; run: pip install pyvis") from None
    from graph.analysis.build import build_graph
    from graph.analysis.layout import compute_layout
    from graph.text import annotated

    if drawing is None:
        drawing = compute_layout(build_graph(cmap))
    t = style.THEME_STYLES[theme]
    net = Network(height="720px", width="100%", directed=True, bgcolor=t.background, cdn_resources="in_line")
    groups = {g: style.group_style(i, theme) for i, g in enumerate(cmap.groups)}
    for c in cmap.concepts.values():
        box, g = drawing.concepts[c.id], groups.get(c.group or "", style.ungrouped_style(theme))
        net.add_node(c.id, label="\n".join(box.lines), shape="box", x=box.x, y=box.y, physics=False,
                     color={"border": g.border, "background": g.fill}, borderWidth=g.width,
                     shapeProperties={"borderDashes": list(g.dashes) or False},
                     font={"color": t.text, "size": NODE_FONT, "face": FONT_FACE},
                     title=_tooltip(c.label, c.definition, _quote(c.evidence, cmap), c.note))
    relations = {r.key: r for r in cmap.relations}
    for p in drawing.phrases:
        first = relations[p.relations[0][0]]
        colour, dashes = t.effects[first.effect], list(style.STATUS_DASHES) if first.inferred else False
        net.add_node(p.id, label="\n".join(p.lines), shape="box", x=p.x, y=p.y, physics=False,
                     color={"border": t.background, "background": t.background}, borderWidth=0,
                     font={"color": t.text, "size": EDGE_FONT, "face": FONT_FACE},
                     title=_tooltip(*(annotated(cmap, relations[k]) for k, _ in p.relations)))
        arrow = {"to": {"enabled": True, "type": style.EFFECTS[first.effect].arrow}}
        net.add_edge(p.source, p.id, id=f"{p.id}:in", color=colour, dashes=dashes, arrows={"to": False})
        for key, target in p.relations:
            r = relations[key]
            net.add_edge(p.id, target, id=key, color=colour, dashes=dashes, arrows=arrow,
                         title=_tooltip(annotated(cmap, r), _quote(r.evidence, cmap), r.note))
    net.toggle_physics(False)
    return net
