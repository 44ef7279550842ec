"""Property-based tests: any input gives a map or located problems, never a crash or a hang; builds are
deterministic for every valid map."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.analysis.build import build_graph
from graph.analysis.layout import compute_layout
from graph.load import parse_map
from graph.model import EFFECTS, Map
from graph.page.html import render_html
from graph.problems import MapError

IDS = st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,12}", fullmatch=True)
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\ufeff"),
               min_size=1, max_size=40).filter(lambda s: s.strip())
SETTINGS = settings(max_examples=60, deadline=3000, suppress_health_check=[HealthCheck.too_slow])


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


@st.composite
def maps(draw: st.DrawFn) -> str:
    """YAML text of a valid map."""
    ids = draw(st.lists(IDS, min_size=1, max_size=8, unique=True))
    lines = ["conceptmap: 1", f"title: {quoted(draw(TEXT))}", "concepts:"]
    for cid in ids:
        lines.append(f"  {cid}: {{label: {quoted(draw(TEXT))}, definition: {quoted(draw(TEXT))}}}")
    pairs = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=10, unique=True))
    if pairs:
        lines.append("relations:")
    for a, b in pairs:
        inferred = "true" if draw(st.booleans()) else "false"
        lines.append(f"  - {{from: {a}, to: {b}, phrase: {quoted(draw(TEXT))}, "
                     f"effect: {draw(st.sampled_from(EFFECTS))}, inferred: {inferred}}}")
    return "\n".join(lines) + "\n"


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A valid map with a few random edits: cuts, insertions of YAML syntax or random text, duplicated lines."""
    text = draw(maps())
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["cut", "insert", "syntax", "dup"]))
        if edit == "cut":
            text = text[:i] + text[i + draw(st.integers(1, 20)):]
        elif edit == "insert":
            text = text[:i] + draw(st.text(max_size=10)) + text[i:]
        elif edit == "syntax":
            text = text[:i] + draw(st.sampled_from(
                ["{", "}", "[", "]", ":", "- ", "&a ", "*a", "!!python/object ", "<<: ", "\t", "---\n", "'", '"',
                 "\n  ", "~", "? "])) + text[i:]
        else:
            lines = text.split("\n")
            j = draw(st.integers(0, len(lines) - 1))
            text = "\n".join(lines[: j + 1] + lines[j:])
    return text.encode("utf-8", "surrogatepass")


def _load(data: bytes) -> Map | None:
    try:
        return parse_map(data, "gen.yaml")
    except MapError as err:
        assert err.problems, "a MapError always carries problems"
        assert all(p.line >= 1 and p.col >= 1 and p.code and p.message for p in err.problems)
        return None


@SETTINGS
@given(maps())
def test_generated_valid_maps_load(text: str):
    assert isinstance(_load(text.encode()), Map)


@SETTINGS
@given(mutated())
def test_mutated_maps_give_a_map_or_located_problems(data: bytes):
    _load(data)


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_a_map_or_located_problems(data: bytes):
    _load(data)


@settings(max_examples=15, deadline=None)
@given(maps())
def test_build_and_render_are_deterministic(text: str):
    first, second = parse_map(text.encode()), parse_map(text.encode())
    assert compute_layout(build_graph(first)) == compute_layout(build_graph(second))
    assert render_html(first) == render_html(second)
