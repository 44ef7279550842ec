"""The README's promises: its test command is CI's, and its example output is what the tool prints."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from graph.cli.commands import main

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_exactly_the_readme_test_command():
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    test_command = next(b for b in blocks if "pytest" in b)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci


def _validate_example(intro: str, name: str, tail: str, tmp_path, monkeypatch, capsys) -> None:
    """The README's YAML after `intro`, saved as `name`, gives exactly the output the README shows after it."""
    example = re.search(re.escape(intro) + r"\n\n```yaml\n(.*?)```\n\n```text\n\$ conceptmap validate "
                        + re.escape(name) + r"\n(.*?)" + tail, README, re.S)
    assert example is not None
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text(example.group(1))
    assert main(["validate", name]) == 1
    assert capsys.readouterr().err == example.group(2)


def test_readme_validate_example_is_real(tmp_path, monkeypatch, capsys: pytest.CaptureFixture[str]):
    _validate_example("with this `broken.yaml`:", "broken.yaml", r"\$ echo \$\?\n1\n```", tmp_path, monkeypatch,
                      capsys)


def test_readme_documents_the_exact_csp():
    from graph.page.assets import csp

    assert f"```text\n{csp()}\n```" in README


def test_readme_lists_every_export_format_with_its_file_name():
    from graph.export.formats import FORMATS

    section = README.split("conceptmap export", 1)[1]
    rows = re.findall(r"^\| (`[^|]+`) \| (`[^|]+`) \|", section, re.M)
    names = [n.strip("` ") for row in rows for n in row[0].split(",")]
    files = [f.strip("` ") for row in rows for f in row[1].split(",")]
    assert names == list(FORMATS)
    assert files == [f"NAME.{f.extension}" for f in FORMATS.values()]


def test_readme_score_example_is_the_golden_output():
    golden = (ROOT / "tests" / "golden" / "score.txt").read_text(encoding="utf-8")
    assert f"$ conceptmap diff student.yaml --against expert.yaml --synonyms synonyms.yaml\n{golden}```" in README


def test_readme_syntax_error_example_is_real(tmp_path, monkeypatch, capsys: pytest.CaptureFixture[str]):
    _validate_example("`mistakes.yaml`, one run reports all five mistakes and the warning:", "mistakes.yaml", "```",
                      tmp_path, monkeypatch, capsys)


def test_readme_first_map_is_valid_and_is_the_one_its_screenshot_shows():
    import sys

    from graph.load import parse_map

    walk = README[README.index("## A teacher's first map"):README.index("## Teaching with the map")]
    block = re.search(r"```yaml\n(.*?)```", walk, re.S)
    assert block is not None
    text = "".join(line[3:] + "\n" for line in block.group(1).rstrip().splitlines())
    assert len(parse_map(text.encode(), "glucose.yaml").relations) == 3
    sys.path.insert(0, str(ROOT / "tools"))
    import readme_images

    assert text == readme_images.TEACHER
