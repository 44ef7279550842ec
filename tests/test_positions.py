"""Positions written into a map's YAML: only the position keys change; comments and formatting stay byte-identical;
an unsafe edit is refused with a located problem; `conceptmap pin` writes today's layout or pasted positions."""

from __future__ import annotations

import difflib
import json
import os
import re
import stat
from pathlib import Path

import pytest
from conftest import MINIMAL

from graph.cli.commands import main
from graph.load import load_map, parse_map
from graph.positions import edits, read_pasted, rounded, set_positions
from graph.problems import MapError
from graph.write import WriteError, replace_file

HEAD = b"""# A comment at the top
conceptmap: 1
title: T   # a title comment
sources:
  s: {cite: S}
concepts:
"""
REL = b"relations:\n  - a -> leads to -> b   # a relation comment\n"


def changed_lines(old: bytes, new: bytes) -> list[str]:
    """The lines a change removes (-) or adds (+)."""
    diff = difflib.ndiff(old.decode().splitlines(), new.decode().splitlines())
    return [d for d in diff if d[:1] in "+-"]


def strip_positions(text: bytes) -> bytes:
    """The text with every written position taken out again (a new line, or a new last flow entry)."""
    text = re.sub(rb"(?m)^ +position: \[-?\d+, -?\d+\]\n", b"", text)
    return re.sub(rb", position: \[-?\d+, -?\d+\]", b"", text)


def pin(body: bytes, positions: dict[str, tuple[float, float]], rel: bytes = REL) -> bytes:
    old = HEAD + body + rel
    new = set_positions(old, positions)
    cmap = parse_map(new)
    for cid, (x, y) in positions.items():
        assert cmap.concepts[cid].position == (float(round(x)), float(round(y)))
    return new


def test_block_mapping_without_position_gets_a_line_after_its_label():
    body = b"  a:\n    label: A   # the label\n    # before the definition\n    definition: |\n      Two\n" \
           b"      lines\n  b:\n    definition: >\n      folded\n"
    new = pin(body, {"a": (10.4, -20.6), "b": (3, 4)})
    assert new == HEAD + b"  a:\n    label: A   # the label\n    position: [10, -21]\n    # before the definition\n" \
        b"    definition: |\n      Two\n      lines\n  b:\n    definition: >\n      folded\n" \
        b"    position: [3, 4]\n" + REL


def test_position_goes_after_the_last_key_of_nested_blocks_and_before_a_comment_that_follows():
    body = b"  a:\n    sources:\n      - s\n    evidence:\n      source: s\n      quote: |-\n        q\n" \
           b"  # about b\n  b: {}\n"
    new = pin(body, {"a": (1, 2)})
    assert changed_lines(HEAD + body + REL, new) == ["+     position: [1, 2]"]
    assert new.index(b"    position: [1, 2]\n  # about b\n") > 0


def test_flow_mappings_get_a_last_entry():
    body = b"  a: {label: A, sources: [s]}   # flow\n  b: {}\n  c: {\n    label: C,\n  }\n"
    new = pin(body, {"a": (1, 2), "b": (3, 4), "c": (5, 6)})
    assert new == HEAD + b"  a: {label: A, sources: [s], position: [1, 2]}   # flow\n  b: {position: [3, 4]}\n" \
        b"  c: {\n    label: C, position: [5, 6],\n  }\n" + REL


def test_existing_positions_are_replaced_in_their_own_style():
    body = b"  a:\n    position:   # pinned\n      - 1\n      - 2.5\n  b: {position: [ 1.5 , 2.0e+3 ]}\n"
    new = pin(body, {"a": (-7, 8), "b": (9, 1e6)})
    assert new == HEAD + b"  a:\n    position:   # pinned\n      - -7\n      - 8\n" \
        b"  b: {position: [ 9 , 1000000 ]}\n" + REL


def test_only_the_named_concepts_change_and_an_unchanged_position_is_not_rewritten():
    body = b"  a: {position: [1.0, 2.0]}\n  b: {label: B}\n"
    old = HEAD + body + REL
    assert set_positions(old, {"a": (1, 2)}) == old
    assert set_positions(old, {}) == old
    assert changed_lines(old, set_positions(old, {"b": (0, 0)})) == [
        "-   b: {label: B}", "+   b: {label: B, position: [0, 0]}"]


