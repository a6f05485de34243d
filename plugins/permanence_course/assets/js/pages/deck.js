/* deck.js: "Present this module", on the page the build writes for each module's deck
 * (trainers/<module>/present.md, [data-ap-deck]).
 *
 * The deck's page holds every page of the module in <template> elements; the presentation
 * (pages/present.js, loaded by trainer.js's AP.loadPresent) builds one deck from them behind an
 * agenda slide timed by the session planner's rules from the start time chosen here. The last
 * slide shown is kept (setting "deck-module-<n>"), so a day can carry on where it stopped.
 */
(function (root) {
  "use strict";
  const AP = root.AP || (root.AP = {});
  if (!root.document || !AP.register) return;

  const DEFAULT_START = "09:30";

  /** What was kept for this deck: {slide, start}, checked. */
  function saved(number) {
    const value = AP.store ? AP.store.getSetting("deck-module-" + number, null) : null;
    const slide = value && Number.isInteger(value.slide) && value.slide > 0 ? value.slide : 0;
    const start = value && typeof value.start === "string" && /^\d{1,2}:\d{2}$/.test(value.start)
      ? value.start : DEFAULT_START;
    return { slide, start };
  }

  function el(doc, tag, attrs, text) {
    const node = doc.createElement(tag);
    Object.keys(attrs || {}).forEach((k) => node.setAttribute(k, attrs[k]));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function mountDeck(doc, page, box) {
    const number = Number(box.getAttribute("data-ap-deck"));
    const kept = saved(number);
    box.textContent = "";
    const form = el(doc, "form", { class: "ap-deck__form", "aria-label": "Present this module" });
    form.addEventListener("submit", (e) => e.preventDefault());
    const row = el(doc, "p", { class: "ap-deck__field" });
    const start = el(doc, "input", { type: "time", id: "ap-deck-start", value: kept.start,
      required: "", "aria-describedby": "ap-deck-start-hint" });
    row.append(el(doc, "label", { for: "ap-deck-start" }, "Start time for the agenda"), " ",
      start);
    const hint = el(doc, "p", { id: "ap-deck-start-hint", class: "ap-deck__hint" },
      "The agenda slide times each page from this start, with the session planner's " +
      "suggested breaks.");
    const message = el(doc, "p", { class: "ap-deck__message", role: "status" });
    const buttons = el(doc, "p", { class: "ap-deck__buttons" });
    const from = (slide) => {
      const b = el(doc, "button", { type: "button", class: "ap-button", "data-ap-present-deck": "" },
        slide > 1 ? "Carry on from slide " + slide : "Present this module");
      b.addEventListener("click", () => present(slide));
      buttons.append(b, " ");
      return b;
    };
    if (kept.slide > 1) from(kept.slide);
    from(1);
    if (kept.slide > 1) {
      message.textContent = "Last time this deck stopped at slide " + kept.slide + ".";
    }
    form.append(row, hint, buttons, message);
    box.append(form);

    function present(slide) {
      const time = /^\d{1,2}:\d{2}$/.test(start.value) ? start.value : "";
      if (!time) {
        message.textContent = "Enter a start time, such as 09:30, for the agenda.";
        start.focus();
        return;
      }
      const params = new URLSearchParams(root.location.search);
      params.set("slide", String(slide));
      params.set("start", time);
      params.delete("presenter");
      root.history.replaceState(root.history.state, "", root.location.pathname + "?" +
        params.toString() + root.location.hash);
      message.textContent = "Preparing the slides…";
      AP.loadPresent(doc, page, () => { AP.present.start(doc, AP.page()); });
    }
  }

  AP.register("deck", (doc, page) => {
    const box = doc.querySelector("[data-ap-deck]");
    if (!box) return;
    AP.once(box, "deck", () => { mountDeck(doc, page, box); });
    // A reload mid-presentation, or the presenter window: present.js takes it from the address.
    if (/[?&](slide|presenter)=/.test(root.location.search) && AP.loadPresent) {
      AP.loadPresent(doc, page, () => {});
    }
  });
})(typeof window !== "undefined" ? window : globalThis);
