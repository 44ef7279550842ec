/* conceptmap page script: mounts each map on the page and lists it in window.conceptmap.
   All user text is set with textContent; nothing from a map is ever parsed as HTML. */
(function () {
  "use strict";

  var registry = window.conceptmap = window.conceptmap || { version: 1, maps: {} };

  function part(root, name) { return root.querySelector(".cm-" + name); }

  function safeHref(url) {
    if (!url) { return null; }
    try {
      var parsed = new URL(url, document.baseURI);
      return parsed.protocol === "http:" || parsed.protocol === "https:" || parsed.protocol === "file:" ? url : null;
    } catch (err) { return null; }
  }

  function nodeGroups(data) {
    var groups = {};
    function add(id, s) {
      groups[id] = {
        shape: "box", borderWidth: s.width, borderWidthSelected: s.width + 2,
        color: { background: s.fill, border: s.border,
                 highlight: { background: s.fill, border: "#000000" },
                 hover: { background: s.fill, border: "#000000" } },
        shapeProperties: { borderDashes: s.dashes.length ? s.dashes : false, borderRadius: 4 }
      };
    }
    data.groups.forEach(function (g) { add(g.id, g.style); });
    add("_ungrouped", data.ungrouped);
    return groups;
  }

  function edgeItem(data, r) {
    var e = data.effects[r.effect];
    return {
      id: r.id, from: r.from, to: r.to, label: r.label,
      arrows: { to: { enabled: true, type: e.arrow, scaleFactor: 0.8 } },
      color: { color: e.colour, highlight: e.colour, hover: e.colour, inherit: false },
      dashes: r.inferred ? [8, 6] : false,
      smooth: r.curved ? { enabled: true, type: "curvedCW", roundness: 0.22 } : { enabled: false }
    };
  }

  function options(data) {
    return {
      autoResize: true,
      physics: { enabled: false },
      layout: { randomSeed: 1, improvedLayout: false },
      interaction: { hover: true, tooltipDelay: 300, dragNodes: true, navigationButtons: false, keyboard: false,
                     multiselect: false, selectConnectedEdges: false },
      nodes: {
        margin: 10,
        font: { size: data.font, color: "#111111", face: "system-ui, -apple-system, Segoe UI, Roboto, DejaVu Sans, sans-serif" },
        widthConstraint: { maximum: data.labelWidth }
      },
      edges: {
        width: 2, hoverWidth: 0.5, selectionWidth: 1.5, widthConstraint: { maximum: data.edgeLabelWidth },
        font: { size: data.edgeFont, color: "#1a1a1a", strokeWidth: 0, background: "rgba(255,255,255,0.9)", align: "horizontal" }
      },
      groups: nodeGroups(data)
    };
  }

  function mount(root) {
    if (root.getAttribute("data-cm-mounted")) { return registry.maps[root.getAttribute("data-conceptmap")]; }
    root.setAttribute("data-cm-mounted", "true");
    var data = JSON.parse(part(root, "data").textContent);
    var concepts = {}, relations = {}, sources = data.sources;
    data.concepts.forEach(function (c) { concepts[c.id] = c; });
    data.relations.forEach(function (r) { relations[r.id] = r; });
    var groupLabel = {};
    data.groups.forEach(function (g) { groupLabel[g.id] = g.label; });

    var nodes = new vis.DataSet(data.concepts.map(function (c) {
      return { id: c.id, label: c.label, group: c.group || "_ungrouped", x: c.x, y: c.y };
    }));
    var edges = new vis.DataSet(data.relations.map(function (r) { return edgeItem(data, r); }));
    var main = part(root, "main"), canvas = part(root, "canvas"), tip = part(root, "tooltip"), panel = part(root, "panel");
    var network = new vis.Network(canvas, { nodes: nodes, edges: edges }, options(data));

    function showTip(title, text, pointer) {
      tip.textContent = "";
      var strong = document.createElement("strong");
      strong.textContent = title;
      tip.appendChild(strong);
      if (text) { tip.appendChild(document.createTextNode(text)); }
      tip.hidden = false;
      var x = pointer.x + 14, y = pointer.y + 14;
      var maxX = main.clientWidth - tip.offsetWidth - 4, maxY = main.clientHeight - tip.offsetHeight - 4;
      tip.style.left = Math.max(4, Math.min(x, maxX)) + "px";
      tip.style.top = Math.max(4, Math.min(y, maxY)) + "px";
    }
    function hideTip() { tip.hidden = true; }

    function setText(name, text) { part(panel, name).textContent = text || ""; }

    function cite(evidence, ids) {
      var box = part(panel, "panel-cite");
      box.textContent = "";
      var list = [];
      if (evidence && evidence.source) { list.push(evidence.source); }
      (ids || []).forEach(function (id) { if (list.indexOf(id) < 0) { list.push(id); } });
      list.forEach(function (id, i) {
        var s = sources[id];
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
      if (!items.length) { return; }
      var h = document.createElement("h3");
      h.textContent = title;
      var ul = document.createElement("ul");
      items.forEach(function (r) {
        var li = document.createElement("li"), b = document.createElement("button");
        b.type = "button";
        b.textContent = r.sentence;
        b.addEventListener("click", function () { showRelation(r.id); });
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
      var quote = evidence && evidence.quote ? "\u201c" + evidence.quote + "\u201d" : "";
      setText("panel-quote", quote);
      cite(evidence, ids);
      part(panel, "panel-links").textContent = "";
      panel.hidden = false;
    }

    function showConcept(id) {
      var c = concepts[id];
      if (!c) { return false; }
      openPanel("Concept", c.label, c.group ? "Group: " + groupLabel[c.group] : "", c.definition || "",
                c.note, c.evidence, c.sources);
      var out = data.relations.filter(function (r) { return r.from === id; });
      var into = data.relations.filter(function (r) { return r.to === id; });
      linkList("Leads to", out);
      linkList("Comes from", into);
      network.selectNodes([id], false);
      panel.setAttribute("data-shows", "concept:" + id);
      return true;
    }

    function showRelation(id) {
      var r = relations[id];
      if (!r) { return false; }
      var e = data.effects[r.effect];
      var meta = "Effect: " + r.effect + " (" + e.glyph + ") \u2014 " + (r.inferred ? "inferred, not stated by the source" : "stated by the source");
      openPanel("Relation", r.sentence, meta, "", r.note, r.evidence, []);
      network.setSelection({ nodes: [], edges: [id] }, { unselectAll: true, highlightEdges: false });
      panel.setAttribute("data-shows", "relation:" + id);
      return true;
    }

    function closePanel() {
      panel.hidden = true;
      panel.removeAttribute("data-shows");
      network.unselectAll();
    }

    network.on("hoverNode", function (p) {
      var c = concepts[p.node];
      showTip(c.label, c.definition ? "\n" + c.definition : "", p.pointer.DOM);
    });
    network.on("hoverEdge", function (p) {
      var r = relations[p.edge];
      showTip(r.sentence, r.inferred ? "\n(inferred)" : "", p.pointer.DOM);
    });
    network.on("blurNode", hideTip);
    network.on("blurEdge", hideTip);
    network.on("dragStart", hideTip);
    network.on("zoom", hideTip);
    canvas.addEventListener("mouseleave", hideTip);
    network.on("click", function (p) {
      if (p.nodes.length) { showConcept(p.nodes[0]); }
      else if (p.edges.length) { showRelation(p.edges[0]); }
      else { closePanel(); }
    });
    part(panel, "close").addEventListener("click", closePanel);
    root.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && !panel.hidden) { closePanel(); }
    });

    function fit() {  // the whole map, with a margin for curved edges and their labels
      network.fit({ animation: false });
      network.moveTo({ scale: network.getScale() * 0.94, animation: false });
    }
    if (window.ResizeObserver) {
      new ResizeObserver(function () { network.setSize("100%", "100%"); fit(); }).observe(main);
    }
    var legend = part(root, "legend");
    if (legend && (root.clientWidth < 720 || root.clientHeight < 420)) { legend.open = false; }
    fit();
    network.once("afterDrawing", function () { root.setAttribute("data-cm-ready", "true"); });
    network.redraw();

    var entry = {
      name: data.name, title: data.title, root: root, network: network, nodes: nodes, edges: edges,
      concepts: data.concepts, relations: data.relations,
      showConcept: showConcept, showRelation: showRelation, closePanel: closePanel
    };
    registry.maps[data.name] = entry;
    return entry;
  }

  registry.mount = mount;
  Array.prototype.forEach.call(document.querySelectorAll("[data-conceptmap]"), mount);
})();
