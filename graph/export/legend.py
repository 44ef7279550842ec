"""The static drawing's legend: the groups, effects and line styles a map uses, laid out in rows under it."""

from __future__ import annotations

from dataclasses import dataclass

from graph import style
from graph.analysis.drawing import Drawing
from graph.analysis.measure import LINE_HEIGHT, covered, text_width, wrap
from graph.model import Map
from graph.text import line_styles

FONT = 16
SWATCH = 36  # the sample line or box before an entry's words
GAP = 8  # from the swatch to the words
SPACE = 28  # between two entries of a row
ROW_GAP = 8  # between two rows
LONGEST = 360  # px: longer words wrap
BOLD = 1.12  # bold text is at most this much wider than regular, in the page's font


@dataclass(frozen=True)
class Entry:
    """One legend entry: what it explains ('group', 'effect' or 'status'), its key, and its words in lines.
    An effect's glyph is kept apart (`glyph`), drawn bold before the words, as the page's legend does."""

    kind: str
    key: str
    lines: tuple[str, ...]
    glyph: str = ""

    @property
    def glyph_width(self) -> float:
        """The bold glyph's room; a glyph the page's font lacks is drawn by a wider fallback font."""
        return text_width(self.glyph, FONT) * BOLD + (4 if self.glyph else 0) + (0 if covered(self.glyph) else 6)

    @property
    def width(self) -> float:
        return SWATCH + GAP + self.glyph_width + max(text_width(line, FONT) for line in self.lines)

    @property
    def height(self) -> float:
        return len(self.lines) * FONT * LINE_HEIGHT


def _entry(kind: str, key: str, words: str, glyph: str = "") -> Entry:
    return Entry(kind, key, tuple(wrap(words, FONT, LONGEST)), glyph)


def entries(cmap: Map, drawing: Drawing) -> list[list[Entry]]:
    """The legend's parts, each starting a new row: the groups; then the effects used (only when the drawing
    shows effect glyphs, as the page does) and the two line styles (only when some relation is inferred), in
    graph/text.py's words."""
    groups = [_entry("group", g.id, g.label) for g in cmap.groups.values()]
    used = {r.effect for r in cmap.relations}
    effects = [_entry("effect", name, name, f"({e.glyph})") for name, e in style.EFFECTS.items()
               if drawing.glyphs and name in used]
    status = [_entry("status", key, words) for key, words in line_styles(cmap)]
    return [part for part in (groups, effects + status) if part]


@dataclass(frozen=True)
class Placed:
    """An entry at its place: the top left corner of its row slot."""

    entry: Entry
    x: float
    y: float


def layout(parts: list[list[Entry]], width: float) -> tuple[list[Placed], float]:
    """Entries in rows no wider than `width` px (an entry wider than that gets a row of its own), from (0, 0);
    and the height the rows take."""
    placed: list[Placed] = []
    y = 0.0
    for part in parts:
        x, row = 0.0, 0.0
        for e in part:
            if x and x + e.width > width:
                x, y, row = 0.0, y + row + ROW_GAP, 0.0
            placed.append(Placed(e, x, y))
            x, row = x + e.width + SPACE, max(row, e.height)
        y += row + ROW_GAP
    return placed, max(y - ROW_GAP, 0.0)


def widest(parts: list[list[Entry]]) -> float:
    """The widest entry, in px: the legend needs at least this width."""
    return max((e.width for part in parts for e in part), default=0.0)
