"""Mermaid flowchart export for Markdown and GitHub; `label` is the one place that escapes Mermaid text."""

from __future__ import annotations

import json

from graph.model import Map
from graph.text import edge_label

# "%" too: Mermaid reads "%%{...}%%" as a configuration directive wherever it appears.
_ENTITIES = {"&": "#amp;", "#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "|": "#124;", "`": "#96;",
             "%": "#37;"}


def label(text: str) -> str:
    """A quoted Mermaid label that shows `text` literally: entity codes for the characters Mermaid reads."""
    flat = " ".join(text.split())
    return '"' + "".join(_ENTITIES.get(ch, ch) for ch in flat) + '"'


def write_mermaid(cmap: Map) -> str:
    """`flowchart LR` with one node per concept (ids n0, n1, ... so any id is safe) and one link per relation."""
    ids = {cid: f"n{i}" for i, cid in enumerate(cmap.concepts)}
    title = json.dumps(" ".join(cmap.title.split()), ensure_ascii=False).replace("%", "\\u0025")
    lines = ["---", f"title: {title}", "---", "flowchart LR"]
    lines += [f"  {ids[c.id]}[{label(c.label)}]" for c in cmap.concepts.values()]
    for r in cmap.relations:
        arrow = "-.->" if r.inferred else "-->"
        lines.append(f"  {ids[r.source]} {arrow}|{label(edge_label(r))}| {ids[r.target]}")
    return "\n".join(lines) + "\n"
