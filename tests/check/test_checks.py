"""Each relation's quote checked when a map is built: verified, unverified or inferred, in the page (panel, mark,
legend), its text version (JavaScript or not), the Markdown and the JSON; a build depends only on the map and the
texts' bytes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import Session, run_in

from graph.check.quotes import check_map, with_checks
from graph.export.markdown import write_markdown
from graph.load import load_map
from graph.style import CHECK_WORDS, UNCHECKED_NOTE
from graph.text import annotated, check_legend, unchecked_note

MAP = """\
conceptmap: 1
title: Checked quotes
sources:
  book: {cite: "A book.", text: texts/book.txt}
  lost: {cite: "A lost pamphlet."}
concepts:
  pain: {label: Pain}
  mood: {label: Mood}
  sleep: {label: Sleep}
  rest: {label: Rest}
relations:
  - {from: pain, to: mood, phrase: lowers, effect: decreases, evidence: {source: book, quote: "pain lowers mood"}}
  - {from: mood, to: sleep, phrase: shapes, evidence: {source: book, quote: "mood shapes sleep"}}
  - {from: sleep, to: pain, phrase: may ease, inferred: true}
  - {from: rest, to: pain, phrase: eases, evidence: {source: lost, quote: "rest eases pain"}}
  - {from: rest, to: mood, phrase: lifts}
