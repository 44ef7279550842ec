"""conceptmap diff: golden text, the exit-code contract, the union map, and the diff page in Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, Session, run_in

from graph import style
from graph.analysis.diff import compare
from graph.cli.commands import main
from graph.load import load_map
from graph.page.diffpage import union_map

FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    return run_in(FIXTURES, argv, capsys)


def test_text_matches_the_golden_file_and_exits_1(capsys):
    code, out, _ = _run(["diff", "diff-old.yaml", "diff-new.yaml"], capsys)
    assert code == 1
    assert out == (GOLDEN / "diff.txt").read_text(encoding="utf-8")


def test_same_maps_exit_0(capsys):
    code, out, _ = _run(["diff", "diff-old.yaml", "diff-old.yaml"], capsys)
    assert code == 0 and "No differences" in out


def test_bad_input_exits_2_with_located_problems(capsys, tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("conceptmap: 1\ntitle: x\nconcepts:\n  a: {group: nope}\n", encoding="utf-8")
    code, out, err = _run(["diff", "diff-old.yaml", str(bad)], capsys)
    assert code == 2 and out == ""
    assert f"{bad}:4:" in err and "unknown group 'nope'" in err
    code, _, err = _run(["diff", "diff-old.yaml", "missing.yaml"], capsys)
    assert code == 2 and "no such map file" in err
    code, _, err = _run(["diff", "diff-old.yaml"], capsys)
    assert code == 2 and "name two maps" in err


def test_each_field_of_a_proposition_is_compared():
    d = compare(load_map(FIXTURES / "diff-old.yaml"), load_map(FIXTURES / "diff-new.yaml"))
    assert [(c.key, c.fields) for c in d.changed] == [("pain->mood", ("phrase", "effect", "evidence", "inferred"))]
    assert (d.added, d.removed, d.renamed, d.moved) == (("anxiety->sleep",), ("stress->pain",), ("pain",), ("pain",))
    assert (d.added_concepts, d.removed_concepts) == (("anxiety",), ("stress",))


def test_the_union_map_holds_both_maps_grouped_by_change():
    d = compare(load_map(FIXTURES / "diff-old.yaml"), load_map(FIXTURES / "diff-new.yaml"))
    union, changes = union_map(d)
    assert list(union.concepts) == ["pain", "mood", "sleep", "anxiety", "stress"]
    assert {c.id: c.group for c in union.concepts.values()} == {
        "pain": "changed", "mood": None, "sleep": None, "anxiety": "added", "stress": "removed"}
    assert changes == {"pain->mood": "changed", "anxiety->sleep": "added", "stress->pain": "removed"}
    phrases = {r.key: r.phrase for r in union.relations}
    assert phrases["stress->pain"] == "worsens [removed]" and phrases["pain->sleep"] == "disturbs"


def test_a_diff_of_maps_using_only_the_default_effect_draws_no_glyphs(tmp_path: Path):
    import json
    import re

    from graph.page.diffpage import render_diff_page

    head = "conceptmap: 1\ntitle: T\nconcepts: {a: {label: A}, b: {label: B}, c: {label: C}}\nrelations:\n"
    one = "  - {from: a, to: b, phrase: makes}\n"
    (tmp_path / "old.yaml").write_text(head + one, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(head + one + "  - {from: b, to: c, phrase: gives}\n", encoding="utf-8")
    page = render_diff_page(compare(load_map(tmp_path / "old.yaml"), load_map(tmp_path / "new.yaml")))
    data = json.loads(re.search(r'class="cm-data">(.*?)</script>', page, re.S).group(1))
    assert not data["glyphs"] and [p["text"] for p in data["phrases"]] == ["makes", "gives [added]"]
    figure = re.search(r'<figure class="cm-print".*?</figure>', page, re.S).group(0)
    assert style.EFFECTS["produces"].glyph not in figure and "(\u2192)" not in page  # as in every other drawing


def test_change_styles_differ_in_colour_and_pattern():
    kinds = [style.change_style(k) for k in style.CHANGE_STYLES]
    assert len({s.border for s in kinds}) == len({s.dashes for s in kinds}) == len(kinds)
    assert all(s.width > 2 for s in kinds)  # heavier than an unchanged relation, whatever its pattern


@pytest.fixture(scope="module")
def diff_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("diff") / "diff.html"
    assert main(["diff", str(FIXTURES / "diff-old.yaml"), str(FIXTURES / "diff-new.yaml"), "--page", str(out)]) == 1
    return out


def test_diff_page_draws_the_union_with_change_styles_and_a_legend(browser: Any, diff_page: Path):
    s = Session(browser, diff_page.as_uri())
    page = s.open("diff-new-diff")
    got = page.evaluate("""(name) => {
      const m = conceptmap.maps[name];
      const edges = {};
      m.edges.get().filter(e => m.relation(e.id)).forEach(e => { edges[e.id] = [e.color.color, e.dashes]; });
      return {nodes: m.nodes.get().filter(n => m.concept(n.id)).map(n => n.id).sort(), edges: edges};
    }""", "diff-new-diff")
    assert got["nodes"] == sorted(["pain", "mood", "sleep", "anxiety", "stress"])
    for key, kind in (("anxiety->sleep", "added"), ("stress->pain", "removed"), ("pain->mood", "changed")):
        st = style.change_style(kind)
        assert got["edges"][key] == [st.border, list(st.dashes) or False], key
    assert got["edges"]["pain->sleep"] == [style.THEME_STYLES["light"].effects["decreases"], False]
    legend = page.locator(".cm-legend-list").first.inner_text()
    for words in ("Added (only in diff-new.yaml)", "Removed (only in diff-old.yaml)", "Changed"):
        assert words in legend
    text = page.locator(".cm-text").inner_text()
    assert "Stress worsens [removed] pain" in text and "pain->mood changed: phrase" in text
    s.close()
