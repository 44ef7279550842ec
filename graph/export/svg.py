"""Export a static SVG (whole map or one presentation step) from the same positions as the page."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from graph import style
from graph.analysis.drawing import EDGE_FONT, NODE_FONT, Box, Drawing, Phrase, control
from graph.analysis.measure import FONT_FACE, LINE_HEIGHT, covered, wrap
from graph.export import borders, legend
from graph.model import Map, Relation
from graph.text import isolate, proposition

MARGIN = 40
TITLE_FONT = 24
SUBTITLE_FONT = 16  # the map's title above a slide's step title
HEADING_GAP = 16  # below the heading
MIN_WIDTH = 360  # px: a tiny map still gets room for its title and legend
FONT = FONT_FACE.replace("'", "")
FALLBACK_FONT = "DejaVu Sans"  # has the effect glyphs Arial lacks (\u21c4)
_MARKERS = {  # arrow heads, one per effect (see style.EFFECTS), drawn in the effect's colour
    "arrow": '<path d="M0,0 L10,5 L0,10 z" fill="{c}"/>',
    "bar": '<path d="M8,0 L8,10" stroke="{c}" stroke-width="2.5"/>',
    "vee": '<path d="M0,0 L10,5 L0,10" fill="none" stroke="{c}" stroke-width="2"/>',
    "diamond": '<path d="M0,5 L5,0 L10,5 L5,10 z" fill="{c}"/>',
    "circle": '<circle cx="5" cy="5" r="4" fill="{c}"/>',
}


def text(value: str) -> str:
    """User text as XML character data: always text, never markup (what xml.sax.saxutils.escape does, without
    importing the network modules that saxutils imports)."""
    return value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def attr(value: str) -> str:
    """User text as a quoted XML attribute value (what xml.sax.saxutils.quoteattr does): line ends and tabs as
    character references, and the quote the value does not use around it."""
    data = text(value).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in data:
        return f'"{data}"'
    return f"'{data}'" if "'" not in data else '"' + data.replace('"', "&quot;") + '"'


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


@dataclass(frozen=True)
class Ink:
    """How one SVG draws: its theme's colours, and whether text the page's font lacks names a font that has it
    first (for Cairo, which draws each text in one font, with no fallback)."""

    theme: style.Theme
    cairo: bool = False

    def face(self, line: str) -> str:
        """A font-family attribute for a text that needs the fallback font, or nothing."""
        return f' font-family="{FALLBACK_FONT}, {FONT}"' if self.cairo and not covered(line) else ""


def _head(start: tuple[float, float], end: tuple[float, float], effect: str, colour: str) -> str:
    """The effect's arrow head at `end`, pointing away from `start` (drawn, not a <marker>: no ids, so that
    several drawings can share one HTML page)."""
    angle = math.degrees(math.atan2(end[1] - start[1], end[0] - start[0]))
    shape = _MARKERS[style.EFFECTS[effect].arrow].format(c=colour)
    return f'<g transform="translate({end[0]:.1f},{end[1]:.1f}) rotate({angle:.1f}) scale(1.2) translate(-9,-5)">' \
        f'{shape}</g>'


def _segment(a: Box, b: Box, colour: str, strong: bool, dashed: bool, arrow: str | None, bend: float = 0.0) -> str:
    """A line from box a to box b, straight or along its bend, cut at both borders, with the effect's arrow head
    at b."""
    if bend:
        start, via, end = borders.cut((a.x, a.y), control((a.x, a.y), (b.x, b.y), bend), (b.x, b.y), a, b)
        shape, before = f"M{start[0]:.1f},{start[1]:.1f} Q{via[0]:.1f},{via[1]:.1f} {end[0]:.1f},{end[1]:.1f}", via
    else:
        start = borders.clip((a.x, a.y), (a.width, a.height), (b.x, b.y))
        end = borders.clip((b.x, b.y), (b.width, b.height), (a.x, a.y))
        shape, before = f"M{start[0]:.1f},{start[1]:.1f} L{end[0]:.1f},{end[1]:.1f}", start
    dash = f' stroke-dasharray="{" ".join(map(str, style.STATUS_DASHES))}"' if dashed else ""
    head = _head(before, end, arrow, colour) if arrow else ""
    return f'<path d="{shape}" fill="none" stroke="{colour}" stroke-width="{4 if strong else 2}"{dash}/>{head}'


def _lines(box: Box, size: int, fg: str, ink: Ink) -> str:
    """A box's wrapped text, centred in it, one <tspan> per line."""
    step = size * LINE_HEIGHT
    top = box.y - len(box.lines) * step / 2
    spans = "".join(f'<tspan x="{box.x}" y="{top + (i + 0.78) * step:.1f}"{ink.face(line)}>{text(line)}</tspan>'
                    for i, line in enumerate(box.lines))
    return f'<text font-size="{size}" fill="{fg}" text-anchor="middle">{spans}</text>'


