"""Export a static SVG (whole map or one presentation step) from the same positions as the page."""

from __future__ import annotations

import math
import re
from xml.sax.saxutils import escape, quoteattr

from . import style
from .layout import EDGE_FONT, EDGE_LABEL_WIDTH, LABEL_WIDTH, NODE_FONT, label_box, wrap
from .model import Map, Relation
from .text import edge_label, proposition

Positions = dict[str, tuple[int, int]]
MARGIN = 40
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"
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


def _edge(r: Relation, pos: Positions, boxes: dict[str, tuple[float, float]], curved: bool,
          colour: str, strong: bool, label_bg: str, fg: str) -> str:
    (ax, ay), (bx, by) = pos[r.source], pos[r.target]
    # bend as vis-network's curvedCW does (to the left of travel on a y-down page), so a two-way pair parts
    mx, my = (ax + bx) / 2, (ay + by) / 2
    if curved:
        mx, my = mx + (by - ay) * style.CURVE, my - (bx - ax) * style.CURVE
    start = _clip((ax, ay), boxes[r.source], (mx, my))
    end = _clip((bx, by), boxes[r.target], (mx, my))
    path = f"M{start[0]:.1f},{start[1]:.1f} " + (
        f"Q{mx:.1f},{my:.1f} {end[0]:.1f},{end[1]:.1f}" if curved else f"L{end[0]:.1f},{end[1]:.1f}")
    lx, ly = ((start[0] + 2 * mx + end[0]) / 4, (start[1] + 2 * my + end[1]) / 4) if curved else (mx, my)
    dash = ' stroke-dasharray="8 6"' if r.inferred else ""
    lines = wrap(edge_label(r), EDGE_FONT, EDGE_LABEL_WIDTH)
    height = len(lines) * EDGE_FONT * 1.25
    width = max(len(line) for line in lines) * EDGE_FONT * 0.55 + 6
    top = ly - height / 2
    spans = "".join(f'<tspan x="{lx:.1f}" y="{top + (i + 0.85) * EDGE_FONT * 1.25:.1f}">{text(line)}</tspan>'
                    for i, line in enumerate(lines))
    return (f'<g class="relation" data-id={attr(r.key)}><path d="{path}" fill="none" stroke="{colour}" '
            f'stroke-width="{4 if strong else 2}"{dash} marker-end="url(#m-{r.effect})"/>'
            f'<rect x="{lx - width / 2:.1f}" y="{top:.1f}" width="{width:.1f}" height="{height:.1f}" '
            f'fill="{label_bg}"/><text font-size="{EDGE_FONT}" fill="{fg}" text-anchor="middle">{spans}</text></g>')


def _node(cid: str, label: str, x: float, y: float, box: tuple[float, float], g: style.GroupStyle,
          strong: bool, fg: str) -> str:
    w, h = box
    lines = wrap(label, NODE_FONT, LABEL_WIDTH)
    top = y - len(lines) * NODE_FONT * 1.3 / 2
    dash = f' stroke-dasharray="{" ".join(map(str, g.dashes))}"' if g.dashes else ""
    spans = "".join(f'<tspan x="{x}" y="{top + (i + 0.8) * NODE_FONT * 1.3:.1f}">{text(line)}</tspan>'
                    for i, line in enumerate(lines))
    return (f'<g class="concept" data-id={attr(cid)}><rect x="{x - w / 2:.1f}" y="{y - h / 2:.1f}" '
            f'width="{w:.1f}" height="{h:.1f}" rx="4" fill="{g.fill}" stroke="{g.border}" '
            f'stroke-width="{g.width + (3 if strong else 0)}"{dash}/>'
            f'<text font-size="{NODE_FONT}" fill="{fg}" text-anchor="middle">{spans}</text></g>')


def render_svg(cmap: Map, positions: Positions, step: int | None = None, theme: str = "light") -> str:
    """The map, or what 0-based `step` shows, as a standalone SVG with <title> and <desc>."""
    t = style.THEME_STYLES[theme]
    concepts, relations, strong = revealed(cmap, step)
    boxes = {cid: label_box(c.label) for cid, c in cmap.concepts.items()}
    xs = [positions[c][0] + s * boxes[c][0] / 2 for c in cmap.concepts for s in (-1, 1)] or [0]
    ys = [positions[c][1] + s * boxes[c][1] / 2 for c in cmap.concepts for s in (-1, 1)] or [0]
    x0, y0 = min(xs) - MARGIN, min(ys) - MARGIN
    width, height = max(xs) - min(xs) + 2 * MARGIN, max(ys) - min(ys) + 2 * MARGIN
    groups = {gid: style.group_style(i, theme) for i, gid in enumerate(cmap.groups)}
    pairs = {(r.source, r.target) for r in cmap.relations if r.key in relations}
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
    ]
    for r in cmap.relations:
        if r.key in relations:
            out.append(_edge(r, positions, boxes, (r.target, r.source) in pairs, t.effects[r.effect],
                             r.key in strong, t.label_background, t.text))
    for cid, c in cmap.concepts.items():
        if cid in concepts:
            g = groups[c.group] if c.group else style.ungrouped_style(theme)
            out.append(_node(cid, c.label, *positions[cid], boxes[cid], g, cid in strong, t.text))
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
