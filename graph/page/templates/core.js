/* conceptmap page script, core: mounts each map on the page and lists it in window.conceptmap.
   All user text is set with textContent; nothing from a map is ever parsed as HTML. */
(function () {
  "use strict";

  var registry = window.conceptmap;  // made by registry.js, which runs first
  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");

  function part(root, name) { return root.querySelector(".cm-" + name); }

  function safeHref(url) {
    if (!url) { return null; }
    try {
      var parsed = new URL(url, document.baseURI);
      return /^(https?|file):$/.test(parsed.protocol) ? parsed.href : null;
    } catch { return null; }
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
      edges.push({ id: p.id + "~in", from: p.from, to: p.id });
      p.relations.forEach(function (id, i) { edges.push({ id: id, from: p.id, to: p.to[i] }); });
    });
    return { nodes: nodes, edges: edges };
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
    var concepts = m.concepts, relations = m.relations, phrases = m.phrases, groupLabel = m.groupLabels;
    var params = new URLSearchParams(root.getAttribute("data-mode") === "page" ? window.location.search : "");
    var startTheme = resolveTheme(data, params.get("theme") || root.getAttribute("data-default-theme") || "auto");
    var drawn = { nodes: new Map(), edges: new Map() }, first = state.visual(m, state.initial(startTheme));
    var nodes = new registry.vis.DataSet(withVisual(items.nodes, first.nodes, drawn.nodes, plainNode(data.themes[startTheme])));
    var edges = new registry.vis.DataSet(withVisual(items.edges, first.edges, drawn.edges, function () { return false; }));
    var main = part(root, "main"), canvas = part(root, "canvas"), tip = part(root, "tooltip");
    var panel = part(root, "panel");
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
    network.once("afterDrawing", function () { root.setAttribute("data-cm-ready", "true"); });
    network.redraw();
    return entry;
  }

  registry.mount = mount;
  registry.part = part;
})();
