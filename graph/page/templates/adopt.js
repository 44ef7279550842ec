/* conceptmap page script, adopt: a fragment's stylesheet (the data block at the top of its shadow root) goes into
   that shadow root as a constructed stylesheet, which the host page's style-src does not govern; one sheet serves
   every fragment of the page. */
(function () {
  "use strict";
  var registry = window.conceptmap;
  if (registry.adopt) { return; }
  var sheets = new Map();
  registry.adopt = function (shadow) {
    var css = shadow.querySelector(".cm-stylesheet");
    if (!css) { return; }
    if (!sheets.has(css.textContent)) {
      var made = new CSSStyleSheet();
      made.replaceSync(css.textContent);
      sheets.set(css.textContent, made);
    }
    shadow.adoptedStyleSheets = [sheets.get(css.textContent)];
    css.remove();
  };
})();
