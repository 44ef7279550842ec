"""conceptmap diff --against: a student's map scored against an expert's, with a synonyms table."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, run_in

from graph.analysis.score import Synonyms, read_synonyms, score
from graph.load import load_map
from graph.problems import MapError

FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"
ARGS = ["diff", "student.yaml", "--against", "expert.yaml", "--synonyms", "synonyms.yaml"]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    return run_in(FIXTURES, argv, capsys)


@pytest.mark.parametrize(("extra", "golden"), [([], "score.txt"), (["--markdown"], "score.md")])
def test_the_table_matches_the_golden_file(capsys, extra: list[str], golden: str):
    code, out, _ = _run(ARGS + extra, capsys)
    assert code == 1  # not every expert proposition is matched
    assert out == (GOLDEN / golden).read_text(encoding="utf-8")


def test_verdicts_use_the_synonyms():
    expert, student = load_map(FIXTURES / "expert.yaml"), load_map(FIXTURES / "student.yaml")
    syn = read_synonyms((FIXTURES / "synonyms.yaml").read_bytes(), "synonyms.yaml", expert)
    assert [r.verdict for r in score(expert, student, syn).rows] == [
        "match", "reversed", "match", "other phrase", "missing", "extra"]
    plain = [r.verdict for r in score(expert, student, Synonyms()).rows]
    assert plain.count("match") == 0 and plain.count("extra") == 4  # without synonyms two concepts are not found


def test_a_map_scored_against_itself_matches_everything_and_exits_0(capsys):
    code, out, _ = _run(["diff", "expert.yaml", "--against", "expert.yaml"], capsys)
    assert code == 0 and "5 of 5 expert propositions matched" in out


def test_a_bad_synonyms_file_gets_located_problems_and_exit_2(capsys, tmp_path: Path):
    bad = tmp_path / "syn.yaml"
    bad.write_text("concepts:\n  tolerence: [x]\n  dose: {a: b}\nphrase:\n  p: [q]\n", encoding="utf-8")
    code, out, err = _run(["diff", "student.yaml", "--against", "expert.yaml", "--synonyms", str(bad)], capsys)
    assert code == 2 and out == ""
    assert f"{bad}:2:3: error[unknown-ref]: no concept 'tolerence' in the expert map" in err
    assert "(did you mean 'tolerance'?)" in err
    assert f"{bad}:3:9: error[synonym]" in err
    assert f"{bad}:4:1: error[unknown-key]: unknown section 'phrase' (did you mean 'phrases'?)" in err


def test_a_synonyms_file_with_a_yaml_error_is_located():
    expert = load_map(FIXTURES / "expert.yaml")
    with pytest.raises(MapError) as info:
        read_synonyms(b"concepts: [a\n", "s.yaml", expert)
    assert info.value.problems[0].code == "syntax" and info.value.problems[0].file == "s.yaml"
