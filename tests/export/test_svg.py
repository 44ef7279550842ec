"""Static SVG export: parses, carries title and desc, shows each step's labels as text, escapes user text."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from conftest import FIGURE

from graph.analysis.build import build_graph
from graph.analysis.layout import compute_layout
from graph.analysis.measure import text_width
from graph.export.svg import render_svg, revealed
from graph.load import load_map, parse_map
from graph.style import EFFECTS, STATUS_WORDS

NS = {"s": "http://www.w3.org/2000/svg"}


def _texts(svg: str) -> tuple[ET.Element, list[str]]:
    root = ET.fromstring(svg)
    groups = root.findall(".//s:g[@class='concept']", NS)
    return root, [" ".join(t.text or "" for t in g.iter(f"{{{NS['s']}}}tspan")) for g in groups]


def test_whole_map_svg_has_title_desc_and_every_label():
    cmap = load_map(FIGURE)
    svg = render_svg(cmap, compute_layout(build_graph(cmap)))
    root, labels = _texts(svg)
    assert root.find("s:title", NS).text == cmap.title
    assert cmap.focus_question in root.find("s:desc", NS).text
    assert sorted(labels) == sorted(c.label for c in cmap.concepts.values())
    keys = [k for g in root.findall(".//s:g[@class='relation']", NS) for k in g.get("data-id").split()]
    assert sorted(keys) == sorted(r.key for r in cmap.relations)  # one group per phrase box, naming its relations


def test_each_step_shows_exactly_what_it_reveals_with_the_same_frame():
    cmap = load_map(FIGURE)
    pos = compute_layout(build_graph(cmap))
    frames = set()
    for i, step in enumerate(cmap.steps):
        root, labels = _texts(render_svg(cmap, pos, step=i))
        concepts, relations, _ = revealed(cmap, i)
        assert sorted(labels) == sorted(cmap.concepts[c].label for c in concepts)
        drawn = {k for g in root.findall(".//s:g[@class='relation']", NS) for k in g.get("data-id").split()}
        assert drawn == relations
        assert step.title in root.find("s:title", NS).text
        frames.add(root.get("viewBox"))
    assert len(frames) == 1, "every step must share the whole map's frame, so nothing moves"


def test_steps_add_up():
    cmap = load_map(FIGURE)
    sizes = [len(revealed(cmap, i)[0]) for i in range(len(cmap.steps))]
    assert sizes == sorted(sizes) and sizes[-1] == len(cmap.concepts)
    assert revealed(cmap, 0)[0] == {"pain", "mood", "endogenous_opioid_mechanisms"}


def test_user_text_stays_text_in_svg():
    cmap = parse_map(b"""conceptmap: 1
title: "<script>alert(1)</script> & ]]>"
concepts:
  a: {label: "<svg onload=alert(2)>"}
  b: {label: "\\" onmouseover=\\"x"}
relations:
  - {from: a, to: b, phrase: "<!-- & -->"}
""")
    svg = render_svg(cmap, compute_layout(build_graph(cmap)))
    root, labels = _texts(svg)
    assert "<script" not in svg and "<svg onload" not in svg
    assert root.find("s:title", NS).text == "<script>alert(1)</script> & ]]>"
    assert "<svg onload=alert(2)>" in labels
    assert not root.findall(".//s:script", NS)


def _legend(svg: str) -> list[str]:
    """The words of the legend's entries, glyph and words joined, in order."""
    root = ET.fromstring(svg)
    box = root.find(".//s:g[@class='legend']", NS)
    if box is None:
        return []
    texts = list(box.iter(f"{{{NS['s']}}}text"))
    out, glyph = [], ""
    for t in texts:
        if t.get("class") != "legend-words":
            glyph = (t.text or "") + " "
            continue
        out.append(glyph + " ".join(s.text or "" for s in t.iter(f"{{{NS['s']}}}tspan")))
        glyph = ""
    return out


def _svg(yaml: str, step: int | None = None) -> str:
    cmap = parse_map(yaml.encode())
    return render_svg(cmap, compute_layout(build_graph(cmap)), step=step)


EFFECTS_MAP = """conceptmap: 1
title: Effects
concepts: {a: {label: A}, b: {label: B}, c: {label: C}}
relations:
  - {from: a, to: b, phrase: raises, effect: increases}
  - {from: b, to: c, phrase: shapes, effect: interdependent, inferred: true}
  - {from: a, to: c, phrase: makes}
"""


