"""JSON export in the project's own versioned schema: the canonical map plus its layout; and its reader."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from graph.canonical import map_data
from graph.load import parse_map
from graph.model import Map
from graph.problems import MapError, Problem

if TYPE_CHECKING:
    from graph.analysis.drawing import Drawing

FORMAT = "conceptmap-json"
VERSION = 1


def write_json(cmap: Map, drawing: Drawing) -> str:
    """`{"format": "conceptmap-json", "version": 1, "map": {...}, "layout": {id: [x, y]}, "phrases": [...]}`:
    concept centres, and every phrase box with its centre, size and the relations it stands for (and, where its
    lines are bent, each line's bend: vis-network's roundness, + clockwise, in from the source then out to each
    target); each relation's provenance, and, when the map's quotes were checked, its "verification"."""
    from graph.analysis.loops import find_loops
    from graph.style import CHECK_STATUS, CHECK_WORDS, STATUS_WORDS
    from graph.text import provenance

    loops = [{"name": lp.name, "kind": lp.kind, "inferred": lp.inferred, "named": lp.named,
              "description": lp.description, "concepts": list(lp.concepts), "relations": [r.key for r in lp.relations]}
             for lp in find_loops(cmap)]
    kinds = {r.key: provenance(cmap, r) for r in cmap.relations}
    status: dict[str, dict[str, Any]] = {key: {"status": kind, "words": STATUS_WORDS[kind]}
                                         for key, kind in kinds.items()}
    if cmap.checks is not None:  # each quote checked against its source's text (graph/check/quotes.py)
        for key, check in cmap.checks.kinds.items():
            status[key]["verification"] = {"status": CHECK_STATUS[check], "reason": check, "words": CHECK_WORDS[check]}
    doc = {"format": FORMAT, "version": VERSION, "name": cmap.name, "map": map_data(cmap),
           "layout": {cid: [drawing.concepts[cid].x, drawing.concepts[cid].y] for cid in cmap.concepts},
           "phrases": [{"id": p.id, "x": p.x, "y": p.y, "width": p.width, "height": p.height,
                        "relations": [k for k, _ in p.relations], **({"bends": list(p.bends)} if p.bends else {})}
                       for p in drawing.phrases], "loops": loops,
           "provenance": status}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def read_json(text: str, file: str = "<json>") -> tuple[Map, dict[str, tuple[int, int]]]:
    """A map and its layout from `write_json`'s output; the map is validated like a YAML map."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise MapError([Problem(file, err.lineno, err.colno, "syntax", f"JSON syntax error: {err.msg}")]) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("version") != VERSION:
        raise MapError([Problem(file, 1, 1, "version", f"not a {FORMAT} version {VERSION} document")])
    cmap = parse_map(json.dumps(doc["map"], ensure_ascii=False).encode("utf-8"), file, str(doc.get("name", "map")))
    layout = {str(k): (int(v[0]), int(v[1])) for k, v in doc.get("layout", {}).items()}
    return cmap, layout
