"""CmapTools CXL import and export: the fixture's every feature, located refusals, safety, round trips, real maps."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import FIGURE, ROOT

from graph.analysis.build import build_graph
from graph.analysis.layout import compute_layout
from graph.cli.commands import main
from graph.export.cxl import write_cxl
from graph.export.formats import export
from graph.importers import cxl
from graph.importers.common import checked, slug
from graph.importers.cxl import read_cxl
from graph.load import load_map, parse_map
from graph.problems import MapError

FIXTURES = ROOT / "tests" / "fixtures"
REAL = ROOT.parent / "shared" / "maps" / "real"
REAL_MAPS = sorted(REAL.glob("*.cxl")) if REAL.is_dir() else []
NS = "{http://cmap.ihmc.us/xml/cmap/}"
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<cmap xmlns="http://cmap.ihmc.us/xml/cmap/">\n'


def _import(data: bytes, name: str = "m.cxl") -> dict:
    return read_cxl(data, name).data


def _load(data: dict, name: str = "m"):
    """Write the imported data as YAML through the importer's own check, and load that YAML as a map."""
    from graph.importers.common import Imported

    return parse_map(checked(Imported("x.cxl", data), f"{name}.yaml", name, "test"), f"{name}.yaml", name)


def _problems(data: bytes) -> list[tuple[int, int, str]]:
    with pytest.raises(MapError) as info:
        read_cxl(data, "bad.cxl")
    return [(p.line, p.col, p.code) for p in info.value.problems]


def _triples(cmap) -> set[tuple[str, str, str]]:
    return {(cmap.concepts[r.source].label, r.phrase, cmap.concepts[r.target].label) for r in cmap.relations}


def test_fixture_imports_concepts_phrases_positions_resources_and_comments():
    imported = read_cxl((FIXTURES / "small.cxl").read_bytes(), "small.cxl")
    data = imported.data
    assert data["title"] == "Plants & light" and data["description"] == "How plants use light."
    concepts = data["concepts"]
    assert list(concepts) == ["plants", "sun_light", "leaves", "sugar", "oxygen", "constructor_2", "plants_2"]
    assert concepts["sun_light"]["label"] == "Sun light"  # a line break in a CmapTools label is a space
    assert concepts["plants"]["definition"] == "Living things that photosynthesise."  # short-comment: hover text
    assert concepts["plants"]["note"] == "Kept from the teacher's notes."  # long-comment
    assert concepts["plants"]["position"] == [100, 50]  # CXL x, y are box centres, as our positions are
    assert concepts["plants_2"]["position"] == [701, 300]  # 700.5, in whole px
    assert concepts["plants"]["sources"] == ["photosynthesis_a_web_page_about_it", "bad_link"]
    assert data["sources"]["photosynthesis_a_web_page_about_it"] == {"cite": "Photosynthesis: A web page about it",
                                                 "url": "https://example.org/photosynthesis"}
    assert data["sources"]["bad_link"] == {"cite": "Bad link"}  # javascript: is never kept as a link
    pairs = [(r["from"], r["phrase"], r["to"]) for r in data["relations"]]
    assert pairs == [("plants", "use", "sun_light"), ("plants", "make", "sugar"), ("plants", "make", "oxygen"),
                     ("leaves", "make", "sugar"), ("leaves", "make", "oxygen"),
                     ("constructor_2", "is studied by", "plants_2")]
    assert data["relations"][0]["evidence"] == {"source": "light"}  # a resource on the phrase
    assert data["relations"][1]["note"] == "Both leaves and plants make both."
    warnings = sorted((w.line, w.col, w.code) for w in imported.warnings)
    assert warnings == [(22, 13, "duplicate-relation"), (24, 13, "dangling-phrase"), (42, 17, "bad-url")]
    cmap = _load(data)
    assert len(cmap.concepts) == 7 and len(cmap.relations) == 6


@pytest.mark.parametrize(("label", "expected"), [
    ("Gram -", "gram"), ("spherical\n(coccus)", "spherical_coccus"), ("Ärger über Öl", "arger_uber_ol"),
    ("0.2m-10m", "_0_2m_10m"), ("+++", ""), ("__proto__", "proto"),
    ("a very long label that goes on and on well past the forty characters", "a_very_long_label_that_goes_on_and_on"),
])
def test_ids_are_spelt_from_labels(label: str, expected: str):
    assert slug(label) == expected


