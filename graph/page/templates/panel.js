/* conceptmap page script, panel: what a concept or relation says, in the side panel (on click, from the search,
   the keyboard or a link in the panel) and in a tooltip (on hover). All user text is set with textContent. */
(function () {
  "use strict";
  var registry = window.conceptmap, part = registry.part;

  function safeHref(url) {
    if (!url) { return null; }
    try {
      var parsed = new URL(url, document.baseURI);
      return /^(https?|file):$/.test(parsed.protocol) ? parsed.href : null;
    } catch { return null; }
  }

  registry.features.push(function (entry) {
    var root = entry.root, data = entry.data, network = entry.network, m = entry.model;
    var concepts = m.concepts, relations = m.relations, phrases = m.phrases, groupLabel = m.groupLabels;
    var main = part(root, "main"), canvas = part(root, "canvas"), tip = part(root, "tooltip"), panel = part(root, "panel");

    function showTip(title, text, pointer) {
      tip.textContent = "";
      var strong = document.createElement("strong");
      strong.textContent = title;
      tip.appendChild(strong);
      if (text) { tip.appendChild(document.createTextNode(text)); }
      tip.hidden = false;
      tip.style.left = "0px";  // measured where it has the whole width: it never wraps because of its last place
      var maxX = main.clientWidth - tip.offsetWidth - 4, maxY = main.clientHeight - tip.offsetHeight - 4;
      tip.style.left = Math.max(4, Math.min(pointer.x + 14, maxX)) + "px";
      tip.style.top = Math.max(4, Math.min(pointer.y + 14, maxY)) + "px";
    }
    function hideTip() { tip.hidden = true; }

    function setText(cls, text) { part(panel, cls).textContent = text || ""; }

    function cite(evidence, ids) {
      var box = part(panel, "panel-cite"), list = [];
      box.textContent = "";
      if (evidence && evidence.source) { list.push(evidence.source); }
      (ids || []).forEach(function (id) { if (list.indexOf(id) < 0) { list.push(id); } });
      list.forEach(function (id, i) {
        var s = data.sources[id];
        if (!s) { return; }
        if (i) { box.appendChild(document.createElement("br")); }
        box.appendChild(document.createTextNode("Source: " + s.cite + " "));
        var href = safeHref(s.url);
        if (href) {
          var a = document.createElement("a");
          a.href = href;
          a.textContent = s.url;
          a.rel = "noopener noreferrer";
          a.target = "_blank";
          box.appendChild(a);
        }
      });
    }

    function linkList(title, items) {
      var box = part(panel, "panel-links");
      items = items.filter(function (r) { return entry.drawn.shown.relations.has(r.id); });
      if (!items.length) { return; }
      var h = document.createElement("h3"), ul = document.createElement("ul");
      h.textContent = title;
      items.forEach(function (r) {
        var li = document.createElement("li"), b = document.createElement("button");
        b.type = "button";
        b.textContent = r.sentence;
        b.addEventListener("click", function () { entry.showRelation(r.id); });
        li.appendChild(b);
        ul.appendChild(li);
      });
      box.appendChild(h);
      box.appendChild(ul);
    }

    function openPanel(kind, title, meta, text, note, evidence, ids) {
      setText("panel-kind", kind);
      setText("panel-title", title);
      setText("panel-meta", meta);
      setText("panel-text", text);
      setText("panel-note", note);
      setText("panel-quote", evidence && evidence.quote ? "\u201c" + evidence.quote + "\u201d" : "");
      cite(evidence, ids);
      part(panel, "panel-links").textContent = "";
      panel.hidden = false;
    }

    entry.showConcept = function (id) {
      var c = concepts.get(id);
      if (!c) { return false; }
      entry.complete();
      openPanel("Concept", c.label, c.group ? "Group: " + groupLabel.get(c.group) : "", c.definition || "",
                c.note, c.evidence, c.sources);
      linkList("Leads to", data.relations.filter(function (r) { return r.from === id; }));
      linkList("Comes from", data.relations.filter(function (r) { return r.to === id; }));
      network.selectNodes([id], false);
      panel.setAttribute("data-shows", "concept:" + id);
      return true;
    };

    entry.showRelation = function (id) {
      var r = relations.get(id);
      if (!r) { return false; }
      entry.complete();
      var e = data.effects[r.effect];
      var meta = "Effect: " + r.effect + (data.glyphs ? " (" + e.glyph + ")" : "") + " \u2014 " +
        data.statusWords[r.status];
      openPanel("Relation", r.sentence, meta, r.check, r.note, r.evidence, []);
      network.setSelection({ nodes: [r.phrase], edges: [id] }, { unselectAll: true, highlightEdges: false });
      panel.setAttribute("data-shows", "relation:" + id);
      return true;
    };

    entry.closePanel = function () {
      if (panel.hidden) { return false; }
      panel.hidden = true;
      panel.removeAttribute("data-shows");
      network.unselectAll();
      return true;
    };

    /* What a drawn item stands for: a concept, or the relations of a phrase box or segment. */
    function relationsOf(id) {
      var ph = phrases.get(id) || phrases.get(String(id).replace(/~in$/, ""));
      if (ph) { return ph.relations.filter(function (r) { return entry.drawn.shown.relations.has(r); }); }
      return relations.has(id) ? [id] : [];
    }
    network.on("hoverNode", function (p) {
      var c = concepts.get(p.node), rels = relationsOf(p.node);
      if (c) { showTip(c.label, c.definition ? "\n" + c.definition : "", p.pointer.DOM); }
      else if (rels.length) {
        showTip(relations.get(rels[0]).sentence, rels.slice(1).map(function (id) {
          return "\n" + relations.get(id).sentence; }).join(""), p.pointer.DOM);
      }
    });
    network.on("hoverEdge", function (p) {
      var rels = relationsOf(p.edge), r = rels.length ? relations.get(rels[0]) : null;
      if (r) { showTip(r.sentence, (r.inferred ? "\n(inferred)" : "") + (r.check ? "\n" + r.check : ""), p.pointer.DOM); }
    });
    ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (ev) { network.on(ev, hideTip); });
    canvas.addEventListener("mouseleave", hideTip);
    network.on("click", function (p) {
      var hit = p.nodes.length ? p.nodes[0] : p.edges.length ? p.edges[0] : null, rels = hit === null ? [] : relationsOf(hit);
      if (hit !== null && concepts.has(hit)) { entry.showConcept(hit); }
      else if (rels.length) { entry.showRelation(rels[0]); }
      else if (hit !== null && String(hit).indexOf("cluster:") === 0 && entry.expand) { entry.expand(String(hit).slice(8)); }
      else { entry.closePanel(); }
    });
    part(panel, "close").addEventListener("click", function () { entry.closePanel(); });
    root.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && entry.closePanel()) { ev.stopPropagation(); }
    });
  });
})();