def _rect(box: Box, fill: str, stroke: str = "none", width: int = 0, dash: str = "", rx: int = 4) -> str:
    return (f'<rect x="{box.x - box.width / 2:.1f}" y="{box.y - box.height / 2:.1f}" width="{box.width}" '
            f'height="{box.height}" rx="{rx}" fill="{fill}" stroke="{stroke}" stroke-width="{width}"{dash}/>')


def _phrase(p: Phrase, rels: list[Relation], boxes: Mapping[str, Box], ink: Ink, strong: set[str]) -> str:
    """One phrase box with its segment in from the source and one out to each shown relation's target."""
    first, t = rels[0], ink.theme
    bend = dict(zip(["", *(k for k, _ in p.relations)], p.bends or (0.0,) * (len(p.relations) + 1), strict=True))
    parts = [_segment(boxes[p.source], p, t.effects[first.effect], first.key in strong, first.inferred, None,
                      bend[""])]
    parts += [_segment(p, boxes[r.target], t.effects[r.effect], r.key in strong, r.inferred, r.effect, bend[r.key])
              for r in rels]
    parts += [_rect(p, t.label_background, rx=3), _lines(p, EDGE_FONT, t.text, ink)]
    keys = " ".join(r.key for r in rels)
    return f'<g class="relation" data-id={attr(keys)}>' + "".join(parts) + "</g>"


def _concept(box: Box, g: style.GroupStyle, strong: bool, ink: Ink) -> str:
    dash = f' stroke-dasharray="{" ".join(map(str, g.dashes))}"' if g.dashes else ""
    frame = _rect(box, g.fill, g.border, g.width + (3 if strong else 0), dash)
    return f'<g class="concept" data-id={attr(box.id)}>' + frame + _lines(box, NODE_FONT, ink.theme.text, ink) + "</g>"


def _bounds(drawing: Drawing) -> tuple[float, float, float, float]:
    """The drawing's left, top, right and bottom edges."""
    boxes = [*drawing.concepts.values(), *drawing.phrases]
    xs = [b.x + s * b.width / 2 for b in boxes for s in (-1, 1)] or [0]
    ys = [b.y + s * b.height / 2 for b in boxes for s in (-1, 1)] or [0]
    return min(xs), min(ys), max(xs), max(ys)


Line = tuple[str, int, bool]  # one heading line: its text, font size and whether it is bold


def _heading(cmap: Map, step: int | None, width: float) -> list[Line]:
    """The visible heading, wrapped to `width`: the map's title and its focus question; on a slide, the map's
    title small, then 'Step 2 of 7: the step's title'."""
    def lines(words: str, size: int, bold: bool) -> list[Line]:
        return [(line, size, bold) for line in wrap(words, size, width / (legend.BOLD if bold else 1))]

    if step is None:
        focus = f"{style.FOCUS_LABEL} {isolate(cmap.focus_question)}" if cmap.focus_question else ""
        return lines(cmap.title, TITLE_FONT, True) + (lines(focus, SUBTITLE_FONT, False) if focus else [])
    slide = f"Step {step + 1} of {len(cmap.steps)}: {isolate(cmap.steps[step].title)}"
    return lines(cmap.title, SUBTITLE_FONT, False) + lines(slide, TITLE_FONT, True)