def test_crlf_bom_and_a_file_without_a_final_newline_keep_their_form():
    old = b"\xef\xbb\xbf" + (HEAD + b"  a:\n    label: A\n  b:\n    label: B").replace(b"\n", b"\r\n")
    new = set_positions(old, {"a": (1, 2), "b": (3, 4)})
    assert new.startswith(b"\xef\xbb\xbf") and not new.endswith(b"\n") and b"\n" not in new.replace(b"\r\n", b"")
    assert new.endswith(b"    label: B\r\n    position: [3, 4]")
    assert parse_map(new).concepts["a"].position == (1.0, 2.0)


def test_non_ascii_text_before_the_edit_is_counted_in_characters():
    body = "  a:\n    label: \"Schmerz \u00e9\U0001f600\"\n  b: {definition: \u00fcber}\n".encode()
    new = pin(body, {"a": (1, 2), "b": (3, 4)})
    assert "b: {definition: \u00fcber, position: [3, 4]}".encode() in new


def test_an_invalid_map_is_refused_with_its_located_problems():
    with pytest.raises(MapError) as info:
        set_positions(HEAD + b"  a: {label: [x]}\n", {"a": (1, 2)}, "m.yaml")
    assert [(p.line, p.col, p.code) for p in info.value.problems] == [(7, 14, "type")]


def test_an_unknown_concept_is_refused():
    with pytest.raises(MapError) as info:
        set_positions(HEAD + b"  a: {}\n", {"zz": (1, 2)}, "m.yaml")
    assert info.value.problems[0].code == "unknown-concept" and "'zz'" in info.value.problems[0].message


def test_an_edit_that_would_read_back_differently_is_refused(monkeypatch: pytest.MonkeyPatch):
    import graph.positions as positions

    monkeypatch.setattr(positions, "edits", lambda text, root, points: [(0, 0, "# x\nconceptmap: 2\n")])
    with pytest.raises(MapError) as info:
        set_positions(HEAD + b"  a: {}\n", {"a": (1, 2)}, "m.yaml")
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.code) == ("m.yaml", 7, "position-edit")
    assert "nothing was written" in problem.message


def test_edits_touch_only_position_text():
    import yaml

    text = (HEAD + b"  a: {label: A}\n  b:\n    position: [1, 2]\n").decode()
    root = yaml.compose(text)
    for start, end, new in edits(text, root, {"a": (5, 6), "b": (7, 8)}):
        assert "position" in new or (text[start:end].strip() in ("1", "2") and new in ("7", "8"))


@pytest.mark.parametrize("bad", [(float("nan"), 0.0), (0.0, float("inf")), (1e6 + 1, 0.0)])
def test_positions_out_of_the_format_range_are_refused(bad: tuple[float, float]):
    with pytest.raises(ValueError):
        rounded(*bad)


def test_pasted_positions_are_read_with_located_problems():
    cmap = parse_map(HEAD + b"  a: {}\n  b: {}\n", "m.yaml")
    ok = b"# copied\nconcepts:\n  a: {position: [1, 2]}\n  b:\n    label: no position here\n"
    assert read_pasted(ok, "p.yaml", cmap) == {"a": (1.0, 2.0)}
    with pytest.raises(MapError) as info:
        read_pasted(b"concepts:\n  a: {position: [1]}\n  zz: {position: [1, 2]}\n", "p.yaml", cmap)
    assert [(p.file, p.line, p.col, p.code) for p in info.value.problems] == [
        ("p.yaml", 2, 17, "type"), ("p.yaml", 3, 3, "unknown-concept")]
    with pytest.raises(MapError) as info:
        read_pasted(b"positions: {}\n", "p.yaml", cmap)
    assert info.value.problems[0].code == "positions"


def test_replace_file_keeps_the_mode_and_refuses_symlinks(tmp_path: Path):
    path = tmp_path / "m.yaml"
    path.write_bytes(b"old")
    os.chmod(path, 0o600)
    replace_file(path, b"new")
    assert path.read_bytes() == b"new" and stat.S_IMODE(path.stat().st_mode) == 0o600
    link = tmp_path / "link.yaml"
    link.symlink_to(path)
    with pytest.raises(WriteError, match="symbolic link"):
        replace_file(link, b"x")
    assert path.read_bytes() == b"new" and sorted(p.name for p in tmp_path.iterdir()) == ["link.yaml", "m.yaml"]


