"""The one module that writes: atomic, inside the output folder, never over an input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graph import write
from graph.write import WriteError, write_atomic


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    write_atomic(tmp_path, "map.html", b"old content")

    def fail_midway(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(write.os, "fsync", fail_midway)  # after part of the data is written
    with pytest.raises(OSError, match="disk full"):
        write_atomic(tmp_path, "map.html", b"new content " * 1000)
    assert (tmp_path / "map.html").read_bytes() == b"old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]


def test_a_killed_writer_never_shows_a_partial_file(tmp_path: Path):
    # The new content becomes visible only through os.replace, all at once: before it, readers see the old file.
    replaced = []
    real = os.replace

    def spy(src: str, dst: Path) -> None:
        assert (tmp_path / "map.html").read_bytes() == b"old"
        assert Path(src).read_bytes() == b"new"
        replaced.append(dst)
        real(src, dst)

    write_atomic(tmp_path, "map.html", b"old")
    write.os.replace, saved = spy, write.os.replace  # type: ignore[assignment]
    try:
        write_atomic(tmp_path, "map.html", b"new")
    finally:
        write.os.replace = saved
    assert replaced and (tmp_path / "map.html").read_bytes() == b"new"


@pytest.mark.parametrize("name", ["../x.html", "../../x", "/etc/passwd", "sub/x.html", "..", ".", ""])
def test_output_never_lands_outside_the_folder(tmp_path: Path, name: str):
    out = tmp_path / "out"
    with pytest.raises(WriteError):
        write_atomic(out, name, b"x")
    assert not (tmp_path / "x.html").exists() and not (tmp_path / "x").exists()


def test_refuses_to_write_over_an_input(tmp_path: Path):
    (tmp_path / "map.yaml").write_text("conceptmap: 1\n")
    with pytest.raises(WriteError, match="input map"):
        write_atomic(tmp_path, "map.yaml", b"x", protect=frozenset({tmp_path / "map.yaml"}))
    assert (tmp_path / "map.yaml").read_text() == "conceptmap: 1\n"
