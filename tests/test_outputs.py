"""Committed artefacts stay in step with the code: output/ pages and concepts/schema.json."""

from __future__ import annotations

import json

import jsonschema
import yaml
from conftest import ROOT

from graph.check.quotes import with_checks
from graph.load import load_map
from graph.page.html import render_html
from graph.read.schema import schema_text


def test_committed_pages_are_up_to_date():
    maps = sorted((ROOT / "concepts").glob("*.yaml"))
    assert maps
    for path in maps:
        page = ROOT / "output" / f"{path.stem}.html"
        assert page.exists(), f"{page} is missing: run `conceptmap build`"
        # as `build` makes it: the quotes checked in the map's own folder, where no seed text is (the page says so)
        assert page.read_text(encoding="utf-8") == render_html(with_checks(load_map(path))), \
            f"{page} is stale: run `conceptmap build` and commit output/"


def test_committed_schema_is_up_to_date():
    committed = (ROOT / "concepts" / "schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "concepts/schema.json is stale: run `conceptmap schema > concepts/schema.json`"


def test_schema_accepts_the_maps_and_rejects_typos():
    schema = json.loads(schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((ROOT / "concepts").glob("*.yaml")):
        assert list(validator.iter_errors(yaml.safe_load(path.read_text()))) == []
    bad = {"conceptmap": 1, "title": "T", "concepts": {"a": {"lable": "A"}},
           "relations": [{"from": "a", "to": "a", "phrase": "p", "effect": "increase"}]}
    assert len(list(validator.iter_errors(bad))) == 2
