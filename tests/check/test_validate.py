"""Meaning checks: references, duplicate relations, safe links and size limits."""

from __future__ import annotations

import json

import pytest
from conftest import problems_of

from graph.check.validate import link_scheme
from graph.load import load_map
from graph.problems import MapError


def test_unknown_references_with_suggestions(map_file):
    path = map_file("""\
        conceptmap: 1
        title: T
        sources: {ballantyne2012: {cite: C}}
        groups: {neuro: {label: N}}
        concepts:
          pain: {group: nuero, sources: [ballantyne2021]}
          mood: {evidence: {source: nope}}
        relations:
          - {from: pain, to: mod, phrase: p}
        """)
    with pytest.raises(MapError) as info:
        load_map(path)
    got = [(p.line, p.col, p.code) for p in info.value.problems]
    assert got == [(6, 17, "unknown-ref"), (6, 34, "unknown-ref"), (7, 29, "unknown-ref"), (9, 22, "unknown-ref")]
    messages = [p.message for p in info.value.problems]
    assert "did you mean 'neuro'?" in messages[0]
    assert "did you mean 'ballantyne2012'?" in messages[1]
    assert "did you mean 'mood'?" in messages[3]


def test_duplicate_relations(map_file):
    path = map_file("""\
        conceptmap: 1
        title: T
        concepts: {a: {}, b: {}}
        relations:
          - a -> feeds -> b
          - {from: a, to: b, phrase: starves}
          - {id: other, from: a, to: b, phrase: starves}
        """)
    assert problems_of(path) == [(6, 5, "duplicate-relation")]


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)", "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)", "java\u200bscript:alert(1)",
])
def test_dangerous_links_are_refused(map_file, url):
    source = f"  s: {{cite: C, url: {json.dumps(url)}}}\n"
    path = map_file(f"conceptmap: 1\ntitle: T\nsources:\n{source}concepts: {{a: {{}}}}\n")
    assert [c for _, _, c in problems_of(path)] == ["bad-url"]


@pytest.mark.parametrize("url,scheme", [
    ("https://doi.org/10.1/x", "https"), ("http://x.org", "http"), ("refs/paper.pdf", None), ("#top", None),
])
def test_safe_links(url, scheme):
    assert link_scheme(url) == scheme


def test_text_length_limit(map_file):
    path = map_file("conceptmap: 1\ntitle: T\nconcepts:\n  a: {label: '" + "x" * 20_001 + "'}\n")
    with pytest.raises(MapError) as info:
        load_map(path)
    (p,) = info.value.problems
    assert (p.line, p.col, p.code) == (4, 14, "too-long") and "20000" in p.message


def test_steps_are_checked(map_file):
    path = map_file("""\
        conceptmap: 1
        title: T
        concepts: {pain: {}, mood: {}}
        relations: [{id: r1, from: pain, to: mood, phrase: lowers}]
        steps:
          - {title: One, narration: N, concepts: [pain, paine], relations: [r2], highlight: [r1, moo]}
          - {title: Two}
          - {title: Three, narration: N, colour: red}
        """)
    assert problems_of(path) == [
        (6, 49, "unknown-ref"), (6, 69, "unknown-ref"), (6, 90, "unknown-ref"), (7, 5, "missing"),
        (8, 34, "unknown-key")]


def test_layout_is_checked(map_file):
    path = map_file("""\
        conceptmap: 1
        title: T
        concepts:
          insulin: {}
          glucagon: {position: [0, 10]}
          liver: {position: [5, 20]}
          muscle: {}
          pancreas: {}
        relations: ["pancreas -> makes -> insulin", "pancreas -> makes -> glucagon", "insulin -> acts on -> liver"]
        layout:
          hierarchy: [makes, is a, act on]
          same_row:
            - [insulin, glucagon, liver]
            - [liver, muscel]
          same_column: [[insulin, pancreas, glucagon]]
        """)
    with pytest.raises(MapError) as info:
        load_map(path)
    got = [(p.line, p.col, p.code) for p in info.value.problems]
    assert got == [(11, 22, "unknown-phrase"), (11, 28, "unknown-phrase"), (13, 27, "layout-conflict"),
                   (14, 8, "layout-conflict"), (14, 15, "unknown-ref"), (15, 37, "layout-conflict")]
    messages = [p.message for p in info.value.problems]
    assert messages[0] == "no relation uses the linking phrase 'is a'; use one of: 'acts on', 'makes'"
    assert "did you mean 'acts on'?" in messages[1]
    assert "'liver' is pinned at y 20 and 'glucagon' at y 10" in messages[2] and "pinned positions always win" in \
        messages[2]
    assert messages[3].startswith("'liver' is already in same_row 1 (line 13)")
    assert "did you mean 'muscle'?" in messages[4]
    assert messages[5].startswith("'insulin' and 'glucagon' are in same_row 1 and same_column 1")


def test_pins_in_one_column_must_agree_on_x(map_file):
    path = map_file("""\
        conceptmap: 1
        title: T
        concepts: {a: {position: [0, 0]}, b: {position: [0, 300]}, c: {position: [40, 600]}}
        layout: {same_column: [[a, b, c]], same_row: [[a, c]]}
        """)
    assert problems_of(path) == [(4, 31, "layout-conflict"), (4, 31, "layout-conflict"), (4, 51, "layout-conflict")]
