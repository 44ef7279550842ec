"""Text measurement in the page's font (Arial metrics): word wrapping and box sizes, the same for every output."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from graph.analysis.metrics_table import RANGES, UNITS

# The page and the SVG draw text in an Arial-metric font, so the boxes measured here fit what is drawn.
FONT_FACE = "Arial, 'Liberation Sans', Arimo, Helvetica, sans-serif"
LINE_HEIGHT = 1.2  # times the font size
_FALLBACK = 0.62  # em: a character this font lacks, drawn by some other font (an upper bound for Latin-like text)
_WIDE = 1.0  # em: East Asian wide and full-width characters


@cache
def _table() -> dict[int, int]:
    return {lo + i: w for lo, widths in RANGES for i, w in enumerate(widths) if w >= 0}


@cache
def _em(char: str) -> float:
    """The advance of one character in em."""
    width = _table().get(ord(char))
    if width is not None:
        return width / UNITS
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0
    return _WIDE if unicodedata.east_asian_width(char) in ("W", "F") else _FALLBACK


def covered(text: str) -> bool:
    """Whether the page's font has every character of `text` (others are drawn by some fallback font)."""
    return all(ord(c) in _table() or c.isspace() for c in text)


def text_width(text: str, size: float) -> float:
    """The width in px of one line of `text` at `size` px (kerning left out, so never an underestimate)."""
    return sum(_em(c) for c in text) * size


@lru_cache(maxsize=1 << 16)
def _word_em(word: str) -> float:
    """The width of a word in em (added up in the same order as text_width, so a line measures the same)."""
    return sum(_em(c) for c in word)


def wrap(text: str, size: float, width: float) -> list[str]:
    """Split text into lines at spaces so that each line fits `width` px; a longer single word keeps its own line."""
    lines: list[str] = []
    current, em, space = "", 0.0, _em(" ")
    for word in text.split():
        trial = em + space + _word_em(word) if current else _word_em(word)
        if current and trial * size > width:
            lines.append(current)
            current, em = word, _word_em(word)
        else:
            current, em = (f"{current} {word}" if current else word), trial
    lines.append(current)
    return lines


@dataclass(frozen=True)
class Measured:
    """A wrapped label and the size of the box around it (margin included)."""

    lines: tuple[str, ...]
    width: int
    height: int


def measure(text: str, size: float, width: float, margin: float) -> Measured:
    """Wrap `text` at `width` px and size its box, `margin` px on every side, rounded up to whole px."""
    lines = wrap(text, size, width)
    w = max(text_width(line, size) for line in lines) + 2 * margin
    h = len(lines) * size * LINE_HEIGHT + 2 * margin
    return Measured(tuple(lines), int(-(-w // 1)), int(-(-h // 1)))
