"""Accessibility and themes in Chromium: axe-core finds nothing, projector text is large, print is clean."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import FIGURE, ROOT, Session

from graph.load import load_map

pytestmark = pytest.mark.browser
NAME = "interdependence"
AXE = ROOT / "tests" / "node_modules" / "axe-core" / "axe.min.js"
SMALLEST_TEXT = """() => {
  const sizes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || el.closest('script, style')) continue;
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || r.bottom < 0 || r.top > innerHeight) continue;
    if (getComputedStyle(el).visibility === 'hidden') continue;
    sizes.push([parseFloat(getComputedStyle(el).fontSize), node.textContent.trim().slice(0, 30)]);
  }
  return sizes.sort((a, b) => a[0] - b[0])[0];
}"""


def axe_violations(page: Any) -> list[tuple[str, list[str]]]:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing: run `npm ci --prefix tests` ({AXE})")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        "axe.run(document).then(r => r.violations.map(v => [v.id, v.nodes.map(n => n.target.join(' '))]))")
    return [(rule, targets) for rule, targets in found]


@pytest.mark.parametrize("suffix", ["", "?theme=dark", "?theme=projector", "#step=4", "?theme=projector#step=8"])
def test_axe_finds_no_violations(browser: Any, figure_page: Path, suffix: str):
    s = Session(browser, figure_page.as_uri(), bypass_csp=True)  # axe-core is injected as an inline script
    s.open(NAME, suffix)
    assert axe_violations(s.page) == []
    s.close()


def test_axe_with_the_panel_open(browser: Any, figure_page: Path):
    s = Session(browser, figure_page.as_uri(), bypass_csp=True)
    page = s.open(NAME)
    page.evaluate(f"conceptmap.maps['{NAME}'].showConcept('tolerance')")
    assert axe_violations(page) == []
    s.close()


def test_projector_text_is_at_least_18px_at_1280x720(browser: Any, figure_page: Path):
    for suffix in ("?theme=projector", "?theme=projector#step=5"):
        s = Session(browser, figure_page.as_uri())
        page = s.open(NAME, suffix)
        (ROOT / "tests" / ".artifacts").mkdir(exist_ok=True)
        page.screenshot(path=str(ROOT / "tests" / ".artifacts" / f"projector{'-step' if '#' in suffix else ''}.png"))
        size, sample = page.evaluate(SMALLEST_TEXT)
        assert size >= 18, f"{sample!r} is {size}px"
        scale = page.evaluate(f"conceptmap.maps['{NAME}'].network.getScale()")
        data = page.evaluate("JSON.parse(document.querySelector('.cm-data').textContent)")
        if "#" not in suffix:  # the first view is readable from the back; a step shows all it is about instead
            assert min(data["font"], data["edgeFont"]) * scale >= 18
        s.close()


def test_theme_follows_the_system_and_switches_in_the_page(browser: Any, figure_page: Path):
    s = Session(browser, figure_page.as_uri(), color_scheme="dark")
    page = s.open(NAME)
    root = page.locator(".cm")
    assert root.get_attribute("data-theme") == "dark"
    background = page.evaluate("getComputedStyle(document.querySelector('.cm')).backgroundColor")
    assert background == "rgb(21, 24, 28)"
    page.locator(".cm-theme").select_option("projector")
    assert root.get_attribute("data-theme") == "projector"
    page.emulate_media(color_scheme="light")
    page.locator(".cm-theme").select_option("auto")
    assert root.get_attribute("data-theme") == "light"
    s.close()


def test_build_theme_option_sets_the_default(browser: Any, tmp_path: Path):
    from graph.page.html import render_html

    page_file = tmp_path / f"{NAME}.html"
    page_file.write_text(render_html(load_map(FIGURE), theme="projector"), encoding="utf-8")
    s = Session(browser, page_file.as_uri())
    assert s.open(NAME).locator(".cm").get_attribute("data-theme") == "projector"
    s.close()


def test_reduced_motion_jumps_between_steps(browser: Any, figure_page: Path):
    s = Session(browser, figure_page.as_uri(), reduced_motion="reduce")
    page = s.open(NAME, "?theme=projector#step=1")
    page.keyboard.press("ArrowRight")
    now = page.evaluate(f"conceptmap.maps['{NAME}'].network.getViewPosition()")
    page.wait_for_timeout(500)
    assert page.evaluate(f"conceptmap.maps['{NAME}'].network.getViewPosition()") == now
    s.close()


def test_text_version_is_reachable_and_complete(browser: Any, figure_page: Path):
    cmap = load_map(FIGURE)
    s = Session(browser, figure_page.as_uri())
    page = s.open(NAME)
    page.locator(".cm-show-text").click()
    assert page.evaluate("document.activeElement.classList.contains('cm-text-title')")
    text = page.locator(".cm-text").text_content() or ""
    assert "Tolerance is the need for dose escalation (increases; stated)." in text
    assert "Opioid seeking (need for more opioids) aims at more exogenous opioids, continuous and long-term " \
           "(increases; inferred)." in text
    assert cmap.sources["ballantyne2012"].cite in text
    for c in cmap.concepts.values():
        assert c.definition in text
    s.close()


def test_print_gives_a_clean_handout(browser: Any, figure_page: Path):
    s = Session(browser, figure_page.as_uri())
    page = s.open(NAME)
    page.emulate_media(media="print")
    shown = page.evaluate("""() => Object.fromEntries(['.cm-toolbar', '.cm-main', '.cm-print', '.cm-legend-box',
        '.cm-text', '.cm-stage'].map(s => [s, getComputedStyle(document.querySelector(s)).display !== 'none']))""")
    assert shown == {".cm-toolbar": False, ".cm-main": False, ".cm-print": True, ".cm-legend-box": False,
                     ".cm-text": True, ".cm-stage": False}  # the vector drawing carries its own legend
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    s.close()


@pytest.mark.parametrize("name", ["interdependence", "opioid-use-disorder"])
def test_text_version_is_complete_with_javascript_off(browser: Any, name: str):
    """The text version comes in the page itself, worded by graph/text.py: it needs no script, nor a canvas."""
    from graph.analysis.loops import find_loops
    from graph.text import annotated, in_sentence

    cmap = load_map(ROOT / "concepts" / f"{name}.yaml")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((ROOT / "output" / f"{name}.html").as_uri())
    text = " ".join((page.locator(".cm-text").text_content() or "").split())
    assert page.locator("[data-cm-ready]").count() == 0  # no script ran
    for r in cmap.relations:
        assert " ".join(annotated(cmap, r).split()) in text
    for lp in find_loops(cmap):
        assert lp.name in text and in_sentence(lp.relations[-1].phrase) in text
    context.close()
