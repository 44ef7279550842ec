// Unit tests of the page's view function (graph/page/templates/view.js), run by `node --test` from tests/page/test_view_js.py.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const view = require(path.join(__dirname, "..", "..", "..", "graph", "page", "templates", "view.js"));

const theme = { groups: { g: { width: 2 } }, ungrouped: { width: 1 }, effects: { produces: "#333" }, text: "#111" };
function data() {
  return {
    concepts: [{ id: "a", text: "A", group: "g", x: 0, y: 0 }, { id: "b", text: "B", group: "g", x: 10, y: 0 },
               { id: "c", text: "C", x: 20, y: 0 }, { id: "constructor", text: "Ctor", x: 30, y: 0 }],
    relations: [{ id: "ab", from: "a", to: "b", phrase: "~p1", effect: "produces", bare: "x" },
                { id: "ac", from: "a", to: "c", phrase: "~p1", effect: "produces", bare: "x" },
                { id: "c>k", from: "c", to: "constructor", phrase: "~p2", effect: "produces", bare: "y" }],
    phrases: [{ id: "~p1", text: "x", relations: ["ab", "ac"] }, { id: "~p2", text: "y", relations: ["c>k"] }],
    perspectives: [{ id: "narrow", hide: ["ac"], emphasise: ["c"] }],
    steps: [{ concepts: ["a"], relations: [], highlight: [] }, { concepts: [], relations: ["ab"], highlight: ["b"] }],
    themes: { light: theme }, effects: { produces: { arrow: "vee" } }, groups: [{ id: "g", label: "G" }], selfcheck: null
  };
}
function drawn(v, id) { return v.nodes.concat(v.edges).find(x => x.id === id); }

test("the whole map shows everything, a shared phrase once with one segment in", () => {
  const m = view.model(data()), v = view.visual(m, view.initial("light"));
  assert.deepEqual(v.nodes.filter(n => n.hidden).map(n => n.id), []);
  assert.deepEqual(v.edges.map(e => e.id).sort(), ["c>k", "~p1~in", "~p2~in", "ab", "ac"].sort());
  assert.equal(drawn(v, "constructor").label, "Ctor");  // an id named after Object.prototype is just an id
});

test("a step shows what it reveals; its focus is what it adds and highlights", () => {
  const m = view.model(data()), v = view.visual(m, Object.assign(view.initial(), { step: 1 }));
  assert.deepEqual(Array.from(v.shown.concepts).sort(), ["a", "b"]);
  assert.equal(drawn(v, "ac").hidden, true);
  assert.equal(drawn(v, "~p1").hidden, false);  // the shared phrase shows once one of its relations does
  assert.deepEqual(view.framed(m, Object.assign(view.initial(), { step: 1 }), v).sort(), ["a", "b", "~p1"]);
});

test("perspective and collapse combine: what the view hides stays hidden after expanding", () => {
  const m = view.model(data());
  const collapsed = view.visual(m, Object.assign(view.initial(), { perspective: "narrow", collapsed: ["g"] }));
  assert.ok(collapsed.nodes.some(n => n.id === "cluster:g"));
  const expanded = view.visual(m, Object.assign(view.initial(), { perspective: "narrow", collapsed: [] }));
  assert.equal(drawn(expanded, "ac").hidden, true);
  assert.equal(drawn(expanded, "c").borderWidth, 5);  // emphasised by the view
});

test("present and collapse: a step draws members, never the group box, once collapse is cleared", () => {
  const m = view.model(data());
  const v = view.visual(m, Object.assign(view.initial(), { step: 0, collapsed: ["g"] }));
  assert.equal(drawn(v, "a").hidden, true);
  assert.ok(v.nodes.some(n => n.id === "cluster:g"));
  const w = view.visual(m, Object.assign(view.initial(), { step: 0, collapsed: [] }));
  assert.equal(drawn(w, "a").hidden, false);
  assert.ok(!w.nodes.some(n => n.id === "cluster:g"));
});

test("highlight dims the rest, and a theme change keeps it", () => {
  const m = view.model(data()), state = Object.assign(view.initial(), { highlight: { relations: ["ab"], concepts: [] } });
  const v = view.visual(m, state);
  assert.equal(drawn(v, "c").opacity, 0.15);
  assert.equal(drawn(v, "ab").width, 5);
  assert.equal(drawn(v, "c>k").color.opacity, 0.12);
});

test("self-check hides the asked part and ending it restores every label", () => {
  const m = view.model(data());
  const q = view.visual(m, Object.assign(view.initial(), { quiz: "phrases" }));
  assert.equal(drawn(q, "~p1").label, "?");
  const c = view.visual(m, Object.assign(view.initial(), { quiz: "concepts" }));
  assert.equal(drawn(c, "a").label, "?");
  assert.equal(drawn(c, "~p1").label, "x");
  const off = view.visual(m, view.initial());
  assert.equal(drawn(off, "~p1").label, "x");
  assert.equal(drawn(off, "a").label, "A");
});

