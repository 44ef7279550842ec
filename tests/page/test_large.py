"""A generated 2,000-concept map in Chromium: usable at once, searchable, collapsible, and still."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, Session

from graph.load import parse_map
from graph.page.html import render_html

sys.path.insert(0, str(ROOT / "bench"))
from synth import synthetic_map

pytestmark = pytest.mark.browser
NAME = "large"


@pytest.fixture(scope="module")
def large_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("large") / f"{NAME}.html"
    path.write_text(render_html(parse_map(synthetic_map(2000).encode(), "large.yaml", NAME)), encoding="utf-8")
    return path


IN_VIEW = """(entry) => {  // the map's items whose centre is in the view now, and how many vis-network has made
  const net = entry.network, c = net.getViewPosition(), s = net.getScale(), canvas = net.canvas.frame.canvas;
  const w = canvas.clientWidth / 2 / s, h = canvas.clientHeight / 2 / s;
  const seen = entry.data.concepts.concat(entry.data.phrases)
    .filter(n => Math.abs(n.x - c.x) <= w && Math.abs(n.y - c.y) <= h).map(n => n.id);
  return {seen: seen, made: seen.filter(id => Object.prototype.hasOwnProperty.call(net.body.nodes, id)).length,
          nodes: entry.nodes.length, edges: entry.edges.length};
}"""


def at_ready(act: str) -> str:
    """An init script that runs `act` (JS with `root` and `entry`) when the page marks a map ready: before any
    task after the page script's, so before anything more has streamed in; what it returns is `window.atReady`."""
    return """new MutationObserver((changes, observer) => {
  const root = changes.map(c => c.target).find(t => t.hasAttribute && t.hasAttribute("data-cm-ready"));
  if (!root) { return; }
  observer.disconnect();
  const entry = conceptmap.maps[root.getAttribute("data-cm-name")];
  window.atReady = (() => { ACT })();
}).observe(document, {attributes: true, attributeFilter: ["data-cm-ready"], subtree: true});""".replace("ACT", act)


def test_large_map_streams_in_nearest_the_view_first(browser: Any, large_page: Path):
    s = Session(browser, large_page.as_uri())
    s.page.add_init_script(at_ready(f"return ({IN_VIEW})(entry);"))
    page = s.open(NAME)
    entry = page.evaluate_handle(f"conceptmap.maps['{NAME}']")
    first = page.evaluate("window.atReady")
    data = page.evaluate("JSON.parse(document.querySelector('.cm-data').textContent)")
    total = len(data["concepts"]) + len(data["phrases"])
    # Ready with what the first view shows, before vis-network has made the rest.
    assert first["seen"] and first["made"] == len(first["seen"])
    assert first["nodes"] < total / 4
    assert page.evaluate("performance.getEntriesByName('conceptmap:ready:large').length") == 1
    # The rest streams in without the reader doing anything, and then everything is there.
    page.wait_for_selector(".cm[data-cm-complete]")
    done = page.evaluate(IN_VIEW, entry)
    assert (done["nodes"], done["edges"]) == (total, len(data["relations"]) + len(data["phrases"]))
    assert page.evaluate("performance.getEntriesByName('conceptmap:complete:large').length") == 1
    s.close()


PRESS_AT_READY = at_ready("""const before = entry.nodes.length, counts = [before];
  entry.network.canvas.frame.canvas.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true }));
  counts.push(entry.nodes.length);  // grabbing the drawing to pan it needs nothing more
  const control = root.querySelector(ACT_ON);
  control.dispatchEvent(ACT_ON === ".cm-search" ? new KeyboardEvent("keydown", { key: "x", bubbles: true })
                                                : new PointerEvent("pointerdown", { bubbles: true }));
  counts.push(entry.nodes.length);
  return [counts, root.hasAttribute("data-cm-complete")];""")


@pytest.mark.parametrize("control", [".cm-search", ".cm-fit-all"], ids=["key", "pointer"])
def test_large_map_completes_at_once_when_the_reader_acts(browser: Any, large_page: Path, control: str):
    s = Session(browser, large_page.as_uri())
    s.page.add_init_script(PRESS_AT_READY.replace("ACT_ON", f'"{control}"'))
    page = s.open(NAME)
    data = page.evaluate("JSON.parse(document.querySelector('.cm-data').textContent)")
    total = len(data["concepts"]) + len(data["phrases"])
    # A key or pointer press on a control of the map while it streams in adds every item left before anything
    # handles it; grabbing the drawing (to pan it) does not.
    (before, panned, pressed), complete = page.evaluate("window.atReady")
    assert before < total / 4 and panned == before and (pressed, complete) == (total, True)
    s.close()


