"""The short form of a relation, `"from -> phrase -> to (effect)"`, read in one linear pass."""

from __future__ import annotations


def _effect_suffix(text: str) -> tuple[str, str | None]:
    """`text` without a trailing `(effect)` of lowercase ASCII letters, and that effect (None without one)."""
    if not text.endswith(")"):
        return text, None
    start = text.rfind("(")
    word = text[start + 1:-1]
    if start < 0 or not word or not all("a" <= ch <= "z" for ch in word):
        return text, None
    return text[:start].rstrip(), word


def parse_short_form(value: str) -> tuple[str, str, str, str | None] | None:
    """(from, phrase, to, effect or None) of `"from -> phrase -> to (effect)"`, or None. One pass of `find`s and
    scans, so the time is linear in the text (a backtracking regex here took minutes on 8 KB of spaces): `from` is
    what comes before the first arrow; `to` is the last word, after the first arrow that only spaces separate
    from it; the phrase is what lies between, trimmed, on one line."""
    text, effect = _effect_suffix(value.strip())
    first = text.find("->")
    source = text[:first].rstrip()
    if first < 0 or not source or ">" in source or len(source.split()) != 1:
        return None
    words = text.rsplit(maxsplit=1)
    gap = len(words[0]) if len(words) == 2 else 0  # where the space before the last word begins
    phrase_start = len(text) - len(text[first + 2:].lstrip())
    paren = text.rfind("(")  # `to` holds no "(": the arrow before it comes after the last one in the last word
    second = text.find("->", max(phrase_start + 1, gap - 2, paren - 1 if paren >= gap else 0))
    if second < 0 or second + 2 >= len(text):
        return None
    phrase, target = text[phrase_start:second].strip(), text[second + 2:].lstrip()  # `to` is in the last word
    if not phrase or "\n" in phrase or "(" in target:
        return None
    return source, phrase, target, effect
