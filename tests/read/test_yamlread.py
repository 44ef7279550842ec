"""The YAML layer: syntax, duplicate keys, aliases, tags, encodings, each with line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import problems_of

from graph.load import load_map
from graph.problems import MapError
from graph.read.yamlread import read_yaml


def test_syntax_error_is_located_where_the_mistake_is(map_file):
    path = map_file("conceptmap: 1\ntitle: [unclosed\nconcepts: {}\n")
    assert problems_of(path) == [(2, 8, "syntax")]  # the '[' never closed, not where YAML noticed it


def test_duplicate_keys_at_every_depth(map_file):
    path = map_file("""\
        conceptmap: 1
        title: A
        title: B
        concepts:
          pain: {label: Pain, label: Ache}
        """)
    assert problems_of(path) == [(3, 1, "duplicate-key"), (5, 23, "duplicate-key")]


def test_duplicate_key_message_names_first_line(map_file):
    _root, problems = read_yaml(b"a: 1\nb: 2\na: 3\n", "f.yaml")
    assert [str(p) for p in problems] == [
        "f.yaml:3:1: error[duplicate-key]: duplicate key 'a'; it is already set on line 1"]


def test_empty_file(map_file):
    assert problems_of(map_file("")) == [(1, 1, "empty")]
    assert problems_of(map_file("# only a comment\n")) == [(1, 1, "empty")]


def test_document_that_is_not_a_mapping(map_file):
    assert problems_of(map_file("- a\n- b\n")) == [(1, 1, "not-mapping")]
    assert problems_of(map_file("just text\n")) == [(1, 1, "not-mapping")]


def test_aliases_are_refused_without_expansion(map_file):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8))
    found = problems_of(map_file(bomb))
    assert {code for _, _, code in found} == {"alias"}


def test_custom_tags_and_merge_keys_are_refused(map_file):
    path = map_file("""\
        conceptmap: 1
        title: !!python/object/apply:os.system ["echo hi"]
        base: &b {label: X}
        concepts:
          pain: {<<: *b}
        """)
    codes = problems_of(path)
    assert (2, 8, "tag") in codes
    assert (5, 10, "merge-key") in codes


def test_keys_that_are_lists_or_mappings(map_file):
    assert problems_of(map_file("?\n-\n")) == [(2, 1, "key-type")]  # found by the fuzzer
    assert problems_of(map_file("conceptmap: 1\n[a, b]: c\n")) == [(2, 1, "key-type")]


def test_multi_document_file(map_file):
    assert problems_of(map_file("conceptmap: 1\n---\nconceptmap: 1\n")) == [(2, 1, "multi-document")]


def test_invalid_utf8_is_located(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"conceptmap: 1\ntitle: caf\xe9\n")
    assert problems_of(path) == [(2, 11, "encoding")]


def test_control_characters_are_located(tmp_path: Path):
    path = tmp_path / "nul.yaml"
    path.write_bytes(b"conceptmap: 1\ntitle: a\x00b\n")
    assert problems_of(path) == [(2, 9, "control-char")]


def test_tab_indentation_gets_a_hint(map_file):
    path = map_file("conceptmap: 1\ntitle: T\nconcepts:\n\ta: {}\n")
    assert problems_of(path) == [(4, 1, "syntax")]
    with pytest.raises(MapError) as info:
        load_map(path)
    assert info.value.problems[0].message.endswith("; indent with spaces, not tabs")


def test_bom_is_accepted(tmp_path: Path):
    root, problems = read_yaml("\ufeffa: 1\n".encode(), "bom.yaml")
    assert problems == [] and root is not None


def test_deep_nesting_is_refused(map_file):
    assert {c for _, _, c in problems_of(map_file("a: " + "[" * 100 + "]" * 100 + "\n"))} == {"too-deep"}
