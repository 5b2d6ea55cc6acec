/* Progressive enhancement for Heard survey forms (everything works without it).
 *
 * Needs conditions.js loaded first. For each form.hq-survey[data-survey]:
 *  - shows and hides questions live from their data-show-if conditions (hidden
 *    questions' controls are disabled, so they are not sent);
 *  - reveals read-aloud buttons when the browser can speak (window.speechSynthesis);
 *  - with data-one-at-a-time, shows one question at a time with Next / Back;
 *  - makes Enter in an answer press the [data-send] button (or Next, mid-way through steps);
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

  /* One question at a time: Next / Back, "Question 3 of 9" in a polite live region, focus on
   * the new question's wording, questions hidden by conditions skipped, and Send (with anything
   * marked data-step-last, else the submit buttons) only on the last step. Steps are hidden with
   * a class, never disabled, so drafts and the final post still carry every answer. */
  function setUpSteps(form) {
    var all = blocks(form);
    if (!all.length) {
      return;
    }
    var index = 0;
    var template = form.getAttribute("data-label-step") || "Question {number} of {total}";
    var status = document.createElement("p");
    status.className = "hq-step-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var nav = document.createElement("div");
    nav.className = "hq-step-nav";
    var next = makeButton(form.getAttribute("data-label-next") || "Next", "hq-button hq-step-next");
    var back = makeButton(form.getAttribute("data-label-back") || "Back", "hq-button hq-button--secondary hq-step-back");
    nav.appendChild(next);
    nav.appendChild(back);
    var last = form.querySelectorAll("[data-step-last]");
    var finals = Array.prototype.slice.call(last.length ? last : form.querySelectorAll("[type=submit]"));
    var firstOnly = Array.prototype.slice.call(form.querySelectorAll(".hq-intro"));
    all[0].parentNode.insertBefore(status, all[0]);
    all[all.length - 1].parentNode.insertBefore(nav, all[all.length - 1].nextSibling);
    form.classList.add("hq-survey--steps");

    function steps() {
      return blocks(form).filter(function (block) { return !block.hidden; });
    }

    /* The counter counts the questions every child is asked; a follow-up a condition shows shares the number of
     * the question before it, so the total never jumps ("of 12" to "of 14") as the child answers. Counts those
     * in `list` up to and including `upTo` (all of them when null), at least 1. */
    function counted(list, upTo) {
      var n = 0;
      for (var i = 0; i < list.length; i++) {
        if (!list[i].hasAttribute("data-show-if")) {
          n += 1;
        }
        if (list[i] === upTo) {
          break;
        }
      }
      return Math.max(1, n);
    }

    function conceal(el, hide) {
      el.classList.toggle("hq-step-hidden", hide);
    }

    function show(focus) {
      var visible = steps();
      index = Math.max(0, Math.min(index, visible.length - 1));
      var atEnd = index >= visible.length - 1;
      blocks(form).forEach(function (block) { conceal(block, block !== visible[index]); });
      conceal(back, index === 0);
      conceal(next, atEnd);
      finals.forEach(function (el) { conceal(el, !atEnd); });
      firstOnly.forEach(function (el) { conceal(el, index !== 0); });
      var place = counted(visible, visible[index]);
      var text = template.replace("{number}", String(place)).replace("{total}", String(counted(blocks(form), null)));
      if (status.textContent !== text) {
        status.textContent = text;
      }
      if (focus && visible[index]) {
        var heading = visible[index].querySelector(".hq-legend, .hq-label, .hq-info") || visible[index];
        heading.setAttribute("tabindex", "-1");
        heading.classList.add("hq-step-heading");
        heading.focus();
      }
    }

    function go(step) {
      // Stop reading the question that is leaving the screen.
      form.querySelectorAll("[data-read-aloud][aria-pressed=true]").forEach(function (b) { b.click(); });
      index += step;
      show(true);
    }

    function goTo(target) {
      var block = target && target.closest("[data-question-id]");
      var at = block ? steps().indexOf(block) : -1;
      if (at !== -1) {
        index = at;
        show(false);
      }
    }

    back.addEventListener("click", function () { go(-1); });
    next.addEventListener("click", function () { go(1); });
    form.addEventListener("change", function () { show(false); });
    form.addEventListener("input", function () { show(false); });
    // Enter in an answer moves on rather than sending the whole form from the middle.
    form.addEventListener("keydown", function (event) {
      if (isEnterInAnswer(event) && !next.classList.contains("hq-step-hidden")) {
        event.preventDefault();
        go(1);
      }
    });
    // An error summary link may point at a question on another step: show that step first.
    document.querySelectorAll("[data-error-summary] a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function () {
        goTo(document.getElementById(link.getAttribute("href").slice(1)));
      });
    });
    var errored = form.querySelector(".hq-question--error:not([hidden])");
    if (errored) {
      index = Math.max(0, steps().indexOf(errored));
    }
    show(false);
  }

  function isEnterInAnswer(event) {
    var el = event.target;
    return event.key === "Enter" && el.tagName === "INPUT" &&
      ["submit", "button", "image", "reset", "hidden"].indexOf(el.type) === -1;
  }

  /* Enter in an answer always means Send (the form's first submit button may be another, like
   * "Use easy words"). */
  function sendOnEnter(form) {
    var send = form.querySelector("[data-send]");
    if (!send) {
      return;
    }
    form.addEventListener("keydown", function (event) {
      if (event.defaultPrevented || !isEnterInAnswer(event)) {
        return;
      }
      event.preventDefault();
      if (typeof form.requestSubmit === "function") {
        form.requestSubmit(send);
      } else {
        send.click();
      }
    });
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
    sendOnEnter(form);
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
