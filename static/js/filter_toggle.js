// On a phone the list comes first: a filter form (form.filter-card, or any [data-phone-filter]) folds
// behind a "Lọc" button that says how many filters are in use (Bootstrap collapse). From 576 px up the
// form shows as before and the button is hidden (portal.css). Without this script the form shows.
(function () {
  "use strict";
  var counter = 0;

  function activeFilters(box) {
    var count = 0;
    Array.prototype.forEach.call(box.querySelectorAll("input, select, textarea"), function (field) {
      var type = (field.type || "").toLowerCase();
      if (field.disabled || ["hidden", "submit", "button", "reset", "file"].indexOf(type) >= 0) return;
      if (type === "checkbox" || type === "radio") {
        if (field.checked && !field.defaultValue.match(/^(|all|tat-ca)$/)) count += 1;
      } else if (field.tagName === "SELECT") {
        if (field.selectedIndex > 0 && field.value !== "") count += 1;
      } else if (field.value.trim() !== "") {
        count += 1;
      }
    });
    // A row of filter links (chips): the chosen one, unless it is the "all" link.
    count += box.querySelectorAll('a[aria-current="page"]:not([data-filter-all])').length;
    return count;
  }

  function fold(box) {
    if (box.hasAttribute("data-filter-folded") || box.closest(".phone-filter")) return;
    box.setAttribute("data-filter-folded", "");
    counter += 1;
    var wrap = document.createElement("div");
    wrap.className = "collapse phone-filter";
    wrap.id = "phone-filter-" + counter;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-primary phone-filter-toggle w-100 mb-3";
    button.setAttribute("data-bs-toggle", "collapse");
    button.setAttribute("data-bs-target", "#" + wrap.id);
    button.setAttribute("aria-controls", wrap.id);
    button.setAttribute("aria-expanded", "false");
    button.innerHTML = '<i class="fa-solid fa-filter me-1" aria-hidden="true"></i>';
    button.appendChild(document.createTextNode("Lọc"));
    var count = activeFilters(box);
    if (count) {
      var badge = document.createElement("span");
      badge.className = "badge text-bg-primary ms-2";
      badge.textContent = count + " đang dùng";
      button.appendChild(badge);
    }
    box.parentNode.insertBefore(button, box);
    box.parentNode.insertBefore(wrap, box);
    wrap.appendChild(box);
  }

  Array.prototype.forEach.call(document.querySelectorAll("form.filter-card, [data-phone-filter]"), fold);
})();
