"""What the commands say: whole lines, even from two threads at once (serve's watcher and server)."""

from __future__ import annotations

import io
import os
import sys
import threading

import pytest

from graph.cli.common import say


def lines_from_two_threads(monkeypatch: pytest.MonkeyPatch, speak) -> list[str]:
    """What two threads, each speaking 3,000 lines, put through a pipe (as serve's output goes to a terminal or
    a pipe: each write a system call, during which the other thread runs)."""
    read, write = os.pipe()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.FileIO(write, "w"), write_through=True))
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.extend(iter(lambda: os.read(read, 65536), b"")))
    reader.start()
    threads = [threading.Thread(target=lambda w=w: [speak(f"{w} line {i}") for i in range(3000)]) for w in "ab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    sys.stdout.close()
    reader.join()
    os.close(read)
    return b"".join(got).decode().splitlines()


def test_two_threads_saying_lines_at_once_never_run_them_together(monkeypatch):
    said = lines_from_two_threads(monkeypatch, say)
    assert sorted(said) == sorted(f"{w} line {i}" for w in "ab" for i in range(3000))


def test_print_would_run_them_together(monkeypatch):
    """The test above can fail: print() from two threads does break lines (it writes a line's end apart), in one
    of a few tries at least."""
    whole = sorted(f"{w} line {i}" for w in "ab" for i in range(3000))
    assert any(sorted(lines_from_two_threads(monkeypatch, print)) != whole for _ in range(5))