def _height(lines: list[Line]) -> float:
    return sum(size * LINE_HEIGHT for _, size, _ in lines) + HEADING_GAP


def _heading_svg(lines: list[Line], x: float, y: float, ink: Ink) -> str:
    out = []
    for line, size, bold in lines:
        weight = ' font-weight="bold"' if bold else ""
        out.append(f'<text class="title" x="{x:.0f}" y="{y + size * 0.95:.1f}" font-size="{size}"{weight}'
                   f'{ink.face(line)} fill="{ink.theme.text if bold else ink.theme.muted}">{text(line)}</text>')
        y += size * LINE_HEIGHT
    return "".join(out)


def _swatch(e: legend.Entry, x: float, mid: float, ink: Ink, groups: Mapping[str, style.GroupStyle]) -> str:
    """The sample before a legend entry's words, its middle at height `mid`: a group's box, an effect's line
    and arrow head, or a stated (solid) or inferred (dashed) line."""
    if e.kind == "group":
        g = groups[e.key]
        dash = f' stroke-dasharray="{" ".join(map(str, g.dashes))}"' if g.dashes else ""
        return (f'<rect x="{x + 2:.0f}" y="{mid - 8:.1f}" width="{legend.SWATCH - 4}" height="16" rx="3" '
                f'fill="{g.fill}" stroke="{g.border}" stroke-width="{min(g.width, 3)}"{dash}/>')
    colour = ink.theme.effects[e.key] if e.kind == "effect" else ink.theme.muted
    dash = f' stroke-dasharray="{" ".join(map(str, style.STATUS_DASHES))}"' if e.key == "inferred" else ""
    end = (x + legend.SWATCH - 2, mid)
    head = _head((x, mid), end, e.key, colour) if e.kind == "effect" else ""
    return (f'<path d="M{x:.0f},{mid:.1f} L{end[0]:.0f},{mid:.1f}" fill="none" stroke="{colour}" '
            f'stroke-width="2"{dash}/>{head}')


def _legend_svg(placed: list[legend.Placed], at: tuple[float, float], ink: Ink,
                groups: Mapping[str, style.GroupStyle]) -> str:
    """The legend's entries, from `at`: each a swatch, the effect's glyph in bold, and its words."""
    out = ['<g class="legend">']
    for p in placed:
        e, x, y = p.entry, at[0] + p.x, at[1] + p.y
        out.append(_swatch(e, x, y + legend.FONT * LINE_HEIGHT / 2, ink, groups))
        tx = x + legend.SWATCH + legend.GAP
        if e.glyph:
            out.append(f'<text x="{tx:.0f}" y="{y + legend.FONT * 0.95:.1f}" font-size="{legend.FONT}"'
                       f'{ink.face(e.glyph)} font-weight="bold" fill="{ink.theme.text}">{text(e.glyph)}</text>')
        spans = "".join(f'<tspan x="{tx + e.glyph_width:.0f}" y="{y + (i * LINE_HEIGHT + 0.95) * legend.FONT:.1f}"'
                        f'{ink.face(line)}>{text(line)}</tspan>' for i, line in enumerate(e.lines))
        out.append(f'<text class="legend-words" font-size="{legend.FONT}" fill="{ink.theme.text}">{spans}</text>')
    return "".join(out) + "</g>"


@dataclass(frozen=True)
class Frame:
    """Where everything goes: the viewBox, the heading's and the legend's top left corners."""

    x: float
    y: float
    width: float
    height: float
    heading: tuple[float, float]
    legend: tuple[float, float]


