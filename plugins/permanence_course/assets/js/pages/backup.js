/* backup.js: a learner's whole record as one JSON file they keep, and restored from it on any
 * computer. The file's form is schemas/learner-backup.schema.json. A chosen file is checked in
 * full before anything changes, previewed, then merged or replaced through the store's
 * all-or-nothing applyAll. Mounts into [data-ap-backup-export] and [data-ap-backup-restore];
 * AP.backup.download() lets other pages offer a backup (My plan, before "Delete everything"). */
(function (root) {
  "use strict";
  const AP = root.AP || (root.AP = {});

  // -- the file's form: the limits equal the schema's (tests/js/backup.test.js compares them) --
  const FORMAT = "achieving-permanence-backup";
  // A backup holds the whole record, which the browser caps at about 5 million characters for
  // the site (store.usage's quota): at most 3 bytes each in UTF-8, so every backup this site
  // writes fits under 16 MB and restores.
  const LIMITS = { bytes: 16 * 1024 * 1024, text: 100000, name: 200, collections: 50, records: 10000, items: 1000 };
  // Deepest nesting of groups and lists, the file itself being 1: file › data › a collection ›
  // a record › a field › one more level; file › settings › a setting › one more level.
  const DEPTH = { data: 6, settings: 4 };
  const HOSTILE = ["__proto__", "constructor", "prototype"];
  const RESERVED = ["meta", "mode", "setting", "corrupt"]; // the store's own keys, not collections
  const TOP = ["format", "dataVersion", "courseVersion", "exported", "data", "settings"];
  const SNAPSHOTS = ["outcomeSnapshots", "reflectionSnapshots"]; // the store writes into these
  const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
  const COLLECTION = /^[a-z][a-z0-9-]{0,39}$/;
  const REMIND_AFTER_DAYS = 14;
  const NAMES = { goals: "Goals", reflections: "Reflections", ratings: "Self-ratings",
    progress: "Pages visited", quiz: "Quiz results", studyplan: "Study plan",
    supervision: "Supervision notes", cpd: "CPD records", "stage-notes": "Notes on scenario stages" };

  // -- pure functions (node --test) ----------------------------------------------------------
  const isObj = (v) => !!v && typeof v === "object" && !Array.isArray(v);
  const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const count = (n) => n.toLocaleString("en-GB");
  // Direction controls (U+202A-E, U+2066-9, marks) would reverse or reorder the words around
  // them in a preview or message: shown without them.
  const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
  const clip = (s, n) => {
    s = String(s).replace(BIDI, "").replace(/\s+/g, " ").trim();
    return s.length > n ? s.slice(0, n - 1) + "…" : s;
  };
  const isTime = (v) => typeof v === "string" && TIME.test(v) && !isNaN(Date.parse(v));
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const megabytes = (bytes) => (Math.ceil((bytes / 1048576) * 10) / 10).toFixed(1) + " MB";
  const plural = (n, one, many) => count(n) + " " + (n === 1 ? one : many || one + "s");

  /** Characters as JSON Schema counts them: code points, not UTF-16 units. */
  function textLength(s) {
    let n = s.length;
    if (n <= LIMITS.text) return n; // never more code points than units: no need to count
    for (let i = 0; i < s.length - 1; i++) {
      const c = s.charCodeAt(i), d = s.charCodeAt(i + 1);
      if (c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) { n--; i++; }
    }
    return n;
  }
  const utf8Length = (text) => new TextEncoder().encode(text).length;

  /** A file's whole contents as the site writes them. Pure. */
  function makeBackup(snapshot, exported) {
    return { format: FORMAT, dataVersion: snapshot.dataVersion, courseVersion: snapshot.courseVersion,
      exported, data: snapshot.data, settings: snapshot.settings };
  }
  /** "achieving-permanence-backup-2026-11-22.json". Pure. */
  const fileName = (exported, before) =>
    "achieving-permanence-" + (before ? "before-restore-" : "backup-") + exported.slice(0, 10) + ".json";

  const tooBig = (bytes) => "The file is " + megabytes(bytes) + ", and a backup from this site is " +
    "never more than " + LIMITS.bytes / 1048576 + " MB. Check that you chose the right file.";
  const NOT_JSON = "The file is not a backup from this site: it is not in the JSON format backups " +
    "use. It may be a different kind of file, or damaged.";
  const NOT_OURS = "The file is in JSON format but is not a backup from this site.";
  const NOT_UTF8 = "The file is damaged: some of its characters are not valid text (UTF-8), so " +
    "parts of it could not be read as they were written.";

  /** A file's bytes as text, or null when they are not valid UTF-8 (a damaged file: decoding
   *  would quietly put U+FFFD in place of what was written). Pure. */
  function decodeFile(bytes) {
    try { return new TextDecoder("utf-8", { fatal: true }).decode(bytes); } catch (e) { return null; }
  }

  /** A place in the file, for a message: “data” › “goals” › item 3. */
  function where(node) {
    const path = [];
    for (; node && node.up; node = node.up) path.unshift(node.key);
    return path.map((k) => typeof k === "number" ? "item " + (k + 1) : "“" + clip(k, 40) + "”").join(" › ");
  }

  /** Walk the parsed file without recursion (it may be nested a million deep): the first
   *  forbidden name (hostile), and the first thing beyond the schema's limits (limit). */
  function inspect(file) {
    const found = {};
    /** @type {{value: any, depth: number, area: any, up?: any, key?: any}[]} */
    const stack = [{ value: file, depth: 1, area: "" }];
    // Messages are made only for the first problem: where() climbs the whole path.
    const over = (message) => { if (!found.limit) found.limit = message(); };
    while (stack.length) {
      const node = stack.pop(), v = node.value;
      if (typeof v === "string") {
        const n = textLength(v);
        if (n > LIMITS.text) {
          over(() => "A piece of text in the file is longer than a backup allows: " + count(n) +
            " characters at " + where(node) + ", where the most is " + count(LIMITS.text) + ".");
        }
        continue;
      }
      if (!v || typeof v !== "object") continue;
      const list = Array.isArray(v), keys = list ? null : Object.keys(v), size = list ? v.length : keys.length;
      if (node.depth > DEPTH[node.area === "settings" ? "settings" : "data"]) {
        over(() => "The file is nested more deeply than a backup can be, at " + where(node) + ".");
      }
      const collections = node.depth === 2 && node.area === "data";
      const most = collections ? LIMITS.collections
        : list && node.depth === 3 && node.area === "data" ? LIMITS.records : LIMITS.items;
      if (size > most) {
        over(() => "The file has more entries than a backup allows: " + count(size) + " at " +
          (where(node) || "the top of the file") + ", where the most is " + count(most) + ".");
      }
      for (let i = size - 1; i >= 0; i--) {
        const key = list ? i : keys[i];
        const child = { value: v[key], up: node, key, depth: node.depth + 1, area: node.area || key };
        if (!list && HOSTILE.includes(String(key))) {
          return { hostile: "The file contains the name “" + key + "” (at " + where(child) + "), " +
            "which no backup from this site uses: it may have been altered." };
        }
        if (!list && textLength(key) > LIMITS.name) over(() => "A name in the file is longer than a backup allows, at " + where(node) + ".");
        stack.push(child);
      }
    }
    return found;
  }

  /** What is wrong with the file's form (after inspect), or "". */
  function shapeProblem(f, now) {
    const extra = Object.keys(f).find((k) => !TOP.includes(k));
    if (extra !== undefined) return "it has a part this site does not know (“" + clip(extra, 40) + "”)";
    const missing = TOP.find((k) => !own(f, k));
    if (missing) return "it has no “" + missing + "”";
    if (f.courseVersion !== null && typeof f.courseVersion !== "string") return "its course version is not text";
    if (typeof f.courseVersion === "string" && textLength(f.courseVersion) > LIMITS.name) {
      return "its course version is longer than " + count(LIMITS.name) + " characters";
    }
    if (!isTime(f.exported)) return "its export date is not a date and time";
    if (!isObj(f.data)) return "its “data” is not a group of collections";
    if (!isObj(f.settings) || own(f.settings, "")) return "its “settings” are not named settings";
    for (const c of Object.keys(f.data)) {
      const list = f.data[c], ids = new Set();
      if (!COLLECTION.test(c) || RESERVED.includes(c)) return "“" + clip(c, 40) + "” is not a part of a learner's record";
      if (!Array.isArray(list)) return "“" + c + "” is not a list of entries";
      for (let i = 0; i < list.length; i++) {
        const r = list[i], at = "item " + (i + 1) + " of “" + c + "”";
        if (!isObj(r)) return at + " is not an entry";
        if (typeof r.id !== "string" || !r.id || HOSTILE.includes(r.id)) return at + " has no valid id";
        if (textLength(r.id) > LIMITS.name) return at + " has an id longer than a backup allows";
        if (ids.has(r.id)) return at + " has the same id as an earlier entry";
        ids.add(r.id);
        for (const t of ["created", "updated"]) if (!isTime(r[t])) return at + " has no valid “" + t + "” date";
        for (const s of SNAPSHOTS) if (own(r, s) && !isObj(r[s])) return at + " has a “" + s + "” that is not a group";
        if (c === "stage-notes" && !(typeof r.scenario === "string" && r.scenario && Number.isInteger(r.stage) &&
          r.stage >= 2 && typeof r.text === "string")) return at + " is not a note on a scenario stage";
        // The store's own rules for each collection's fields (store.js checkRecord).
        const wrong = AP.checkRecord ? AP.checkRecord(c, r) : "";
        if (wrong) return at + " (" + clip(label(r), 40) + ") " + wrong;
      }
    }
    return "";
  }

  /** Check a file's text in full: {ok: true, backup} or {ok: false, problem} saying what is
   *  wrong. `version` is the data version this site stores. Pure. */
  function readBackup(text, version, now) {
    const no = (problem) => ({ ok: false, problem });
    if (typeof text !== "string") return no(NOT_OURS);
    const bytes = utf8Length(text);
    if (bytes > LIMITS.bytes) return no(tooBig(bytes));
    let file;
    try {
      file = JSON.parse(text.replace(/^\uFEFF/, ""));
    } catch (e) {
      return no(NOT_JSON);
    }
    if (!isObj(file)) return no(NOT_OURS);
    // JSON.parse makes "__proto__" an own property: Object.keys finds it, so inspect does.
    const found = inspect(file);
    if (found.hostile) return no(found.hostile);
    if (file.format !== FORMAT) return no(NOT_OURS);
    const v = file.dataVersion;
    if (Number.isInteger(v) && v > version) {
      return no("The file was made by a newer version of this site (data version " + v + "), and " +
        "this copy of the site can restore data version " + version + " only. Restore it with an " +
        "up-to-date copy of the site.");
    }
    if (v !== version) return no("The file's data version (" + clip(JSON.stringify(v), 20) + ") is not one this site knows.");
    if (found.limit) return no(found.limit);
    const at = now || new Date().toISOString();
    const shape = shapeProblem(file, at);
    if (shape) return no("The file is not in the form of a backup from this site: " + shape + ".");
    // A file made "later than now" comes from a computer whose clock was ahead (or was
    // altered): it is still restored, dated now, so that it never beats this device's later edits.
    let clock = null;
    if (Date.parse(file.exported) > Date.parse(at) + 5 * 60000) {
      clock = file.exported;
      file.exported = at;
    }
    // No entry in a file was edited after the file was made: a later edit time (9999) would
    // beat every real edit on each merge, so it is dated when the file was made.
    if (AP.clampTimes) Object.values(file.data).forEach((list) => list.forEach((r) => AP.clampTimes(r, file.exported)));
    return clock ? { ok: true, backup: file, clock } : { ok: true, backup: file };
  }

  /** What restoring `backup` over `current` (a store snapshot) would do. Merge: a record's
   *  newest edit wins and nothing is lost; settings, which have no edit times, stay as chosen
   *  here, and the file's others are added. Replace: this device holds exactly the file.
   *  Returns the store's applyAll changes and, per part of the record, rows for a preview. Pure. */
  function planRestore(current, backup, mode) {
    const replace = mode === "replace";
    const plan = { put: [], remove: [], settings: {}, removeSettings: [], rows: [] };
    const row = (name) => ({ name, add: [], update: [], leave: 0, remove: 0 });
    const names = Object.keys(NAMES).concat(Object.keys(current.data), Object.keys(backup.data))
      .filter((c, i, all) => all.indexOf(c) === i && ((current.data[c] || []).length || (backup.data[c] || []).length));
    for (const c of names) {
      const here = new Map((current.data[c] || []).map((r) => [r.id, r])), r0 = row(NAMES[c] || c);
      for (const r of backup.data[c] || []) {
        const h = here.get(r.id);
        here.delete(r.id);
        const change = !h ? "add"
          : (replace ? !same(h, r) : Date.parse(r.updated) > Date.parse(h.updated)) ? "update" : "";
        if (change) { r0[change].push(r); plan.put.push([c, r]); } else r0.leave++;
      }
      for (const id of here.keys()) {
        if (replace) { r0.remove++; plan.remove.push([c, id]); } else r0.leave++;
      }
      plan.rows.push(r0);
    }
    const s = row("Settings");
    for (const n of Object.keys(backup.settings)) {
      const v = backup.settings[n];
      const change = !own(current.settings, n) ? "add" : replace && !same(current.settings[n], v) ? "update" : "";
      if (change) { s[change].push({ id: n }); plan.settings[n] = v; } else s.leave++;
    }
    for (const n of Object.keys(current.settings)) {
      if (own(backup.settings, n)) continue;
      if (replace) { s.remove++; plan.removeSettings.push(n); } else s.leave++;
    }
    if (s.add.length || s.update.length || s.leave || s.remove) plan.rows.push(s);
    return plan;
  }

  /** Totals of a plan's rows: {add, update, leave, remove}. Pure. */
  function totals(plan) {
    const t = { add: 0, update: 0, leave: 0, remove: 0 };
    plan.rows.forEach((r) => { t.add += r.add.length; t.update += r.update.length; t.leave += r.leave; t.remove += r.remove; });
    return t;
  }

  /** Whole days the oldest change not in a backup has waited, once that is REMIND_AFTER_DAYS or
   *  more; else 0. A change is a record edited after the last backup (or at all, if none). Pure. */
  function reminderDays(snapshot, lastBackup, now) {
    const since = lastBackup ? Date.parse(lastBackup) : -Infinity;
    let oldest = Infinity;
    Object.values(snapshot.data).forEach((list) => list.forEach((r) => {
      const t = Date.parse(r.updated);
      if (t > since && t < oldest) oldest = t;
    }));
    const days = Math.floor((now - oldest) / 86400000);
    return days >= REMIND_AFTER_DAYS ? days : 0;
  }

  // -- in the browser --------------------------------------------------------------------------
  /** A short line naming a record, for the preview: its own words, shown only as text. */
  function label(r) {
    const pages = (AP.manifest ? AP.manifest().pages : null) || {}, page = own(pages, r.id) ? pages[r.id] : null;
    const words = [r.title, r.text, r.description, r.discussed, page && page.title]
      .find((x) => typeof x === "string" && x.trim());
    return clip(words || r.id, 80);
  }

  /** Download everything the site stores for the learner as a backup file, and record the
   *  date. `before`: the copy made before a restore replaces the record. */
  function download(before) {
    const store = AP.store, doc = root.document, exported = new Date().toISOString();
    const text = JSON.stringify(makeBackup(store.snapshot(), exported));
    const a = doc.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    a.download = fileName(exported, before === true);
    doc.body.appendChild(a);
    a.click();
    a.remove();
    // The download has started by now; the URL goes once it certainly has.
    root.setTimeout(() => URL.revokeObjectURL(a.href), 60000);
    store.markBackedUp(exported);
    // Never keep quiet about a backup that could not be restored as it is.
    const check = readBackup(text, store.snapshot().dataVersion);
    return { ok: true, fileName: a.download, problem: check.ok ? "" : check.problem };
  }

  let unsubscribe = null;

  function mount(doc) {
    const store = AP.store;
    if (!store) return;
    const el = (tag, text, attrs) => {
      const node = doc.createElement(tag);
      if (text) node.textContent = text;
      Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
      return node;
    };
    const button = (text) => el("button", text, { type: "button", class: "md-button" });
    const say = (node, text) => { node.textContent = text; node.hidden = !text; };
    const refreshers = [];

    doc.querySelectorAll("[data-ap-backup-export]").forEach((box) => AP.once(box, "backup", () => {
      const last = el("p"), reminder = el("p", "", { class: "ap-notice" });
      const go = button("Download a backup"), done = el("p", "", { role: "status", class: "ap-notice" });
      const actions = el("p");
      actions.append(go);
      box.textContent = "";
      box.append(last, reminder, actions, done);
      const refresh = () => {
        const when = store.lastBackup(), days = reminderDays(store.snapshot(), when, Date.now());
        last.textContent = when ? "Last backed up on this device: " + AP.formatDate(when) + "."
          : "No backup has been made on this device yet.";
        say(reminder, days ? "Some of your changes have not been in a backup for " + plural(days, "day") +
          ". Download a backup to keep them safe." : "");
      };
      go.addEventListener("click", () => {
        const result = download();
        say(done, "Backup downloaded as " + result.fileName + ". Keep it somewhere safe: it is your " +
          "copy if this browser's data is wiped." + (result.problem ? " But this site could not " +
          "restore it as it is. " + result.problem : ""));
        refresh();
      });
      refreshers.push(refresh);
      refresh();
    }));

    doc.querySelectorAll("[data-ap-backup-restore]").forEach((box) => AP.once(box, "backup", () => {
      let chosen = null, name = "";
      const input = el("input", "", { type: "file", id: "ap-backup-file", accept: ".json,application/json" });
      const pick = el("p");
      pick.append(el("label", "Choose a backup file", { for: "ap-backup-file" }), " ", input);
      const problem = el("p", "", { role: "alert", class: "ap-notice" });
      const outcome = el("p", "", { role: "status", class: "ap-notice" });
      const preview = el("div", "", { class: "ap-backup-preview" });
      box.textContent = "";
      box.append(pick, problem, preview, outcome);
      const clear = () => { chosen = null; preview.textContent = ""; preview.hidden = true; say(problem, ""); };
      const refuse = (text) => {
        clear();
        say(problem, "“" + name + "” was not restored. " + text + " Nothing on this device has changed.");
      };
      clear();
      say(outcome, "");

      function show(backup, clock) {
        chosen = backup;
        const merge = planRestore(store.snapshot(), backup, "merge");
        const replace = totals(planRestore(store.snapshot(), backup, "replace"));
        const heading = el("h3", "What this backup would change", { tabindex: "-1" });
        const about = el("p", "The backup was made on " + AP.formatDate(backup.exported) +
          (backup.courseVersion ? " with version " + backup.courseVersion + " of the course" : "") + "." +
          (clock ? " It says it was made on " + clip(clock.slice(0, 10), 10) + ", later than today: the " +
            "computer that made it probably had its clock set wrong. Its entries are dated today, so " +
            "that edits you make here later still count." : ""));
        const table = el("table"), head = el("tr");
        table.append(el("caption", "If you merge it into your record"));
        ["Part of your record", "Would add", "Would update", "Would leave as it is"]
          .forEach((h) => head.append(el("th", h, { scope: "col" })));
        table.append(head);
        const entries = el("div");
        merge.rows.forEach((r) => {
          const tr = el("tr");
          tr.append(el("th", r.name, { scope: "row" }), el("td", count(r.add.length)),
            el("td", count(r.update.length)), el("td", count(r.leave)));
          table.append(tr);
          if (!r.add.length && !r.update.length) return;
          const ul = el("ul");
          // Imported words are shown only as text: a file may carry markup, and it stays inert.
          r.add.forEach((x) => ul.append(el("li", "New: " + label(x))));
          r.update.forEach((x) => ul.append(el("li", "Newer in the file: " + label(x))));
          entries.append(el("p", r.name), ul);
        });
        const t = totals(merge);
        const list = el("details");
        list.append(el("summary", "Show the entries it would add or update"), entries);
        const note = el("p", "Merging keeps the newest edit of every entry and loses nothing: " +
          plural(t.add, "entry", "entries") + " would be added, " + count(t.update) + " updated and " +
          count(t.leave) + " left as they are. Replacing makes your record exactly the backup: " +
          count(replace.add + replace.update) + " would be added or changed and " + count(replace.remove) +
          " removed, after a copy of your record as it is now is downloaded.");
        const merging = button("Merge into my record"), replacing = button("Replace my record with the backup");
        const cancel = button("Cancel");
        const actions = el("p");
        actions.append(merging, " ", replacing, " ", cancel);
        preview.textContent = "";
        preview.append(heading, about, table, note);
        if (entries.childNodes.length) preview.append(list);
        preview.append(actions);
        preview.hidden = false;
        heading.focus();
        merging.addEventListener("click", () => apply("merge"));
        replacing.addEventListener("click", () => apply("replace"));
        cancel.addEventListener("click", () => { clear(); input.focus(); });
      }

      const refusal = (result) => result.reason === "no-room" ? "It needs about " + megabytes(result.needed) +
        " more space than this browser has left for the site (about " + megabytes(Math.max(result.free, 0)) +
        "). Delete some entries you no longer need, then try again."
        : result.reason === "full" ? "This browser ran out of space for the site part-way, so " +
          "everything restored so far was undone." : result.message;

      function apply(mode) {
        if (!chosen) return;
        const snapshot = store.snapshot();
        let plan = planRestore(snapshot, chosen, mode), copied = false;
        if (mode === "replace") {
          // A replace that cannot fit is refused before the learner is asked or sent a copy (a
          // merge asks nothing: applyAll refuses it before writing).
          const room = store.fits(plan);
          if (!room.ok) return refuse(refusal(room));
          if (!root.confirm("Replace your whole record on this device with the backup? A copy of " +
            "your record as it is now will download first.")) return;
          copied = Object.values(snapshot.data).some((l) => l.length) || Object.keys(snapshot.settings).length > 0;
          if (copied) {
            download(true);
            plan = planRestore(store.snapshot(), chosen, mode); // the download noted the backup
          }
        }
        const t = totals(plan), result = store.applyAll(plan);
        if (!result.ok) return refuse(refusal(result));
        clear();
        const text = (mode === "merge" ? "Your record is restored from the backup: " :
          "Your record now holds exactly the backup: ") + plural(t.add, "entry", "entries") + " added, " +
          count(t.update) + " updated" + (mode === "merge" ? " and " + count(t.leave) + " left as they were."
            : ", " + count(t.leave) + " unchanged and " + count(t.remove) + " removed.") +
          (copied ? " Your record as it was before was downloaded first." : "");
        say(outcome, text);
        refreshers.forEach((fn) => fn());
        input.focus();
      }

      input.addEventListener("change", () => {
        const file = input.files && input.files[0];
        say(outcome, "");
        clear();
        if (!file) return;
        name = file.name;
        input.value = ""; // the same file can be chosen again, for example after a refusal
        if (file.size > LIMITS.bytes) return refuse(tooBig(file.size));
        file.arrayBuffer().then((bytes) => {
          const text = decodeFile(bytes);
          if (text === null) return refuse(NOT_UTF8);
          const read = readBackup(text, store.snapshot().dataVersion);
          if (read.ok) show(read.backup, read.clock);
          else refuse(read.problem);
        }, () => refuse("The file could not be read."));
      });
    }));

    // Mount runs twice on one page after instant navigation: keep the first one's listener.
    if (refreshers.length || !doc.querySelector("[data-ap-backup-export]")) {
      if (unsubscribe) unsubscribe();
      unsubscribe = refreshers.length ? store.onChange(() => refreshers.forEach((fn) => fn())) : null;
    }
  }

  AP.backup = {
    download,
    /** Days the learner's oldest change has waited for a backup, once a reminder is due; else 0. */
    reminderDays: () => AP.store ? reminderDays(AP.store.snapshot(), AP.store.lastBackup(), Date.now()) : 0
  };
  // On a full page load this content script runs before the global scripts (core.js, store.js),
  // which come later in the page; after instant navigation they are already there.
  const start = () => AP.register("backup", mount);
  if (AP.register) start();
  else if (root.document) root.document.addEventListener("DOMContentLoaded", start);

  if (typeof module === "object" && module.exports) {
    module.exports = { FORMAT, LIMITS, DEPTH, HOSTILE, RESERVED, REMIND_AFTER_DAYS, textLength, decodeFile, clip,
      makeBackup, fileName, readBackup, planRestore, totals, reminderDays };
  }
})(typeof window !== "undefined" ? window : globalThis);
