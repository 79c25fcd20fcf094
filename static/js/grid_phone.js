// The report grid's phone mode (issue 17). Under 576 px the 7-column grid of the entry page becomes one
// section at a time: a row of section chips above it chooses the section, each indicator row is a card (the
// .table-cards pattern of portal.css, each cell labelled with its column), the section's total rows
// stay in sight at its top
// (portal.css orders them after the heading). Wider screens keep the table and its keyboard entry untouched.
(function () {
  "use strict";
  var table = document.querySelector("#grid-form table.report-grid");
  if (!table || !window.matchMedia) return;
  var phone = window.matchMedia("(max-width: 575.98px)");
  var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
    return th.textContent.replace(/\s+/g, " ").trim();
  });
  var sections = [];  // [{title, heading row, rows}]
  var current = null;
  Array.prototype.forEach.call(table.tBodies[0].rows, function (tr) {
    if (tr.classList.contains("table-secondary")) {
      current = { title: tr.textContent.replace(/\s+/g, " ").trim(), heading: tr, rows: [] };
      sections.push(current);
      return;
    }
    if (!current) {
      current = { title: "", heading: null, rows: [] };
      sections.push(current);
    }
    current.rows.push(tr);
    Array.prototype.forEach.call(tr.cells, function (td, i) {
      if (i === 1) td.classList.add("card-title");
      else if (headers[i] && !td.hasAttribute("data-label")) td.setAttribute("data-label", headers[i]);
    });
  });
  if (sections.length === 0) return;

  // The sections as chips (issue 17): all in sight, one tap each, at least 44 px (portal.css), wrapped
  // onto as many lines as they need so the page never scrolls sideways.
  var picker = document.createElement("div");
  picker.className = "grid-section-picker mb-2";
  var label = document.createElement("div");
  label.className = "form-label fw-semibold mb-1";
  label.id = "grid-section-label";
  label.textContent = table.closest("form").getAttribute("data-section-label") || "";
  var chips = document.createElement("div");
  chips.className = "grid-section-chips";
  chips.setAttribute("role", "group");
  chips.setAttribute("aria-labelledby", label.id);
  var current_index = 0;
  var buttons = sections.map(function (section, i) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-sm grid-chip";
    button.textContent = section.title || String(i + 1);
    button.addEventListener("click", function () {
      show(i);
      picker.scrollIntoView({ block: "start" });
    });
    chips.appendChild(button);
    return button;
  });
  picker.appendChild(label);
  picker.appendChild(chips);
  var wrapper = table.closest(".table-responsive") || table;
  wrapper.parentNode.insertBefore(picker, wrapper);

  function show(index) {
    current_index = index;
    sections.forEach(function (section, i) {
      var hidden = phone.matches && i !== index;
      if (section.heading) section.heading.hidden = hidden;
      section.rows.forEach(function (tr) { tr.hidden = hidden; });
      buttons[i].setAttribute("aria-pressed", i === index ? "true" : "false");
      buttons[i].classList.toggle("btn-primary", i === index);
      buttons[i].classList.toggle("btn-outline-primary", i !== index);
    });
  }

  function apply() {
    table.classList.toggle("table-cards", phone.matches);
    table.classList.toggle("grid-phone", phone.matches);
    picker.hidden = !phone.matches;
    show(current_index);
  }

  // A refused save marks a cell invalid: open the section that holds the first one.
  var invalid = table.querySelector(".is-invalid");
  if (invalid) {
    sections.forEach(function (section, i) { if (section.rows.indexOf(invalid.closest("tr")) >= 0) current_index = i; });
  }
  if (phone.addEventListener) phone.addEventListener("change", apply);
  apply();
})();
