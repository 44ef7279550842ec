/* conceptmap page script, words: relation ids, edge labels and sentences (worded as graph/text.py words them),
   and the text version of the map, built from the page data with textContent only. */
(function () {
  "use strict";
  var registry = window.conceptmap;

  function inSentence(label) {  // "Dose escalation" -> "dose escalation"; "NMDA" stays
    var a = label.charAt(0), b = label.charAt(1);
    return label.length > 1 && a !== a.toLowerCase() && b !== b.toUpperCase() ? a.toLowerCase() + label.slice(1) : label;
  }

  registry.words = function (data) {
    var label = new Map(data.concepts.map(function (c) { return [c.id, c.label]; }));
    data.relations.forEach(function (r) {
      r.sentence = label.get(r.from) + " " + r.words + " " + inSentence(label.get(r.to)) + ".";
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
      var h = add(frag, "h3", c.label);
      if (c.group) { add(h, "span", " (" + groupLabel.get(c.group) + ")", "cm-text-group"); }
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
        add(loops, "li", loop.name + " (" + loop.kind + (loop.inferred ? "; relies on an inferred link" : "") + "): " +
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
