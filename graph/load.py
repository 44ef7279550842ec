"""Load a map: bytes -> YAML nodes -> model -> validated model, or a MapError with every problem."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import stat
from pathlib import Path

from graph.check.validate import validate
from graph.model import Map
from graph.problems import MapError, Problem, errors
from graph.read.reader import read_model
from graph.read.recover import read_tolerant
from graph.read.yamlread import MAX_BYTES, too_large


def parse_map(data: bytes, file: str = "<map>", name: str = "map") -> Map:
    """Read and validate map bytes; `file` names the input in problems, `name` names the outputs. Warnings do
    not stop a map: they come with it, as `warnings`. After a YAML syntax error the rest of the file is still
    read and checked (graph/read/recover.py), so that every problem is reported at once."""
    reading = read_tolerant(data, file)
    if reading.root is None:
        raise MapError(reading.problems)
    cmap, more = read_model(reading.root, file, name, frozenset(reading.damaged))
    if cmap is not None:
        if reading.lost:  # what lines left out named is not reported again where it is referred to
            cmap = dataclasses.replace(cmap, unread=cmap.unread | reading.lost)
        more += validate(cmap)
    problems = reading.problems + reading.place(more)
    if cmap is None or errors(problems):
        raise MapError(problems)
    return dataclasses.replace(cmap, digest=file_digest(data), warnings=tuple(problems))


def file_digest(data: bytes) -> str:
    """The sha256 of a map file's bytes: part of the key that says whether its outputs are current."""
    return hashlib.sha256(data).hexdigest()


def read_map_file(path: Path) -> bytes:
    """A map file's bytes; one over the size limit is refused before a byte is read, and so is anything but a
    regular file (a FIFO would block the read; a folder has no bytes)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as err:
        raise MapError([_unreadable(path, err.strerror or str(err))]) from None
    with os.fdopen(fd, "rb") as f:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a FIFO, socket or device)"
                raise MapError([_unreadable(path, f"it is {kind}; name a map file")])
            if info.st_size > MAX_BYTES:
                raise MapError([too_large(str(path), info.st_size)])
            return f.read()
        except OSError as err:
            raise MapError([_unreadable(path, err.strerror or str(err))]) from None


def _unreadable(path: Path, why: str) -> Problem:
    return Problem(str(path), 1, 1, "read", f"cannot read the file: {why}")


def load_map(path: str | os.PathLike[str]) -> Map:
    """Load and validate the map file at `path`."""
    path = Path(path)
    return parse_map(read_map_file(path), str(path), path.stem)
