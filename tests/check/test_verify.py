"""conceptmap verify: every quote found in its source's text after normalising, or located with the closest passage."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from graph.check.verify import _located, normalise, verify
from graph.cli.commands import main
from graph.load import load_map

SEEDS = ROOT.parent / "shared" / "seeds"
MAP = """\
conceptmap: 1
title: Quotes
sources:
  book: {cite: "A book."}
  page: {cite: "A page.", text: pages/the-page.html}
  unused: {cite: "Never cited."}
concepts:
  pain: {label: Pain, evidence: {source: book, quote: "the “first” fine hyphenation of words"}}
  mood: {label: Mood, evidence: {source: page, quote: "mood & pain"}}
relations:
  - {from: pain, to: mood, phrase: lowers, evidence: {source: book, quote: "pain lowers mood"}}
  - {from: mood, to: pain, phrase: colours}
"""
BOOK = "Chapter one.\n\nIt is the \"first\" \ufb01ne hyphen-\nation   of\nwords, and pain lowers mood.\n"
PAGE = "<html><head><style>mood & pain</style></head><body><p>Here <b>mood</b> &amp; pain.</p></body></html>"


@pytest.fixture
def sources(tmp_path: Path, map_file) -> tuple[Path, Path]:
    folder = tmp_path / "texts"
    (folder / "pages").mkdir(parents=True)
    (folder / "book.txt").write_text(BOOK, encoding="utf-8")
    (folder / "pages" / "the-page.html").write_text(PAGE, encoding="utf-8")
    return map_file(MAP), folder


def test_normalising_unfolds_ligatures_quotes_hyphenation_and_whitespace():
    text, where = normalise(_located("a \ufb01ne \u201cquote\u201d, hyphen-\n  ation,  long-term\n"))
    assert text == 'a fine "quote", hyphenation, longterm'
    assert where[text.index("ation")] == (2, 3)


def test_every_quote_found_exits_0_with_warnings(sources, capsys):
    path, folder = sources
    assert main(["verify", str(path), "--sources", str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"{path}:6:11: warning[uncited-source]: source 'unused' is never cited" in out
    assert f"{path}:12:5: warning[no-evidence]: relation 'mood->pain' has no evidence to verify" in out
    assert out.endswith(f"{path}: 3 quotes found, 0 failures, 2 warnings\n")


def test_a_changed_quote_fails_with_its_location_and_the_closest_passage(sources, capsys):
    path, folder = sources
    path.write_text(MAP.replace("pain lowers mood", "pain raises mood"), encoding="utf-8")
    assert main(["verify", str(path), "--sources", str(folder)]) == 1
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "quote-not-found" in x)
    assert line.startswith(f"{path}:11:76: error[quote-not-found]: the quote 'pain raises mood' is not in source "
                           "'book'")
    assert f"is at {folder / 'book.txt'}:5:12: 'pain lowers mood.'" in line


def test_a_missing_text_and_a_path_outside_the_folder_are_failures(sources, capsys):
    path, folder = sources
    (folder / "book.txt").unlink()
    path.write_text(MAP.replace("text: pages/the-page.html", "text: ../secret.txt"), encoding="utf-8")
    problems, found = verify(load_map(path), folder)
    codes = sorted((p.line, p.code) for p in problems if p.level == "error")
    assert codes == [(4, "no-source-text"), (5, "no-source-text")] and found == 0
    assert "must be a file name" in next(p.message for p in problems if p.line == 5)


def test_a_pdf_is_refused_with_a_reason(sources):
    path, folder = sources
    (folder / "book.txt").rename(folder / "book.pdf")
    problems, _ = verify(load_map(path), folder)
    assert any("is a PDF; no PDF text library is installed" in p.message for p in problems)


def test_no_such_folder_is_a_usage_error(sources, capsys):
    path, folder = sources
    assert main(["verify", str(path), "--sources", str(folder / "nope")]) == 2


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts live in ../shared/seeds beside the checkout, "
                    "which CI does not have")
@pytest.mark.parametrize("name", ["interdependence", "opioid-use-disorder"])
def test_the_committed_maps_verify_against_the_seeds(name: str):
    problems, found = verify(load_map(ROOT / "concepts" / f"{name}.yaml"), SEEDS)
    assert problems == [] and found > 40


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts live in ../shared/seeds beside the checkout")
def test_a_planted_quote_in_a_committed_map_exits_1_with_its_location(tmp_path: Path, capsys):
    text = (ROOT / "concepts" / "interdependence.yaml").read_text(encoding="utf-8")
    planted = tmp_path / "planted.yaml"
    planted.write_text(text.replace("pain and mood are interdependent", "pain and mood are independent", 1))
    assert main(["verify", str(planted), "--sources", str(SEEDS)]) == 1
    out = capsys.readouterr().out
    line = next(i for i, x in enumerate(text.splitlines(), 1) if "pain and mood are interdependent" in x)
    assert f"{planted}:{line}:" in out and "002_84c0e873f683afc6.txt:38:66" in out
