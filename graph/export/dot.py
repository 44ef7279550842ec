"""Graphviz DOT export; every user string goes through `quote`, the one place that escapes DOT text."""

from __future__ import annotations

from graph import style
from graph.model import Map
from graph.text import edge_label

ARROWHEADS = {"arrow": "normal", "bar": "tee", "vee": "vee", "diamond": "diamond", "circle": "dot"}


def quote(text: str, tooltip: bool = False) -> str:
    """A DOT double-quoted string that Graphviz shows as `text`, literally: `&` is written `&amp;`, since Graphviz
    reads entities (`&lt;`, `&#x41;`, `&#8238;`) in labels and tooltips; a backslash is doubled, since Graphviz
    reads `\\N`, `\\G`, `\\l` ... as escapes, and doubled again in a tooltip, which Graphviz unescapes twice;
    line breaks become `\\n`. Never an HTML label."""
    slash = "\\\\\\\\" if tooltip else "\\\\"
    body = text.replace("&", "&amp;").replace("\\", slash).replace('"', '\\"')
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    return '"' + body.replace("\n", "\\n") + '"'


def write_dot(cmap: Map, positions: dict[str, tuple[int, int]]) -> str:
    """A digraph with the map's labels, groups, effects and pinned positions (points; `neato -n` keeps them)."""
    groups = {gid: style.group_style(i) for i, gid in enumerate(cmap.groups)}
    colours = style.THEME_STYLES["light"].effects
    lines = [f"digraph {quote(cmap.name)} {{",
             f"  graph [label={quote(cmap.title)}, labelloc=t, fontname=Helvetica];",
             '  node [shape=box, style="rounded,filled", fontname=Helvetica];',
             "  edge [fontname=Helvetica, fontsize=10];"]
    for c in cmap.concepts.values():
        g = groups[c.group] if c.group else style.ungrouped_style()
        x, y = positions[c.id]
        attrs = [f"label={quote(c.label)}", f"fillcolor={quote(g.fill)}", f"color={quote(g.border)}",
                 f"pos={quote(f'{x},{-y}!')}"]
        if c.definition:
            attrs.append(f"tooltip={quote(c.definition, tooltip=True)}")
        lines.append(f"  {quote(c.id)} [{', '.join(attrs)}];")
    for r in cmap.relations:
        attrs = [f"id={quote(r.key)}", f"label={quote(edge_label(r))}", f"color={quote(colours[r.effect])}",
                 f"arrowhead={ARROWHEADS[style.EFFECTS[r.effect].arrow]}"]
        if r.inferred:
            attrs.append("style=dashed")
        lines.append(f"  {quote(r.source)} -> {quote(r.target)} [{', '.join(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
