"""The command line's rough edges of a first week: --version, --help, --strict, JSON problems, explain by label,
a busy port, several export formats at once, steps that never show part of the map, a short notebook repr."""

from __future__ import annotations

import argparse
import json
import socket
from pathlib import Path

import pytest
from conftest import MINIMAL

from graph import __version__
from graph.cli.args import parser
from graph.cli.commands import COMMANDS, main
from graph.load import parse_map

STEPS = MINIMAL + """\
  - {from: mood, to: pain, phrase: raises, effect: increases}
steps:
  - {title: One, narration: Pain first., concepts: [pain]}
"""


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_version(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0 and capsys.readouterr().out == f"conceptmap {__version__}\n"


def _actions(p: argparse.ArgumentParser) -> list[tuple[str, argparse.Action]]:
    subs = next(a for a in p._actions if isinstance(a, argparse._SubParsersAction))
    return [(name, a) for name, sub in subs.choices.items() for a in sub._actions
            if not isinstance(a, argparse._HelpAction)]


def test_help_explains_every_argument_and_shows_every_default():
    for name, action in _actions(parser(COMMANDS)):
        assert action.help, f"{name} {action.dest} has no help"
        shown = action.default not in (None, False, [], argparse.SUPPRESS)
        if shown and action.option_strings:
            assert "default" in action.help, f"{name} {action.option_strings[0]} does not say its default"


def test_help_of_explain_says_what_from_and_to_are(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit):
        main(["explain", "--help"])
    out = capsys.readouterr().out
    assert "FROM        the concept the chains start at: its id or its label" in out


def test_steps_that_never_reveal_part_of_the_map_warn_at_the_steps_key(in_tmp: Path,
                                                                         capsys: pytest.CaptureFixture[str]):
    Path("talk.yaml").write_text(STEPS)
    assert main(["validate", "talk.yaml"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "talk.yaml: ok (2 concepts, 2 relations)\n"
    assert captured.err == (
        "talk.yaml:11:1: warning[not-revealed]: the steps never reveal 1 concept: 'mood' (line 7) and 2 relations: "
        "'pain->mood' (line 9), 'mood->pain' (line 10); add them to a step's 'concepts' or 'relations', or the "
        "presentation ends without them\n")


def test_steps_that_reveal_everything_do_not_warn():
    text = STEPS.replace("concepts: [pain]}", "relations: [pain->mood, mood->pain]}")
    assert parse_map(text.encode()).warnings == ()
    assert parse_map(MINIMAL.encode()).warnings == ()  # no steps: nothing to warn about


def test_strict_makes_warnings_fail(in_tmp: Path, capsys: pytest.CaptureFixture[str]):
    Path("talk.yaml").write_text(STEPS)
    Path("good.yaml").write_text(MINIMAL)
    assert main(["validate", "--strict", "talk.yaml"]) == 1
    assert capsys.readouterr().err.endswith("\n1 problem found (1 warning among them); nothing was written\n")
    assert main(["build", "--strict", "talk.yaml", "good.yaml"]) == 1
    out, err = capsys.readouterr()
    assert out == "wrote output/good.html\n" and not Path("output/talk.html").exists()
    assert err.endswith("; not written: talk.yaml; the other maps are built\n")
    assert main(["build", "talk.yaml"]) == 0 and Path("output/talk.html").exists()


def test_validate_json(in_tmp: Path, capsys: pytest.CaptureFixture[str]):
    Path("good.yaml").write_text(MINIMAL)
    Path("talk.yaml").write_text(STEPS)
    assert main(["validate", "--format", "json", "good.yaml"]) == 0
    assert capsys.readouterr().out == "[]\n"
    assert main(["validate", "--format", "json", "good.yaml", "talk.yaml"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert {k: row[k] for k in ("file", "line", "column", "level", "code")} == {
        "file": "talk.yaml", "line": 11, "column": 1, "level": "warning", "code": "not-revealed"}
    assert main(["validate", "--format", "json", "--strict", "talk.yaml"]) == 1
    capsys.readouterr()
    assert main(["validate", "--format", "json", "missing.yaml"]) == 2  # a usage error is not a map problem
    assert capsys.readouterr() == ("", "conceptmap: error: no such map file: missing.yaml\n")


def test_explain_takes_labels_and_says_did_you_mean(in_tmp: Path, capsys: pytest.CaptureFixture[str]):
    Path("m.yaml").write_text(MINIMAL.replace("mood: {label: Mood,", "low_mood: {label: Low mood,")
                              .replace("to: mood", "to: low_mood"))
    assert main(["explain", "m.yaml", "PAIN", "Low mood"]) == 0
    assert capsys.readouterr().out.startswith("Chain 1:\n  Pain lowers low mood.")
    assert main(["explain", "m.yaml", "pain", "mood"]) == 2
    assert capsys.readouterr().err == ("conceptmap: error: no concept 'mood' in m.yaml (did you mean 'low_mood', "
                                       "labelled 'Low mood'?); give a concept's id or its label\n")
    assert main(["explain", "m.yaml", "pain", "glucose"]) == 2
    assert capsys.readouterr().err == ("conceptmap: error: no concept 'glucose' in m.yaml; give a concept's id or "
                                       "its label\n")


def test_serve_on_a_busy_port_says_what_to_do(in_tmp: Path, capsys: pytest.CaptureFixture[str]):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        Path("m.yaml").write_text(MINIMAL)
        assert main(["serve", "m.yaml", "--port", str(port)]) == 2
    assert capsys.readouterr() == ("", f"conceptmap: error: port {port} on 127.0.0.1 is already in use (is another "
                                   "conceptmap serve running?); stop that one, or choose another port: --port "
                                   f"{port + 1}, or --port 0 for any free one\n")
    assert not Path("output/m.html").exists()  # nothing was built before the port was found busy


def test_export_several_formats_in_one_call(in_tmp: Path, capsys: pytest.CaptureFixture[str]):
    Path("m.yaml").write_text(MINIMAL)
    assert main(["export", "m.yaml", "-f", "svg", "-f", "markdown", "-f", "svg", "-f", "json"]) == 0
    assert capsys.readouterr().out == "wrote output/m.svg\nwrote output/m.md\nwrote output/m.json\n"
    Path("talk.yaml").write_text(STEPS)
    assert main(["export", "talk.yaml", "--steps", "-f", "svg", "-f", "json"]) == 2
    assert "--steps makes images" in capsys.readouterr().err


def test_the_notebook_text_repr_is_short():
    cmap = parse_map(STEPS.encode(), "talk.yaml", "talk")
    assert repr(cmap) == "<Map 'talk': 2 concepts, 2 relations>"
    one = parse_map(MINIMAL.replace("  - {from", "  #").encode(), name="one")
    assert repr(one) == "<Map 'one': 2 concepts, 0 relations>"
