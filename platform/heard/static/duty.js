/* Heard duty queue: progressive enhancement only. Without it the page lists the same alerts and a refresh link.
   Every 15 seconds it asks for the queue as JSON and puts the counts and the cards in place, telling screen readers
   politely what changed. It stops asking while the idle warning shows, so polling never keeps a session alive. */
(function () {
  "use strict";
  var live = document.getElementById("duty-live");
  var list = document.getElementById("duty-alerts");
  if (!live || !list || !window.fetch) { return; }
  var queue = live.getAttribute("data-queue");
  var idle = document.getElementById("idle-warning");
  var auto = document.querySelector(".duty-auto");
  var every = 15000;
  var last = null;
  var shown = null;
  if (auto) { auto.hidden = false; }

  function known() {
    var ids = {};
    list.querySelectorAll("li[data-id]").forEach(function (li) { ids[li.getAttribute("data-id")] = true; });
    return ids;
  }

  function text(tag, content, cls) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    el.textContent = content;
    return el;
  }

  function fact(dl, key, value, strong, level) {
    dl.appendChild(text("dt", live.getAttribute("data-label-" + key)));
    var dd = document.createElement("dd");
    if (strong) {
      dd.appendChild(text("strong", strong, "level-" + level));
      if (value) { dd.appendChild(document.createTextNode(": " + value)); }
    } else {
      dd.textContent = value;
    }
    dl.appendChild(dd);
  }

  function card(row) {
    var li = document.createElement("li");
    li.className = "duty-alert" + (row.overdue ? " is-overdue" : "");
    li.setAttribute("data-id", String(row.id));
    var h = document.createElement("h3");
    h.className = "duty-alert__title";
    var a = text("a", row.title);
    a.href = row.href;
    h.appendChild(a);
    li.appendChild(h);
    var status = document.createElement("p");
    status.className = "duty-alert__status";
    status.appendChild(text("span", live.getAttribute("data-label-status") + ": ", "visually-hidden"));
    status.appendChild(text("strong", row.status, row.overdue ? "overdue" : ""));
    li.appendChild(status);
    var dl = document.createElement("dl");
    dl.className = "duty-alert__facts";
    fact(dl, "level", row.categories, row.level_label, row.level);
    fact(dl, "child", row.child);
    fact(dl, "raised", row.raised);
    li.appendChild(dl);
    li.appendChild(text("p", row.route, "duty-alert__route"));
    return li;
  }

  function say(message) {
    // Cleared first, so the same words said twice are still read out.
    live.textContent = "";
    window.setTimeout(function () { live.textContent = message; }, 100);
  }

  function place(rows) {
    // Rebuilt only when something changed, and focus kept on the same alert, so a keyboard user is not thrown out.
    var signature = JSON.stringify(rows);
    if (signature === shown) { return 0; }
    shown = signature;
    var before = known();
    var focused = list.contains(document.activeElement) ? document.activeElement.getAttribute("href") : null;
    var fresh = 0;
    var items = rows.map(function (row) {
      if (!before[String(row.id)]) { fresh += 1; }
      return card(row);
    });
    list.replaceChildren.apply(list, items);
    document.getElementById("duty-none").hidden = items.length > 0;
    if (focused) {
      var again = list.querySelector("a[href='" + focused + "']");
      if (again) { again.focus(); }
    }
    return fresh;
  }

  function show(data) {
    var fresh = place(data.rows);
    ["urgent", "open", "overdue"].forEach(function (key) {
      document.getElementById("count-" + key).textContent = String(data.counts[key]);
    });
    ["day", "edt"].forEach(function (key) {
      var el = document.getElementById("count-" + key);
      el.textContent = el.textContent.replace(/\d+/, String(data.counts[key]));
    });
    document.getElementById("duty-updated").textContent = data.updated;
    var changed = last !== null && (fresh > 0 || data.announcement !== last);
    if (changed) {
      var template = live.getAttribute(fresh === 1 ? "data-new-one" : "data-new-many");
      say(fresh > 0 ? template.replace("{new}", String(fresh)).replace("{rest}", data.announcement) : data.announcement);
    }
    last = data.announcement;
  }

  function poll() {
    if (document.hidden || (idle && !idle.hidden)) { return; }
    fetch("/staff/alerts/live?queue=" + encodeURIComponent(queue), {
      credentials: "same-origin",
      headers: { "accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(show).catch(function () { say(live.getAttribute("data-stale")); });
  }

  poll();
  window.setInterval(poll, every);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) { poll(); } });
}());
