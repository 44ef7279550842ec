"""Problems as values: a located message with a code, and the error that carries them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

MAX_REPORTED = 100  # problems printed; the rest are counted
HINT_WORK = 2_000_000  # per reading or checking pass: the character pairs "did you mean" may compare
HINT_CUTOFF = 0.6


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a map, at a 1-based line and column; a warning does not stop the map."""

    file: str
    line: int
    col: int
    code: str
    message: str
    level: str = "error"  # or "warning"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.level}[{self.code}]: {self.message}"

    def as_dict(self) -> dict[str, str | int]:
        """The problem as `validate --format json` gives it."""
        return {"file": self.file, "line": self.line, "column": self.col, "level": self.level, "code": self.code,
                "message": self.message}


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that make a map invalid (not the warnings)."""
    return [p for p in problems if p.level == "error"]


def report(problems: Iterable[Problem]) -> list[str]:
    """The lines that tell problems: the first MAX_REPORTED by position, then how many more there are."""
    ordered = sorted(problems)
    lines = [str(p) for p in ordered[:MAX_REPORTED]]
    if len(ordered) > MAX_REPORTED:
        lines.append(f"... and {len(ordered) - MAX_REPORTED} more (only the first {MAX_REPORTED} are shown)")
    return lines


class MapError(Exception):
    """Raised when a map is invalid; carries every problem found, sorted by position."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(problems))
        if not self.problems:
            raise ValueError("MapError needs at least one problem")
        super().__init__("\n".join(report(self.problems)))


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


class Hints:
    """"Did you mean" hints against user-defined names, with a bounded total cost: each hint is charged the
    names it looks at and the character pairs it compares, and once HINT_WORK is spent no more are computed
    (the problems keep their list of what would be accepted). difflib is quadratic in the names' lengths, so
    without a bound 4,000 unknown references among 4,000 concepts took minutes."""

    def __init__(self, work: int = HINT_WORK) -> None:
        self.left = work
        self.computed = 0  # hints looked for: what the tests count

    def __call__(self, value: str, choices: Iterable[str]) -> str:
        close = self.match(value, choices)
        return f" (did you mean {close!r}?)" if close else ""

    def match(self, value: str, choices: Iterable[str]) -> str | None:
        """The nearest of `choices`, or None (none near enough, or the budget is spent)."""
        if self.left <= 0:
            return None
        self.computed += 1
        names = sorted(set(choices))
        self.left -= 10 * len(names) + 1  # the sort and the length test
        size, fits = len(value), []
        for name in names:  # difflib's ratio cannot reach the cutoff when the lengths differ too much
            if 2 * min(size, len(name)) >= HINT_CUTOFF * (size + len(name)):
                cost = size * len(name)
                if cost > self.left:
                    break
                self.left -= cost
                fits.append(name)
        close = difflib.get_close_matches(value, fits, n=1, cutoff=HINT_CUTOFF)
        return close[0] if close else None
