"""Embedding in Chromium: two fragments on one page under a strict CSP, shared assets, Mermaid's own parser."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import FIGURE, MINIMAL, ROOT, Session

from graph.export.mermaid import write_mermaid
from graph.load import load_map, parse_map
from graph.page.assets import SHARED_VIS, csp, vis_js
from graph.page.html import render_html

pytestmark = pytest.mark.browser
MERMAID = ROOT / "tests" / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
HOST = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<title>Two maps</title></head>
<body><h1>Two maps on one page</h1>
{first}
<p>Some text between the maps.</p>
{second}
</body></html>
"""
VIOLATIONS = ("document.addEventListener('securitypolicyviolation', "
              "e => (window.__csp = window.__csp || []).push(e.violatedDirective))")


def _host(tmp_path: Path) -> Path:
    small = parse_map(MINIMAL.encode(), "small.yaml", "small")
    first = render_html(load_map(FIGURE), mode="fragment")
    second = render_html(small, mode="fragment")
    page = tmp_path / "host.html"
    page.write_text(HOST.format(csp=csp(), first=first, second=second), encoding="utf-8")
    return page


def test_two_fragments_work_side_by_side_under_the_documented_csp(browser: Any, tmp_path: Path):
    s = Session(browser, _host(tmp_path).as_uri())
    s.page.add_init_script(VIOLATIONS)
    page = s.page
    page.goto(s.url)
    page.wait_for_selector('[data-conceptmap="interdependence"][data-cm-ready]')
    page.wait_for_selector('[data-conceptmap="small"][data-cm-ready]')
    assert page.evaluate("Object.keys(conceptmap.maps).sort()") == ["interdependence", "small"]
    # Hover and click in the first map; the second one's tooltip and panel stay untouched.
    page.mouse.move(*s.point("interdependence", "tolerance"))
    page.locator('[data-conceptmap="interdependence"] .cm-tooltip').wait_for(state="visible")
    assert page.locator('[data-conceptmap="small"] .cm-tooltip').is_hidden()
    page.mouse.click(*s.point("interdependence", "tolerance"))
    assert page.locator('[data-conceptmap="interdependence"] .cm-panel').get_attribute("data-shows") == \
        "concept:tolerance"
    assert page.locator('[data-conceptmap="small"] .cm-panel').is_hidden()
    # ... and the other way round.
    page.locator('[data-conceptmap="small"]').scroll_into_view_if_needed()
    page.mouse.click(*s.point("small", "mood"))
    assert page.locator('[data-conceptmap="small"] .cm-panel').get_attribute("data-shows") == "concept:mood"
    assert page.locator('[data-conceptmap="interdependence"] .cm-panel').get_attribute("data-shows") == \
        "concept:tolerance"
    concepts = "conceptmap.maps.small.nodes.getIds().filter(id => conceptmap.maps.small.concept(id)).length"
    assert page.evaluate(concepts) == 2
    assert page.evaluate("window.__csp || []") == []
    s.close()


def test_fragments_add_no_page_globals_but_the_registry(browser: Any, tmp_path: Path):
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><title>blank</title><p>x</p>", encoding="utf-8")
    keys = []
    for page_file in (blank, _host(tmp_path)):
        s = Session(browser, page_file.as_uri())
        s.page.goto(s.url)
        keys.append(set(s.page.evaluate("Object.keys(window)")))
        s.close()
    assert keys[1] - keys[0] == {"conceptmap"}
    assert not any(s for s in keys[1] if s == "vis")


def test_shared_assets_page_loads_vis_network_from_beside_it(browser: Any, tmp_path: Path):
    (tmp_path / SHARED_VIS).write_text(vis_js(), encoding="utf-8")
    page_file = tmp_path / "interdependence.html"
    page_file.write_text(render_html(load_map(FIGURE), assets_mode="shared"), encoding="utf-8")
    s = Session(browser, page_file.as_uri(), allow=((tmp_path / SHARED_VIS).as_uri(),))
    s.page.add_init_script(VIOLATIONS)
    s.open("interdependence")
    assert s.page.evaluate("conceptmap.maps.interdependence.data.concepts.length") == len(load_map(FIGURE).concepts)
    assert s.page.evaluate("conceptmap.maps.interdependence.nodes.length") == len(load_map(FIGURE).concepts) + len(
        s.page.evaluate("conceptmap.maps.interdependence.data.phrases"))
    assert s.page.evaluate("window.__csp || []") == []
    s.close()


def test_embed_mode_hides_the_chrome(browser: Any, figure_page: Path):
    s = Session(browser, figure_page.as_uri())
    page = s.open("interdependence", "?embed=1")
    assert page.locator(".cm-header").is_hidden() and page.locator(".cm-text").is_hidden()
    assert page.locator(".cm-canvas").is_visible()
    s.close()


