"""Visual encoding shared by every drawing: themes, a colour-blind-safe palette, border patterns, line styles."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

# Okabe & Ito's colour-blind-safe hues: (strong, light tint, dark tint). Text on the tints keeps 4.5:1 or more.
PALETTE = (
    ("#0072B2", "#D6EAF8", "#0B2F47"),  # blue
    ("#D55E00", "#FBE3D3", "#4A2207"),  # vermillion
    ("#009E73", "#D3F2E8", "#07392B"),  # bluish green
    ("#CC79A7", "#F6E2EE", "#45253A"),  # reddish purple
    ("#8A6D00", "#FBF5C8", "#3A3000"),  # yellow (darkened)
    ("#56B4E9", "#E1F2FC", "#123449"),  # sky blue
    ("#E69F00", "#FDF0D2", "#463000"),  # orange
)
# Border patterns (vis borderDashes; SVG stroke-dasharray), so a group never differs by colour alone.
BORDERS: tuple[tuple[int, ...], ...] = ((), (7, 4), (2, 3), (12, 4, 2, 4))
THEMES = ("light", "dark", "projector")
PAGE_THEMES = ("auto", *THEMES)  # a page may also follow the system: prefers-color-scheme
# The smallest concept text (px on screen) the camera shows a whole map at; below it, a readable part.
TEXT_SIZES = {12: "Normal", 16: "Large", 20: "Larger", 28: "Largest"}
DEFAULT_TEXT_SIZE = 12
TEXT_SIZE_RANGE = (8, 48)


def text_sizes(chosen: int) -> list[tuple[int, str]]:
    """The text-size choices a page offers, with the build's own size among them."""
    sizes = {**TEXT_SIZES, **({} if chosen in TEXT_SIZES else {chosen: f"{chosen} px"})}
    return [(px, f"{name} ({px} px)" if not name.endswith("px") else name) for px, name in sorted(sizes.items())]


@dataclass(frozen=True)
class GroupStyle:
    """How one group's concepts are drawn: border colour, fill, border pattern and width."""

    border: str
    fill: str
    dashes: tuple[int, ...]
    width: int


@dataclass(frozen=True)
class EffectStyle:
    """How one effect's relations are drawn: arrow head, glyph and meaning (colours come from the theme)."""

    arrow: str
    glyph: str
    meaning: str


@dataclass(frozen=True)
class Theme:
    """Colours and sizes of one theme, for the page, the legend and the static images."""

    name: str
    background: str
    text: str
    muted: str
    label_background: str
    effects: dict[str, str]
    min_scale: float  # the page never zooms out further: projector text stays large
    edge_font: int
    line: str  # the page's rules and control borders
    panel: str  # the background of the page's panels and dialogs
    accent: str  # links and pressed controls
    focus: str  # the focus ring


EFFECTS = {
    "increases": EffectStyle("arrow", "+", "more of the source gives more of the target"),
    "decreases": EffectStyle("bar", "\u2212", "more of the source gives less of the target"),
    "produces": EffectStyle("vee", "\u2192", "the source brings the target about"),
    "defines": EffectStyle("diamond", "\u2261", "the source is part of what the target is"),
    "interdependent": EffectStyle("circle", "\u21c4", "each shapes the other"),
}
# Words every output shares: where a relation comes from (graph/text.py provenance), the legend's two line
# styles, the focus question's label. A relation is "stated" only with evidence or the map's one source behind it.
STATUS_WORDS = {"stated": "stated by the source", "unsourced": "no source given",
                "inferred": "inferred (our reading, not stated)"}
STATUS_SHORT = {"stated": "stated", "unsourced": "no source given", "inferred": "inferred"}  # in brackets
FOCUS_LABEL = "Focus question:"
# Each relation's quote checked against its source's text when the map was built (graph/check/quotes.py): the kind of
# check, the status it reports (verified, unverified, inferred or nothing to check), the words of the panel, the
# words in the text version's brackets ("" adds none: "inferred" is said there already) and the mark drawn on its
# line: a sign, not a colour (the inferred line's mark is its dashes).
CHECK_STATUS = {"verified": "verified", "not-found": "unverified", "no-text": "unverified", "inferred": "inferred",
                "no-quote": "none"}
CHECK_WORDS = {"verified": "Verified: the quote is in the source's text.",
               "not-found": "Unverified: the quote was not found in the source's text.",
               "no-text": "Unverified: the source's text was not available to check the quote against.",
               "inferred": "Inferred: our reading, not stated by the source, so no quote is checked.",
               "no-quote": "Not verified: there is no quote to check."}
CHECK_SHORT = {"verified": "quote verified", "not-found": "quote not found in the source",
               "no-text": "quote not checked", "inferred": "", "no-quote": "no quote"}
