/* Progressive enhancement for Heard survey forms (everything works without it).
 *
 * Needs conditions.js loaded first. For each form.hq-survey[data-survey]:
 *  - shows and hides questions live from their data-show-if conditions (hidden
 *    questions' controls are disabled, so they are not sent);
 *  - reveals read-aloud buttons when the browser can speak (window.speechSynthesis);
 *  - with data-one-at-a-time, shows one question at a time with Back / Next;
 *  - with data-draft-url, saves a draft a moment after the child stops typing, by
 *    POSTing the form fields (including the _csrf_token hidden input).
 * Plain ES2017; no inline script, no eval, no styles set from script.
 */
(function () {
  "use strict";

  var DRAFT_DELAY_MS = 1500;

  function blocks(form) {
    return Array.prototype.slice.call(form.querySelectorAll("[data-question-id]"));
  }

  function controls(block) {
    return Array.prototype.slice.call(block.querySelectorAll("input, select, textarea"));
  }

  function blockValues(block) {
    var values = [];
    controls(block).forEach(function (el) {
      if (el.type === "radio" || el.type === "checkbox") {
        if (el.checked) {
          values.push(el.value);
        }
      } else if (el.type !== "button" && el.type !== "submit" && el.type !== "hidden") {
        values.push(el.value);
      }
    });
    return values;
  }

  function applyConditions(form) {
    var all = blocks(form);
    var answers = {};
    var questions = all.map(function (block) {
      var id = block.getAttribute("data-question-id");
      var raw = block.getAttribute("data-show-if");
      answers[id] = blockValues(block);
      return { id: id, showIf: raw ? JSON.parse(raw) : null };
    });
    var shown = window.HeardConditions.visibleIds(questions, answers);
    all.forEach(function (block) {
      var isShown = shown.indexOf(block.getAttribute("data-question-id")) !== -1;
      block.hidden = !isShown;
      controls(block).forEach(function (el) { el.disabled = !isShown; });
    });
  }

  function setUpReadAloud(form) {
    if (!("speechSynthesis" in window) || typeof window.SpeechSynthesisUtterance !== "function") {
      return;
    }
    var stopLabel = form.getAttribute("data-label-stop") || "Stop";
    form.querySelectorAll("[data-read-aloud]").forEach(function (button) {
      var label = button.innerHTML;
      button.hidden = false;
      button.addEventListener("click", function () {
        var speaking = button.getAttribute("aria-pressed") === "true";
        window.speechSynthesis.cancel();
        form.querySelectorAll("[data-read-aloud][aria-pressed]").forEach(function (other) {
          other.removeAttribute("aria-pressed");
          other.innerHTML = other.getAttribute("data-label") || other.innerHTML;
        });
        if (speaking) {
          return;
        }
        var utterance = new window.SpeechSynthesisUtterance(button.getAttribute("data-read-aloud"));
        utterance.lang = button.getAttribute("data-read-aloud-lang") || document.documentElement.lang || "en";
        utterance.onend = function () {
          button.removeAttribute("aria-pressed");
          button.innerHTML = label;
        };
        button.setAttribute("data-label", label);
        button.setAttribute("aria-pressed", "true");
        button.textContent = stopLabel;
        window.speechSynthesis.speak(utterance);
      });
    });
  }

  function setUpSteps(form) {
    var index = 0;
    var status = document.createElement("p");
    status.className = "hq-step-status";
    status.setAttribute("aria-live", "polite");
    var nav = document.createElement("div");
    nav.className = "hq-step-nav";
    var back = makeButton(form.getAttribute("data-label-back") || "Back", "hq-button hq-button--secondary");
    var next = makeButton(form.getAttribute("data-label-next") || "Next", "hq-button");
    nav.appendChild(back);
    nav.appendChild(next);
    var submits = Array.prototype.slice.call(form.querySelectorAll("[type=submit]"));
    var first = blocks(form)[0];
    if (first) {
      first.parentNode.insertBefore(status, first);
    }
    form.appendChild(nav);
    form.classList.add("hq-survey--steps");

    function steps() {
      return blocks(form).filter(function (block) { return !block.hidden; });
    }

    function show(focus) {
      var visible = steps();
      index = Math.max(0, Math.min(index, visible.length - 1));
      blocks(form).forEach(function (block) {
        block.classList.toggle("hq-step-hidden", block !== visible[index]);
      });
      back.hidden = index === 0;
      next.hidden = index >= visible.length - 1;
      submits.forEach(function (button) { button.classList.toggle("hq-step-hidden", !next.hidden); });
      status.textContent = (form.getAttribute("data-label-step") || "Question {number} of {total}")
        .replace("{number}", String(index + 1)).replace("{total}", String(visible.length));
      if (focus && visible[index]) {
        visible[index].setAttribute("tabindex", "-1");
        visible[index].focus();
      }
    }

    back.addEventListener("click", function () { index -= 1; show(true); });
    next.addEventListener("click", function () { index += 1; show(true); });
    form.addEventListener("change", function () { show(false); });
    var errored = form.querySelector(".hq-question--error");
    if (errored) {
      index = steps().indexOf(errored);
    }
    show(false);
  }

  function makeButton(text, className) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = className;
    button.textContent = text;
    return button;
  }

  function setUpDrafts(form) {
    var url = form.getAttribute("data-draft-url");
    var timer = null;
    var status = document.createElement("p");
    status.className = "hq-draft-status";
    status.setAttribute("role", "status");
    form.appendChild(status);

    function save(keepalive) {
      window.clearTimeout(timer);
      timer = null;
      var body = new URLSearchParams(new FormData(form));
      var token = form.querySelector("input[name=_csrf_token]");
      var headers = { "Content-Type": "application/x-www-form-urlencoded" };
      if (token) {
        headers["X-CSRFToken"] = token.value;
      }
      window.fetch(url, {
        method: "POST", body: body, headers: headers, credentials: "same-origin", keepalive: keepalive
      }).then(function (response) {
        report(response.ok);
      }, function () {
        report(false);
      });
    }

    function report(ok) {
      status.textContent = form.getAttribute(ok ? "data-label-saved" : "data-label-failed") || "";
    }

    function schedule() {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { save(false); }, DRAFT_DELAY_MS);
    }

    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    form.addEventListener("submit", function () { window.clearTimeout(timer); timer = null; });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && timer !== null) {
        save(true);
      }
    });
  }

  function enhance(form) {
    applyConditions(form);
    form.addEventListener("input", function () { applyConditions(form); });
    form.addEventListener("change", function () { applyConditions(form); });
    setUpReadAloud(form);
    if (form.hasAttribute("data-one-at-a-time")) {
      setUpSteps(form);
    }
    if (form.getAttribute("data-draft-url")) {
      setUpDrafts(form);
    }
    var summary = form.querySelector("[data-error-summary]") || document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  function start() {
    document.querySelectorAll("form.hq-survey[data-survey]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
