/* conceptmap page script, camera: frames what each view is about, at a readable text size, and says when a
   whole map cannot be shown at that size ("Fit all" / "Readable view"). */
(function () {
  "use strict";
  var registry = window.conceptmap, part = registry.part;
  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");

  registry.features.push(function (entry) {
    var root = entry.root, data = entry.data, network = entry.network, canvas = part(root, "canvas");

    /* Where an item is and how big: as vis-network drew it, or for a concept or phrase it has not measured yet
       (a large map streams in, and is measured as it is drawn) the box the layout measured, at its place now. */
    var measured = new Map();
    data.concepts.concat(data.phrases).forEach(function (c) { measured.set(c.id, c); });
    function bounds(id) {
      var made = Object.prototype.hasOwnProperty.call(network.body.nodes, id) ? network.body.nodes[id] : null;
      var b = measured.get(id);
      if (!b || (made && made.shape.width)) { return network.getBoundingBox(id); }
      var at = made || b;
      return { left: at.x - b.w / 2, top: at.y - b.h / 2, right: at.x + b.w / 2, bottom: at.y + b.h / 2 };
    }

    /* The camera: frame what the view is about (a step's focus, or the whole map) as large as it fits, up to
       text twice its size. When the whole map would put concept names under the readable size, show a readable
       part around its centre of weight instead and say so; "Fit all" frames everything. */
    entry.fit = function (animate, all) {
      var ids = registry.viewState.framed(entry.model, entry.view, entry.drawn);
      var box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
      ids.forEach(function (id) {
        var b = bounds(id);
        if (!b) { return; }
        box.left = Math.min(box.left, b.left); box.top = Math.min(box.top, b.top);
        box.right = Math.max(box.right, b.right); box.bottom = Math.max(box.bottom, b.bottom);
      });
      if (box.left === Infinity) { return; }
      network.setSize("100%", "100%");
      // vis-network animates by frames, not time: on a large map's slow frames a glide would take seconds
      var glide = animate && !(reducedMotion && reducedMotion.matches) && data.concepts.length < data.largeMap;
      var motion = glide ? { duration: 350 } : false;
      var width = canvas.clientWidth || 1, height = canvas.clientHeight || 1, pad = 12;
      var scale = Math.min((width - 2 * pad) / (box.right - box.left || 1), (height - 2 * pad) / (box.bottom - box.top || 1));
      var readable = Math.max(entry.readablePx / data.font, data.themes[entry.view.theme].minScale);  // projector: phrases of 18 px
      scale = Math.min(scale, Math.max(2, readable));
      var centre = { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 };
      var cramped = scale < readable && entry.view.step < 0 && !all;  // a step always shows all it is about
      if (cramped) {
        scale = readable;
        centre = entry.hub(ids, width / scale, height / scale, box);
      }
      entry.cramped = cramped;
      root.toggleAttribute("data-cramped", cramped);
      var note = part(root, "fit-note");
      var small = all && scale < readable;
      if (note) {
        note.hidden = !cramped && !small;
        part(note, "fit-text").textContent = cramped ? "Part of the map, at a readable size." : "The whole map, in small text.";
        part(note, "fit-all").hidden = !cramped;
        part(note, "fit-readable").hidden = cramped;
      }
      network.moveTo({ position: centre, scale: scale, animation: motion });
    };
    /* The text size: the smallest concept text the camera shows a whole map at (the build's --text-size, the
       page's "Text size" control or ?text=PX); the projector theme never goes under its own minimum. */
    entry.setTextSize = function (px) {
      var value = Math.round(Number(px));
      if (!(value >= data.textSizeRange[0] && value <= data.textSizeRange[1])) { return false; }
      entry.readablePx = value;
      var select = part(root, "text-size");
      if (select) {
        if (!Array.prototype.some.call(select.options, function (o) { return Number(o.value) === value; })) {
          var option = document.createElement("option");
          option.value = String(value);
          option.textContent = value + " px";
          select.appendChild(option);
        }
        select.value = String(value);
      }
      if (entry.drawn) { entry.fit(true); }
      return true;
    };
    entry.readablePx = Number(root.getAttribute("data-text-size")) || 12;

    /* Where a readable view of a large map is centred: the most connected concept, kept inside the map. */
    var degree = new Map();
    data.relations.forEach(function (r) {
      degree.set(r.from, (degree.get(r.from) || 0) + 1); degree.set(r.to, (degree.get(r.to) || 0) + 1);
    });
    entry.hub = function (ids, viewW, viewH, box) {
      var best = null;
      ids.forEach(function (id) {
        if (entry.model.concepts.has(id) && (best === null || (degree.get(id) || 0) > (degree.get(best) || 0))) { best = id; }
      });
      var b = best === null ? box : bounds(best), c = { x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2 };
      function clamp(v, lo, hi, span) { return hi - lo <= span ? (lo + hi) / 2 : Math.max(lo + span / 2, Math.min(hi - span / 2, v)); }
      return { x: clamp(c.x, box.left, box.right, viewW), y: clamp(c.y, box.top, box.bottom, viewH) };
    };

    var fitAll = part(root, "fit-all"), fitReadable = part(root, "fit-readable"), sizes = part(root, "text-size");
    if (fitAll) { fitAll.addEventListener("click", function () { entry.fit(true, true); }); }
    if (fitReadable) { fitReadable.addEventListener("click", function () { entry.fit(true, false); }); }
    if (sizes) { sizes.addEventListener("change", function () { entry.setTextSize(sizes.value); }); }
    if (window.ResizeObserver) {
      new ResizeObserver(function () { if (entry.drawn) { entry.fit(); } }).observe(part(root, "main"));
    }
  });
})();