def test_ids_are_unique_and_never_reserved():
    concepts = "".join(f'<concept id="c{i}" label="{label}"/>' for i, label in
                       enumerate(["Gram +", "Gram -", "constructor", "toString", "+++", "***", "__proto__"]))
    data = _import(f"{HEAD}<map><concept-list>{concepts}</concept-list></map></cmap>".encode())
    assert list(data["concepts"]) == ["gram", "gram_2", "constructor_2", "tostring", "concept", "concept_2", "proto"]
    _load(data)


BAD = {
    "unclosed": (b'<cmap xmlns="http://cmap.ihmc.us/xml/cmap/">\n  <map>\n    <concept-list>\n  </map>',
                 [(4, 5, "syntax")]),
    "not-xml": (b"conceptmap: 1\n", [(1, 1, "syntax")]),
    "undefined-entity": (HEAD.encode() + b'<map><concept-list><concept id="a" label="&x;"/>', [(3, 20, "syntax")]),
    "wrong-root": (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', [(2, 1, "not-cxl")]),
    "no-map": (HEAD.encode() + b"</cmap>", [(2, 1, "missing")]),
    "missing-end": (HEAD.encode() + b'<map><concept-list><concept id="a" label="A"/></concept-list>\n'
                    b'<linking-phrase-list><linking-phrase id="p" label="is"/></linking-phrase-list>\n'
                    b'<connection-list>\n  <connection id="k1" from-id="a" to-id="p"/>\n'
                    b'  <connection id="k2" from-id="p" to-id="nowhere"/>\n</connection-list></map></cmap>',
                    [(7, 3, "missing-end")]),
    "concept-to-concept": (HEAD.encode() + b'<map><concept-list><concept id="a" label="A"/><concept id="b" '
                           b'label="B"/></concept-list>\n<connection-list><connection id="k" from-id="a" to-id="b"/>'
                           b"</connection-list></map></cmap>", [(4, 18, "connection")]),
    "duplicate-id": (HEAD.encode() + b'<map><concept-list><concept id="a" label="A"/>\n<concept id="a" label="B"/>'
                     b"</concept-list></map></cmap>", [(4, 1, "duplicate-id")]),
    "empty-phrase": (HEAD.encode() + b'<map><concept-list><concept id="a" label="A"/><concept id="b" label="B"/>'
                     b'</concept-list>\n<linking-phrase-list><linking-phrase id="p" label=" "/></linking-phrase-list>'
                     b'<connection-list><connection id="k1" from-id="a" to-id="p"/><connection id="k2" from-id="p" '
                     b'to-id="b"/></connection-list></map></cmap>', [(4, 22, "empty-text")]),
    "no-concepts": (HEAD.encode() + b"<map/></cmap>", [(3, 1, "empty")]),
    "far-away": (HEAD.encode() + b'<map><concept-list><concept id="a" label="A"/></concept-list>\n'
                 b'<concept-appearance-list><concept-appearance id="a" x="2e6" y="0"/></concept-appearance-list>'
                 b"</map></cmap>", [(4, 26, "position")]),
}


@pytest.mark.parametrize("key", BAD)
def test_bad_files_get_located_problems(key: str):
    data, expected = BAD[key]
    assert _problems(data) == expected


@pytest.mark.parametrize("name", ["billion-laughs.cxl", "external-entity.cxl"])
def test_dtds_and_entities_are_refused_never_resolved(name: str):
    assert _problems((FIXTURES / name).read_bytes()) == [(2, 16, "dtd")]


def test_an_entity_without_a_dtd_is_a_syntax_error_not_a_file_read():
    data = HEAD.encode() + b'<map><concept-list><concept id="a" label="&#x26;secret;"/></concept-list></map></cmap>'
    assert _import(data)["concepts"]["secret"]["label"] == "&secret;"  # a character reference is text


def test_oversized_file_is_refused(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(cxl, "MAX_BYTES", 100)
    assert _problems((FIXTURES / "small.cxl").read_bytes()) == [(1, 1, "too-large")]


def test_deep_nesting_is_refused():
    data = HEAD.encode() + b"<x>" * 100 + b"</x>" * 100 + b"</cmap>"
    assert _problems(data)[0][2] == "too-deep"


def test_cli_writes_a_valid_map_and_nothing_for_a_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    out = tmp_path / "plants.yaml"
    assert main(["import", str(FIXTURES / "small.cxl"), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "small.cxl:22:13: warning[duplicate-relation]" in err
    assert load_map(out).title == "Plants & light"
    first = out.read_bytes()
    assert main(["import", str(FIXTURES / "small.cxl"), "-o", str(out)]) == 2  # no silent overwrite
    assert main(["import", str(FIXTURES / "small.cxl"), "-o", str(out), "--force"]) == 0
    assert out.read_bytes() == first  # deterministic
    bad, target = tmp_path / "bad.cxl", tmp_path / "bad.yaml"
    bad.write_bytes(BAD["missing-end"][0])
    capsys.readouterr()
    assert main(["import", str(bad), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:7:3: error[missing-end]: the connection's to-id 'nowhere'" in err and "Traceback" not in err
    assert not target.exists()
    assert main(["import", str(FIXTURES / "billion-laughs.cxl"), "-o", str(target)]) == 1
    assert not target.exists()


def _round_trip(data: dict, name: str = "m") -> dict:
    cmap = _load(data, name)
    text = write_cxl(cmap, compute_layout(build_graph(cmap)))
    return _import(text.encode(), f"{name}.cxl")


def test_fixture_round_trips_to_the_same_map():
    data = _import((FIXTURES / "small.cxl").read_bytes())
    again = _round_trip(data)
    assert again == data


def test_export_is_well_formed_cxl_with_cmaptools_namespaces():
    cmap = load_map(FIGURE)
    ((name, content),) = export(cmap, "cxl")
    assert name == "interdependence.cxl"
    assert export(cmap, "cxl") == [(name, content)]  # deterministic
    text = content.decode()
    for ns in ('xmlns="http://cmap.ihmc.us/xml/cmap/"', 'xmlns:dc="http://purl.org/dc/elements/1.1/"',
               'xmlns:dcterms="http://purl.org/dc/terms/"', 'xmlns:vcard="http://www.w3.org/2001/vcard-rdf/3.0#"'):
        assert ns in text
    root = ET.fromstring(content)
    assert root.tag == f"{NS}cmap"
    assert [c.tag for c in root] == ["{http://cmap.ihmc.us/xml/cmap/}res-meta", f"{NS}map"]
    assert [c.tag.removeprefix(NS) for c in root.find(f"{NS}map")] == [
        "concept-list", "linking-phrase-list", "connection-list", "resource-group-list", "concept-appearance-list",
        "linking-phrase-appearance-list", "connection-appearance-list"]
    ids = [e.get("id") for e in root.iter() if e.tag in (f"{NS}concept", f"{NS}linking-phrase", f"{NS}connection")]
    assert len(ids) == len(set(ids))
    for box in root.iter(f"{NS}concept-appearance"):
        assert float(box.get("x")) - float(box.get("width")) / 2 >= 0  # moved onto CmapTools' page


def test_a_yaml_map_exported_and_imported_keeps_concepts_relations_and_layout():
    cmap = load_map(FIGURE)
    drawing = compute_layout(build_graph(cmap))
    text = write_cxl(cmap, drawing)
    again = _load(_import(text.encode()))
    assert sorted(c.label for c in again.concepts.values()) == sorted(c.label for c in cmap.concepts.values())
    assert _triples(again) == _triples(cmap) and len(again.relations) == len(cmap.relations)
    by_label = {c.label: c.position for c in again.concepts.values()}
    moved = {by_label[c.label][0] - drawing.concepts[c.id].x for c in cmap.concepts.values()}, \
        {by_label[c.label][1] - drawing.concepts[c.id].y for c in cmap.concepts.values()}
    assert len(moved[0]) == len(moved[1]) == 1  # the whole layout, moved by one offset
    assert {c.definition for c in again.concepts.values()} == {c.definition for c in cmap.concepts.values()}


def test_user_text_survives_export_and_import():
    nasty = 'A <b>"quoted"</b> & \'single\' ]]> --> label'
    data = {"conceptmap": 1, "title": "T <&>", "concepts": {
        "a": {"label": nasty, "note": "line one\n\n<script>two</script>", "position": [100, 100]},
        "b": {"label": "no", "definition": "2012-09-24", "position": [400, 100]}},
        "relations": [{"from": "a", "to": "b", "phrase": "yes & <no>", "note": "x\ny"}]}
    again = _round_trip(data)
    assert again["title"] == "T <&>"
    concepts = list(again["concepts"].values())
    assert concepts[0]["label"] == nasty and concepts[0]["note"] == "line one\n\n<script>two</script>"
    assert concepts[1] == {"label": "no", "definition": "2012-09-24", "position": [400, 100]}
    assert again["relations"][0]["phrase"] == "yes & <no>" and again["relations"][0]["note"] == "x\ny"


needs_real = pytest.mark.skipif(not REAL_MAPS, reason=f"the real CmapTools maps are not here ({REAL})")


@needs_real
@pytest.mark.parametrize("path", REAL_MAPS, ids=lambda p: p.stem)
def test_real_maps_import_with_every_concept_proposition_and_position(path: Path):
    data = _import(path.read_bytes(), path.name)
    cmap = _load(data, path.stem)
    root = ET.parse(path).getroot()
    assert len(cmap.concepts) == len(list(root.iter(f"{NS}concept")))
    expected = load_map(REAL / f"{path.stem}.yaml")  # converted by hand, one relation per (in, out) pair
    assert _triples(cmap) == _triples(expected) and len(cmap.relations) == len(expected.relations)
    human = json.loads((REAL / f"{path.stem}.human-layout.json").read_text())
    centres = sorted((c["label"], c["x"], c["y"]) for c in human["concepts"].values())
    assert sorted((c.label, *c.position) for c in cmap.concepts.values()) == centres
    drawing = compute_layout(build_graph(cmap))
    assert all((b.x, b.y) == tuple(cmap.concepts[cid].position) for cid, b in drawing.concepts.items())


@needs_real
@pytest.mark.parametrize("path", REAL_MAPS, ids=lambda p: p.stem)
def test_real_maps_round_trip(path: Path):
    data = _import(path.read_bytes(), path.name)
    again = _round_trip(data, path.stem)
    assert {**again, "relations": None} == {**data, "relations": None}
    assert sorted(map(str, again["relations"])) == sorted(map(str, data["relations"]))


# CXL as other tools write it: no appearance lists (so no positions), a plain <title>, the default namespace
# only, Windows line ends, numeric ids, one linking phrase with two targets.
OTHER_TOOLS = (
    '<?xml version="1.0" encoding="UTF-8"?>\r\n<cmap xmlns="http://cmap.ihmc.us/xml/cmap/">\r\n'
    "<res-meta><title>Water cycle</title></res-meta>\r\n<map>\r\n<concept-list>\r\n"
    '<concept id="1" label="Sun"/><concept id="2" label="Evaporation"/><concept id="3" label="Clouds"/>\r\n'
    '<concept id="4" label="Wind"/></concept-list>\r\n<linking-phrase-list>\r\n'
    '<linking-phrase id="5" label="drives"/><linking-phrase id="6" label="forms"/></linking-phrase-list>\r\n'
    '<connection-list><connection id="7" from-id="1" to-id="5"/><connection id="8" from-id="5" to-id="2"/>\r\n'
    '<connection id="9" from-id="5" to-id="4"/><connection id="10" from-id="2" to-id="6"/>\r\n'
    '<connection id="11" from-id="6" to-id="3"/></connection-list>\r\n</map>\r\n</cmap>\r\n'
)


def test_cxl_written_by_other_tools_imports_and_lays_out():
    imported = read_cxl(OTHER_TOOLS.encode(), "other.cxl")
    cmap = parse_map(checked(imported, "other.yaml", "other", "# imported"), "other.yaml")
    assert cmap.title == "Water cycle"
    assert [(r.source, r.phrase, r.target) for r in cmap.relations] == [
        ("sun", "drives", "evaporation"), ("sun", "drives", "wind"), ("evaporation", "forms", "clouds")]
    assert all(c.position is None for c in cmap.concepts.values())
    drawing = compute_layout(build_graph(cmap))
    assert set(drawing.concepts) == {"sun", "evaporation", "clouds", "wind"}
