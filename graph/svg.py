"""Export a static SVG (whole map or one presentation step) from the same positions as the page."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from xml.sax.saxutils import escape, quoteattr

from . import style
from .drawing import EDGE_FONT, NODE_FONT, Box, Drawing, Phrase
from .measure import FONT_FACE, LINE_HEIGHT
from .model import Map, Relation
from .text import proposition

MARGIN = 40
TITLE_FONT = 24
TITLE = TITLE_FONT + 16  # room for the title above the drawing
FONT = FONT_FACE.replace("'", "")
_MARKERS = {  # arrow heads, one per effect (see style.EFFECTS), drawn in the effect's colour
    "arrow": '<path d="M0,0 L10,5 L0,10 z" fill="{c}"/>',
    "bar": '<path d="M8,0 L8,10" stroke="{c}" stroke-width="2.5"/>',
    "vee": '<path d="M0,0 L10,5 L0,10" fill="none" stroke="{c}" stroke-width="2"/>',
    "diamond": '<path d="M0,5 L5,0 L10,5 L5,10 z" fill="{c}"/>',
    "circle": '<circle cx="5" cy="5" r="4" fill="{c}"/>',
}


def text(value: str) -> str:
    """User text as SVG character data: always text, never markup."""
    return escape(value)


def attr(value: str) -> str:
    """User text as a quoted SVG attribute value."""
    return quoteattr(value)


def revealed(cmap: Map, step: int | None) -> tuple[set[str], set[str], set[str]]:
    """(concept ids, relation ids, highlighted ids) shown at 0-based `step`, or everything for None."""
    if step is None:
        return set(cmap.concepts), {r.key for r in cmap.relations}, set()
    by_key = {r.key: r for r in cmap.relations}
    concepts: set[str] = set()
    relations: set[str] = set()
    for s in cmap.steps[: step + 1]:
        concepts.update(s.concepts)
        relations.update(s.relations)
        concepts.update(c for rid in s.relations for c in (by_key[rid].source, by_key[rid].target))
    return concepts, relations, set(cmap.steps[step].highlight)


def _clip(centre: tuple[float, float], box: tuple[float, float], toward: tuple[float, float]) -> tuple[float, float]:
    """Where the segment from a box's centre toward a point leaves the box."""
    (cx, cy), (w, h), (tx, ty) = centre, box, toward
    dx, dy = tx - cx, ty - cy
    if dx == 0 and dy == 0:
        return centre
    t = min(w / 2 / abs(dx) if dx else math.inf, h / 2 / abs(dy) if dy else math.inf)
    return cx + dx * t, cy + dy * t


def _segment(a: Box, b: Box, colour: str, strong: bool, dashed: bool, arrow: str | None) -> str:
    """A straight line from box a to box b, cut at both borders, with the effect's arrow head at b."""
    start = _clip((a.x, a.y), (a.width, a.height), (b.x, b.y))
    end = _clip((b.x, b.y), (b.width, b.height), (a.x, a.y))
    dash = ' stroke-dasharray="8 6"' if dashed else ""
    head = f' marker-end="url(#m-{arrow})"' if arrow else ""
    return (f'<path d="M{start[0]:.1f},{start[1]:.1f} L{end[0]:.1f},{end[1]:.1f}" fill="none" stroke="{colour}" '
            f'stroke-width="{4 if strong else 2}"{dash}{head}/>')


def _lines(box: Box, size: int, fg: str) -> str:
    """A box's wrapped text, centred in it, one <tspan> per line."""
    step = size * LINE_HEIGHT
    top = box.y - len(box.lines) * step / 2
    spans = "".join(f'<tspan x="{box.x}" y="{top + (i + 0.78) * step:.1f}">{text(line)}</tspan>'
                    for i, line in enumerate(box.lines))
    return f'<text font-size="{size}" fill="{fg}" text-anchor="middle">{spans}</text>'


def _rect(box: Box, fill: str, stroke: str = "none", width: int = 0, dash: str = "", rx: int = 4) -> str:
    return (f'<rect x="{box.x - box.width / 2:.1f}" y="{box.y - box.height / 2:.1f}" width="{box.width}" '
            f'height="{box.height}" rx="{rx}" fill="{fill}" stroke="{stroke}" stroke-width="{width}"{dash}/>')


