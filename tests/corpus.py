"""The injection corpus: hostile payloads, and a map that carries one payload in every text field."""

from __future__ import annotations

import json
import re

PAYLOADS = {
    "script-close": "</script><script>window.__pwned = 1; alert(1)</script>",
    "img-onerror": '<img src=x onerror="window.__pwned = 2; alert(2)">',
    "svg-onload": '"><svg onload="window.__pwned = 3">',
    "svg-close": "</svg></figure><script>window.__pwned = 8; alert(8)</script><img src=x onerror=alert(9)>",
    "templates": "{{ 7*7 }} {% if 1 %}x{% endif %} ${window.__pwned = 4} #{5}",
    "json-breakers": "line\u2028sep\u2029para \" unbalanced ' quote ` tick \\ back",
    "mermaid": 'A-->B; click A call alert(6) %%{init: {"securityLevel": "loose"}}%% end',
    "dot": 'digraph { a -> b } "; ] [label=<<b>x</b>>] // comment',
    "markdown": "**bold** _em_ [link](javascript:alert(7)) <b>tag</b> # heading | pipe |",
    "bidi-zero-width-emoji": "\u202eevil\u202c \u200bzero\u200dwidth \U0001f469\u200d\U0001f3eb \U0001f9e0",
    "bidi-unclosed": "\u202efeiler niap \u2067unclosed isolate \u202bembedding",
    "invisible": "Opi\u200boids\u2060 soft\u00adhyphen \ufeffbom \U000e0041tag",
    "url-tricks": "//evil.example/x \\\\evil\\share /\\evil img\tsrc=x\tonerror=alert(10) &#47;&#47;x",
    "long": "<b>" + "long " * 2000 + "</b>",
}
# Control characters that only YAML escapes can write ("\e[31m", "\0", "\uFFFF"): each is refused, in any field.
ESCAPES = {
    "ansi-colour": "\x1b[31mred\x1b[0m",
    "terminal-title": "\x1b]0;title\x07",
    "nul": "a\x00b",
    "noncharacter": "a\uffffb",
    "c1-csi": "a\x9b31mb",
    "lone-surrogate": "a\ud800b",
    "carriage-return": "a\rb",
}
# Links that must be refused: markup through whitespace, other hosts through two slashes or backslashes.
URLS = {
    "tab-markup": "img\tsrc=x\tonerror=alert(1)",
    "newline-markup": "svg\nonload=alert(1)",
    "space": "a b",
    "protocol-relative": "//evil.example/x",
    "unc": "\\\\evil.example\\share",
    "slash-backslash": "/\\evil.example/x",
    "backslash-slash": "\\/evil.example/x",
    "entity-slashes": "&#47;&#47;evil.example/x",
    "bidi-in-url": "notes/\u202egpj.exe",
    "javascript": "javascript:alert(1)",
    "file": "file://evil.example/share",
}
FIELDS = ("title", "focus_question", "description", "cite", "group", "label", "definition", "note", "phrase",
          "quote", "relation-note", "step-title", "narration", "notes")


def tagged(payload: str, field: str) -> str:
    """The payload as placed in one field: the field's name after it, so each placement can be found."""
    return f"{payload} [{field}]"


def yaml_string(text: str) -> str:
    """A YAML double-quoted string: JSON's, with the line separators YAML would break on and the characters a
    YAML file cannot hold raw (DEL, C1 controls, noncharacters, lone surrogates) written as escapes."""
    return re.sub("[\u2028\u2029\x7f-\x9f\ufffe\uffff\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}",
                  json.dumps(text, ensure_ascii=False))


def corpus_map(payload: str, url: str = "https://example.org/?q=%3Cscript%3E&x=1") -> str:
    """A map with `payload` in every text field (valid for every payload of PAYLOADS), and `url` as the link."""
    t = {f: yaml_string(tagged(payload, f)) for f in FIELDS}
    short = {f: yaml_string(tagged(payload[:200], f)) for f in FIELDS}
    return f"""conceptmap: 1
title: {t["title"]}
focus_question: {t["focus_question"]}
description: {t["description"]}
sources:
  src: {{cite: {t["cite"]}, url: {yaml_string(url)}}}
groups:
  grp: {{label: {short["group"]}}}
concepts:
  a: {{label: {t["label"]}, definition: {t["definition"]}, group: grp, note: {t["note"]}, sources: [src],
       evidence: {{source: src, quote: {t["quote"]}}}}}
  b: {{label: "B plain", definition: "Plain text."}}
relations:
  - {{from: a, to: b, phrase: {short["phrase"]}, effect: increases, note: {t["relation-note"]},
     evidence: {{source: src, quote: {t["quote"]}}}}}
  - {{from: b, to: a, phrase: "plain back", effect: decreases, inferred: true}}
steps:
  - {{title: {t["step-title"]}, narration: {t["narration"]}, notes: {t["notes"]}, concepts: [a]}}
  - {{title: "Second", narration: "Both.", relations: ["a->b", "b->a"], highlight: [a]}}
"""
