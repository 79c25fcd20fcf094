// Every <input type="file"> in Vietnamese: the browser draws its own "Choose File / No file chosen"
// in the browser's language, which a busy user does not read. The real input stays in place (its
// label, keyboard focus and form submission are unchanged); it is laid transparent over a visible
// "Chọn tệp" button and a line naming the chosen file(s). Without this script the plain input shows.
(function () {
  "use strict";
  var NONE = "Chưa chọn tệp";
  var counter = 0;

  function chosen(input) {
    var files = input.files ? Array.prototype.map.call(input.files, function (f) { return f.name; }) : [];
    if (!files.length) return NONE;
    if (files.length === 1) return files[0];
    return files.length + " tệp: " + files.join(", ");
  }

  function enhance(input) {
    if (input.hasAttribute("data-file-pick")) return;
    input.setAttribute("data-file-pick", "");
    var wrap = document.createElement("span");
    wrap.className = "file-pick";
    var button = document.createElement("span");
    button.className = "btn btn-outline-primary file-pick-button";
    button.setAttribute("aria-hidden", "true");
    button.innerHTML = '<i class="fa-solid fa-paperclip me-1" aria-hidden="true"></i>';
    button.appendChild(document.createTextNode("Chọn tệp"));
    var name = document.createElement("span");
    name.className = "file-pick-name";
    counter += 1;
    name.id = "file-pick-name-" + counter;
    name.textContent = chosen(input);
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(button);
    wrap.appendChild(name);
    wrap.appendChild(input);
    var described = input.getAttribute("aria-describedby");
    input.setAttribute("aria-describedby", (described ? described + " " : "") + name.id);
    input.addEventListener("change", function () { name.textContent = chosen(input); });
    if (input.form) {
      input.form.addEventListener("reset", function () {
        window.setTimeout(function () { name.textContent = chosen(input); }, 0);
      });
    }
  }

  function enhanceAll(root) {
    if (root.matches && root.matches('input[type="file"]')) enhance(root);
    if (root.querySelectorAll) Array.prototype.forEach.call(root.querySelectorAll('input[type="file"]'), enhance);
  }

  enhanceAll(document);
  // Parts of pages loaded by htmx get the same treatment.
  document.addEventListener("htmx:load", function (event) { enhanceAll(event.target); });
})();
