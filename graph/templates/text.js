/* conceptmap page script, words: relation ids, edge labels and sentences (worded as graph/text.py words them),
   and the text version of the map, built from the page data with textContent only. */
(function () {
  "use strict";
  var registry = window.conceptmap;

  function inSentence(label) {  // "Dose escalation" -> "dose escalation"; "NMDA" stays
    var a = label.charAt(0), b = label.charAt(1);
    return label.length > 1 && a !== a.toLowerCase() && b !== b.toUpperCase() ? a.toLowerCase() + label.slice(1) : label;
  }

  // A field in a sentence: wrapped in FSI ... PDI when it holds right-to-left text or bidi controls, a PDI that
  // closes nothing dropped (graph/text.py isolate, the same ranges).
  var RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFE\u061C-\u061C\u200F-\u200F\u202A-\u202E\u2066-\u2069\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
  function isolate(text) {
    var depth = 0;
    if (!RTL.test(text)) { return text; }
    return "\u2068" + text.replace(/[\u2066-\u2069]/g, function (c) {
      if (c !== "\u2069") { depth += 1; return c; }
      if (!depth) { return ""; }
      depth -= 1;
      return c;
    }) + "\u2069";
  }
  registry.isolate = isolate;

  registry.words = function (data) {
    var label = new Map(data.concepts.map(function (c) { return [c.id, c.label]; }));
    data.relations.forEach(function (r) {
      r.sentence = isolate(label.get(r.from)) + " " + isolate(r.words) + " " + isolate(inSentence(label.get(r.to))) + ".";
      r.annotated = r.sentence.slice(0, -1) + " (" + r.effect + "; " + (r.inferred ? "inferred" : "stated") + ").";
    });
  };

  function add(parent, tag, text, cls) {
    var el = document.createElement(tag);
    if (text) { el.textContent = text; }
    if (cls) { el.className = cls; }
    parent.appendChild(el);
    return el;
  }

  registry.features.push(function (entry) {
    // Built right after the first frame, so that a large map is on screen as early as possible.
    entry.network.once("afterDrawing", function () { textVersion(entry); });
  });

  function textVersion(entry) {
    var body = registry.part(entry.root, "text-body"), data = entry.data, starting = new Map();
    var groupLabel = entry.model.groupLabels;
    if (!body) { return; }
    data.relations.forEach(function (r) { (starting.get(r.from) || starting.set(r.from, []).get(r.from)).push(r); });
    var frag = document.createDocumentFragment();
    data.concepts.forEach(function (c) {
      var h = add(frag, "h3", isolate(c.label));
      if (c.group) { add(h, "span", " (" + isolate(groupLabel.get(c.group)) + ")", "cm-text-group"); }
      if (c.definition) { add(frag, "p", c.definition); }
      if (c.evidence && c.evidence.quote) { add(frag, "blockquote", "\u201c" + c.evidence.quote + "\u201d"); }
      var props = starting.get(c.id) || [];
      if (!props.length) { return; }
      var ul = add(frag, "ul");
      props.forEach(function (r) {
        var li = add(ul, "li", r.annotated);
        if (r.evidence && r.evidence.quote) { li.appendChild(document.createTextNode(" ")); add(li, "q", r.evidence.quote); }
      });
    });
    if (data.loops.length) {
      add(frag, "h3", "Feedback loops");
      var loops = add(frag, "ul");
      data.loops.forEach(function (loop) {
        add(loops, "li", isolate(loop.name) + " (" + loop.kind + (loop.inferred ? "; relies on an inferred link" : "") + "): " +
            loop.relations.map(function (id) { return entry.relation(id).sentence.slice(0, -1); }).join("; then ") + ".");
      });
    }
    var ids = Object.keys(data.sources);
    if (ids.length) {
      add(frag, "h3", "Sources");
      var ol = add(frag, "ol", null, "cm-text-sources");
      ids.forEach(function (id) {
        var s = data.sources[id], li = add(ol, "li", s.cite);
        if (s.url) { li.appendChild(document.createTextNode(" ")); add(li, "span", s.url, "cm-url"); }
      });
    }
    body.appendChild(frag);
  }
})();
