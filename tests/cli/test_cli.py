"""The command line: exit codes as a contract, exact problem output, nothing written for invalid maps."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import MINIMAL, ROOT

from graph.cli.commands import main

DEFECTS = """\
conceptmap: 1
title: Broken
titel: typo
concepts:
  pain: {label: Pain, group: nope}
  pain: {label: Again}
  mood: {label: Mood, definition: [a list]}
relations:
  - {from: pain, to: mod, phrase: lowers, effect: increase}
"""


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_validate_prints_every_problem_and_exits_1(in_tmp: Path, capsys: pytest.CaptureFixture[str]):
    Path("broken.yaml").write_text(DEFECTS)
    assert main(["validate", "broken.yaml"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "broken.yaml:3:1: error[unknown-key]: unknown key 'titel' in map (did you mean 'title'?); use one of: "
        "'conceptmap', 'concepts', 'description', 'focus_question', 'groups', 'layout', 'loops', 'perspectives', "
        "'relations', 'selfcheck', 'sources', 'steps', 'title'\n"
        "broken.yaml:5:30: error[unknown-ref]: unknown group 'nope'; none are defined\n"
        "broken.yaml:6:3: error[duplicate-key]: duplicate key 'pain'; it is already set on line 5\n"
        "broken.yaml:7:35: error[type]: 'definition' must be text, not a list\n"
        "broken.yaml:9:22: error[unknown-ref]: unknown concept 'mod' (did you mean 'mood'?); use one of: "
        "'mood', 'pain'\n"
        "broken.yaml:9:51: error[effect]: unknown effect 'increase' (did you mean 'increases'?); use one of: "
        "'decreases', 'defines', 'increases', 'interdependent', 'produces'\n"
        "6 problems found; nothing was written\n"
    )


def test_validate_ok(in_tmp: Path, capsys: pytest.CaptureFixture[str]):
    Path("small.yaml").write_text(MINIMAL)
    assert main(["validate", "small.yaml"]) == 0
    assert capsys.readouterr().out == "small.yaml: ok (2 concepts, 1 relation)\n"


def test_usage_errors_exit_2(in_tmp: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["validate", "missing.yaml"]) == 2
    assert capsys.readouterr().err == "conceptmap: error: no such map file: missing.yaml\n"
    assert main(["build"]) == 2
    assert "no map given and no concepts/ folder here" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2


def test_build_writes_the_valid_maps_and_reports_the_broken_one(in_tmp: Path, capsys: pytest.CaptureFixture[str]):
    Path("concepts").mkdir()
    Path("concepts/good.yaml").write_text(MINIMAL)
    Path("concepts/bad.yaml").write_text(DEFECTS)
    assert main(["build"]) == 1
    out, err = capsys.readouterr()
    assert out == "wrote output/good.html\n" and sorted(os.listdir("output")) == ["good.html"]
    assert err.startswith("concepts/bad.yaml:3:1: error[unknown-key]")
    assert err.endswith("\n6 problems found; not written: concepts/bad.yaml; the other maps are built\n")


def test_build_of_only_broken_maps_writes_nothing(in_tmp: Path, capsys: pytest.CaptureFixture[str]):
    Path("bad.yaml").write_text(DEFECTS)
    assert main(["build", "bad.yaml"]) == 1
    assert not Path("output").exists()
    assert capsys.readouterr().err.endswith("\n6 problems found; nothing was written\n")


def test_build_defaults_and_output_dir(in_tmp: Path, capsys: pytest.CaptureFixture[str]):
    Path("concepts").mkdir()
    Path("concepts/small.yaml").write_text(MINIMAL)
    assert main(["build"]) == 0
    assert capsys.readouterr().out == "wrote output/small.html\n"
    assert Path("output/small.html").read_text().startswith("<!DOCTYPE html>")
    assert main(["build", "concepts/small.yaml", "-o", "site"]) == 0
    assert Path("site/small.html").read_bytes() == Path("output/small.html").read_bytes()


def test_build_refuses_to_overwrite_its_input(in_tmp: Path, capsys: pytest.CaptureFixture[str]):
    Path("x.html").write_text(MINIMAL)  # an odd name, but a map all the same
    before = Path("x.html").read_bytes()
    assert main(["build", "x.html", "-o", "."]) == 2
    assert "it is an input map" in capsys.readouterr().err
    assert Path("x.html").read_bytes() == before


def test_python_dash_m_and_no_traceback(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"conceptmap: 1\ntitle: [\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-m", "graph", "validate", str(bad)], capture_output=True, text=True,
                         env=env, check=False)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith(f"{bad}:2:8: error[syntax]: YAML syntax error: the '[' opened here")


def test_validate_does_not_import_heavy_modules(tmp_path: Path):
    code = ("import sys; from graph.cli.commands import main; main(['validate', %r]); "
            "print(sorted(m for m in ('networkx', 'numpy', 'pyvis', 'scipy', 'jinja2') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code % str(ROOT / "concepts" / "interdependence.yaml")],
                         capture_output=True, text=True, cwd=ROOT, check=True)
    assert run.stdout.splitlines()[-1] == "[]"


def test_large_map_build_does_not_import_numpy(tmp_path: Path):
    """numpy is for untangling maps of up to 400 phrases; igraph's force layout of a larger one does without it."""
    sys.path.insert(0, str(ROOT / "bench"))
    from synth import synthetic_map

    source = tmp_path / "big.yaml"
    source.write_text(synthetic_map(500), encoding="utf-8")
    code = ("import sys; from graph.cli.commands import main; main(['build', %r, '-o', %r]); "
            "print('numpy' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code % (str(source), str(tmp_path / "out"))],
                         capture_output=True, text=True, cwd=ROOT, check=True)
    assert (tmp_path / "out" / "big.html").exists()
    assert run.stdout.splitlines()[-1] == "False"


