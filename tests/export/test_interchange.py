"""Interchange exports: round trips through networkx's readers and our own, DOT through pydot, golden text."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pydot
import pytest
from conftest import FIGURE, ROOT

from graph.analysis.build import build_graph
from graph.analysis.layout import compute_layout
from graph.export.dot import quote, write_dot
from graph.export.graphml import write_gexf, write_graphml
from graph.export.jsonmap import read_json, write_json
from graph.export.markdown import md, write_markdown
from graph.export.mermaid import label, write_mermaid
from graph.load import load_map

GOLDEN = ROOT / "tests" / "golden"
MAPS = [FIGURE, GOLDEN / "tricky.yaml"]


def _layout(cmap):
    return compute_layout(build_graph(cmap))


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_formats_round_trip_every_concept_relation_and_attribute(path: Path, fmt: str, tmp_path: Path):
    cmap = load_map(path)
    pos = _layout(cmap).positions
    file = tmp_path / f"map.{fmt}"
    file.write_text((write_graphml if fmt == "graphml" else write_gexf)(cmap, pos), encoding="utf-8")
    g = nx.read_graphml(file) if fmt == "graphml" else nx.read_gexf(file)
    assert g.is_directed()
    assert sorted(g.nodes) == sorted(cmap.concepts)
    for c in cmap.concepts.values():
        data = g.nodes[c.id]
        assert data["label"] == c.label
        assert data.get("definition") == c.definition
        assert data.get("group") == c.group
        assert data["sources"] == " ".join(c.sources)
        assert (float(data["x"]), float(data["y"])) == pos[c.id]
    edges = {(u, v, d["phrase"]): d for u, v, d in g.edges(data=True)}
    assert len(edges) == len(cmap.relations)
    for r in cmap.relations:
        d = edges[(r.source, r.target, r.phrase)]
        assert (d["effect"], d["inferred"] in (True, "true")) == (r.effect, r.inferred)
        assert d.get("evidence_quote") == (r.evidence.quote if r.evidence else None)
    assert g.graph.get("title", g.graph.get("name")) in (cmap.title, cmap.name)


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_json_round_trips_to_an_equal_map(path: Path):
    cmap = load_map(path)
    drawing = _layout(cmap)
    pos = drawing.positions
    again, layout = read_json(write_json(cmap, drawing))
    assert again == cmap
    assert layout == pos


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_dot_parses_with_pydot_and_keeps_text(path: Path):
    cmap = load_map(path)
    (g,) = pydot.graph_from_dot_data(write_dot(cmap, _layout(cmap).positions))
    nodes = {n.get_name().strip('"'): n for n in g.get_nodes() if n.get_name() not in ("graph", "node", "edge")}
    assert set(nodes) == set(cmap.concepts)
    for c in cmap.concepts.values():
        assert nodes[c.id].get("label") == quote(c.label)
    assert len(g.get_edges()) == len(cmap.relations)


def test_quoting_helpers():
    assert quote('say "hi" \\ now\nnext') == '"say \\"hi\\" \\\\ now\\nnext"'
    assert label('a "b" <c> | %%{init}%%') == '"a #quot;b#quot; #lt;c#gt; #124; #37;#37;{init}#37;#37;"'
    assert md("*x* [y](z) <b>") == "\\*x\\* \\[y\\](z) \\<b>"


MD_TRAPS = ["a_b_c", "_a_", "__init__", "x * y", "# h", "1. one", "2) two", "- item", "+ item", "---", "- - -", "> q",
            "R&D &amp; &#65; &copy", "a \\ b", "a \\* b", "end \\", "![img](x)", "<http://x>", "`code`", "~~strike~~",
            "Heading #", "ends ##", "100. hundred", "[^1]", "[a]: /url", "a]b[c", "***", "___", "a | b"]


def _md_samples() -> list[str]:
    from random import Random

    from corpus import PAYLOADS

    rnd, marks = Random(14), "ab _*\\`[]()<>#+-.!|~&;=1"
    made = ["".join(rnd.choice(marks) for _ in range(rnd.randint(1, 9))) for _ in range(2000)]
    return [t for t in (" ".join(x.split()) for x in [*PAYLOADS.values(), *MD_TRAPS, *made]) if t]


@pytest.mark.parametrize("preset", ["commonmark", "default"])  # "default": with tables and strikethrough
def test_md_text_reads_back_literally_and_escapes_only_what_markdown_would_read(preset: str):
    import html as htmllib

    from markdown_it import MarkdownIt

    render = MarkdownIt(preset).render
    for text in _md_samples():
        for prefix, tag in (("", "p"), ("- ", "li"), ("## ", "h2"), ("1. ", "li")):
            out = re.sub(r"^<[uo]l>\n|\n</[uo]l>\n$", "", render(prefix + md(text) + "\n")).strip()
            match = re.fullmatch(rf"<{tag}>(.*)</{tag}>", out, re.S)
            assert match and htmllib.unescape(match.group(1)) == text, (prefix, text, md(text))
    plain = "Tolerance is the need for dose escalation (increases; stated). R1: a; then b. Smith, J. (2012)! a-b"
    assert md(plain) == plain  # ordinary punctuation stays as it is


@pytest.mark.parametrize("ext,writer", [("dot", write_dot), ("mmd", write_mermaid), ("md", write_markdown)])
def test_golden_text_formats(ext: str, writer):
    cmap = load_map(GOLDEN / "tricky.yaml")
    text = writer(cmap, _layout(cmap).positions) if writer is write_dot else writer(cmap)
    assert text == (GOLDEN / f"tricky.{ext}").read_text(encoding="utf-8")


def test_golden_json():
    cmap = load_map(GOLDEN / "tricky.yaml")
    assert write_json(cmap, _layout(cmap)) == (GOLDEN / "tricky.json").read_text(encoding="utf-8")
