"""CSV export: one row per proposition, read back by Python's csv reader; no cell is read as a formula; golden."""

from __future__ import annotations

import csv
import io

from conftest import FIGURE, ROOT

from graph.export.formats import export
from graph.export.table import COLUMNS, cell, write_csv
from graph.load import load_map, parse_map

GOLDEN = ROOT / "tests" / "golden"


def _rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_every_proposition_is_one_row_with_its_labels_and_provenance():
    cmap = load_map(FIGURE)
    rows = _rows(write_csv(cmap))
    assert len(rows) == len(cmap.relations) and list(rows[0]) == list(COLUMNS)
    for row, r in zip(rows, cmap.relations, strict=True):
        assert (row["from_id"], row["phrase"], row["to_id"], row["effect"]) == (r.source, r.phrase, r.target, r.effect)
        assert row["from"] == cmap.concepts[r.source].label and row["inferred"] == ("yes" if r.inferred else "no")
        assert row["quote"] == ((r.evidence.quote or "") if r.evidence else "")


def test_a_cell_that_would_start_a_formula_is_kept_as_text():
    assert [cell(t) for t in ("=1+1", "+3", "-2", "@SUM(A1)", "a=b", "plain")] == [
        "'=1+1", "'+3", "'-2", "'@SUM(A1)", "a=b", "plain"]
    cmap = parse_map(b'conceptmap: 1\ntitle: T\nconcepts: {a: {label: "=HYPERLINK(\\"x\\")"}, b: {}}\n'
                     b'relations:\n  - "a -> @causes, \\"quoted\\" -> b"\n')
    [row] = _rows(write_csv(cmap))
    assert row["from"] == "'=HYPERLINK(\"x\")" and row["phrase"] == "'@causes, \"quoted\""


def test_golden_csv_and_the_export_command_format():
    cmap = load_map(GOLDEN / "tricky.yaml")
    assert write_csv(cmap) == (GOLDEN / "tricky.csv").read_bytes().decode("utf-8")
    assert export(cmap, "csv") == [("tricky.csv", write_csv(cmap).encode("utf-8"))]
