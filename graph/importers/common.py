"""What every importer shares: ids from labels, relations from propositions, the YAML written and its read-back."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from graph.canonical import map_data
from graph.load import parse_map
from graph.problems import MapError, Problem, quoted
from graph.read.ids import id_problem

MAX_BYTES = 16 * 1024 * 1024  # the limit on an imported file, as on a map file
MAX_ID = 64
LONG_ID = 40  # ids spelt from labels are cut at a word boundary near this length
_BREAKS = re.compile(r"\r\n|[\r\x85\u2028\u2029]")


def warning_text(p: Problem) -> str:
    """A warning, printed like a problem: `FILE:LINE:COL: warning[CODE]: message`."""
    return f"{p.file}:{p.line}:{p.col}: warning[{p.code}]: {p.message}"


def one_line(text: str) -> str:
    """A label: every run of white space (line breaks included) one space, trimmed."""
    return " ".join(text.split())


def paragraphs(text: str) -> str:
    """A longer text (a note, a definition): line breaks made `\\n`, trailing space of each line and around it cut."""
    lines = _BREAKS.sub("\n", text).split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def round_half_up(value: float) -> int:
    """A coordinate in whole px, as the layout draws it (halves up, as the page's Math.round)."""
    return math.floor(value + 0.5)


def slug(label: str) -> str:
    """An id spelt from a label: ASCII letters (accents dropped), digits and `_`, lower case; `concept` if none."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")
    if len(words) > LONG_ID:
        cut = words.rfind("_", 0, LONG_ID + 1)
        words = words[: cut if cut > LONG_ID // 2 else LONG_ID].rstrip("_")
    if not words:
        return ""
    return words if words[0].isalpha() else f"_{words}"[:MAX_ID]


class Ids:
    """Unique ids from labels, in order of asking: `gram`, `gram_2`, ...; never a reserved JavaScript name."""

    def __init__(self, fallback: str, taken: set[str] | None = None) -> None:
        self.fallback = fallback
        self.taken: set[str] = set(taken or ())

    def new(self, label: str) -> str:
        base = slug(label) or self.fallback
        candidate, n = base, 1
        while candidate in self.taken or id_problem(candidate):
            n += 1
            suffix = f"_{n}"
            candidate = base[: MAX_ID - len(suffix)] + suffix
        self.taken.add(candidate)
        return candidate


@dataclass(frozen=True)
class Proposition:
    """One relation found in an imported file, with where it was found."""

    source: str
    phrase: str
    target: str
    line: int
    col: int
    extra: dict[str, Any] = field(default_factory=dict, compare=False)  # effect, note, evidence, ...


@dataclass
class Imported:
    """A map read from another format: its data in the format's own shape, and the warnings found."""

    file: str
    data: dict[str, Any]
    warnings: list[Problem] = field(default_factory=list)

    def warn(self, line: int, col: int, code: str, message: str) -> None:
        self.warnings.append(Problem(self.file, line, col, code, message))


def relations(found: list[Proposition], imported: Imported, concept_ids: set[str]) -> list[dict[str, Any]]:
    """Relation entries in order: a repeated proposition is merged with a warning, and relations that share
    their two concepts get ids of their own (`r1`, `r2`, ... by place in the list, never a concept's id)."""
    seen: dict[tuple[str, str, str], Proposition] = {}
    kept: list[Proposition] = []
    for p in found:
        first = seen.get((p.source, p.phrase, p.target))
        if first is not None:
            imported.warn(p.line, p.col, "duplicate-relation", f"the proposition {quoted(p.phrase)} from "
                          f"{p.source!r} to {p.target!r} is already on line {first.line}; merged into one")
            continue
        seen[(p.source, p.phrase, p.target)] = p
        kept.append(p)
    pairs = [(p.source, p.target) for p in kept]
    ids = Ids("r", concept_ids)
    out = []
    for i, p in enumerate(kept, 1):
        entry: dict[str, Any] = {}
        if pairs.count((p.source, p.target)) > 1:
            entry["id"] = ids.new(f"r{i}")
        entry.update({"from": p.source, "to": p.target, "phrase": p.phrase, **p.extra})
        out.append(entry)
    return out


class _Dumper(yaml.SafeDumper):
    """Safe YAML: text with line breaks as `|` blocks, everything else as PyYAML quotes it; no anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.Node:
    flow = bool(value) and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(list, _list)


def to_yaml(data: dict[str, Any], header: str) -> str:
    """The map as YAML text, keys in the format's order, after a comment line."""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return f"# {one_line(header)}\n{body}"


def checked(imported: Imported, out_file: str, name: str, header: str) -> bytes:
    """The YAML bytes of an imported map, once our own reader gives back exactly that map; else a MapError."""
    text = to_yaml(imported.data, header)
    data = text.encode("utf-8")
    try:
        cmap = parse_map(data, out_file, name)
    except MapError as err:
        raise MapError([Problem(imported.file, 1, 1, "not-valid", f"the imported map would not be valid: {p}")
                        for p in err.problems]) from None
    if map_data(cmap) != imported.data:
        raise MapError([Problem(imported.file, 1, 1, "not-valid", "the map read back from the YAML written "
                                "differs from the one imported; please report this file")])
    return data
