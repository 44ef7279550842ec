"""Visual encoding shared by every drawing: a colour-blind-safe palette, shapes and line styles."""

from __future__ import annotations

from dataclasses import dataclass

# Okabe & Ito's colour-blind-safe palette: (border, fill). Fills are light tints so dark text keeps 4.5:1.
PALETTE = (
    ("#0072B2", "#D6EAF8"),  # blue
    ("#D55E00", "#FBE3D3"),  # vermillion
    ("#009E73", "#D3F2E8"),  # bluish green
    ("#CC79A7", "#F6E2EE"),  # reddish purple
    ("#8A6D00", "#FBF5C8"),  # yellow (darkened border)
    ("#56B4E9", "#E1F2FC"),  # sky blue
    ("#E69F00", "#FDF0D2"),  # orange
)
# Border patterns (vis borderDashes; SVG stroke-dasharray), so a group never differs by colour alone.
BORDERS: tuple[tuple[int, ...], ...] = ((), (7, 4), (2, 3), (12, 4, 2, 4))
TEXT_COLOUR = "#111111"
UNGROUPED = ("#555555", "#FFFFFF")


@dataclass(frozen=True)
class GroupStyle:
    """How one group's concepts are drawn: border colour, fill, border pattern and width."""

    border: str
    fill: str
    dashes: tuple[int, ...]
    width: int


@dataclass(frozen=True)
class EffectStyle:
    """How one effect's relations are drawn: colour, arrow head and glyph."""

    colour: str
    arrow: str
    glyph: str
    meaning: str


EFFECTS = {
    "increases": EffectStyle("#B34700", "arrow", "+", "more of the source gives more of the target"),
    "decreases": EffectStyle("#005A8C", "bar", "\u2212", "more of the source gives less of the target"),
    "produces": EffectStyle("#333333", "vee", "→", "the source brings the target about"),
    "defines": EffectStyle("#9E4C7C", "diamond", "≡", "the source is part of what the target is"),
    "interdependent": EffectStyle("#00704F", "circle", "⇄", "each shapes the other"),
}


def group_style(index: int) -> GroupStyle:
    """The style of the group at `index`: colour and border pattern both change from one group to the next."""
    border, fill = PALETTE[index % len(PALETTE)]
    dashes = BORDERS[index % len(BORDERS)]
    width = 2 if (index // len(BORDERS)) % 2 == 0 else 4
    return GroupStyle(border, fill, dashes, width)


def ungrouped_style() -> GroupStyle:
    """Concepts outside any group: white boxes with a grey border."""
    return GroupStyle(UNGROUPED[0], UNGROUPED[1], (), 1)
