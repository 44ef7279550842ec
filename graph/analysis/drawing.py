"""The drawing model: concept boxes and phrase boxes with their sizes, and the segments that join them."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.analysis.measure import measure
from graph.text import phrase_text

if TYPE_CHECKING:
    import networkx as nx

NODE_FONT = 20
EDGE_FONT = 15
LABEL_WIDTH = 170  # concept labels wrap at this width
EDGE_LABEL_WIDTH = 150  # linking phrases wrap at this width
CONCEPT_MARGIN = 10
PHRASE_MARGIN = 3
DEFAULT_EFFECT = "produces"
Point = tuple[int, int]
Centre = tuple[float, float]
PIECES = 12  # a bent line is tested, and measured, as this many straight pieces


@dataclass(frozen=True)
class Box:
    """A box on the drawing: its centre, its size and its text, wrapped into lines."""

    id: str
    x: int
    y: int
    width: int
    height: int
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Phrase(Box):
    """A linking phrase drawn once for one source: a segment in from `source`, one out to each relation's target."""

    source: str = ""
    relations: tuple[tuple[str, str], ...] = ()  # (relation key, target concept)
    bends: tuple[float, ...] = ()  # each line's bend (analysis/bend.py), in from the source then out: () if none


@dataclass(frozen=True)
class Drawing:
    """Everything every output draws: concept boxes by id and phrase boxes, all positioned."""

    concepts: Mapping[str, Box]
    phrases: tuple[Phrase, ...]

    @property
    def positions(self) -> dict[str, Point]:
        """Concept centres by id."""
        return {cid: (b.x, b.y) for cid, b in self.concepts.items()}

    glyphs: bool = False  # whether phrase boxes carry effect glyphs (see uses_glyphs)

    def phrase_of(self) -> dict[str, Phrase]:
        """The phrase box of each relation key."""
        return {key: p for p in self.phrases for key, _ in p.relations}


def segments(phrases: Iterable[Phrase]) -> list[tuple[str, str]]:
    """Every drawn segment as (from, to) box ids: each source to its phrase, then each phrase to its targets."""
    return [(u, v) for u, v, _ in lines(phrases)]


def lines(phrases: Iterable[Phrase]) -> list[tuple[str, str, float]]:
    """Every drawn segment as (from, to, bend): each source to its phrase, then each phrase to its targets."""
    phrases = list(phrases)
    return ([(p.source, p.id, p.bends[0] if p.bends else 0.0) for p in phrases]
            + [(p.id, t, p.bends[1 + k] if p.bends else 0.0) for p in phrases for k, (_, t) in enumerate(p.relations)])


def turn(bend: float) -> tuple[float, float, float]:
    """vis-network's control point for a curved edge, as a reach and a turn of the chord: the control point is
    the start plus reach * (the chord turned by the angle whose cosine and sine these are)."""
    reach, angle = 0.5 * abs(bend) + 0.5, math.copysign(abs(bend) * math.pi / 2, bend)
    return reach, math.cos(angle), math.sin(angle)


def control(a: Centre, b: Centre, bend: float) -> Centre:
    """The control point vis-network draws the quadratic curve of a bent line from a to b through."""
    reach, cos, sin = turn(bend)
    dx, dy = b[0] - a[0], b[1] - a[1]
    return a[0] + reach * (dx * cos + dy * sin), a[1] + reach * (dy * cos - dx * sin)


def path(a: Centre, b: Centre, bend: float) -> list[Centre]:
    """The line from a to b as drawn: its two ends, or PIECES straight pieces along its curve."""
    if not bend:
        return [a, b]
    c = control(a, b, bend)
    ts = [k / PIECES for k in range(PIECES + 1)]
    return [((1 - t) ** 2 * a[0] + 2 * (1 - t) * t * c[0] + t * t * b[0],
             (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * c[1] + t * t * b[1]) for t in ts]


def uses_glyphs(g: nx.MultiDiGraph) -> bool:
    """Effect glyphs are drawn only when the map uses an effect other than the default."""
    return any(effect != DEFAULT_EFFECT for _, _, effect in g.edges(data="effect"))


def concept_box(cid: str, label: str, at: Point = (0, 0)) -> Box:
    """A concept's box, measured in the page's font."""
    m = measure(label, NODE_FONT, LABEL_WIDTH, CONCEPT_MARGIN)
    return Box(cid, at[0], at[1], m.width, m.height, m.lines)


def phrase_boxes(g: nx.MultiDiGraph) -> list[Phrase]:
    """One phrase box per (source, phrase, effect, inferred), in the graph's order; ids '~p1', '~p2', ...
    A relation from a concept to itself gets a box of its own."""
    glyphs = uses_glyphs(g)
    boxes: list[Phrase] = []
    index: dict[tuple[object, ...], int] = {}
    for u, v, key, d in g.edges(keys=True, data=True):
        group = (u, d["phrase"], d["effect"], d["inferred"]) if u != v else (u, key)
        if group in index:
            i = index[group]
            boxes[i] = Phrase(**{**vars(boxes[i]), "relations": (*boxes[i].relations, (key, v))})
            continue
        m = measure(phrase_text(d["phrase"], d["effect"], d["inferred"], glyphs), EDGE_FONT, EDGE_LABEL_WIDTH,
                    PHRASE_MARGIN)
        index[group] = len(boxes)
        boxes.append(Phrase(f"~p{len(boxes) + 1}", 0, 0, m.width, m.height, m.lines, u, ((key, v),)))
    return boxes
