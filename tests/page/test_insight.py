"""Loops, paths, perspectives and the self-check in Chromium, by keyboard where a student would use it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, Session
from test_a11y import axe_violations

from graph.analysis.loops import find_loops
from graph.load import load_map
from graph.page.html import render_html

pytestmark = pytest.mark.browser
EXTENDED = ROOT / "concepts" / "opioid-use-disorder.yaml"
ARTIFACTS = ROOT / "tests" / ".artifacts"


@pytest.fixture(scope="module")
def extended_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("extended") / "opioid-use-disorder.html"
    path.write_text(render_html(load_map(EXTENDED)), encoding="utf-8")
    return path


def test_selecting_a_loop_highlights_it_and_reads_it_out(browser: Any, figure_page: Path):
    cmap = load_map(ROOT / "concepts" / "interdependence.yaml")
    loop = next(lp for lp in find_loops(cmap) if lp.name.startswith("L3, withdrawal and seeking, through dep"))
    s = Session(browser, figure_page.as_uri())
    page = s.open("interdependence")
    page.locator(".cm-loops").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name=loop.name, exact=False).first.focus()
    page.keyboard.press("Enter")
    panel = page.locator(".cm-panel")
    assert panel.get_attribute("data-shows").startswith("loop:")
    assert page.evaluate("conceptmap.maps.interdependence.highlighted") == sorted(
        {r.key for r in loop.relations} | set(loop.concepts))
    dim = page.evaluate("""() => { const m = conceptmap.maps.interdependence;
      return m.nodes.get().filter(n => n.opacity < 1 && m.concept(n.id)).map(n => n.id).sort(); }""")
    assert dim == sorted(set(cmap.concepts) - set(loop.concepts))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "loop.png"))
    text = panel.text_content() or ""
    assert "reinforcing" in text and "relies on an inferred link" in text
    for r in loop.relations:
        assert f"{cmap.concepts[r.source].label} {r.phrase}" in text
    page.keyboard.press("Escape")
    # nothing is dimmed: an item that was never dimmed has no opacity of its own (vis-network draws it opaque)
    assert page.evaluate("conceptmap.maps.interdependence.nodes.get().every(n => (n.opacity ?? 1) === 1)")
    s.close()


def test_path_explainer(browser: Any, figure_page: Path):
    s = Session(browser, figure_page.as_uri())
    page = s.open("interdependence")
    page.locator(".cm-path").click()
    selects = page.locator(".cm-panel select")
    selects.nth(0).select_option("stress")
    selects.nth(1).select_option("addiction")
    page.locator(".cm-explain").press("Enter")
    text = page.locator(".cm-panel").text_content() or ""
    assert "Chain 1" in text and "Stress (psychosocial stressors) augments pain." in text
    assert "\u201copioid addiction can be understood in terms of neuroadaptations\u201d" in \
        page.evaluate("[...document.querySelectorAll('.cm-panel q')].map(q => '\u201c' + q.textContent + '\u201d')"
                      ".join(' ')")
    assert page.evaluate("conceptmap.maps.interdependence.highlighted") == sorted(
        ["stress", "pain", "neuroadaptations", "addiction", "p34", "p24", "p2"])
    s.close()


def test_perspectives_switch_without_moving_anything(browser: Any, extended_page: Path):
    cmap = load_map(EXTENDED)
    s = Session(browser, extended_page.as_uri())
    page = s.open("opioid-use-disorder")
    entry = "conceptmap.maps['opioid-use-disorder']"
    positions = f"{entry}.network.getPositions({entry}.nodes.getIds())"
    before = page.evaluate(positions)
    drawn = f"{entry}.network.body.nodeIndices.filter(id => {entry}.concept(id)).length"
    assert page.evaluate(drawn) == len(cmap.concepts)
    shown = f"{entry}.edges.get({{filter: e => !e.hidden && {entry}.relation(e.id)}}).map(e => e.id)"
    for view, hidden_edge, kept_edge in (("conventional", "e41", "e33"), ("interdependence", "e33", "e41")):
        page.locator(".cm-perspective").select_option(view)
        edges = page.evaluate(shown)
        assert hidden_edge not in edges and kept_edge in edges
        assert cmap.perspectives[view].label in (page.locator(".cm-view-note").text_content() or "")
        assert page.evaluate(positions) == before
        assert page.evaluate(drawn) == len(cmap.concepts)  # this view hides links, not concepts
    page.locator(".cm-perspective").select_option("")
    assert len(page.evaluate(shown)) == len(cmap.relations)
    s.close()


def test_self_check_round_by_keyboard_with_a_score(browser: Any, figure_page: Path):
    cmap = load_map(ROOT / "concepts" / "interdependence.yaml")
    s = Session(browser, figure_page.as_uri(), bypass_csp=True)
    page = s.open("interdependence")
    page.locator(".cm-selfcheck").focus()
    page.keyboard.press("ArrowDown")  # Off -> Linking phrases
    page.wait_for_selector(".cm-quiz")
    phrase = ("(() => { const m = conceptmap.maps.interdependence; "
              "return m.nodes.get(m.relation('p5').phrase).label; })()")
    assert page.evaluate(phrase) == "?"
    selects = page.locator(".cm-quiz select")
    assert selects.count() == len(cmap.relations)
    answers = page.evaluate("conceptmap.maps.interdependence.quiz.map(q => q.answer)")
    wrong = next(a for a in answers if a != answers[1])
    for i in range(selects.count()):  # leave the first open, answer the second wrongly, the rest right
        selects.nth(i).focus()
        if i == 1:
            selects.nth(i).select_option(wrong)
        elif i >= 2:
            selects.nth(i).select_option(answers[i])
    page.locator(".cm-check").focus()
    page.keyboard.press("Enter")
    n = len(answers)
    assert page.locator(".cm-score").text_content() == f"Score: {n - 2} of {n - 1} answered right ({n} questions)"
    page.screenshot(path=str(ARTIFACTS / "selfcheck.png"))
    feedback = page.locator(".cm-feedback")
    assert (feedback.nth(0).text_content() or "") == ""  # not answered: not marked, its answer not told
    assert (feedback.nth(1).text_content() or "").strip() == "\u2718 not this one"  # wrong: still not told
    assert answers[1] not in page.locator(".cm-quiz li").nth(1).locator(".cm-feedback").text_content()
    assert "correct" in (feedback.nth(2).text_content() or "")
    assert page.locator(".cm-quiz li").nth(0).get_attribute("data-mark") == "open"
    assert axe_violations(page) == []
    page.get_by_role("button", name="End self-check").press("Enter")
    assert page.evaluate(phrase).startswith("is the need for")
    assert page.evaluate("conceptmap.maps.interdependence.view.quiz") is None
    s.close()


def test_extended_map_passes_axe(browser: Any, extended_page: Path):
    s = Session(browser, extended_page.as_uri(), bypass_csp=True)
    page = s.open("opioid-use-disorder")
    assert axe_violations(page) == []
    s.close()


def _tangle(seed: int) -> str:
    """A random map with cycles, parallel relations and ids whose text order differs from map order."""
    import random

    rnd = random.Random(seed)
    ids = rnd.sample(["b", "a", "c2", "c10", "z", "m_1", "m-2", "Q"], k=rnd.randint(4, 8))
    lines = ["conceptmap: 1", "title: Tangle", "concepts:", *(f"  {c}: {{}}" for c in ids), "relations:"]
    for n in range(rnd.randint(12, 24)):
        a, b = rnd.choice(ids), rnd.choice(ids)
        lines.append(f"  - {{id: r{n}, from: {a}, to: {b}, phrase: p{n % 3}}}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("seed", range(6))
def test_page_and_explain_give_the_same_chains_for_every_pair(browser: Any, tmp_path: Path, seed: int):
    from graph.analysis.loops import explain
    from graph.load import parse_map

    cmap = parse_map(_tangle(seed).encode(), "tangle.yaml", "tangle")
    page_file = tmp_path / "tangle.html"
    page_file.write_text(render_html(cmap), encoding="utf-8")
    s = Session(browser, page_file.as_uri())
    page = s.open("tangle")
    pairs = [(a, b) for a in cmap.concepts for b in cmap.concepts]
    found = page.evaluate("pairs => pairs.map(([a, b]) => conceptmap.maps.tangle.paths(a, b))", pairs)
    keys = {id(r): r.key for r in cmap.relations}
    expected = [[[keys[id(r)] for r in chain] for chain in explain(cmap, a, b)] for a, b in pairs]
    assert found == expected
    assert any(len(chains) > 1 for chains in expected)  # the order of several chains is compared too
    s.close()
