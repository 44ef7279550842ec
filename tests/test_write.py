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


def test_a_symlink_in_the_output_folder_is_replaced_never_its_target(tmp_path: Path):
    (tmp_path / "index.html.bak").write_bytes(b"the teacher's backup")
    (tmp_path / "m.html").symlink_to("index.html.bak")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_bytes(b"outside")
    (tmp_path / "n.html").symlink_to(outside)
    write_atomic(tmp_path, "m.html", b"<p>new page</p>")
    write_atomic(tmp_path, "n.html", b"<p>other page</p>")
    assert not (tmp_path / "m.html").is_symlink() and (tmp_path / "m.html").read_bytes() == b"<p>new page</p>"
    assert (tmp_path / "index.html.bak").read_bytes() == b"the teacher's backup"
    assert not (tmp_path / "n.html").is_symlink() and outside.read_bytes() == b"outside"


def test_a_dangling_symlink_or_a_link_to_an_input_map_is_replaced_and_the_map_kept(tmp_path: Path):
    (tmp_path / "map.yaml").write_text("conceptmap: 1\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "map.html").symlink_to(tmp_path / "map.yaml")
    (out / "gone.html").symlink_to(tmp_path / "nowhere")
    write_atomic(out, "map.html", b"page", protect=frozenset({tmp_path / "map.yaml"}))
    write_atomic(out, "gone.html", b"page")
    assert (tmp_path / "map.yaml").read_text() == "conceptmap: 1\n"
    assert (out / "map.html").read_bytes() == b"page" and (out / "gone.html").read_bytes() == b"page"
    assert not (tmp_path / "nowhere").exists()


def test_an_input_map_reached_through_a_symlink_is_still_protected(tmp_path: Path):
    (tmp_path / "real.yaml").write_text("conceptmap: 1\n")
    (tmp_path / "map.yaml").symlink_to("real.yaml")
    for given in (tmp_path / "map.yaml", tmp_path / "real.yaml"):
        with pytest.raises(WriteError, match="input map"):
            write_atomic(tmp_path, "real.yaml", b"x", protect=frozenset({given}))
    with pytest.raises(WriteError, match="input map"):
        write_atomic(tmp_path, "map.yaml", b"x", protect=frozenset({tmp_path / "map.yaml"}))
    assert (tmp_path / "real.yaml").read_text() == "conceptmap: 1\n" and (tmp_path / "map.yaml").is_symlink()


def test_a_long_name_that_fits_gets_a_temporary_file_that_fits(tmp_path: Path):
    name = "m" * 250 + ".html"  # 255 bytes: the longest name there is; its temporary name must not be longer
    write_atomic(tmp_path, name, b"x")
    assert (tmp_path / name).read_bytes() == b"x" and sorted(p.name for p in tmp_path.iterdir()) == [name]
    wide = "é" * 125 + ".html"  # 255 bytes in UTF-8
    write_atomic(tmp_path, wide, b"y")
    assert (tmp_path / wide).read_bytes() == b"y"


@pytest.mark.parametrize(("name", "size"), [("m" * 251 + ".html", 256), ("é" * 126 + ".html", 257)],
                         ids=["ascii", "utf-8"])
def test_a_name_too_long_for_the_file_system_is_a_clear_error(tmp_path: Path, name: str, size: int):
    with pytest.raises(WriteError, match=f"the file name is {size} bytes and file systems allow 255"):
        write_atomic(tmp_path, name, b"x")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_in_the_way_is_a_clear_error(tmp_path: Path):
    (tmp_path / "m.html").mkdir()
    with pytest.raises(WriteError, match="a folder of that name is in the way"):
        write_atomic(tmp_path, "m.html", b"x")