def test_export_svg_per_step(in_tmp: Path, capsys: pytest.CaptureFixture[str]):
    Path("m.yaml").write_text(MINIMAL + "steps:\n  - {title: A, narration: a, concepts: [pain]}\n"
                              "  - {title: B, narration: b, relations: [pain->mood]}\n")
    assert main(["export", "m.yaml", "--steps", "-o", "slides"]) == 0
    assert capsys.readouterr().out == "wrote slides/m-step-01.svg\nwrote slides/m-step-02.svg\n"
    assert "Pain" in Path("slides/m-step-01.svg").read_text() and "Mood" not in Path("slides/m-step-01.svg").read_text()
    assert main(["export", "m.yaml", "-f", "png"]) == 0
    assert Path("output/m.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_export_steps_needs_steps(in_tmp: Path, capsys: pytest.CaptureFixture[str]):
    Path("m.yaml").write_text(MINIMAL)
    assert main(["export", "m.yaml", "--steps"]) == 2
    assert "--steps needs maps with steps" in capsys.readouterr().err


def test_build_is_incremental_and_check_names_stale_files(in_tmp: Path, capsys: pytest.CaptureFixture[str]):
    Path("concepts").mkdir()
    Path("concepts/small.yaml").write_text(MINIMAL)
    assert main(["build", "--check"]) == 1
    assert capsys.readouterr().err == "stale: output/small.html\n"
    assert main(["build"]) == 0
    capsys.readouterr()
    assert main(["build", "--check"]) == 0
    assert capsys.readouterr().out == "output/ is up to date\n"
    assert main(["build"]) == 0
    assert capsys.readouterr().out == "unchanged output/small.html\n"
    Path("concepts/small.yaml").write_text(MINIMAL.replace("Small map", "Changed map"))
    assert main(["build", "--check"]) == 1
    assert capsys.readouterr().err == "stale: output/small.html\n"
    Path("output/small.html").write_text("edited by hand")  # a hand edit is stale too, whatever its key says
    assert main(["build"]) == 0
    assert "Changed map" in Path("output/small.html").read_text()


def test_fragment_and_shared_assets(in_tmp: Path, capsys: pytest.CaptureFixture[str]):
    from graph.page.assets import SHARED_VIS

    Path("a.yaml").write_text(MINIMAL)
    Path("b.yaml").write_text(MINIMAL.replace("Small map", "Other"))
    assert main(["build", "a.yaml", "b.yaml", "--fragment", "--assets", "shared", "-o", "site"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["wrote site/a.fragment.html", "wrote site/b.fragment.html", f"wrote site/{SHARED_VIS}"]
    fragment = Path("site/a.fragment.html").read_text()
    assert fragment.startswith("<!-- conceptmap fragment") and "<html" not in fragment
    assert f'<script src="{SHARED_VIS}"></script>' in fragment
    assert ' id="' not in fragment, "fragments use no element ids, so several can share a page"


def test_embed_prints_an_accessible_iframe(in_tmp: Path, capsys: pytest.CaptureFixture[str]):
    Path("m.yaml").write_text(MINIMAL.replace("Small map", 'Map "<one>"'))
    assert main(["embed", "m.yaml"]) == 0
    out = capsys.readouterr().out
    assert 'src="m.html"' in out and 'title="Concept map: Map &#34;&lt;one&gt;&#34;"' in out
    assert "aspect-ratio: 16 / 9" in out


def test_notebook_display_is_registered_with_ipython_by_name():
    from types import SimpleNamespace

    from graph.load import parse_map
    from graph.notebook import register

    registered: list[tuple[str, str, Any]] = []
    html_formatter = SimpleNamespace(for_type_by_name=lambda *args: registered.append(args))
    shell = SimpleNamespace(display_formatter=SimpleNamespace(formatters={"text/html": html_formatter}))
    assert register() is False  # no IPython running: nothing to tell
    assert register(shell) is True
    [(module, name, show)] = registered
    assert (module, name) == ("graph.model", "Map")
    html = show(parse_map(MINIMAL.encode()))
    assert html.startswith("<iframe srcdoc=") and "&lt;!DOCTYPE html&gt;" in html
    assert 'sandbox="allow-scripts allow-popups"' in html


def test_build_refuses_an_oversized_map_before_reading_it(in_tmp: Path, capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch):
    from graph import load

    Path("big.yaml").write_bytes(b"conceptmap: 1\n" + b"#" * (load.MAX_BYTES + 1))
    opened = load.os.fdopen

    class Unread:  # the opened map file, whose bytes must not be read
        def __init__(self, fd: int, mode: str) -> None:
            self.file = opened(fd, mode)

        def __enter__(self) -> Unread:
            return self

        def __exit__(self, *exc: object) -> None:
            self.file.close()

        def read(self) -> bytes:
            return pytest.fail("read the oversized map")

    monkeypatch.setattr(load.os, "fdopen", Unread)
    assert main(["build", "big.yaml"]) == 1
    assert "big.yaml:1:1: error[too-large]" in capsys.readouterr().err


def test_text_size_option(in_tmp: Path, capsys: pytest.CaptureFixture[str]):
    Path("small.yaml").write_text(MINIMAL)
    assert main(["build", "small.yaml", "--text-size", "20"]) == 0
    assert 'data-text-size="20"' in Path("output/small.html").read_text()
    capsys.readouterr()
    assert main(["build", "small.yaml"]) == 0  # another size is another output: not "unchanged"
    assert capsys.readouterr().out == "wrote output/small.html\n"
    assert 'data-text-size="12"' in Path("output/small.html").read_text()
    for bad in ("99", "big", "-3"):
        with pytest.raises(SystemExit) as info:
            main(["build", "small.yaml", "--text-size", bad])
        assert info.value.code == 2
        assert f"{bad!r} is not a text size; use a whole number of px from 8 to 48" in capsys.readouterr().err
