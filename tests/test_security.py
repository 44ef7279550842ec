"""The injection corpus: every payload in every text field, every output built, and proof in Chromium that no
map text ever runs as code and that each payload is shown literally where it belongs."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pydot
import pytest
from conftest import ROOT, Session
from corpus import PAYLOADS, URLS, corpus_map, tagged
from markdown_it import MarkdownIt

from graph.analysis.build import build_graph
from graph.analysis.layout import compute_layout
from graph.export.dot import quote
from graph.export.formats import FORMATS, export
from graph.export.jsonmap import read_json, write_json
from graph.importers.canvas import read_canvas
from graph.importers.common import one_line
from graph.importers.cxl import read_cxl
from graph.load import parse_map
from graph.page.html import render_html
from graph.problems import MapError
from graph.text import isolate, proposition

MERMAID = ROOT / "tests" / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
CANARY = """
  window.__pwned = 0;
  window.__dialogs = 0;
  for (const name of ['alert', 'confirm', 'prompt']) window[name] = () => { window.__dialogs += 1; };
"""


def _map(key: str):
    return parse_map(corpus_map(PAYLOADS[key]).encode("utf-8"), f"{key}.yaml", "corpus")


@pytest.mark.parametrize("key", PAYLOADS)
def test_every_output_builds_and_keeps_the_payload_as_text(key: str, tmp_path: Path):
    payload, cmap = PAYLOADS[key], _map(key)
    page = render_html(cmap)
    for raw in ("<script>window.__pwned", "<img src=x", '"><svg onload', "<b>tag</b>", "<b>long"):
        assert raw not in page
    files = dict(f for fmt in FORMATS for f in export(cmap, fmt))
    assert set(files) == {f"corpus.{f.extension}" for f in FORMATS.values()}  # every format, new ones too
    rows = list(csv.DictReader(io.StringIO(files["corpus.csv"].decode("utf-8-sig"), newline="")))
    assert rows[0]["from"].removeprefix("'") == tagged(payload, "label")  # a cell, never a formula or markup
    for fmt, read in (("cxl", read_cxl), ("canvas", read_canvas)):  # CXL and canvas give the payload back as text
        labels = {c["label"] for c in read(files[f"corpus.{fmt}"], f"corpus.{fmt}").data["concepts"].values()}
        assert one_line(tagged(payload, "label")) in labels
    pos = compute_layout(build_graph(cmap))
    assert read_json(write_json(cmap, pos))[0] == cmap
    (tmp_path / "m.graphml").write_bytes(files["corpus.graphml"])
    assert nx.read_graphml(tmp_path / "m.graphml").nodes["a"]["label"] == tagged(payload, "label")
    (g,) = pydot.graph_from_dot_data(files["corpus.dot"].decode())
    assert [n.get("label") for n in g.get_nodes() if n.get_name() == '"a"'] == [quote(tagged(payload, "label"))]
    rendered = MarkdownIt("commonmark").render(files["corpus.md"].decode())
    assert "<script" not in rendered and "<img" not in rendered and "<b>" not in rendered
    assert 'href="javascript' not in rendered


@pytest.mark.parametrize("payload", ["../../x", "</script>", '"><svg onload=alert(1)>', "a b", "\u202eid"])
def test_hostile_ids_are_refused_with_a_located_problem(payload: str):
    text = f"conceptmap: 1\ntitle: T\nconcepts:\n  {json.dumps(payload)}: {{}}\n"
    with pytest.raises(MapError) as info:
        parse_map(text.encode(), "ids.yaml")
    assert [(p.line, p.col, p.code) for p in info.value.problems] == [(4, 3, "bad-id")]


@pytest.fixture(scope="module")
def corpus_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    folder = tmp_path_factory.mktemp("corpus")
    out = {}
    for key in PAYLOADS:
        cmap = _map(key)
        page, svg = folder / f"{key}.html", folder / f"{key}.svg"
        page.write_text(render_html(cmap), encoding="utf-8")
        svg.write_bytes(dict(export(cmap, "svg"))["corpus.svg"])
        out[key] = (page, svg)
    return out


def _trapped(browser: Any, path: Path) -> tuple[Session, list[str]]:
    """A session on `path` with the canary installed and every dialog recorded (and dismissed)."""
    s = Session(browser, path.as_uri())
    dialogs: list[str] = []
    s.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    s.page.add_init_script(CANARY)
    return s, dialogs


def _safe(page: Any) -> None:
    assert page.evaluate("window.__pwned") == 0, "a payload ran as script"
    assert page.evaluate("window.__dialogs") == 0, "a payload opened a dialog"


@pytest.mark.browser
@pytest.mark.parametrize("key", PAYLOADS)
def test_payload_never_runs_and_shows_literally_in_the_page(browser: Any, corpus_pages, key: str):
    payload = PAYLOADS[key]
    s, dialogs = _trapped(browser, corpus_pages[key][0])
    page = s.open("corpus")
    text = page.locator
    assert text("h1").text_content() == tagged(payload, "title")
    assert tagged(payload, "focus_question") in text(".cm-focus").text_content()
    assert tagged(payload[:200], "group") in text(".cm-legend").text_content()
    assert page.evaluate("conceptmap.maps.corpus.concept('a').label") == tagged(payload, "label")
    drawn = page.evaluate("conceptmap.maps.corpus.nodes.get('a').label")  # wrapped into lines at spaces
    assert drawn.split("\n") == " ".join(tagged(payload, "label").split()).split(" ") or \
        " ".join(drawn.split("\n")) == " ".join(tagged(payload, "label").split())
    entry = "conceptmap.maps.corpus"
    # Hover and click every concept and relation.
    for concept in ("a", "b"):
        page.evaluate(f"{entry}.network.moveTo({{position: {entry}.network.getPosition('{concept}'), scale: 0.5}})")
        page.mouse.move(*s.point("corpus", concept))
        page.mouse.click(*s.point("corpus", concept))
        text(".cm-panel").wait_for(state="visible")
        assert text(".cm-panel").get_attribute("data-shows") == f"concept:{concept}"
        page.keyboard.press("Escape")
    page.evaluate(f"{entry}.showConcept('a')")
    panel = text(".cm-panel").text_content()
    for field in ("label", "definition", "note", "quote", "cite"):
        assert tagged(payload, field) in panel, field
    for relation in ("a->b", "b->a"):
        page.evaluate(f"{entry}.showRelation('{relation}')")
    page.evaluate(f"{entry}.showRelation('a->b')")
    panel = text(".cm-panel").text_content()
    assert tagged(payload[:200], "phrase") in panel and tagged(payload, "relation-note") in panel
    # Run the presentation, with the presenter view, and open the text version.
    page.keyboard.press("p")
    assert text(".cm-step-title").text_content() == tagged(payload, "step-title")
    assert text(".cm-narration").text_content() == tagged(payload, "narration")
    with s.context.expect_page() as popup_info:
        text(".cm-presenter").click()
    popup = popup_info.value
    assert popup.locator(".notes").text_content() == tagged(payload, "notes")
    _safe(popup) if popup.evaluate("typeof window.__pwned") != "undefined" else None
    popup.close()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Escape")
    text(".cm-show-text").click()
    version = text(".cm-text").text_content()
    for field in ("label", "definition", "quote", "cite", "description"):
        assert tagged(payload, field) in version, field
    _safe(page)
    assert dialogs == []
    s.close()


@pytest.mark.browser
@pytest.mark.parametrize("key", PAYLOADS)
def test_payload_never_runs_in_the_printed_drawing(browser: Any, corpus_pages, key: str):
    """The page carries the vector drawing for print: user text in it stays text there too."""
    payload = PAYLOADS[key]
    s, dialogs = _trapped(browser, corpus_pages[key][0])
    page = s.open("corpus")
    page.emulate_media(media="print")
    figure = page.locator(".cm-print")
    assert figure.is_visible()
    assert page.evaluate("document.querySelectorAll('.cm-print *').length") == \
        page.evaluate("document.querySelectorAll('.cm-print svg, .cm-print svg *').length"), "markup escaped the svg"
    assert page.evaluate("document.querySelectorAll('.cm-print :is(script, img, foreignObject, [onload], "
                         "[onerror])').length") == 0
    labels = page.evaluate("[...document.querySelectorAll('.cm-print g.concept')].map(g => g.textContent)")
    assert "".join(tagged(payload, "label").split()) in ["".join(t.split()) for t in labels]
    heading = "".join(page.evaluate("[...document.querySelectorAll('.cm-print text.title')].map(t => t.textContent)"))
    assert "".join(tagged(payload, "title").split()) in "".join(heading.split())
    assert page.pdf().startswith(b"%PDF")
    _safe(page)
    assert dialogs == []
    s.close()


@pytest.mark.browser
@pytest.mark.parametrize("key", PAYLOADS)
def test_payload_never_runs_in_the_svg(browser: Any, corpus_pages, key: str):
    payload = PAYLOADS[key]
    s, dialogs = _trapped(browser, corpus_pages[key][1])
    s.page.goto(s.url)
    assert s.page.evaluate("document.documentElement.localName") == "svg"
    assert s.page.evaluate("document.querySelector('title').textContent") == tagged(payload, "title")
    labels = s.page.evaluate("[...document.querySelectorAll('g.concept')].map(g => g.textContent)")
    assert "".join(tagged(payload, "label").split()) in ["".join(t.split()) for t in labels]
    assert s.page.evaluate("document.querySelectorAll('script, foreignObject, [onload], [onerror]').length") == 0
    _safe(s.page)
    assert dialogs == []
    s.close()


@pytest.mark.browser
def test_mermaid_output_of_every_payload_renders_harmlessly(browser: Any, tmp_path: Path):
    from graph.export.mermaid import write_mermaid

    page_file = tmp_path / "mermaid.html"
    page_file.write_text("<!DOCTYPE html><title>m</title><div id=out></div>", encoding="utf-8")
    s = Session(browser, page_file.as_uri())
    s.page.add_init_script(CANARY)
    s.page.goto(s.url)
    s.page.add_script_tag(content=MERMAID.read_text(encoding="utf-8"))
    s.page.evaluate("() => mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
    for i, key in enumerate(PAYLOADS):
        shown = s.page.evaluate("""async ([id, text]) => {
          const {svg} = await mermaid.render(id, text);
          document.getElementById('out').innerHTML = svg;
          return document.getElementById('out').textContent;
        }""", [f"m{i}", write_mermaid(_map(key))])
        assert "".join(tagged(PAYLOADS[key], "label").split()) in "".join(shown.split()), key
        assert s.page.evaluate("document.querySelectorAll('#out script, #out img, #out b').length") == 0
    _safe(s.page)
    s.close()


def _with_url(url: str) -> Any:
    """The corpus map with `url` as its link, bypassing the check that refuses it: the exporter must hold anyway."""
    cmap = _map("markdown")
    return dataclasses.replace(cmap, sources={"src": dataclasses.replace(cmap.sources["src"], url=url)})


@pytest.mark.browser
def test_markdown_links_render_harmlessly_in_chromium(browser: Any, tmp_path: Path):
    """Every hostile link (and every text payload), exported to Markdown, rendered by markdown-it with raw HTML on
    and opened in Chromium: no dialog, no canary, no element with an event handler, no image, svg or script."""
    from graph.export.markdown import write_markdown

    docs = [write_markdown(_with_url(url)) for url in URLS.values()] + [write_markdown(_map(k)) for k in PAYLOADS]
    body = "".join(MarkdownIt("commonmark", {"html": True}).render(doc) for doc in docs)
    page_file = tmp_path / "md.html"
    page_file.write_text(f"<!DOCTYPE html><title>md</title><body>{body}</body>", encoding="utf-8")
    s, dialogs = _trapped(browser, page_file)
    s.page.goto(s.url)
    s.page.wait_for_timeout(200)  # let any image error handler fire
    handlers = s.page.evaluate("[...document.querySelectorAll('*')].filter(e => [...e.attributes].some("
                               "a => a.name.startsWith('on'))).map(e => e.outerHTML.slice(0, 80))")
    assert handlers == []
    assert s.page.evaluate("document.querySelectorAll('img, svg, script, iframe, object, embed').length") == 0
    links = s.page.evaluate("[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
    assert links and not [h for h in links if any(c in h for c in " \t\n<>\\")]
    _safe(s.page)
    assert dialogs == []
    s.close()


@pytest.mark.browser
def test_the_page_isolates_each_field_of_a_sentence(browser: Any, tmp_path: Path):
    text = ("conceptmap: 1\ntitle: \"\\u202eTitle\"\nconcepts:\n  a: {label: \"\\u202efeiler niap\"}\n"
            "  b: {label: \"\\u05e9\\u05dc\\u05d5\\u05dd\"}\n"
            "relations:\n  - {from: a, to: b, phrase: \"x\\u2069\\u202ey\"}\n")
    cmap = parse_map(text.encode(), "bidi.yaml", "bidi")
    page_file = tmp_path / "bidi.html"
    page_file.write_text(render_html(cmap), encoding="utf-8")
    assert "<bdi>\u202eTitle</bdi>: text version" in page_file.read_text(encoding="utf-8")
    s = Session(browser, page_file.as_uri())
    page = s.open("bidi")
    sentence = proposition(cmap, cmap.relations[0])
    assert page.evaluate("conceptmap.maps.bidi.relation('a->b').sentence") == sentence  # worded by Python
    assert sentence.startswith(isolate("\u202efeiler niap"))
    assert sentence[:-1] in (page.locator(".cm-text-body li").text_content() or "")
    assert page.locator(".cm-text-body h3 bdi").first.text_content() == "\u202efeiler niap"
    s.close()
