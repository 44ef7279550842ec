"""Fragments in a shadow root: a host page's ordinary CSS and strict policy change nothing of the maps in it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import FIGURE, MINIMAL, Session

from graph.load import load_map, parse_map
from graph.page.assets import csp, css, digest, shadow_js
from graph.page.html import render_html

pytestmark = pytest.mark.browser
HOST_URL = "http://host.test/"
# Rules an ordinary site has (a reset, type styles, form styles), a few naming the map's own classes, custom
# properties of the map's names, and inherited text properties on the root.
HOSTILE_CSS = """:root { --cm-fg: red; --cm-base: 30px; --cm-small: 9px; }
html { font: 20px/2.2 Georgia, serif; letter-spacing: 0.05em; word-spacing: 0.3em; color: #333; cursor: crosshair; }
body { text-align: justify; font-style: italic; font-weight: 300; text-shadow: 1px 1px 0 grey; }
*, *::before, *::after { box-sizing: content-box; }
img, svg, canvas, video { display: block; max-width: 100%; height: auto; }
div { line-height: 3; }
h2 { text-transform: uppercase; color: purple; font-size: 40px; margin: 2em 0; }
ul { margin: 2em; padding: 0 3em; }
ul li { color: green; list-style: square; padding: 6px; }
p { margin: 3em 0; }
select { width: 60px; }
button { all: unset; background: yellow; }
input { border: 5px solid orange; }
summary { color: red; }
details { border: 4px solid red; }
.cm-title, .cm-legend li { color: red !important; }
[data-conceptmap] button { font-size: 30px; }
"""
HEIGHT = '[data-conceptmap-fragment="small"] { --cm-height: 300px; }\n'  # the one setting a host may make
HOST = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<link rel="stylesheet" href="{css}">
<title>A host page</title></head>
<body><main><h1>Two maps on one page</h1>
<h2>An article heading</h2>
<ul><li>A list item of the host</li></ul>
{first}
<p>Some text between the maps.</p>
{second}
</main></body></html>
"""
# What the fragments need (their scripts' hashes), and nothing inline for styles: only the host's own sheets.
POLICY = f"default-src 'none'; {csp().split('; ')[1]}; style-src 'self'; img-src data:"
VIOLATIONS = ("document.addEventListener('securitypolicyviolation', "
              "e => (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI))")
PARTS = {"interdependence": (".cm-title", ".cm-focus", ".cm-legend-list li", ".cm-legend summary", ".cm-collapse",
                             ".cm-theme", ".cm-selfcheck", ".cm-present", ".cm-show-text", ".cm-search",
                             ".cm-text-title", ".cm-text-more summary", ".cm-text-key", ".cm-canvas canvas",
                             ".cm-swatch"),
         "small": (".cm-title", ".cm-legend-list li", ".cm-theme", ".cm-show-text", ".cm-text-title")}
STYLES = """([name, selectors]) => { const root = conceptmap.maps[name].root;
  return selectors.map(sel => { const s = getComputedStyle(root.querySelector(sel));
    return Object.fromEntries([...s].map(p => [p, s.getPropertyValue(p)])); }); }"""


def _pages(tmp_path: Path) -> None:
    first = render_html(load_map(FIGURE), mode="fragment")
    second = render_html(parse_map(MINIMAL.encode(), "small.yaml", "small"), mode="fragment")
    (tmp_path / "hostile.css").write_text(HOSTILE_CSS + HEIGHT, encoding="utf-8")
    (tmp_path / "plain.css").write_text(HEIGHT, encoding="utf-8")
    for name in ("hostile", "plain"):
        page = HOST.format(csp=POLICY, css=f"{name}.css", first=first, second=second)
        (tmp_path / f"{name}.html").write_text(page, encoding="utf-8")


def _open(browser: Any, tmp_path: Path, name: str, wait: bool = True, **context: Any) -> Session:
    """The host page `name`, served from http://host.test/ (so that style-src 'self' means its own sheet); with
    `wait`, once both maps are ready."""
    s = Session(browser, HOST_URL + f"{name}.html", **context)
    types = {"html": "text/html", "css": "text/css"}
    s.context.route(HOST_URL + "*", lambda route: route.fulfill(
        path=tmp_path / route.request.url.rsplit("/", 1)[1], content_type=types[route.request.url.rsplit(".", 1)[1]]))
    s.page.add_init_script(VIOLATIONS)
    s.page.goto(s.url)
    if wait and context.get("java_script_enabled", True):
        for m in PARTS:
            s.page.wait_for_selector(f'[data-conceptmap="{m}"][data-cm-ready]')
    return s


def _panel(page: Any, name: str) -> str | None:
    return page.locator(f'[data-conceptmap="{name}"] .cm-panel').get_attribute("data-shows")


def test_host_rules_change_no_style_in_the_fragments_under_a_strict_policy(browser: Any, tmp_path: Path):
    _pages(tmp_path)
    styles = {}
    for host in ("plain", "hostile"):
        s = _open(browser, tmp_path, host)
        styles[host] = {m: s.page.evaluate(STYLES, [m, list(sel)]) for m, sel in PARTS.items()}
        assert s.page.evaluate("window.__csp || []") == []
        if host == "hostile":  # ... while the host's own elements do take its rules
            assert s.page.evaluate("getComputedStyle(document.querySelector('h2')).textTransform") == "uppercase"
            assert s.page.evaluate("getComputedStyle(document.querySelector('ul li')).color") == "rgb(0, 128, 0)"
        s.close()
    for m, selectors in PARTS.items():
        for sel, plain, hostile in zip(selectors, styles["plain"][m], styles["hostile"][m], strict=True):
            differ = sorted(p for p in plain.keys() | hostile.keys() if plain.get(p) != hostile.get(p))
            assert differ == [], f"{m} {sel}: the host's rules changed {differ}"


def test_each_fragment_takes_its_own_clicks_drags_keys_and_search(browser: Any, tmp_path: Path):
    _pages(tmp_path)
    s = _open(browser, tmp_path, "hostile")
    page = s.page
    assert page.evaluate("Object.keys(conceptmap.maps).sort()") == ["interdependence", "small"]
    assert page.evaluate("conceptmap.maps.small.network.getScale() > 0")  # the automation hook
    height = "conceptmap.maps[%r].root.querySelector('.cm-view').getBoundingClientRect().height"
    assert page.evaluate(height % "small") == 300 and page.evaluate(height % "interdependence") == 0.8 * 720
    page.locator('[data-conceptmap="interdependence"] .cm-canvas').scroll_into_view_if_needed()
    page.mouse.click(*s.point("interdependence", "tolerance"))
    assert _panel(page, "interdependence") == "concept:tolerance"
    assert page.locator('[data-conceptmap="small"] .cm-panel').is_hidden()
    page.locator('[data-conceptmap="small"] .cm-canvas').scroll_into_view_if_needed()
    page.mouse.click(*s.point("small", "mood"))
    assert _panel(page, "small") == "concept:mood" and _panel(page, "interdependence") == "concept:tolerance"
    # A drag moves the concept by what the pointer moved, in the map's scale.
    where = "conceptmap.maps.small.network.getPositions(['pain']).pain"
    before, scale = page.evaluate(where), page.evaluate("conceptmap.maps.small.network.getScale()")
    x, y = s.point("small", "pain")
    page.wait_for_timeout(100)  # vis-network takes a press within 50 ms of the last one for that one (a double tap)
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, 11):
        page.mouse.move(x + 6 * i, y + 4 * i)
    page.mouse.up()
    after = page.evaluate(where)
    assert (round((after["x"] - before["x"]) * scale), round((after["y"] - before["y"]) * scale)) == (60, 40)
    # Keys: a concept's button and Enter; Esc closes; then the find box.
    page.evaluate("conceptmap.maps.interdependence.focusConcept('pain')")
    page.keyboard.press("Enter")
    assert _panel(page, "interdependence") == "concept:pain"
    page.keyboard.press("Escape")
    assert page.locator('[data-conceptmap="interdependence"] .cm-panel').is_hidden()
    search = page.locator('[data-conceptmap="interdependence"] .cm-search')
    search.fill("withdr")
    page.locator('[data-conceptmap="interdependence"] .cm-results button').first.click()
    assert _panel(page, "interdependence") == "concept:withdrawal_symptoms"
    focused = "conceptmap.maps.interdependence.root.getRootNode().activeElement.getAttribute('data-id')"
    assert page.evaluate(focused) == "withdrawal_symptoms"
    # Presenting: P with the focus in the map, the arrows step on; the other map stays as it was.
    page.keyboard.press("p")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("conceptmap.maps.interdependence.present.index()") == 1
    assert page.locator('[data-conceptmap="interdependence"] .cm-stage').is_visible()
    assert not page.evaluate("!!conceptmap.maps.small.presenting")
    page.locator('[data-conceptmap="interdependence"] .cm-fullscreen').click()  # the view, from its shadow root
    page.wait_for_function("conceptmap.maps.interdependence.root.getRootNode().fullscreenElement !== null")
    view = "conceptmap.maps.interdependence.root.getRootNode().fullscreenElement"
    assert page.evaluate(f"{view}.className") == "cm-view"
    assert page.evaluate(f"getComputedStyle({view}).backgroundColor") == "rgb(255, 255, 255)"  # not black
    assert page.evaluate("window.__csp || []") == []
    s.close()


