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
})();
