/* conceptmap page script, registry: the one page global, window.conceptmap, made an own property of window that
   nothing on the page can clobber. A host element with id or name "conceptmap" is reachable as window.conceptmap
   through named access only while no such property exists; once it does, the element never shadows it. */
(function () {
  "use strict";
  var own = Object.prototype.hasOwnProperty.call(window, "conceptmap") ? window.conceptmap : null;
  if (own && own.version === 1 && Array.isArray(own.features)) { return; }
  Object.defineProperty(window, "conceptmap", {
    value: { version: 1, maps: Object.create(null), features: [] }, enumerable: true, writable: false, configurable: false
  });
})();
