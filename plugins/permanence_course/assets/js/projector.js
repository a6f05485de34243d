/* projector.js: the projector-safe setting (issue 28).
 *
 * A trainer presents from their own device, so the room may see whatever that browser holds.
 * From the moment a presentation starts on this device, and until the trainer turns it off, the
 * learner's own data is hidden on every page: reflection boxes, notes per scenario stage, My
 * plan and CPD evidence (course.css, [data-ap-projector-safe]). A badge at the top of every page
 * says so and turns it off. The setting is kept in the learner store (so a reload, another page
 * or the presenter window keep it), and for this visit only when the browser cannot save it.
 */
((root) => {
  "use strict";
  const AP = root.AP || (root.AP = {});
  const NAME = "projector-safe";
  const ATTR = "data-ap-projector-safe";
  let chosen = null; // this visit's choice, kept even when the browser could not save it

  function isOn() {
    if (chosen !== null) return chosen;
    return !!(AP.store && AP.store.getSetting(NAME, false) === true);
  }

  /** The badge at the top of the page: what is hidden, and the way to show it again. */
  function badge(doc) {
    const box = doc.createElement("div");
    box.className = "ap-projector-badge";
    box.setAttribute("data-ap-ui", "");
    box.setAttribute("data-ap-projector-badge", "");
    box.setAttribute("data-search-exclude", "");
    const text = doc.createElement("p");
    const strong = doc.createElement("strong");
    strong.textContent = "Projector-safe is on.";
    text.append(strong, " Your reflections, notes on scenario stages, My plan and CPD evidence " +
      "are hidden on this device while you present. ");
    const off = doc.createElement("button");
    off.type = "button";
    off.className = "ap-button";
    off.textContent = "Turn off projector-safe";
    off.addEventListener("click", () => { set(doc, false, true); });
    text.append(off);
    box.append(text);
    return box;
  }

  /** Show the page as the setting says: hide or show the learner's data, add or drop the badge. */
  function apply(doc) {
    const on = isOn();
    const html = doc.documentElement;
    if (on) html.setAttribute(ATTR, "");
    else html.removeAttribute(ATTR);
    const old = doc.querySelector("[data-ap-projector-badge]");
    if (!on) {
      if (old) old.remove();
      return;
    }
    if (old) return;
    const where = doc.querySelector("article.md-content__inner") || doc.querySelector("main") ||
      doc.body;
    where.insertBefore(badge(doc), where.firstChild);
  }

  /** Turn the setting on or off, keep it, and show every page accordingly. */
  function set(doc, on, announce) {
    chosen = on;
    const saved = AP.store ? AP.store.setSetting(NAME, on) : { ok: false };
    apply(doc);
    if (!announce || !AP.announce) return;
    AP.announce((on ? "Projector-safe on: your own notes and plans are hidden."
      : "Projector-safe off: your own notes and plans are shown again.") +
      (saved && saved.ok ? "" :
        " This browser did not save the setting, so it lasts for this visit only."));
    if (!on) {
      const main = doc.querySelector("article.md-content__inner h1");
      if (main) {
        main.setAttribute("tabindex", "-1");
        main.focus();
      }
    }
  }

  AP.projectorSafe = {
    isOn: isOn,
    on(doc) { if (!isOn()) set(doc || root.document, true, false); },
    off(doc) { set(doc || root.document, false, true); }
  };

  // Presenting starts here: the Present buttons (trainer.js), a ?slide or ?presenter address,
  // and the module deck page. Heard on the document, before the presentation draws its slides.
  if (root.document) {
    root.document.addEventListener("click", (event) => {
      const target = event.target;
      if (target instanceof Element &&
        target.closest("[data-ap-present], [data-ap-present-deck]")) {
        AP.projectorSafe.on(root.document);
      }
    }, true);
  }

  let listening = false;
  if (AP.register) {
    AP.register("projector", (doc) => {
      if (/[?&](slide|presenter)=/.test(root.location.search)) AP.projectorSafe.on(doc);
      apply(doc);
      if (!listening && AP.store && AP.store.onChange) {
        listening = true;
        // Another tab or window (the presenter window) changed it: follow.
        AP.store.onChange((change) => {
          if (change.collection === "settings" && change.id === NAME &&
            change.source !== "this-tab") {
            chosen = null;
            apply(root.document);
          }
        });
      }
    });
  }
})(typeof window !== "undefined" ? window : globalThis);
