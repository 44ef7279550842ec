"""Parse untrusted XML into a small element tree that keeps every element's line and column (defusedxml's SAX
driver: DTDs, entity declarations and external references are refused, never resolved)."""

from __future__ import annotations

import io
import xml.sax
from dataclasses import dataclass, field
from typing import Any

from defusedxml.common import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.expatreader import DefusedExpatParser

from graph.problems import MapError, Problem

MAX_DEPTH = 64


@dataclass
class Element:
    """An element: namespace, local name, attributes without namespace, text, children, and where it starts."""

    ns: str
    tag: str
    attrs: dict[str, str]
    line: int
    col: int
    children: list[Element] = field(default_factory=list)
    text: str = ""

    def find(self, tag: str) -> Element | None:
        return next((c for c in self.children if c.tag == tag), None)

    def all(self, *path: str) -> list[Element]:
        """The elements at `path` below this one, in document order: `all("concept-list", "concept")`."""
        level = [self]
        for tag in path:
            level = [c for e in level for c in e.children if c.tag == tag]
        return level


class _Builder(xml.sax.handler.ContentHandler):
    def __init__(self, file: str) -> None:
        super().__init__()
        self.file = file
        self.stack: list[Element] = []
        self.root: Element | None = None
        self.locator: Any = None

    # The SAX interface's method names.
    def setDocumentLocator(self, locator: Any) -> None:
        self.locator = locator

    def where(self) -> tuple[int, int]:
        if self.locator is None:
            return 1, 1
        return max(1, self.locator.getLineNumber() or 1), (self.locator.getColumnNumber() or 0) + 1

    def startElementNS(self, name: tuple[str | None, str], qname: str | None, attrs: Any) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise MapError([Problem(self.file, *self.where(), "too-deep",
                                    f"elements nest deeper than {MAX_DEPTH} levels")])
        plain = {local: str(v) for (uri, local), v in attrs.items() if not uri}
        element = Element(name[0] or "", name[1], plain, *self.where())
        if self.stack:
            self.stack[-1].children.append(element)
        else:
            self.root = element
        self.stack.append(element)

    def endElementNS(self, name: tuple[str | None, str], qname: str | None) -> None:
        self.stack.pop()

    def characters(self, content: str) -> None:
        if self.stack:
            self.stack[-1].text += content


def parse_xml(data: bytes, file: str) -> Element:
    """The root element of `data`, or a MapError located at the first thing wrong."""
    builder = _Builder(file)
    parser = DefusedExpatParser(namespaceHandling=1, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    parser.setContentHandler(builder)
    source = xml.sax.InputSource()
    source.setByteStream(io.BytesIO(data))
    try:
        parser.parse(source)
    except xml.sax.SAXParseException as err:
        line, col = max(1, err.getLineNumber() or 1), (err.getColumnNumber() or 0) + 1
        raise MapError([Problem(file, line, col, "syntax", f"XML syntax error: {err.getMessage()}")]) from None
    except DTDForbidden:
        raise MapError([Problem(file, *builder.where(), "dtd", "the file has a document type declaration "
                                "(<!DOCTYPE ...>); DTDs are never read: remove it")]) from None
    except (EntitiesForbidden, ExternalReferenceForbidden) as err:
        raise MapError([Problem(file, *builder.where(), "entity", f"the file declares the entity "
                                f"{getattr(err, 'name', None) or getattr(err, 'sysid', '')!r}; entities are never "
                                "expanded: remove it")]) from None
    if builder.root is None:
        raise MapError([Problem(file, 1, 1, "empty", "the file holds no XML element")])
    return builder.root
