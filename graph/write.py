"""The only module that writes files: atomically (temp file + rename) and only inside the output folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class WriteError(Exception):
    """A file could not be written where it was asked to go."""


def target(out_dir: Path, name: str) -> Path:
    """The path for `name` inside `out_dir`, refusing anything that would land outside it."""
    base = out_dir.resolve()
    path = (base / name).resolve()
    if path.parent != base or name in ("", ".", ".."):
        raise WriteError(f"refusing to write {name!r}: it would land outside {out_dir}")
    return path


def write_atomic(out_dir: Path, name: str, content: bytes, protect: frozenset[Path] = frozenset()) -> Path:
    """Write `content` to `out_dir/name` so readers see the old file or the new one, never a part."""
    path = target(out_dir, name)
    if path in {p.resolve() for p in protect}:
        raise WriteError(f"refusing to write {path}: it is an input map")
    out_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
