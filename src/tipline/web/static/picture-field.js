/* tipline — "The scammer's profile picture (screenshot)" on the report form.

   The screenshot is read and hashed here, in the page (pdq.js); only its PDQ hash goes into the
   form, as the hidden field incident.profile_pictures. The file input has no name, so the browser
   never sends the file with the form. A picture with too little detail (PDQ quality under 50) is
   not used: its hash would match unrelated flat pictures. Without JavaScript the field stays
   hidden and a note says why. */
(function () {
  "use strict";

  var box = document.querySelector("[data-picture-field]");
  if (!box || !window.TiplineHash || !window.createImageBitmap) return;

  var tools = box.querySelector("[data-picture-tools]");
  var input = box.querySelector("[data-picture-input]");
  var status = box.querySelector("[data-picture-status]");
  var shown = box.querySelector("[data-picture-code]");
  var remove = box.querySelector("[data-picture-remove]");
  var hashes = box.querySelector("[data-picture-hashes]");
  var QUALITY_THRESHOLD = 50; // as tipline.hashing.pdq.QUALITY_THRESHOLD
  var HEX64 = /^[0-9a-f]{64}$/;
  var NAME = "incident.profile_pictures";
  var chosen = 0; // the latest choice wins when a slow hash finishes after a newer choice

  function message(name, values) {
    var text = box.getAttribute("data-msg-" + name) || "";
    Object.keys(values || {}).forEach(function (key) { text = text.split("{" + key + "}").join(String(values[key])); });
    return text;
  }

  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle("error-message", Boolean(isError));
  }

  function use(hash) {
    hashes.textContent = "";
    if (hash) {
      var field = document.createElement("input");
      field.type = "hidden";
      field.name = NAME;
      field.value = hash;
      hashes.appendChild(field);
    }
    shown.textContent = hash || "";
    shown.hidden = remove.hidden = !hash;
  }

  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    var mine = ++chosen;
    use(null);
    if (!file) { say(""); return; }
    say(message("working"));
    window.TiplineHash.hashFile(file).then(function (result) {
      if (mine !== chosen) return;
      // As displayed (EXIF orientation applied) when it differs: what the reporter saw on screen.
      var hash = result.pdqOriented || result.pdq;
      if (!hash) { say(message("not-image"), true); return; }
      if (result.quality < QUALITY_THRESHOLD || !HEX64.test(hash)) {
        say(message("low-quality", { quality: result.quality }), true);
        return;
      }
      use(hash);
      say(message("ready"));
    }, function () {
      if (mine === chosen) say(message("failed"), true);
    });
  });

  remove.addEventListener("click", function () {
    chosen++;
    input.value = "";
    use(null);
    say(message("removed"));
    input.focus();
  });

  tools.hidden = false;
  box.querySelector("[data-picture-nojs]").hidden = true;
  if (hashes.querySelector("input")) say(message("kept")); // the form came back (an error elsewhere)
})();
