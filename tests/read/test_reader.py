"""Reading nodes into the model: unknown and missing keys, types, YAML 1.1 traps, the short form."""

from __future__ import annotations

from conftest import MINIMAL, problems_of

from graph.load import load_map, parse_map
from graph.problems import MapError


def test_minimal_map_reads(map_file):
    cmap = load_map(map_file(MINIMAL))
    assert cmap.name == "map" and cmap.title == "Small map"
    assert list(cmap.concepts) == ["pain", "mood"]
    (r,) = cmap.relations
    assert (r.source, r.target, r.phrase, r.effect, r.inferred) == ("pain", "mood", "lowers", "decreases", False)
    assert r.evidence is not None and r.evidence.quote == "pain lowers mood"


def test_yaml11_booleans_and_dates_stay_text_where_text_is_meant(map_file):
    cmap = load_map(map_file("""\
        conceptmap: 1
        title: 2012-09-24
        concepts:
          a: {label: no, definition: on}
          b: {label: yes}
        relations:
          - {from: a, to: b, phrase: no}
        """))
    assert cmap.title == "2012-09-24"
    assert (cmap.concepts["a"].label, cmap.concepts["a"].definition, cmap.concepts["b"].label) == ("no", "on", "yes")
    assert cmap.relations[0].phrase == "no"


def test_unknown_key_with_did_you_mean(map_file):
    path = map_file("""\
        conceptmap: 1
        title: T
        concepts:
          a: {lable: A}
        """)
    with __import__("pytest").raises(MapError) as info:
        load_map(path)
    (p,) = info.value.problems
    assert (p.line, p.col, p.code) == (4, 7, "unknown-key")
    assert "did you mean 'label'?" in p.message and "'definition'" in p.message


def test_missing_required_fields(map_file):
    path = map_file("""\
        conceptmap: 1
        concepts:
          a: {}
        relations:
          - {from: a, phrase: x}
        sources:
          s: {url: "https://x.org"}
        """)
    assert problems_of(path) == [(1, 1, "missing"), (5, 5, "missing"), (7, 6, "missing")]


def test_wrong_types(map_file):
    path = map_file("""\
        conceptmap: 1
        title: [a, b]
        concepts:
          a: {label: A, position: [1, x], sources: {s: 1}}
        relations:
          - {from: a, to: a, phrase: p, inferred: yes}
        """)
    assert problems_of(path) == [(2, 8, "type"), (4, 27, "type"), (4, 44, "type"), (6, 43, "type")]


def test_unsupported_version(map_file):
    assert problems_of(map_file("conceptmap: 2\ntitle: T\nconcepts: {}\n")) == [(1, 13, "version")]


def test_bad_effect_suggests(map_file):
    path = map_file("""\
        conceptmap: 1
        title: T
        concepts: {a: {}, b: {}}
        relations:
          - {from: a, to: b, phrase: p, effect: increase}
        """)
    with __import__("pytest").raises(MapError) as info:
        load_map(path)
    (p,) = info.value.problems
    assert (p.line, p.col, p.code) == (5, 41, "effect")
    assert "did you mean 'increases'?" in p.message


def test_short_form_relation():
    cmap = parse_map(b"""conceptmap: 1
title: T
concepts: {pain: {}, dose_escalation: {}}
relations:
  - "pain -> is seen as the primary reason for -> dose_escalation (increases)"
  - "dose_escalation -> feeds -> pain"
""")
    a, b = cmap.relations
    assert (a.source, a.phrase, a.target, a.effect) == ("pain", "is seen as the primary reason for",
                                                        "dose_escalation", "increases")
    assert (b.source, b.phrase, b.target, b.effect) == ("dose_escalation", "feeds", "pain", "produces")
    assert cmap.concepts["dose_escalation"].label == "Dose escalation"


def test_bad_short_form_and_bad_id(map_file):
    path = map_file("""\
        conceptmap: 1
        title: T
        concepts:
          "../../x": {}
        relations:
          - "pain feeds mood"
        """)
    assert problems_of(path) == [(4, 3, "bad-id"), (6, 5, "short-form")]


def test_layout_reads(map_file):
    cmap = load_map(map_file("""\
        conceptmap: 1
        title: T
        concepts: {insulin: {}, glucagon: {}, pancreas: {}}
        relations: ["pancreas -> makes -> insulin", "pancreas -> makes -> glucagon"]
        layout:
          direction: down
          hierarchy: makes
          same_row: [[insulin, glucagon]]
          same_column:
            - [pancreas, insulin]
        """))
    assert cmap.layout is not None
    assert (cmap.layout.direction, cmap.layout.hierarchy) == ("down", ("makes",))
    assert cmap.layout.same_row == (("insulin", "glucagon"),) and cmap.layout.same_column == (("pancreas", "insulin"),)
    assert cmap.layout.locs["same_row.0.1"] == (8, 24) and cmap.layout.locs["same_column.0.0"] == (10, 8)


def test_layout_shape_problems(map_file):
    path = map_file("""\
        conceptmap: 1
        title: T
        concepts: {a: {}, b: {}}
        layout:
          direction: dwn
          hierarchy: {is: a}
          same_row: [a, b]
          same_column: [[a, ""]]
          same_rows: []
        """)
    with __import__("pytest").raises(MapError) as info:
        load_map(path)
    got = [(p.line, p.col, p.code) for p in info.value.problems]
    assert got == [(5, 14, "direction"), (6, 14, "type"), (7, 14, "type"), (7, 17, "type"), (8, 21, "empty-text"),
                   (9, 3, "unknown-key")]
    messages = [p.message for p in info.value.problems]
    assert messages[0] == "unknown direction 'dwn' (did you mean 'down'?); use one of: 'down', 'right'"
    assert "write [[a, b]]" in messages[2]
    assert "did you mean 'same_row'?" in messages[5]


def test_an_unquoted_empty_value_is_no_key_and_a_quoted_one_is_empty_text(map_file):
    path = map_file("""\
        conceptmap: 1
        title: T
        concepts:
          a:
            label: A
            note:
          b: {label: B, note: ~, definition: ""}
        relations:
          - from: a
            to: b
            phrase:
        """)
    assert problems_of(path) == [(7, 38, "empty-text"), (11, 12, "missing")]


def test_ids_every_javascript_object_has_are_refused(map_file):
    path = map_file("""\
        conceptmap: 1
        title: T
        groups: {valueOf: {label: G}}
        concepts:
          __proto__: {}
          constructor: {}
          ok: {}
        relations:
          - {from: ok, to: ok, phrase: p, id: toString}
        """)
    assert problems_of(path) == [(3, 10, "bad-id"), (5, 3, "bad-id"), (6, 3, "bad-id"), (9, 39, "bad-id")]


def test_numbers_python_cannot_read_are_a_located_problem(map_file):
    path = map_file("""\
        conceptmap: 1
        title: T
        concepts:
          a: {position: [.nan, 0]}
          b: {position: [0x10, 1]}
          c: {position: [1:30, 0]}
        """)
    assert problems_of(path) == [(4, 17, "position"), (5, 17, "position"), (6, 17, "position")]
