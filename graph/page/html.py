"""Export the interactive page: one self-contained HTML file from our own autoescaping Jinja template."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from graph import __version__, style
from graph.analysis.build import build_graph
from graph.analysis.drawing import CONCEPT_MARGIN, EDGE_FONT, NODE_FONT, PHRASE_MARGIN, Drawing
from graph.analysis.layout import compute_layout
from graph.analysis.loops import Loop, find_loops
from graph.analysis.measure import FONT_FACE, wrap
from graph.model import Map
from graph.page import assets
from graph.text import (
    check_legend,
    check_words,
    line_styles,
    loop_line,
    proposition,
    provenance,
    text_alternative,
    unchecked_note,
)

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value: Any) -> Markup:
    """JSON that is safe inside a <script> element: no '</script>', no comment openers, no line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _JSON_ESCAPES.items():
        text = text.replace(char, escape)
    return Markup(text)


LARGE_MAP = 600  # from this many concepts: labels only when zoomed in, no per-concept buttons
TEXT_PART = 40  # concepts a part of the text version holds: a page lays out only the parts near the screen
PRINT_LIMIT = 300  # up to this many concepts the page carries the vector drawing for print (about 1.1 kB a
# concept); larger maps print the canvas, as one sheet could not show them readably anyway


def _compact(item: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty and default values: the page data stays small for maps of thousands of concepts."""
    return {k: v for k, v in item.items() if not (v is None or v is False or v == [] or v == "")}


def _evidence(ev: Any) -> dict[str, str] | None:
    return None if ev is None else {"source": ev.source, "quote": ev.quote or ""}


def _theme_data(cmap: Map, theme: str, changes: bool) -> dict[str, Any]:
    t = style.THEME_STYLES[theme]
    return {
        "groups": {g: vars(s) for g, s in style.group_styles(cmap.groups, theme, changes).items()},
        "ungrouped": vars(style.ungrouped_style(theme)), "effects": t.effects, "text": t.text,
        "labelBackground": t.label_background, "edgeFont": t.edge_font, "minScale": t.min_scale,
    }


def _phrases(drawing: Drawing) -> list[dict[str, Any]]:
    out = []
    for p in drawing.phrases:
        item = {"id": p.id, "x": p.x, "y": p.y, "w": p.width, "h": p.height, "text": "\n".join(p.lines),
                "from": p.source, "relations": [k for k, _ in p.relations], "to": [t for _, t in p.relations]}
        if p.bends:  # each line's bend, in from the source and then out (analysis/bend.py)
            item["bend"] = list(p.bends)
        out.append(item)
    return out


def page_data(cmap: Map, drawing: Drawing, loops: tuple[Loop, ...], changes: Mapping[str, str] | None = None,
              sentences: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Everything the page script needs, compact: styles live once per group, effect and theme; every box is
    where the layout put it, at the size it measured. `changes` (a diff page's) gives relations the id of the
    group whose colour and line pattern draw them instead of their effect's. `sentences`: the propositions by
    relation key, when the caller has them already."""
    diff, changes = changes is not None, changes or {}
    sentences = sentences or {r.key: proposition(cmap, r) for r in cmap.relations}
    boxes, phrase_of = drawing.concepts, drawing.phrase_of()
    return {
        "name": cmap.name,
        "title": cmap.title,
        "sources": {s.id: {"cite": s.cite, "url": s.url} for s in cmap.sources.values()},
        "groups": [{"id": g.id, "label": g.label} for g in cmap.groups.values()],
        "glyphs": drawing.glyphs,
        "effects": {k: vars(v) for k, v in style.EFFECTS.items()},
        "themes": {name: _theme_data(cmap, name, diff) for name in style.THEMES},
        "font": NODE_FONT,
        "edgeFont": EDGE_FONT,
        "fontFace": FONT_FACE,
        "conceptMargin": CONCEPT_MARGIN,
        "phraseMargin": PHRASE_MARGIN,
        "description": cmap.description,
        "largeMap": LARGE_MAP,
        "textSizeRange": list(style.TEXT_SIZE_RANGE),
        "concepts": [_compact({
            "id": c.id, "label": c.label, "definition": c.definition, "group": c.group, "sources": list(c.sources),
            "evidence": _evidence(c.evidence), "note": c.note, "x": boxes[c.id].x, "y": boxes[c.id].y,
            "w": boxes[c.id].width, "h": boxes[c.id].height, "text": "\n".join(boxes[c.id].lines)})
            for c in cmap.concepts.values()],
        "phrases": _phrases(drawing),
        # Every sentence is worded by graph/text.py; "phrase" names the relation's phrase box.
        "relations": [_compact({
            "id": r.key, "from": r.source, "to": r.target, "words": r.phrase, "phrase": phrase_of[r.key].id,
            "sentence": sentences[r.key],
            "bare": "\n".join(wrap(r.phrase, EDGE_FONT, phrase_of[r.key].width - 2 * PHRASE_MARGIN)),
            "effect": r.effect, "inferred": r.inferred, "status": provenance(cmap, r),
            "evidence": _evidence(r.evidence), "note": r.note, "change": changes.get(r.key),
            "check": check_words(cmap, r), "mark": cmap.checks.mark(r.key) if cmap.checks else ""})
            for r in cmap.relations],
        "statusWords": style.STATUS_WORDS,
        "loops": [_compact({
            "name": lp.name, "kind": lp.kind, "inferred": lp.inferred, "named": lp.named, "description": lp.description,
            "relations": [r.key for r in lp.relations]}) for lp in loops],
        "perspectives": [_compact({
            "id": v.id, "label": v.label, "description": v.description, "show": list(v.show), "hide": list(v.hide),
            "emphasise": list(v.emphasise)}) for v in cmap.perspectives.values()],
        "selfcheck": _compact({"concepts": list(cmap.selfcheck.concepts),
                               "relations": list(cmap.selfcheck.relations)}) if cmap.selfcheck else None,
        "steps": [
            {"title": s.title, "narration": s.narration, "notes": s.notes, "concepts": list(s.concepts),
             "relations": list(s.relations), "highlight": list(s.highlight)}
            for s in cmap.steps
        ],
    }


def print_figure(cmap: Map, drawing: Drawing, changes: bool = False) -> tuple[Markup, str] | None:
    """The whole-map SVG that the page prints instead of its canvas, with the paper orientation that fits it
    best (landscape for a drawing wider than tall); None for maps over PRINT_LIMIT concepts."""
    if len(cmap.concepts) > PRINT_LIMIT:
        return None
    from graph.export.svg import render_svg  # only maps that print their drawing need it

    svg = render_svg(cmap, drawing, theme="light", inline=True, changes=changes)
    size = re.search(r'width="(\d+)" height="(\d+)"', svg)
    width, height = (int(size.group(1)), int(size.group(2))) if size else (0, 0)
    return Markup(svg), "landscape" if width > height else "portrait"  # render_svg escapes all user text


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("graph.page", "templates"), autoescape=True,
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
    )