COMMENTED = MINIMAL.replace("concepts:\n", "concepts:   # the ideas\n").replace(
    "  mood: {label: Mood, definition: How one feels.}\n",
    "  # mood is the second concept\n  mood:\n    label: Mood\n    definition: How one feels.\n")


def test_pin_writes_todays_layout_and_changes_only_position_lines(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("small.yaml").write_text(COMMENTED)
    before = Path("small.yaml").read_bytes()
    assert main(["export", "small.yaml", "-f", "json", "-o", "before"]) == 0
    layout = json.loads(Path("before/small.json").read_text())["layout"]
    assert main(["pin", "small.yaml"]) == 0
    assert capsys.readouterr().out.endswith("pinned 2 concepts in small.yaml\n")
    after = Path("small.yaml").read_bytes()
    assert strip_positions(after) == before
    assert b"# mood is the second concept" in after and b"# the ideas" in after
    cmap = load_map("small.yaml")
    assert {cid: list(c.position or ()) for cid, c in cmap.concepts.items()} == layout
    assert main(["export", "small.yaml", "-f", "json", "-o", "after"]) == 0
    assert json.loads(Path("after/small.json").read_text())["layout"] == layout
    assert main(["pin", "small.yaml"]) == 0
    assert "already written" in capsys.readouterr().out


def test_pin_from_pasted_positions_and_dry_run(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("small.yaml").write_text(COMMENTED)
    Path("p.yaml").write_text("concepts:\n  mood: {position: [40, -50]}\n")
    assert main(["pin", "small.yaml", "--from", "p.yaml", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "+    position: [40, -50]" in out and Path("small.yaml").read_text() == COMMENTED
    assert main(["pin", "small.yaml", "--from", "p.yaml"]) == 0
    assert load_map("small.yaml").concepts["mood"].position == (40.0, -50.0)
    assert load_map("small.yaml").concepts["pain"].position is None


def test_pin_refuses_invalid_maps_and_bad_pastes_writing_nothing(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("bad.yaml").write_text(MINIMAL.replace("title: Small map", "title: [x"))
    before = Path("bad.yaml").read_bytes()
    assert main(["pin", "bad.yaml"]) == 1
    assert "bad.yaml:2:8: error[syntax]" in capsys.readouterr().err and Path("bad.yaml").read_bytes() == before
    Path("small.yaml").write_text(COMMENTED)
    Path("p.yaml").write_text("concepts:\n  nope: {position: [1, 2]}\n")
    assert main(["pin", "small.yaml", "--from", "p.yaml"]) == 1
    err = capsys.readouterr().err
    assert "p.yaml:2:3: error[unknown-concept]" in err and "nothing was written" in err
    assert Path("small.yaml").read_text() == COMMENTED
    assert main(["pin", "small.yaml", "bad.yaml", "--from", "p.yaml"]) == 2


def test_a_position_off_its_row_is_refused_for_what_it_is():
    text = HEAD + b"  a: {}\n  b: {}\nlayout:\n  same_row: [[a, b]]\n"
    with pytest.raises(MapError) as info:
        set_positions(text, {"a": (0, 0), "b": (200, 50)}, "m.yaml")
    assert {p.code for p in info.value.problems} == {"layout-conflict"}


def test_replace_file_refuses_read_only_hard_linked_and_changed_files(tmp_path: Path):
    path = tmp_path / "m.yaml"
    path.write_bytes(b"old")
    os.chmod(path, 0o444)
    with pytest.raises(WriteError, match="read-only"):
        replace_file(path, b"new")
    os.chmod(path, 0o644)
    with pytest.raises(WriteError, match="changed on disk"):  # an editor saved it after we read it
        replace_file(path, b"new", expected=b"what we read")
    twin = tmp_path / "twin.yaml"
    os.link(path, twin)
    with pytest.raises(WriteError, match="2 hard links"):
        replace_file(path, b"new")
    assert path.read_bytes() == b"old" == twin.read_bytes()
    twin.unlink()
    replace_file(path, b"new", expected=b"old")
    assert path.read_bytes() == b"new"


def test_halves_round_as_the_page_rounds_them():
    assert rounded(2.5, -0.5) == (3, 0) and rounded(-2.5, 1.49) == (-2, 1)  # Math.round, not banker's rounding