CHECK_MARKS = {"verified": "\u2713", "not-found": "?", "no-text": "?"}
CHECK_LEGEND = {"verified": "quote verified in its source", "unverified": "quote not verified"}
UNCHECKED_NOTE = ("The quotes were not checked against their sources: no source's text was available when this "
                  "page was built.")
STATUS_DASHES = (8, 6)  # the inferred line's pattern in the static drawings
_LIGHT_EFFECTS = {"increases": "#B34700", "decreases": "#005A8C", "produces": "#333333", "defines": "#9E4C7C",
                  "interdependent": "#00704F"}
_DARK_EFFECTS = {"increases": "#FF9E59", "decreases": "#7CC4F5", "produces": "#D9D9D9", "defines": "#F0A6D0",
                 "interdependent": "#5FD3A8"}
THEME_STYLES = {
    "light": Theme("light", "#FFFFFF", "#111111", "#444444", "rgba(255,255,255,0.92)", _LIGHT_EFFECTS, 0.0, 15,
                   line="#767676", panel="#FFFFFF", accent="#0057A3", focus="#0057A3"),
    "dark": Theme("dark", "#15181C", "#F2F2F2", "#C8C8C8", "rgba(21,24,28,0.92)", _DARK_EFFECTS, 0.0, 15,
                  line="#8A8F96", panel="#20242A", accent="#8CC8FF", focus="#FFD166"),
    "projector": Theme("projector", "#FFFFFF", "#000000", "#222222", "rgba(255,255,255,0.96)",
                       {k: "#000000" if k == "produces" else v for k, v in _LIGHT_EFFECTS.items()}, 1.2, 15,
                       line="#000000", panel="#FFFFFF", accent="#003D73", focus="#000000"),
}
PAPER = replace(THEME_STYLES["light"], name="paper", text="#000000")  # print is light, whatever the screen's theme
_ROOT = ".cm[data-conceptmap]"


def _custom_properties(t: Theme) -> str:
    return (f"--cm-fg: {t.text}; --cm-bg: {t.background}; --cm-muted: {t.muted}; --cm-line: {t.line}; "
            f"--cm-panel: {t.panel}; --cm-accent: {t.accent}; --cm-focus: {t.focus};")


def theme_css() -> str:
    """The page stylesheet's theme colours, as custom properties made from THEME_STYLES (page.css uses them and
    holds none of its own): light by default, each other theme under its data-theme, and paper in print."""
    rules = [f"{_ROOT} {{ {_custom_properties(THEME_STYLES['light'])} }}"]
    rules += [f'{_ROOT}[data-theme="{name}"] {{ {_custom_properties(t)} }}' for name, t in THEME_STYLES.items()
              if name != "light"]
    rules.append(f"@media print {{ {_ROOT}, {_ROOT}[data-theme] {{ {_custom_properties(PAPER)} }} }}")
    return "\n".join(rules) + "\n"


def group_style(index: int, theme: str = "light") -> GroupStyle:
    """The style of the group at `index`: colour and border pattern both change from one group to the next."""
    strong, light, dark = PALETTE[index % len(PALETTE)]
    dashes = BORDERS[index % len(BORDERS)]
    width = 2 if (index // len(BORDERS)) % 2 == 0 else 4
    if theme == "dark":
        return GroupStyle(strong, dark, dashes, width)
    if theme == "projector":
        return GroupStyle(strong, light, dashes, width + 1)
    return GroupStyle(strong, light, dashes, width)


def ungrouped_style(theme: str = "light") -> GroupStyle:
    """Concepts outside any group: plain boxes with a grey border."""
    return GroupStyle("#8A8A8A", "#20242A", (), 1) if theme == "dark" else GroupStyle("#555555", "#FFFFFF", (), 1)


# The diff page's groups: added, removed and changed concepts and propositions, each with its own colour, line
# pattern and a heavier line, so that no change is told by colour alone or mistaken for an unchanged relation
# (solid, or dashed 8 6 when inferred).
CHANGE_STYLES = {"added": ("#009E73", (), 4), "removed": ("#D55E00", (12, 4, 2, 4), 4),
                 "changed": ("#0072B2", (2, 3), 4)}


def change_style(kind: str, theme: str = "light") -> GroupStyle:
    """How the diff page draws one kind of change (see CHANGE_STYLES), in a theme's fill."""
    border, dashes, width = CHANGE_STYLES[kind]
    index = [p[0] for p in PALETTE].index(border)
    fill = PALETTE[index][2] if theme == "dark" else PALETTE[index][1]
    return GroupStyle(border, fill, dashes, width + (1 if theme == "projector" else 0))


def group_styles(groups: Iterable[str], theme: str = "light", changes: bool = False) -> dict[str, GroupStyle]:
    """Each group's style by id, in map order; with `changes` (the diff page), its change groups' styles."""
    return {g: change_style(g, theme) if changes and g in CHANGE_STYLES else group_style(i, theme)
            for i, g in enumerate(groups)}