def test_legend_names_the_effects_used_and_the_line_styles_as_the_page_does():
    words = _legend(_svg(EFFECTS_MAP))
    assert words == [f"({EFFECTS['increases'].glyph}) increases", f"({EFFECTS['produces'].glyph}) produces",
                     f"({EFFECTS['interdependent'].glyph}) interdependent", "no source given",
                     STATUS_WORDS["inferred"]]  # no evidence and no source: the solid line is not "stated"
    sourced = EFFECTS_MAP.replace("concepts:", "sources: {s: {cite: A book.}}\nconcepts:")
    assert _legend(_svg(sourced))[3:] == [STATUS_WORDS["stated"], STATUS_WORDS["inferred"]]  # its one source
    two = sourced.replace("{s: {cite: A book.}}", "{s: {cite: A book.}, t: {cite: B book.}}").replace(
        "effect: increases}", "effect: increases, evidence: {source: s}}")
    assert _legend(_svg(two))[3:] == ["stated by the source or no source given", STATUS_WORDS["inferred"]]


def test_no_legend_when_only_the_default_effect_is_used_and_nothing_is_inferred():
    plain = "conceptmap: 1\ntitle: Plain\nconcepts: {a: {label: A}, b: {label: B}}\n" \
            "relations:\n  - {from: a, to: b, phrase: makes}\n"
    svg = _svg(plain)
    assert _legend(svg) == [] and "legend" not in svg
    # Inferred relations bring the line styles the map draws, and nothing else.
    assert _legend(_svg(plain.replace("makes}", "makes, inferred: true}"))) == [STATUS_WORDS["inferred"]]


def test_legend_shows_groups_with_their_labels_as_text():
    svg = _svg("""conceptmap: 1
title: Groups
groups: {g1: {label: "<b>First</b> & co"}, g2: {label: Second}}
concepts: {a: {label: A, group: g1}, b: {label: B, group: g2}}
relations:
  - {from: a, to: b, phrase: makes}
""")
    assert _legend(svg) == ["<b>First</b> & co", "Second"]
    assert "<b>" not in svg


def test_the_legend_sits_inside_the_frame_below_the_drawing():
    cmap = load_map(FIGURE)
    root = ET.fromstring(render_svg(cmap, compute_layout(build_graph(cmap))))
    x0, y0, width, height = map(float, root.get("viewBox").split())
    bottoms = [float(r.get("y")) + float(r.get("height")) for r in root.findall(".//s:g[@class='concept']/s:rect", NS)]
    box = root.find(".//s:g[@class='legend']", NS)
    ys = [float(e.get("y")) for e in box.iter() if e.get("y")]
    xs = [float(e.get("x")) for e in box.iter() if e.get("x")]
    assert max(bottoms) < min(ys) and max(ys) < y0 + height
    assert x0 <= min(xs) and max(xs) < x0 + width


def test_each_slide_names_its_step_and_the_map_in_visible_text_and_the_map_its_focus_question():
    cmap = load_map(FIGURE)
    drawing = compute_layout(build_graph(cmap))
    for i, step in enumerate(cmap.steps):
        root = ET.fromstring(render_svg(cmap, drawing, step=i))
        heading = [t.text for t in root.findall("s:text[@class='title']", NS)]
        assert heading == [cmap.title, f"Step {i + 1} of {len(cmap.steps)}: {step.title}"]
    whole = ET.fromstring(render_svg(cmap, drawing))
    heading = [t.text for t in whole.findall("s:text[@class='title']", NS)]
    assert heading[0] == cmap.title and " ".join(heading[1:]) == f"Focus question: {cmap.focus_question}"


def test_long_titles_wrap_inside_the_frame_and_stay_text():
    long = "A very long step title <script>alert(1)</script> " * 6
    svg = _svg(f"""conceptmap: 1
title: Small
concepts: {{a: {{label: A}}, b: {{label: B}}}}
relations:
  - {{from: a, to: b, phrase: makes}}
steps:
  - {{title: {json.dumps(long)}, narration: N, concepts: [a]}}
  - {{title: Short, narration: N, concepts: [b]}}
""", step=0)
    root = ET.fromstring(svg)
    lines = [t.text for t in root.findall("s:text[@class='title']", NS)]
    assert len(lines) > 2 and " ".join(lines[1:]) == "Step 1 of 2: " + " ".join(long.split())
    width = float(root.get("viewBox").split()[2])
    assert all(text_width(line, 24) * 1.12 <= width - 80 for line in lines[1:])
    assert "<script" not in svg


def test_xml_quoting_is_what_saxutils_does():
    import random
    from xml.sax.saxutils import escape, quoteattr

    from graph.export.svg import attr, text

    rnd = random.Random(7)
    samples = ["", "plain", "a & b < c > d", 'say "hi"', "it's", "both \" and '", "line\nbreak\r\ttab", "&amp;"]
    samples += ["".join(rnd.choice("ab&<>\"'\n\r\t é") for _ in range(rnd.randrange(12))) for _ in range(3000)]
    for s in samples:
        assert (text(s), attr(s)) == (escape(s), quoteattr(s)), s
