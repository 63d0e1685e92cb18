/* tipline — progressive enhancement only: every page works without this file.
   Adds: quick exit without a history entry (+ Escape twice), the report form one step at a time,
   "add another" rows, the print button. No inline scripts (the CSP forbids them), no requests. */
(function () {
  "use strict";

  /* Quick exit ------------------------------------------------------------------------------- */
  function quickExit(url) {
    document.title = "";
    document.body.style.visibility = "hidden"; // nothing left on screen while the next page loads
    window.location.replace(url); // replaces this page in the history: Back does not return here
  }

  var exit = document.querySelector("[data-quick-exit]");
  if (exit) {
    exit.addEventListener("click", function (event) {
      event.preventDefault();
      quickExit(exit.href);
    });
    var lastEscape = 0;
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || event.repeat) return;
      var now = Date.now();
      if (now - lastEscape < 1000) quickExit(exit.href);
      lastEscape = now;
    });
  }

  /* Print ----------------------------------------------------------------------------------- */
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  /* "Add another" rows ------------------------------------------------------------------------- */
  var MAX_ROWS = 50;

  function rowHasContent(row) {
    if (row.querySelector(".has-error")) return true;
    return Array.prototype.some.call(row.querySelectorAll("input, textarea"), function (el) {
      return el.value.trim() !== "";
    }) || Array.prototype.some.call(row.querySelectorAll("select"), function (el) {
      return el.selectedIndex > 0 && el.name.indexOf(".kind") === -1;
    });
  }

  function renumber(row, name, from, to) {
    var nameOld = name + "[" + from + "]", nameNew = name + "[" + to + "]";
    var idOld = "f-" + name + "-" + from + "-", idNew = "f-" + name + "-" + to + "-";
    row.dataset.index = String(to);
    row.querySelectorAll("[name], [id], [for], [aria-describedby]").forEach(function (el) {
      if (el.name) el.name = el.name.split(nameOld).join(nameNew);
      if (el.id) el.id = el.id.split(idOld).join(idNew);
      if (el.htmlFor) el.htmlFor = el.htmlFor.split(idOld).join(idNew);
      var described = el.getAttribute("aria-describedby");
      if (described) el.setAttribute("aria-describedby", described.split(idOld).join(idNew));
    });
    var legend = row.querySelector("legend");
    if (legend) legend.textContent = legend.textContent.replace(/\d+/, String(to + 1));
  }

  function blank(row) {
    row.querySelectorAll(".error-message").forEach(function (el) { el.remove(); });
    row.querySelectorAll(".has-error").forEach(function (el) { el.classList.remove("has-error"); });
    row.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    row.querySelectorAll("[aria-describedby]").forEach(function (el) {
      var ids = el.getAttribute("aria-describedby").split(" ").filter(function (id) { return !/-error$/.test(id); });
      if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
      else el.removeAttribute("aria-describedby");
    });
    row.querySelectorAll("input, textarea").forEach(function (el) { el.value = ""; });
    row.querySelectorAll("select").forEach(function (el) { el.selectedIndex = 0; });
  }

  document.querySelectorAll("[data-add-row]").forEach(function (button) {
    var name = button.getAttribute("data-add-row");
    var box = button.closest("[data-rows]");
    var rows = function () { return box.querySelectorAll('fieldset.row[data-row="' + name + '"]'); };
    // Only the rows in use, plus one empty row, are shown; the rest wait behind the button.
    var shownEmpty = false;
    rows().forEach(function (row) {
      if (rowHasContent(row)) return;
      if (!shownEmpty) { shownEmpty = true; return; }
      row.hidden = true;
    });
    button.hidden = false;
    button.addEventListener("click", function () {
      var all = rows();
      var next = Array.prototype.find.call(all, function (row) { return row.hidden; });
      if (!next) {
        if (all.length >= MAX_ROWS) return;
        var last = all[all.length - 1];
        next = last.cloneNode(true);
        renumber(next, name, Number(last.dataset.index), Number(last.dataset.index) + 1);
        blank(next);
        last.after(next);
      }
      next.hidden = false;
      var first = next.querySelector("input, select, textarea");
      if (first) first.focus();
      if (rows().length >= MAX_ROWS && !Array.prototype.some.call(rows(), function (r) { return r.hidden; })) {
        button.hidden = true;
      }
    });
  });

  /* The report form, one step at a time ------------------------------------------------------- */
  var form = document.querySelector("form[data-steps]");
  if (!form) return;
  var steps = Array.prototype.slice.call(form.querySelectorAll("fieldset.step"));
  var progress = form.querySelector("[data-progress]");
  var current = 0;

  function show(index, moveFocus) {
    current = Math.max(0, Math.min(steps.length - 1, index));
    steps.forEach(function (step, i) { step.classList.toggle("is-current", i === current); });
    if (progress) {
      progress.querySelectorAll("li").forEach(function (item, i) {
        item.classList.toggle("is-done", i < current);
        if (i === current) item.setAttribute("aria-current", "step");
        else item.removeAttribute("aria-current");
      });
    }
    if (moveFocus) {
      var heading = steps[current].querySelector(".step-heading");
      heading.focus();
      form.scrollIntoView({ block: "start" });
    }
  }

  function stepOf(element) {
    var step = element && element.closest("fieldset.step");
    return step ? steps.indexOf(step) : -1;
  }

  function reveal(element) {
    var row = element.closest("fieldset.row");
    if (row) row.hidden = false;
    var index = stepOf(element);
    if (index >= 0) show(index, false);
    element.focus();
    element.scrollIntoView({ block: "center" });
  }

  form.classList.add("js-steps");
  if (progress) progress.hidden = false;
  form.querySelectorAll("[data-step-nav], [data-back]").forEach(function (el) { el.hidden = false; });
  form.querySelectorAll("[data-next]").forEach(function (button) {
    button.addEventListener("click", function () { show(current + 1, true); });
  });
  form.querySelectorAll("[data-back]").forEach(function (button) {
    button.addEventListener("click", function () { show(current - 1, true); });
  });
  // Enter in a one-line field goes to the next step instead of sending a half-filled report.
  form.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === "Enter" && target.tagName === "INPUT" && current < steps.length - 1 &&
        ["checkbox", "radio", "submit", "button"].indexOf(target.type) === -1) {
      event.preventDefault();
      show(current + 1, true);
    }
  });

  // Errors: open the step of the first one and put the cursor in it; summary links do the same.
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.querySelectorAll("a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var target = document.getElementById(link.getAttribute("href").slice(1));
        if (!target) return;
        event.preventDefault();
        reveal(target);
      });
    });
    var firstLink = summary.querySelector("a[href^='#']");
    var firstTarget = firstLink && document.getElementById(firstLink.getAttribute("href").slice(1));
    if (firstTarget) { reveal(firstTarget); return; }
  }
  show(0, false);
})();
