/* conceptmap page script, presentation: steps reveal the map one idea at a time; nothing moves.
   Keys: Right, Space, PageDown forward; Left, PageUp back; Home, End; F full screen; Esc leaves. On the map's own
   page the keys work wherever the focus is; a fragment takes them only when the focus is inside its map, never
   from an editable element, and leaves the host page's location (its hash route) alone. */
(function () {
  "use strict";
  var registry = window.conceptmap;
  var NEXT = { ArrowRight: 1, PageDown: 1, " ": 1, ArrowLeft: -1, PageUp: -1 };

  registry.features.push(function (entry) {
    var data = entry.data, root = entry.root, part = registry.part, stage = part(root, "stage");
    if (!data.steps.length || !stage) { return; }
    var index = -1, presenter = null, view = part(root, "view");
    var fragment = root.getAttribute("data-mode") !== "page";

    function paint(i) { entry.setView({ step: i, highlight: null, collapsed: [] }, "animate"); }

    function show(i) {
      i = Math.max(0, Math.min(data.steps.length - 1, i));
      index = i;
      var step = data.steps[i];
      entry.closePanel();
      paint(i);
      part(stage, "counter").textContent = (i + 1) + " / " + data.steps.length;
      part(stage, "step-title").textContent = step.title;
      part(stage, "narration").textContent = step.narration;
      part(stage, "prev").disabled = i === 0;
      part(stage, "next").disabled = i === data.steps.length - 1;
      root.setAttribute("data-step", String(i + 1));
      if (!fragment && window.history && window.history.replaceState) {
        window.history.replaceState(null, "", "#" + hashKey() + "=" + (i + 1));
      }
      updatePresenter();
    }

    function start(i) {
      if (entry.quiz && entry.endSelfCheck) { entry.endSelfCheck(); }
      entry.presenting = true;
      root.setAttribute("data-presenting", "");
      stage.hidden = false;
      show(i);
      var at = root.getRootNode().activeElement;  // the toolbar hides: the keys' focus moves to the stage, still in the map
      if (root.contains(at) && !stage.contains(at)) { stage.focus({ preventScroll: true }); }
    }

    function stop() {
      if (!entry.presenting) { return; }
      entry.presenting = false;
      index = -1;
      root.removeAttribute("data-presenting");
      root.removeAttribute("data-step");
      stage.hidden = true;
      entry.setView({ step: -1 }, "still");
      if (document.fullscreenElement) { document.exitFullscreen(); }
      if (!fragment && window.history && window.history.replaceState) {
        window.history.replaceState(null, "", window.location.pathname + window.location.search);
      }
      part(root, "present").focus();
    }

    function toggleFullscreen() {
      if (document.fullscreenElement) { document.exitFullscreen(); }
      else if (view.requestFullscreen) { view.requestFullscreen().catch(function () {}); }
    }

    function line(doc, tag, cls, text) {
      var el = doc.createElement(tag);
      el.className = cls;
      el.textContent = text || "";
      doc.body.appendChild(el);
      return el;
    }

    function updatePresenter() {
      if (!presenter || presenter.closed || index < 0) { return; }
      var doc = presenter.document, step = data.steps[index], next = data.steps[index + 1];
      doc.title = "Presenter view: " + data.title;
      doc.body.textContent = "";
      doc.body.style.font = "22px system-ui, sans-serif";
      doc.body.style.margin = "24px";
      line(doc, "p", "counter", "Step " + (index + 1) + " / " + data.steps.length);
      line(doc, "h1", "title", step.title);
      line(doc, "p", "narration", step.narration);
      line(doc, "h2", "notes-title", "Speaker notes");
      line(doc, "p", "notes", step.notes || "(none)");
      line(doc, "p", "next", next ? "Next: " + next.title : "This is the last step.");
    }

    function openPresenter() {
      presenter = window.open("", "cm-presenter-" + entry.name, "popup,width=760,height=560");
      if (presenter) { presenter.document.documentElement.lang = "en"; updatePresenter(); }
      entry.presenter = presenter;
    }

    part(root, "present").addEventListener("click", function () { start(index < 0 ? 0 : index); });
    part(stage, "prev").addEventListener("click", function () { show(index - 1); });
    part(stage, "next").addEventListener("click", function () { show(index + 1); });
    part(stage, "exit").addEventListener("click", stop);
    part(stage, "fullscreen").addEventListener("click", toggleFullscreen);
    part(stage, "presenter").addEventListener("click", openPresenter);

    function editable(el) {
      return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
    }

    document.addEventListener("keydown", function (ev) {
      var target = ev.composedPath()[0], tag = target && target.tagName;  // in a fragment's shadow root too
      if (ev.defaultPrevented || editable(target) || ev.altKey || ev.ctrlKey || ev.metaKey) { return; }
      if (fragment && !(target instanceof Node && root.contains(target))) { return; }
      if (!entry.presenting) {
        if (ev.key === "p" || ev.key === "P") { start(0); ev.preventDefault(); }
        return;
      }
      if (ev.key === " " && tag === "BUTTON") { return; }  // Space presses the focused button instead
      var step = NEXT[ev.key];
      if (step) { show(index + step); }
      else if (ev.key === "Home") { show(0); }
      else if (ev.key === "End") { show(data.steps.length - 1); }
      else if (ev.key === "f" || ev.key === "F") { toggleFullscreen(); }
      else if (ev.key === "Escape") { stop(); }
      else { return; }
      ev.preventDefault();
    });

    function hashKey() {  // "#step=3" when the page holds one map, "#NAME-step=3" when it holds several
      var alone = document.querySelectorAll("[data-conceptmap]").length === 1;
      return alone ? "step" : encodeURIComponent(entry.name) + "-step";
    }
    function fromHash() {
      var want = hashKey() + "=";
      window.location.hash.replace(/^#/, "").split("&").forEach(function (item) {
        if (item.indexOf(want) === 0 && /^\d+$/.test(item.slice(want.length))) {
          start(parseInt(item.slice(want.length), 10) - 1);
        }
      });
    }
    entry.present = { start: start, stop: stop, show: show, index: function () { return index; } };
    if (fragment) { return; }  // the host page's hash is its own route
    window.addEventListener("hashchange", fromHash);
    entry.afterMount = (entry.afterMount || []).concat([fromHash]);
  });
})();
