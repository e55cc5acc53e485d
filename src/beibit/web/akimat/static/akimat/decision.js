// The decision form: only the fields of the chosen answer are shown (a proposal's place and note, a refusal's
// grounds and reasons), and recording an answer asks first, naming the answer, the organizer and the way it is
// sent. Without this file every field shows and the form still works (the server checks everything).
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  function chosen(form, name) {
    var input = form.querySelector("input[name=" + name + "]:checked");
    return input ? input.value : null;
  }
  ready(function () {
    var form = document.querySelector("[data-decision-form]");
    if (!form) { return; }
    var show = function () {
      var decision = chosen(form, "decision");
      form.querySelectorAll("[data-for]").forEach(function (el) {
        el.hidden = el.getAttribute("data-for") !== decision;
      });
    };
    form.querySelectorAll("input[name=decision]").forEach(function (input) {
      input.addEventListener("change", show);
    });
    show();
    form.addEventListener("submit", function (event) {
      var decision = chosen(form, "decision");
      var ask = decision && form.querySelector("#decision-confirms [data-decision='" + decision + "']");
      if (!ask) { return; }
      var way = form.querySelector("#decision-confirms [data-send-by='" + (chosen(form, "send_by") || "") + "']");
      var question = ask.textContent + (way ? "\n\n" + way.textContent : "");
      if (!window.confirm(question)) { event.preventDefault(); }
    });
  });
})();
