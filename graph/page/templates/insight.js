/* conceptmap page script, insight: feedback loops, paths between two concepts, perspectives, and a self-check
   generated from the map. Everything is shown in the details panel and built with textContent. */
(function () {
  "use strict";
  var registry = window.conceptmap;

  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text) { e.textContent = text; }
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  function shuffled(items, seed) {  // the same order every time for the same map
    var out = items.slice(), s = seed;
    for (var i = out.length - 1; i > 0; i--) {
      s = (s * 1103515245 + 12345) % 2147483648;
      var j = s % (i + 1), t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }

  registry.features.push(function (entry) {
    var data = entry.data, root = entry.root, part = registry.part, byId = entry.relation;
    function label(id) { return entry.concept(id).label; }
    var loops = part(root, "loops"), path = part(root, "path"), check = part(root, "selfcheck");
    var views = part(root, "perspective");

    // Highlight a set of concepts and relations; dim everything else. Nothing moves.
    entry.highlight = function (relationIds, conceptIds) {
      var any = (relationIds || []).length + (conceptIds || []).length > 0;
      entry.setView({ highlight: any ? { relations: (relationIds || []).slice(), concepts: (conceptIds || []).slice() } : null });
      var on = new Set(conceptIds || []);
      (relationIds || []).forEach(function (id) { on.add(id); on.add(byId(id).from); on.add(byId(id).to); });
      entry.highlighted = any ? Array.from(on).sort() : null;
    };

    function panel(kind, title) {
      var p = part(root, "panel");
      ["panel-meta", "panel-text", "panel-note", "panel-quote", "panel-cite"].forEach(function (c) {
        part(p, c).textContent = "";
      });
      part(p, "panel-kind").textContent = kind;
      part(p, "panel-title").textContent = title;
      var box = part(p, "panel-links");
      box.textContent = "";
      p.hidden = false;
      p.setAttribute("data-shows", kind.toLowerCase());
      part(p, "panel-title").focus();  // keyboard users land in the panel; Esc closes it
      return box;
    }

    // Loops.
    entry.showLoop = function (i) {
      var loop = data.loops[i];
      entry.highlight(loop.relations, []);
      var box = panel("Loop", loop.name), ol = el("ol");
      part(part(root, "panel"), "panel-meta").textContent = loop.kind +
        (loop.inferred ? " \u2014 relies on an inferred link" : "");
      part(part(root, "panel"), "panel-text").textContent = loop.description || "";
      loop.relations.forEach(function (id) { ol.appendChild(el("li", byId(id).sentence)); });
      box.appendChild(el("h3", "Read around the loop"));
      box.appendChild(ol);
      part(root, "panel").setAttribute("data-shows", "loop:" + i);
    };
    // The author's named loops come first; a switch shows only them.
    var named = data.loops.filter(function (loop) { return loop.named; }).length;
    entry.loopsNamedOnly = false;
    function loopItems(ul) {
      ul.textContent = "";
      data.loops.forEach(function (loop, i) {
        if (entry.loopsNamedOnly && !loop.named) { return; }
        var b = el("button", loop.name + " (" + loop.kind + (loop.inferred ? ", inferred link" : "") + ")",
                   { type: "button" });
        b.addEventListener("click", function () { entry.showLoop(i); });
        var li = el("li");
        li.appendChild(b);
        ul.appendChild(li);
      });
    }
    entry.listLoops = function (namedOnly) {
      if (typeof namedOnly === "boolean") { entry.loopsNamedOnly = namedOnly && named > 0; }
      var box = panel("Loops", "Feedback loops"), ul = el("ul", null, { "class": "cm-loop-list" });
      if (named && named < data.loops.length) {
        var lab = el("label", null, { "class": "cm-loops-named" }), box2 = el("input", null, { type: "checkbox" });
        box2.checked = entry.loopsNamedOnly;
        box2.addEventListener("change", function () { entry.loopsNamedOnly = box2.checked; loopItems(ul); });
        lab.appendChild(box2);
        lab.appendChild(document.createTextNode(" Only the named loops (" + named + " of " + data.loops.length + ")"));
        box.appendChild(lab);
      }
      loopItems(ul);
      box.appendChild(data.loops.length ? ul : el("p", "This map has no feedback loops."));
    };

    // Paths: the first five shortest chains of relations, following their direction, in the order
    // graph/analysis/loops.py explain() gives them: by the concepts passed (ids compared as text), then by map order.
    var leaving = new Map(), entering = new Map();  // relations by concept: a search step looks only at those
    function push(index, key, r) { (index.get(key) || index.set(key, []).get(key)).push(r); }
    data.relations.forEach(function (r) { push(leaving, r.from, r); push(entering, r.to, r); });
    function distances(to) {  // relations from each concept to `to`, breadth first
      var far = new Map([[to, 0]]), queue = [to];
      for (var i = 0; i < queue.length; i += 1) {
        var here = queue[i];
        (entering.get(here) || []).forEach(function (r) {
          if (!far.has(r.from)) { far.set(r.from, far.get(here) + 1); queue.push(r.from); }
        });
      }
      return far;
    }
    function chainsOf(path, limit, out) {  // every choice of parallel relations along a concept path
      (function pick(i, chain) {
        if (out.length >= limit) { return; }
        if (i === path.length - 1) { out.push(chain); return; }
        leaving.get(path[i]).forEach(function (r) { if (r.to === path[i + 1]) { pick(i + 1, chain.concat([r.id])); } });
      })(0, []);
    }
    entry.paths = function (from, to) {
      var far = distances(to), out = [];
      if (from === to || !far.has(from)) { return out; }
      function closer(node) {
        var next = new Set();
        (leaving.get(node) || []).forEach(function (r) { if (far.get(r.to) === far.get(node) - 1) { next.add(r.to); } });
        return Array.from(next).sort();
      }
      var path = [from], todo = [closer(from)];
      while (todo.length && out.length < 5) {
        var top = todo[todo.length - 1];
        if (!top.length) { todo.pop(); path.pop(); continue; }
        var node = top.shift();
        if (node === to) { chainsOf(path.concat([node]), 5, out); } else { path.push(node); todo.push(closer(node)); }
      }
      return out;
    };
    entry.explain = function (from, to) {
      var chains = entry.paths(from, to), box = panel("Path", label(from) + " \u2192 " + label(to));
      entry.highlight([].concat.apply([], chains), [from, to]);
      if (!chains.length) { box.appendChild(el("p", "No chain of relations leads from the first to the second.")); }
      chains.forEach(function (chain, i) {
        box.appendChild(el("h3", "Chain " + (i + 1)));
        var ol = el("ol");
        chain.forEach(function (id) {
          var r = byId(id), li = el("li", r.sentence);
          if (r.evidence && r.evidence.quote) { li.appendChild(document.createTextNode(" ")); li.appendChild(el("q", r.evidence.quote)); }
          ol.appendChild(li);
        });
        box.appendChild(ol);
      });
      part(root, "panel").setAttribute("data-shows", "path:" + from + ":" + to);
      return chains;
    };
    entry.pathForm = function () {
      var box = panel("Path", "Explain a path"), selects = [];
      ["From", "To"].forEach(function (name) {
        var lab = el("label", name + " "), s = el("select");
        data.concepts.forEach(function (c) { s.appendChild(el("option", c.label, { value: c.id })); });
        lab.appendChild(s);
        box.appendChild(lab);
        selects.push(s);
      });
      var go = el("button", "Explain", { type: "button", "class": "cm-explain" });
      go.addEventListener("click", function () { entry.explain(selects[0].value, selects[1].value); });
      box.appendChild(go);
    };

    // Perspectives.
    entry.setPerspective = function (id) {
      var view = entry.model.perspectives.get(id) || null;
      entry.setView({ perspective: view ? view.id : null });
      entry.perspective = view ? view.id : null;
      if (views) { views.value = view ? view.id : ""; }
      part(root, "view-note").textContent = view ? view.label + ": " + (view.description || "") : "";
    };

    // Self-check: hide phrases, effects or concepts; the student picks the missing part.
    entry.selfCheck = function (mode) {
      var allow = data.selfcheck || {}, items;
      if (entry.present) { entry.present.stop(); }
      entry.setView({ quiz: mode, highlight: null });
      if (mode === "concepts") {
        items = data.concepts.filter(function (c) { return !(allow.concepts || []).length || allow.concepts.indexOf(c.id) >= 0; })
          .map(function (c) { return { id: c.id, prompt: "Concept: " + (c.definition || "(no definition)"), answer: c.label }; });
      } else {
        items = data.relations.filter(function (r) { return !(allow.relations || []).length || allow.relations.indexOf(r.id) >= 0; })
          .map(function (r) {
            return { id: r.id, prompt: label(r.from) + " \u2026 " + label(r.to),
                     answer: mode === "effects" ? r.effect : r.words };
          });
      }
      var choices = shuffled(items.map(function (it) { return it.answer; }).filter(function (a, i, all) {
        return all.indexOf(a) === i;
      }), items.length + 7);
      var box = panel("Self-check", mode === "concepts" ? "Name the concepts" : mode === "effects" ?
                      "Choose each effect" : "Choose each linking phrase");
      var form = el("ol", null, { "class": "cm-quiz" }), selects = [];
      items.forEach(function (it, i) {
        var li = el("li"), lab = el("label", it.prompt + " "), s = el("select", null, { "data-asks": it.id });
        s.appendChild(el("option", "\u2014 choose \u2014", { value: "" }));
        choices.forEach(function (c) { s.appendChild(el("option", c, { value: c })); });
        s.addEventListener("focus", function () { pointAt(i); });  // its "?" stands out on the map
        s.addEventListener("change", function () { pointAt(i); form.children[i].querySelector(".cm-feedback").textContent = ""; });
        lab.appendChild(s);
        li.appendChild(lab);
        li.appendChild(el("span", "", { "class": "cm-feedback", "aria-live": "polite" }));
        form.appendChild(li);
        selects.push(s);
      });
      function pointAt(i) {
        var it = items[i];
        if (mode === "concepts") { entry.highlight([], [it.id]); } else { entry.highlight([it.id], []); }
        entry.asking = it.id;
      }
      entry.askAbout = function (id) {  // a "?" on the map was chosen: go to its question
        var i = registry.viewState.question(items, id);
        if (i < 0 || entry.quiz !== items) { return false; }
        selects[i].focus();
        return true;
      };
      var check = el("button", "Check answers", { type: "button", "class": "cm-check" });
      var score = el("p", "", { "class": "cm-score", "aria-live": "polite" });
      check.addEventListener("click", function () {
        var m = registry.viewState.marks(items, selects.map(function (s) { return s.value; }));
        m.marks.forEach(function (mark, i) {
          var fb = form.children[i].querySelector(".cm-feedback");
          fb.textContent = mark === "right" ? " \u2714 correct" : mark === "wrong" ? " \u2718 not this one" : "";
          form.children[i].setAttribute("data-mark", mark);
        });
        score.textContent = "Score: " + m.right + " of " + m.answered + " answered right (" + m.total + " questions)";
        entry.score = { right: m.right, answered: m.answered, total: m.total };
      });
      var stop = el("button", "End self-check", { type: "button" });
      stop.addEventListener("click", function () { entry.endSelfCheck(); });
      box.appendChild(form);
      box.appendChild(check);
      box.appendChild(score);
      box.appendChild(stop);
      entry.quiz = items;
      return items.length;
    };
    entry.endSelfCheck = function () {
      entry.quiz = null;
      entry.setView({ quiz: null });
      if (check) { check.value = ""; }
      entry.closePanel();
    };

    // Toolbar controls.
    if (loops) { loops.addEventListener("click", function () { entry.listLoops(); }); }
    if (path) { path.addEventListener("click", entry.pathForm); }
    if (check) {
      check.addEventListener("change", function () {
        if (check.value) { entry.selfCheck(check.value); } else { entry.endSelfCheck(); }
      });
    }
    if (views) { views.addEventListener("change", function () { entry.setPerspective(views.value); }); }
    // While a self-check runs, choosing a "?" on the map (by click or keyboard) goes to its question; no details
    // open then, as they would give answers away.
    ["showConcept", "showRelation"].forEach(function (name) {
      var show = entry[name];
      entry[name] = function (id) {
        if (entry.quiz) { return entry.askAbout(id); }
        return show(id);
      };
    });
    var close = entry.closePanel;
    entry.closePanel = function () {  // closing the panel also ends a highlight and a self-check
      if (entry.highlighted) { entry.highlight([], []); entry.highlighted = null; }
      if (entry.quiz) { entry.quiz = null; entry.setView({ quiz: null }); if (check) { check.value = ""; } }
      return close();
    };
  });
})();
