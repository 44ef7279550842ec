/* conceptmap page script, shadow: runs in a fragment's shadow root while the parser is still reading the map below
   it (the fragment being read is the last one in the document): the map's stylesheet goes in and its view shows,
   so the map is laid out and painted styled from the start, and nothing moves when the page script comes. */
(function () {
  "use strict";
  var hosts = document.querySelectorAll("[data-conceptmap-fragment]"), shadow = hosts[hosts.length - 1].shadowRoot;
  var view = shadow && shadow.querySelector(".cm-view");
  if (!view) { return; }
  window.conceptmap.adopt(shadow);
  view.hidden = false;
})();
