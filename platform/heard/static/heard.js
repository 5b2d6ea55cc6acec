/* Heard: progressive enhancement only. Warns before an idle sign-out and lets the person stay. */
(function () {
  "use strict";
  var body = document.body;
  var idle = parseInt(body.getAttribute("data-idle-minutes"), 10);
  var warn = parseInt(body.getAttribute("data-warning-minutes"), 10);
  var box = document.getElementById("idle-warning");
  if (!idle || !warn || !box) { return; }
  var timer = null;
  function schedule() {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(function () {
      box.hidden = false;
      document.getElementById("idle-stay").focus();
    }, Math.max(idle - warn, 1) * 60000);
  }
  document.getElementById("idle-stay").addEventListener("click", function () {
    fetch("/api/session/", { credentials: "same-origin" }).then(function () {
      box.hidden = true;
      schedule();
    });
  });
  schedule();
}());
