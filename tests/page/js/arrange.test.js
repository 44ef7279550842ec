// Unit tests of the page's arranging helpers (graph/page/templates/arrange.js), run by `node --test`.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const arrange = require(path.join(__dirname, "..", "..", "..", "graph", "page", "templates", "arrange.js"));

test("positions come out as a concepts block of whole numbers, in the map's order", () => {
  const at = new Map([["pain", { x: 10.4, y: -20.6 }], ["no", { x: 0, y: 3 }], ["a-b_1", { x: -0.5, y: 1e6 }]]);
  assert.equal(arrange.positionsYaml(["pain", "no", "a-b_1"], at).split("\n").slice(2).join("\n"),
               "concepts:\n  pain: {position: [10, -21]}\n  \"no\": {position: [0, 3]}\n  a-b_1: {position: [0, 1000000]}\n");
  assert.match(arrange.positionsYaml(["pain"], at), /^# Positions of 1 concept, /);
});

test("ids YAML would read as booleans or null are quoted, others are not", () => {
  ["yes", "No", "TRUE", "off", "null", "y", "n"].forEach(id => assert.equal(arrange.yamlKey(id), "\"" + id + "\""));
  ["yes_", "nothing", "constructor", "_", "__proto__"].forEach(id => assert.equal(arrange.yamlKey(id), id));
});

test("a phrase follows half of its source's move and its share of its targets'", () => {
  const p = { id: "~p1", from: "a", to: ["b", "c"] }, loop = { id: "~p2", from: "a", to: ["a"] };
  assert.equal(arrange.share(p, "a"), 0.5);
  assert.equal(arrange.share(p, "b"), 0.25);
  assert.equal(arrange.share(p, "z"), 0);
  assert.equal(arrange.share(loop, "a"), 1);
  const f = arrange.followers([p, loop]);
  assert.ok(f instanceof Map);
  assert.deepEqual(f.get("a"), [["~p1", 0.5], ["~p2", 1]]);
  assert.deepEqual(f.get("c"), [["~p1", 0.25]]);
  assert.equal(f.get("constructor"), undefined);
});
