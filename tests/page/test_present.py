"""Presentation mode and keyboard use, driven by the keyboard alone in headless Chromium."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIGURE, ROOT, Session

from graph.export.svg import revealed
from graph.load import load_map

pytestmark = pytest.mark.browser
NAME = "interdependence"
ARTIFACTS = ROOT / "tests" / ".artifacts"
# Concepts and phrases a step is about (what it reveals and highlights, both ends of its relations) that are not
# wholly inside the map area: it must be [] at every step.
FRAMED = """(name) => {
  const m = conceptmap.maps[name], net = m.network, canvas = m.root.querySelector('.cm-canvas');
  const stage = m.root.querySelector('.cm-stage'), c = canvas.getBoundingClientRect();
  const bar = stage && !stage.hidden ? stage.getBoundingClientRect().top : Infinity;
  const ids = conceptmap.viewState.framed(m.model, m.view, m.drawn);
  return ids.filter(id => {
    const b = net.getBoundingBox(id), a = net.canvasToDOM({x: b.left, y: b.top});
    const z = net.canvasToDOM({x: b.right, y: b.bottom});
    return !(a.x >= -1 && a.y >= -1 && z.x <= c.width + 1 && z.y <= c.height + 1 && c.top + z.y <= bar + 1);
  });
}"""
STATE = """(name) => {
  const m = conceptmap.maps[name];
  return {visible: m.nodes.get({filter: n => !n.hidden && m.concept(n.id)}).map(n => n.id).sort(),
          edges: m.edges.get({filter: e => !e.hidden && m.relation(e.id)}).map(e => e.id).sort(),
          positions: m.network.getPositions(m.nodes.getIds()),
          view: [m.network.getScale(), m.network.getViewPosition()].flatMap(v => typeof v === 'number'
            ? [v.toFixed(4)] : [v.x.toFixed(2), v.y.toFixed(2)]),
          counter: m.root.querySelector('.cm-counter').textContent,
          title: m.root.querySelector('.cm-step-title').textContent,
          narration: m.root.querySelector('.cm-narration').textContent,
          presenting: m.root.hasAttribute('data-presenting')};
}"""


@pytest.fixture
def session(browser: Any, figure_page: Path) -> Iterator[Session]:
    s = Session(browser, figure_page.as_uri(), reduced_motion="reduce")  # the camera jumps: nothing to wait for
    s.open(NAME)
    yield s
    s.close()


def _expected(step: int) -> tuple[list[str], list[str]]:
    cmap = load_map(FIGURE)
    concepts, relations, _ = revealed(cmap, step)
    return sorted(concepts), sorted(relations)


def test_stepping_through_by_keyboard_reveals_in_order_and_moves_nothing(session: Session):
    cmap = load_map(FIGURE)
    page = session.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Present"
    page.keyboard.press("Enter")
    first = page.evaluate(STATE, NAME)
    keys = ["ArrowRight", "Space", "PageDown"]
    for i, step in enumerate(cmap.steps):
        state = page.evaluate(STATE, NAME)
        assert state["presenting"]
        assert state["counter"] == f"{i + 1} / {len(cmap.steps)}"
        assert state["title"] == step.title and state["narration"] == step.narration
        assert (state["visible"], state["edges"]) == _expected(i), f"step {i + 1}"
        assert state["positions"] == first["positions"], "a concept moved between steps"
        assert page.evaluate(FRAMED, NAME) == [], f"step {i + 1}: its concepts are not all in view"
        assert page.evaluate("location.hash") == f"#step={i + 1}"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"step-{i + 1}.png"))
        page.keyboard.press(keys[i % 3])
    assert page.evaluate(STATE, NAME)["counter"] == f"{len(cmap.steps)} / {len(cmap.steps)}"  # stays at the end
    page.keyboard.press("Home")
    assert page.evaluate(STATE, NAME)["visible"] == _expected(0)[0]
    page.keyboard.press("End")
    assert page.evaluate(STATE, NAME)["visible"] == sorted(cmap.concepts)
    page.keyboard.press("PageUp")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate(STATE, NAME)["counter"] == f"{len(cmap.steps) - 2} / {len(cmap.steps)}"
    page.keyboard.press("Escape")
    state = page.evaluate(STATE, NAME)
    assert not state["presenting"] and state["visible"] == sorted(cmap.concepts)
    assert page.evaluate("location.hash") == ""


def test_unrevealed_concepts_are_invisible_not_dimmed(session: Session):
    page = session.page
    page.keyboard.press("p")
    hidden = page.evaluate("""(name) => {
      const m = conceptmap.maps[name];
      return m.nodes.getIds().filter(id => m.concept(id) && m.network.body.nodes[id].options.hidden)
        .map(id => [id, m.root.querySelector('.cm-nodes button[data-id="' + id + '"]').hidden]);
    }""", NAME)
    assert hidden and all(button_hidden for _, button_hidden in hidden)
    visible = set(page.evaluate("(name) => conceptmap.maps[name].network.body.nodeIndices"
                                ".filter(id => conceptmap.maps[name].concept(id))", NAME))
    assert visible == set(_expected(0)[0])


@pytest.mark.parametrize("n", [1, 3, 8])
def test_deep_link_opens_on_that_step(browser: Any, figure_page: Path, n: int):
    s = Session(browser, figure_page.as_uri())
    s.open(NAME, f"#step={n}")
    state = s.page.evaluate(STATE, NAME)
    assert state["presenting"] and state["counter"] == f"{n} / 8"
    assert state["visible"] == _expected(n - 1)[0]
    s.close()


def test_presenter_view_shows_speaker_notes_in_a_second_window(session: Session):
    cmap = load_map(FIGURE)
    page = session.page
    page.keyboard.press("p")
    with session.context.expect_page() as popup_info:
        page.locator(".cm-presenter").press("Enter")
    popup = popup_info.value
    assert popup.locator(".notes").text_content() == cmap.steps[0].notes
    page.keyboard.press("ArrowRight")
    popup.wait_for_function(f"document.querySelector('.notes').textContent === {cmap.steps[1].notes!r}")
    assert popup.locator(".next").text_content() == f"Next: {cmap.steps[2].title}"
    assert page.locator(".cm-stage").text_content().count(cmap.steps[1].notes) == 0  # notes stay off the screen
    popup.close()


def test_f_toggles_full_screen(session: Session):
    page = session.page
    page.keyboard.press("p")
    page.keyboard.press("f")
    page.wait_for_function("document.fullscreenElement && document.fullscreenElement.classList.contains('cm-view')")
    page.keyboard.press("f")
    page.wait_for_function("document.fullscreenElement === null")


def test_tab_moves_along_the_relations_and_enter_opens_the_panel(session: Session):
    page = session.page
    page.locator(".cm-nodes button").first.focus()
    order = page.evaluate("[...document.querySelectorAll('.cm-nodes button')].map(b => b.dataset.id)")
    assert order[:3] == ["pain", "mood", "neuroadaptations"]  # pain, then what its relations reach
    seen = []
    for _ in range(3):
        seen.append(page.evaluate("document.activeElement.dataset.id"))
        page.keyboard.press("Tab")
    assert seen == order[:3]
    page.keyboard.press("Shift+Tab")
    focused = page.evaluate("document.activeElement.dataset.id")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus must be visible"
    page.keyboard.press("Enter")
    panel = page.locator(".cm-panel")
    panel.wait_for(state="visible")
    assert panel.get_attribute("data-shows") == f"concept:{focused}"
    page.keyboard.press("Escape")
    panel.wait_for(state="hidden")


def test_arrow_keys_follow_relations_in_their_direction(session: Session):
    page = session.page
    page.locator('.cm-nodes button[data-id="pain"]').focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.dataset.id") == "mood"
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("document.activeElement.dataset.id") == "pain"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.dataset.id") == "hyperalgesia"


def _chain_map(n: int = 24) -> str:
    """A long chain with side branches: steps reveal it a stretch at a time, and the last highlights both ends."""
    ids = [f"c{i:02d}" for i in range(n)]
    lines = ["conceptmap: 1", "title: A long chain", "concepts:"]
    lines += [f"  {c}: {{label: Stage {i} of the long process}}" for i, c in enumerate(ids)]
    lines += [f"  side{i:02d}: {{label: Side effect {i}}}" for i in range(0, n, 4)]
    lines.append("relations:")
    lines += [f"  - {a} -> leads on to -> {b}" for a, b in itertools.pairwise(ids)]
    lines += [f"  - c{i:02d} -> also causes -> side{i:02d}" for i in range(0, n, 4)]
    lines.append("steps:")
    for start in range(0, n, 6):
        shown = ", ".join(f"{a}->{b}" for a, b in itertools.pairwise(ids[start:start + 7]))
        lines.append(f"  - {{title: Part {start // 6 + 1}, narration: The next stretch., relations: [{shown}]}}")
    lines.append(f"  - {{title: Both ends, narration: First and last., highlight: [{ids[0]}, {ids[-1]}]}}")
    lines.append("  - {title: Sides, narration: The side effects., relations: ["
                 + ", ".join(f"c{i:02d}->side{i:02d}" for i in range(0, n, 4)) + "]}")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def chain_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from graph.page.html import render_html

    folder = tmp_path_factory.mktemp("chain")
    source = folder / "chain.yaml"
    source.write_text(_chain_map(), encoding="utf-8")
    page = folder / "chain.html"
    page.write_text(render_html(load_map(source)), encoding="utf-8")
    return page


@pytest.mark.parametrize("theme", ["light", "projector"])
@pytest.mark.parametrize("size", [(1024, 768), (1280, 720)])
@pytest.mark.parametrize("which", ["figure", "chain"])
def test_every_step_frames_what_it_is_about(browser: Any, figure_page: Path, chain_page: Path, which: str,
                                            size: tuple[int, int], theme: str):
    page_path, name = (figure_page, NAME) if which == "figure" else (chain_page, "chain")
    s = Session(browser, page_path.as_uri(), viewport={"width": size[0], "height": size[1]},
                reduced_motion="reduce")  # the camera jumps to each step: no glide to wait for
    try:
        page = s.open(name, f"?theme={theme}")
        assert page.evaluate(f"conceptmap.maps[{name!r}].root.getAttribute('data-theme')") == theme
        page.evaluate(f"conceptmap.maps[{name!r}].root.querySelector('.cm-present').click()")
        steps = page.evaluate(f"conceptmap.maps[{name!r}].model.steps.length")
        assert steps >= 4
        for i in range(steps):
            assert page.evaluate(STATE, name)["counter"] == f"{i + 1} / {steps}"
            assert page.evaluate(FRAMED, name) == [], f"{which} step {i + 1} at {size} in {theme}"
            if i in (0, steps - 1):
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / f"frame-{which}-{theme}-{size[0]}-step{i + 1}.png"))
            page.keyboard.press("ArrowRight")
    finally:
        s.close()
