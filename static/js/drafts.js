// A draft survives a dropped connection (issue 17). <form data-draft="KEY"> (KEY: the page's address
// and the user's id) is sent with fetch instead of the browser's own submit. While it travels, what was
// typed is kept in localStorage under KEY. If the network fails (offline, or fetch rejects) the draft
// stays, the form says "Chưa gửi được — đã giữ bản nháp trên máy" and offers "Gửi lại", which lights up
// when the browser is online again. When the server answers, the draft is cleared and its answer shown
// (the page it redirects to, or the form with its errors, replaces this one as a normal submit would).
// Opening the page again while a draft is kept fills the form from it and offers "Gửi lại".
// The Vietnamese texts come from the form's data-draft-* attributes (translated in the template).
(function () {
  "use strict";
  var PREFIX = "gdtx-draft:";

  function storageKey(form) { return PREFIX + form.getAttribute("data-draft"); }

  function read(form) {
    try { return JSON.parse(window.localStorage.getItem(storageKey(form)) || "null"); } catch (e) { return null; }
  }

  function keep(form, submitter) {
    var fields = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.type === "file" || el.type === "submit" || el.type === "button") return;
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
      fields.push([el.name, el.value]);
    });
    var draft = { fields: fields, saved: new Date().toISOString() };
    if (submitter && submitter.name) draft.submitter = [submitter.name, submitter.value];
    try { window.localStorage.setItem(storageKey(form), JSON.stringify(draft)); } catch (e) { /* storage full: nothing more to do */ }
    return draft;
  }

  function clear(form) { try { window.localStorage.removeItem(storageKey(form)); } catch (e) { /* ignore */ } }

  // Puts a kept draft back into the form's fields (a field of the same name, in the same order).
  function restore(form, draft) {
    var seen = {};
    draft.fields.forEach(function (pair) {
      var name = pair[0], value = pair[1];
      var all = form.querySelectorAll('[name="' + name.replace(/"/g, '\\"') + '"]');
      var index = seen[name] || 0;
      seen[name] = index + 1;
      var el = all[index];
      if (!el) return;
      if (el.type === "checkbox" || el.type === "radio") {
        form.querySelectorAll('[name="' + name.replace(/"/g, '\\"') + '"]').forEach(function (box) {
          if (box.value === value) box.checked = true;
        });
      } else {
        el.value = value;
      }
    });
  }

  function notice(form) {
    var box = form.querySelector("[data-draft-notice]");
    if (box) return box;
    box = document.createElement("div");
    box.setAttribute("data-draft-notice", "");
    box.setAttribute("role", "alert");
    box.className = "alert alert-warning d-flex flex-wrap align-items-center gap-2 py-2";
    var text = document.createElement("span");
    text.className = "me-auto";
    text.textContent = form.getAttribute("data-draft-message") || "";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-warning";
    button.setAttribute("data-draft-resend", "");
    button.setAttribute("data-no-busy", "");
    button.textContent = form.getAttribute("data-draft-resend") || "";
    box.appendChild(text);
    box.appendChild(button);
    form.insertBefore(box, form.firstChild);
    button.addEventListener("click", function () { send(form, read(form)); });
    return box;
  }

  function showKept(form) {
    var box = notice(form);
    var button = box.querySelector("[data-draft-resend]");
    button.disabled = !navigator.onLine;
    box.hidden = false;
    // The busy indicator of portal.js disabled the button pressed: it may be pressed again.
    form.querySelectorAll("button[type=submit], button:not([type])").forEach(function (b) { b.disabled = false; });
    document.querySelectorAll('button[form="' + form.id + '"]').forEach(function (b) { b.disabled = false; });
  }

  // The server's answer replaces the page, as after a normal submit: the page a save redirects to
  // (already fetched, with its one-time "Đã lưu" message) under its own address, or the form again
  // with the errors to fix.
  function show(response) {
    return response.text().then(function (html) {
      if (response.redirected) window.history.replaceState(null, "", response.url);
      document.open();
      document.write(html);
      document.close();
    });
  }

  function send(form, draft) {
    if (!draft) return;
    var body = new FormData();
    var token = form.querySelector("[name=csrfmiddlewaretoken]");
    if (token) body.append("csrfmiddlewaretoken", token.value);
    draft.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
    if (draft.submitter) body.append(draft.submitter[0], draft.submitter[1]);
    if (!navigator.onLine) { showKept(form); return; }
    // getAttribute: a field named "action" (the grid's buttons) shadows form.action
    fetch(form.getAttribute("action") || window.location.href, {
      method: "POST", body: body, credentials: "same-origin", headers: { "X-Draft-Sender": "1" },
    }).then(function (response) {
      // The server has it: what it answers (saved, or the errors to fix) is shown next. A session that
      // ended sends the login page instead: the draft stays, to come back after logging in.
      if (response.url.indexOf("/tai-khoan/dang-nhap/") === -1) clear(form);
      return show(response);
    }, function () {
      showKept(form);
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.hasAttribute || !form.hasAttribute("data-draft")) return;
    event.preventDefault();
    send(form, keep(form, event.submitter));
  });

  window.addEventListener("online", function () {
    document.querySelectorAll("[data-draft-resend]").forEach(function (b) { b.disabled = false; });
  });
  window.addEventListener("offline", function () {
    document.querySelectorAll("[data-draft-resend]").forEach(function (b) { b.disabled = true; });
  });

  document.querySelectorAll("form[data-draft]").forEach(function (form) {
    var draft = read(form);
    if (draft) { restore(form, draft); showKept(form); }
  });
})();