@pytest.mark.parametrize("path", [FIGURE, ROOT / "tests" / "golden" / "tricky.yaml"], ids=lambda p: p.stem)
def test_mermaid_renders_the_flowchart_with_text_kept_literal(browser: Any, tmp_path: Path, path: Path):
    if not MERMAID.exists():
        pytest.fail(f"mermaid is missing: run `npm ci --prefix tests` ({MERMAID})")
    cmap = load_map(path)
    page_file = tmp_path / "mermaid.html"
    page_file.write_text("<!DOCTYPE html><title>mermaid</title><div id=out></div>", encoding="utf-8")
    s = Session(browser, page_file.as_uri())
    page = s.page
    page.goto(s.url)
    page.add_script_tag(content=MERMAID.read_text(encoding="utf-8"))
    page.evaluate("() => { window.__alerted = false; window.alert = () => { window.__alerted = true; }; }")
    svg = page.evaluate("""async (text) => {
      mermaid.initialize({startOnLoad: false, securityLevel: 'strict'});  // as GitHub renders it
      const {svg} = await mermaid.render('m', text);
      document.getElementById('out').innerHTML = svg;
      return svg;
    }""", write_mermaid(cmap))
    assert svg.startswith("<svg")
    shown = page.evaluate("[...document.querySelectorAll('#out .nodeLabel, #out .edgeLabel, #out text')]"
                          ".map(e => e.textContent).join('|')")
    squashed = "".join(shown.split())
    for c in cmap.concepts.values():
        assert "".join(c.label.split()) in squashed, c.label
    for r in cmap.relations:
        assert "".join(r.phrase.split()) in squashed, r.phrase
    assert page.evaluate("window.__alerted") is False
    assert page.evaluate("document.querySelectorAll('#out script, #out b, #out i').length") == 0
    assert json.dumps(shown)  # rendered text is plain text
    s.close()


