/* conceptmap page script, stream: a large map's network starts empty. The items inside the first view are added
   before it is first drawn and the rest in the background, in slices nearest the view first, so the map can be
   used long before vis-network has made all its items (it spends most of a large map's start-up making them).
   Whatever needs every item adds all those left at once first (core.js's `complete`): a new view, dragging a
   box, a key press, a press on a control; panning and zooming do not. The pure parts are tested under Node
   (tests/page/js). */
(function (root) {
  "use strict";

  var SLICE = 250;  // nodes in the first slice after the view's; each next slice holds twice as many
  var MARGIN = 1.25;  // the slice drawn first: what lies within 1.25 times the view's half width and half height

  /* How far a node lies from the view's centre, in half views: 1 is the view's edge. */
  function reach(node, view) {
    return Math.max(Math.abs(node.x - view.x) / view.halfWidth, Math.abs(node.y - view.y) / view.halfHeight);
  }

  /* The slices to add, in order: nodes nearest the view first (the first slice holds all within MARGIN), each
     slice with the segments whose last end it brings in; segments to a node that is not there come last. Each
     addition costs vis-network a pass over every item it holds, so the slices grow: a few passes in all, and the
     slices nearest the reader come soonest. */
  function plan(nodes, edges, view) {
    var order = nodes.map(function (n, i) { return { node: n, at: reach(n, view), i: i }; });
    order.sort(function (a, b) { return a.at - b.at || a.i - b.i; });
    var size = SLICE, slices = [{ nodes: [], edges: [] }], rank = new Map();
    order.forEach(function (o) {
      var top = slices[slices.length - 1];
      if (o.at > MARGIN && (slices.length === 1 || top.nodes.length >= size)) {
        if (slices.length > 1) { size *= 2; }
        top = { nodes: [], edges: [] };
        slices.push(top);
      }
      top.nodes.push(o.node);
      rank.set(o.node.id, slices.length - 1);
    });
    var last = slices.length - 1;
    edges.forEach(function (e) {
      var a = rank.get(e.from), b = rank.get(e.to);
      slices[a === undefined || b === undefined ? last : Math.max(a, b)].edges.push(e);
    });
    return slices;
  }

  var api = { plan: plan, reach: reach, SLICE: SLICE, MARGIN: MARGIN };
  if (typeof module === "object" && module.exports) { module.exports = api; return; }
  var registry = root.conceptmap;

  /* Stream `nodes` and `edges` into the entry's empty DataSets: the first slice now, the others one per idle
     moment once the map is first drawn; `done` runs once every item is in. Returns what adds all those left at
     once. */
  registry.stream = function (entry, nodes, edges, done) {
    var network = entry.network, canvas = network.canvas.frame.canvas, scale = network.getScale();
    var centre = network.getViewPosition();
    var view = { x: centre.x, y: centre.y, halfWidth: canvas.clientWidth / 2 / scale || 1,
                 halfHeight: canvas.clientHeight / 2 / scale || 1 };
    var slices = plan(nodes, edges, view), next = 0, timer = null;

    /* One slice in, undrawn. vis-network redraws the whole map after each addition unless told not to (with the
       event its own stabilisation uses). Only the first slice reaches into the view, and the mount draws it; the
       others lie outside it (but for segments crossing it), and are drawn when the last is in. */
    function add(slice) {
      network.body.emitter.emit("_blockRedraw");
      if (slice.nodes.length) { entry.nodes.add(slice.nodes); }
      if (slice.edges.length) { entry.edges.add(slice.edges); }
      network.body.emitter.emit("_allowRedraw");
    }
    function later(f) {  // when the page is idle: the reader's input and the next frame come first
      if (root.requestIdleCallback) { timer = root.requestIdleCallback(f, { timeout: 250 }); }
      else { timer = setTimeout(f, 16); }
    }
    function finish() {
      next = slices.length;
      network.redraw();
      done();
    }
    function step() {
      timer = null;
      if (next >= slices.length) { return; }  // completed meanwhile
      add(slices[next]);
      next += 1;
      if (next < slices.length) { later(step); } else { finish(); }
    }
    function complete() {  // every item left, in one go (two DataSet additions)
      if (next >= slices.length) { return; }
      if (timer !== null && root.cancelIdleCallback) { root.cancelIdleCallback(timer); }
      else if (timer !== null) { clearTimeout(timer); }
      timer = null;
      var rest = slices.slice(next);
      add({ nodes: [].concat.apply([], rest.map(function (s) { return s.nodes; })),
            edges: [].concat.apply([], rest.map(function (s) { return s.edges; })) });
      finish();
    }
    add(slices[0]);
    next = 1;
    if (next === slices.length) { finish(); }
    else { network.once("afterDrawing", function () { later(step); }); }  // the rest once the first is on screen
    return complete;
  };
})(typeof window === "undefined" ? this : window);
