"""JSON Canvas 1.0 (Obsidian's open format) out: each concept a text node, each relation a labelled edge, each
group a group node around its members, each cited source a link node; the drawing's positions kept."""

from __future__ import annotations

import json
from typing import Any

from graph.analysis.drawing import Box, Drawing
from graph.check.validate import link_scheme
from graph.model import Map

GROUP_MARGIN = 30  # px between a group's members and its rectangle
LINK_GAP = 120  # px between the drawing and the column of link nodes for cited sources
LINK_SIZE = (260, 60)


def _node(box: Box, **fields: Any) -> dict[str, Any]:
    """A node at a box: top-left corner, size widened by 1 px when needed so the centre comes back exactly."""
    width, height = box.width + (box.width % 2 != 0), box.height + (box.height % 2 != 0)
    return {**fields, "x": box.x - width // 2, "y": box.y - height // 2, "width": width, "height": height}


def _links(cmap: Map, drawing: Drawing) -> list[dict[str, Any]]:
    """A link node (a file node, for a relative link) for each cited source with a link, in a column right of
    the drawing."""
    cited = dict.fromkeys(s for c in cmap.concepts.values() for s in c.sources if cmap.sources[s].url)
    boxes = list(drawing.concepts.values())
    left = max((b.x + b.width for b in boxes), default=0) + LINK_GAP
    top = min((b.y - b.height // 2 for b in boxes), default=0)
    out = []
    for i, s in enumerate(cited):
        url = str(cmap.sources[s].url)
        node = {"type": "link", "url": url} if link_scheme(url) else {"type": "file", "file": url}
        out.append({"id": f"source:{s}", **node, "x": left, "y": top + i * (LINK_SIZE[1] + GROUP_MARGIN),
                    "width": LINK_SIZE[0], "height": LINK_SIZE[1]})
    return out


def write_canvas(cmap: Map, drawing: Drawing) -> str:
    """The canvas: each concept a text node (label, then its definition), each group a group node around its
    members, each relation an edge labelled with its phrase (arrows at both ends for `interdependent`), each cited
    source with a link a link node, joined to the concepts that cite it."""
    nodes: list[dict[str, Any]] = []
    for gid, group in cmap.groups.items():
        boxes = [drawing.concepts[c.id] for c in cmap.concepts.values() if c.group == gid]
        if boxes:
            left = min(b.x - b.width // 2 for b in boxes) - GROUP_MARGIN
            top = min(b.y - b.height // 2 for b in boxes) - GROUP_MARGIN
            right = max(b.x + (b.width + 1) // 2 for b in boxes) + GROUP_MARGIN
            bottom = max(b.y + (b.height + 1) // 2 for b in boxes) + GROUP_MARGIN
            nodes.append({"id": f"group:{gid}", "type": "group", "label": group.label, "x": left, "y": top,
                          "width": right - left, "height": bottom - top})
    for c in cmap.concepts.values():
        text = c.label + (f"\n\n{c.definition}" if c.definition else "")
        nodes.append(_node(drawing.concepts[c.id], id=c.id, type="text", text=text))
    nodes += _links(cmap, drawing)
    edges = [{"id": f"cites:{c.id}:{s}", "fromNode": c.id, "toNode": f"source:{s}", "toEnd": "arrow"}
             for c in cmap.concepts.values() for s in c.sources if cmap.sources[s].url]
    edges += [{"id": r.key, "fromNode": r.source, "toNode": r.target, "label": r.phrase,
              **({"fromEnd": "arrow"} if r.effect == "interdependent" else {}), "toEnd": "arrow"}
             for r in cmap.relations]
    return json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False, indent="\t") + "\n"