def test_large_map_opened_at_a_step_puts_every_item_in_first(browser: Any, tmp_path: Path):
    # A step chosen in the address is a view change while the page mounts, before anything streamed in.
    steps = ("steps:\n  - {title: One, narration: The first two., concepts: [c0, c1]}\n"
             "  - {title: Two, narration: And one more., concepts: [c5]}\n")
    path = tmp_path / "stepped.html"
    path.write_text(render_html(parse_map((synthetic_map(700) + steps).encode(), "stepped.yaml", "stepped")),
                    encoding="utf-8")
    s = Session(browser, path.as_uri())
    page = s.open("stepped", "#step=2")
    entry = "conceptmap.maps.stepped"
    assert page.evaluate(f"{entry}.view.step") == 1
    assert page.locator(".cm").get_attribute("data-cm-complete") == "true"
    data = page.evaluate("JSON.parse(document.querySelector('.cm-data').textContent)")
    # Every box is whole (made from the map, then restyled by the step), and the step shows only what it reveals.
    boxes = page.evaluate(f"{entry}.nodes.get().filter(n => n.x === undefined || n.label === undefined).length")
    assert boxes == 0 and page.evaluate(f"{entry}.nodes.length") == len(data["concepts"]) + len(data["phrases"])
    shown = page.evaluate(f"{entry}.nodes.get().filter(n => !n.hidden && {entry}.concept(n.id)).map(n => n.id)")
    assert sorted(shown) == ["c0", "c1", "c5"]
    s.close()


def test_large_map_features(browser: Any, large_page: Path):
    s = Session(browser, large_page.as_uri())
    page = s.open(NAME)
    page.wait_for_selector(".cm[data-cm-complete]")
    entry = f"conceptmap.maps['{NAME}']"
    assert page.evaluate(f"{entry}.nodes.getIds().filter(id => {entry}.concept(id)).length") == 2000
    assert page.evaluate(f"{entry}.network.physics.physicsEnabled") is False
    assert page.locator(".cm").get_attribute("data-large") == ""
    # No physics runs after load: positions stay exactly where the data put them.
    first = page.evaluate(f"{entry}.network.getPositions(['c0', 'c999', 'c1999'])")
    page.wait_for_timeout(500)
    assert page.evaluate(f"{entry}.network.getPositions(['c0', 'c999', 'c1999'])") == first
    data = page.evaluate("JSON.parse(document.querySelector('.cm-data').textContent)")
    placed = {c["id"]: (c["x"], c["y"]) for c in data["concepts"]}
    assert {k: (v["x"], v["y"]) for k, v in first.items()} == {k: placed[k] for k in first}
    # The first view is a readable part of the map, and says so; "Fit all" shows everything, labels too small to
    # draw (the threshold is set).
    readable = page.evaluate(f"{entry}.network.getScale()")
    assert readable * data["font"] >= 12
    assert page.locator(".cm-fit-note").is_visible()
    page.locator(".cm-fit-all").click()  # at once: vis-network would glide there frame by frame, slowly
    # Smaller than the readable view (how much depends on the canvas height, and so on the legend's rows).
    assert page.evaluate(f"{entry}.network.getScale()") < readable
    assert page.evaluate(IN_VIEW, page.evaluate_handle(entry))["seen"] == [c["id"] for c in data["concepts"]] + [
        p["id"] for p in data["phrases"]]  # all of it
    assert page.locator(".cm-fit-readable").is_visible()
    threshold = "n => n.options.scaling.label.drawThreshold"
    assert page.evaluate(f"[{entry}.network.body.nodes.c0, {entry}.network.body.edges[{entry}.data.relations[0].id]]"
                         f".map({threshold})") == [11, 11]
    # The search box finds and focuses a concept by name.
    label = next(c["label"] for c in data["concepts"] if c["id"] == "c1234")
    page.locator(".cm-search").fill(label)
    page.locator(".cm-search").press("Enter")
    assert page.locator(".cm-panel").get_attribute("data-shows") == "concept:c1234"
    assert page.evaluate(f"{entry}.network.getSelectedNodes()") == ["c1234"]
    view = page.evaluate(f"{entry}.network.getViewPosition()")
    assert (round(view["x"]), round(view["y"])) == placed["c1234"]
    # A group collapses into one node and expands again.
    members = sum(1 for c in data["concepts"] if c.get("group") == "g0")
    button = page.locator('.cm-collapse[data-group="g0"]')
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    # vis draws only the nodes that are not hidden; count the concept boxes and the group box
    drawn = f"{entry}.network.body.nodeIndices.filter(id => !{entry}.phrase(id)).length"
    assert page.evaluate(f"{entry}.isCollapsed('g0')") is True
    assert page.evaluate(drawn) == 2000 - members + 1
    assert members > 1 and f"({members} concepts)" in page.evaluate(f"{entry}.nodes.get('cluster:g0').label")
    assert page.evaluate(f"{entry}.network.getPositions(['c0'])") == {"c0": first["c0"]}  # nothing moved
    button.click()
    assert page.evaluate(f"{entry}.isCollapsed('g0')") is False
    assert page.evaluate(drawn) == 2000
    assert page.evaluate(f"{entry}.nodes.get('cluster:g0')") is None
    s.close()
