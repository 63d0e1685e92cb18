/* tipline — "Block these pictures from being posted" on the follow-up page.

   The pictures are read and hashed here, in the page (pdq.js); only their hashes are sent, as JSON,
   to POST /api/v1/reports/{reference}/hashes with the reference code and follow-up token typed in
   the form above. The file input has no name and is in no form: the browser never uploads it.
   Without JavaScript the section only explains what to do; the file input stays hidden. */
(function () {
  "use strict";

  var section = document.querySelector("[data-hash-section]");
  if (!section || !window.TiplineHash || !window.fetch || !window.createImageBitmap) return;

  var tools = section.querySelector("[data-hash-tools]");
  var input = section.querySelector("#hash-files");
  var status = section.querySelector("[data-hash-status]");
  var list = section.querySelector("[data-hash-results]");
  var listTitle = section.querySelector("[data-hash-results-title]");
  var send = section.querySelector("[data-hash-send]");
  var noScript = section.querySelector("[data-hash-nojs]");
  var QUALITY_THRESHOLD = 50; // as tipline.hashing.pdq.QUALITY_THRESHOLD
  var HEX64 = /^[0-9a-f]{64}$/;
  var pending = []; // the hashes to send: [{signal_type, value, quality?}]

  function message(name, values) {
    var text = section.getAttribute("data-msg-" + name) || "";
    Object.keys(values || {}).forEach(function (key) { text = text.split("{" + key + "}").join(String(values[key])); });
    return text;
  }

  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle("error-message", Boolean(isError));
  }

  function field(id) {
    var el = document.getElementById(id);
    return el ? el.value.trim() : "";
  }

  function paragraph(className, text) {
    var p = document.createElement("p");
    if (className) p.className = className;
    p.textContent = text;
    return p;
  }

  function addRow(file, result) {
    var item = document.createElement("li");
    item.className = "route";
    item.appendChild(paragraph("route-name", file.name));
    if (result.pdq && result.quality >= QUALITY_THRESHOLD) {
      item.appendChild(paragraph("code", "PDQ " + result.pdq));
      item.appendChild(paragraph("hint", message("quality", { quality: result.quality })));
    } else {
      item.appendChild(paragraph("", result.pdq ? message("low-quality", { quality: result.quality })
        : message("not-image")));
    }
    list.appendChild(item);
  }

  function signalsOf(result) {
    var out = [];
    if (result.pdq && result.quality >= QUALITY_THRESHOLD) {
      out.push({ signal_type: "pdq", value: result.pdq, quality: result.quality });
      if (result.pdqOriented && result.pdqOriented !== result.pdq) {
        out.push({ signal_type: "pdq", value: result.pdqOriented, quality: result.quality });
      }
    }
    out.push({ signal_type: "md5", value: result.md5 });
    if (result.sha256) out.push({ signal_type: "sha256", value: result.sha256 });
    return out;
  }

  input.addEventListener("change", function () {
    var files = Array.prototype.slice.call(input.files || []);
    pending = [];
    list.textContent = "";
    list.hidden = listTitle.hidden = true;
    send.hidden = true;
    if (!files.length) { say(""); return; }
    say(message("working"));
    // One file at a time: a phone's memory holds one decoded picture, not twenty.
    files.reduce(function (previous, file) {
      return previous.then(function () {
        return window.TiplineHash.hashFile(file).then(function (result) {
          addRow(file, result);
          pending = pending.concat(signalsOf(result));
        });
      });
    }, Promise.resolve()).then(function () {
      list.hidden = listTitle.hidden = false;
      send.hidden = pending.length === 0;
      say(message("ready"));
    }, function () {
      say(message("failed"), true);
    });
  });

  send.addEventListener("click", function () {
    var reference = field("f-reference").toUpperCase(), token = field("f-token");
    if (!reference || !token) { say(message("need-codes"), true); return; }
    // Only 64-hex PDQ, 32-hex MD5 and 64-hex SHA-256 codes, never bytes of a picture.
    var hashes = pending.filter(function (h) {
      return h.signal_type === "md5" ? /^[0-9a-f]{32}$/.test(h.value) : HEX64.test(h.value);
    });
    send.disabled = true;
    say(message("sending"));
    // The API takes at most 100 hashes a request: send them all, in chunks, one after another.
    var chunks = [];
    for (var i = 0; i < hashes.length; i += 100) chunks.push(hashes.slice(i, i + 100));
    var added = 0;
    chunks.reduce(function (previous, chunk) {
      return previous.then(function () {
        return fetch("/api/v1/reports/" + encodeURIComponent(reference) + "/hashes", {
          method: "POST",
          headers: { "Content-Type": "application/json", "Accept": "application/json" },
          body: JSON.stringify({ token: token, hashes: chunk }),
          credentials: "same-origin",
          cache: "no-store",
          referrerPolicy: "no-referrer"
        }).then(function (response) {
          if (response.status === 201) return response.json().then(function (body) { added += body.added; });
          throw response.status;
        });
      });
    }, Promise.resolve()).then(function () {
      say(message("sent", { added: added }));
      send.hidden = true;
      pending = [];
      input.value = "";
    }, function (status) {
      if (status === 404) say(message("no-match"), true);
      else if (status === 422) say(message("invalid"), true);
      else say(message("failed"), true);
    }).then(function () { send.disabled = false; });
  });

  tools.hidden = false;
  noScript.hidden = true;
})();
