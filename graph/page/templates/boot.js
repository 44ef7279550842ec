/* conceptmap page script, boot: mount every map on the page once all features have registered. A fragment's map
   lives in a shadow root of its host element (declared in its markup, so its text version reads without script),
   where no rule of the host page's stylesheets reaches; its stylesheet is adopted there (adopt.js): by shadow.js
   as the parser reads it, or here for a fragment that a host script put in (no declarative shadow root then). */
(function () {
  "use strict";
  var registry = window.conceptmap;

  function open(host) {  // the fragment's map, in its shadow root (made here where the parser made none)
    var shadow = host.shadowRoot, template = host.querySelector(":scope > template");
    if (!shadow) {
      shadow = host.attachShadow({ mode: "open" });
      if (template) { shadow.appendChild(template.content); }
    }
    if (template) { template.remove(); }
    var root = shadow.querySelector("[data-conceptmap]");
    if (!root) { return null; }
    registry.adopt(shadow);
    registry.part(root, "view").hidden = false;  // hidden until here: without script, the text version is all
    return root;
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-conceptmap-fragment]"), function (host) {
    var root = open(host);
    if (root) { registry.mount(root); }
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-conceptmap]"), registry.mount);
})();
