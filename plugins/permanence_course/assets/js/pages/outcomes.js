/* outcomes.js: on each module overview, "Add to my plan" beside every learning outcome (it starts
 * a goal linked to the outcome, or adds the outcome to a goal the learner picks), the outcomes of
 * this module that a course update retired but the learner's records still hold, and on the
 * first and last modules an invitation to rate their confidence. The plugin loads it on every
 * overview; a page script, so it runs again after instant navigation. */
(function (root) {
  "use strict";
  const AP = root.AP || (root.AP = {});

  /** A goal still being worked on: not achieved, not dropped. Pure. */
  const isOpen = (g) => g.status !== "achieved" && g.status !== "dropped";
  /** The title of a goal started from an outcome: the outcome, as a sentence. Pure. */
  const goalTitle = (text) => text.charAt(0).toUpperCase() + text.slice(1);

  function planLink(page, text, hash) {
    return AP.el("a", { href: AP.siteLink(page, AP.manifest().plan || "") + (hash || "") }, text);
  }

  function mountOutcome(li, page, store) {
    const box = AP.el("span", { class: "ap-plan-add" });
    li.append(" ", box);
    planControl(box, li.getAttribute("data-outcome"), page, store);
  }

  /** "Add to my plan" for outcome id in box (or "In your plan" and a link to the goal), named
   *  by the element with id describedBy (the outcome's own item by default). Also used by the
   *  quiz summary (quiz.js) for the outcomes a learner missed. */
  function planControl(box, id, page, store, describedBy) {
    const text = AP.manifest().outcomes[id].text;
    const show = (focus) => {
      box.textContent = "";
      const goals = store.list("goals").filter((g) => AP.goalOutcomes(g).indexOf(id) >= 0);
      if (goals.length) {
        // To the goal that covers it (one still being worked on, if any), not the top of My plan.
        const goal = goals.find(isOpen) || goals[0];
        box.append(AP.el("strong", { class: "ap-in-plan" }, "In your plan"), " ",
          planLink(page, "See My plan", "#ap-goal-" + goal.id));
      } else {
        const add = AP.button("Add to my plan", { "aria-describedby": describedBy || id });
        add.addEventListener("click", choose);
        box.append(add);
      }
      if (focus) box.querySelector("a, button").focus();
    };
    const add = (goalId) => {
      const goal = goalId ? store.get("goals", goalId) : { title: goalTitle(text), actions: "",
        measure: "", targetDate: "", status: "not-started", outcomes: [], standards: [] };
      goal.outcomes = AP.goalOutcomes(goal).concat(id);
      const result = store.put("goals", goal);
      AP.announce(result.ok ? (goalId ? "Added to your goal." : "A new goal for this outcome is in your plan.")
        : result.message);
      show(true);
      if (!result.ok) box.append(" ", AP.el("span", { class: "ap-save-state" }, "Not added: " + result.message));
    };
    // With goals on the go, the learner picks one (or a new goal); with none, a new goal.
    function choose() {
      const open = store.list("goals").filter(isOpen);
      if (!open.length) return add("");
      box.textContent = "";
      const select = AP.el("select", { id: "ap-add-" + id });
      select.append(new Option("A new goal", ""));
      open.forEach((g) => select.append(new Option(g.title || g.text || "Untitled goal", g.id)));
      const ok = AP.button("Add"), cancel = AP.button("Cancel");
      ok.addEventListener("click", () => add(select.value));
      cancel.addEventListener("click", () => show(true));
      box.append(AP.el("label", { for: select.id }, "Add this outcome to"), " ", select, " ", ok, " ", cancel);
      select.focus();
    }
    show(false);
  }

  /** Outcomes of this module the learner's goals or ratings hold that the course has retired. */
  function showRetired(list, page, store) {
    const seen = {};
    store.list("goals").concat(store.list("ratings")).forEach((r) => AP.goalOutcomes(r).forEach((id) => {
      const d = store.describe("outcomes", id);
      if (d.retired && !seen[d.id] && d.id.indexOf("m" + page.module + "-") === 0) seen[d.id] = d.text;
    }));
    if (!Object.keys(seen).length) return;
    const box = AP.el("div", { class: "ap-retired" }), ul = AP.el("ul");
    box.append(AP.el("p", {}, "Outcomes in your plan that a course update has retired:"), ul);
    Object.keys(seen).forEach((id) => ul.append(AP.el("li", {}, "Retired: " + (seen[id] || "(its wording was not kept)") + " (" + id + ")")));
    list.after(box);
  }

  function mount(doc, page) {
    const store = AP.store, list = doc.querySelector("[data-ap-outcomes]");
    if (!store || !list || page.kind !== "overview") return;
    // learner.js (AP.el and friends) comes after the page's own scripts: wait for it if need be.
    if (!AP.el) return doc.addEventListener("DOMContentLoaded", () => mount(doc, page), { once: true });
    AP.once(list, "outcomes", () => {
      list.querySelectorAll("li[data-outcome]").forEach((li) => mountOutcome(li, page, store));
      showRetired(list, page, store);
      // Module 1 asks learners to evaluate their practice; the last module reviews the learning.
      const modules = AP.manifest().modules, last = modules[modules.length - 1];
      if (page.module !== 1 && page.module !== last.number) return;
      const p = AP.el("p", { class: "ap-rate-invite" }, (page.module === 1 ? "Before you start, rate"
        : "Now, at the end of the course, rate again") + " your confidence in each learning outcome: ");
      p.append(planLink(page, "Self-rating in My plan", "#self-rating"), ".");
      list.after(p);
    });
  }

  // On a full page load this content script may run before core.js; after instant navigation
  // everything is already there.
  AP.planControl = planControl;
  const start = () => AP.register("outcomes", mount);
  if (AP.register) start();
  else if (root.document) root.document.addEventListener("DOMContentLoaded", start);
  if (typeof module === "object" && module.exports) module.exports = { isOpen, goalTitle };
})(typeof window !== "undefined" ? window : globalThis);
