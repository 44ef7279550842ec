"""Rows and columns the author asked for: concepts that share one y (a row) or one x (a column), kept so."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

Centre = tuple[float, float]
X, Y = 0, 1  # axes: a column shares x, a row shares y


class Lines:
    """The author's rows and columns over the concepts that exist; a concept not in one is a line of its own."""

    def __init__(self, rows: Iterable[Sequence[str]] = (), columns: Iterable[Sequence[str]] = (),
                 names: Collection[str] = ()) -> None:
        self.blocks: tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]] = ({}, {})
        for axis, groups in ((X, columns), (Y, rows)):
            for ids in groups:
                members = tuple(dict.fromkeys(n for n in ids if n in names))
                for n in members:
                    self.blocks[axis].setdefault(n, members)

    def __bool__(self) -> bool:
        return bool(self.blocks[X] or self.blocks[Y])

    def members(self, name: str, axis: int) -> tuple[str, ...]:
        """The concepts that move with `name` along `axis`: its column for x, its row for y."""
        return self.blocks[axis].get(name, (name,))

    def free(self, name: str, axis: int, fixed: Collection[str]) -> bool:
        """Whether `name` may move along `axis`: nothing that moves with it is pinned."""
        return not any(n in fixed for n in self.members(name, axis))

    def together(self, a: str, b: str, axis: int) -> bool:
        """Whether a and b move as one along `axis`, so that moving along it cannot part them."""
        return b in self.members(a, axis)

    def locked(self, name: str) -> tuple[bool, bool]:
        """Whether moving `name` alone would break its column (x) or its row (y)."""
        return name in self.blocks[X], name in self.blocks[Y]

    def align(self, pos: dict[str, Centre], fixed: Collection[str]) -> None:
        """Give every row one y and every column one x: a pinned member's, else the members' mean."""
        for axis in (X, Y):
            for members in dict.fromkeys(self.blocks[axis].values()):
                pinned = [pos[n][axis] for n in members if n in fixed]
                value = pinned[0] if pinned else sum(pos[n][axis] for n in members) / len(members)
                for n in members:
                    if n not in fixed:
                        pos[n] = (value, pos[n][1]) if axis == X else (pos[n][0], value)

    def shift(self, pos: dict[str, Centre], name: str, axis: int, by: float) -> None:
        """Move `name`, with everything that moves with it, by `by` along `axis`."""
        for n in self.members(name, axis):
            x, y = pos[n]
            pos[n] = (x + by, y) if axis == X else (x, y + by)
