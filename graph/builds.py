"""What builds wrote, kept outside the output folder: a build skips a map only when its output file holds, byte
for byte, what a build with the same source key wrote there (a key written inside a file proves nothing)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from pathlib import Path

VERSION = 1


def cache_folder() -> Path | None:
    """Where the records live: $XDG_CACHE_HOME/conceptmap/builds, or ~/.cache/conceptmap/builds."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:
            return None
    return Path(base) / "conceptmap" / "builds"


def _record_name(out: Path) -> str:
    return hashlib.sha256(os.fsencode(out.resolve())).hexdigest() + ".json"


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def load(out: Path) -> dict[str, dict[str, str]]:
    """The record of what was written into `out`: {file name: {"key": source key, "sha256": digest}}."""
    folder = cache_folder()
    if folder is None:
        return {}
    try:
        data = json.loads((folder / _record_name(out)).read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != VERSION or data.get("folder") != str(out.resolve()):
        return {}
    files = data.get("files")
    return {k: v for k, v in files.items() if isinstance(v, dict)} if isinstance(files, dict) else {}


def vouched(out: Path, record: dict[str, dict[str, str]], name: str, key: str) -> bool:
    """True only when `out/name` is a regular file holding exactly what a build with `key` wrote there."""
    entry = record.get(name)
    if entry is None or entry.get("key") != key:
        return False
    path = out / name
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return False
        return digest(path.read_bytes()) == entry.get("sha256")
    except OSError:
        return False


def remember(out: Path, written: dict[str, tuple[str, bytes]]) -> None:
    """Record the key and digest of each file just written to `out`. A cache that cannot be written only means
    the next build rebuilds."""
    from graph.write import WriteError, write_atomic

    folder = cache_folder()
    if folder is None or not written:
        return
    record = load(out)
    record.update({name: {"key": key, "sha256": digest(content)} for name, (key, content) in written.items()})
    text = json.dumps({"version": VERSION, "folder": str(out.resolve()), "files": dict(sorted(record.items()))},
                      indent=1)
    with contextlib.suppress(OSError, WriteError):
        write_atomic(folder, _record_name(out), text.encode("utf-8"))
