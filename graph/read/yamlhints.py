"""YAML syntax errors in plain words, located where the mistake is, each with the line edits that get past it."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any

from graph.model import RECORDS
from graph.read.yamledit import (
    KEY_LINE,
    Edit,
    blank,
    following,
    indent,
    is_content,
    keep_key,
    key_col,
    name,
    opens,
    previous,
    quote_value,
    reindent,
    shown,
)

# `KEY:` at the start of a line (after list dashes), with the value that follows; keys of this format are ids.
FORMAT_KEYS = frozenset(f.metadata.get("key") or f.name for cls in RECORDS.values() for f in fields(cls) if f.metadata)
_QUOTE_FIRST = "\"'[{*&!@`%|>"  # a plain text cannot start with these


@dataclass(frozen=True)
class Finding:
    """One syntax error as a reader should hear it, and the edits to try (best first) to read on."""

    line: int  # 1-based
    col: int
    message: str
    repairs: tuple[tuple[Edit, ...], ...] = ()


def _misaligned(lines: list[str], i: int) -> Finding | None:
    """Line i indented less than the keys above it but more than their parent: say so, and line it up."""
    own, best, j = indent(lines[i]), None, previous(lines, i)
    while j is not None:
        ind, col = indent(lines[j]), key_col(lines[j])
        if own in (ind, col):
            return None
        if col > own and (best is None or col <= key_col(lines[best])):
            best = j
        if ind < own:
            break
        j = previous(lines, j)
    if best is None:
        return None
    opener, after = previous(lines, best), following(lines, i)
    if opener is not None and indent(lines[opener]) < own and after is not None and indent(lines[after]) == own \
            and previous(lines, i) == best:  # the first key of a mapping, indented more than the keys after it
        moved = Edit(best, " " * own + lines[best].lstrip(" "), ((0, own - indent(lines[best])),))
        return Finding(best + 1, indent(lines[best]) + 1, f"{name(lines[best])} is indented {indent(lines[best])} "
                       f"spaces, more than {name(lines[i])} below it ({own}); indent it {own} spaces, like "
                       f"{name(lines[i])}", ((moved,),))
    to, sibling = key_col(lines[best]), name(lines[best])
    parent = ""
    if j is not None:
        what = "the '-'" if key_col(lines[j]) > own else name(lines[j])
        parent = f" and more than {what} on line {j + 1} ({indent(lines[j])})"
    message = (f"{name(lines[i])} is indented {own} spaces: less than {sibling} on line {best + 1} ({to}){parent}, "
               f"so YAML cannot tell which mapping it belongs to; indent it {to} spaces, like {sibling}")
    return Finding(i + 1, own + 1, message, (reindent(lines, i, to),))


def _item_among_keys(lines: list[str], i: int) -> Finding | None:
    """`- item` indented like the keys of the entry above, so YAML reads it inside that entry."""
    if not lines[i].lstrip(" ").startswith("- "):
        return None
    own = indent(lines[i])
    item = next((j for j in range(i - 1, -1, -1) if lines[j].lstrip(" ").startswith("- ") and indent(lines[j]) < own),
                None)
    if item is None:
        return None
    to = indent(lines[item])
    return Finding(i + 1, own + 1, f"this list item is indented {own} spaces, like the keys of the entry above it, "
                   f"so YAML cannot read it there; start it at the '-' of the item on line {item + 1} ({to} spaces)",
                   (reindent(lines, i, to),))


def _under_a_finished_value(lines: list[str], i: int) -> Finding | None:
    """`b:` indented more than the key `a: {...}` above it, whose value is whole on its line: nothing can hold b."""
    above = previous(lines, i)
    match = KEY_LINE.match(lines[above]) if above is not None and KEY_LINE.match(lines[i]) else None
    if above is None or match is None or not lines[above][match.end():].strip() \
            or indent(lines[i]) <= key_col(lines[above]):
        return None
    to, sibling = key_col(lines[above]), name(lines[above])
    message = (f"{name(lines[i])} is indented {indent(lines[i])} spaces, more than {sibling} on line {above + 1} "
               f"({to}), whose value ends on its line, so YAML cannot read it there; indent it {to} spaces, like "
               f"{sibling}, if it is an entry of its own (a key of {sibling} goes inside its value)")
    return Finding(i + 1, indent(lines[i]) + 1, message, (reindent(lines, i, to),))


def _tab(lines: list[str], i: int) -> Finding:
    before = previous(lines, i)
    to = 0 if before is None else key_col(lines[before]) + (2 if lines[before].rstrip().endswith(":") else 0)
    after = following(lines, i)
    if lines[i].lstrip(" \t").startswith("- "):  # a list item: like the nearest item above
        item = next((j for j in range(i - 1, -1, -1) if lines[j].lstrip(" ").startswith("- ")), None)
        to = indent(lines[item]) if item is not None else to
    elif lines[i].rstrip().endswith(":") and after is not None and "\t" not in lines[after][:indent(lines[after]) + 1]:
        # it opens a block: one level above the block's keys
        inner = indent(lines[after])
        to = max((indent(lines[j]) for j in range(i) if is_content(lines[j]) and indent(lines[j]) < inner), default=0)
    lead = len(lines[i]) - len(lines[i].lstrip(" \t"))
    edit = Edit(i, " " * to + lines[i][lead:], ((0, to - lead),))
    return Finding(i + 1, 1, f"line {i + 1} is indented with a tab, which YAML does not allow; "
                   "indent with spaces, not tabs", ((edit,),))


def _colon_in_text(lines: list[str], i: int, col: int) -> Finding | None:
    """`key: text: more`: the text needs quotes. `key: 1` under a text that goes on: indented too far."""
    line, match = lines[i], KEY_LINE.match(lines[i])
    if match and col > match.end("key"):
        value = line[match.end():].strip()
        return Finding(i + 1, col + 1, f"the text of {match.group('key')!r} holds ': ', which YAML reads as the "
                       f"start of a new key; put the whole text in quotes: {match.group('key')}: {shown(value)}",
                       (quote_value(lines, i), keep_key(lines, i)))
    above = previous(lines, i)
    if match is None or above is None:
        return None
    prev = KEY_LINE.match(lines[above])
    if prev is None and ":" in lines[above].strip():  # `b:1`: a colon with no space after it
        fixed = re.sub(r":(?=\S)", ": ", lines[above], count=1)
        return Finding(above + 1, lines[above].index(":") + 1, f"{lines[above].strip()!r} needs a space after its "
                       f"colon to be a key: {fixed.strip()}", ((Edit(above, fixed, damages=True),),))
    if prev is not None and lines[above][prev.end():].strip() and indent(line) > key_col(lines[above]):
        key, pkey = match.group("key"), prev.group("key")
        opener, after = previous(lines, above), following(lines, i)
        first = opener is not None and indent(lines[opener]) < indent(lines[above]) < indent(line) and \
            lines[above].lstrip().startswith(pkey)
        if opener is not None and first and (indent(lines[after] if after is not None else "") == indent(line)
                                             or indent(line) == indent(lines[opener]) + 2):
            # the first key of a mapping, indented less than the keys after it
            to, edit = indent(line), Edit(above, " " * indent(line) + lines[above].lstrip(" "),
                                          ((0, indent(line) - indent(lines[above])),))
            return Finding(above + 1, indent(lines[above]) + 1, f"{pkey!r} is indented {indent(lines[above])} "
                           f"spaces, less than {key!r} below it ({to}); indent it {to} spaces, like {key!r}",
                           ((edit,),))
        if key not in FORMAT_KEYS:
            return Finding(i + 1, col + 1, f"the text of {pkey!r} goes on to line {i + 1}, where it holds ': ', "
                           "which YAML reads as the start of a new key; put the whole text in quotes",
                           (blank(lines, i),))
        message = (f"{key!r} is indented more than {pkey!r} on line {above + 1}, so YAML reads it as more of the text "
                   f"of {pkey!r}, which then holds ': '; indent {key!r} like {pkey!r} ({key_col(lines[above])} "
                   f"spaces) if it is a key, or put the whole text of {pkey!r} in quotes")
        return Finding(i + 1, indent(line) + 1, message, (reindent(lines, i, key_col(lines[above])),))
    return None


def _in_text(lines: list[str], i: int, col: int) -> Finding | None:
    """A value that starts with a quote or bracket and goes on after it, or that starts with `*`, `@`, ..."""
    match = KEY_LINE.match(lines[i])
    if not match or col < match.end():
        return None
    value = lines[i][match.end():].strip()
    if not value or value[0] not in _QUOTE_FIRST:
        return None
    first = value[0]
    why = {'"': "YAML reads the text up to the next '\"'", "'": "YAML reads the text up to the next \"'\"",
           "[": "YAML reads [ ] as a list", "{": "YAML reads { } as a mapping"}.get(
        first, f"{first!r} has a meaning in YAML at the start of a value")
    repairs = (keep_key(lines, i),) if first in "[{" else (quote_value(lines, i), keep_key(lines, i))
    return Finding(i + 1, match.end() + 1, f"the text of {match.group('key')!r} starts with {first!r}: {why}; put "
                   f"the whole text in quotes: {match.group('key')}: {shown(value)}", repairs)


def _flow(lines: list[str], err: Any, i: int, col: int) -> Finding:
    """Trouble inside `{...}` or `[...]` opened on line k: a ': ' or ', ' in a text, or a bracket never closed."""
    k, open_col = err.context_mark.line, err.context_mark.column
    if not opens(lines[k]):  # the error is about a part of it: find the line that opened it
        k = next((j for j in range(i, max(-1, i - 200), -1) if opens(lines[j])), k)
        open_col = -1  # found below
    opener = lines[k][open_col:open_col + 1]
    if opener not in ("{", "["):
        found = re.search(r"[{\[]", lines[k])
        opener, open_col = (found.group(), found.start()) if found else ("{", open_col)
    closer = "}" if opener == "{" else "]"
    if i == k:
        start = max(lines[k].rfind(",", 0, col), lines[k].rfind(opener, 0, col)) + 1
        ends = [e for e in (lines[k].find(",", col), lines[k].find(closer, col)) if e >= 0]
        entry = lines[k][start:min(ends) if ends else len(lines[k])].strip()
        key, _, value = entry.partition(": ")
        hint = f": {key}: {shown(value)}" if value else ""
        return Finding(i + 1, col + 1, f"inside {opener} {closer} a text that holds ': ' or ', ' needs quotes{hint}",
                       (keep_key(lines, k), blank(lines, k)))
    after = [j for j in range(k + 1, min(i + 1, len(lines))) if is_content(lines[j])]
    if after and all(indent(lines[j]) > indent(lines[k]) for j in after):
        return Finding(i + 1, col + 1, f"inside the {opener} opened on line {k + 1}, YAML expected ',' or {closer!r} "
                       "here: separate the entries with commas, and put a text that holds ': ' or ', ' in quotes",
                       (keep_key(lines, k), blank(lines, k)))
    inside = tuple(e for j in range(k + 1, i) if is_content(lines[j]) and indent(lines[j]) > indent(lines[k])
                   for e in blank(lines, j))
    upto = f"line {i + 1}" if after else "the end of the file"
    return Finding(k + 1, open_col + 1, f"the {opener!r} opened here is not closed on its line, so YAML read on "
                   f"to {upto}; close it with {closer!r}, or put a text that holds it in quotes",
                   (keep_key(lines, k) + inside, blank(lines, k) + inside))


def _open_quote(lines: list[str], i: int) -> Finding | None:
    """The nearest line above line i whose value opens a quote it does not close, with a line as indented or less
    below it: YAML read the quoted text on, to the next quote, and the error shows later."""
    for j in range(i - 1, -1, -1):
        match = KEY_LINE.match(lines[j])
        value = lines[j][match.end():] if match else ""
        odd = len(re.findall(r'(?<!\\)"', value)) % 2 if value[:1] == '"' else value.replace("''", "").count("'") % 2
        if value[:1] in ("'", '"') and odd:
            nxt = next((n for n in range(j + 1, len(lines)) if is_content(lines[n])), None)
            if nxt is not None and key_col(lines[nxt]) <= key_col(lines[j]):
                return Finding(j + 1, match.end() + 1 if match else 1, f"the quote {value[0]} opened here is not "
                               f"closed on its line; end the text with {value[0]}", (keep_key(lines, j),))
    return None


def diagnose(err: Any, lines: list[str]) -> Finding:
    """The finding for a PyYAML error (C or Python parser), given the lines it was reading."""
    mark, ctx = getattr(err, "problem_mark", None), getattr(err, "context_mark", None)
    context, problem = getattr(err, "context", None) or "", getattr(err, "problem", None) or ""
    if mark is None or mark.line >= len(lines):
        mark = mark if mark is not None and mark.line < len(lines) else ctx
    if mark is None or mark.line >= len(lines):
        return Finding(1, 1, " ".join(s for s in (context, problem) if s) or str(err))
    i, col = mark.line, mark.column
    line = lines[i]
    finding: Finding | None = _open_quote(lines, i)
    if finding is not None:
        return finding
    if "tab" in problem or line[col:col + 1] == "\t" or "\t" in line[:indent(line) + 1]:
        finding = _tab(lines, i)
    elif ctx is not None and "quoted scalar" in context and ctx.line < len(lines) and ctx.line < i:
        q = lines[ctx.line][ctx.column:ctx.column + 1]
        finding = Finding(ctx.line + 1, ctx.column + 1, f"the quote {q} opened here is never closed; end the text "
                          f"with {q}", (keep_key(lines, ctx.line), blank(lines, ctx.line)))
    elif ctx is not None and "flow" in context and ctx.line < len(lines):
        finding = _flow(lines, err, i, col)
    elif "mapping values" in problem:
        finding = _colon_in_text(lines, i, col)
    elif col <= indent(line) and ("expected key" in problem or "block end" in problem or "indicator" in problem):
        finding = _misaligned(lines, i) or _item_among_keys(lines, i) or _under_a_finished_value(lines, i)
    if finding is None and ("expected key" in problem or "block end" in problem or "cannot start" in problem
                            or "alias" in context or "anchor" in context):
        finding = _in_text(lines, i, col)
    if finding is None and col > indent(line) and ("expected key" in problem or "block end" in problem
                                                    or "indicator" in problem):
        rest = line[col:].strip()
        finding = Finding(i + 1, col + 1, f"YAML did not expect {shown(rest)} here, after the end of the value "
                          "before it; remove it, or put the whole text in quotes",
                          ((Edit(i, line[:col].rstrip(), damages=True),), keep_key(lines, i), blank(lines, i)))
    if finding is None:
        what = " ".join(s for s in (context, problem) if s)
        finding = Finding(i + 1, col + 1, what, (keep_key(lines, i), blank(lines, i)))
    return finding