HOSTILE_HOST = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<title>A host app</title></head>
<body>
<div id="conceptmap">The host's own element with id "conceptmap"</div>
<form name="conceptmap"><input name="mount"><input name="maps"><input name="features"><input name="version"></form>
<div class="cm-editor"><div class="cm-scroller">
<div class="cm-content" contenteditable="true"><div class="cm-line">notes</div></div></div>
<div class="cm-tooltip cm-tooltip-autocomplete"><ul><li>completion</li></ul></div>
<div class="cm-panels cm-panels-bottom">
<div class="cm-panel cm-search"><p></p><button>next</button><select></select><input></div></div>
<div class="cm-view"><main class="cm-main"><a href="#/x">link</a></main></div>
</div>
<p>Some text of the host.</p>
{fragment}
</body></html>
"""
HOST_STYLE = """() => [...document.querySelectorAll('body *')]
  .filter(el => !el.closest('[data-conceptmap-fragment]') && !['SCRIPT', 'STYLE'].includes(el.tagName))
  .map(el => { const s = getComputedStyle(el); return el.tagName + '.' + el.className + ' ' +
    [...s].map(p => p + ':' + s.getPropertyValue(p)).join(';'); })"""


def _hostile_host(tmp_path: Path, with_map: bool = True) -> Path:
    cmap = load_map(FIGURE)
    page = tmp_path / ("host.html" if with_map else "bare.html")
    fragment = render_html(cmap, mode="fragment") if with_map else ""
    page.write_text(HOSTILE_HOST.format(csp=csp(), fragment=fragment), encoding="utf-8")
    return page


def _state(page: Any) -> dict[str, Any]:
    return page.evaluate("""() => { const m = conceptmap.maps.interdependence;
      return {presenting: !!m.presenting, step: m.present.index(), hash: location.hash,
              editor: document.querySelector('.cm-content').textContent.replace(/\u00a0/g, ' ')}; }""")


def test_a_host_element_named_conceptmap_cannot_clobber_the_registry(browser: Any, tmp_path: Path):
    s = Session(browser, _hostile_host(tmp_path).as_uri())
    s.page.add_init_script(VIOLATIONS)
    page = s.open("interdependence")
    assert page.evaluate("Object.keys(conceptmap.maps)") == ["interdependence"]
    assert page.evaluate("conceptmap.maps.interdependence.network.getScale() > 0")  # the automation hook
    assert page.evaluate("typeof conceptmap.mount === 'function' && conceptmap.version === 1")
    assert page.evaluate("document.getElementById('conceptmap').textContent").startswith("The host's own")
    page.evaluate("window.conceptmap = document.getElementById('conceptmap')")  # a host script cannot either
    assert page.evaluate("typeof window.conceptmap.maps.interdependence.showConcept") == "function"
    assert page.evaluate("window.__csp || []") == []
    s.close()


def test_keys_typed_in_a_host_editor_never_reach_the_map(browser: Any, tmp_path: Path):
    s = Session(browser, _hostile_host(tmp_path).as_uri() + "#/notes/7")
    page = s.open("interdependence", "")
    editor = page.locator(".cm-content")
    editor.click()
    page.keyboard.type(" p P ")
    assert _state(page) == {"presenting": False, "step": -1, "hash": "#/notes/7", "editor": "notes p P "}
    page.locator('[data-conceptmap="interdependence"] .cm-present').click()  # the teacher starts the show
    assert _state(page)["presenting"] and _state(page)["step"] == 0
    page.keyboard.press("ArrowRight")  # the focus is in the map: the keys drive it
    assert _state(page)["step"] == 1
    editor.click()
    page.keyboard.type("p q")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Escape")
    assert _state(page) == {"presenting": True, "step": 1, "hash": "#/notes/7", "editor": "notes p P p q"}
    page.locator("body").click(position={"x": 5, "y": 5})  # focus outside the map and outside any editor
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Escape")
    assert _state(page)["step"] == 1 and _state(page)["presenting"]
    s.close()


def test_presenting_a_fragment_leaves_the_host_hash_route_alone(browser: Any, tmp_path: Path):
    s = Session(browser, _hostile_host(tmp_path).as_uri() + "#/notes/7")
    page = s.open("interdependence", "")
    length = page.evaluate("history.length")
    page.locator('[data-conceptmap="interdependence"] .cm-present').click()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert _state(page)["step"] == 3 and _state(page)["hash"] == "#/notes/7"
    page.keyboard.press("Escape")  # leaves the presentation, and the host's route stays
    assert not _state(page)["presenting"] and _state(page)["hash"] == "#/notes/7"
    page.evaluate("location.hash = '#step=3'")  # the host's route, not a request to present
    page.wait_for_function("location.hash === '#step=3'")
    page.evaluate("new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))")
    assert not _state(page)["presenting"]
    assert page.evaluate("history.length") == length + 1  # only the host's own navigation
    s.close()


def test_a_fragment_reads_nothing_from_the_host_url(browser: Any, tmp_path: Path):
    s = Session(browser, _hostile_host(tmp_path).as_uri())
    page = s.open("interdependence", "?embed=1&theme=dark&text=30#step=2")
    root = page.locator('[data-conceptmap="interdependence"]')
    assert root.get_attribute("data-embed") is None and root.get_attribute("data-theme") != "dark"
    assert not _state(page)["presenting"]
    s.close()


def test_the_map_stylesheet_restyles_nothing_of_the_host(browser: Any, tmp_path: Path):
    styles = []
    for with_map in (False, True):
        s = Session(browser, _hostile_host(tmp_path, with_map).as_uri())
        s.page.goto(s.url)
        if with_map:
            s.page.wait_for_selector('[data-conceptmap="interdependence"][data-cm-ready]')
        styles.append(s.page.evaluate(HOST_STYLE))
        s.close()
    bare, hosted = styles
    assert len(bare) == len(hosted) > 10
    changed = [b.split(" ")[0] for b, h in zip(bare, hosted, strict=True) if b != h]
    assert changed == [], f"the map's stylesheet restyled host elements: {changed}"


def test_the_iframe_snippet_keeps_its_size_under_a_strict_host_policy(browser: Any, tmp_path: Path):
    """A host whose policy allows only its own stylesheets ('self'): the snippet's class and rules still apply."""
    from graph.page.embed import FRAME_CSS, iframe_snippet

    cmap = load_map(FIGURE)
    (tmp_path / "interdependence.html").write_text(render_html(cmap), encoding="utf-8")
    (tmp_path / "host.css").write_text("body { width: 960px; }\n" + FRAME_CSS + "\n", encoding="utf-8")
    (tmp_path / "host.html").write_text(
        "<!doctype html><html><head><meta charset='utf-8'><meta http-equiv='Content-Security-Policy' "
        "content=\"default-src 'self'; style-src 'self'\"><link rel='stylesheet' href='host.css'></head><body>"
        + iframe_snippet(cmap, "interdependence.html") + "</body></html>", encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    types = {".html": "text/html", ".css": "text/css"}
    context.route("http://host.test/**", lambda route: route.fulfill(
        path=tmp_path / route.request.url.rsplit("/", 1)[1], content_type=types[Path(route.request.url).suffix]))
    page = context.new_page()
    page.goto("http://host.test/host.html")
    page.frame_locator("iframe").locator("[data-cm-ready]").wait_for()
    box = page.locator("iframe").bounding_box()
    assert box is not None and (round(box["width"]), round(box["height"])) == (960, 540)  # not 300x150
    context.close()


def test_a_fragment_keeps_its_text_version_folded_until_asked(browser: Any, tmp_path: Path):
    s = Session(browser, _host(tmp_path).as_uri())
    page = s.page
    page.goto(s.url)
    root = page.locator('[data-conceptmap="interdependence"]')
    page.wait_for_selector('[data-conceptmap="interdependence"][data-cm-ready]')
    body = root.locator(".cm-text-body")
    assert root.locator(".cm-text-title").is_visible() and body.is_hidden()
    assert "31 propositions" in (root.locator(".cm-text-more summary").text_content() or "")
    root.locator(".cm-show-text").click()
    assert body.is_visible()
    focused = "conceptmap.maps.interdependence.root.getRootNode().activeElement.classList.contains('cm-text-title')"
    assert page.evaluate(focused)
    s.close()
