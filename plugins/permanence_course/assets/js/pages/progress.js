/* progress.js: how far the learner has come, module by module, as progress bars: pages marked done
 * (a quiz page once taken), pages visited and the latest quiz result. Fills [data-ap-progress] on
 * the home page; My plan (pages/plan.js) calls AP.renderProgress for its own. A page script. */
(function (root) {
  "use strict";
  const AP = root.AP || (root.AP = {});

  /** Per module: pages done and visited (overviews aside) and the quiz's current result. Pure:
   *  status(info, progress, quiz) is learner.js's pageStatus. */
  function moduleProgress(manifest, progressOf, quizOf, status) {
    return (manifest.modules || []).map((m) => {
      const row = { number: m.number, title: m.title, url: m.url, total: 0, done: 0, visited: 0, quiz: null };
      m.pages.forEach((id) => {
        const info = manifest.pages[id] || {};
        if (info.kind === "overview") return;
        const quiz = info.quiz ? quizOf(id) : null, state = status(info, progressOf(id), quiz);
        row.total++;
        if (state) row.visited++;
        if (state === "done") row.done++;
        if (quiz) row.quiz = quiz;
      });
      return row;
    });
  }

  /** One line of words for a module's progress, as a screen reader reads it too. Pure. */
  function progressText(row) {
    const q = row.quiz, part = q && q.answered < q.total ? " (" + q.answered + " answered)" : "";
    const quiz = q ? " Latest quiz result: " + q.score + " of " + q.total + " right" + part + "." : "";
    return row.done + " of " + row.total + " pages done, " + row.visited + " visited." + quiz;
  }

  function renderProgress(box, page, store) {
    const el = AP.el;
    const rows = moduleProgress(AP.manifest(), (id) => store.get("progress", id),
      (id) => store.quizResult(id), AP.pageStatus);
    box.textContent = "";
    if (!rows.some((r) => r.visited)) {
      box.append(el("p", {}, "Your progress through the modules will show here as you study."));
      return;
    }
    const ul = el("ul", { class: "ap-progress" });
    rows.forEach((r) => {
      const id = "ap-progress-" + r.number, li = el("li");
      li.append(el("a", { href: AP.siteLink(page, r.url), id }, "Module " + r.number + ": " + r.title),
        el("progress", { max: String(r.total || 1), value: String(r.done), "aria-labelledby": id,
          "aria-describedby": id + "-text" }),
        el("span", { id: id + "-text" }, progressText(r)));
      ul.append(li);
    });
    box.append(ul);
  }

  /** Where a returning learner carries on: the page they were last on, or the one after it once
   *  that is done (a quiz once taken). {id, title, url} or null before any page is visited. Pure:
   *  progress is the learner's progress records, next(id) the page after id, status as above. */
  function resumePage(manifest, progress, quizOf, status, next) {
    /** @type {any} */
    let last = null;
    (progress || []).forEach((r) => {
      if (!r || !manifest.pages[r.id] || typeof r.lastVisited !== "string") return;
      if (!last || r.lastVisited > last.lastVisited) last = r;
    });
    if (!last) return null;
    const info = manifest.pages[last.id];
    if (status(info, last, info.quiz ? quizOf(last.id) : null) === "done" && info.kind !== "overview") {
      const after = next(manifest, last.id);
      if (after) return { id: after.id, title: after.title, url: after.url };
    }
    return { id: last.id, title: info.title, url: info.url };
  }

  /** The home page's start card: "Start module 1" becomes "Continue: <page>" once started. */
  function renderStart(doc, page, store) {
    const link = doc.querySelector("[data-ap-start-link]");
    if (!link || !AP.nextPage) return;
    const at = resumePage(AP.manifest(), store.list("progress"), (id) => store.quizResult(id), AP.pageStatus, AP.nextPage);
    if (!at) return;
    link.textContent = "Continue: " + at.title;
    link.href = AP.siteLink(page, at.url);
    const note = doc.querySelector("[data-ap-start-note]");
    if (note) note.textContent = "This carries on from where you left off. Your place is kept in this browser.";
  }

  AP.renderProgress = renderProgress;
  function mount(doc, page) {
    if (!AP.store || !doc.querySelector("[data-ap-progress]")) return;
    // learner.js (AP.el, AP.pageStatus) comes after the page's own scripts: wait for it if need be.
    if (!AP.el) return doc.addEventListener("DOMContentLoaded", () => mount(doc, page), { once: true });
    doc.querySelectorAll("[data-ap-progress]").forEach((box) => renderProgress(box, page, AP.store));
    renderStart(doc, page, AP.store);
  }
  // On a full page load this content script may run before core.js.
  const start = () => AP.register("progress", mount);
  if (AP.register) start();
  else if (root.document) root.document.addEventListener("DOMContentLoaded", start);
  if (typeof module === "object" && module.exports) module.exports = { moduleProgress, progressText, resumePage };
})(typeof window !== "undefined" ? window : globalThis);
