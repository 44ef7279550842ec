"""A Markdown outline of the propositions, grouped by concept, and the table of a score; `md` is the one place
that escapes Markdown."""

from __future__ import annotations

import re
from urllib.parse import quote

from graph.analysis.loops import find_loops
from graph.analysis.score import Score, score_summary
from graph.model import Map
from graph.text import isolate, loop_line, text_alternative, unchecked_note

# What Markdown (CommonMark, and GitHub's strikethrough) can read as markup anywhere in a line: a backslash that
# escapes the next mark (or ends the line), code, emphasis, links and images, autolinks and HTML, strikethrough,
# an underscore that is not inside a word, and an ampersand that starts an entity. Parentheses and `!` are read only
# after brackets, which are always escaped.
_INLINE = re.compile(r"\\(?=[!-/:-@\[-`{-~]|$)|[`*\[\]<~]|(?<![^\W_])_|_(?![^\W_])|&(?=#?[A-Za-z0-9]+;)")
# What starts a block at the beginning of a line (a heading, quote, list item or rule), and an ATX heading's
# closing #s.
_START = re.compile(r"^(?:#{1,6}(?= |$)|>|\+(?= |$)|-(?= |[- ]*$)|\d{1,9}(?=[.)](?: |$)))")
_CLOSING = re.compile(r"(?<= )#+$")


def md(text: str) -> str:
    """Text that Markdown shows literally, on a line of its own or after a list marker or heading's #s: only the
    marks Markdown would read there are backslash-escaped."""
    text = _INLINE.sub(lambda m: "\\" + m.group(0), " ".join(text.split()))
    text = _CLOSING.sub(lambda m: "\\" + m.group(0), text)
    start = _START.match(text)
    if start is None:
        return text
    if start.group(0)[0].isdigit():
        end = start.end()
        return text[:end] + "\\" + text[end:]
    return "\\" + text


def md_url(url: str) -> str:
    """A link destination no Markdown renderer can read markup into: everything but ASCII letters, digits and
    `-._~/?#=%:@!$'*+,;&` is percent-encoded (whitespace, controls, `<>()[]`, quotes, backticks and backslashes
    among them), so the destination cannot end early, hold a tag or break a line. Entities such as `&amp;` read
    the same in every renderer as in the browser's own reading of an `href`."""
    return quote(url, safe="-._~/?#=%:@!$'*+,;&")


def md_link(text: str, url: str) -> str:
    """`[text](url)`, both escaped: the only way a link is written."""
    return f"[{md(text)}]({md_url(url)})"


def write_markdown(cmap: Map) -> str:
    """Title, focus question, one section per concept with its definition and propositions, then the feedback
    loops and the sources: the page's text version, in Markdown."""
    out = [f"# {md(cmap.title)}", ""]
    if cmap.focus_question:
        out += [f"*Focus question:* {md(cmap.focus_question)}", ""]
    if note := unchecked_note(cmap):
        out += [md(note), ""]
    for item in text_alternative(cmap):
        out += [f"## {md(item.concept.label)}", ""]
        if item.concept.definition:
            out += [md(item.concept.definition), ""]
        for r, sentence in item.propositions:
            quote = f" \u201c{md(isolate(r.evidence.quote))}\u201d" if r.evidence and r.evidence.quote else ""
            out.append(f"- {md(sentence)}{quote}")
        if item.propositions:
            out.append("")
    loops = find_loops(cmap)
    if loops:
        out += ["## Feedback loops", ""]
        out += [f"- {md(loop_line(lp.name, lp.sentence(cmap), lp.description))}" for lp in loops] + [""]
    if cmap.sources:
        out += ["## Sources", ""]
        for i, s in enumerate(cmap.sources.values(), 1):
            link = f" {md_link(s.url, s.url)}" if s.url else ""
            out.append(f"{i}. {md(isolate(s.cite))}{link}")
        out.append("")
    return "\n".join(out)


def score_markdown(s: Score, expert: Map, student: Map) -> str:
    """The table in Markdown, every cell escaped (see md)."""
    lines = [f"# Scoring {md(student.file)} against {md(expert.file)}", "", md(score_summary(s)), "",
             "| # | verdict | expert proposition | student proposition | why |", "|---|---|---|---|---|"]
    lines += [f"| {i} | {md(r.verdict)} | {md(r.expert) or '—'} | {md(r.student) or '—'} | {md(r.why)} |"
              for i, r in enumerate(s.rows, 1)]
    lines += ["", "| expert concept | student concept |", "|---|---|"]
    lines += [f"| {md(a)} | {md(b) if b else '(missing)'} |" for a, b in s.concepts]
    lines += [f"| (none) | {md(c)} (extra) |" for c in s.extra_concepts]
    return "\n".join(lines) + "\n"
