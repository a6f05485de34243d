/* learner.js: the learner's record on every page: reflection boxes that save as you type (with a
 * gentle personal-data check), "Add to my plan" beside each outcome, pages visited and marked
 * done, and markers in the navigation (templates/partials/nav-item.html). Global, so kept small:
 * progress bars are in pages/progress.js, everything only My plan needs in pages/plan.js. */
(function (root) {
  "use strict";
  const AP = root.AP || (root.AP = {});

  // -- pure (node --test) ---------------------------------------------------------------------
  const cased = (w) => "[" + w[0].toUpperCase() + w[0] + "]" + w.slice(1);
  const KIN = "child|mother|father|carer|mum|dad|parent|son|daughter|brother|sister|baby|boy|girl|" +
    "grandmother|grandfather|nan|aunt|uncle";
  // Words that follow "child", "carer"... in ordinary practice language, not names.
  const NOT_NAMES = "Protection|In|Arrangements?|Orders?|Plans?|Care|Services?|Act|Looked|Benefit|" +
    "Court|Support|Special|Guardianship|Health|Social|Assessments?|Trust|Centre";
  /** [what it looks like, pattern]: text a learner should check holds no personal data. */
  /** @type {[string, RegExp][]} */
  const PATTERNS = [
    ["a date (such as a date of birth)", /\b(?:dob|d\.o\.b|date of birth|born (?:on|in))\b|\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b|\b\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}\b/i],
    ["an NHS number", /\b\d{3}[ -]?\d{3}[ -]?\d{4}\b/],
    ["a National Insurance number", /\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b|\b[a-z]{2}\d{6}[a-d]\b/],
    ["a postcode", /\b[A-Z]{1,2}\d[A-Z\d]? ?\d(?!st|nd|rd|th)[ABD-HJLNP-UW-Z]{2}\b/i],
    ["a phone number", /(?:\+44 ?|\b0)\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}\b/],
    ["a title and a name", /\b(?:Mr|Mrs|Ms|Miss|Mx)\.? [A-Z][a-z'’-]+/],
    ["a case number", /\b(?:case|ref|reference|client|file|id)(?: ?(?:no|number|id|ref))?[ .:#]*[a-z]{0,4}[/-]?\d{5,}|\b[A-Z]{2}\d{2}[A-Z]\d{5}\b|\b[A-Z]{2,4}[/-]?\d{5,}\b|(?<!\d[ -]?)\b\d{6,9}\b(?![ -]?\d)/i],
    ["a street address", /\b\d{1,4}[a-z]?,? (?:[A-Z][a-z'’-]+ ){1,3}(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Court|Ct|Crescent|Grove|Place|Terrace|Gardens|Park|Hill|Row|Square|Walk|Mews|View|Rise|Green)\b/],
    ["a full name after a word such as saw, met or visited", /\b(?:[Ss]aw|[Ss]een|[Mm]et|[Mm]eet|[Mm]eeting|[Vv]isit(?:ed|ing)?|[Ss]poke (?:to|with)|[Tt]alked (?:to|with)|[Pp]honed|[Rr]ang|[Cc]alled) (?:with )?(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:Mrs?|Ms|Miss|Mx|Dr)\b)[A-Z][a-z'’-]+ (?:[A-Z]['’]?[A-Za-z'’-]+)\b/],
    ["a name after a word such as child or mother", new RegExp("\\b(?:" + KIN.split("|").map(cased).join("|") +
      ")s?,? (?:called |named )?(?!(?:" + NOT_NAMES + ")\\b)[A-Z][a-z'’-]+")]
  ];
  /** What in text looks like personal data: the matching descriptions, in PATTERNS order. */
  const findPersonalData = (text) => PATTERNS.filter((p) => p[1].test(text || "")).map((p) => p[0]);

  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const OWN = { id: 1, created: 1, updated: 1, versions: 1 };
  /** An edit made in this tab (mine, from base: the record as this tab last had it) meeting the
   *  record as stored now (theirs), which another tab may have saved since. A field only theirs
   *  changed is theirs; a text field (of `texts`) both changed differently keeps my words, and
   *  theirs go into `versions`, for the learner to see and choose: no word is dropped. Returns
   *  {record, took: fields taken from theirs, conflict: whether a version was kept}. Pure. */
  function mergeEdit(base, mine, theirs, texts) {
    if (!theirs || !base || theirs.updated === base.updated) return { record: mine, took: [], conflict: false };
    const record = Object.assign({}, mine), took = [], version = {};
    Object.keys(Object.assign({}, theirs, mine)).forEach((k) => {
      if (OWN[k] || same(theirs[k], base[k]) || same(theirs[k], mine[k])) return;
      if (same(mine[k], base[k])) { record[k] = theirs[k]; took.push(k); return; }
      if (texts.indexOf(k) >= 0 && typeof theirs[k] === "string" && theirs[k].trim()) version[k] = theirs[k];
    });
    const conflict = Object.keys(version).length > 0;
    const versions = (theirs.versions || []).concat((mine.versions || []).filter((v) => !(theirs.versions || []).some((t) => same(t, v))));
    if (conflict) versions.push(Object.assign({ saved: theirs.updated }, version));
    if (versions.length) record.versions = versions;
    return { record, took, conflict };
  }

  /** A page's state for its navigation marker: "done" (marked done, or its quiz taken),
   *  "visited" or "". */
  /** The page after id in course order ({id, title, url, module, minutes}), or null. Pure. */
  function nextPage(manifest, id) {
    const order = [];
    (manifest.modules || []).forEach((m) => (m.pages || []).forEach((p) => order.push(p)));
    const at = order.indexOf(id), nid = at >= 0 ? order[at + 1] : undefined;
    const info = nid && (manifest.pages || {})[nid];
    return info ? Object.assign({ id: nid }, info) : null;
  }

  function pageStatus(info, progress, quiz) {
    if ((info && info.quiz ? quiz : progress && progress.done)) return "done";
    return progress && progress.visited ? "visited" : "";
  }

  // -- in the browser -------------------------------------------------------------------------
  const doc = root.document;
  const el = (tag, attrs, text) => {
    const node = doc.createElement(tag);
    Object.keys(attrs || {}).forEach((k) => node.setAttribute(k, attrs[k]));
    if (text) node.textContent = text;
    return node;
  };
  const button = (text, attrs) => el("button", Object.assign({ type: "button", class: "ap-button" }, attrs), text);
  const NOTE = "Your notes stay in this browser on this device. Write nothing that could identify " +
    "a child, family or colleague: no names, dates of birth, addresses or case details.";

  /** Show (or hide) in warn the gentle warning for text that looks like personal data; never a
   *  block. Returns what was found, in words ("" when nothing). */
  function warnPersonal(warn, text) {
    const found = findPersonalData(text).join(", ");
    warn.hidden = !found;
    warn.textContent = found ? "This may include personal data (" + found + "). Please check " +
      "it and take out anything that could identify someone." : "";
    return found;
  }

  let flushers = [], unsaved = [];
  /** Save whatever is waiting to be saved (before another page mounts, or the page goes). */
  const flush = () => flushers.forEach((fn) => fn());
  /** Is there text on this page that is not saved (a save that failed, or one still waiting)? */
  const hasUnsaved = () => unsaved.some((fn) => fn());
  const LEAVE = "Some of what you typed on this page is not saved: this browser's storage for " +
    "the site refused it. Leave the page anyway and lose it? Choose Cancel to stay and copy it first.";

  /** Save fields as the learner types: save() ~400 ms after the last keystroke, and on leaving a
   *  field; "Saving…"/"Saved" shown in state; announced once, not at every keystroke. */
  function autosave(fields, save, state, warn) {
    let timer = 0, announced = false, hints = "", failed = false;
    const run = () => {
      if (!timer) return;
      root.clearTimeout(timer);
      timer = 0;
      const result = save() || { ok: true };
      failed = !result.ok;
      const said = [];
      if (warn) {
        const found = warnPersonal(warn, fields.map((f) => f.value).join("\n"));
        if (found && found !== hints) said.push(warn.textContent);
        hints = found;
      }
      state.textContent = result.ok ? "Saved" : "Not saved: " + result.message;
      if (!result.ok || !announced) said.unshift(state.textContent);
      announced = result.ok;
      if (said.length) AP.announce(said.join(" "));
    };
    fields.forEach((f) => {
      f.addEventListener("input", () => {
        // Only the latest pair is kept (for `make bench`): a long session adds none.
        performance.clearMarks("ap-keystroke-start");
        performance.clearMarks("ap-keystroke-end");
        performance.mark("ap-keystroke-start");
        if (!timer) state.textContent = "Saving…";
        root.clearTimeout(timer);
        timer = root.setTimeout(run, 400);
        performance.mark("ap-keystroke-end");
      });
      f.addEventListener("blur", run);
    });
    flushers.push(run);
    unsaved.push(() => !!timer || failed);
    /** Typing not yet saved (a pause not yet reached, or a save that failed). */
    run.pending = () => !!timer || failed;
    return run;
  }

  /** Other versions of a record's words (kept when two tabs changed it at once), shown in box
   *  with the fields' labels: "Use this version" calls use(i), "Delete this version" drop(i). */
  function showVersions(box, versions, labels, use, drop) {
    box.textContent = "";
    box.hidden = !(versions && versions.length);
    (versions || []).forEach((v, i) => {
      const when = v.saved ? " on " + AP.formatDate(v.saved) + " at " + String(v.saved).slice(11, 16) + " (UTC)" : "";
      const item = el("div", { class: "ap-version", role: "group", "aria-label": "Another version " + (i + 1) });
      item.append(el("p", { class: "ap-version-note" }, "This was also changed in another tab or window" + when +
        ". Both versions are kept: yours is in the box, the other is here. Use it, or delete it once you have what you need."));
      Object.keys(labels).forEach((k) => {
        if (typeof v[k] !== "string") return;
        if (Object.keys(labels).length > 1) item.append(el("p", { class: "ap-version-label" }, labels[k]));
        item.append(el("p", { class: "ap-version-text" }, v[k]));
      });
      const row = el("p"), b1 = button("Use this version"), b2 = button("Delete this version");
      b1.addEventListener("click", () => use(i));
      b2.addEventListener("click", () => drop(i));
      row.append(b1, " ", b2);
      item.append(row);
      box.append(item);
    });
  }

  /** The notice, warning and save state that go with a text field: [notice, warning, state]. */
  function privacyParts(id) {
    return [el("p", { class: "ap-privacy-note", id: id + "-note" }, NOTE),
      el("p", { class: "ap-pd-warning", id: id + "-warn", hidden: "" }),
      el("p", { class: "ap-save-state" })];
  }

  function reflectionRecord(store, id) {
    return store.get("reflections", id) || store.list("reflections").find((r) => r.reflection === id) || null;
  }

  function mountReflection(box, page, store) {
    const id = box.getAttribute("data-ap-reflection"), key = "ap-r-" + id;
    const title = box.querySelector(".admonition-title");
    const prompt = Array.from(box.children).filter((c) => c !== title && c.tagName === "P");
    if (title) title.id = key + "-title";
    prompt.forEach((p, i) => { p.id = p.id || key + "-p" + i; });
    const parts = privacyParts(key);
    const area = el("textarea", { id: key, rows: "5", class: "ap-reflection-text",
      "aria-describedby": prompt.map((p) => p.id).concat(parts[0].id, parts[1].id).join(" ") });
    if (title) area.setAttribute("aria-labelledby", title.id);
    else area.setAttribute("aria-label", "Your reflection");
    let record = reflectionRecord(store, id);
    area.value = record ? record.text || "" : "";
    const others = el("div", { class: "ap-versions", hidden: "" });
    const save = () => {
      const theirs = store.get("reflections", record ? record.id : id);
      if (!record && !area.value && !theirs) return null;
      const mine = Object.assign({ supervision: false }, record, {
        id: record ? record.id : id, reflection: id, text: area.value, page: page.id, module: page.module,
        promptSnapshot: { title: title ? title.textContent : "", text: prompt.map((p) => p.textContent).join("\n") }
      });
      // Another tab may have saved this reflection since this box last had it: keep both.
      const merged = mergeEdit(record || { updated: null, text: "" }, mine, theirs, ["text"]);
      const r = store.put("reflections", merged.record);
      if (r.ok) {
        record = r.record;
        if (merged.conflict) AP.announce("This reflection was also changed in another tab. Both versions are kept, below the box.");
        versions();
      }
      return r;
    };
    const versions = () => showVersions(others, record && record.versions, { text: "Reflection" }, (i) => {
      // The other version goes in the box; the box's words become the other version.
      const v = record.versions[i], list = record.versions.slice();
      list[i] = { saved: record.updated, text: area.value };
      area.value = v.text;
      record = Object.assign({}, record, { versions: list });
      area.dispatchEvent(new Event("input"));
      flushNow();
      area.focus();
    }, (i) => {
      const list = record.versions.filter((x, j) => j !== i);
      const r = store.put("reflections", Object.assign({}, record, { versions: list }));
      if (r.ok) { record = r.record; versions(); area.focus(); }
      parts[2].textContent = r.ok ? "Saved" : "Not saved: " + r.message;
    });
    const wrap = el("div", { class: "ap-reflection" });
    wrap.append(parts[0], area, parts[1], parts[2], others);
    box.append(wrap);
    const flushNow = autosave([area], save, parts[2], parts[1]);
    versions();
    // Saved in another tab: this box follows while nothing typed here waits to be saved.
    follow(store, (c) => {
      if (c.source === "this-tab" || (c.collection !== "reflections" && c.collection !== "*")) return;
      const now = reflectionRecord(store, id);
      if (flushNow.pending() || !now || (record && now.updated === record.updated)) return;
      record = now;
      if (area.value !== (now.text || "")) {
        const at = area.selectionStart;
        area.value = now.text || "";
        if (doc.activeElement === area) area.setSelectionRange(at, at);
      }
      versions();
    });
  }

  let followers = [];
  /** Listen to the store's changes until the next page mounts. */
  const follow = (store, fn) => followers.push(store.onChange(fn));

  /** The outcome ids a goal links to (older records name one, as `outcome`). */
  const goalOutcomes = (g) => g.outcomes || (g.outcome ? [g.outcome] : []);

  function markNav(doc, store) {
    const m = AP.manifest();
    doc.querySelectorAll("[data-ap-nav]").forEach((mark) => {
      const id = mark.getAttribute("data-ap-nav"), info = m.pages[id];
      const state = info ? pageStatus(info, store.get("progress", id), info.quiz && store.quizResult(id)) : "";
      mark.className = "ap-nav-mark" + (state ? " ap-nav-mark--" + state : "");
      mark.textContent = "";
      if (state) mark.append(el("span", { class: "ap-visually-hidden" }, " (" + state + ")"));
    });
  }

  function mountProgress(doc, page, store, article) {
    if (!page.module || store.readOnly()) return;
    const now = new Date().toISOString(), rec = store.get("progress", page.id) || { id: page.id, done: false };
    store.put("progress", Object.assign(rec, { visited: rec.visited || now, lastVisited: now }));
    if (!article) return;
    AP.once(article, "done", () => mountFinish(page, store, article, rec));
  }

  /** Where reading ends (before the trainer tools): "Mark as done and continue →", a link to the
   *  next page that marks this one done on its way; once done, "Continue" and an undo. An
   *  overview offers "Start this module"; a quiz is done by taking it, so it only continues. */
  function mountFinish(page, store, article, rec) {
    const m = AP.manifest(), next = nextPage(m, page.id), info = m.pages[page.id] || {};
    const markable = page.kind !== "quiz" && page.kind !== "overview";
    const what = page.kind === "scenario" ? "scenario" : "page";
    const box = el("div", { class: "ap-finish", role: "group", "aria-labelledby": "ap-finish-title" });
    box.append(el("h2", { id: "ap-finish-title", class: "ap-visually-hidden" }, "Finish this " + what));
    const state = el("p", { class: "ap-save-state", role: "status" });
    const para = (...kids) => { const p = el("p"); p.append(...kids); return p; };
    const link = (text) => {
      const a = el("a", { class: "ap-button ap-button--primary ap-button--large", href: next ? AP.siteLink(page, next.url) : "" }, text);
      if (next) a.setAttribute("aria-describedby", "ap-finish-next");
      return a;
    };
    const nextLine = next ? el("p", { id: "ap-finish-next", class: "ap-finish__next" }, "Next: " + next.title +
      (next.module !== info.module && next.module ? " (module " + next.module + ")" : "") +
      (next.minutes ? ", " + next.minutes + " minutes" : "") + ".") : null;
    const draw = (focus) => {
      const done = markable && !!(store.get("progress", page.id) || {}).done;
      box.replaceChildren(box.firstChild);
      if (page.kind === "overview") {
        if (next) box.append(para(link("Start this module →")), nextLine);
      } else if (!markable || done) {
        if (done) {
          const undo = AP.button("Not done yet", { class: "ap-button", "data-ap-undo-done": "" });
          undo.addEventListener("click", () => set(false));
          box.append(el("p", { class: "ap-finish__done" }, "✓ You marked this " + what + " done. "), para(undo));
        }
        if (next) box.append(para(link("Continue →")), nextLine);
      } else {
        const go = next ? link("Mark as done and continue →") : AP.button("Mark as done", { class: "ap-button ap-button--primary ap-button--large" });
        go.setAttribute("data-ap-done", "");
        // A link is followed by the theme's instant navigation, which listens before this link
        // does: the window's click listener below calls this first, and stops a failed save.
        if (next) doneLinks.set(go, () => set(true, false));
        else go.addEventListener("click", () => set(true, true));
        box.append(para(go));
        if (nextLine) box.append(nextLine);
      }
      box.append(state);
      if (focus) { const f = box.querySelector("a, button"); if (f) f.focus(); }
    };
    /** Mark done (or not); redraw when staying on the page. False when it was not saved. */
    const set = (done, stay) => {
      const r = store.put("progress", Object.assign({}, store.get("progress", page.id) || rec, { done }));
      if (!r.ok) {
        state.textContent = "Not saved: " + r.message;
        AP.announce(r.message);
        return false;
      }
      AP.announce(done ? "Marked done." : "No longer marked done.");
      if (!done || stay) { draw(true); state.textContent = done ? "Marked done." : "No longer marked done."; }
      return true;
    };
    draw(false);
    const tools = article.querySelector("[data-ap-trainer-tools]");
    if (tools && tools.parentNode === article) article.insertBefore(box, tools);
    else article.append(box);
  }

  const doneLinks = new WeakMap(); // "Mark as done and continue" links -> mark done (ok or not)
  let watching = false;
  if (doc) {
    root.addEventListener("pagehide", flush);
    // A save that failed (storage full): leaving the page warns while that text is still here.
    root.addEventListener("beforeunload", (e) => {
      flush();
      if (!hasUnsaved()) return;
      e.preventDefault();
      e.returnValue = LEAVE;
    });
    // Instant navigation never unloads the page: ask before a link takes the text away.
    root.addEventListener("click", (e) => {
      const target = /** @type {any} */ (e.target);
      const a = target && target.closest && target.closest("a[href]");
      if (a && doneLinks.has(a) && !doneLinks.get(a)()) { e.preventDefault(); e.stopImmediatePropagation(); return; }
      if (!a || e.defaultPrevented || a.target || a.hasAttribute("download") || a.getAttribute("href").charAt(0) === "#") return;
      flush();
      if (hasUnsaved() && !root.confirm(LEAVE)) { e.preventDefault(); e.stopImmediatePropagation(); }
    }, true);
    AP.mergeEdit = mergeEdit;
    AP.showVersions = showVersions;
    AP.hasUnsaved = hasUnsaved;
    /** A page's own check for unsaved text (cleared when the next page mounts). */
    AP.unsaved = (fn) => unsaved.push(fn);
    AP.findPersonalData = findPersonalData;
    AP.warnPersonal = warnPersonal;
    AP.autosave = autosave;
    AP.privacyParts = privacyParts;
    AP.el = el;
    AP.button = button;
    AP.pageStatus = pageStatus;
    AP.nextPage = nextPage;
    AP.goalOutcomes = goalOutcomes;
    AP.register("learner", (d, page) => {
      const store = AP.store, article = d.querySelector("article.md-content__inner");
      flush();
      flushers = [];
      unsaved = [];
      followers.forEach((off) => off());
      followers = [];
      if (!store) return;
      // A quiz taken, a page marked done (here or in another tab): the markers follow.
      if (!watching) {
        watching = true;
        store.onChange((c) => { if (c.collection !== "reflections" && c.collection !== "goals") markNav(doc, store); });
      }
      mountProgress(d, page, store, article);
      d.querySelectorAll("[data-ap-reflection]").forEach((box) => AP.once(box, "reflection", () => mountReflection(box, page, store)));
      markNav(d, store);
    });
  }

  if (typeof module === "object" && module.exports) {
    module.exports = { PATTERNS, findPersonalData, warnPersonal, pageStatus, goalOutcomes, mergeEdit, nextPage };
  }
})(typeof window !== "undefined" ? window : globalThis);
