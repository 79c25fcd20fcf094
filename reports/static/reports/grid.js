// The entry grid: totals and rates computed as people type, and a warning before leaving the page
// with unsaved values. The formulas come from the server as expressions over v("ROW.COL"), built
// from the checked formula tree (reports/formulas.py), never from raw user text.
(function () {
  "use strict";
  var form = document.getElementById("grid-form");
  var data = document.getElementById("grid-formulas");
  if (!form || !data) return;
  var spec = JSON.parse(data.textContent);
  var results = {};
  var inputs = {};
  form.querySelectorAll("[data-key]").forEach(function (el) { inputs[el.getAttribute("data-key")] = el; });

  // "1.234" and "1 234" are thousands, "12,5" is 12.5 — as numbers are written in Vietnam.
  function parse(text) {
    text = (text || "").replace(/[\s\u00a0]/g, "");
    if (!text) return null;
    if (text.indexOf(",") >= 0) text = text.replace(/\./g, "").replace(",", ".");
    else if (/^-?\d{1,3}(\.\d{3})+$/.test(text)) text = text.replace(/\./g, "");
    var n = Number(text);
    return isFinite(n) ? n : null;
  }
  function v(key) {
    if (Object.prototype.hasOwnProperty.call(results, key)) return results[key] === null ? 0 : results[key];
    var el = inputs[key];
    if (!el) return 0;
    if (el.tagName === "SELECT" && (el.value === "Có" || el.value === "Không")) return el.value === "Có" ? 1 : 0;
    var n = parse(el.value);
    return n === null ? 0 : n;
  }
  function D(a, b) { if (b === 0) throw new Error("div0"); return a / b; }
  function S(list) { return list.reduce(function (a, b) { return a + b; }, 0); }
  function R(x, d) { var f = Math.pow(10, d || 0); return Math.round(x * f) / f; }
  var compiled = {};
  Object.keys(spec.formulas).forEach(function (key) {
    compiled[key] = new Function("v", "D", "S", "R", "return " + spec.formulas[key] + ";");
  });
  function fmt(n) {
    if (n === null || !isFinite(n)) return "";
    return n.toLocaleString("vi-VN", { maximumFractionDigits: 4 });
  }
  function recompute() {
    results = {};
    spec.order.forEach(function (key) {
      try { results[key] = compiled[key](v, D, S, R); } catch (e) { results[key] = null; }
    });
    form.querySelectorAll("[data-computed]").forEach(function (out) {
      out.textContent = fmt(results[out.getAttribute("data-computed")]);
    });
  }
  var dirty = false;
  form.addEventListener("input", function (event) {
    dirty = true;
    var el = event.target;
    if (el.hasAttribute("data-number")) {
      var bad = el.value.trim() !== "" && (parse(el.value) === null || parse(el.value) < 0);
      el.classList.toggle("is-invalid", bad);
    }
    recompute();
  });
  form.addEventListener("change", recompute);
  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    var question = button && button.getAttribute("data-submit-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); return; }
    dirty = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
  recompute();
})();
