"""Each relation's quote checked against its source's text when a map is built: verified, unverified (not found,
or no text to look in), inferred, or nothing to check. The result depends only on the map and the texts' bytes."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from graph.check.verify import Text, _located, _text_path, load_text, normalise
from graph.model import Map, Relation
from graph.style import CHECK_MARKS, CHECK_STATUS

# Characters of source text searched for quotes in one build at most (about a second): 20,000 quotes of a 16 MiB
# source would take minutes; past it, the remaining quotes are reported as not checked.
SEARCH_BUDGET = 1_000_000_000


@dataclass(frozen=True)
class Checks:
    """The check of every relation by key (a key of style.CHECK_WORDS), whether any source's text was read, and
    the sha256 of what the checks read: each quoted source's text file (by its name in the folder) or its absence."""

    kinds: Mapping[str, str]
    read: bool
    digest: str

    def status(self, key: str) -> str:
        """'verified', 'unverified', 'inferred' or 'none'."""
        return CHECK_STATUS[self.kinds[key]]

    def mark(self, key: str) -> str:
        """The sign drawn on a relation's line: only when some text was read, so that a map nobody could check
        is not covered in question marks (it says so once instead)."""
        return CHECK_MARKS.get(self.kinds[key], "") if self.read else ""


def _quoted(r: Relation) -> bool:
    return not r.inferred and r.evidence is not None and bool(r.evidence.quote)


def _texts(cmap: Map, folder: Path) -> tuple[dict[str, Text], str]:
    """The text of each source a relation quotes (those that can be read), and the digest of what was looked at."""
    texts: dict[str, Text] = {}
    seen = hashlib.sha256()
    for sid in sorted({r.evidence.source for r in cmap.relations if _quoted(r) and r.evidence}):
        path, _ = _text_path(cmap, sid, folder) if sid in cmap.sources else (None, None)
        if path is None:
            seen.update(f"{sid}\0-\0".encode())
            continue
        text, _ = load_text(path, sid)
        content = hashlib.sha256(path.read_bytes()).hexdigest() if text is not None else "-"
        seen.update(f"{sid}\0{path.relative_to(folder).as_posix()}\0{content}\0".encode())
        if text is not None:
            texts[sid] = text
    return texts, seen.hexdigest()


def _kind(r: Relation, texts: Mapping[str, Text], budget: list[int]) -> str:
    if r.inferred:
        return "inferred"
    if r.evidence is None or not r.evidence.quote:
        return "no-quote"
    text = texts.get(r.evidence.source)
    if text is None or len(text.norm) > budget[0]:  # past the budget a quote is not looked for: not checked
        return "no-text"
    budget[0] -= len(text.norm)
    quote, _ = normalise(_located(r.evidence.quote))
    return "verified" if quote in text.norm else "not-found"


def check_map(cmap: Map, folder: Path) -> Checks:
    """Every relation's check against the texts in `folder` (named as `conceptmap verify --sources` names them)."""
    texts, digest = _texts(cmap, folder)
    budget = [SEARCH_BUDGET]
    return Checks({r.key: _kind(r, texts, budget) for r in cmap.relations}, bool(texts), digest)


def with_checks(cmap: Map, folder: Path | None = None) -> Map:
    """The map with its relations' checks: against the texts in `folder`, by default the map file's own folder."""
    return dataclasses.replace(cmap, checks=check_map(cmap, Path(cmap.file).parent if folder is None else folder))
