/* conceptmap page script, core: mounts each map on the page and lists it in window.conceptmap.
   All user text is set with textContent; nothing from a map is ever parsed as HTML. */
(function () {
  "use strict";

  var registry = window.conceptmap;  // made by registry.js, which runs first
  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");

  function part(root, name) { return root.querySelector(".cm-" + name); }

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
    var bg = theme.labelBackground;
    groups._phrase = { shape: "box", borderWidth: 0, borderWidthSelected: 1, shapeProperties: { borderRadius: 3 },
                       color: { background: bg, border: bg, highlight: { background: bg, border: theme.text },
                                hover: { background: bg, border: theme.text } },
                       font: { color: theme.text, size: theme.edgeFont } };
    return groups;
  }

  /* On a large map, labels appear once they would be at least 11 px on screen. Set when the network is made:
     setting it afterwards makes vis-network go over every node again. */
  function scaling(data) {
    return data.concepts.length >= data.largeMap ? { label: { drawThreshold: 11 } } : {};
  }

  function options(data, theme) {
    return {
      autoResize: true, groups: visGroups(theme),
      physics: { enabled: false },
      layout: { randomSeed: 1, improvedLayout: false },
      interaction: { hover: true, tooltipDelay: 300, dragNodes: true, navigationButtons: false, keyboard: false,
                     multiselect: false, selectConnectedEdges: false },
      nodes: { margin: data.conceptMargin, font: { size: data.font, face: data.fontFace }, scaling: scaling(data) },
      edges: { hoverWidth: 0.5, selectionWidth: 1.5, smooth: { enabled: false }, scaling: scaling(data) }
    };
  }

  function sized(w, h, margin) {  // the box the layout measured (vis adds the margin); the text comes wrapped
    return { widthConstraint: { minimum: w - 2 * margin }, heightConstraint: { minimum: h - 2 * margin, valign: "middle" } };
  }

  function drawItems(data) {
    var nodes = data.concepts.map(function (c) {
      return Object.assign({ id: c.id, label: c.text, group: c.group || "_ungrouped", x: c.x, y: c.y }, sized(c.w, c.h, data.conceptMargin));
    }).concat(data.phrases.map(function (p) {
      return Object.assign({ id: p.id, label: p.text, group: "_phrase", x: p.x, y: p.y, margin: data.phraseMargin,
                             font: { size: data.edgeFont } }, sized(p.w, p.h, data.phraseMargin));
    }));
    var edges = [];
    data.phrases.forEach(function (p) {
      edges.push(bent({ id: p.id + "~in", from: p.from, to: p.id }, p.bend, 0));
      p.relations.forEach(function (id, i) { edges.push(bent({ id: id, from: p.id, to: p.to[i] }, p.bend, i + 1)); });
    });
    return { nodes: nodes, edges: edges };
  }

  /* A line the layout bent around a box (analysis/bend.py): vis-network's curved edge of that roundness. */
  function bent(edge, bends, k) {
    var b = bends ? bends[k] : 0;
    if (b) { edge.smooth = { enabled: true, type: b > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(b) }; }
    return edge;
  }

  /* The first view's draw attributes go into the DataSets the network is made with: drawing 5,000 boxes once is
     cheaper than drawing them and then restyling every one. `cache` learns what was written. Attributes that
     only say what vis-network draws anyway (a box shown, opaque, with its group's border and text colour) are
     left out: each one costs vis-network work per item, and opacity a colour conversion in every frame. Later
     views write whole items, so every attribute a view ever changed is in the DataSet. */
  function withVisual(items, visualItems, cache, plain) {
    var byId = new Map(visualItems.map(function (it) { return [it.id, it]; }));
    return items.map(function (it) {
      var v = byId.get(it.id);
      if (!v) { return it; }
      cache.set(it.id, JSON.stringify(v));
      var merged = Object.assign({}, it);
      Object.keys(v).forEach(function (k) {
        if (plain(it, k, v[k])) { return; }
        merged[k] = k === "font" && it.font ? Object.assign({}, it.font, v.font) : v[k];  // keep the phrase's size
      });
      return merged;
    });
  }

  function plainNode(theme) {  // the group's own border width and (for phrases) text colour
    return function (it, k, value) {
      if (k === "hidden") { return value === false; }
      if (k === "opacity") { return value === 1; }
      if (k === "font") { return Object.keys(value).length === 1 && value.color === theme.text; }
      if (k !== "borderWidth" || it.group === "_phrase") { return false; }
      return value === (it.group === "_ungrouped" ? theme.ungrouped : theme.groups[it.group]).width;
    };
  }

  function resolveTheme(data, choice) {
    if (choice !== "auto" && Object.prototype.hasOwnProperty.call(data.themes, choice)) { return choice; }
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
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
    var state = registry.viewState, m = state.model(data), items = drawItems(data);
    var concepts = m.concepts, relations = m.relations, phrases = m.phrases;
    var params = new URLSearchParams(root.getAttribute("data-mode") === "page" ? window.location.search : "");
    var startTheme = resolveTheme(data, params.get("theme") || root.getAttribute("data-default-theme") || "auto");
    var drawn = { nodes: new Map(), edges: new Map() }, first = state.visual(m, state.initial(startTheme));
    var nodeItems = withVisual(items.nodes, first.nodes, drawn.nodes, plainNode(data.themes[startTheme]));
    var edgeItems = withVisual(items.edges, first.edges, drawn.edges, function () { return false; });
    var streamed = data.concepts.length >= data.largeMap;  // a large map's items come in after it is ready (stream.js)
    var nodes = new registry.vis.DataSet(streamed ? [] : nodeItems), edges = new registry.vis.DataSet(streamed ? [] : edgeItems);
    var main = part(root, "main"), canvas = part(root, "canvas");
    var network = new registry.vis.Network(canvas, { nodes: nodes, edges: edges }, options(data, data.themes[startTheme]));
    var groupsTheme = startTheme;
    // The drawing is not for the keyboard or screen readers: the concept buttons and the text version are.
    Array.prototype.forEach.call(canvas.querySelectorAll("*"), function (el) { el.setAttribute("tabindex", "-1"); });
    var entry = {
      name: name, title: data.title, root: root, data: data, network: network, nodes: nodes, edges: edges,
      concepts: data.concepts, relations: data.relations, model: m, view: state.initial(startTheme), drawn: first,
      concept: function (id) { return concepts.get(id); }, relation: function (id) { return relations.get(id); },
      phrase: function (id) { return phrases.get(id); }
    };

    /* A large map's items go into the DataSets after the map is ready (stream.js); until then, whatever needs
       them all (a new view, a feature at mount, the reader's first act) puts them all in at once. */
    var rest = streamed ? { nodes: nodeItems, edges: edgeItems } : null;
    function whole() {
      rest = null;
      entry.complete = function () {};
      root.setAttribute("data-cm-complete", "true");
      if (window.performance && performance.mark) { performance.mark("conceptmap:complete:" + name); }
    }
    entry.complete = function () {
      if (!rest) { return; }
      nodes.add(rest.nodes);
      edges.add(rest.edges);
      whole();
    };
    if (!rest) { whole(); }

    function apply(set, cache, items) {  // write only what changed; remove what the view no longer draws
      var changed = [], keep = new Set();
      items.forEach(function (it) {
        var key = JSON.stringify(it);
        keep.add(it.id);
        if (cache.get(it.id) !== key) { cache.set(it.id, key); changed.push(it); }
      });
      var gone = [];
      cache.forEach(function (v, id) { if (!keep.has(id)) { gone.push(id); } });
      gone.forEach(function (id) { cache.delete(id); });
      if (gone.length) { set.remove(gone); }
      if (changed.length) { set.update(changed); }
    }

    /* The only writer of the DataSets: every feature changes the view through here. */
    entry.setView = function (patch, frame) {
      var before = entry.view;
      entry.view = Object.assign({}, before, patch);
      if (entry.view.theme !== groupsTheme) {
        groupsTheme = entry.view.theme;
        network.setOptions({ groups: visGroups(theme()) });
      }
      var v = entry.drawn;
      if (!v || JSON.stringify(entry.view) !== JSON.stringify(before)) {  // the same view draws the same
        entry.complete();
        v = state.visual(m, entry.view);
        apply(nodes, drawn.nodes, v.nodes);
        apply(edges, drawn.edges, v.edges);
        entry.drawn = v;
      }
      if (frame) { entry.fit(frame === "animate"); }
      (entry.onView || []).forEach(function (hook) { hook(entry.view, before); });
      return v;
    };

    function theme() { return data.themes[entry.view.theme]; }

    entry.setTheme = function (choice) {
      var resolved = resolveTheme(data, choice);
      entry.choice = Object.prototype.hasOwnProperty.call(data.themes, choice) ? choice : "auto";
      entry.theme = resolved;
      root.setAttribute("data-theme", resolved);
      paintLegend(root, data.themes[resolved]);
      var select = part(root, "theme");
      if (select) { select.value = entry.choice; }
      entry.setView({ theme: resolved }, "still");
    };

    entry.visibleIds = function () { return Array.from(entry.drawn.shown.concepts); };

    var textButton = part(root, "show-text");
    if (textButton) {
      textButton.addEventListener("click", function () {
        var heading = part(root, "text-title"), more = part(root, "text-more");
        if (more) { more.open = true; }  // a fragment keeps its text version folded until asked
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
    var legend = part(root, "legend");
    if (legend && (root.clientWidth < 720 || main.clientHeight < 300)) { legend.open = false; }
    window.addEventListener("beforeprint", function () { if (legend) { legend.open = true; } });

    if (params.get("embed") === "1") { root.setAttribute("data-embed", ""); }
    registry.maps[name] = entry;
    entry.setView({});
    registry.features.forEach(function (feature) { feature(entry); });
    if (params.get("text")) { entry.setTextSize(params.get("text")); }
    entry.setTheme(params.get("theme") || root.getAttribute("data-default-theme") || "auto");
    (entry.afterMount || []).forEach(function (hook) { hook(); });
    if (rest) {  // nothing needed them all yet: the first view's items now, the others in the background
      entry.complete = registry.stream(entry, rest.nodes, rest.edges, whole);
      ["keydown", "pointerdown", "focusin"].forEach(function (type) {  // the reader acts: every item is needed,
        root.addEventListener(type, function (ev) {  // but to pan and zoom the drawing (dragging a box asks itself)
          if (type === "keydown" || !canvas.contains(ev.target)) { entry.complete(); }
        }, true);
      });
    }
    network.once("afterDrawing", function () {
      root.setAttribute("data-cm-ready", "true");
      if (window.performance && performance.mark) { performance.mark("conceptmap:ready:" + name); }
    });
    network.redraw();
    return entry;
  }

  registry.mount = mount;
  registry.part = part;
})();
