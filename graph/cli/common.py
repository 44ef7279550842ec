"""What every command shares: exit codes, the usage error, which map files a command means, and what it says."""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from graph.problems import Problem, report

OK, INVALID, USAGE = 0, 1, 2
DEFAULT_MAPS = Path("concepts")


class UsageError(Exception):
    """Bad arguments or files that are not there: exit code 2."""


def map_paths(given: Sequence[str]) -> list[Path]:
    """The map files named, or every map in concepts/."""
    if given:
        paths = [Path(p) for p in given]
    elif DEFAULT_MAPS.is_dir():
        paths = sorted(DEFAULT_MAPS.glob("*.yaml")) + sorted(DEFAULT_MAPS.glob("*.yml"))
    else:
        raise UsageError(f"no map given and no {DEFAULT_MAPS}/ folder here; name a map file")
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"no such map file: {', '.join(missing)}")
    for p in paths:
        if not p.is_file():
            kind = "a folder" if p.is_dir() else "not a regular file (a FIFO, socket or device)"
            raise UsageError(f"{p} is {kind}, not a map file; name the map's .yaml file")
    if not paths:
        raise UsageError(f"no maps (*.yaml) in {DEFAULT_MAPS}/")
    stems = [p.stem for p in paths]
    clash = sorted({s for s in stems if stems.count(s) > 1})
    if clash:
        raise UsageError(f"two maps would both be written as {clash[0]}; rename one")
    return paths


def warn(warnings: Sequence[Problem]) -> None:
    """Print the warnings of maps that are valid (bidi controls, invisible characters, look-alike labels)."""
    for line in report(warnings):
        say(line, err=True)


_SAYING = threading.Lock()


def say(line: str, err: bool = False) -> None:
    """One whole line on stdout (or stderr), flushed. `serve` says things from two threads at once, and print()
    writes a line's text and its end apart, so that two lines ran together ("serving ...watching ...")."""
    stream = sys.stderr if err else sys.stdout
    with _SAYING:
        stream.write(line + "\n")
        stream.flush()


def said(written: Path) -> None:
    """Say where a file was written, relative to here when it is below here."""
    say(f"wrote {written.relative_to(Path.cwd()) if written.is_relative_to(Path.cwd()) else written}")
