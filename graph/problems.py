"""Problems as values: a located message with a code, and the error that carries them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a map, at a 1-based line and column."""

    file: str
    line: int
    col: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: error[{self.code}]: {self.message}"


class MapError(Exception):
    """Raised when a map is invalid; carries every problem found, sorted by position."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(problems))
        if not self.problems:
            raise ValueError("MapError needs at least one problem")
        super().__init__("\n".join(str(p) for p in self.problems))


def quoted(value: str, limit: int = 60) -> str:
    """Show a user value in a message: repr-quoted, control characters escaped, long text cut."""
    text = value if len(value) <= limit else value[: limit - 1] + "…"
    return repr(text)


def one_of(choices: Iterable[str], limit: int = 12) -> str:
    """Say what would be accepted: "use one of: 'a', 'b'" (lists longer than `limit` are cut), or "none are
    defined"."""
    items = sorted(choices)
    if not items:
        return "none are defined"
    shown = ", ".join(repr(c) for c in items[:limit])
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    return f"use one of: {shown}{more}"


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """A " (did you mean 'x'?)" hint for a near miss, or the empty string."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
