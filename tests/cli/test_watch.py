"""`conceptmap watch` with one broken map among valid ones: the valid ones are written, the broken one is named."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from conftest import MINIMAL

from graph.cli.watch import rebuild, watch
from graph.site import Options

BROKEN = MINIMAL.replace("to: mood", "to: mod")
PROBLEM = ("concepts/bad.yaml:9:22: error[unknown-ref]: unknown concept 'mod' (did you mean 'mood'?); "
           "use one of: 'mood', 'pain'\n")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "concepts").mkdir()
    for name, text in (("bad", BROKEN), ("good", MINIMAL), ("other", MINIMAL.replace("Small map", "Other"))):
        (tmp_path / "concepts" / f"{name}.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


MAPS = [Path("concepts/bad.yaml"), Path("concepts/good.yaml"), Path("concepts/other.yaml")]


def test_watch_starts_by_writing_the_valid_maps_beside_a_broken_one(folder: Path, capsys: pytest.CaptureFixture[str]):
    stop = threading.Event()
    stop.set()  # the first build, then no waiting for saves
    told: list[dict[Path, list[str]]] = []
    assert watch(MAPS, Path("output"), Options(), stop, told.append) == 0
    out = capsys.readouterr()
    assert out.out.startswith("wrote output/good.html\nwrote output/other.html\nwatching ")
    assert out.err == PROBLEM + "not written: concepts/bad.yaml (no output/bad.html until it is valid); the other " \
        "maps are built\n"
    assert sorted(p.name for p in (folder / "output").iterdir()) == ["good.html", "other.html"]
    assert told == [{MAPS[0]: [PROBLEM.rstrip("\n")], MAPS[1]: [], MAPS[2]: []}]  # serve's banners: only bad's


def test_a_broken_save_keeps_the_last_good_page_and_says_so(folder: Path, capsys: pytest.CaptureFixture[str]):
    (folder / "concepts" / "bad.yaml").write_text(MINIMAL, encoding="utf-8")
    assert rebuild(MAPS, Path("output"), Options()) is True
    good = (folder / "output" / "bad.html").read_bytes()
    (folder / "concepts" / "bad.yaml").write_text(BROKEN, encoding="utf-8")
    capsys.readouterr()
    assert rebuild(MAPS[:1], Path("output"), Options()) is False  # as watch does after a save of bad.yaml
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err == PROBLEM + "not written: concepts/bad.yaml (kept the last good output in output/bad.html)\n"
    assert (folder / "output" / "bad.html").read_bytes() == good
