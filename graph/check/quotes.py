"""Each relation's quote checked against its source's text when a map is built: verified, unverified (not found,
or no text to look in), inferred, or nothing to check. The result depends only on the map and the texts' bytes."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from graph.check.verify import MAX_BYTES, Text, _located, _text_path, load_text, normalise
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


def _quoted_files(cmap: Map, folder: Path) -> list[tuple[str, Path | None]]:
    """Each source a relation quotes, in id order, with the file of its text in `folder` (None: it has none)."""
    quoted = sorted({r.evidence.source for r in cmap.relations if _quoted(r) and r.evidence})
    return [(sid, _text_path(cmap, sid, folder)[0] if sid in cmap.sources else None) for sid in quoted]


def texts_digest(cmap: Map, folder: Path | None = None) -> str:
    """The sha256 of what the checks read: each quoted source's text file (by its name in the folder, and its
    bytes) or its absence. Made from the files' bytes alone, so that a build can tell that a page is current
    without reading a single text."""
    folder = _folder(cmap, folder)
    seen = hashlib.sha256()
    for sid, path in _quoted_files(cmap, folder):
        try:
            content = "-" if path is None or path.stat().st_size > MAX_BYTES else hashlib.sha256(
                path.read_bytes()).hexdigest()
        except OSError:
            content = "-"
        name = "-" if path is None else path.relative_to(folder).as_posix()
        seen.update(f"{sid}\0{name}\0{content}\0".encode())
    return seen.hexdigest()


def _texts(cmap: Map, folder: Path) -> dict[str, Text]:
    """The text of each source a relation quotes, those that can be read."""
    texts: dict[str, Text] = {}
    for sid, path in _quoted_files(cmap, folder):
        text = load_text(path, sid)[0] if path is not None else None
        if text is not None:
            texts[sid] = text
    return texts


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
    texts, budget = _texts(cmap, folder), [SEARCH_BUDGET]
    kinds = {r.key: _kind(r, texts, budget) for r in cmap.relations}
    return Checks(kinds, bool(texts), texts_digest(cmap, folder))


def with_checks(cmap: Map, folder: Path | None = None) -> Map:
    """The map with its relations' checks: against the texts in `folder`, by default the map file's own folder."""
    return dataclasses.replace(cmap, checks=check_map(cmap, _folder(cmap, folder)))


def _folder(cmap: Map, folder: Path | None) -> Path:
    """Where a map's source texts are looked for: `folder`, by default the map file's own folder."""
    return Path(cmap.file).parent if folder is None else folder
