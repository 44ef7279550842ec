"""CSV export: one row per proposition, for spreadsheets and grading; `cell` is the one place that keeps a cell
from being read as a formula."""

from __future__ import annotations

import csv
import io

from graph.model import Map
from graph.style import STATUS_SHORT
from graph.text import provenance

COLUMNS = ("from_id", "from", "phrase", "to_id", "to", "effect", "inferred", "provenance", "source", "quote", "note")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may take for the start of a formula


def cell(text: str) -> str:
    """A cell a spreadsheet shows as the text it is: one that would start a formula gets a leading apostrophe
    (OWASP's advice against CSV injection), which spreadsheets show as text and hide."""
    return "'" + text if text.startswith(_FORMULA) else text


def write_csv(cmap: Map) -> str:
    """The propositions as CSV (RFC 4180: quoted where needed, CRLF line ends) with a header row, after a UTF-8
    byte order mark so that spreadsheets read the text as UTF-8."""
    out = io.StringIO()
    rows = csv.writer(out, lineterminator="\r\n")
    rows.writerow(COLUMNS)
    for r in cmap.relations:
        evidence = r.evidence
        values = (r.source, cmap.concepts[r.source].label, r.phrase, r.target, cmap.concepts[r.target].label,
                  r.effect, "yes" if r.inferred else "no", STATUS_SHORT[provenance(cmap, r)],
                  evidence.source if evidence else "", (evidence.quote or "") if evidence else "", r.note or "")
        rows.writerow([cell(v) for v in values])
    return "\ufeff" + out.getvalue()
