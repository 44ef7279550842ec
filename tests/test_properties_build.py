"""Property-based tests of the whole build: maps with parallel relations, groups, steps, named loops,
perspectives and a self-check build a page and every export, the same bytes twice, in bounded time."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import IDS, TEXT, quoted

from graph.export.formats import FORMATS, export
from graph.load import parse_map
from graph.model import EFFECTS, Map
from graph.page.html import render_html

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _ids(draw: st.DrawFn, pool: list[str], most: int) -> str:
    return json.dumps(draw(st.lists(st.sampled_from(pool), max_size=most, unique=True)))


@st.composite
def rich_maps(draw: st.DrawFn) -> str:
    """YAML text of a valid map using every part of the format: parallel relations (several between one pair,
    each with its own id), a ring the map names as a loop, groups, steps, perspectives and a self-check."""
    ids = draw(st.lists(IDS, min_size=3, max_size=8, unique=True))
    groups = draw(st.lists(IDS, max_size=3, unique=True))
    lines = ["conceptmap: 1", f"title: {quoted(draw(TEXT))}"]
    if groups:
        lines += ["groups:", *(f"  {g}: {{label: {quoted(draw(TEXT))}}}" for g in groups)]
    lines.append("concepts:")
    for cid in ids:
        group = f", group: {draw(st.sampled_from(groups))}" if groups and draw(st.booleans()) else ""
        lines.append(f"  {cid}: {{label: {quoted(draw(TEXT))}{group}}}")
    ring = ids[:3]
    pairs = [(ring[i], ring[(i + 1) % 3]) for i in range(3)]
    pairs += draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=8))
    lines.append("relations:")
    keys = []
    for n, (a, b) in enumerate(pairs):
        for k in range(draw(st.integers(1, 3))):  # parallel relations between one pair
            keys.append(f"r{n}_{k}")
            lines.append(f"  - {{id: {keys[-1]}, from: {a}, to: {b}, phrase: {quoted(draw(TEXT))}, "
                         f"effect: {draw(st.sampled_from(EFFECTS))}, inferred: {json.dumps(draw(st.booleans()))}}}")
    lines += ["loops:", f"  - {{name: {quoted(draw(TEXT))}, concepts: {json.dumps(ring)}}}"]
    items = ids + keys
    lines.append("steps:")
    for _ in range(draw(st.integers(1, 4))):
        lines.append(f"  - {{title: {quoted(draw(TEXT))}, narration: {quoted(draw(TEXT))}, "
                     f"concepts: {_ids(draw, ids, 4)}, relations: {_ids(draw, keys, 4)}, "
                     f"highlight: {_ids(draw, items, 3)}}}")
    lines += ["perspectives:", f"  view: {{label: {quoted(draw(TEXT))}, hide: {_ids(draw, items, 3)}, "
                               f"emphasise: {_ids(draw, items, 3)}}}"]
    lines.append(f"selfcheck: {{concepts: {_ids(draw, ids, 3)}, relations: {_ids(draw, keys, 3)}}}")
    return "\n".join(lines) + "\n"


@SETTINGS
@given(rich_maps())
def test_every_part_of_the_format_builds_every_output_deterministically(text: str):
    cmap = parse_map(text.encode(), "rich.yaml", "rich")
    assert isinstance(cmap, Map) and cmap.steps and cmap.loops and cmap.perspectives
    assert render_html(cmap) == render_html(parse_map(text.encode(), "rich.yaml", "rich"))
    for fmt in FORMATS:
        if fmt != "png":  # cairosvg draws the same SVG the svg row checks; slow, and tested in test_interchange
            files = export(cmap, fmt)
            assert files and all(data for _, data in files)
            assert files == export(cmap, fmt)
