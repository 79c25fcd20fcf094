// The literacy term-results grid (issue 19): arrows and Enter move between cells like the
// learning-society grid; T / H / C are the result codes, an empty cell is "not assessed".
(function () {
  "use strict";
  var grid = document.getElementById("resultsGrid");
  if (!grid) return;
  var rows = Array.prototype.slice.call(grid.querySelectorAll("tr[data-row]"));
  var matrix = rows.map(function (tr) { return Array.prototype.slice.call(tr.querySelectorAll("input.grid-cell")); });
  var valid = /^(|T|H|C|HTT|HT|CHT)$/;
  var focusCell = function (r, c) {
    var input = matrix[r] && matrix[r][c];
    if (!input || input.disabled) return false;
    input.focus();
    input.select();
    return true;
  };
  var moveVertical = function (r, c, step) {
    for (var k = r + step; k >= 0 && k < matrix.length; k += step) { if (focusCell(k, c)) return; }
  };
  grid.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.classList.contains("grid-cell")) return;
    input.value = input.value.toUpperCase();
    input.classList.toggle("is-invalid", !valid.test(input.value.trim()));
  });
  grid.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains("grid-cell")) return;
    var r = rows.indexOf(input.closest("tr")), c = matrix[r].indexOf(input);
    switch (event.key) {
      case "ArrowDown": event.preventDefault(); moveVertical(r, c, 1); break;
      case "ArrowUp": event.preventDefault(); moveVertical(r, c, -1); break;
      case "ArrowRight": if (input.selectionStart === input.value.length) { event.preventDefault(); if (!focusCell(r, c + 1)) moveVertical(r, 0, 1); } break;
      case "ArrowLeft": if (input.selectionStart === 0) { event.preventDefault(); focusCell(r, c - 1); } break;
      case "Enter":
        event.preventDefault();  // Enter moves on; it never submits the grid by accident
        if (event.shiftKey) { if (!focusCell(r, c - 1)) moveVertical(r, matrix[r].length - 1, -1); }
        else if (!focusCell(r, c + 1)) moveVertical(r, 0, 1);
        break;
    }
  });
})();
