"""JSON Canvas 1.0 import and export: text nodes, labelled edges, groups and links; located refusals; round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIGURE, ROOT

from graph.analysis.build import build_graph
from graph.analysis.layout import compute_layout
from graph.cli.commands import main
from graph.export.canvas import write_canvas
from graph.export.formats import export
from graph.importers import canvas
from graph.importers.canvas import read_canvas
from graph.importers.common import Imported, checked
from graph.load import load_map, parse_map
from graph.problems import MapError

FIXTURES = ROOT / "tests" / "fixtures"
NODE_TYPES = {"text", "file", "link", "group"}


def _import(data: bytes | str, name: str = "m.canvas") -> dict:
    return read_canvas(data.encode() if isinstance(data, str) else data, name).data


def _load(data: dict, name: str = "m"):
    return parse_map(checked(Imported("x.canvas", data), f"{name}.yaml", name, "test"), f"{name}.yaml", name)


def _problems(text: str) -> list[tuple[int, int, str]]:
    with pytest.raises(MapError) as info:
        read_canvas(text.encode(), "bad.canvas")
    return [(p.line, p.col, p.code) for p in info.value.problems]


def _doc(nodes: list[dict], edges: list[dict] | None = None) -> str:
    """A canvas with one node or edge a line, so that problems have lines to point at."""
    lines = [json.dumps(n) for n in nodes]
    return '{"nodes": [\n' + ",\n".join(lines) + '\n], "edges": [\n' + ",\n".join(json.dumps(e) for e in edges or []) \
        + "\n]}\n"


def _text(nid: str, text: str, x: int = 0, y: int = 0) -> dict:
    return {"id": nid, "type": "text", "text": text, "x": x, "y": y, "width": 100, "height": 40}


def test_fixture_imports_concepts_relations_groups_and_sources():
    imported = read_canvas((FIXTURES / "small.canvas").read_bytes(), "small.canvas")
    data = imported.data
    concepts = data["concepts"]
    assert list(concepts) == ["opioids", "tolerance", "pain", "mood", "outside"]
    assert concepts["opioids"] == {"label": "Opioids", "definition": "Pain killers that act on opioid receptors.",
                                   "position": [61, 30], "sources": ["example_org_paper"], "group": "drugs"}
    assert concepts["tolerance"]["position"] == [250, 65]  # the centre of the node's box
    assert concepts["pain"]["group"] == "group_2" and "group" not in concepts["outside"]
    assert data["groups"] == {"drugs": {"label": "Drugs"}, "group_2": {"label": "Group 2"}}  # innermost group wins
    assert data["sources"]["withdrawal"] == {"cite": "Notes/Withdrawal.md", "url": "Notes/Withdrawal.md"}
    assert concepts["pain"]["sources"] == ["withdrawal"]
    assert data["relations"] == [
        {"from": "opioids", "to": "tolerance", "phrase": "build up"},
        {"from": "pain", "to": "mood", "phrase": "shapes", "effect": "interdependent"},  # arrows at both ends
        {"from": "outside", "to": "mood", "phrase": "points back to"}]  # an arrow only at the start
    assert [(w.line, w.col, w.code) for w in imported.warnings] == [(19, 3, "duplicate-relation")]
    _load(data)


BAD = {
    "syntax": ('{"nodes": [\n  {"id": "a",}\n]}', [(2, 14, "syntax")]),
    "not-object": ("[1, 2]", [(1, 1, "not-mapping")]),
    "no-label": (_doc([_text("a", "A"), _text("b", "B")], [{"id": "e", "fromNode": "a", "toNode": "b"}]),
                 [(5, 1, "no-phrase")]),
    "blank-label": (_doc([_text("a", "A"), _text("b", "B")], [{"id": "e", "fromNode": "a", "toNode": "b",
                                                               "label": "  "}]), [(5, 1, "no-phrase")]),
    "missing-end": (_doc([_text("a", "A")], [{"id": "e", "fromNode": "a", "toNode": "zz", "label": "x"}]),
                    [(4, 1, "missing-end")]),
    "duplicate-id": (_doc([_text("a", "A"), _text("a", "B")]), [(3, 1, "duplicate-id")]),
    "no-position": (_doc([{"id": "a", "type": "text", "text": "A"}]), [(2, 1, "type")]),
    "far-away": (_doc([_text("a", "A", x=2_000_000)]), [(2, 1, "position")]),
    "empty-text": (_doc([_text("a", "A"), _text("b", "  \n ")]), [(3, 1, "empty-text")]),
    "no-concepts": (_doc([]), [(1, 1, "empty")]),
    "duplicate-key": ('{"nodes": [],\n "nodes": []}', [(1, 1, "duplicate-key")]),
}


@pytest.mark.parametrize("key", BAD)
def test_bad_canvases_get_located_problems(key: str):
    text, expected = BAD[key]
    assert _problems(text) == expected


def test_a_file_that_is_not_utf8_is_refused_where_it_breaks():
    with pytest.raises(MapError) as info:
        read_canvas(b'{"nodes": [\n "\xff"]}', "bad.canvas")
    assert [(p.line, p.col, p.code) for p in info.value.problems] == [(2, 3, "encoding")]


def test_every_unlabelled_edge_is_reported_at_once():
    text = _doc([_text("a", "A"), _text("b", "B")], [{"id": "e1", "fromNode": "a", "toNode": "b"},
                                                    {"id": "e2", "fromNode": "b", "toNode": "a"}])
    assert _problems(text) == [(5, 1, "no-phrase"), (6, 1, "no-phrase")]


def test_oversized_and_deep_files_are_refused(monkeypatch: pytest.MonkeyPatch):
    assert _problems("[" * 100_000 + "]" * 100_000)[0][2] == "too-deep"
    monkeypatch.setattr(canvas, "MAX_BYTES", 10)
    assert _problems(_doc([_text("a", "A")])) == [(1, 1, "too-large")]


def test_cli_refuses_an_unlabelled_edge_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    bad, out = tmp_path / "bad.canvas", tmp_path / "bad.yaml"
    bad.write_text(BAD["no-label"][0])
    assert main(["import", str(bad), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:5:1: error[no-phrase]: the edge 'e' has no label" in err and "Traceback" not in err
    assert not out.exists()
    good = tmp_path / "good.yaml"
    assert main(["import", str(FIXTURES / "small.canvas"), "-o", str(good)]) == 0
    assert load_map(good).groups["drugs"].label == "Drugs"


def _round_trip(data: dict, name: str = "m") -> dict:
    cmap = _load(data, name)
    return _import(write_canvas(cmap, compute_layout(build_graph(cmap))), f"{name}.canvas")


def test_fixture_round_trips_to_the_same_map():
    data = _import((FIXTURES / "small.canvas").read_bytes(), "small.canvas")
    assert _round_trip(data, "small") == data


def test_export_follows_the_spec_and_is_deterministic():
    cmap = load_map(FIGURE)
    ((name, content),) = export(cmap, "canvas")
    assert name == "interdependence.canvas" and export(cmap, "canvas") == [(name, content)]
    doc = json.loads(content)
    ids = [n["id"] for n in doc["nodes"]]
    assert len(ids) == len(set(ids))
    for node in doc["nodes"]:
        assert node["type"] in NODE_TYPES
        assert all(isinstance(node[k], int) for k in ("x", "y", "width", "height"))
    for edge in doc["edges"]:
        assert edge["fromNode"] in ids and edge["toNode"] in ids
    assert {e["label"] for e in doc["edges"] if "label" in e} == {r.phrase for r in cmap.relations}


def test_a_yaml_map_exported_and_imported_keeps_concepts_relations_groups_and_layout():
    cmap = load_map(FIGURE)
    drawing = compute_layout(build_graph(cmap))
    again = _load(_import(write_canvas(cmap, drawing)))
    labels = {c.label: c for c in again.concepts.values()}
    assert sorted(labels) == sorted(c.label for c in cmap.concepts.values())
    for c in cmap.concepts.values():
        assert labels[c.label].position == (drawing.concepts[c.id].x, drawing.concepts[c.id].y)
        assert labels[c.label].definition == c.definition
    triples = {(again.concepts[r.source].label, r.phrase, again.concepts[r.target].label) for r in again.relations}
    assert triples == {(cmap.concepts[r.source].label, r.phrase, cmap.concepts[r.target].label)
                       for r in cmap.relations}
    assert {g.label for g in again.groups.values()} == {g.label for g in cmap.groups.values()}
    doc = json.loads(write_canvas(cmap, drawing))
    nodes = {n["id"]: n for n in doc["nodes"]}
    for c in cmap.concepts.values():  # each group's rectangle holds its members (other groups' may overlap it)
        if c.group:
            outer, inner = nodes[f"group:{c.group}"], nodes[c.id]
            assert outer["x"] <= inner["x"] and inner["x"] + inner["width"] <= outer["x"] + outer["width"]
            assert outer["y"] <= inner["y"] and inner["y"] + inner["height"] <= outer["y"] + outer["height"]


def test_user_text_survives_export_and_import():
    nasty = '<script>alert(1)</script> "q" \\ `t` [[link]] **b**'
    data = {"conceptmap": 1, "title": "M", "concepts": {
        "a": {"label": nasty, "definition": "two\n\nparagraphs", "position": [100, 100]},
        "b": {"label": "no", "position": [400, 100]}},
        "relations": [{"from": "a", "to": "b", "phrase": "yes & <no>"}]}
    again = _round_trip(data)
    assert [c["label"] for c in again["concepts"].values()] == [nasty, "no"]
    assert next(iter(again["concepts"].values()))["definition"] == "two\n\nparagraphs"
    assert again["relations"][0]["phrase"] == "yes & <no>"
