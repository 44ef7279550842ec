"""Steps are bounded (issue 13, row 6): their number, the ids they list, what `export --steps` draws; slides
stream to disk one file at a time."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from graph.check import validate
from graph.cli.commands import main
from graph.export import formats
from graph.load import parse_map
from graph.problems import MapError


def _map(concepts: int, steps: list[str], relations: int = 1) -> str:
    """A map of `concepts` concepts c0.. and `relations` relations r0.. (ci -> ci+1), with the given steps."""
    lines = ["conceptmap: 1", "title: Steps", "concepts:"]
    lines += [f"  c{i}: {{label: C{i}}}" for i in range(concepts)]
    lines += ["relations:"] + [f"  - {{id: r{k}, from: c{k % concepts}, to: c{(k + 1) % concepts}, phrase: p{k}, "
                               "effect: produces}" for k in range(relations)]
    lines += ["steps:"] + [f"  - {{title: S{i}, narration: n{i}{s}}}" for i, s in enumerate(steps)]
    return "\n".join(lines) + "\n"


def _all(n: int) -> str:
    """Every concept and the relation r0: a presentation that shows the whole map."""
    return ", concepts: [" + ", ".join(f"c{i}" for i in range(n)) + "], relations: [r0]"


def _problems(text: str) -> list[str]:
    with pytest.raises(MapError) as info:
        parse_map(text.encode(), "s.yaml", "s")
    return [str(p) for p in info.value.problems]


def test_too_many_steps_is_a_located_problem():
    # The shape, scaled: everything revealed in step 1, then empty steps.
    text = _map(200, [_all(200)] + [""] * validate.MAX_STEPS)
    line = text.splitlines().index("steps:") + 2  # the list, under its key
    assert _problems(text) == [f"s.yaml:{line}:3: error[too-many]: the map has {validate.MAX_STEPS + 1} steps; the "
                               f"limit is {validate.MAX_STEPS}: split the presentation into maps"]
    parse_map(_map(200, [_all(200)] + [""] * (validate.MAX_STEPS - 1)).encode())  # at the limit: valid


def test_the_ids_all_steps_list_are_bounded_and_located_at_the_step_that_crosses(monkeypatch: pytest.MonkeyPatch):
    # The other shape, scaled: relation after relation, one step each (the limit lowered to stay fast).
    monkeypatch.setattr(validate, "MAX_STEP_IDS", 50)
    steps = [f", relations: [r{k}]" for k in range(60)]
    text = _map(30, steps, relations=60)
    line = text.splitlines().index("  - {title: S50, narration: n50, relations: [r50]}") + 1
    assert _problems(text) == [f"s.yaml:{line}:5: error[too-many]: steps 1 to 51 list 51 ids (concepts, relations "
                               "and highlights); the limit for all steps together is 50"]
    parse_map(_map(30, steps[:50], relations=60).encode())


def test_the_documented_limits_are_the_ones_enforced():
    doc = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    for value in (validate.MAX_STEPS, validate.MAX_STEP_IDS, formats.MAX_SLIDE_ITEMS):
        assert f"{value:,}" in doc


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_an_export_that_would_draw_too_much_is_refused_before_anything_is_written(
        in_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(formats, "MAX_SLIDE_ITEMS", 1000)  # 40 slides of 30 concepts and 1 relation: 1,240
    Path("s.yaml").write_text(_map(30, [_all(30)] + [""] * 39))
    Path("ok.yaml").write_text(_map(30, [_all(30)] + [""] * 9))
    assert main(["validate", "s.yaml"]) == 0  # the page presents it well; only the slides would be too many
    capsys.readouterr()
    assert main(["export", "ok.yaml", "s.yaml", "--steps", "-o", "slides"]) == 1
    line = Path("s.yaml").read_text().splitlines().index("steps:") + 2
    assert capsys.readouterr().err == (
        f"s.yaml:{line}:3: error[too-large]: its 40 slides would draw 1240 concepts and relations in all; the limit "
        "for one export is 1000: reveal less in the first steps, or use fewer steps\n"
        "1 problem found; nothing was written\n")
    assert not Path("slides").exists()


def test_slides_stream_to_disk_one_file_at_a_time(in_tmp: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch):
    from graph import write
    from graph.export import svg

    drawn: list[int] = []
    written: list[tuple[str, int]] = []
    render, write_atomic = svg._render, write.write_atomic
    monkeypatch.setattr(svg, "_render", lambda *a: (drawn.append(a[2]), render(*a))[1])
    monkeypatch.setattr(write, "write_atomic", lambda out, name, content, protect=frozenset(): (
        written.append((name, len(drawn))), write_atomic(out, name, content, protect))[1])
    Path("s.yaml").write_text(_map(6, [f", concepts: [c{i}]" for i in range(6)]))
    assert main(["export", "s.yaml", "--steps", "-o", "slides"]) == 0
    assert drawn == [0, 1, 2, 3, 4, 5]
    assert written == [(f"s-step-{i + 1:02d}.svg", i + 1) for i in range(6)]  # each written before the next drawn
    assert "C5" in Path("slides/s-step-06.svg").read_text() and "C5" not in Path("slides/s-step-05.svg").read_text()


def test_every_slide_is_what_render_svg_draws_for_its_step():
    from graph.analysis.build import build_graph
    from graph.analysis.layout import compute_layout
    from graph.export.svg import render_slides, render_svg

    cmap = parse_map(_map(5, [", concepts: [c0]", ", relations: [r1]", ", concepts: [c4]"], relations=3).encode(),
                     "s.yaml", "s")
    drawing = compute_layout(build_graph(cmap))
    assert list(render_slides(cmap, drawing)) == [render_svg(cmap, drawing, step=i) for i in range(3)]
