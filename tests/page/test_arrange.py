"""Arranging by hand in the built page: drag a concept, Copy positions, paste them into the map, rebuild, and the
rebuilt page draws the concept where it was dropped. The static page never tries to save anything."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import MINIMAL, Session

from graph.cli.commands import main
from graph.page.assets import app_js

pytestmark = pytest.mark.browser
THREE = MINIMAL.replace("concepts:\n", "concepts:   # the ideas, kept by pin\n").replace(
    "relations:\n", "  sleep: {label: Sleep}\nrelations:\n") + "  - {from: mood, to: sleep, phrase: shapes}\n"
POSITIONS = "(name) => conceptmap.maps[name].network.getPositions()"


def build(tmp: Path, text: str = THREE) -> tuple[Path, Path]:
    path = tmp / "three.yaml"
    if not path.exists():
        path.write_text(text, encoding="utf-8")
    assert main(["build", str(path), "-o", str(tmp / "out"), "--force"]) == 0
    return path, tmp / "out" / "three.html"


def drag(s: Session, concept: str, dx: float, dy: float) -> None:
    x, y = s.point("three", concept)
    s.page.mouse.move(x, y)
    s.page.mouse.down()
    s.page.mouse.move(x + dx / 2, y + dy / 2, steps=4)
    s.page.mouse.move(x + dx, y + dy, steps=4)
    s.page.mouse.up()


def test_drag_copy_paste_rebuild_gives_the_dragged_layout(browser: Any, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path, page_file = build(tmp_path)
    s = Session(browser, page_file.as_uri())
    s.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = s.open("three")
    before = page.evaluate(POSITIONS, "three")
    drag(s, "mood", 120, 90)
    after = page.evaluate(POSITIONS, "three")
    scale = page.evaluate("() => conceptmap.maps.three.network.getScale()")
    assert after["mood"]["x"] == pytest.approx(before["mood"]["x"] + 120 / scale, abs=2)
    assert after["mood"]["y"] == pytest.approx(before["mood"]["y"] + 90 / scale, abs=2)
    assert after["pain"] == before["pain"] and after["sleep"] == before["sleep"]
    # The phrase between pain and mood keeps its place along the relation: it moved half as far as mood.
    phrase = page.evaluate("() => conceptmap.maps.three.relation('pain->mood').phrase")
    for axis in "xy":
        moved = after["mood"][axis] - before["mood"][axis]
        assert after[phrase][axis] - before[phrase][axis] == pytest.approx(moved / 2, abs=1)

    page.focus(".cm-copy-positions")  # a real button: the keyboard reaches it
    page.keyboard.press("Enter")
    page.wait_for_function("() => /Copied the positions of 3 concepts/.test("
                           "document.querySelector('.cm-arrange-note').textContent)")
    pasted = page.evaluate("() => navigator.clipboard.readText()")
    assert "concepts:\n" in pasted and f"  mood: {{position: [{round(after['mood']['x'])}, " in pasted
    s.close()

    (tmp_path / "pasted.yaml").write_text(pasted, encoding="utf-8")
    assert main(["pin", str(path), "--from", "pasted.yaml"]) == 0
    assert "# the ideas, kept by pin" in path.read_text()
    build(tmp_path)
    s = Session(browser, page_file.as_uri())
    rebuilt = s.open("three").evaluate(POSITIONS, "three")
    for cid in ("pain", "mood", "sleep"):
        assert (rebuilt[cid]["x"], rebuilt[cid]["y"]) == (round(after[cid]["x"]), round(after[cid]["y"]))
    s.close()


def test_a_phrase_dragged_by_hand_stays_where_it_was_put(browser: Any, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _, page_file = build(tmp_path)
    s = Session(browser, page_file.as_uri())
    page = s.open("three")
    phrase = page.evaluate("() => conceptmap.maps.three.relation('pain->mood').phrase")
    drag(s, phrase, 0, 60)
    put = page.evaluate(POSITIONS, "three")[phrase]
    drag(s, "mood", 100, 0)
    assert page.evaluate(POSITIONS, "three")[phrase] == put
    s.close()


def test_without_a_clipboard_the_positions_are_shown_selected_in_a_dialog(browser: Any, tmp_path: Path,
                                                                         monkeypatch):
    monkeypatch.chdir(tmp_path)
    _, page_file = build(tmp_path)
    s = Session(browser, page_file.as_uri())
    s.page.add_init_script("Object.defineProperty(navigator, 'clipboard', { value: undefined });")
    page = s.open("three")
    page.click(".cm-copy-positions")
    dialog = page.locator(".cm-copy-dialog")
    assert dialog.is_visible()
    text = page.evaluate("() => { const t = document.querySelector('.cm-copy-text'); "
                         "return [t.value, document.activeElement === t, t.selectionEnd - t.selectionStart]; }")
    sleep = page.evaluate(POSITIONS, "three")["sleep"]
    assert text[0].endswith(f"  sleep: {{position: [{round(sleep['x'])}, {round(sleep['y'])}]}}\n")
    assert text[1] and text[2] == len(text[0])
    page.screenshot(path=str(tmp_path / "dialog.png"))
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("() => document.activeElement.className") == "cm-copy-positions"
    s.close()


def test_the_static_page_never_saves(browser: Any, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _, page_file = build(tmp_path)
    assert "fetch(" not in app_js() and "XMLHttpRequest" not in app_js()
    s = Session(browser, page_file.as_uri())
    s.open("three")
    drag(s, "sleep", 80, 40)
    s.page.wait_for_timeout(300)
    s.close()  # fails if the page tried to reach anything
