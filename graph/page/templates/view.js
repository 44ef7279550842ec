/* conceptmap page script, view: the one owner of what is drawn. A view is plain data (step, perspective,
   collapsed groups, highlight, emphasis, self-check, theme); visual(model, view) is a pure function from it to
   the draw attributes of every node and segment, and setView (in core.js) is the only writer of the DataSets.
   Every lookup keyed by map ids is a Map, so no id can reach Object.prototype. */
(function (root) {
  "use strict";

  function setOf(items) { return new Set(items || []); }

  /* What the view function needs, built once per map from the page data. */
  function model(data) {
    var concepts = new Map(), relations = new Map(), phrases = new Map(), members = new Map();
    var groupLabels = new Map(data.groups.map(function (g) { return [g.id, g.label]; }));
    data.concepts.forEach(function (c) {
      concepts.set(c.id, c);
      if (c.group) { (members.get(c.group) || members.set(c.group, []).get(c.group)).push(c.id); }
    });
    data.phrases.forEach(function (p) { phrases.set(p.id, p); });
    data.relations.forEach(function (r) { relations.set(r.id, r); });
    return { data: data, concepts: concepts, relations: relations, phrases: phrases, members: members,
             groupLabels: groupLabels,
             steps: cumulative(data, relations), perspectives: new Map(data.perspectives.map(function (v) {
               return [v.id, v]; })) };
  }

  /* Step i shows what steps 0..i reveal; its focus is what it newly reveals and highlights, with both ends of
     each of those relations. Nothing is copied from step to step: each concept and relation keeps the index of
     the step that first reveals it, and step i's `concepts` and `relations` answer has(id) from those. */
  function cumulative(data, relations) {
    var first = { concepts: new Map(), relations: new Map() }, out = [];
    function upTo(at, i) {
      return { has: function (id) { var s = at.get(id); return s !== undefined && s <= i; } };
    }
    data.steps.forEach(function (step, i) {
      var focus = new Set();
      function reveal(at, id) { if (!at.has(id)) { at.set(id, i); } }
      step.concepts.forEach(function (id) { reveal(first.concepts, id); focus.add(id); });
      step.relations.forEach(function (id) {
        var r = relations.get(id);
        if (!r) { return; }
        reveal(first.relations, id); reveal(first.concepts, r.from); reveal(first.concepts, r.to);
        focus.add(id); focus.add(r.from); focus.add(r.to);
      });
      step.highlight.forEach(function (id) {
        var r = relations.get(id);
        focus.add(id);
        if (r) { focus.add(r.from); focus.add(r.to); }
      });
      out.push({ concepts: upTo(first.concepts, i), relations: upTo(first.relations, i),
                 highlight: setOf(step.highlight), focus: focus });
    });
    out.first = first;
    return out;
  }

  function initial(theme) {
    return { theme: theme || "light", step: -1, perspective: null, collapsed: [], highlight: null, quiz: null };
  }

  /* Which concepts and relations are shown: revealed by the step, not hidden by the view, not inside a collapsed
     group. Written once; every feature goes through it. */
  function shownSets(m, view) {
    var step = view.step >= 0 ? m.steps[view.step] : null, v = view.perspective ? m.perspectives.get(view.perspective) : null;
    var hide = setOf(v && v.hide), only = v && (v.show || []).length ? setOf(v.show) : null;
    var collapsed = setOf(view.collapsed), concepts = new Set(), relations = new Set(), clusters = new Map();
    function viewHides(id) { return hide.has(id) || (only !== null && !only.has(id)); }
    m.concepts.forEach(function (c, id) {
      if ((step && !step.concepts.has(id)) || viewHides(id)) { return; }
      if (c.group && collapsed.has(c.group)) { clusters.set(c.group, (clusters.get(c.group) || 0) + 1); return; }
      concepts.add(id);
    });
    var links = new Map();
    m.relations.forEach(function (r, id) {
      if ((step && !step.relations.has(id)) || viewHides(id)) { return; }
      if (concepts.has(r.from) && concepts.has(r.to)) { relations.add(id); return; }
      var a = end(m, r.from, concepts, clusters), b = end(m, r.to, concepts, clusters);
      if (a && b && a !== b) { links.set(a + "\u0000" + b, [a, b]); }
    });
    return { concepts: concepts, relations: relations, clusters: clusters, links: links };
  }

  function end(m, id, concepts, clusters) {  // what a relation's end is drawn as: its concept, or its group's box
    if (concepts.has(id)) { return id; }
    var g = m.concepts.get(id).group;
    return g && clusters.has(g) ? "cluster:" + g : null;
  }

  function emphasised(m, view) {
    var out = new Set(), v = view.perspective ? m.perspectives.get(view.perspective) : null;
    if (view.step >= 0) { m.steps[view.step].highlight.forEach(function (id) { out.add(id); }); }
    if (v) { (v.emphasise || []).forEach(function (id) { out.add(id); }); }
    return out;
  }

  function lit(m, view) {  // a loop or path highlight: these stay, everything else is dimmed
    if (!view.highlight) { return null; }
    var on = setOf(view.highlight.concepts);
    (view.highlight.relations || []).forEach(function (id) {
      var r = m.relations.get(id);
      if (r) { on.add(id); on.add(r.from); on.add(r.to); on.add(r.phrase); }
    });
    return on;
  }

  function quizzed(m, view) {  // the ids a self-check asks for
    if (!view.quiz) { return new Set(); }
    var allow = m.data.selfcheck || {};
    if (view.quiz === "concepts") {
      return setOf((allow.concepts || []).length ? allow.concepts : Array.from(m.concepts.keys()));
    }
    return setOf((allow.relations || []).length ? allow.relations : Array.from(m.relations.keys()));
  }

  function conceptNode(m, view, c, s) {
    var t = m.data.themes[view.theme], st = c.group ? t.groups[c.group] : t.ungrouped;
    var on = s.lit, quiz = view.quiz === "concepts" && s.quiz.has(c.id);
    return { id: c.id, hidden: !s.shown.concepts.has(c.id), label: quiz ? "?" : c.text,
             opacity: on && !on.has(c.id) ? 0.15 : 1, borderWidth: st.width + (s.strong.has(c.id) ? 4 : 0) };
  }

  function phraseNode(m, view, p, s) {
    var t = m.data.themes[view.theme], rels = p.relations.map(function (id) { return m.relations.get(id); });
    var shown = rels.some(function (r) { return s.shown.relations.has(r.id); });
    var asked = rels.filter(function (r) { return s.quiz.has(r.id); }), label = p.text;
    if (asked.length && view.quiz === "phrases") { label = "?"; }
    if (asked.length && view.quiz === "effects") { label = asked[0].bare + " (?)"; }
    return { id: p.id, hidden: !shown, label: label, opacity: s.lit && !s.lit.has(p.id) ? 0.15 : 1,
             font: { color: t.text } };
  }

  function segment(m, view, id, r, s, inbound) {
    var t = m.data.themes[view.theme], asked = view.quiz === "effects" && s.quiz.has(r.id);
    var change = r.change ? t.groups[r.change] : null;  // a diff page: drawn in the style of its change's group
    var colour = asked ? t.text : change ? change.border : t.effects[r.effect], on = s.lit, strong = s.strong.has(r.id);
    var shown = inbound ? m.phrases.get(r.phrase).relations.some(function (x) { return s.shown.relations.has(x); })
      : s.shown.relations.has(r.id);
    var dim = on && !(inbound ? on.has(r.phrase) : on.has(r.id));
    var dashes = change ? (change.dashes.length ? change.dashes : false) : r.inferred ? [8, 6] : false;
    var out = { id: id, hidden: !shown, dashes: dashes,
             width: on && !dim ? 5 : strong || change ? 4 : 2,
             color: { color: colour, highlight: colour, hover: colour, inherit: false, opacity: dim ? 0.12 : 1 },
             arrows: { to: { enabled: !inbound, type: asked ? "arrow" : m.data.effects[r.effect].arrow, scaleFactor: 0.8 } } };
    if (r.mark && !inbound) { out.label = view.quiz || dim ? "" : r.mark; out.font = checkFont(t); }
    return out;
  }

  /* The mark of a relation's quote check (a sign, not a colour), on the segment to its target. */
  function checkFont(t) {
    return { size: Math.round(t.edgeFont * 1.4), color: t.text, background: t.labelBackground, strokeWidth: 0, align: "horizontal" };
  }

  /* The draw attributes of every node and segment for a view: pure, so it is tested without a browser. */
  function visual(m, view) {
    var s = { shown: shownSets(m, view), strong: emphasised(m, view), lit: lit(m, view), quiz: quizzed(m, view) };
    var nodes = [], edges = [], t = m.data.themes[view.theme];
    m.concepts.forEach(function (c) { nodes.push(conceptNode(m, view, c, s)); });
    m.phrases.forEach(function (p) { nodes.push(phraseNode(m, view, p, s)); });
    m.relations.forEach(function (r, id) {
      var p = m.phrases.get(r.phrase);
      if (p.relations[0] === id) { edges.push(segment(m, view, p.id + "~in", r, s, true)); }
      edges.push(segment(m, view, id, r, s, false));
    });
    s.shown.clusters.forEach(function (count, g) {
      var xs = m.members.get(g).map(function (id) { return m.concepts.get(id); });
      nodes.push({ id: "cluster:" + g, cluster: g, group: g, label: m.groupLabels.get(g) + " (" + xs.length + " concepts)",
                   x: Math.round(xs.reduce(function (a, c) { return a + c.x; }, 0) / xs.length),
                   y: Math.round(xs.reduce(function (a, c) { return a + c.y; }, 0) / xs.length),
                   borderWidth: t.groups[g].width + 3, hidden: false, opacity: 1 });
    });
    s.shown.links.forEach(function (ends) {
      edges.push({ id: "link:" + ends[0] + "\u0000" + ends[1], from: ends[0], to: ends[1], hidden: false, dashes: [2, 4],
                   width: 2, color: { color: t.text, inherit: false, opacity: 1 }, arrows: { to: { enabled: true } } });
    });
    return { nodes: nodes, edges: edges, shown: s.shown };
  }

  /* Everything a camera should frame for a view: the step's focus, or every shown concept and phrase. */
  function framed(m, view, drawn) {
    var ids = [], focus = view.step >= 0 ? m.steps[view.step].focus : null;
    drawn.shown.concepts.forEach(function (id) { if (!focus || focus.has(id)) { ids.push(id); } });
    drawn.shown.relations.forEach(function (id) {
      if (!focus || focus.has(id)) { ids.push(m.relations.get(id).phrase); }
    });
    drawn.shown.clusters.forEach(function (n, g) { if (!focus) { ids.push("cluster:" + g); } });
    return ids;
  }

  /* A self-check's marks: only the questions answered are marked ("right" or "wrong", the answer not told),
     the others stay "open"; the score counts the right ones among the answered. */
  function marks(items, chosen) {
    var out = items.map(function (it, i) {
      return !chosen[i] ? "open" : chosen[i] === it.answer ? "right" : "wrong";
    });
    return { marks: out, right: out.filter(function (x) { return x === "right"; }).length,
             answered: out.filter(function (x) { return x !== "open"; }).length, total: items.length };
  }

  /* The question of a self-check that asks for a map item (a concept or relation id), or -1. */
  function question(items, id) {
    for (var i = 0; i < items.length; i += 1) { if (items[i].id === id) { return i; } }
    return -1;
  }

  var api = { model: model, cumulative: cumulative, initial: initial, visual: visual, framed: framed,
              shownSets: shownSets, marks: marks, question: question };
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else { root.conceptmap.viewState = api; }  // the registry comes from registry.js, which runs first
})(typeof window === "undefined" ? this : window);
