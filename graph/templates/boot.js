/* conceptmap page script, boot: mount every map on the page once all features have registered. A fragment's map
   lives in a shadow root of its host element (declared in its markup, so its text version reads without script),
   where no rule of the host page's stylesheets reaches; its own stylesheet goes in as a constructed stylesheet,
   which the host's style-src does not govern, and one sheet serves every fragment of the page. */
(function () {
  "use strict";
  var registry = window.conceptmap;
  if (!registry.sheets) { registry.sheets = new Map(); }

  function sheet(shadow, text) {
    if (!registry.sheets.has(text)) {
      var made = new CSSStyleSheet();
      made.replaceSync(text);
      registry.sheets.set(text, made);
    }
    shadow.adoptedStyleSheets = [registry.sheets.get(text)];
  }

  function open(host) {  // the fragment's map, in its shadow root (made here where the parser made none)
    var shadow = host.shadowRoot, template = host.querySelector(":scope > template");
    if (!shadow) {
      shadow = host.attachShadow({ mode: "open" });
      if (template) { shadow.appendChild(template.content); }
    }
    if (template) { template.remove(); }
    var root = shadow.querySelector("[data-conceptmap]"), css = shadow.querySelector(".cm-stylesheet");
    if (!root) { return null; }
    if (css) { sheet(shadow, css.textContent); css.remove(); }
    registry.part(root, "view").hidden = false;  // hidden until here: without script, the text version is all
    return root;
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-conceptmap-fragment]"), function (host) {
    var root = open(host);
    if (root) { registry.mount(root); }
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-conceptmap]"), registry.mount);
})();
