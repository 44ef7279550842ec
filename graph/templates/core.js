/* conceptmap page script, core: mounts each map on the page and lists it in window.conceptmap.
   All user text is set with textContent; nothing from a map is ever parsed as HTML. */
(function () {
  "use strict";

  var registry = window.conceptmap = window.conceptmap || { version: 1, maps: {}, features: [] };
  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");

  function part(root, name) { return root.querySelector(".cm-" + name); }

  function safeHref(url) {
    if (!url) { return null; }
    try {
      var parsed = new URL(url, document.baseURI);
      return /^(https?|file):$/.test(parsed.protocol) ? parsed.href : null;
    } catch (err) { return null; }
  }

  function visGroups(theme) {
    var groups = {};
    function add(id, s) {
      groups[id] = {
        shape: "box", borderWidth: s.width, borderWidthSelected: s.width + 2,
        color: { background: s.fill, border: s.border,
                 highlight: { background: s.fill, border: theme.text },
                 hover: { background: s.fill, border: theme.text } },
        font: { color: theme.text },
        shapeProperties: { borderDashes: s.dashes.length ? s.dashes : false, borderRadius: 4 }
      };
    }
    Object.keys(theme.groups).forEach(function (id) { add(id, theme.groups[id]); });
    add("_ungrouped", theme.ungrouped);
    return groups;
  }

  function edgeStyle(data, theme, r, emphasis) {
    var e = data.effects[r.effect], colour = theme.effects[r.effect];
    return {
      id: r.id, color: { color: colour, highlight: colour, hover: colour, inherit: false, opacity: 1 },
      width: emphasis ? 4 : 2,
      font: { size: data.edgeFont, color: theme.text, strokeWidth: 0, background: theme.labelBackground },
      arrows: { to: { enabled: true, type: e.arrow, scaleFactor: 0.8 } }
    };
  }

  function options(data) {
    return {
      autoResize: true,
      physics: { enabled: false },
      layout: { randomSeed: 1, improvedLayout: false },
      interaction: { hover: true, tooltipDelay: 300, dragNodes: true, navigationButtons: false, keyboard: false,
                     multiselect: false, selectConnectedEdges: false },
      nodes: { margin: 10, widthConstraint: { maximum: data.labelWidth },
               font: { size: data.font, face: "system-ui, -apple-system, Segoe UI, Roboto, DejaVu Sans, sans-serif" } },
      edges: { hoverWidth: 0.5, selectionWidth: 1.5, widthConstraint: { maximum: data.edgeLabelWidth } }
    };
  }

  function uniqueName(base) {
    var name = base, n = 1;
    while (registry.maps[name]) { n += 1; name = base + "-" + n; }
    return name;
  }

  function paintLegend(root, theme) {
    Array.prototype.forEach.call(root.querySelectorAll(".cm-legend [data-group]"), function (rect) {
      var s = theme.groups[rect.getAttribute("data-group")];
      rect.style.fill = s.fill;
      rect.style.stroke = s.border;
      rect.style.strokeWidth = s.width + "px";
      rect.style.strokeDasharray = s.dashes.length ? s.dashes.join(" ") : "none";
    });
    Array.prototype.forEach.call(root.querySelectorAll(".cm-legend [data-effect]"), function (line) {
      line.style.stroke = theme.effects[line.getAttribute("data-effect")];
    });
  }

  function mount(root) {
    if (root.getAttribute("data-cm-mounted")) { return registry.maps[root.getAttribute("data-cm-name")]; }
    var name = uniqueName(root.getAttribute("data-conceptmap"));
    root.setAttribute("data-cm-mounted", "true");
    root.setAttribute("data-cm-name", name);
    var data = JSON.parse(part(root, "data").textContent);
    registry.words(data);
    var concepts = {}, relations = {}, groupLabel = {};
    data.concepts.forEach(function (c) { concepts[c.id] = c; });
    data.relations.forEach(function (r) { relations[r.id] = r; });
    data.groups.forEach(function (g) { groupLabel[g.id] = g.label; });

    var nodes = new registry.vis.DataSet(data.concepts.map(function (c) {
      return { id: c.id, label: c.label, group: c.group || "_ungrouped", x: c.x, y: c.y };
    }));
    var edges = new registry.vis.DataSet(data.relations.map(function (r) {
      return { id: r.id, from: r.from, to: r.to, label: r.label, dashes: r.inferred ? [8, 6] : false,
               smooth: r.curved ? { enabled: true, type: "curvedCW", roundness: data.curve } : { enabled: false } };
    }));
    var main = part(root, "main"), canvas = part(root, "canvas"), tip = part(root, "tooltip");
    var panel = part(root, "panel");
    var network = new registry.vis.Network(canvas, { nodes: nodes, edges: edges }, options(data));
    // The drawing is not for the keyboard or screen readers: the concept buttons and the text version are.
    Array.prototype.forEach.call(canvas.querySelectorAll("*"), function (el) { el.setAttribute("tabindex", "-1"); });
    var entry = {
      name: name, title: data.title, root: root, data: data, network: network, nodes: nodes, edges: edges,
      concepts: data.concepts, relations: data.relations, theme: "light", emphasis: {}, focus: null,
      concept: function (id) { return concepts[id]; }, relation: function (id) { return relations[id]; }
    };

    function theme() { return data.themes[entry.theme]; }

    entry.restyle = function () {
      var t = theme();
      network.setOptions({ groups: visGroups(t) });
      edges.update(data.relations.map(function (r) { return edgeStyle(data, t, r, entry.emphasis[r.id]); }));
      nodes.update(data.concepts.map(function (c) {
        var width = (c.group ? t.groups[c.group] : t.ungrouped).width;
        return { id: c.id, borderWidth: entry.emphasis[c.id] ? width + 4 : width };
      }));
    };

    entry.setTheme = function (choice) {
      var resolved = choice === "auto" || !data.themes[choice]
        ? (window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light")
        : choice;
      entry.choice = choice;
      entry.theme = resolved;
      root.setAttribute("data-theme", resolved);
      paintLegend(root, data.themes[resolved]);
      var select = part(root, "theme");
      if (select) { select.value = data.themes[choice] ? choice : "auto"; }
      entry.restyle();
      entry.fit();
    };

    entry.visibleIds = function () { return nodes.getIds({ filter: function (n) { return !n.hidden; } }); };

    entry.fit = function (animate) {
      // Frame the whole map, hidden concepts included, so the view stays put from one step to the next.
      var ids = nodes.getIds(), box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
      if (!ids.length) { return; }
      ids.forEach(function (id) {
        var b = network.getBoundingBox(id);
        box.left = Math.min(box.left, b.left); box.top = Math.min(box.top, b.top);
        box.right = Math.max(box.right, b.right); box.bottom = Math.max(box.bottom, b.bottom);
      });
      var motion = animate && !(reducedMotion && reducedMotion.matches) ? { duration: 350 } : false;
      var width = canvas.clientWidth || 1, height = canvas.clientHeight || 1;
      var pad = 2 * data.edgeFont;  // room for the labels of curved edges, which can pass outside the concepts
      var scale = 0.96 * Math.min(width / (box.right - box.left + pad || 1), height / (box.bottom - box.top + 2 * pad || 1));
      var min = theme().minScale;
      var centre = { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 };
      if (scale < min && entry.focus && entry.focus.length) {
        var pos = network.getPositions(entry.focus), xs = [], ys = [];
        Object.keys(pos).forEach(function (k) { xs.push(pos[k].x); ys.push(pos[k].y); });
        centre = { x: (Math.min.apply(null, xs) + Math.max.apply(null, xs)) / 2,
                   y: (Math.min.apply(null, ys) + Math.max.apply(null, ys)) / 2 };
      }
      network.moveTo({ position: centre, scale: Math.max(scale, min), animation: motion });
    };

    function showTip(title, text, pointer) {
      tip.textContent = "";
      var strong = document.createElement("strong");
      strong.textContent = title;
      tip.appendChild(strong);
      if (text) { tip.appendChild(document.createTextNode(text)); }
      tip.hidden = false;
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
      items = items.filter(function (r) { return !edges.get(r.id).hidden; });
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
      var c = concepts[id];
      if (!c) { return false; }
      openPanel("Concept", c.label, c.group ? "Group: " + groupLabel[c.group] : "", c.definition || "",
                c.note, c.evidence, c.sources);
      linkList("Leads to", data.relations.filter(function (r) { return r.from === id; }));
      linkList("Comes from", data.relations.filter(function (r) { return r.to === id; }));
      network.selectNodes([id], false);
      panel.setAttribute("data-shows", "concept:" + id);
      return true;
    };

    entry.showRelation = function (id) {
      var r = relations[id];
      if (!r) { return false; }
      var e = data.effects[r.effect];
      var meta = "Effect: " + r.effect + " (" + e.glyph + ") \u2014 " +
        (r.inferred ? "inferred, not stated by the source" : "stated by the source");
      openPanel("Relation", r.sentence, meta, "", r.note, r.evidence, []);
      network.setSelection({ nodes: [], edges: [id] }, { unselectAll: true, highlightEdges: false });
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

    network.on("hoverNode", function (p) {
      var c = concepts[p.node];
      showTip(c.label, c.definition ? "\n" + c.definition : "", p.pointer.DOM);
    });
    network.on("hoverEdge", function (p) {
      var r = relations[p.edge];
      showTip(r.sentence, r.inferred ? "\n(inferred)" : "", p.pointer.DOM);
    });
    ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (ev) { network.on(ev, hideTip); });
    canvas.addEventListener("mouseleave", hideTip);
    network.on("click", function (p) {
      if (p.nodes.length) { entry.showConcept(p.nodes[0]); }
      else if (p.edges.length) { entry.showRelation(p.edges[0]); }
      else { entry.closePanel(); }
    });
    part(panel, "close").addEventListener("click", function () { entry.closePanel(); });
    root.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && entry.closePanel()) { ev.stopPropagation(); }
    });

    var textButton = part(root, "show-text");
    if (textButton) {
      textButton.addEventListener("click", function () {
        var heading = part(root, "text-title");
        heading.scrollIntoView({ behavior: reducedMotion && reducedMotion.matches ? "auto" : "smooth" });
        heading.focus({ preventScroll: true });
      });
    }
    var select = part(root, "theme");
    if (select) { select.addEventListener("change", function () { entry.setTheme(select.value); }); }
    if (window.matchMedia) {
      window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", function () {
        if (entry.choice === "auto") { entry.setTheme("auto"); }
      });
    }
    if (window.ResizeObserver) {
      new ResizeObserver(function () { network.setSize("100%", "100%"); entry.fit(); }).observe(main);
    }
    var legend = part(root, "legend");
    if (legend && (root.clientWidth < 720 || main.clientHeight < 300)) { legend.open = false; }
    window.addEventListener("beforeprint", function () { if (legend) { legend.open = true; } });

    var params = new URLSearchParams(window.location.search);
    if (params.get("embed") === "1") { root.setAttribute("data-embed", ""); }
    registry.maps[name] = entry;
    registry.features.forEach(function (feature) { feature(entry); });
    entry.setTheme(params.get("theme") || root.getAttribute("data-default-theme") || "auto");
    (entry.afterMount || []).forEach(function (hook) { hook(); });
    network.once("afterDrawing", function () { root.setAttribute("data-cm-ready", "true"); });
    network.redraw();
    return entry;
  }

  registry.mount = mount;
  registry.part = part;
})();
