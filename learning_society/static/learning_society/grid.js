// Scoring grid and self-assessment form: move with the keyboard, totals and bands live.
// The server recomputes and validates everything (reports/rubrics.py); this is only for the eye.
(function () {
  "use strict";
  var bandsNode = document.getElementById("ls-bands");
  var bands = bandsNode ? JSON.parse(bandsNode.textContent) : [];
  bands.sort(function (a, b) { return parseFloat(b.min) - parseFloat(a.min); });

  function parse(text) {
    text = (text || "").trim().replace(",", ".");
    if (text === "") return null;
    if (!/^-?\d+(\.\d+)?$/.test(text)) return NaN;
    return parseFloat(text);
  }
  function fmt(n) { return (Math.round(n * 100) / 100).toString().replace(".", ","); }
  function bandOf(total) {
    for (var i = 0; i < bands.length; i++) {
      if (total >= parseFloat(bands[i].min) - 1e-9) {
        var passes = "pass" in bands[i] ? !!bands[i].pass : i < bands.length - 1;
        return { label: bands[i].label, pass: passes };
      }
    }
    return { label: "", pass: false };
  }
  function check(input) {
    var value = parse(input.value);
    var max = parseFloat(input.getAttribute("data-max"));
    var message = "";
    if (value !== null && isNaN(value)) message = "Không phải là số";
    else if (value !== null && value < 0) message = "Điểm không được âm";
    else if (value !== null && !isNaN(max) && value > max) message = "Tối đa " + fmt(max) + " điểm";
    input.classList.toggle("is-invalid", message !== "");
    input.title = message;
    return message === "" ? value : NaN;
  }
  function sum(inputs) {
    var total = 0, complete = true, bad = false;
    inputs.forEach(function (input) {
      var v = check(input);
      if (v === null) complete = false;
      else if (isNaN(v)) bad = true;
      else total += v;
    });
    return { total: total, complete: complete, bad: bad };
  }

  // --- the grid ---
  var grid = document.getElementById("scoreGrid");
  if (grid) {
    var rows = Array.prototype.slice.call(grid.querySelectorAll("tr[data-row]"));
    var matrix = rows.map(function (tr) { return Array.prototype.slice.call(tr.querySelectorAll("input.grid-cell")); });
    var summary = document.getElementById("gridSummary");
    var refreshRow = function (r) {
      var tr = rows[r];
      if (tr.classList.contains("locked")) return;
      var s = sum(matrix[r]);
      var totalCell = tr.querySelector(".row-total"), bandCell = tr.querySelector(".row-band");
      var anything = matrix[r].some(function (i) { return i.value.trim() !== ""; });
      totalCell.textContent = anything && !s.bad ? fmt(s.total) : (s.bad ? "!" : "");
      var band = s.complete && !s.bad ? bandOf(s.total) : { label: "", pass: false };
      bandCell.textContent = band.label;
      bandCell.classList.toggle("band-pass", band.label !== "" && band.pass);
      bandCell.classList.toggle("band-fail", band.label !== "" && !band.pass);
    };
    var refreshSummary = function () {
      var pass = 0, bad = 0;
      rows.forEach(function (tr) {
        if (tr.querySelector(".band-pass")) pass++;
        if (tr.querySelector("input.is-invalid")) bad++;
      });
      summary.textContent = "Đạt: " + pass + "/" + rows.length + (bad ? " · Ô sai: " + bad + " dòng" : "");
    };
    rows.forEach(function (_, r) { refreshRow(r); });
    refreshSummary();
    var focusCell = function (r, c) {
      if (r < 0 || r >= matrix.length) return false;
      var row = matrix[r];
      if (!row.length) return false;
      var input = row[Math.max(0, Math.min(c, row.length - 1))];
      if (input.disabled) return false;
      input.focus();
      input.select();
      return true;
    };
    var moveVertical = function (r, c, step) {
      for (var k = r + step; k >= 0 && k < matrix.length; k += step) {
        if (focusCell(k, c)) return;
      }
    };
    grid.addEventListener("input", function (event) {
      var input = event.target;
      if (!input.classList.contains("grid-cell")) return;
      refreshRow(rows.indexOf(input.closest("tr")));
      refreshSummary();
    });
    grid.addEventListener("keydown", function (event) {
      var input = event.target;
      if (!input.classList || !input.classList.contains("grid-cell")) return;
      var r = rows.indexOf(input.closest("tr")), c = matrix[r].indexOf(input);
      var atStart = input.selectionStart === 0 && input.selectionEnd === 0;
      var atEnd = input.selectionStart === input.value.length;
      var whole = input.selectionStart === 0 && input.selectionEnd === input.value.length;
      switch (event.key) {
        case "ArrowDown": event.preventDefault(); moveVertical(r, c, 1); break;
        case "ArrowUp": event.preventDefault(); moveVertical(r, c, -1); break;
        case "ArrowRight":
          if (atEnd || whole) { event.preventDefault(); if (c + 1 < matrix[r].length) focusCell(r, c + 1); else moveVertical(r, 0, 1); }
          break;
        case "ArrowLeft":
          if (atStart || whole) { event.preventDefault(); if (c > 0) focusCell(r, c - 1); else moveVertical(r, matrix[r].length - 1, -1); }
          break;
        case "Enter":
          // Enter never submits the grid by accident: it moves on (Shift+Enter goes back).
          event.preventDefault();
          if (event.shiftKey) { if (c > 0) focusCell(r, c - 1); else moveVertical(r, matrix[r].length - 1, -1); }
          else if (c + 1 < matrix[r].length) focusCell(r, c + 1);
          else moveVertical(r, 0, 1);
          break;
      }
    });
    grid.addEventListener("submit", function (event) {
      var bad = grid.querySelectorAll("input.grid-cell.is-invalid");
      if (bad.length) {
        event.preventDefault();
        bad[0].focus();
        summary.textContent = "Còn " + bad.length + " ô sai: hãy sửa các ô tô đỏ trước khi lưu.";
        return;
      }
      // One JSON field instead of thousands: the server refuses forms with too many fields.
      // Packed once: a second submit (double click) sends the same packed field again.
      if (grid.querySelector("input[name=cells]")) return;
      var packed = { cells: {}, rows: [] };
      grid.querySelectorAll("input.grid-cell[name]:not(:disabled)").forEach(function (input) {
        packed.cells[input.name] = input.value;
        input.removeAttribute("name");
      });
      grid.querySelectorAll("input[name=row]").forEach(function (input) {
        packed.rows.push(input.value);
        input.removeAttribute("name");
      });
      var field = document.createElement("input");
      field.type = "hidden";
      field.name = "cells";
      field.value = JSON.stringify(packed);
      grid.appendChild(field);
    });
  }

  // --- the one-subject form ---
  var inputs = Array.prototype.slice.call(document.querySelectorAll("input.score-input"));
  var liveTotal = document.getElementById("liveTotal"), liveBand = document.getElementById("liveBand");
  if (inputs.length && liveTotal) {
    var refresh = function () {
      var s = sum(inputs);
      liveTotal.textContent = s.bad ? "!" : fmt(s.total);
      liveBand.textContent = s.complete && !s.bad ? bandOf(s.total).label : "";
    };
    inputs.forEach(function (i) { i.addEventListener("input", refresh); });
    refresh();
  }
})();
