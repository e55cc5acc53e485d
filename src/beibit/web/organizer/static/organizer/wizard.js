// The wizard's small behaviours: show only the fields that apply (organizer kind, vehicles). Without this
// file every field stays visible and the forms still work.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    var kinds = document.querySelectorAll("input[name=kind]");
    if (kinds.length) {
      var showKind = function () {
        var chosen = document.querySelector("input[name=kind]:checked");
        var value = chosen ? chosen.value : "citizen";
        document.querySelectorAll("[data-kind]").forEach(function (el) {
          el.hidden = el.getAttribute("data-kind") !== value;
        });
      };
      kinds.forEach(function (input) { input.addEventListener("change", showKind); });
      showKind();
    }
    document.querySelectorAll("[data-shown-by]").forEach(function (el) {
      var box = document.getElementById(el.getAttribute("data-shown-by"));
      if (!box) { return; }
      var sync = function () { el.hidden = !box.checked; };
      box.addEventListener("change", sync);
      sync();
    });
  });
})();