def _phrase(p: Phrase, rels: list[Relation], boxes: Mapping[str, Box], t: style.Theme, strong: set[str]) -> str:
    """One phrase box with its segment in from the source and one out to each shown relation's target."""
    first = rels[0]
    parts = [_segment(boxes[p.source], p, t.effects[first.effect], first.key in strong, first.inferred, None)]
    parts += [_segment(p, boxes[r.target], t.effects[r.effect], r.key in strong, r.inferred, r.effect) for r in rels]
    parts += [_rect(p, t.label_background, rx=3), _lines(p, EDGE_FONT, t.text)]
    keys = " ".join(r.key for r in rels)
    return f'<g class="relation" data-id={attr(keys)}>' + "".join(parts) + "</g>"


def _concept(box: Box, g: style.GroupStyle, strong: bool, fg: str) -> str:
    dash = f' stroke-dasharray="{" ".join(map(str, g.dashes))}"' if g.dashes else ""
    return (f'<g class="concept" data-id={attr(box.id)}>' + _rect(box, g.fill, g.border, g.width + (3 if strong else 0),
                                                              dash) + _lines(box, NODE_FONT, fg) + "</g>")


def _frame(drawing: Drawing) -> tuple[float, float, float, float]:
    boxes = [*drawing.concepts.values(), *drawing.phrases]
    xs = [b.x + s * b.width / 2 for b in boxes for s in (-1, 1)] or [0]
    ys = [b.y + s * b.height / 2 for b in boxes for s in (-1, 1)] or [0]
    width, height = max(xs) - min(xs) + 2 * MARGIN, max(ys) - min(ys) + 2 * MARGIN + TITLE
    return min(xs) - MARGIN, min(ys) - MARGIN - TITLE, width, height


def render_svg(cmap: Map, drawing: Drawing, step: int | None = None, theme: str = "light") -> str:
    """The map, or what 0-based `step` shows, as a standalone SVG with a visible title, <title> and <desc>."""
    t = style.THEME_STYLES[theme]
    concepts, relations, strong = revealed(cmap, step)
    by_key = {r.key: r for r in cmap.relations}
    shown = [(p, [by_key[k] for k, _ in p.relations if k in relations]) for p in drawing.phrases]
    shown = [(p, rels) for p, rels in shown if rels]
    x0, y0, width, height = _frame(drawing)  # the whole map's frame at every step, so nothing moves
    groups = {gid: style.group_style(i, theme) for i, gid in enumerate(cmap.groups)}
    title = cmap.title if step is None else f"{cmap.title} \u2014 step {step + 1}: {cmap.steps[step].title}"
    desc = [cmap.focus_question or "", cmap.steps[step].narration if step is not None else ""]
    desc += [proposition(cmap, r) for r in cmap.relations if r.key in relations]
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0:.0f} {y0:.0f} {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-labelledby="t d" font-family="{FONT}">',
        f'<title id="t">{text(title)}</title>',
        f'<desc id="d">{text(" ".join(d for d in desc if d))}</desc>',
        "<defs>" + "".join(
            f'<marker id="m-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="12" markerHeight="12" '
            f'orient="auto" markerUnits="userSpaceOnUse">{_MARKERS[e.arrow].format(c=t.effects[name])}</marker>'
            for name, e in style.EFFECTS.items()) + "</defs>",
        f'<rect x="{x0:.0f}" y="{y0:.0f}" width="{width:.0f}" height="{height:.0f}" fill="{t.background}"/>',
        f'<text class="title" x="{x0 + MARGIN:.0f}" y="{y0 + MARGIN:.0f}" font-size="{TITLE_FONT}" '
        f'font-weight="bold" fill="{t.text}">{text(title)}</text>',
    ]
    out += [_phrase(p, rels, drawing.concepts, t, strong) for p, rels in shown]
    for cid, c in cmap.concepts.items():
        if cid in concepts:
            g = groups[c.group] if c.group else style.ungrouped_style(theme)
            out.append(_concept(drawing.concepts[cid], g, cid in strong, t.text))
    out.append("</svg>\n")
    return "\n".join(out)


MAX_PIXELS = 16_000  # the longest side of a PNG; Cairo refuses surfaces over 32,767 pixels


def render_png(svg: str, scale: float = 2.0) -> bytes:
    """Rasterise an SVG with cairosvg (an optional dependency); very large maps are scaled down to fit."""
    try:
        import cairosvg
    except (ImportError, OSError) as err:
        raise RuntimeError("PNG export needs cairosvg and the Cairo library: pip install 'conceptmap[png]' "
                           "and, on Debian, apt-get install -y libcairo2") from err
    size = re.search(r'width="(\d+)" height="(\d+)"', svg)
    longest = max(int(size.group(1)), int(size.group(2))) if size else 1
    return bytes(cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=min(scale, MAX_PIXELS / max(longest, 1))))
