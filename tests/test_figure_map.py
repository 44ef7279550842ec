"""concepts/interdependence.yaml against the checklist in shared/content/figure-propositions.md (section 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIGURE, ROOT

from graph.load import load_map

SEED = ROOT.parent / "shared" / "seeds" / "002_84c0e873f683afc6.txt"
MUST_NODES = {
    "pain", "mood", "tolerance", "dependence", "withdrawal_symptoms", "addiction", "exogenous_opioids",
    "psychological_factors", "stress", "dose_escalation", "opioid_seeking", "aberrant_opioid_seeking",
    "hyperalgesia", "anhedonia", "endogenous_opioid_mechanisms", "irreversible_brain_changes", "dose_reduction",
}
# Checklist id -> (from, to, effect). "P10 or P29" is drawn as P10 (it carries both verbs); P25 is a two-way pair.
MUST_EDGES = {
    "p5": ("tolerance", "dose_escalation", "increases"),
    "p6": ("tolerance", "withdrawal_symptoms", "produces"),
    "p7": ("dose_reduction", "withdrawal_symptoms", "produces"),
    "p10": ("psychological_factors", "tolerance", "produces"),
    "p12": ("dependence", "withdrawal_symptoms", "produces"),
    "p14": ("dependence", "hyperalgesia", "produces"),
    "p15": ("dependence", "anhedonia", "produces"),
    "p16": ("hyperalgesia", "pain", "increases"),
    "p17": ("anhedonia", "mood", "decreases"),
    "p19": ("withdrawal_symptoms", "opioid_seeking", "increases"),
    "p21": ("aberrant_opioid_seeking", "addiction", "defines"),
    "p22": ("aberrant_opioid_seeking", "irreversible_brain_changes", "produces"),
    "p23": ("mood", "neuroadaptations", "interdependent"),
    "p24": ("pain", "neuroadaptations", "interdependent"),
    "p25a": ("pain", "mood", "interdependent"),
    "p25b": ("mood", "pain", "interdependent"),
    "p26": ("endogenous_opioid_mechanisms", "mood", "interdependent"),
    "p27": ("exogenous_opioids", "tolerance", "produces"),
    "p28": ("exogenous_opioids", "dependence", "produces"),
    "p30": ("psychological_factors", "withdrawal_symptoms", "produces"),
    "p31": ("stress", "opioid_seeking", "increases"),
    "p33": ("pain", "dose_escalation", "increases"),
    "p34": ("stress", "pain", "increases"),
}
HEDGES = {"p16": "may", "p17": "may", "p10": "can", "p30": "can", "p33": "is seen as", "p26": "in part",
          "p2": "can"}
FORBIDDEN = {  # section 5: edges the text does not support
    ("noradrenergic_rebound", "hyperalgesia"), ("noradrenergic_rebound", "anhedonia"),
    ("endogenous_opioid_mechanisms", "tolerance"), ("stress", "tolerance"), ("stress", "withdrawal_symptoms"),
    ("exogenous_opioids", "stress"), ("withdrawal_symptoms", "stress"), ("dose_reduction", "stress"),
}


@pytest.fixture(scope="module")
def figure():
    return load_map(FIGURE)


def test_must_include_nodes(figure):
    assert set(figure.concepts) >= MUST_NODES


def test_must_include_edges(figure):
    by_id = {r.id: r for r in figure.relations}
    for rid, (src, dst, effect) in MUST_EDGES.items():
        r = by_id[rid]
        assert (r.source, r.target, r.effect, r.inferred) == (src, dst, effect, False), rid


def test_hedges_stay_in_the_phrases(figure):
    by_id = {r.id: r for r in figure.relations}
    for rid, hedge in HEDGES.items():
        assert hedge in by_id[rid].phrase, rid


def test_withdrawal_senses_are_kept_apart(figure):
    assert {"dose_reduction", "withdrawal_symptoms"} <= set(figure.concepts)
    assert "withdrawal" not in figure.concepts


def test_addiction_is_reached_only_by_defines(figure):
    into = [r for r in figure.relations if r.target == "addiction"]
    assert {r.source for r in into} == {"neuroadaptations", "aberrant_opioid_seeking"}
    assert all(r.effect == "defines" for r in into)
    assert not [r for r in figure.relations if r.source == "addiction"]
    assert not [r for r in figure.relations if r.source == "irreversible_brain_changes"]


def test_nothing_from_section_5(figure):
    drawn = {(r.source, r.target) for r in figure.relations}
    assert drawn.isdisjoint(FORBIDDEN)


def test_inferred_links_are_marked(figure):
    inferred = {r.id for r in figure.relations if r.inferred}
    assert inferred == {"i1", "i2"}
    assert all(r.id.startswith("p") for r in figure.relations if not r.inferred)


def test_every_claim_cites_the_article(figure):
    for item in [*figure.concepts.values(), *figure.relations]:
        assert item.evidence is not None and item.evidence.source == "ballantyne2012", item
        assert item.evidence.quote and len(item.evidence.quote) <= 140, item
    assert all(c.definition for c in figure.concepts.values())


@pytest.mark.skipif(not SEED.exists(), reason="the seed texts live in ../shared beside the checkout")
def test_quotes_are_verbatim_and_definitions_are_own_words(figure):
    seed = Path(SEED).read_text(encoding="utf-8")
    for item in [*figure.concepts.values(), *figure.relations]:
        assert item.evidence.quote in seed, item.evidence.quote
    for c in figure.concepts.values():
        words = c.definition.split()
        runs = {" ".join(words[i:i + 8]) for i in range(len(words) - 7)}
        assert not [r for r in runs if r in seed], c.id  # no 8-word run copied from the source
