/* conceptmap page script, arranging by hand: concepts and phrases can be dragged; a phrase follows the concepts of
   its relations, keeping its place along them, until it is dragged itself; "Copy positions" gives every concept's
   position as YAML to paste into the map. The pure parts are tested under Node (tests/js). */
(function (root) {
  "use strict";

  var YAML_WORDS = /^(y|yes|n|no|true|false|on|off|null)$/i;  // ids YAML 1.1 would read as something else

  function yamlKey(id) { return YAML_WORDS.test(id) ? "\"" + id + "\"" : id; }

  /* The `concepts:` block with each concept's position as whole numbers, in the map's order. */
  function positionsYaml(ids, positions) {
    var lines = ["# Positions of " + ids.length + " concept" + (ids.length === 1 ? "" : "s") + ", copied from the page.",
                 "# Merge them into the map with: conceptmap pin MAP --from FILE", "concepts:"];
    ids.forEach(function (id) {
      var p = positions.get(id);
      lines.push("  " + yamlKey(id) + ": {position: [" + Math.round(p.x) + ", " + Math.round(p.y) + "]}");
    });
    return lines.join("\n") + "\n";
  }

  /* How much of a concept's move a phrase box follows: it sits between its source and (the middle of) its targets,
     so it keeps that place when either end moves; a relation from a concept to itself moves with it. */
  function share(phrase, id) {
    var n = phrase.to.length, own = phrase.from === id ? 0.5 : 0;
    phrase.to.forEach(function (t) { if (t === id) { own += 0.5 / n; } });
    return own;
  }

  /* The phrases that follow each concept, with their shares: Map concept id -> [[phrase id, share], ...]. */
  function followers(phrases) {
    var out = new Map();
    phrases.forEach(function (p) {
      new Set([p.from].concat(p.to)).forEach(function (id) {
        (out.get(id) || out.set(id, []).get(id)).push([p.id, share(p, id)]);
      });
    });
    return out;
  }

  var api = { yamlKey: yamlKey, positionsYaml: positionsYaml, share: share, followers: followers };
  if (typeof module === "object" && module.exports) { module.exports = api; return; }
  var registry = root.conceptmap;
  registry.arrange = api;

  registry.features.push(function (entry) {
    var network = entry.network, data = entry.data, part = registry.part, follow = followers(data.phrases);
    var placed = new Set(), drag = null;  // phrases dragged by hand stay where they were put
    var note = part(entry.root, "arrange-note"), dialog = part(entry.root, "copy-dialog");

    entry.arrangeStatus = function (text) { if (note) { note.textContent = text; } };

    function followMove(final) {
      if (!drag) { return; }
      var now = network.getPositions(drag.concepts);
      drag.phrases.forEach(function (start, pid) {
        var x = start.x, y = start.y;
        drag.concepts.forEach(function (cid) {
          var w = drag.shares.get(cid).get(pid) || 0;
          x += w * (now[cid].x - drag.from.get(cid).x);
          y += w * (now[cid].y - drag.from.get(cid).y);
        });
        network.moveNode(pid, final ? Math.round(x) : x, final ? Math.round(y) : y);
      });
    }

    network.on("dragStart", function (p) {
      var concepts = p.nodes.filter(function (id) { return entry.concept(id); });
      if (!concepts.length) { drag = null; return; }
      entry.complete();  // its phrases may not be in yet on a large map that is streaming in
      var at = network.getPositions(concepts), from = new Map(), shares = new Map(), phrases = new Map();
      concepts.forEach(function (cid) {
        from.set(cid, at[cid]);
        shares.set(cid, new Map(follow.get(cid) || []));
        (follow.get(cid) || []).forEach(function (f) { if (!placed.has(f[0])) { phrases.set(f[0], null); } });
      });
      var starts = network.getPositions(Array.from(phrases.keys()));
      phrases.forEach(function (v, pid) { phrases.set(pid, starts[pid]); });
      drag = { concepts: concepts, from: from, shares: shares, phrases: phrases };
      entry.arrangeStatus("");
    });
    network.on("dragging", function () { followMove(false); });
    network.on("dragEnd", function (p) {
      p.nodes.forEach(function (id) { if (entry.phrase(id)) { placed.add(id); } });
      followMove(true);
      var moved = drag ? drag.concepts : [];
      drag = null;
      if (moved.length) { (entry.onMoved || []).forEach(function (hook) { hook(moved); }); }
    });

    /* Every concept's position as drawn now: Map id -> {x, y}. */
    entry.positions = function () {
      entry.complete();
      var ids = data.concepts.map(function (c) { return c.id; }), at = network.getPositions(ids), out = new Map();
      ids.forEach(function (id) { out.set(id, { x: Math.round(at[id].x), y: Math.round(at[id].y) }); });
      return out;
    };
    entry.positionsYaml = function () {
      return positionsYaml(data.concepts.map(function (c) { return c.id; }), entry.positions());
    };

    function showText(text) {  // no clipboard: the text, selected, in a dialog to copy by hand
      if (!dialog) { return; }
      var area = part(dialog, "copy-text");
      area.value = text;
      if (!dialog.open) { dialog.showModal(); }
      area.focus();
      area.select();
      entry.arrangeStatus("The positions are in the dialog: copy them with Ctrl+C or \u2318C.");
    }

    var button = part(entry.root, "copy-positions");
    if (button) {
      button.addEventListener("click", function () {
        var text = entry.positionsYaml(), n = data.concepts.length;
        var done = "Copied the positions of " + n + " concept" + (n === 1 ? "" : "s") + " as YAML, to paste into the map.";
        if (!(navigator.clipboard && navigator.clipboard.writeText)) { showText(text); return; }
        navigator.clipboard.writeText(text).then(function () { entry.arrangeStatus(done); },
                                                 function () { showText(text); });
      });
    }
    if (dialog) {
      part(dialog, "copy-close").addEventListener("click", function () { dialog.close(); });
      dialog.addEventListener("close", function () { if (button) { button.focus(); } });
    }
  });
})(typeof window === "undefined" ? this : window);
