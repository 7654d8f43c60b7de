// Keyward's pages: keep a request page current while others decide, and count down to deadlines.
(function () {
  "use strict";

  // The notice of a decision ("You approved ...") stays on the page when it reloads by itself.
  function keepNotice() {
    var notice = document.getElementById("notice");
    if (!notice) return;
    sessionStorage.setItem("keyward.notice", JSON.stringify({
      path: window.location.pathname, text: notice.textContent, kind: notice.className
    }));
  }

  function restoreNotice() {
    var kept = sessionStorage.getItem("keyward.notice");
    sessionStorage.removeItem("keyward.notice");
    if (!kept || document.getElementById("notice")) return;
    kept = JSON.parse(kept);
    if (kept.path !== window.location.pathname) return;
    var notice = document.createElement("p");
    notice.id = "notice";
    notice.className = kept.kind;
    notice.setAttribute("role", "status");
    notice.textContent = kept.text;
    var main = document.querySelector("main");
    main.insertBefore(notice, main.firstChild);
  }

  // A page with #live[data-live-status] asks every 2 s (or data-interval ms) whether it changed. When it did,
  // it reloads, unless the person is typing a reason: then it says so and leaves the text alone.
  function followChanges(live) {
    var url = live.getAttribute("data-live-status");
    var revision = live.getAttribute("data-revision");
    var stopped = false;
    function typing() {
      var fields = document.querySelectorAll("textarea");
      for (var i = 0; i < fields.length; i++) {
        if (fields[i].value.trim() !== "") return true;
      }
      return false;
    }
    function check() {
      if (stopped) return;
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
        .then(function (response) {
          if (response.status === 401) { stopped = true; window.location.reload(); return null; }
          return response.ok ? response.json() : null;
        })
        .then(function (status) {
          if (!status || status.revision === revision) return;
          if (typing()) {
            revision = status.revision;
            var changed = document.getElementById("changed");
            if (changed) changed.hidden = false;
          } else {
            stopped = true;
            keepNotice();
            window.location.reload();
          }
        })
        .catch(function () { /* the next round tries again */ });
    }
    window.setInterval(check, Number(live.getAttribute("data-interval")) || 2000);
  }

  // Elements with data-countdown-to (epoch milliseconds) show the time left, e.g. "12:04".
  function countDown(elements) {
    function tick() {
      var now = Date.now();
      for (var i = 0; i < elements.length; i++) {
        var left = Math.max(0, Number(elements[i].getAttribute("data-countdown-to")) - now);
        var seconds = Math.floor(left / 1000);
        var text = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
        elements[i].textContent = left > 0 ? text : "0:00";
      }
    }
    tick();
    window.setInterval(tick, 1000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var live = document.getElementById("live");
    if (live) {
      restoreNotice();
      followChanges(live);
    }
    var counters = document.querySelectorAll("[data-countdown-to]");
    if (counters.length) countDown(counters);
  });
})();
