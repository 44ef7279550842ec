"""The built page in a real headless Chromium: offline, faithful to the map, interactive and readable."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIGURE, ROOT, Session

from graph.load import load_map

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "tests" / ".artifacts"
NAME = "interdependence"
JS_BOXES = """(name) => {
  const m = conceptmap.maps[name], net = m.network, out = {};
  for (const id of m.nodes.getIds()) {
    const b = net.getBoundingBox(id), a = net.canvasToDOM({x: b.left, y: b.top});
    const z = net.canvasToDOM({x: b.right, y: b.bottom});
    out[id] = [a.x, a.y, z.x, z.y];
  }
  return out;
}"""


@pytest.fixture
def session(browser: Any, figure_page: Path) -> Iterator[Session]:
    s = Session(browser, figure_page.as_uri())
    s.open(NAME)
    yield s
    s.close()


def test_loads_offline_and_shows_the_whole_map(session: Session):
    ARTIFACTS.mkdir(exist_ok=True)
    session.page.screenshot(path=str(ARTIFACTS / f"{NAME}.png"))
    info = session.page.evaluate("""(name) => {
      const m = conceptmap.maps[name];
      return {title: document.title, h1: document.querySelector('h1').textContent,
              focus: document.querySelector('.cm-focus').textContent, ready: !!m.network,
              legend: document.querySelector('.cm-legend').textContent};
    }""", NAME)
    cmap = load_map(FIGURE)
    assert info["title"] == info["h1"] == cmap.title
    assert cmap.focus_question in info["focus"]
    for group in cmap.groups.values():
        assert group.label in info["legend"]
    for effect in ("increases", "decreases", "produces", "defines", "interdependent", "inferred"):
        assert effect in info["legend"]


def test_network_holds_exactly_the_maps_concepts_and_relations(session: Session):
    got = session.page.evaluate("""(name) => {
      const m = conceptmap.maps[name];
      const concept = n => m.concept(n.id), out = e => m.relation(e.id);
      return {nodes: m.nodes.get().filter(concept).map(n => [n.id, n.label.split("\\n").join(" ")]),
              edges: m.edges.get().filter(out).map(e => [e.id, m.nodes.get(e.from).id, e.to, e.dashes !== false]),
              phrases: m.edges.get().filter(out).map(e => [e.id, m.phrase(e.from).from])};
    }""", NAME)
    cmap = load_map(FIGURE)
    assert sorted(got["nodes"]) == sorted([c.id, c.label] for c in cmap.concepts.values())
    # each relation is drawn from its phrase box, which hangs from the relation's source by one more segment
    by_key = {r.key: r for r in cmap.relations}
    expected = sorted((r.key, r.target, r.inferred) for r in cmap.relations)
    assert sorted((e[0], e[2], e[3]) for e in got["edges"]) == expected
    assert all(by_key[key].source == source for key, source in got["phrases"])


def test_hovering_a_concept_shows_its_definition(session: Session):
    cmap = load_map(FIGURE)
    tip = session.page.locator(".cm-tooltip")
    for concept in ("pain", "tolerance", "addiction"):
        session.page.mouse.move(*session.point(NAME, concept))
        tip.wait_for(state="visible")
        text = tip.text_content() or ""
        assert cmap.concepts[concept].label in text
        assert cmap.concepts[concept].definition in text
        session.page.mouse.move(5, 700)
        tip.wait_for(state="hidden")


def test_clicking_a_concept_opens_the_panel_with_definition_quote_and_citation(session: Session):
    cmap = load_map(FIGURE)
    c = cmap.concepts["tolerance"]
    session.page.mouse.click(*session.point(NAME, "tolerance"))
    panel = session.page.locator(".cm-panel")
    panel.wait_for(state="visible")
    text = panel.text_content() or ""
    assert c.definition in text
    assert f"\u201c{c.evidence.quote}\u201d" in text
    assert cmap.sources["ballantyne2012"].cite in text
    assert panel.locator("a").first.get_attribute("href") == "https://doi.org/10.1001/archinternmed.2012.3212"
    assert "Tolerance is the need for dose escalation." in text  # its relations, as sentences
    session.page.keyboard.press("Escape")
    panel.wait_for(state="hidden")


def test_clicking_a_relation_opens_its_proposition(session: Session):
    cmap = load_map(FIGURE)
    r = next(r for r in cmap.relations if r.id == "p22")
    phrase = session.page.evaluate(f"conceptmap.maps['{NAME}'].relation('p22').phrase")
    session.page.mouse.click(*session.point(NAME, phrase))
    panel = session.page.locator(".cm-panel")
    panel.wait_for(state="visible")
    assert panel.get_attribute("data-shows") == "relation:p22"
    text = panel.text_content() or ""
    assert "Aberrant opioid seeking when persistent, results in irreversible brain changes." in text
    assert r.evidence.quote in text and "stated by the source" in text


def test_labels_do_not_overlap_and_are_legible_at_1280x720(session: Session):
    boxes = session.page.evaluate(JS_BOXES, NAME)
    canvas = session.page.evaluate("document.querySelector('.cm-canvas').getBoundingClientRect().toJSON()")
    for a, b in itertools.combinations(sorted(boxes), 2):
        (a0, a1, a2, a3), (b0, b1, b2, b3) = boxes[a], boxes[b]
        assert a2 <= b0 or b2 <= a0 or a3 <= b1 or b3 <= a1, f"{a} overlaps {b}"
    for x0, y0, x1, y1 in boxes.values():  # the whole map is in view
        assert x0 >= 0 and x1 <= canvas["width"] and y0 >= 0 and y1 <= canvas["height"]
    scale = session.page.evaluate(f"conceptmap.maps['{NAME}'].network.getScale()")
    data = session.page.evaluate("JSON.parse(document.querySelector('.cm-data').textContent)")
    assert data["font"] * scale >= 12, "concept labels are too small at the default zoom"
    assert data["edgeFont"] * scale >= 9, "linking phrases are too small at the default zoom"


def test_two_way_pair_keeps_both_phrases_readable(session: Session):
    boxes = session.page.evaluate(JS_BOXES, NAME)
    phrases = session.page.evaluate(f"['p25a', 'p25b'].map(id => conceptmap.maps['{NAME}'].relation(id).phrase)")
    assert phrases[0] != phrases[1]  # each direction has its own phrase box, on its own line
    (a0, a1, a2, a3), (b0, b1, b2, b3) = (boxes[p] for p in phrases)
    assert a2 > a0 and b2 > b0
    assert a2 <= b0 or b2 <= a0 or a3 <= b1 or b3 <= a1, "the two linking phrases of pain <-> mood overlap"


def test_nothing_moves_after_load(session: Session):
    cmap = load_map(FIGURE)
    first = session.page.evaluate(f"conceptmap.maps['{NAME}'].network.getPositions()")
    session.page.wait_for_timeout(700)
    second = session.page.evaluate(f"conceptmap.maps['{NAME}'].network.getPositions()")
    assert first == second
    physics = session.page.evaluate(f"conceptmap.maps['{NAME}'].network.physics.physicsEnabled")
    assert physics is False
    assert {k: (v["x"], v["y"]) for k, v in first.items() if k in cmap.concepts} == {
        c.id: tuple(c.position) for c in cmap.concepts.values()}


def test_fills_an_iframe_of_any_size_and_reflows(browser: Any, figure_page: Path, tmp_path: Path):
    host = tmp_path / "host.html"
    host.write_text(f'<!DOCTYPE html><title>host</title><body style="margin:0">'
                    f'<iframe title="map" src="{figure_page.as_uri()}" width="480" height="320" '
                    f'style="border:0;display:block"></iframe></body>')
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    page = context.new_page()
    page.goto(host.as_uri())
    frame = page.frame_locator("iframe")
    frame.locator("[data-cm-ready]").wait_for()

    def sizes() -> dict[str, float]:
        inner = page.frames[1]
        return inner.evaluate("""() => {
          const c = document.querySelector('.cm-canvas canvas').getBoundingClientRect();
          const m = document.querySelector('.cm-view').getBoundingClientRect();
          const legend = document.querySelector('.cm-legend').open;
          return {cw: c.width, ch: c.height, mw: m.width, mh: m.height, legend: legend};
        }""")

    small = sizes()
    assert small["mw"] == 480 and small["mh"] == 320
    assert small["cw"] == 480 and small["ch"] > 150
    assert small["legend"] is False  # folded away in a small frame
    page.evaluate("document.querySelector('iframe').width = 900; document.querySelector('iframe').height = 600")
    page.frames[1].wait_for_function(
        "() => document.querySelector('.cm-canvas canvas').getBoundingClientRect().width === 900")
    assert sizes()["mh"] == 600
    context.close()


def _scale(page: Any, name: str = NAME) -> float:
    return float(page.evaluate(f"conceptmap.maps[{name!r}].network.getScale()"))


def test_text_size_control_sets_the_smallest_text_the_camera_shows(browser: Any, tmp_path: Path):
    from graph.page.html import render_html

    built = tmp_path / "interdependence.html"
    built.write_text(render_html(load_map(FIGURE), text_size=20), encoding="utf-8")
    s = Session(browser, built.as_uri(), viewport={"width": 1024, "height": 768}, reduced_motion="reduce")
    try:
        page = s.open(NAME)
        font = page.evaluate(f"conceptmap.maps[{NAME!r}].data.font")
        control = page.locator(".cm-text-size")
        assert control.input_value() == "20"  # the build's --text-size is the page's starting choice
        large = _scale(page)
        assert large * font >= 20 - 0.01  # concept names at 20 px at least: a part of the map, said so
        assert page.locator(".cm-fit-note").is_visible()
        control.select_option("12")
        normal = _scale(page)
        assert normal < large and normal * font >= 12 - 0.01
        control.focus()  # keyboard reachable: a real select
        page.keyboard.press("End")
        assert control.input_value() == "28" and _scale(page) * font >= 28 - 0.01
        page.locator(".cm-fit-all").click()  # Fit all still frames everything, whatever the size
        assert _scale(page) < normal + 1e-9
        page = s.open(NAME, "?text=16")  # a link can ask for a size too
        assert control.input_value() == "16" and _scale(page) * font >= 16 - 0.01
        page = s.open(NAME, "?text=__proto__")  # anything else is ignored
        assert control.input_value() == "20"
    finally:
        s.close()


def test_phrases_are_drawn_at_the_size_the_layout_measured(session: Session):
    sizes = session.page.evaluate(f"""() => {{
      const m = conceptmap.maps[{NAME!r}], body = m.network.body;
      return [m.data.edgeFont, m.data.font, ...new Set(m.data.phrases.map(p => body.nodes[p.id].options.font.size)),
              ...new Set(m.data.concepts.map(c => body.nodes[c.id].options.font.size))];
    }}""")
    edge, node, *drawn = sizes
    assert drawn == [edge, node]  # every phrase at the phrase size, every concept at the concept size
