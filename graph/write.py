"""The only module that writes files, atomically (temp file + rename): outputs only inside the output folder,
and map files only when they are given positions (`pin`, `serve`)."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path


class WriteError(Exception):
    """A file could not be written where it was asked to go."""


NAME_MAX = 255  # bytes in one file name, on every common file system
_TEMP_STEM = 32  # characters of the target's name kept in its temporary file's name


def check_name(name: str) -> None:
    """Refuse a file name that is not one plain name, or that the file system could not hold."""
    if name in ("", ".", "..") or "/" in name or "\\" in name:
        raise WriteError(f"refusing to write {name!r}: it would land outside the output folder")
    size = len(os.fsencode(name))
    if size > NAME_MAX:
        raise WriteError(f"cannot write {name[:40]}...: the file name is {size} bytes and file systems allow "
                         f"{NAME_MAX}; give the map file a shorter name")


def target(out_dir: Path, name: str) -> Path:
    """The path for `name` inside `out_dir`, refusing anything that would land outside it. Only the folder is
    resolved: a symbolic link named `name` is the file to replace, never a way to its target."""
    check_name(name)
    path = out_dir.resolve() / name
    if path.is_dir() and not path.is_symlink():
        raise WriteError(f"refusing to write {path}: a folder of that name is in the way")
    return path


def _temp(folder: Path, name: str) -> tuple[int, str]:
    """A new temporary file beside the target, with a name that fits however long the target's is."""
    return tempfile.mkstemp(prefix=f".{name[:_TEMP_STEM]}.", suffix=".tmp", dir=folder)


def _swap_in(path: Path, content: bytes, mode: int) -> None:
    """Put `content` at `path` in one rename: written to a temp file beside it, synced, given `mode`; on any
    failure the temp file is removed and `path` is as it was."""
    fd, tmp = _temp(path.parent, path.name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(out_dir: Path, name: str, content: bytes, protect: frozenset[Path] = frozenset()) -> Path:
    """Write `content` to `out_dir/name` so readers see the old file or the new one, never a part. A symbolic
    link at `out_dir/name` is replaced by the file; what it pointed to is left alone."""
    path = target(out_dir, name)
    if path in {p.resolve() for p in protect} | {p.parent.resolve() / p.name for p in protect}:
        raise WriteError(f"refusing to write {path}: it is an input map")
    out_dir.mkdir(parents=True, exist_ok=True)
    _swap_in(path, content, 0o644)
    return path


def replace_file(path: Path, content: bytes, expected: bytes | None = None) -> Path:
    """Replace an existing file (a map being given positions) atomically: a temp file in the same folder, synced,
    then renamed over it, with the old file's permissions. A symlink, a non-regular, read-only or hard-linked
    file is refused, and so is one that no longer holds `expected` (someone saved it meanwhile)."""
    if path.is_symlink():
        raise WriteError(f"refusing to write {path}: it is a symbolic link; name the file it points to")
    try:
        info = path.stat()
        current = path.read_bytes() if expected is not None else None
    except OSError as err:
        raise WriteError(f"cannot write {path}: {err.strerror or err}") from None
    mode = info.st_mode
    if not stat.S_ISREG(mode):
        raise WriteError(f"refusing to write {path}: it is not a regular file")
    if not mode & stat.S_IWUSR:
        raise WriteError(f"refusing to write {path}: it is read-only")
    if info.st_nlink > 1:
        raise WriteError(f"refusing to write {path}: it has {info.st_nlink} hard links, which a rewrite would split")
    if current is not None and current != expected:
        raise WriteError(f"refusing to write {path}: it changed on disk meanwhile; reload and try again")
    _swap_in(path, content, stat.S_IMODE(mode))
    _sync_folder(path.parent)
    return path


def _sync_folder(folder: Path) -> None:
    """Make a rename durable (where the system allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_files(out: str | Path, files: Iterable[tuple[str, bytes]], inputs: Sequence[Path],
                names: Sequence[str] | None = None, said: Callable[[Path], None] | None = None) -> None:
    """Write a build's files atomically under `out`, one at a time as `files` makes them, never over an input
    map, telling `said` each path written. Every name (`names`, or those of a list of files) is checked before
    the first file is written."""
    for name in names if names is not None else [n for n, _ in files]:
        target(Path(out), name)
    for name, content in files:
        written = write_atomic(Path(out), name, content, protect=frozenset(inputs))
        if said is not None:
            said(written)
