"""Hostile maps, round two (issue 13): links, the short form, hints, escapes, bidi and invisible text, DOT labels."""

from __future__ import annotations

import difflib
import json
import re
import signal
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus import ESCAPES, FIELDS, PAYLOADS, URLS, corpus_map
from markdown_it import MarkdownIt

from graph import problems as problems_module
from graph.analysis.graphviz import program
from graph.check.validate import url_problem
from graph.cli.commands import main
from graph.export.dot import quote, write_dot
from graph.export.markdown import md_link, write_markdown
from graph.load import parse_map
from graph.problems import HINT_WORK, MAX_REPORTED, Hints, MapError
from graph.read.reader import parse_short_form
from graph.text import isolate, proposition

HEAD = "conceptmap: 1\ntitle: T\n"


def _problems(text: str) -> list[tuple[int, int, str]]:
    with pytest.raises(MapError) as info:
        parse_map(text.encode("utf-8"), "m.yaml")
    return [(p.line, p.col, p.code) for p in info.value.problems]


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail, rather than hang, when work that is linear takes minutes (the old cubic regex did): not a timing."""
    def fail(*_: object) -> None:
        raise AssertionError("still running after 60 s: the work is not linear")
    signal.signal(signal.SIGALRM, fail)
    signal.alarm(60)
    yield
    signal.alarm(0)


# Links (rows 1 and 11)

@pytest.mark.parametrize("url", URLS.values(), ids=URLS.keys())
def test_hostile_links_are_refused_where_they_are_written(url: str):
    assert _problems(corpus_map("x", url)) == [(6, 32, "bad-url")]
    assert "http or https link" in (url_problem(url) or "")


@pytest.mark.parametrize("url", ["https://example.org/a?b=1&c=2", "http://x.example/", "notes/page.html", "/top",
                                 "../up", "#part", "?q=1", "a%20b", "https://en.wikipedia.org/wiki/Foo_(bar)"])
def test_ordinary_links_are_accepted(url: str):
    assert url_problem(url) is None


@pytest.mark.parametrize("url", [*URLS.values(), 'a"b', "a)b<c>[d]`e`\\f", "x&#9;y", "*x*_y_ ~z~"])
def test_markdown_link_destinations_hold_no_markup(url: str):
    html = MarkdownIt("commonmark", {"html": True}).render(f"1. cite {md_link(url, url)}\n")
    tags = re.findall(r"<[^>]*>", html)
    assert {re.match(r"</?(\w+)", t).group(1) for t in tags} <= {"ol", "li", "a"}, html  # type: ignore[union-attr]
    assert not any(re.search(r"\son\w*=", t) for t in tags), html
    href = re.search(r'<a href="([^"]*)">', html)
    assert href is None or not re.search(r"[\s<>()\\]", href.group(1))


# The short form (row 2)

@pytest.mark.parametrize("text,parts", [
    ("a -> is part of -> b", ("a", "is part of", "b", None)),
    ("  a->b->c  ", ("a", "b", "c", None)),
    ("a -> x -> y -> b (decreases)", ("a", "x -> y", "b", "decreases")),
    ("a-b -> may raise -> c_d(increases)", ("a-b", "may raise", "c_d", "increases")),
    ("a -> b ->c->d", ("a", "b", "c->d", None)),
    ("a -> -> b", None), ("a b -> x -> c", None), ("a -> x -> b c", None), ("a -> x", None),
    ("a -> x\ny -> b", None), ("a -> x -> b (Increases)", None), ("a -> x -> (b)", None),
])
def test_the_short_form_reads_as_before(text: str, parts):
    assert parse_short_form(text) == parts


@pytest.mark.parametrize("hostile", ["a ->" + " " * 1_000_000 + "x", "a -> " + "->" * 500_000,
                                     "a -> b" + "-> " * 300_000 + "(x", "a" + " ->" * 300_000])
def test_the_short_form_is_linear_on_hostile_text(hostile: str, deadline: None):
    text = HEAD + "concepts: {a: {}, x: {}}\nrelations:\n  - " + json.dumps(hostile) + "\n"
    codes = {code for _, _, code in _problems(text)}
    assert codes & {"short-form", "unknown-ref", "too-long"}


# Hints and the number of problems reported (row 3)

def test_hints_are_computed_within_a_bounded_budget(monkeypatch: pytest.MonkeyPatch):
    compared: list[int] = []
    real = difflib.get_close_matches

    def counting(word: str, possibilities: list[str], **kw: object) -> list[str]:
        compared.append(sum(len(word) * len(p) for p in possibilities))
        return real(word, possibilities, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(problems_module.difflib, "get_close_matches", counting)
    n = 3000
    concepts = "".join(f"  concept_number_{i}: {{}}\n" for i in range(n))
    relations = "".join(f"  - {{from: concept_numbr_{i}, to: concept_number_0, phrase: p}}\n" for i in range(n))
    with pytest.raises(MapError) as info:
        parse_map((HEAD + "concepts:\n" + concepts + "relations:\n" + relations).encode(), "m.yaml")
    unknown = [p for p in info.value.problems if p.code == "unknown-ref"]
    assert len(unknown) == n
    assert sum(compared) <= HINT_WORK and len(compared) < n / 10
    assert "did you mean 'concept_number_0'?" in unknown[0].message
    assert all("use one of: 'concept_number_0'" in p.message for p in unknown)
    lines = str(info.value).splitlines()
    assert len(lines) == MAX_REPORTED + 1 and lines[-1].startswith(f"... and {n - MAX_REPORTED} more")


def test_a_hint_budget_once_spent_computes_no_more():
    hint = Hints(work=500)
    assert hint("colour", ["color", "flavour"]) == " (did you mean 'color'?)"
    names = [f"name_{i}" for i in range(100)]
    assert hint("name_x", names) == "" and hint("colr", ["color"]) == ""
    assert hint.computed == 2 and hint.left <= 0


def test_the_command_line_caps_the_problems_it_prints(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "many.yaml"
    path.write_text(HEAD + "concepts:\n" + "".join(f"  c{i}: {{group: nope}}\n" for i in range(250)), "utf-8")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == MAX_REPORTED + 2
    assert err[-2] == f"... and {250 - MAX_REPORTED} more (only the first {MAX_REPORTED} are shown)"
    assert err[-1] == "250 problems found; nothing was written"


# Control characters written as YAML escapes (row 4)

@pytest.mark.parametrize("escape", ["\\e[31m", "\\e]0;title\\a", "\\0", "\\uFFFF", "\\a", "\\x9b", "\\r", "\\x7f"])
@pytest.mark.parametrize("where", ["label", "key", "phrase", "id", "url"])
def test_control_characters_from_escapes_are_refused_where_they_are(escape: str, where: str):
    value = f'"a{escape}b"'
    parts = {"label": f"concepts:\n  a: {{label: {value}}}\n", "key": f"concepts:\n  a: {{{value}: x}}\n",
             "phrase": f"concepts:\n  a: {{label: A}}\nrelations:\n  - {{from: a, to: a, phrase: {value}}}\n",
             "id": f"concepts:\n  {value}: {{}}\n",
             "url": f"sources:\n  s: {{cite: C, url: {value}}}\nconcepts:\n  a: {{}}\n"}
    text = HEAD + parts[where]
    line = text.splitlines().index(next(s for s in text.splitlines() if value in s)) + 1
    col = text.splitlines()[line - 1].index(value) + 1
    assert _problems(text) == [(line, col, "control-char")]


@pytest.mark.parametrize("key", ESCAPES)
def test_every_escape_payload_is_refused_in_every_field(key: str):
    found = _problems(corpus_map(ESCAPES[key]))
    if key == "lone-surrogate":  # YAML itself refuses to read it, on every line that holds it
        assert {code for _, _, code in found} == {"syntax"} and len(found) == len({line for line, _, _ in found}) > 1
        return
    assert {code for _, _, code in found} == {"control-char"}
    assert len(found) == len(FIELDS) + 1  # the quote appears twice


def test_tab_and_line_feed_stay_text():
    cmap = parse_map((HEAD + 'concepts:\n  a: {definition: "one\\ttwo\\nthree"}\n').encode())
    assert cmap.concepts["a"].definition == "one\ttwo\nthree"


# Bidi controls, invisible characters and look-alike labels (row 10)

@pytest.mark.parametrize("key", ["bidi-zero-width-emoji", "bidi-unclosed", "invisible"])
def test_bidi_and_invisible_text_is_a_located_warning_in_every_field(key: str):
    cmap = parse_map(corpus_map(PAYLOADS[key]).encode(), "c.yaml", "corpus")
    assert {w.code for w in cmap.warnings} == {"invisible-char"} and {w.level for w in cmap.warnings} == {"warning"}
    assert len(cmap.warnings) == len(FIELDS) + 1
    assert (cmap.concepts["a"].locs["label"], "label") in {((w.line, w.col), w.message.split("'")[1])
                                                           for w in cmap.warnings}


FLAG = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"  # Scotland: tag characters


@pytest.mark.parametrize("text", ["plain", "caf\u00e9", "\U0001f469\u200d\U0001f3eb", "\u0627\u0644\u200c\u0645",
                                  "\u2764\ufe0f", FLAG])
def test_ordinary_text_gets_no_warning(text: str):
    cmap = parse_map((HEAD + f"concepts:\n  a: {{label: {json.dumps(text, ensure_ascii=False)}}}\n").encode())
    assert cmap.warnings == ()


def test_labels_that_look_the_same_are_reported():
    text = HEAD + ('concepts:\n  opioids: {label: Opioids}\n  fake: {label: "Opi\\u200boids"}\n'
                   '  wide: {label: "\\uff2fpioids"}\n  twin: {label: Opioids}\n  other: {label: Opiates}\n')
    cmap = parse_map(text.encode(), "m.yaml")
    alike = [(w.line, w.message) for w in cmap.warnings if w.code == "look-alike"]
    assert [line for line, _ in alike] == [5, 6, 7]
    assert "looks the same as the label of 'opioids' (line 4)" in alike[0][1]
    assert "is the same as" in alike[2][1]


@pytest.mark.parametrize("bad", ["pain\u200b", "\u202epain", "pa\u2066in"])
def test_invisible_characters_in_ids_are_errors(bad: str):
    assert _problems(HEAD + f"concepts:\n  {json.dumps(bad)}: {{}}\n") == [(4, 3, "bad-id")]


def test_warnings_are_printed_and_the_map_stays_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "m.yaml"
    path.write_text(HEAD + 'concepts:\n  a: {label: "\\u202efeiler niap"}\n', "utf-8")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr()
    assert "ok (1 concept" in out.out
    assert out.err.startswith(f"{path}:4:14: warning[invisible-char]: 'label' holds the bidi control U+202E")


@pytest.mark.parametrize("text,isolated", [
    ("plain", "plain"), ("\u202efeiler niap", "\u2068\u202efeiler niap\u2069"),
    ("x\u2069\u202ey", "\u2068x\u202ey\u2069"), ("\u2067a\u2069b", "\u2068\u2067a\u2069b\u2069"),
    ("\u05e9\u05dc\u05d5\u05dd", "\u2068\u05e9\u05dc\u05d5\u05dd\u2069")])
def test_isolate_wraps_right_to_left_fields_and_drops_a_stray_pdi(text: str, isolated: str):
    assert isolate(text) == isolated


def test_sentences_isolate_each_field_in_every_text_output():
    text = HEAD + ('concepts:\n  a: {label: "\\u202epain"}\n  b: {label: Mood}\n'
                   'relations:\n  - {from: a, to: b, phrase: "\\u202elowers"}\n')
    cmap = parse_map(text.encode())
    sentence = proposition(cmap, cmap.relations[0])
    assert sentence == "\u2068\u202epain\u2069 \u2068\u202elowers\u2069 mood."
    assert f"- {sentence[:-1]} (produces; no source given)." in write_markdown(cmap)


# DOT labels (row 12)

DOT_TEXTS = ["x &lt; &#x41; &#8238; &amp;", "\\N \\G \\E \\T \\H \\L \\l \\r \\n", "back\\\\slash \\", 'say "hi"',
             "two\nlines"]


@pytest.mark.parametrize("text", DOT_TEXTS)
def test_graphviz_shows_dot_labels_and_tooltips_literally(text: str, tmp_path: Path):
    cmap = parse_map((HEAD + f"concepts:\n  a: {{label: {json.dumps(text)}, definition: {json.dumps(text)}}}\n"
                      ).encode())
    dot = tmp_path / "m.dot"
    dot.write_text(write_dot(cmap, {"a": (0, 0)}), encoding="utf-8")
    svg = subprocess.run([program(), "-Tsvg", str(dot)], capture_output=True, check=True).stdout
    ns = {"s": "http://www.w3.org/2000/svg", "x": "http://www.w3.org/1999/xlink"}
    node = next(g for g in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "node")
    lines = [t.text or "" for t in node.iterfind(".//s:text", ns)]
    assert "\n".join(lines) == text
    link = node.find(".//s:a", ns)
    assert link is not None and link.get(f"{{{ns['x']}}}title") == text
    assert quote(text).count("&amp;") == text.count("&")
