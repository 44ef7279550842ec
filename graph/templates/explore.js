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
      var cluster = network.clustering.findNode(id);
      if (cluster.length > 1) { entry.expand(cluster[0].replace(/^cluster:/, "")); }
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
          b.textContent = data.concepts.filter(function (c) { return c.id === id; })[0].label;
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

    entry.collapse = function (gid) {
      var members = data.concepts.filter(function (c) { return c.group === gid; });
      if (!members.length || network.isCluster("cluster:" + gid)) { return false; }
      var style = data.themes[entry.theme].groups[gid];
      network.cluster({
        joinCondition: function (node) { return node.group === gid; },
        clusterNodeProperties: {
          id: "cluster:" + gid, label: groupLabel[gid] + " (" + members.length + " concepts)", shape: "box",
          borderWidth: style.width + 3, color: { background: style.fill, border: style.border },
          font: { color: data.themes[entry.theme].text }
        }
      });
      return true;
    };

    entry.expand = function (gid) {
      if (!network.isCluster("cluster:" + gid)) { return false; }
      network.openCluster("cluster:" + gid);
      return true;
    };

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
