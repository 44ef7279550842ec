"""Check every evidence quote against its source's text: found after normalising, or located with the closest
passage."""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

from graph.model import Evidence, Map
from graph.problems import Problem, quoted

EXTENSIONS = (".txt", ".md", ".html", ".htm", ".pdf")
MAX_BYTES = 16 * 1024 * 1024
_QUOTES = {**dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4", "'"),
           **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
           **dict.fromkeys("\u2010\u2011\u2012", "-")}
_DROPPED = set("\u00ad\u200b\u200c\u200d\u2060\ufeff")  # soft hyphen and zero-width characters


@dataclass(frozen=True)
class Text:
    """A source's text, normalised, with the (line, col) in its file of every normalised character."""

    file: str
    norm: str
    where: tuple[tuple[int, int], ...]
    pages: tuple[int, ...] = ()  # a PDF's: the line of the extracted text each page starts at

    def at(self, line: int) -> str:
        """Where a line is, in words: its page too for a PDF."""
        page = sum(1 for start in self.pages if start <= line)
        return f" (page {page} of the PDF's text)" if self.pages else ""


class _Html(HTMLParser):
    """The text of an HTML page (not its scripts or styles), each character with its line and column."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chars: list[tuple[str, tuple[int, int]]] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.skip += tag in ("script", "style")
        self.chars.append((" ", self.getpos()))  # a tag separates words

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("script", "style") and self.skip > 0
        self.chars.append((" ", self.getpos()))

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.chars += _located(data, self.getpos())


def _located(text: str, start: tuple[int, int] = (1, 0)) -> list[tuple[str, tuple[int, int]]]:
    """Each character with its 1-based line and column (start: a 1-based line and a 0-based column)."""
    line, col, out = start[0], start[1] + 1, []
    for ch in text:
        out.append((ch, (line, col)))
        line, col = (line + 1, 1) if ch == "\n" else (line, col + 1)
    return out


def normalise(chars: list[tuple[str, tuple[int, int]]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Ligatures and compatibility forms unfolded (NFKC), typographic quotes made straight, soft hyphens dropped,
    hyphens between letters dropped (so a word broken at a line end reads whole), whitespace runs one space."""
    flat = [(c, at) for ch, at in chars if ch not in _DROPPED
            for c in unicodedata.normalize("NFKC", _QUOTES.get(ch, ch))]
    out: list[tuple[str, tuple[int, int]]] = []
    i = 0
    while i < len(flat):
        ch, at = flat[i]
        if ch == "-" and out and out[-1][0].isalpha():
            j = i + 1
            while j < len(flat) and flat[j][0].isspace():
                j += 1
            broken = any(c == "\n" for c, _ in flat[i + 1: j])  # at a line end, before a lower-case letter
            if j < len(flat) and flat[j][0].isalpha() and (j == i + 1 or (broken and flat[j][0].islower())):
                i = j
                continue
        if ch.isspace():
            if out and out[-1][0] != " ":
                out.append((" ", at))
        else:
            out.append((ch, at))
        i += 1
    while out and out[-1][0] == " ":
        out.pop()
    return "".join(c for c, _ in out), tuple(at for _, at in out)


def read_text(path: Path, shown: str) -> Text:
    """A source file's text: HTML's text content, a PDF's extracted text (raises PdfTextError), other files as
    they are (UTF-8)."""
    if path.suffix.lower() == ".pdf":
        from graph.check.pdftext import pdf_pages

        pages, starts, line = pdf_pages(path), [], 1
        for page in pages:
            starts.append(line)
            line += page.count("\n") + 1
        norm, where = normalise(_located("\n".join(pages)))
        return Text(shown, norm, where, tuple(starts))
    raw = path.read_bytes().decode("utf-8-sig", errors="replace")
    if path.suffix.lower() in (".html", ".htm"):
        parser = _Html()
        parser.feed(raw)
        parser.close()
        chars = parser.chars
    else:
        chars = _located(raw)
    norm, where = normalise(chars)
    return Text(shown, norm, where)