def test_without_script_a_fragment_shows_its_text_version_and_no_dead_controls(browser: Any, tmp_path: Path):
    _pages(tmp_path)
    s = _open(browser, tmp_path, "hostile", java_script_enabled=False)
    page = s.page
    root = page.locator('[data-conceptmap="interdependence"]')
    assert root.locator(".cm-view").is_hidden() and root.locator(".cm-text-title").is_visible()
    root.locator(".cm-text-more summary").click()  # a details element: it opens without script
    item = root.locator(".cm-text-body li").first
    assert item.is_visible() and "(interdependent; stated)" in (item.text_content() or "")
    # Declarative shadow DOM: the host's rules reach none of it (only inherited text properties come in).
    color = page.evaluate("""() => { const r = document.querySelector('[data-conceptmap-fragment=interdependence]')
      .shadowRoot; return [getComputedStyle(r.querySelector('.cm-text-body li')).color,
                           getComputedStyle(r.querySelector('.cm-text-title')).textTransform]; }""")
    assert color == ["rgb(51, 51, 51)", "none"]
    assert page.evaluate("window.__csp || []") == []
    s.close()


def test_a_fragment_inserted_by_script_gets_its_shadow_root(browser: Any, tmp_path: Path):
    """Hosts that swap HTML in (innerHTML, then re-created script elements, as htmx and Turbo do) get no
    declarative shadow root from the parser: the boot script makes it."""
    fragment = render_html(parse_map(MINIMAL.encode(), "small.yaml", "small"), mode="fragment")
    page_file = tmp_path / "swap.html"
    page_file.write_text("<!DOCTYPE html><title>swap</title><style>ul li { color: green; }</style>"
                         "<div id=slot></div>", encoding="utf-8")
    s = Session(browser, page_file.as_uri())
    page = s.page
    page.goto(s.url)
    page.evaluate("""(html) => { const slot = document.getElementById('slot'); slot.innerHTML = html;
      slot.querySelectorAll('script:not([type])').forEach(old => { const run = document.createElement('script');
        run.textContent = old.textContent; old.replaceWith(run); }); }""", fragment)
    page.wait_for_selector('[data-conceptmap="small"][data-cm-ready]')
    assert page.evaluate("!!document.querySelector('[data-conceptmap-fragment]').shadowRoot") is True
    assert page.evaluate("document.querySelectorAll('#slot template, #slot .cm').length") == 0
    li = "getComputedStyle(conceptmap.maps.small.root.querySelector('.cm-legend-list li')).color"
    assert page.evaluate(li) != "rgb(0, 128, 0)"
    page.mouse.click(*s.point("small", "pain"))
    assert _panel(page, "small") == "concept:pain"
    parser = "declarative Shadow DOM is not being parsed"  # Chromium's note on the host's innerHTML, not ours
    s.errors = [e for e in s.errors if parser not in e]
    s.close()


