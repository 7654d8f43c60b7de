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


  // WebAuthn: base64url text <-> bytes, as Keyward's API speaks them.
  function bytes(text) {
    var padded = text.replace(/-/g, "+").replace(/_/g, "/");
    while (padded.length % 4) padded += "=";
    var raw = atob(padded);
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }

  function text(buffer) {
    var view = new Uint8Array(buffer);
    var raw = "";
    for (var i = 0; i < view.length; i++) raw += String.fromCharCode(view[i]);
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function postForm(url, fields) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: new URLSearchParams(fields)
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) {
          var failure = new Error(body.message || ("HTTP " + response.status));
          failure.status = response.status;
          throw failure;
        }
        return body;
      });
    });
  }

  function addHidden(form, fields) {
    Object.keys(fields).forEach(function (name) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = fields[name];
      form.appendChild(input);
    });
  }

  function showError(id, error) {
    var shown = document.getElementById(id);
    if (!shown) return;
    shown.textContent = error && error.message ? error.message : String(error);
    shown.hidden = false;
  }

  // "Register a security key": the authenticator makes a credential for Keyward's relying party;
  // the API verifies its attestation, and a security team lead approves it.
  function registerKey(button) {
    button.addEventListener("click", function () {
      var csrf = button.getAttribute("data-csrf");
      postForm(button.getAttribute("data-options"), { csrf: csrf })
        .then(function (o) {
          return navigator.credentials.create({ publicKey: {
            challenge: bytes(o.challenge),
            rp: { id: o.rpId, name: "Keyward" },
            user: { id: bytes(o.userId), name: o.userName, displayName: o.userName },
            pubKeyCredParams: [{ type: "public-key", alg: -7 }, { type: "public-key", alg: -257 }],
            authenticatorSelection: { userVerification: "required", residentKey: "discouraged" },
            excludeCredentials: o.excludeCredentials.map(function (id) {
              return { type: "public-key", id: bytes(id) };
            }),
            attestation: "none",
            timeout: 60000
          } });
        })
        .then(function (credential) {
          var form = document.createElement("form");
          form.method = "post";
          form.action = button.getAttribute("data-finish");
          addHidden(form, {
            csrf: csrf,
            clientDataJson: text(credential.response.clientDataJSON),
            attestationObject: text(credential.response.attestationObject)
          });
          document.body.appendChild(form);
          form.submit();
        })
        .catch(function (error) { showError("register-error", error); });
    });
  }

  // A decision the person's own security key signs (an ULTRA step, a decision on the rotation of
  // an ULTRA key, a level 2 or 3 break-glass authorisation, an ULTRA classification change, a
  // lead's approval of a key): the key signs a
  // challenge derived from the decision (workflow, run, step, reason, nonce) before the form is
  // sent; the workflow verifies it. data-signed-decisions lists the decisions signed (all when
  // absent); the others are sent as they are.
  function signDecisions(form) {
    var clicked = null;
    var signedOnly = form.getAttribute("data-signed-decisions");
    form.addEventListener("click", function (event) {
      if (event.target.name === "decision") clicked = event.target;
    });
    function showRefusal(error) {
      var shown = form.querySelector(".assertion-error") || document.getElementById("assertion-error");
      if (!shown) return;
      shown.textContent = error && error.message ? error.message : String(error);
      shown.hidden = false;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = event.submitter || clicked;
      var decision = button ? button.value : "";
      if (signedOnly && signedOnly.split(" ").indexOf(decision) < 0) {
        addHidden(form, { decision: decision });
        form.submit();
        return;
      }
      var reasonField = form.querySelector("[name=reason]");
      // The form sends a textarea's line breaks as CRLF: the challenge is asked over the same text.
      var reason = reasonField ? reasonField.value.replace(/\r\n|\r|\n/g, "\r\n") : "";
      var csrf = form.querySelector("[name=csrf]").value;
      var asked;
      postForm(form.getAttribute("data-assertion"), { csrf: csrf, decision: decision, reason: reason })
        .then(function (request) {
          asked = request;
          return navigator.credentials.get({ publicKey: {
            challenge: bytes(request.challenge),
            rpId: request.rpId,
            allowCredentials: request.allowCredentials.map(function (id) {
              return { type: "public-key", id: bytes(id) };
            }),
            userVerification: "required",
            timeout: 60000
          } });
        })
        .then(function (assertion) {
          addHidden(form, {
            decision: decision,
            credentialId: text(assertion.rawId),
            clientDataJson: text(assertion.response.clientDataJSON),
            authenticatorData: text(assertion.response.authenticatorData),
            signature: text(assertion.response.signature),
            nonce: asked.nonce
          });
          form.submit();
        })
        .catch(function (error) {
          if (error && error.status === 401) {
            // Not signed in recently enough: the decision goes as it is, and the answer asks the
            // person to sign in again.
            addHidden(form, { decision: decision });
            form.submit();
            return;
          }
          showRefusal(error);
        });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var register = document.getElementById("register-key");
    if (register) registerKey(register);
    var signed = document.querySelectorAll("form[data-assertion]");
    for (var i = 0; i < signed.length; i++) signDecisions(signed[i]);
    var live = document.getElementById("live");
    if (live) {
      restoreNotice();
      followChanges(live);
    }
    var counters = document.querySelectorAll("[data-countdown-to]");
    if (counters.length) countDown(counters);
  });
})();
