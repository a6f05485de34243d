/* stages.js: a case scenario told in stages, one at a time. The build renders every stage open
 * (html.py), so that without scripts and on paper the whole story reads in order; course.css
 * keeps a later stage out of view and out of the accessibility tree until it carries
 * data-ap-shown. Here, before each later stage: a "What would you do now?" box that saves as the
 * learner types (collection "stage-notes"), and one "Show stage n" button. How far a learner has
 * got is kept in the page's progress record (`stages`), so stages stay revealed on return. The
 * notes are the learner's own: never on a slide (present.js drops ap- elements and text areas)
 * nor in print (course.css; materials.py builds from the page as rendered, without them). */
(function (root) {
  "use strict";
  const AP = root.AP || (root.AP = {});
  const COLLECTION = "stage-notes";
  const ASK = "What would you do now?";

  // -- pure (node --test) ---------------------------------------------------------------------
  const isObj = (v) => !!v && typeof v === "object" && !Array.isArray(v);
  /** The id of a learner's note made before stage n of a scenario. */
  const noteId = (scenario, n) => scenario + ":before-stage-" + n;
  /** Is r a stage note as this file writes it (checked like a reflection: an id and its text)? */
  const validNote = (r) => isObj(r) && typeof r.id === "string" && r.id !== "" &&
    typeof r.scenario === "string" && r.scenario !== "" && Number.isInteger(r.stage) && r.stage >= 2 &&
    typeof r.text === "string";
  /** How many stages are shown, from the stored count: 1 (the opening) to every stage. */
  function shownCount(stored, total) {
    const n = Number.isInteger(stored) ? stored : 1;
    return Math.max(1, Math.min(total, n));
  }
  /** A note's heading in the learner's record: "Before stage 2 (after Stage 1: the start)". */
  const noteTitle = (r) => "Before stage " + r.stage + (r.afterTitle ? " (after " + r.afterTitle + ")" : "");
  /** Stage notes with words in them, as reflections for the CPD record: each titled by its
   *  scenario and stage, with its module and page. Oldest first. */
  function asReflections(notes, manifest) {
    const pages = (manifest && manifest.pages) || {};
    return (notes || []).filter((r) => validNote(r) && r.text.trim()).map((r) => {
      const page = pages[r.page] || {};
      const scenario = page.title || r.scenarioTitle || "Scenario";
      return { id: r.id, text: r.text, page: r.page, module: r.module || page.module || null,
        created: r.created, updated: r.updated, supervision: false, stageNote: true,
        promptSnapshot: { title: "What I would do now: " + scenario + ", " + noteTitle(r).replace(/^B/, "b"), text: ASK } };
    }).sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));
  }
  /** Stage notes with words in them, by scenario page in course order: [{page, title, url,
   *  notes}], each scenario's notes by stage. */
  function groupNotes(notes, manifest) {
    const pages = (manifest && manifest.pages) || {}, order = Object.keys(pages), groups = {};
    (notes || []).filter((r) => validNote(r) && r.text.trim()).forEach((r) => {
      const key = r.page || r.scenario;
      (groups[key] || (groups[key] = { page: key, title: (pages[key] || {}).title || r.scenarioTitle || "Scenario",
        url: (pages[key] || {}).url || "", notes: [] })).notes.push(r);
    });
    const rank = (k) => { const i = order.indexOf(k); return i < 0 ? order.length : i; };
    return Object.values(groups).sort((a, b) => rank(a.page) - rank(b.page))
      .map((g) => Object.assign(g, { notes: g.notes.sort((a, b) => a.stage - b.stage) }));
  }

  // -- in the browser -------------------------------------------------------------------------
  const doc = root.document;

  /** Material's contents lists (the sidebar's, and the drawer's on a phone): a revealed stage's
   *  entry in document order, none for a stage not yet revealed. */
  function syncContents(d, stages, shown) {
    d.querySelectorAll(".md-nav--secondary > ul.md-nav__list").forEach((list) => {
      stages.forEach((stage, i) => {
        const href = "#" + stage.id;
        let item = Array.from(list.children).find((li) => {
          const a = li.querySelector(":scope > a");
          return a && a.getAttribute("href") === href;
        });
        if (i + 2 > shown) { if (item) item.remove(); return; }
        if (item) return;
        const summary = stage.querySelector(":scope > summary");
        item = AP.el("li", { class: "md-nav__item", "data-ap-stage-toc": "" });
        const a = AP.el("a", { class: "md-nav__link", href });
        a.append(AP.el("span", { class: "md-ellipsis" }, summary ? summary.textContent.trim() : "Stage " + (i + 2)));
        item.append(a);
        const after = Array.from(list.children).find((li) => {
          const link = li.querySelector(":scope > a"), target = link && d.getElementById((link.getAttribute("href") || "").slice(1));
          return target && (stage.compareDocumentPosition(target) & 4); // target follows the stage
        });
        list.insertBefore(item, after || null);
      });
    });
  }

  function mountScenario(d, page, article, stages) {
    const store = AP.store, total = stages.length + 1, scenario = page.scenario || page.id;
    const h1 = article.querySelector("h1"), scenarioTitle = h1 ? h1.textContent.replace(/¶/g, "").trim() : "";
    const commentary = article.querySelector("details[data-ap-commentary]");
    const progress = () => (store && store.get("progress", page.id)) || null;
    let shown = shownCount((progress() || {}).stages, total);
    const before = (selector, el) => Array.from(article.querySelectorAll(selector))
      .filter((x) => x.compareDocumentPosition(el) & 4).pop();
    const titleOf = (n) => {
      if (n === 1) {
        const first = before("h2", stages[0]);
        return first ? first.textContent.replace(/¶/g, "").trim() : "Stage 1";
      }
      const s = stages[n - 2].querySelector(":scope > summary");
      return s ? s.textContent.trim() : "Stage " + n;
    };

    /** Save how far the learner has got; in memory only when the store cannot. */
    function keep(n) {
      if (!store || store.readOnly() || !page.module) return { ok: true };
      const now = new Date().toISOString(), rec = progress() || { id: page.id, done: false, visited: now };
      return store.put("progress", Object.assign(rec, { stages: n }));
    }

    const gates = stages.map((stage, i) => {
      const n = i + 2, key = "ap-stage-note-" + n;
      const invite = before("[data-ap-stage-invite]", stage);
      if (invite) invite.setAttribute("data-ap-replaced", "");
      const gate = AP.el("div", { class: "ap-stage-gate", "data-ap-ui": "", "data-ap-stage-gate": String(n),
        "data-search-exclude": "" });
      const label = AP.el("label", { class: "ap-stage-gate__label", for: key, id: key + "-label" }, ASK);
      const hint = AP.el("p", { class: "ap-stage-gate__hint", id: key + "-hint" },
        "Before you see stage " + n + ", note what you would do now, and why. It is saved as you type " +
        "and kept with your reflections on My plan, for you only: never on a slide or in print.");
      const parts = AP.privacyParts(key);
      const area = AP.el("textarea", { id: key, rows: "3", class: "ap-stage-note",
        "aria-describedby": [hint.id, parts[0].id, parts[1].id].join(" ") });
      const show = AP.button("Show stage " + n, { class: "ap-button ap-stage-show", "data-ap-stage-show": String(n) });
      let record = store && store.get(COLLECTION, noteId(scenario, n));
      area.value = record && typeof record.text === "string" ? record.text : "";
      const save = () => {
        if (!store || (!record && !area.value)) return null;
        const r = store.put(COLLECTION, Object.assign({}, record, {
          id: noteId(scenario, n), scenario, stage: n, page: page.id, module: page.module || null,
          scenarioTitle, afterTitle: titleOf(n - 1), prompt: ASK, text: area.value
        }));
        if (r.ok) record = r.record;
        return r;
      };
      const flush = AP.autosave([area], save, parts[2], parts[1]);
      const row = AP.el("p", {});
      row.append(show);
      gate.append(label, hint, parts[0], area, parts[1], parts[2], row);
      stage.parentNode.insertBefore(gate, stage);
      show.addEventListener("click", () => {
        flush();
        reveal(n);
      });
      return { gate, label, hint, area, show };
    });

    const restart = AP.el("p", { class: "ap-stage-restart", "data-ap-ui": "" });
    const again = AP.button("Start the scenario again");
    restart.append(again);
    stages[stages.length - 1].after(restart);
    again.addEventListener("click", () => {
      const r = keep(1);
      shown = 1;
      render();
      gates[0].area.focus();
      AP.announce("Back to stage 1: the later stages are hidden again. Your notes are kept." +
        (r.ok ? "" : " " + r.message));
    });

    function render() {
      stages.forEach((stage, i) => {
        if (i + 2 <= shown) stage.setAttribute("data-ap-shown", "");
        else stage.removeAttribute("data-ap-shown");
      });
      gates.forEach((g, i) => {
        const n = i + 2, next = n === shown + 1, done = n <= shown;
        // A revealed stage keeps the note written before it, if there is one, to look back on.
        g.gate.hidden = !(next || (done && g.area.value.trim()));
        g.show.hidden = !next;
        g.label.textContent = next ? ASK : "What you would have done, before stage " + n;
        g.hint.hidden = !next;
      });
      if (commentary) {
        if (shown < total) commentary.setAttribute("data-ap-held", "");
        else commentary.removeAttribute("data-ap-held");
      }
      restart.hidden = shown < 2;
      syncContents(d, stages, shown);
    }

    function reveal(n) {
      const r = keep(n);
      shown = n;
      const stage = stages[n - 2];
      stage.open = true;
      render();
      const summary = stage.querySelector(":scope > summary");
      (summary || stage).focus();
      AP.announce("Stage " + n + " is shown: " + titleOf(n) + "." +
        (n === total && commentary ? " The commentary follows the discussion questions." : "") +
        (r.ok ? "" : " " + r.message));
    }

    render();
    // Another tab (or a restore) may change how far the learner has got.
    if (store) {
      const off = store.onChange((c) => {
        if (!d.body.contains(article)) return off();
        if (c.collection !== "progress" && c.collection !== "*") return;
        const n = shownCount((progress() || {}).stages, total);
        if (c.source === "other-tab" || c.collection === "*") { shown = n; render(); }
      });
    }
  }

  if (doc) {
    AP.stageNotes = { COLLECTION, noteId, validNote, asReflections, groupNotes, noteTitle };
    AP.register("stages", (d, page) => {
      const article = d.querySelector("article.md-content__inner");
      if (!article || !AP.el) return;
      const stages = Array.from(article.querySelectorAll("details[data-ap-stage]"));
      if (!stages.length) return;
      AP.once(article, "stages", () => mountScenario(d, page, article, stages));
    });
  }

  if (typeof module === "object" && module.exports) {
    module.exports = { COLLECTION, noteId, validNote, shownCount, noteTitle, asReflections, groupNotes };
  }
})(typeof window !== "undefined" ? window : globalThis);
