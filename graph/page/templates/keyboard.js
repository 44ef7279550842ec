/* conceptmap page script, keyboard: one real button per concept, in a reading order that follows the
   relations, so Tab and the arrow keys move from concept to concept and Enter opens the details. */
(function () {
  "use strict";
  var registry = window.conceptmap;
  var ARROWS = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };

  function neighbourhood(data) {  // concepts a relation leads to, then those that lead here
    var next = new Map();
    data.concepts.forEach(function (c) { next.set(c.id, []); });
    data.relations.forEach(function (r) { next.get(r.from).push(r.to); });
    data.relations.forEach(function (r) { next.get(r.to).push(r.from); });
    return next;
  }

  function readingOrder(data, next) {
    var seen = new Set(), order = [];
    data.concepts.forEach(function (c) {
      var queue = [c.id];
      while (queue.length) {
        var id = queue.shift();
        if (seen.has(id)) { continue; }
        seen.add(id);
        order.push(id);
        queue = queue.concat(next.get(id));
      }
    });
    return order;
  }

  registry.features.push(function (entry) {
    var network = entry.network, layer = registry.part(entry.root, "nodes"), buttons = new Map();
    if (entry.data.concepts.length >= entry.data.largeMap) {  // too many to track; search and the text version serve
      entry.focusConcept = function () { return false; };
      return;
    }
    var neighbours = neighbourhood(entry.data);

    function visible(id) { return entry.drawn.shown.concepts.has(id); }

    function toward(id, dx, dy) {
      var here = network.getPosition(id), best = null, bestScore = Infinity;
      function consider(other) {
        if (other === id || !visible(other)) { return; }
        var p = network.getPosition(other), vx = p.x - here.x, vy = p.y - here.y;
        var dist = Math.sqrt(vx * vx + vy * vy) || 1, cos = (vx * dx + vy * dy) / dist;
        if (cos < 0.35) { return; }
        var score = dist * (1 + 3 * (1 - cos));  // the arrow's direction matters more than distance
        if (score < bestScore) { best = other; bestScore = score; }
      }
      neighbours.get(id).forEach(consider);
      if (best === null) { entry.data.concepts.forEach(function (c) { consider(c.id); }); }
      return best;
    }

    function keydown(ev) {
      var dir = ARROWS[ev.key];
      if (!dir || entry.presenting && (ev.key === "ArrowLeft" || ev.key === "ArrowRight")) { return; }
      var target = toward(ev.currentTarget.getAttribute("data-id"), dir[0], dir[1]);
      ev.preventDefault();
      if (target !== null) { entry.focusConcept(target); }
    }

    readingOrder(entry.data, neighbours).forEach(function (id) {
      var c = entry.concept(id), b = document.createElement("button");
      b.type = "button";
      b.setAttribute("data-id", id);
      b.setAttribute("aria-label", c.label);
      b.addEventListener("click", function () { entry.showConcept(id); });
      b.addEventListener("focus", function () { network.selectNodes([id], false); reveal(id); });
      b.addEventListener("keydown", keydown);
      layer.appendChild(b);
      buttons.set(id, b);
    });

    function reveal(id) {
      var main = registry.part(entry.root, "main"), d = network.canvasToDOM(network.getPosition(id));
      if (d.x < 0 || d.y < 0 || d.x > main.clientWidth || d.y > main.clientHeight) {
        network.moveTo({ position: network.getPosition(id), scale: network.getScale(), animation: false });
      }
    }

    function place() {
      buttons.forEach(function (b, id) {
        b.hidden = !visible(id);
        if (b.hidden) { return; }
        var box = network.getBoundingBox(id);
        var a = network.canvasToDOM({ x: box.left, y: box.top }), z = network.canvasToDOM({ x: box.right, y: box.bottom });
        b.style.left = a.x + "px";
        b.style.top = a.y + "px";
        b.style.width = Math.max(0, z.x - a.x) + "px";
        b.style.height = Math.max(0, z.y - a.y) + "px";
      });
    }
    network.on("afterDrawing", place);
    entry.nodeButtons = buttons;
    entry.focusConcept = function (id) {
      if (buttons.has(id) && visible(id)) { place(); buttons.get(id).focus(); return true; }
      return false;
    };
  });
})();