def _frame(cmap: Map, drawing: Drawing, parts: list[list[legend.Entry]], step: int | None) -> tuple[Frame, float]:
    """The frame (the same for every step of a map, so nothing moves from slide to slide) and the inner width."""
    left, top, right, bottom = _bounds(drawing)
    inner = max(right - left, MIN_WIDTH, legend.widest(parts))
    which = [None] if step is None else range(len(cmap.steps))
    head = max(_height(_heading(cmap, i, inner)) for i in which)
    _, legend_height = legend.layout(parts, inner)
    below = legend_height + MARGIN / 2 if parts else 0.0
    x0 = left - MARGIN - (inner - (right - left)) / 2
    y0 = top - MARGIN - head
    frame = Frame(x0, y0, inner + 2 * MARGIN, bottom - top + 2 * MARGIN + head + below, (x0 + MARGIN, y0 + MARGIN / 2),
                  (x0 + MARGIN, bottom + MARGIN))
    return frame, inner


def render_svg(cmap: Map, drawing: Drawing, step: int | None = None, theme: str = "light", inline: bool = False,
               cairo: bool = False, changes: bool = False) -> str:
    """The map, or what 0-based `step` shows, as a standalone SVG with a visible title (on a slide, the step's
    number and title), the legend of what the map uses, <title> and <desc>. `inline` leaves out ids (for a
    drawing inside an HTML page, which may hold several); `cairo` names a fallback font where the page's font
    lacks a character, for rasterising with Cairo (see Ink); `changes` draws a diff page's change groups in
    their own styles (style.group_styles)."""
    parts = legend.entries(cmap, drawing)
    return _render(cmap, drawing, step, theme, inline, cairo, parts, _frame(cmap, drawing, parts, step), changes)


def render_slides(cmap: Map, drawing: Drawing, theme: str = "light", cairo: bool = False) -> Iterator[str]:
    """Every step's slide, one at a time, as render_svg draws it; the frame they share is measured once."""
    if not cmap.steps:
        return
    parts = legend.entries(cmap, drawing)
    frame = _frame(cmap, drawing, parts, 0)
    for step in range(len(cmap.steps)):
        yield _render(cmap, drawing, step, theme, False, cairo, parts, frame)


def _render(cmap: Map, drawing: Drawing, step: int | None, theme: str, inline: bool, cairo: bool,
            parts: list[list[legend.Entry]], frame: tuple[Frame, float], changes: bool = False) -> str:
    t = style.THEME_STYLES[theme]
    ink = Ink(t, cairo)
    concepts, relations, strong = revealed(cmap, step)
    by_key = {r.key: r for r in cmap.relations}
    shown = [(p, [by_key[k] for k, _ in p.relations if k in relations]) for p in drawing.phrases]
    shown = [(p, rels) for p, rels in shown if rels]
    f, inner = frame
    groups = style.group_styles(cmap.groups, theme, changes)
    title = cmap.title if step is None else f"{cmap.title} \u2014 step {step + 1} of {len(cmap.steps)}: " \
        f"{cmap.steps[step].title}"
    desc = [cmap.focus_question or "", cmap.steps[step].narration if step is not None else ""]
    desc += [proposition(cmap, r) for r in cmap.relations if r.key in relations]
    box = f"{f.x:.0f} {f.y:.0f} {f.width:.0f} {f.height:.0f}"
    named = ("", "", "") if inline else (' role="img" aria-labelledby="t d"', ' id="t"', ' id="d"')
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{box}" width="{f.width:.0f}" height="{f.height:.0f}"'
        f'{named[0]} font-family="{FONT}">',
        f'<title{named[1]}>{text(title)}</title>',
        f'<desc{named[2]}>{text(" ".join(d for d in desc if d))}</desc>',
        f'<rect x="{f.x:.0f}" y="{f.y:.0f}" width="{f.width:.0f}" height="{f.height:.0f}" fill="{t.background}"/>',
        _heading_svg(_heading(cmap, step, inner), *f.heading, ink),
    ]
    out += [_phrase(p, rels, drawing.concepts, ink, strong) for p, rels in shown]
    for cid, c in cmap.concepts.items():
        if cid in concepts:
            g = groups[c.group] if c.group else style.ungrouped_style(theme)
            out.append(_concept(drawing.concepts[cid], g, cid in strong, ink))
    if parts:
        out.append(_legend_svg(legend.layout(parts, inner)[0], f.legend, ink, groups))
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
