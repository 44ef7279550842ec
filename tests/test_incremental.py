"""Incremental builds vouch for every file they keep, and odd inputs and names give clear errors (issue 13)."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import pytest
from conftest import MINIMAL

from graph.cli.commands import main


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("small.yaml").write_text(MINIMAL)
    return tmp_path


def _tamper(page: str) -> str:
    """The right source key kept, the policy taken out and a script put in: what a hostile copy would do."""
    page, n = re.subn(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">', "", page)
    assert n == 1
    return page.replace("</body>", "<script>document.title = 'pwned'</script></body>")


@pytest.mark.parametrize("fragment", [False, True], ids=["page", "fragment"])
def test_a_tampered_output_with_the_right_key_is_rewritten(in_tmp: Path, capsys: pytest.CaptureFixture[str],
                                                           fragment: bool):
    flag = ["--fragment"] if fragment else []
    name = "output/small.fragment.html" if fragment else "output/small.html"
    assert main(["build", "small.yaml", *flag]) == 0
    good = Path(name).read_text()
    assert main(["build", "small.yaml", *flag]) == 0
    assert capsys.readouterr().out.endswith(f"unchanged {name}\n")
    bad = _tamper(good) if not fragment else good.replace("<template ", "<script>alert(1)</script><template ", 1)
    assert bad != good and "conceptmap-source" in bad
    Path(name).write_text(bad)
    assert main(["build", "small.yaml", *flag]) == 0
    assert capsys.readouterr().out == f"wrote {name}\n"
    assert Path(name).read_text() == good


def test_a_planted_page_is_never_unchanged(in_tmp: Path, capsys: pytest.CaptureFixture[str]):
    # A page that no build of ours wrote, carrying the key it would have: the record outside the folder says no.
    assert main(["build", "small.yaml"]) == 0
    good = Path("output/small.html").read_text()
    Path("output/small.html").unlink()
    os.environ["XDG_CACHE_HOME"] = str(in_tmp / "other-cache")  # as on another machine (monkeypatch restores it)
    Path("output/small.html").write_text(_tamper(good))
    capsys.readouterr()
    assert main(["build", "small.yaml"]) == 0
    assert capsys.readouterr().out == "wrote output/small.html\n"
    assert Path("output/small.html").read_text() == good


def test_a_symlinked_output_is_replaced_and_its_target_kept(in_tmp: Path, capsys: pytest.CaptureFixture[str]):
    Path("output").mkdir()
    Path("output/index.html.bak").write_text("backup")
    Path("output/small.html").symlink_to("index.html.bak")
    assert main(["build", "small.yaml"]) == 0
    assert Path("output/index.html.bak").read_text() == "backup"
    assert not Path("output/small.html").is_symlink() and "Small map" in Path("output/small.html").read_text()


def test_a_symlink_to_a_copy_of_the_page_is_not_vouched_for(in_tmp: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["build", "small.yaml"]) == 0
    Path("output/small.html").rename("output/copy.html")
    Path("output/small.html").symlink_to("copy.html")
    capsys.readouterr()
    assert main(["build", "small.yaml"]) == 0
    assert capsys.readouterr().out == "wrote output/small.html\n" and not Path("output/small.html").is_symlink()


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_folder_or_fifo_given_as_a_map_is_named_for_what_it_is(in_tmp: Path, capsys: pytest.CaptureFixture[str],
                                                                 kind: str):
    if kind == "folder":
        Path("odd.yaml").mkdir()
    else:
        os.mkfifo("odd.yaml")
    for command in (["build", "odd.yaml"], ["validate", "odd.yaml"], ["export", "odd.yaml"]):
        assert main(command) == 2
        err = capsys.readouterr().err
        what = "a folder" if kind == "folder" else "not a regular file (a FIFO, socket or device)"
        assert err == f"conceptmap: error: odd.yaml is {what}, not a map file; name the map's .yaml file\n"
    assert not Path("output").exists()


def test_load_map_refuses_a_fifo_without_blocking(tmp_path: Path):
    from graph.load import load_map
    from graph.problems import MapError

    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    # Loaded in a thread: if the FIFO were ever opened for a blocking read, the test fails after 20 s instead of
    # hanging (no writer is involved, so no race with one).
    outcome: list[MapError] = []

    def load() -> None:
        try:
            load_map(pipe)
        except MapError as err:
            outcome.append(err)

    reader = threading.Thread(target=load, daemon=True)
    reader.start()
    reader.join(timeout=20)
    assert not reader.is_alive(), "load_map blocked on a FIFO"
    assert outcome and isinstance(outcome[0], MapError)
    info = outcome[0]
    assert [p.code for p in info.problems] == ["read"]
    assert "it is not a regular file (a FIFO, socket or device)" in info.problems[0].message


def test_a_map_name_too_long_for_its_outputs_is_a_clear_error(in_tmp: Path, capsys: pytest.CaptureFixture[str]):
    stem = "m" * 245  # the map file's name fits in 255 bytes; "NAME.fragment.html" does not
    Path(f"{stem}.yaml").write_text(MINIMAL)
    assert main(["build", f"{stem}.yaml", "--fragment"]) == 2
    err = capsys.readouterr().err
    assert "the file name is 259 bytes and file systems allow 255; give the map file a shorter name" in err
    assert "Traceback" not in err and not any(Path("output").glob("*"))
    assert main(["build", f"{stem}.yaml"]) == 0  # NAME.html (250 bytes) fits, and so does its temporary file
    assert Path(f"output/{stem}.html").exists() and sorted(os.listdir("output")) == [f"{stem}.html"]
