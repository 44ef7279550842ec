/* conceptmap page script, boot: mount every map on the page once all features have registered. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-conceptmap]"), window.conceptmap.mount);
})();
