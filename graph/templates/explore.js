/* conceptmap page script, finding your way in big maps: a search box that focuses a concept, groups that
   collapse into one node and expand again, and (for large maps) labels that appear only when zoomed in. */
(function () {
  "use strict";
  var registry = window.conceptmap;
  var MAX_RESULTS = 8;

  registry.features.push(function (entry) {
    var root = entry.root, data = entry.data, network = entry.network, part = registry.part;
    var input = part(root, "search"), results = part(root, "results"), groupLabel = {};
    data.groups.forEach(function (g) { groupLabel[g.id] = g.label; });

    entry.search = function (text) {
      var q = text.trim().toLowerCase();
      if (!q) { return []; }
      return data.concepts.filter(function (c) { return c.label.toLowerCase().indexOf(q) >= 0; })
        .map(function (c) { return c.id; });
    };

    entry.find = function (id) {
      var concept = entry.concept(id);
      if (concept && concept.group) { entry.expand(concept.group); }
      network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
      entry.showConcept(id);
      return true;
    };

    function pick(id) {
      results.hidden = true;
      entry.find(id);
      if (entry.focusConcept) { entry.focusConcept(id); }
    }

    if (input) {
      input.addEventListener("input", function () {
        var ids = entry.search(input.value).slice(0, MAX_RESULTS);
        results.textContent = "";
        ids.forEach(function (id) {
          var li = document.createElement("li"), b = document.createElement("button");
          b.type = "button";
          b.textContent = entry.concept(id).label;
          b.addEventListener("click", function () { pick(id); });
          li.appendChild(b);
          results.appendChild(li);
        });
        results.hidden = !ids.length;
      });
      input.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter") {
          var ids = entry.search(input.value);
          if (ids.length) { pick(ids[0]); }
          ev.preventDefault();
        } else if (ev.key === "Escape") {
          results.hidden = true;
        }
      });
    }

    // A collapsed group is one box at its members' centre; links to the rest of the map are redrawn from it.
    var collapsed = {};
    entry.collapse = function (gid) {
      var members = data.concepts.filter(function (c) { return c.group === gid; });
      if (!members.length || collapsed[gid]) { return false; }
      var inside = {}, x = 0, y = 0, links = {}, hidden = [];
      members.forEach(function (c) { inside[c.id] = true; x += c.x; y += c.y; });
      data.relations.forEach(function (r) {
        if (!inside[r.from] && !inside[r.to]) { return; }
        hidden.push(r.id);
        var other = inside[r.from] ? r.to : r.from;
        if (!inside[other]) { links[other] = true; }
      });
      var id = "cluster:" + gid, t = data.themes[entry.theme], style = t.groups[gid];
      entry.nodes.update(members.map(function (c) { return { id: c.id, hidden: true }; }));
      entry.edges.update(hidden.map(function (e) { return { id: e, hidden: true }; }));
      entry.nodes.add({ id: id, label: groupLabel[gid] + " (" + members.length + " concepts)", group: gid,
                        x: x / members.length, y: y / members.length, borderWidth: style.width + 3 });
      var extra = Object.keys(links).map(function (other) {
        return { id: id + ":" + other, from: id, to: other, color: { color: t.text }, dashes: [2, 4] };
      });
      entry.edges.add(extra);
      collapsed[gid] = { members: members, hidden: hidden, extra: extra };
      return true;
    };

    entry.expand = function (gid) {
      var c = collapsed[gid];
      if (!c) { return false; }
      entry.edges.remove(c.extra.map(function (e) { return e.id; }));
      entry.nodes.remove("cluster:" + gid);
      entry.nodes.update(c.members.map(function (m) { return { id: m.id, hidden: false }; }));
      entry.edges.update(c.hidden.map(function (e) { return { id: e, hidden: false }; }));
      delete collapsed[gid];
      return true;
    };
    entry.isCollapsed = function (gid) { return !!collapsed[gid]; };

    Array.prototype.forEach.call(root.querySelectorAll(".cm-collapse"), function (button) {
      button.addEventListener("click", function () {
        var gid = button.getAttribute("data-group"), collapsed = button.getAttribute("aria-pressed") === "true";
        if (collapsed) { entry.expand(gid); } else { entry.collapse(gid); }
        button.setAttribute("aria-pressed", collapsed ? "false" : "true");
      });
    });

    if (data.concepts.length >= data.largeMap) {
      // Labels appear once they would be at least 11 px on screen.
      network.setOptions({ nodes: { scaling: { label: { drawThreshold: 11 } } },
                           edges: { scaling: { label: { drawThreshold: 11 } } } });
      root.setAttribute("data-large", "");
    }
  });
})();
