// The resource pick-list (resources/_picker.html): typing in the search box shows only the options
// whose label holds every word typed, accents and case ignored ("sot xuat" finds "Sốt xuất huyết").
// Ticked options always stay in sight. Without JavaScript the whole list shows.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  document.querySelectorAll("input[data-filter-options]").forEach(function (box) {
    if (box.dataset.bound) return;
    box.dataset.bound = "1";
    var list = document.getElementById(box.getAttribute("data-filter-options"));
    if (!list) return;
    var none = list.querySelector("[data-filter-none]");
    box.addEventListener("input", function () {
      var words = fold(box.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      list.querySelectorAll("[data-option]").forEach(function (option) {
        var text = fold(option.textContent);
        var ticked = option.querySelector("input") && option.querySelector("input").checked;
        var match = ticked || words.every(function (w) { return text.indexOf(w) !== -1; });
        option.hidden = !match;
        if (match) shown += 1;
      });
      if (none) none.hidden = shown > 0;
    });
    // Enter in the search box must not send the whole activity form.
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
  });
})();
