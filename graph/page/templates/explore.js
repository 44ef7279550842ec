/* conceptmap page script, finding your way in big maps: a search box that focuses a concept, groups that
   collapse into one node and expand again, and (for large maps) labels that appear only when zoomed in. */
(function () {
  "use strict";
  var registry = window.conceptmap;
  var MAX_RESULTS = 8;

  registry.features.push(function (entry) {
    var root = entry.root, data = entry.data, network = entry.network, part = registry.part;
    var input = part(root, "search"), results = part(root, "results");

    entry.search = function (text) {
      var q = text.trim().toLowerCase();
      if (!q) { return []; }
      var step = entry.view.step >= 0 ? entry.model.steps[entry.view.step] : null;  // never what a step has not shown
      return data.concepts.filter(function (c) {
        return c.label.toLowerCase().indexOf(q) >= 0 && (!step || step.concepts.has(c.id));
      }).map(function (c) { return c.id; });
    };

    entry.find = function (id) {
      entry.complete();
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

    // A collapsed group is one box at its members' centre; links to the rest of the map are drawn from it.
    function collapsedSet() { return new Set(entry.view.collapsed); }
    entry.collapse = function (gid) {
      var now = collapsedSet();
      if (!entry.model.members.has(gid) || now.has(gid)) { return false; }
      now.add(gid);
      entry.setView({ collapsed: Array.from(now).sort() });
      return true;
    };
    entry.expand = function (gid) {
      var now = collapsedSet();
      if (!now.delete(gid)) { return false; }
      entry.setView({ collapsed: Array.from(now).sort() });
      return true;
    };
    entry.isCollapsed = function (gid) { return collapsedSet().has(gid); };

    Array.prototype.forEach.call(root.querySelectorAll(".cm-collapse"), function (button) {
      button.addEventListener("click", function () {
        var gid = button.getAttribute("data-group");
        if (entry.isCollapsed(gid)) { entry.expand(gid); } else { entry.collapse(gid); }
      });
    });
    // The buttons say what the view is, whoever changed it.
    entry.onView = (entry.onView || []).concat([function (view) {
      var now = new Set(view.collapsed);
      Array.prototype.forEach.call(root.querySelectorAll(".cm-collapse"), function (button) {
        var on = now.has(button.getAttribute("data-group"));
        button.setAttribute("aria-pressed", on ? "true" : "false");
        button.textContent = on ? "Expand" : "Collapse";
      });
    }]);

    if (data.concepts.length >= data.largeMap) { root.setAttribute("data-large", ""); }  // labels: see core.js
  });
})();