MODES = ("page", "fragment")
ASSETS = ("inline", "shared")


def page_digest(cmap: Map, texts: str | None = None) -> str:
    """What a page depends on of its input: the map file's bytes, and the source texts its checks read (their
    digest, `texts`, or the one its checks carry)."""
    if texts is None and cmap.checks is not None:
        texts = cmap.checks.digest
    return cmap.digest if texts is None else f"{cmap.digest}|{texts}"


def source_key(digest: str, theme: str, mode: str, assets_mode: str,
               text_size: int = style.DEFAULT_TEXT_SIZE) -> str:
    """What an output depends on: the map file's bytes (their sha256), the tool (its version and its assets) and
    the build options."""
    tool = f"{__version__}|{assets.fingerprint()}"
    return hashlib.sha256(f"{digest}|{tool}|{theme}|{mode}|{assets_mode}|{text_size}".encode()).hexdigest()


def render_html(cmap: Map, drawing: Drawing | None = None, theme: str = "auto", mode: str = "page",
                assets_mode: str = "inline", text_size: int = style.DEFAULT_TEXT_SIZE,
                changes: Mapping[str, str] | None = None) -> str:
    """The whole page (or a paste-in fragment) for a map; the drawing defaults to the deterministic layout.
    `changes` maps relation keys to group ids that style them (see page_data): the diff page's."""
    for value, choices in ((theme, style.PAGE_THEMES), (mode, MODES), (assets_mode, ASSETS)):
        if value not in choices:
            raise ValueError(f"unknown option {value!r}; use one of {', '.join(choices)}")
    low, high = style.TEXT_SIZE_RANGE
    if not low <= text_size <= high:
        raise ValueError(f"text size {text_size} px is out of range; use {low} to {high}")
    if drawing is None:
        drawing = compute_layout(build_graph(cmap))
    shared = assets_mode == "shared"
    loops = find_loops(cmap)
    sentences = {r.key: proposition(cmap, r) for r in cmap.relations}  # worded once, for the data and the text
    data = page_data(cmap, drawing, loops, changes, sentences)
    printed = print_figure(cmap, drawing, changes is not None)
    return _environment().get_template(f"{mode}.html.j2").render(
        map=cmap, theme=theme, glyphs=data["glyphs"], used_effects={r.effect for r in cmap.relations},
        themes=style.PAGE_THEMES, groups=list(cmap.groups.values()), effects=style.EFFECTS,
        line_styles=line_styles(cmap), focus_label=style.FOCUS_LABEL,
        print_svg=printed[0] if printed else None, print_orientation=printed[1] if printed else None,
        data=script_json(data), mode=mode, has_loops=bool(data["loops"]),
        heading="h1" if mode == "page" else "h2", main="main" if mode == "page" else "div",
        shared=shared, shared_vis=assets.SHARED_VIS, vis_js=Markup(assets.vis_js()), app_js=Markup(assets.app_js()),
        shadow_js=Markup(assets.shadow_js()),
        css=Markup(assets.css()), csp=Markup(assets.csp(shared)),
        check_legend=check_legend(cmap), unchecked_note=unchecked_note(cmap),
        checked=bool(cmap.checks and cmap.checks.read),
        source_key=source_key(page_digest(cmap), theme, mode, assets_mode, text_size),
        text_size=text_size, text_sizes=style.text_sizes(text_size), text_version=text_alternative(cmap, sentences),
        text_part=TEXT_PART,
        loop_lines=[loop_line(lp.name, lp.sentence(cmap), lp.description) for lp in loops],
    )
