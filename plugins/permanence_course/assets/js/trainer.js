/* trainer.js: trainer view, remembered on this device, and the way into presenting a page.
 *
 * Global, so kept small: the build writes the planned time, facilitation prompts and trainer
 * tools into module pages (trainer.py), and the presentation itself (pages/present.js and
 * css/present.css) loads only when a trainer presents or the address asks for it (?slide=n,
 * ?presenter).
 */
((root) => {
  "use strict";
  const AP = root.AP || (root.AP = {});
  const FALLBACK_KEY = "ap:setting:trainer-view"; // until the learner store is there
  let chosen = null; // this visit's choice, kept even when the browser could not save it
  let waiting = null;

  function saved() {
    if (AP.store) return AP.store.getSetting("trainer-view", false) === true;
    try {
      return root.localStorage.getItem(FALLBACK_KEY) === "true";
    } catch (e) {
      return false;
    }
  }

  function save(on) {
    if (AP.store) return AP.store.setSetting("trainer-view", on);
    try {
      root.localStorage.setItem(FALLBACK_KEY, String(on));
      return { ok: true };
    } catch (e) {
      return { ok: false };
    }
  }

  /** Load the presentation code once (classic script tags work under file://), then done(). */
  function loadPresent(doc, page, done) {
    if (AP.present) return done();
    if (waiting) return waiting.push(done);
    waiting = [done];
    const base = AP.siteLink(page, "assets/permanence/");
    const css = doc.createElement("link");
    const rules = doc.createElement("script");
    const js = doc.createElement("script");
    let pending = 3;
    css.rel = "stylesheet";
    css.href = base + "css/present.css";
    rules.src = base + "js/pages/slide-rules.js"; // the pure rules, run before the page code
    js.src = base + "js/pages/present.js";
    rules.async = js.async = false;
    css.onload = css.onerror = rules.onload = rules.onerror = js.onload = js.onerror = () => {
      if (--pending) return;
      const queue = waiting;
      waiting = null;
      if (AP.present) queue.forEach((fn) => { fn(); });
    };
    doc.head.append(css, rules, js);
  }

  // The module deck's page (pages/deck.js) starts presenting the same way.
  AP.loadPresent = loadPresent;

  function mountTools(doc, page, tools) {
    const toggle = tools.querySelector("[data-ap-trainer-toggle]");
    const status = tools.querySelector("[data-ap-trainer-status]");
    tools.hidden = false;
    toggle.addEventListener("click", () => {
      const on = chosen = !AP.trainerViewOn(doc);
      AP.setTrainerView(doc, on);
      toggle.setAttribute("aria-pressed", String(on));
      const result = save(on) || {};
      status.textContent = result.ok ? "" : "This browser did not save the setting, so " +
        "trainer view is " + (on ? "on" : "off") + " for this visit only. " +
        (result.message || "");
      AP.announce(on ? "Trainer view on: trainer notes are shown." : "Trainer view off.");
    });
    doc.querySelectorAll("[data-ap-present]").forEach((button) => {
      button.addEventListener("click", () => {
        loadPresent(doc, page, () => { AP.present.start(doc, AP.page()); });
      });
    });
  }

  AP.register("trainer", (doc, page) => {
    const on = chosen === null ? saved() : chosen;
    AP.setTrainerView(doc, on);
    const tools = doc.querySelector("[data-ap-trainer-tools]");
    if (!tools) return;
    tools.querySelector("[data-ap-trainer-toggle]").setAttribute("aria-pressed", String(on));
    AP.once(tools, "trainer", () => { mountTools(doc, page, tools); });
    if (/[?&](slide|presenter)=/.test(root.location.search)) {
      loadPresent(doc, page, () => {});
    }
  });
})(typeof window !== "undefined" ? window : globalThis);
