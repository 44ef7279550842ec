// Unit tests of how a large map's items are sliced to stream in (graph/page/templates/stream.js), run by `node --test`.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const stream = require(path.join(__dirname, "..", "..", "..", "graph", "page", "templates", "stream.js"));

const view = { x: 0, y: 0, halfWidth: 100, halfHeight: 50 };

function grid(n) {  // n nodes on a line going right, 10 apart, and a segment between each two neighbours
  const nodes = [], edges = [];
  for (let i = 0; i < n; i += 1) {
    nodes.push({ id: "n" + i, x: 10 * i, y: 0 });
    if (i) { edges.push({ id: "e" + i, from: "n" + (i - 1), to: "n" + i }); }
  }
  return { nodes, edges };
}

test("reach is measured in half views, the larger of across and down", () => {
  assert.equal(stream.reach({ x: 100, y: 0 }, view), 1);
  assert.equal(stream.reach({ x: -50, y: 75 }, view), 1.5);
  assert.equal(stream.reach({ x: 0, y: 0 }, view), 0);
});

test("the first slice holds what lies in and just around the view; the others grow", () => {
  const { nodes, edges } = grid(5000);
  const slices = stream.plan(nodes, edges, view);
  const inside = nodes.filter(n => stream.reach(n, view) <= stream.MARGIN).map(n => n.id);
  assert.deepEqual(slices[0].nodes.map(n => n.id), inside);
  assert.equal(inside.length, 13);  // x from 0 to 120: 1.25 half widths of 100
  // Then slices of twice as many each time: a few additions in all (each costs vis-network a pass over all).
  const sizes = slices.slice(1).map(s => s.nodes.length);
  assert.deepEqual(sizes, [250, 500, 1000, 2000, 5000 - 13 - 3750]);
});

test("every node comes once, every segment once and no earlier than both its ends", () => {
  const { nodes, edges } = grid(1000);
  edges.push({ id: "far", from: "n999", to: "n0" });
  const slices = stream.plan(nodes.slice().reverse(), edges, { x: 5000, y: 0, halfWidth: 100, halfHeight: 50 });
  const at = new Map();
  slices.forEach((s, k) => s.nodes.forEach(n => { assert.ok(!at.has(n.id)); at.set(n.id, k); }));
  assert.equal(at.size, 1000);
  const seen = new Set();
  slices.forEach((s, k) => s.edges.forEach(e => {
    assert.ok(!seen.has(e.id));
    seen.add(e.id);
    assert.ok(k >= at.get(e.from) && k >= at.get(e.to), e.id);
    assert.equal(k, Math.max(at.get(e.from), at.get(e.to)));
  }));
  assert.equal(seen.size, edges.length);
});

test("a segment to a node that is not there comes last; ties keep the map's order", () => {
  const nodes = [{ id: "b", x: 0, y: 10 }, { id: "a", x: 0, y: -10 }, { id: "c", x: 9000, y: 0 }];
  const slices = stream.plan(nodes, [{ id: "x", from: "a", to: "gone" }], view);
  assert.deepEqual(slices.map(s => s.nodes.map(n => n.id)), [["b", "a"], ["c"]]);
  assert.deepEqual(slices[1].edges.map(e => e.id), ["x"]);
});

test("a map wholly in view is one slice; an empty map is one empty slice", () => {
  const { nodes, edges } = grid(5);
  assert.equal(stream.plan(nodes, edges, view).length, 1);
  assert.deepEqual(stream.plan([], [], view), [{ nodes: [], edges: [] }]);
});
