"""The text of a PDF source through pypdf, bounded in pages and characters; a broken or locked PDF is a plain reason."""

from __future__ import annotations

import logging
from pathlib import Path

MAX_PAGES = 2000
MAX_CHARS = 16 * 1024 * 1024


class PdfTextError(Exception):
    """Why a PDF's text cannot be read, in words that follow the file's name ("it is encrypted ...")."""


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of the PDF at `path`, as pypdf extracts it (lines end in line feeds). Raises
    PdfTextError for a PDF that is encrypted (unless its user password is empty), broken, over MAX_PAGES pages,
    or whose text runs over MAX_CHARS characters."""
    from pypdf import PdfReader

    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)  # pypdf warns on every odd object; the reason is enough
    try:
        return _pages(PdfReader(path, strict=False))
    except PdfTextError:
        raise
    except Exception as err:  # pypdf raises many kinds on a damaged file: each is a reason, never a traceback
        raise PdfTextError(f"it cannot be read as a PDF ({type(err).__name__}: {err})") from None
    finally:
        logger.setLevel(level)


def _pages(reader: object) -> list[str]:
    from pypdf import PdfReader

    assert isinstance(reader, PdfReader)
    if reader.is_encrypted and not reader.decrypt(""):
        raise PdfTextError("it is encrypted: save its text as a .txt file and name that in `text`")
    count = len(reader.pages)
    if count > MAX_PAGES:
        raise PdfTextError(f"it has {count} pages; the limit is {MAX_PAGES}: save the cited pages' text as a .txt file")
    out, total = [], 0
    for page in reader.pages:
        text = page.extract_text() or ""
        total += len(text)
        if total > MAX_CHARS:
            raise PdfTextError(f"its text runs over {MAX_CHARS} characters: save the cited part as a .txt file")
        out.append(text)
    return out
