"""Printing in Chromium: the page prints its vector drawing fitted to one sheet, never the canvas, the toolbar or
the Collapse buttons; very large maps print the canvas instead."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import Session

from graph.load import parse_map
from graph.page import html
from graph.page.html import render_html

pytestmark = pytest.mark.browser
NAME = "interdependence"
SHOWN = """sels => Object.fromEntries(sels.map(sel => [sel,
  [...document.querySelectorAll(sel)].some(e => e.checkVisibility() && e.getClientRects().length > 0)]))"""
PARTS = [".cm-print svg", ".cm-canvas", ".cm-toolbar", ".cm-collapse", ".cm-header", ".cm-legend", ".cm-text"]


def _pages(pdf: bytes) -> list[str]:
    """The orientation of each page of a PDF, in order."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    return ["landscape" if float(b[2]) > float(b[3]) else "portrait" for b in boxes]


def _page(tmp_path: Path, yaml: str, name: str = "m") -> Path:
    path = tmp_path / f"{name}.html"
    path.write_text(render_html(parse_map(yaml.encode(), f"{name}.yaml", name)), encoding="utf-8")
    return path


def test_print_shows_the_vector_drawing_and_not_the_canvas_or_controls(browser: Any, figure_page: Path):
    for viewport in ({"width": 1280, "height": 720}, {"width": 1024, "height": 768}):
        s = Session(browser, figure_page.as_uri(), viewport=viewport)
        page = s.open(NAME)
        assert page.evaluate(SHOWN, PARTS)[".cm-print svg"] is False  # on screen: the canvas only
        page.emulate_media(media="print")
        assert page.evaluate(SHOWN, PARTS) == {
            ".cm-print svg": True, ".cm-canvas": False, ".cm-toolbar": False, ".cm-collapse": False,
            ".cm-header": False, ".cm-legend": False, ".cm-text": True}
        # The drawing fills the width of the paper and no more than its height.
        figure = page.evaluate("(() => { const r = document.querySelector('.cm-print svg').getBoundingClientRect();"
                               " return [r.width, r.height, document.documentElement.clientWidth, innerHeight]; })()")
        width, height, paper, tall = figure
        assert width == pytest.approx(paper, abs=1) and height <= tall
        assert page.locator(".cm-print").get_attribute("aria-hidden") == "true"  # the text version speaks instead
        s.close()


def test_a_wide_map_prints_on_one_landscape_sheet_and_its_text_in_portrait(browser: Any, tmp_path: Path):
    path = _page(tmp_path, """conceptmap: 1
title: Wide
focus_question: How does A lead to D?
concepts:
  a: {label: A, position: [0, 0]}
  b: {label: B, position: [400, 0]}
  c: {label: C, position: [800, 0]}
  d: {label: D, position: [1200, 0]}
relations:
  - {from: a, to: b, phrase: raises, effect: increases}
  - {from: b, to: c, phrase: lowers, effect: decreases}
  - {from: c, to: d, phrase: makes}
""")
    s = Session(browser, path.as_uri())
    page = s.open("m")
    assert page.locator(".cm-view").get_attribute("data-print") == "landscape"
    page.emulate_media(media="print")
    assert _pages(page.pdf(prefer_css_page_size=True)) == ["landscape", "portrait"]
    s.close()


def test_a_tall_map_prints_on_one_portrait_sheet(browser: Any, tmp_path: Path):
    chain = "\n".join(f"  - {{from: c{i}, to: c{i + 1}, phrase: leads to}}" for i in range(7))
    concepts = ", ".join(f"c{i}: {{label: Concept {i}, position: [0, {200 * i}]}}" for i in range(8))
    path = _page(tmp_path, f"conceptmap: 1\ntitle: Tall\nconcepts: {{{concepts}}}\nrelations:\n{chain}\n")
    s = Session(browser, path.as_uri())
    page = s.open("m")
    assert page.locator(".cm-view").get_attribute("data-print") == "portrait"
    page.emulate_media(media="print")
    assert _pages(page.pdf(prefer_css_page_size=True)) == ["portrait", "portrait"]
    s.close()


def test_maps_over_the_limit_print_the_canvas(browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(html, "PRINT_LIMIT", 1)
    path = _page(tmp_path, "conceptmap: 1\ntitle: Two\nconcepts: {a: {label: A}, b: {label: B}}\n"
                           "relations:\n  - {from: a, to: b, phrase: makes}\n")
    assert "cm-print" not in path.read_text().split("<style>")[0] + path.read_text().split("</style>")[1]
    s = Session(browser, path.as_uri())
    page = s.open("m")
    page.emulate_media(media="print")
    shown = page.evaluate(SHOWN, PARTS)
    assert shown[".cm-canvas"] and shown[".cm-header"] and not shown[".cm-print svg"] and not shown[".cm-toolbar"]
    s.close()
