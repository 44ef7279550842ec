"""conceptmap verify: every quote found in its source's text after normalising, or located with the closest passage."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from graph.check.verify import _located, normalise, verify
from graph.cli.commands import main
from graph.load import load_map

SEEDS = ROOT.parent / "shared" / "seeds"
MAP = """\
conceptmap: 1
title: Quotes
sources:
  book: {cite: "A book."}
  page: {cite: "A page.", text: pages/the-page.html}
  unused: {cite: "Never cited."}
concepts:
  pain: {label: Pain, evidence: {source: book, quote: "the “first” fine hyphenation of words"}}
  mood: {label: Mood, evidence: {source: page, quote: "mood & pain"}}
relations:
  - {from: pain, to: mood, phrase: lowers, evidence: {source: book, quote: "pain lowers mood"}}
  - {from: mood, to: pain, phrase: colours}
"""
BOOK = "Chapter one.\n\nIt is the \"first\" \ufb01ne hyphen-\nation   of\nwords, and pain lowers mood.\n"
PAGE = "<html><head><style>mood & pain</style></head><body><p>Here <b>mood</b> &amp; pain.</p></body></html>"


@pytest.fixture
def sources(tmp_path: Path, map_file) -> tuple[Path, Path]:
    folder = tmp_path / "texts"
    (folder / "pages").mkdir(parents=True)
    (folder / "book.txt").write_text(BOOK, encoding="utf-8")
    (folder / "pages" / "the-page.html").write_text(PAGE, encoding="utf-8")
    return map_file(MAP), folder


def test_normalising_unfolds_ligatures_quotes_hyphenation_and_whitespace():
    text, where = normalise(_located("a \ufb01ne \u201cquote\u201d, hyphen-\n  ation,  long-term\n"))
    assert text == 'a fine "quote", hyphenation, longterm'
    assert where[text.index("ation")] == (2, 3)


def test_every_quote_found_exits_0_with_warnings(sources, capsys):
    path, folder = sources
    assert main(["verify", str(path), "--sources", str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"{path}:6:11: warning[uncited-source]: source 'unused' is never cited" in out
    assert f"{path}:12:5: warning[no-evidence]: relation 'mood->pain' has no evidence to verify" in out
    assert out.endswith(f"{path}: 3 quotes found, 0 failures, 2 warnings\n")


def test_a_changed_quote_fails_with_its_location_and_the_closest_passage(sources, capsys):
    path, folder = sources
    path.write_text(MAP.replace("pain lowers mood", "pain raises mood"), encoding="utf-8")
    assert main(["verify", str(path), "--sources", str(folder)]) == 1
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "quote-not-found" in x)
    assert line.startswith(f"{path}:11:76: error[quote-not-found]: the quote 'pain raises mood' is not in source "
                           "'book'")
    assert f"is at {folder / 'book.txt'}:5:12: 'pain lowers mood.'" in line


def test_a_missing_text_and_a_path_outside_the_folder_are_failures(sources, capsys):
    path, folder = sources
    (folder / "book.txt").unlink()
    path.write_text(MAP.replace("text: pages/the-page.html", "text: ../secret.txt"), encoding="utf-8")
    problems, found = verify(load_map(path), folder)
    codes = sorted((p.line, p.code) for p in problems if p.level == "error")
    assert codes == [(4, "no-source-text"), (5, "no-source-text")] and found == 0
    assert "must be a file name" in next(p.message for p in problems if p.line == 5)


def minimal_pdf(pages: list[list[str]]) -> bytes:
    """A PDF written by hand: one page per list, one line of Helvetica text per string."""
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        shown = " ".join("(" + x.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*"
                         for x in lines)
        ops = f"BT /F1 12 Tf 14 TL 72 720 Td {shown} ET"
        objs.append(f"<< /Length {len(ops)} >>\nstream\n{ops}\nendstream")
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                    f"/Contents {len(objs)} 0 R >>")
        kids.append(f"{len(objs)} 0 R")
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode() + "".join(
        f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


BOOK_PDF = [["Chapter one.", 'It is the "first" fine hyphen-', "ation   of"], ["words, and pain lowers mood."]]


@pytest.fixture
def pdf_sources(sources) -> tuple[Path, Path]:
    path, folder = sources
    (folder / "book.txt").unlink()
    (folder / "book.pdf").write_bytes(minimal_pdf(BOOK_PDF))
    return path, folder


def test_a_pdf_source_is_read_with_its_hyphenation_joined(pdf_sources, capsys):
    path, folder = pdf_sources
    assert main(["verify", str(path), "--sources", str(folder)]) == 0
    assert capsys.readouterr().out.endswith(f"{path}: 3 quotes found, 0 failures, 2 warnings\n")


def test_a_quote_not_in_a_pdf_is_located_on_its_page(pdf_sources, capsys):
    path, folder = pdf_sources
    path.write_text(MAP.replace("pain lowers mood", "pain raises mood"), encoding="utf-8")
    assert main(["verify", str(path), "--sources", str(folder)]) == 1
    line = next(x for x in capsys.readouterr().out.splitlines() if "quote-not-found" in x)
    assert f"is at {folder / 'book.pdf'}:5:12 (page 2 of the PDF's text): 'pain lowers mood.'" in line


def _encrypted(data: bytes, password: str) -> bytes:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(("content", "reason"), [
    (_encrypted(minimal_pdf(BOOK_PDF), "secret"), "is encrypted: save its text as a .txt file"),
    (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "cannot be read as a PDF"),
    (b"", "cannot be read as a PDF"),
], ids=["encrypted", "cut-short", "empty"])
def test_a_pdf_that_cannot_be_read_is_a_located_failure(pdf_sources, capsys, content: bytes, reason: str):
    path, folder = pdf_sources
    (folder / "book.pdf").write_bytes(content)
    assert main(["verify", str(path), "--sources", str(folder)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:4:9: error[no-source-text]: cannot verify source 'book': {folder / 'book.pdf'}: " in out
    assert reason in out and "Traceback" not in out


def test_a_pdf_with_an_empty_user_password_is_read(pdf_sources):
    path, folder = pdf_sources
    (folder / "book.pdf").write_bytes(_encrypted(minimal_pdf(BOOK_PDF), ""))
    assert verify(load_map(path), folder)[1] == 3


def test_a_pdf_over_the_page_or_text_limit_is_refused(pdf_sources, monkeypatch):
    from graph.check import pdftext

    path, folder = pdf_sources
    monkeypatch.setattr(pdftext, "MAX_PAGES", 1)
    assert any("it has 2 pages; the limit is 1" in p.message for p in verify(load_map(path), folder)[0])
    monkeypatch.setattr(pdftext, "MAX_PAGES", 10)
    monkeypatch.setattr(pdftext, "MAX_CHARS", 40)
    assert any("its text runs over 40 characters" in p.message for p in verify(load_map(path), folder)[0])


def test_no_such_folder_is_a_usage_error(sources, capsys):
    path, folder = sources
    assert main(["verify", str(path), "--sources", str(folder / "nope")]) == 2


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts live in ../shared/seeds beside the checkout, "
                    "which CI does not have")
@pytest.mark.parametrize("name", ["interdependence", "opioid-use-disorder"])
def test_the_committed_maps_verify_against_the_seeds(name: str):
    problems, found = verify(load_map(ROOT / "concepts" / f"{name}.yaml"), SEEDS)
    assert problems == [] and found > 40


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts live in ../shared/seeds beside the checkout")
def test_a_planted_quote_in_a_committed_map_exits_1_with_its_location(tmp_path: Path, capsys):
    text = (ROOT / "concepts" / "interdependence.yaml").read_text(encoding="utf-8")
    planted = tmp_path / "planted.yaml"
    planted.write_text(text.replace("pain and mood are interdependent", "pain and mood are independent", 1))
    assert main(["verify", str(planted), "--sources", str(SEEDS)]) == 1
    out = capsys.readouterr().out
    line = next(i for i, x in enumerate(text.splitlines(), 1) if "pain and mood are interdependent" in x)
    assert f"{planted}:{line}:" in out and "002_84c0e873f683afc6.txt:38:66" in out