test("steps accumulate", () => {
  const m = view.model(data());
  assert.equal(m.steps.length, 2);
  assert.ok(m.steps[1].concepts.has("a") && m.steps[1].concepts.has("b"));
  assert.ok(m.steps[1].relations.has("ab"));
  assert.ok(!m.steps[0].concepts.has("b") && !m.steps[0].relations.has("ab") && !m.steps[1].concepts.has("c"));
  assert.ok(!m.steps[1].concepts.has("toString") && !m.steps[1].concepts.has("__proto__"));
});

test("step data grows with what the steps list, not with steps times the map", () => {
  // The shape, scaled: many concepts revealed relation by relation, one step each. Copying the revealed
  // set at every step would hold n * (n - 1) / 2 entries; the page keeps one first-step index per id.
  const n = 3000, d = data();
  d.concepts = Array.from({ length: n }, (_, i) => ({ id: "c" + i, text: "C" + i, x: i, y: 0 }));
  d.relations = Array.from({ length: n - 1 }, (_, i) => ({ id: "r" + i, from: "c" + i, to: "c" + (i + 1),
                                                             phrase: "~p", effect: "produces", bare: "x" }));
  d.phrases = [{ id: "~p", text: "x", relations: d.relations.map(r => r.id) }];
  d.perspectives = []; d.groups = [];
  d.steps = d.relations.map(r => ({ concepts: [], relations: [r.id], highlight: [] }));
  const m = view.model(d);
  assert.equal(m.steps.first.concepts.size, n);
  assert.equal(m.steps.first.relations.size, n - 1);
  assert.equal(m.steps.first.concepts.get("c" + (n - 1)), n - 2);
  assert.ok(m.steps.every(s => !(s.concepts instanceof Set) && !(s.relations instanceof Set)));
  assert.ok(m.steps[n - 2].concepts.has("c0") && m.steps[0].concepts.has("c1") && !m.steps[0].concepts.has("c2"));
  const v = view.visual(m, Object.assign(view.initial(), { step: 9 }));
  assert.deepEqual(Array.from(v.shown.concepts).length, 11);
  assert.deepEqual(view.framed(m, Object.assign(view.initial(), { step: 9 }), v).sort(), ["c10", "c9", "~p"]);
});

test("a diff page draws a changed relation in its change group's colour and pattern, not its effect's", () => {
  const d = data();
  d.themes.light = Object.assign({}, theme, { groups: { g: { width: 2 }, removed: { border: "#D55E00", dashes: [7, 4] } } });
  d.relations[0].change = "removed";
  d.relations[1].inferred = true;
  const v = view.visual(view.model(d), view.initial("light"));
  assert.equal(drawn(v, "ab").color.color, "#D55E00");
  assert.deepEqual(drawn(v, "ab").dashes, [7, 4]);
  assert.equal(drawn(v, "~p1~in").color.color, "#D55E00");  // the segment in takes its first relation's style
  assert.equal(drawn(v, "c>k").color.color, "#333");
  assert.deepEqual(drawn(v, "ac").dashes, [8, 6]);
});

test("a self-check marks only what was answered, and tells no answer", () => {
  const items = [{ id: "ab", answer: "x" }, { id: "ac", answer: "y" }, { id: "c>k", answer: "z" }];
  assert.deepEqual(view.marks(items, ["", "", ""]), { marks: ["open", "open", "open"], right: 0, answered: 0, total: 3 });
  assert.deepEqual(view.marks(items, ["x", "", "y"]), { marks: ["right", "open", "wrong"], right: 1, answered: 2, total: 3 });
});

test("each question is found from the map item it asks about", () => {
  const items = [{ id: "ab" }, { id: "constructor" }];
  assert.equal(view.question(items, "constructor"), 1);
  assert.equal(view.question(items, "ab"), 0);
  assert.equal(view.question(items, "toString"), -1);
});

test("a checked quote's mark is a label on its own segment out, never on the shared one in; a self-check or a dimmed segment hides it", () => {
  const d = data();
  d.relations[0].mark = "\u2713";
  d.relations[1].mark = "?";
  const m = view.model(d), v = view.visual(m, view.initial("light"));
  assert.equal(drawn(v, "ab").label, "\u2713");
  assert.equal(drawn(v, "ac").label, "?");
  assert.equal(drawn(v, "~p1~in").label, undefined);
  assert.equal(drawn(v, "c>k").label, undefined);  // no check, no mark
  assert.equal(drawn(view.visual(m, Object.assign(view.initial("light"), { quiz: "phrases" })), "ab").label, "");
  const lit = view.visual(m, Object.assign(view.initial("light"), { highlight: { relations: ["ac"] } }));
  assert.deepEqual([drawn(lit, "ab").label, drawn(lit, "ac").label], ["", "?"]);
});
