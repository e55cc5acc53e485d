// Small behaviours shared by every page. Everything works without this file; it only saves clicks.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    // A select marked data-autosubmit submits its form on change (the language switcher); the button is in
    // <noscript> for those without scripts.
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
    // A form that comes back with errors: the focus goes to its error summary (GOV.UK's pattern), so the
    // person sees at once what to correct, however far down the page the form is.
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
    // A link in the summary moves the focus to its field (the first input of a group of choices).
    document.querySelectorAll("[data-error-summary] a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var target = document.getElementById(link.getAttribute("href").slice(1));
        if (!target) { return; }
        var input = target.matches("input, select, textarea") ? target : target.querySelector("input, select, textarea");
        event.preventDefault();
        target.scrollIntoView({ block: "center" });
        (input || target).focus();
      });
    });
    // A button marked data-confirm asks before it submits (the text comes translated from the template).
    document.querySelectorAll("[data-confirm]").forEach(function (el) {
      el.addEventListener("click", function (event) {
        if (!window.confirm(el.getAttribute("data-confirm"))) { event.preventDefault(); }
      });
    });
  });
})();