def closest(quote: str, text: Text) -> tuple[int, int, float]:
    """The start and end (in text.norm) of the passage most like `quote`, and how alike (0 to 1): windows of
    twice the quote's length ranked by difflib, the best one's longest match aligned with the quote."""
    n, best = max(len(quote), 1), (0.0, 0)
    for start in range(0, max(len(text.norm) - n, 0) + 1, max(n // 2, 1)):
        window = text.norm[start: start + 2 * n]
        m = difflib.SequenceMatcher(None, quote, window, autojunk=False)
        if m.real_quick_ratio() > best[0] and m.quick_ratio() > best[0]:
            best = max(best, (m.ratio(), start))
    window = text.norm[best[1]: best[1] + 2 * n]
    a, b, _ = difflib.SequenceMatcher(None, quote, window, autojunk=False).find_longest_match(0, n, 0, len(window))
    begin = max(0, best[1] + b - a)
    while begin > 0 and text.norm[begin - 1] != " ":
        begin -= 1
    end = min(len(text.norm), begin + n)
    while end < len(text.norm) and text.norm[end] != " ":
        end += 1
    return begin, end, difflib.SequenceMatcher(None, quote, text.norm[begin:end], autojunk=False).ratio()


def _text_path(cmap: Map, sid: str, folder: Path) -> tuple[Path | None, str | None]:
    """The file of a source's text, or None and why not."""
    src = cmap.sources[sid]
    if src.text is not None:
        rel = PurePosixPath(src.text)
        if rel.is_absolute() or ".." in rel.parts or "\\" in src.text or not rel.parts:
            return None, f"text {quoted(src.text)} must be a file name (or a relative path without '..') in {folder}"
        path = folder / rel
        return (path, None) if path.is_file() else (None, f"no file {path} (its `text`)")
    for ext in EXTENSIONS:
        if (folder / f"{sid}{ext}").is_file():
            return folder / f"{sid}{ext}", None
    return None, f"no file {sid}.txt, .md, .html, .htm or .pdf in {folder}, and no `text` naming one"


def _texts(cmap: Map, folder: Path, quoted_from: set[str]) -> tuple[dict[str, Text], list[Problem]]:
    """The text of every source that a quote cites, and the problems of those that have none."""
    texts, problems = {}, []
    for sid, src in cmap.sources.items():
        if sid not in quoted_from:
            continue
        path, why = _text_path(cmap, sid, folder)
        at = src.locs.get("text", src.loc)
        text, why = (None, why) if path is None else load_text(path)
        if text is None:
            problems.append(Problem(cmap.file, *at, "no-source-text", f"cannot verify source {sid!r}: {why}"))
            continue
        texts[sid] = text
    return texts, problems


def load_text(path: Path, shown: str | None = None) -> tuple[Text | None, str | None]:
    """A source file's text, or None and why not: over MAX_BYTES, or a PDF that cannot be read."""
    from graph.check.pdftext import PdfTextError

    size = path.stat().st_size
    if size > MAX_BYTES:
        return None, f"{path} has {size} bytes; the limit is {MAX_BYTES}"
    try:
        return read_text(path, str(path) if shown is None else shown), None
    except PdfTextError as err:
        return None, f"{path}: {err}"
    except OSError as err:
        return None, f"{path} cannot be read: {err.strerror or err}"


def _check(cmap: Map, ev: Evidence, texts: dict[str, Text]) -> Problem | None:
    text = texts.get(ev.source)
    if text is None or not ev.quote:
        return None
    quote, _ = normalise(_located(ev.quote))
    if quote in text.norm:
        return None
    begin, end, alike = closest(quote, text)
    line, col = text.where[begin] if text.where else (1, 1)
    passage = text.norm[begin:end]
    return Problem(cmap.file, *ev.locs.get("quote", ev.loc), "quote-not-found",
                   f"the quote {quoted(ev.quote, 200)} is not in source {ev.source!r}; the closest passage "
                   f"({alike:.0%} alike) is at {text.file}:{line}:{col}{text.at(line)}: {quoted(passage, 200)}")


def _warning(cmap: Map, at: tuple[int, int], code: str, message: str) -> Problem:
    return Problem(cmap.file, *at, code, message, level="warning")


def verify(cmap: Map, folder: Path) -> tuple[list[Problem], int]:
    """Every problem of the map's evidence against the texts in `folder` (errors: missing texts, quotes not
    found; warnings: sources never cited, relations without evidence or quote), and how many quotes were found."""
    evidence = [c.evidence for c in cmap.concepts.values() if c.evidence] + [
        r.evidence for r in cmap.relations if r.evidence]
    texts, problems = _texts(cmap, folder, {ev.source for ev in evidence if ev.quote})
    failed = [p for ev in evidence if (p := _check(cmap, ev, texts)) is not None]
    found = sum(1 for ev in evidence if ev.quote and ev.source in texts) - len(failed)
    cited = {ev.source for ev in evidence} | {s for c in cmap.concepts.values() for s in c.sources}
    problems += failed
    problems += [_warning(cmap, s.loc, "uncited-source", f"source {s.id!r} is never cited")
                 for s in cmap.sources.values() if s.id not in cited]
    problems += [_warning(cmap, r.loc, "no-evidence", f"relation {r.key!r} has no evidence to verify")
                 for r in cmap.relations if r.evidence is None]
    problems += [_warning(cmap, ev.loc, "no-quote", f"evidence from {ev.source!r} has no quote to verify")
                 for ev in evidence if not ev.quote]
    return problems, found
