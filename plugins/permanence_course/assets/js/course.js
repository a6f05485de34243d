/* course.js: the authoring blocks in the browser: trainer notes, glossary terms, scenario stages. */
(function (root) {
  "use strict";
  const AP = root.AP || (root.AP = {});

  /** Is trainer view on for this document? Trainer view is an attribute on <html>. */
  function trainerViewOn(doc) {
    return doc.documentElement.hasAttribute("data-ap-trainer-view");
  }

  /** Show or hide every trainer note to match trainer view. */
  function applyTrainerView(doc) {
    const on = trainerViewOn(doc);
    doc.querySelectorAll("[data-ap-trainer]").forEach((el) => {
      /** @type {HTMLElement} */ (el).hidden = !on;
    });
  }

  function setTrainerView(doc, on) {
    if (on) doc.documentElement.setAttribute("data-ap-trainer-view", "");
    else doc.documentElement.removeAttribute("data-ap-trainer-view");
    applyTrainerView(doc);
  }

  function closeTerm(button) {
    const def = button.ownerDocument.getElementById(button.getAttribute("aria-controls"));
    button.setAttribute("aria-expanded", "false");
    if (def) def.hidden = true;
  }

  function mountTerms(doc) {
    doc.querySelectorAll("[data-ap-term]").forEach((button) => {
      AP.once(button, "term", () => {
        button.addEventListener("click", () => {
          const def = doc.getElementById(button.getAttribute("aria-controls"));
          const open = button.getAttribute("aria-expanded") !== "true";
          button.setAttribute("aria-expanded", open ? "true" : "false");
          if (def) def.hidden = !open;
        });
        // Escape dismisses an open definition (WCAG 1.4.13) and returns focus to its term.
        button.parentNode.addEventListener("keydown", (/** @type {KeyboardEvent} */ event) => {
          if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
            closeTerm(button);
            button.focus();
          }
        });
      });
    });
  }

  // Scenario stages are revealed, focused and announced by stages.js; the commentary opens here.
  function mountStages(doc) {
    doc.querySelectorAll("details[data-ap-commentary]").forEach((/** @type {HTMLDetailsElement} */ d) => {
      AP.once(d, "stage", () => {
        d.addEventListener("toggle", () => {
          if (!d.open) return;
          const summary = d.querySelector("summary");
          AP.announce((summary ? summary.textContent.trim() : "Content") + " is now shown below.");
        });
      });
    });
  }

  AP.trainerViewOn = trainerViewOn;
  AP.setTrainerView = setTrainerView;
  AP.register("course", (doc) => {
    applyTrainerView(doc);
    mountTerms(doc);
    mountStages(doc);
  });
})(/** @type {any} */ (typeof window !== "undefined" ? window : globalThis));