"""
BOOK = "In short, pain lowers\n\u201cmood\u201d, as every reader knows.\n"
KINDS = {"pain->mood": "verified", "mood->sleep": "not-found", "sleep->pain": "inferred", "rest->pain": "no-text",
         "rest->mood": "no-quote"}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "book.txt").write_text(BOOK.replace("\u201cmood\u201d", "mood"), encoding="utf-8")
    (tmp_path / "map.yaml").write_text(MAP, encoding="utf-8")
    return tmp_path


def _checked(folder: Path) -> Any:
    return with_checks(load_map(folder / "map.yaml"))


def test_each_relation_is_verified_unverified_inferred_or_has_nothing_to_check(folder: Path):
    checks = check_map(load_map(folder / "map.yaml"), folder)
    assert dict(checks.kinds) == KINDS and checks.read
    assert [checks.status(k) for k in KINDS] == ["verified", "unverified", "inferred", "unverified", "none"]
    assert [checks.mark(k) for k in KINDS] == ["\u2713", "?", "", "?", ""]
    assert _checked(folder).checks == checks  # by default, the texts are looked for beside the map



def test_quotes_past_the_search_budget_are_not_checked(folder: Path, monkeypatch: pytest.MonkeyPatch):
    from graph.check import quotes

    monkeypatch.setattr(quotes, "SEARCH_BUDGET", 1)  # less than one search of the book
    kinds = check_map(load_map(folder / "map.yaml"), folder).kinds
    assert (kinds["pain->mood"], kinds["mood->sleep"], kinds["sleep->pain"]) == ("no-text", "no-text", "inferred")


def test_the_text_version_says_each_check_in_words(folder: Path):
    cmap = _checked(folder)
    assert [annotated(cmap, r) for r in cmap.relations] == [
        "Pain lowers mood (decreases; stated; quote verified).",
        "Mood shapes sleep (produces; stated; quote not found in the source).",
        "Sleep may ease pain (produces; inferred).",
        "Rest eases pain (produces; stated; quote not checked).",
        "Rest lifts mood (produces; no source given)."]  # "no source given" says there is no quote
    assert check_legend(cmap) == [("\u2713", "quote verified in its source"), ("?", "quote not verified")]
    assert unchecked_note(cmap) is None
    md = write_markdown(cmap)
    assert "- Pain lowers mood (decreases; stated; quote verified). \u201cpain lowers mood\u201d" in md


def test_a_map_whose_texts_are_all_missing_says_so_once_and_draws_no_marks(folder: Path):
    (folder / "texts" / "book.txt").unlink()
    cmap = _checked(folder)
    assert set(cmap.checks.kinds.values()) == {"no-text", "inferred", "no-quote"} and not cmap.checks.read
    assert annotated(cmap, cmap.relations[0]) == "Pain lowers mood (decreases; stated)."
    assert unchecked_note(cmap) == UNCHECKED_NOTE and UNCHECKED_NOTE in write_markdown(cmap)
    assert check_legend(cmap) == [] and cmap.checks.mark("pain->mood") == ""


def test_typographic_quotes_and_line_breaks_in_the_text_are_normalised_as_verify_does(folder: Path):
    (folder / "texts" / "book.txt").write_text(BOOK, encoding="utf-8")  # "pain lowers\n“mood”"
    assert check_map(load_map(folder / "map.yaml"), folder).kinds["pain->mood"] == "not-found"  # quotes differ
    (folder / "texts" / "book.txt").write_text("pain   lowers\nmood", encoding="utf-8")
    assert check_map(load_map(folder / "map.yaml"), folder).kinds["pain->mood"] == "verified"


def test_the_json_export_carries_each_verification(folder: Path, capsys):
    assert run_in(folder, ["export", "map.yaml", "-f", "json", "-o", "out"], capsys)[0] == 0
    doc = json.loads((folder / "out" / "map.json").read_text(encoding="utf-8"))
    assert doc["provenance"]["pain->mood"]["verification"] == {
        "status": "verified", "reason": "verified", "words": CHECK_WORDS["verified"]}
    assert doc["provenance"]["rest->pain"]["verification"]["status"] == "unverified"
    assert doc["provenance"]["sleep->pain"]["verification"]["status"] == "inferred"


def test_a_build_depends_on_the_texts_bytes_not_on_where_they_are_named(folder: Path, capsys):
    assert run_in(folder, ["build", "map.yaml", "-o", "a"], capsys)[0] == 0
    assert run_in(folder, ["build", "map.yaml", "-o", "b", "--sources", str(folder)], capsys)[0] == 0
    assert run_in(folder.parent, ["build", f"{folder.name}/map.yaml", "-o", "c"], capsys)[0] == 0
    page = (folder / "a" / "map.html").read_bytes()
    assert page == (folder / "b" / "map.html").read_bytes() == (folder.parent / "c" / "map.html").read_bytes()
    assert "unchanged" in run_in(folder, ["build", "map.yaml", "-o", "a"], capsys)[1]
    (folder / "texts" / "book.txt").write_text("nothing quoted here", encoding="utf-8")
    code, out, _ = run_in(folder, ["build", "map.yaml", "-o", "a"], capsys)
    assert code == 0 and "wrote" in out and (folder / "a" / "map.html").read_bytes() != page  # a text changed



def test_a_current_page_is_kept_without_reading_its_texts(folder: Path, capsys, monkeypatch: pytest.MonkeyPatch):
    from graph.check import quotes

    assert run_in(folder, ["build", "map.yaml", "-o", "out"], capsys)[0] == 0

    def unread(*_args: Any) -> Any:
        raise AssertionError("a source's text was read for a page that is current")

    monkeypatch.setattr(quotes, "load_text", unread)
    assert "unchanged" in run_in(folder, ["build", "map.yaml", "-o", "out"], capsys)[1]
    (folder / "texts" / "book.txt").write_text(BOOK, encoding="utf-8")  # its bytes change: the page is stale
    with pytest.raises(AssertionError, match="was read"):
        run_in(folder, ["build", "map.yaml", "-o", "out"], capsys)


def test_no_such_folder_of_texts_is_a_usage_error(folder: Path, capsys):
    code, _, err = run_in(folder, ["build", "map.yaml", "--sources", "nope"], capsys)
    assert code == 2 and "no such folder of source texts: nope" in err


@pytest.fixture
def built(folder: Path, capsys) -> Path:
    assert run_in(folder, ["build", "map.yaml", "-o", "out"], capsys)[0] == 0
    return folder / "out" / "map.html"


@pytest.fixture
def session(browser: Any, built: Path) -> Iterator[Session]:
    s = Session(browser, built.as_uri())
    s.open("map")
    yield s
    assert s.errors == [] and s.outside == []
    s.close()


def test_the_panel_and_the_marks_say_verified_unverified_and_inferred(session: Session):
    page = session.page
    said = {}
    for key in KINDS:
        page.evaluate(f"conceptmap.maps.map.showRelation({key!r})")
        said[key] = (page.locator(".cm-panel-text").text_content(), page.locator(".cm-panel-meta").text_content())
    assert said["pain->mood"][0] == "\u2713 Verified: the quote is in the source's text."
    assert said["mood->sleep"][0] == "? Unverified: the quote was not found in the source's text."
    assert said["rest->pain"][0] == "? Unverified: the source's text was not available to check the quote against."
    assert said["sleep->pain"] == ("", "Effect: produces (\u2192) \u2014 inferred (our reading, not stated)")
    assert said["rest->mood"][0] == "Not verified: there is no quote to check."
    labels = page.evaluate("Object.fromEntries(conceptmap.maps.map.edges.get().map(e => [e.id, e.label || '']))")
    assert {k: labels[k] for k in KINDS} == {"pain->mood": "\u2713", "mood->sleep": "?", "sleep->pain": "",
                                              "rest->pain": "?", "rest->mood": ""}
    legend = page.locator(".cm-legend-list[aria-label='Effects and status'] li").all_inner_texts()
    assert [" ".join(t.split()) for t in legend][-2:] == ["\u2713 quote verified in its source", "? quote not verified"]
    page.select_option(".cm-selfcheck", "phrases")  # a self-check asks with "?": the marks step aside
    labels = page.evaluate("conceptmap.maps.map.edges.get().map(e => e.label || '')")
    assert "\u2713" not in labels


def test_the_text_version_says_the_same_without_javascript(browser: Any, built: Path):
    s = Session(browser, built.as_uri(), java_script_enabled=False)
    s.page.goto(built.as_uri())
    text = s.page.locator(".cm-text").inner_text()
    s.close()
    assert "Pain lowers mood (decreases; stated; quote verified)." in text
    assert "Mood shapes sleep (produces; stated; quote not found in the source)." in text
    assert "Sleep may ease pain (produces; inferred)." in text
    assert "Rest eases pain (produces; stated; quote not checked)." in text
    assert "whether its quote was found in the source's text" in text