def test_the_fragment_markup_carries_no_inline_style():
    """No style element and no style attribute anywhere: a host's style-src need not allow anything for it."""
    html = re.sub(r"<script>.*?</script>", "", render_html(load_map(FIGURE), mode="fragment"), flags=re.S)
    assert "<style" not in html and " style=" not in html
    assert html.count('<template shadowrootmode="open">') == 1
    assert "</script" not in css().lower() and "<!--" not in css()  # it travels in a script data block


def test_axe_finds_nothing_in_two_fragments_on_a_hostile_host(browser: Any, tmp_path: Path):
    """axe-core walks into open shadow roots: the maps keep their names, roles and contrast on any host."""
    from test_a11y import axe_violations

    _pages(tmp_path)
    s = _open(browser, tmp_path, "hostile", bypass_csp=True)  # axe-core is injected as an inline script
    assert axe_violations(s.page) == []
    s.close()


def test_the_map_is_styled_as_the_parser_reads_it(browser: Any, tmp_path: Path):
    """The script at the top of the view adopts the stylesheet while the fragment is read, so the map is laid out
    at its size from the first paint and nothing moves when the page script comes. Here it never comes: the
    host's policy allows only that first script."""
    first = render_html(load_map(FIGURE), mode="fragment")
    policy = f"default-src 'none'; script-src {digest(shadow_js())}; style-src 'self'"
    (tmp_path / "hostile.css").write_text(HOSTILE_CSS, encoding="utf-8")
    (tmp_path / "early.html").write_text(HOST.format(csp=policy, css="hostile.css", first=first, second=""),
                                         encoding="utf-8")
    s = _open(browser, tmp_path, "early", wait=False)
    page = s.page
    assert page.evaluate("!(window.conceptmap && window.conceptmap.mount)")  # the page script was refused
    root = page.locator('[data-conceptmap="interdependence"]')
    box = root.locator(".cm-view").bounding_box()
    assert box is not None and box["height"] == 0.8 * 720  # its full height, from the start
    title = root.locator(".cm-title").evaluate("el => [getComputedStyle(el).fontSize, getComputedStyle(el).color]")
    assert title == ["21.6px", "rgb(17, 17, 17)"]  # the map's own look, not the host's
    refused = page.evaluate("window.__csp")
    assert len(refused) == 2 and all(r.startswith("script-src") for r in refused)  # vis-network and the page script
    s.errors = []  # the browser's console lines about the two refused scripts
    s.close()
