"""A tolerant YAML reading: after a syntax error, report it in plain words, mend or leave out the line, read again."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from yaml.nodes import Node

from graph.problems import Problem
from graph.read.yamledit import Edit, blank, keep_key
from graph.read.yamlhints import Finding, diagnose
from graph.read.yamlread import compose_once, decode

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,63}")
MAX_SYNTAX = 20  # syntax errors reported before reading stops
MAX_PASSES = 100  # readings of one file in all
RECOVERY_WORK = 16 * 1024 * 1024  # characters read in all: a file over 8 MiB is not read again (a pass of 2 MB
# takes about a second)


@dataclass
class Reading:
    """A YAML file read as far as it goes: the tree (None when no part could be read safely), the problems, and
    how the text read differs from the file: lines left out, and columns moved on mended lines."""

    root: Node | None
    problems: list[Problem]
    damaged: set[int] = field(default_factory=set)  # 1-based lines whose text was (partly) left out
    lost: set[str] = field(default_factory=set)  # the words (ids, perhaps) on those lines, as written
    shifts: dict[int, tuple[tuple[int, int], ...]] = field(default_factory=dict)  # 1-based line -> Edit.shifts

    def place(self, problems: Iterable[Problem]) -> list[Problem]:
        """Problems found in the text read, at their place in the file; those on lines left out are dropped (the
        syntax error there is already reported)."""
        out = []
        for p in problems:
            if p.line in self.damaged:
                continue
            col = p.col - 1
            for start, delta in reversed(self.shifts.get(p.line, ())):
                if col >= start:
                    col -= delta
                    break
            out.append(replace(p, col=max(col, 0) + 1) if col + 1 != p.col else p)
        return out


def _apply(lines: list[str], edits: tuple[Edit, ...], reading: Reading) -> None:
    for e in edits:
        if e.damages:
            reading.damaged.add(e.line + 1)
            reading.lost.update(_WORD.findall(lines[e.line]))
        elif e.shifts:
            reading.shifts[e.line + 1] = reading.shifts.get(e.line + 1, ()) + e.shifts
        lines[e.line] = e.text


def read_tolerant(data: bytes, file: str) -> Reading:
    """Read map bytes, going on after syntax errors so that one run reports them all (at most MAX_SYNTAX, within
    RECOVERY_WORK). Each error is mended (quotes, indentation, a space after a colon) or its line left out; the
    lines keep their numbers, so every later problem is located in the file as written."""
    text, problems = decode(data, file)
    if text is None:
        return Reading(None, problems)
    lines, reading = text.split("\n"), Reading(None, [])
    reported: set[int] = set()
    tried: dict[int, int] = {}  # line -> edits tried there
    work, attempt = 0, "\n".join(lines)
    for passes in range(1, MAX_PASSES + 1):
        work += len(attempt)
        root, found, err = compose_once(attempt, file)
        if err is None:
            reading.root, reading.problems = root, reading.problems + reading.place(found)
            return reading
        finding = diagnose(err, lines)
        full = len(reported) >= MAX_SYNTAX
        stop = full or work + len(attempt) > RECOVERY_WORK or passes == MAX_PASSES
        edits = None if stop else _next_edits(lines, finding, err, tried)
        follows = any(e.line + 1 in reading.damaged for e in edits or ())  # from a line already left out
        if finding.line not in reported and not follows and not full:
            reported.add(finding.line)
            reading.problems.append(Problem(file, finding.line, finding.col, "syntax",
                                            f"YAML syntax error: {finding.message}"))
        if edits is None:
            if stop:
                why = f"after {MAX_SYNTAX} syntax errors" if full else "here: the file is too large to read again"
                reading.problems.append(Problem(file, finding.line, finding.col, "too-many-problems",
                                                f"reading stopped {why}; fix these first"))
            reading.problems += reading.place(found)
            return reading
        _apply(lines, edits, reading)
        attempt = "\n".join(lines)
    raise AssertionError("unreachable: the last pass stops")


def _next_edits(lines: list[str], finding: Finding, err: object, tried: dict[int, int]) -> tuple[Edit, ...] | None:
    """The first repair not tried yet at the error's line: the finding's own, then leaving the line's value out,
    then the whole line; None when every line involved is already blank (reading cannot go on)."""
    mark = getattr(err, "problem_mark", None)
    at = finding.line - 1
    here = [at] + ([mark.line] if mark is not None and mark.line < len(lines) and mark.line != at else [])
    candidates = [*finding.repairs, *(f(lines, i) for i in here for f in (keep_key, blank))]
    n = tried.get(at, 0)
    for k, edits in enumerate(candidates):
        if k < n or not edits or all(lines[e.line] == e.text for e in edits):
            continue
        tried[at] = k + 1
        return edits
    return None
