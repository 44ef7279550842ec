"""Wording shared by every export: sentences and the text alternative."""

from __future__ import annotations

from conftest import FIGURE

from graph.load import load_map
from graph.text import annotated, in_sentence, text_alternative


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
