"""The page exporter: self-contained, deterministic, and user text never becomes markup."""

from __future__ import annotations

import json
import re

from conftest import FIGURE

from graph.load import load_map, parse_map
from graph.page.html import render_html, script_json
from graph.page.vis import vis_network_js

HOSTILE = """conceptmap: 1
title: "</title><script>alert(1)</script>"
focus_question: "<img src=x onerror=alert(2)>"
sources: {s: {cite: "</script><script>alert(3)</script>", url: "https://x.org/?a=1&b=<2>"}}
groups: {g: {label: "<b onmouseover=alert(4)>g</b>"}}
concepts:
  a: {label: "\\"><svg onload=alert(5)>", definition: "{{ 7*7 }} ${x} \\u2028 </SCRIPT>", group: g}
  b: {label: B}
relations:
  - {from: a, to: b, phrase: "<!-- x", evidence: {source: s, quote: "</script>"}}
"""


def test_script_json_escapes_everything_that_could_end_a_script():
    text = str(script_json({"k": "</script><!-- \u2028\u2029 & > '"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"k": "</script><!-- \u2028\u2029 & > '"}


def test_hostile_text_is_escaped_in_markup_and_data():
    page = render_html(parse_map(HOSTILE.encode()))
    assert "<script>alert" not in page and "<img src=x" not in page and "<svg onload" not in page
    assert "<b onmouseover" not in page
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # three script elements (data, vis-network, page script); vis-network's own text holds a "<script" string
    assert page.count("<script") == 3 + vis_network_js().count("<script")
    assert "<!--" not in vis_network_js()
    data = re.search(r'<script type="application/json" class="cm-data">(.*?)</script>', page, re.S)
    assert data is not None
    parsed = json.loads(data.group(1))
    assert parsed["concepts"][0]["label"] == '"><svg onload=alert(5)>'
    assert parsed["sources"]["s"]["cite"] == "</script><script>alert(3)</script>"


def test_page_is_self_contained():
    page = render_html(load_map(FIGURE))
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)
    assert "@import" not in page
    assert "vis-network" in page and "9.1.2" in page


def test_page_is_deterministic():
    cmap = load_map(FIGURE)
    assert render_html(cmap) == render_html(load_map(FIGURE))


def test_theme_colours_come_from_style_into_the_stylesheet():
    import re

    from graph.page.assets import asset, css
    from graph.style import PAPER, THEME_STYLES

    assert not re.search(r"#[0-9a-fA-F]{3,8}\b", asset("page.css"))  # no colour of its own (shadows are black)
    sheet = css()
    for name, theme in THEME_STYLES.items():
        selector = ".cm[data-conceptmap]" + ("" if name == "light" else f'[data-theme="{name}"]')
        rule = re.search(re.escape(selector) + r" \{([^}]*)\}", sheet)
        assert rule is not None, name
        for prop, value in (("fg", theme.text), ("bg", theme.background), ("muted", theme.muted),
                            ("line", theme.line), ("panel", theme.panel), ("accent", theme.accent)):
            assert f"--cm-{prop}: {value};" in rule.group(1), (name, prop)
    assert f"--cm-fg: {PAPER.text};" in sheet.split("@media print", 1)[1]
