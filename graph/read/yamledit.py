"""Line edits that let a YAML reading go on past a syntax error, and what they need to know about lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

# `KEY:` at the start of a line (after list dashes), with the value that follows; keys of this format are ids.
KEY_LINE = re.compile(r"^(?P<pre> *(?:- +)*)(?P<key>[A-Za-z_][\w-]*) *:(?: +|$)")


@dataclass(frozen=True)
class Edit:
    """A line (0-based) replaced by `text`; `shifts` map its new columns back to the old ones: each (from, delta)
    says that new columns from `from` on (0-based) are `delta` to the right of where they were written."""

    line: int
    text: str
    shifts: tuple[tuple[int, int], ...] = ()
    damages: bool = False  # part of what was written is left out: problems on the line are not reported


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def key_col(line: str) -> int:
    """The column (0-based) where a line's key or value starts, after its indentation and list dashes."""
    match = re.match(r" *(?:- +)*", line)
    return match.end() if match else 0


def is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def previous(lines: list[str], i: int) -> int | None:
    """The index of the nearest content line above line i."""
    j = i - 1
    while j >= 0 and not is_content(lines[j]):
        j -= 1
    return j if j >= 0 else None


def following(lines: list[str], i: int) -> int | None:
    """The index of the nearest content line below line i."""
    return next((j for j in range(i + 1, len(lines)) if is_content(lines[j])), None)


def name(line: str) -> str:
    match = KEY_LINE.match(line)
    return repr(match.group("key")) if match else repr(line.strip()[:30])


def unquoted(line: str) -> str:
    """A line without its quoted texts (roughly: enough to count brackets and see comments)."""
    return re.sub(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'", "''", line)


def _rest_of_flow(lines: list[str], i: int) -> tuple[Edit, ...]:
    """When line i opens `{` or `[` that it does not close, the lines below that go on with it (indented more)."""
    if not opens(lines[i]):
        return ()
    out = []
    for j in range(i + 1, len(lines)):
        if is_content(lines[j]) and indent(lines[j]) <= indent(lines[i]):
            break
        if lines[j]:
            out.append(Edit(j, "", damages=True))
    return tuple(out)


def keep_key(lines: list[str], i: int) -> tuple[Edit, ...]:
    """Line i without its value (`key:`, which reads as no value), or blank; with the rest of a `{` it opens."""
    match = KEY_LINE.match(lines[i])
    text = (match.group("pre") + match.group("key") + ":") if match else ""
    return (Edit(i, text, damages=True), *_rest_of_flow(lines, i)) if text != lines[i] else ()


def blank(lines: list[str], i: int) -> tuple[Edit, ...]:
    return (Edit(i, "", damages=True), *_rest_of_flow(lines, i)) if lines[i] else ()


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def shown(value: str) -> str:
    """A text as the user should write it in quotes: double quotes unless it holds them."""
    text = value if len(value) <= 50 else value[:49] + "…"
    return f'"{text}"' if '"' not in value and "\\" not in value else _quoted(text)


def quote_value(lines: list[str], i: int) -> tuple[Edit, ...]:
    """Line i with its value in single quotes (not when the text goes on below, or holds a comment)."""
    match = KEY_LINE.match(lines[i])
    nxt = next((j for j in range(i + 1, len(lines)) if is_content(lines[j])), None)
    if not match or (nxt is not None and indent(lines[nxt]) > key_col(lines[i])):
        return ()
    value = lines[i][match.end():].rstrip()
    if not value or " #" in value:
        return ()
    start = match.end()
    return (Edit(i, lines[i][:start] + _quoted(value), ((start + 1, 1), (start + len(value) + 2, 2))),)


def reindent(lines: list[str], i: int, to: int) -> tuple[Edit, ...]:
    """Line i indented `to` spaces, with the lines right below it that would otherwise stop being inside it."""
    delta, own = to - indent(lines[i]), indent(lines[i])
    edits = [Edit(i, " " * to + lines[i].lstrip(" "), ((0, delta),))]
    for j in range(i + 1, len(lines)):
        if is_content(lines[j]) and not own < indent(lines[j]) < to:
            break
        if is_content(lines[j]):
            edits.append(Edit(j, " " * (indent(lines[j]) + delta) + lines[j].lstrip(" "), ((0, delta),)))
    return tuple(edits)


def opens(line: str) -> bool:
    bare = unquoted(line)
    return bare.count("{") + bare.count("[") > bare.count("}") + bare.count("]")
