"""Rules for the characters of parsed text: control characters, bidi controls, invisible characters, look-alikes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from graph.problems import Problem, quoted

# In a parsed value (escapes such as "\e", "\0", "\x85" or "\uFFFF" already read) only tab and line feed of the
# control characters are text; the rest would drive a terminal, break XML (SVG, GraphML, GEXF) or DOT, or
# cannot be encoded at all (lone surrogates).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
# Characters that draw nothing: zero-width space, word joiner, invisible operators, BOM, soft hyphen, fillers,
# tag characters; zero-width (non-)joiners only where they join nothing (next to ASCII or at an end). Tags that
# spell an emoji flag (U+1F3F4 ... U+E007F) and variation selectors, which emoji need, are not reported.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b\u2060-\u2064\u206a-\u206f\u3164\ufeff\uffa0"
    "\U0001d173-\U0001d17a\U000e0000-\U000e007f]"
    "|(?:^|(?<=[\\x00-\\x7f]))[\u200c\u200d]|[\u200c\u200d](?=[\\x00-\\x7f]|$)")
_FLAG_TAGS = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")
_HIDDEN = re.compile(f"[{BIDI_CONTROLS}\u200b-\u200d\u2060-\u2064\u00ad\u034f\ufeff\U000e0000-\U000e007f]")


def control_problem(value: str) -> str | None:
    """Why a parsed value (key or text) cannot be read, or None: it holds a control character."""
    found = CONTROL.search(value)
    if found is None:
        return None
    ch = found.group()
    return (f"{quoted(value)} holds the control character U+{ord(ch):04X} at character {found.start() + 1} "
            "(written as an escape such as \\e, \\0 or \\x1b); remove it: only tab and line feed are text")


def _name(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, '')}".rstrip()


def odd_characters(text: str) -> str | None:
    """Why `text` may not show what it holds, or None: a bidi control (it reorders what is drawn, so a label can
    read "pain relief" while it holds "feiler niap"), or a character that draws nothing."""
    if text.isascii():  # every bidi control and invisible character is outside ASCII
        return None
    if bidi := _BIDI.search(text):
        return (f"holds the bidi control {_name(bidi.group())} at character {bidi.start() + 1}, which changes the "
                "order text is drawn in; remove it unless the text needs it")
    if hidden := _INVISIBLE.search(_FLAG_TAGS.sub("\U0001f3f4", text)):
        return (f"holds the invisible character {_name(hidden.group())}, so it differs from text that looks the "
                "same (search and links miss it); remove it unless the text needs it")
    return None


def look(text: str) -> str:
    """What a text looks like: NFKC, without invisible characters and bidi controls, with spaces collapsed."""
    if text.isascii():  # NFKC leaves ASCII as it is, and it holds none of those characters
        return " ".join(text.split())
    return " ".join(unicodedata.normalize("NFKC", _HIDDEN.sub("", text)).split())


def text_warnings(file: str, texts: Iterable[tuple[Any, str, str]], concepts: Iterable[Any]) -> list[Problem]:
    """A warning for every text with bidi controls or invisible characters, and for every concept label that
    looks the same as an earlier one."""
    out = []
    for record, attr, text in texts:
        if why := odd_characters(text):
            line, col = record.locs.get(attr, record.loc)
            out.append(Problem(file, line, col, "invisible-char", f"{attr!r} {why}", "warning"))
    seen: dict[str, Any] = {}
    for c in concepts:
        first = seen.setdefault(look(c.label), c)
        if first is not c:
            same = "is the same as" if first.label == c.label else "looks the same as"
            line, col = c.locs.get("label", c.loc)
            out.append(Problem(file, line, col, "look-alike", f"the label {quoted(c.label)} of {quoted(c.id)} {same} "
                               f"the label of {quoted(first.id)} (line {first.loc[0]}); readers cannot tell the two "
                               "concepts apart: give each its own label", "warning"))
    return out
