"""concepts/opioid-use-disorder.yaml: all five sources, verbatim quotes, visible cautions, linked to the figure."""

from __future__ import annotations

import re

import pytest
from conftest import FIGURE, ROOT

from graph.load import load_map

EXTENDED = ROOT / "concepts" / "opioid-use-disorder.yaml"
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_OF = {"baart": "000", "bicycle": "001", "ballantyne2012": "002", "cedars": "003", "ladetox": "004"}


@pytest.fixture(scope="module")
def extended():
    return load_map(EXTENDED)


def test_covers_causes_mechanisms_states_outcomes_and_treatments(extended):
    groups = {c.group for c in extended.concepts.values()}
    assert {"causes", "mechanisms", "states", "outcomes", "treatments"} <= groups
    for cid in ("mu_receptors", "endogenous_opioid_mechanisms", "methadone", "buprenorphine", "naltrexone",
                "detoxification", "cbt", "contingency_management"):
        assert cid in extended.concepts
    labels = {c.id: c.label for c in extended.concepts.values()}
    assert "full agonist" in labels["methadone"] and "partial agonist" in labels["buprenorphine"]
    assert "antagonist" in labels["naltrexone"]
    assert set(extended.sources) == set(SEED_OF)


def test_every_claim_cites_a_source_with_a_short_quote(extended):
    for item in [*extended.concepts.values(), *extended.relations]:
        assert item.evidence is not None and item.evidence.source in SEED_OF, item
        assert item.evidence.quote and len(item.evidence.quote) <= 140


@pytest.mark.skipif(not SEEDS.exists(), reason="the seed texts live in ../shared beside the checkout")
def test_quotes_are_verbatim_in_their_own_seed(extended):
    texts = {k: next(SEEDS.glob(f"{v}_*.txt")).read_text(encoding="utf-8") for k, v in SEED_OF.items()}
    for item in [*extended.concepts.values(), *extended.relations]:
        assert item.evidence.quote in texts[item.evidence.source], item.evidence.quote


def test_flagged_claims_carry_a_visible_caution(extended):
    for cid in ("marketing_95", "receptor_reset"):
        c = extended.concepts[cid]
        assert c.group == "cautions" and c.label.startswith("\u26a0") and c.definition.startswith("Caution:")
    assert "marketing" in extended.concepts["marketing_95"].label and "doubtful" in extended.concepts[
        "receptor_reset"].label
    for r in extended.relations:
        if "cautions" in (extended.concepts[r.source].group, extended.concepts[r.target].group):
            assert r.note and r.note.startswith("Caution"), r.key


def test_numbers_carry_their_source(extended):
    names = {"baart": "BAART", "bicycle": "Bicycle Health", "cedars": "Cedars", "ladetox": "LA Detox"}
    for c in extended.concepts.values():
        text = f"{c.label} {c.definition}"
        if re.search(r"\d+ ?%|\b\d+ days\b", text):
            assert any(names[s] in text for s in c.sources if s in names), c.id


def test_joins_the_figure_map_where_the_idea_is_the_same(extended):
    figure = load_map(FIGURE)
    shared = set(extended.concepts) & set(figure.concepts)
    assert {"pain", "tolerance", "dependence", "withdrawal_symptoms", "addiction", "opioid_seeking",
            "neuroadaptations", "endogenous_opioid_mechanisms"} <= shared


def test_perspectives_put_the_contested_edge_on_each_side(extended):
    views = extended.perspectives
    assert {"conventional", "interdependence"} <= set(views)
    assert "e41" in views["conventional"].hide and "e33" in views["conventional"].emphasise
    assert "e33" in views["interdependence"].hide and "e41" in views["interdependence"].emphasise
