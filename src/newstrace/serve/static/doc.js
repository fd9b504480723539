// Highlights the span a citation points at: /documents/ID#START-END.
// Reads only numbers from the URL and touches only class names: no HTML is built here.
(function () {
  "use strict";
  function highlight() {
    var match = /^#(\d+)-(\d+)$/.exec(window.location.hash);
    var pieces = document.querySelectorAll("#doc-text [data-start]");
    var first = null;
    pieces.forEach(function (el) {
      el.classList.remove("hl");
      if (!match) { return; }
      var start = Number(el.dataset.start), end = Number(el.dataset.end);
      if (start < Number(match[2]) && end > Number(match[1])) {
        el.classList.add("hl");
        if (!first) { first = el; }
      }
    });
    if (first) { first.scrollIntoView({ block: "center" }); }
  }
  window.addEventListener("hashchange", highlight);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", highlight);
  } else {
    highlight();
  }
})();
