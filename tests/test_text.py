"""Wording shared by every export: sentences and the text alternative."""

from __future__ import annotations

import json

from conftest import FIGURE

from graph.load import load_map, parse_map
from graph.model import Map
from graph.style import STATUS_WORDS
from graph.text import annotated, in_sentence, line_styles, provenance, text_alternative


def test_in_sentence():
    assert in_sentence("Dose escalation") == "dose escalation"
    assert in_sentence("NMDA receptors") == "NMDA receptors"
    assert in_sentence("X") == "X"
    assert in_sentence("Émile's idea") == "émile's idea"


def test_annotated_proposition():
    cmap = load_map(FIGURE)
    by_id = {r.id: r for r in cmap.relations}
    assert annotated(cmap, by_id["p5"]) == "Tolerance is the need for dose escalation (increases; stated)."
    assert annotated(cmap, by_id["i2"]).endswith("(increases; inferred).")


def test_text_alternative_has_every_proposition_once_grouped_by_concept():
    cmap = load_map(FIGURE)
    items = text_alternative(cmap)
    assert [i.concept.id for i in items] == list(cmap.concepts)
    keys = [r.key for i in items for r, _ in i.propositions]
    assert sorted(keys) == sorted(r.key for r in cmap.relations)
    assert all(r.source == i.concept.id for i in items for r, _ in i.propositions)


PROVENANCE = """conceptmap: 1
title: Provenance
{sources}concepts: {{a: {{label: A}}, b: {{label: B}}, c: {{label: C}}}}
relations:
  - {{from: a, to: b, phrase: raises, effect: increases}}
  - {{from: b, to: c, phrase: lowers, effect: decreases, evidence: {{source: s}}}}
  - {{from: c, to: a, phrase: makes, inferred: true}}
"""
ONE = "sources: {s: {cite: A book.}}\n"
TWO = "sources: {s: {cite: A book.}, t: {cite: Another.}}\n"


def _provenance_map(sources: str) -> Map:
    text = PROVENANCE.format(sources=sources)
    if not sources:
        text = text.replace(", evidence: {source: s}", "")
    return parse_map(text.encode(), "p.yaml", "p")


def test_stated_only_with_evidence_or_the_maps_one_source():
    none, one, two = (_provenance_map(s) for s in ("", ONE, TWO))
    assert [provenance(none, r) for r in none.relations] == ["unsourced", "unsourced", "inferred"]
    assert [provenance(one, r) for r in one.relations] == ["stated", "stated", "inferred"]  # its one source covers
    assert [provenance(two, r) for r in two.relations] == ["unsourced", "stated", "inferred"]  # which of the two?
    assert annotated(none, none.relations[0]) == "A raises B (increases; no source given)."
    assert annotated(two, two.relations[1]) == "B lowers C (decreases; stated)."
    assert line_styles(none) == [("stated", "no source given"), ("inferred", STATUS_WORDS["inferred"])]
    assert line_styles(two)[0] == ("stated", "stated by the source or no source given")


def test_every_text_output_says_no_source_given_where_none_is():
    from graph.analysis.build import build_graph
    from graph.analysis.layout import compute_layout
    from graph.export.jsonmap import write_json
    from graph.export.markdown import write_markdown
    from graph.page.html import render_html

    cmap = _provenance_map(TWO)
    assert "- A raises B (increases; no source given)." in write_markdown(cmap)
    page = render_html(cmap)
    assert "<li>A raises B (increases; no source given).</li>" in page  # the text version
    assert '"status":"unsourced"' in page and '"unsourced":"no source given"' in page  # the panel's data
    doc = json.loads(write_json(cmap, compute_layout(build_graph(cmap))))
    assert doc["provenance"]["a->b"] == {"status": "unsourced", "words": "no source given"}
    assert doc["provenance"]["b->c"] == {"status": "stated", "words": "stated by the source"}
