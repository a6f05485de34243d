/* storage-panel.js: "Your data on this device" on the privacy page: where notes are kept, how much
 * space they use, the last backup, shared-computer mode, everything stored and how to delete it.
 * Mounts into [data-ap-storage-panel]; a page script, so it runs again after instant navigation. */
(function (root) {
  "use strict";
  const AP = root.AP || (root.AP = {});

  /** "about 12 KB of about 5 MB (under 1%)" for a number of stored characters. Pure. */
  function describeUsage(bytes, quota) {
    const kb = Math.round(bytes / 1024);
    const pct = Math.round((bytes / quota) * 100);
    return (kb < 1 ? "less than 1 KB" : "about " + kb + " KB") + " of about " +
      Math.round(quota / 1048576) + " MB (" + (pct < 1 ? "under 1%" : pct + "%") + ")";
  }

  const WHERE = {
    local: "In this browser on this device, until you delete them.",
    session: "Only in this browser tab, until you close it (shared-computer mode).",
    memory: "Only while this page is open: your browser is not letting the site store anything."
  };
  const AREA = { session: "this tab only", memory: "this page only" };
  const LONG = 400; // characters of each stored value shown before "…"

  let unsubscribe = null;

  function mount(doc) {
    const store = AP.store;
    doc.querySelectorAll("[data-ap-storage-panel]").forEach((panel) => AP.once(panel, "storage", () => {
      const el = (tag, text, attrs) => {
        const node = doc.createElement(tag);
        if (text) node.textContent = text;
        Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
        return node;
      };
      panel.textContent = "";
      const facts = el("dl", "", { class: "ap-storage-facts" });
      const where = el("dd"), used = el("dd"), backup = el("dd");
      facts.append(el("dt", "Where your notes are kept"), where, el("dt", "Space used"), used,
        el("dt", "Last backup"), backup);

      const shared = el("input", "", { type: "checkbox", id: "ap-shared-mode" });
      const sharedRow = el("p", "", { class: "ap-storage-shared" });
      sharedRow.append(shared, " ", el("label", "Shared-computer mode: keep my notes only in this " +
        "browser tab, deleted when I close it", { for: "ap-shared-mode" }));
      const problem = el("p", "", { role: "alert", class: "ap-storage-problem" });

      const remove = el("button", "Delete everything", { type: "button", class: "md-button" });
      const stored = el("details", "", { class: "ap-storage-stored" });
      const list = el("dl");
      stored.append(el("summary", "Show everything this site stores on this device"), list);

      const actions = el("p");
      actions.append(remove);
      panel.append(facts, sharedRow, problem, actions, stored);

      function refresh() {
        where.textContent = WHERE[store.mode()] +
          (store.readOnly() ? " Saved by a newer version of the site, so this copy only reads them." : "");
        const usage = store.usage();
        used.textContent = describeUsage(usage.bytes, usage.quota);
        const last = store.lastBackup();
        backup.textContent = last ? AP.formatDate(last) : "No backup recorded on this device yet.";
        shared.checked = store.mode() === "session";
        shared.disabled = store.mode() === "memory" || store.readOnly();
        list.textContent = "";
        const entries = store.entries();
        if (!entries.length) list.append(el("dt", "Nothing is stored."));
        // Values are shown as text, never as HTML: they may hold anything a learner typed.
        entries.forEach((e) => {
          const dt = el("dt"), dd = el("dd");
          dt.append(el("code", e.key), e.area === "local" ? "" : " (" + AREA[e.area] + ")");
          dd.append(el("code", e.value.length > LONG ? e.value.slice(0, LONG) + "…" : e.value));
          list.append(dt, dd);
        });
      }

      shared.addEventListener("change", () => {
        const result = store.setShared(shared.checked);
        problem.textContent = result.ok ? "" : result.message;
        if (result.ok) {
          AP.announce(shared.checked ? "Shared-computer mode is on. Your notes are now kept only in this tab."
            : "Shared-computer mode is off. Your notes are now kept in this browser on this device.");
        }
        refresh();
      });
      remove.addEventListener("click", () => {
        if (!root.confirm("Delete everything this site has stored on this device: your plan, " +
          "reflections, ratings, progress, quiz answers and settings? This cannot be undone. " +
          "Export your notes first if you want to keep them.")) return;
        store.clearAll();
        problem.textContent = "";
        refresh();
        AP.announce("Everything this site stored on this device has been deleted.");
      });

      if (unsubscribe) unsubscribe();
      unsubscribe = store.onChange(() => { if (doc.body.contains(panel)) refresh(); });
      refresh();
    }));
  }

  // On a full page load this content script runs before the global scripts (core.js, store.js),
  // which come later in the page; after instant navigation they are already there.
  const start = () => AP.register("storage-panel", mount);
  if (AP.register) start();
  else if (root.document) root.document.addEventListener("DOMContentLoaded", start);
  if (typeof module === "object" && module.exports) module.exports = { describeUsage };
})(typeof window !== "undefined" ? window : globalThis);
