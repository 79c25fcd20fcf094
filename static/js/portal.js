// Small behaviours shared by every page. No framework: Bootstrap and htmx are enough.
(function () {
  "use strict";
  // Forms marked data-confirm ask before a destructive action.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
  // A busy indicator on any button of a form being submitted, so nobody clicks twice.
  document.addEventListener("submit", function (event) {
    if (event.defaultPrevented) return;
    var button = event.submitter;
    if (button && !button.hasAttribute("data-no-busy")) {
      window.setTimeout(function () { button.disabled = true; }, 0);
    }
  });
  // <select data-autosubmit>: the form is sent when the choice changes (year pickers, filters).
  // Declared as attributes rather than onchange="…" so the Content-Security-Policy needs no inline script.
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.hasAttribute && field.hasAttribute("data-autosubmit") && field.form) {
      field.form.submit();
    }
  });
  // <input type="checkbox" data-check-all="input[name=x]">: ticks or clears every box it names.
  document.addEventListener("change", function (event) {
    var box = event.target;
    var selector = box.getAttribute && box.getAttribute("data-check-all");
    if (!selector) return;
    document.querySelectorAll(selector).forEach(function (other) { other.checked = box.checked; });
  });
  // <button data-print>: prints the page (the recovery codes of two-factor login).
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) window.print();
  });
  // <a data-back href="/">: the error pages' "Quay lại" goes back in the browser's history when there
  // is one, and to the href (the home page) when the page was opened directly.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-back]");
    if (link && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
})();
// A table wider than its box scrolls inside it: such a box takes the keyboard's focus (tabindex) and is
// named as a region, so it can be scrolled without a mouse (axe: scrollable-region-focusable).
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
        if (!box.hasAttribute("role")) box.setAttribute("role", "region");
        if (!box.hasAttribute("aria-label")) {
          var caption = box.closest(".card") && box.closest(".card").querySelector(".card-header, h2, h3");
          box.setAttribute("aria-label", caption ? caption.textContent.replace(/\s+/g, " ").trim() : document.title);
        }
      }
    });
  }
  mark();
  window.addEventListener("resize", mark);
})();
