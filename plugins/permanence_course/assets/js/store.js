/* store.js: learner data, only in this browser. One key per record ("ap:<collection>:<id>") so a
 * keystroke rewrites one small entry, not 2 MB (~22 ms); each value is {version, data}; the keys
 * are listed in docs/privacy.md. Storages come as getters so tests can make them throw or fill. */
(function (root) {
  "use strict";
  const AP = root.AP || (root.AP = {});
  const P = "ap:", META = P + "meta", MODE = P + "mode", SET = P + "setting:", KEPT = P + "corrupt:";
  const LEGACY = "ap-plan"; // data version 0, the preview: everything in one key
  const QUIZ = "quiz_progress_"; // mkdocs-quiz's keys
  const RESERVED = { meta: 1, mode: 1, setting: 1, corrupt: 1 };
  const LOST = "Your last change was not saved: ";
  const SAFE = " Everything saved before is safe. Export your notes";
  const MSG = {
    memory: "Your browser is not letting this site store anything. The site still works, but " +
      "this session's notes will be lost when you close or reload it unless you export them.",
    session: "Shared-computer mode is on: your notes are kept only in this browser tab and are " +
      "deleted when you close it. Export them if you want to keep them.",
    "read-only": "Your notes on this device were saved by a newer version of this site, so this " +
      "older copy leaves them as they are: nothing you change here is saved.",
    kept: "Some saved data could not be read. It has been kept aside unchanged, and nothing else " +
      "was affected. You can download it as it was stored.",
    full: LOST + "this browser's storage for the site is full." + SAFE + ", then delete some.",
    unavailable: LOST + "the browser stopped this site storing it." + SAFE + " to keep them.",
    invalid: "This could not be saved: it is not in a form the site can store.",
    "no-room": "Nothing was changed: there is not enough space left in this browser's storage for the site."
  };

  // -- pure functions (node --test) ----------------------------------------------------------
  const parse = (text) => { try { return JSON.parse(text); } catch (e) { return undefined; } };
  const copy = (v) => v === undefined ? v : JSON.parse(JSON.stringify(v));
  const isObj = (v) => !!v && typeof v === "object" && !Array.isArray(v);
  const validName = (c) => /^[a-z][a-z0-9-]*$/.test(c) && !RESERVED[c] && !(c in Object.prototype);
  const wrap = (data) => JSON.stringify({ version: VERSION, data });

  function unwrap(text) {
    const e = parse(text);
    return isObj(e) && Number.isInteger(e.version) && e.version >= 1 && "data" in e ? e : null;
  }
  const validRecord = (r) => isObj(r) && typeof r.id === "string" && r.id !== "" &&
    typeof r.created === "string" && typeof r.updated === "string";

  // -- every value, on every way in (put, storage read, another tab, restore) -----------------
  // The same rules as schemas/learner-backup.schema.json ($defs record, id and the collections'
  // own fields): tests/js/validate.test.js checks the two agree on the hostile fixtures.
  const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
  const TEXT = 100000, ITEMS = 1000;
  /** A name that could reach an object's prototype ("__proto__", "constructor", "toString"...). */
  const hostileName = (k) => k in Object.prototype || k === "prototype";
  /** An id-like value (an outcome, reflection, page or standard id): short, plain, never a
   *  prototype's name, so that it can key an object. */
  const isId = (v) => typeof v === "string" && /^[A-Za-z0-9][\w.:/-]{0,199}$/.test(v) && !hostileName(v);
  const isTime = (v) => typeof v === "string" && TIME.test(v) && !isNaN(Date.parse(v));
  const T = {
    // Characters as JSON Schema counts them: code points (counted only when it matters).
    text: (v) => typeof v === "string" && (v.length <= TEXT || Array.from(v).length <= TEXT),
    id: isId,
    ids: (v) => Array.isArray(v) && v.length <= ITEMS && v.every(isId),
    bool: (v) => typeof v === "boolean",
    int: (v) => Number.isInteger(v),
    num: (v) => typeof v === "number" && isFinite(v),
    nul: (v) => v === null,
    obj: isObj
  };
  const WHAT = { text: "text", id: "an id", ids: "a list of ids", bool: "yes or no", int: "a whole number",
    num: "a number", nul: "empty", obj: "a group of values" };
  // Each collection's known fields: the types each may have. Other fields are free (within the
  // generic limits), so that a later version's additions still load.
  const FIELDS = {
    goals: { title: "text", text: "text", actions: "text", measure: "text", targetDate: "text", status: "text",
      outcome: "id", outcomes: "ids", standards: "ids", supervision: "bool", done: "bool", versions: "versions" },
    reflections: { text: "text", reflection: "id", page: "text", module: "int nul", standards: "ids",
      supervision: "bool", promptSnapshot: "obj", versions: "versions" },
    ratings: { outcome: "id", phase: "phase", value: "rating", outcomeSnapshot: "text" },
    progress: { done: "bool", visited: "text", lastVisited: "text" },
    quiz: { page: "text", hash: "text", score: "num", total: "num", answered: "num" },
    studyplan: { module: "int", plannedDate: "text" },
    supervision: { date: "text", withRole: "text", discussed: "text", agreedActions: "text" },
    cpd: { year: "year", usedForYear: "year nul", date: "text", type: "text", description: "text", learnt: "text",
      impact: "text", source: "source nul", peer: "peer nul", versions: "versions" },
    "stage-notes": { scenario: "text", stage: "int", text: "text", page: "text", module: "int nul" }
  };
  T.phase = (v) => v === "start" || v === "end";
  T.rating = (v) => Number.isInteger(v) && v >= 0 && v <= 5;
  T.year = (v) => Number.isInteger(v) && v >= 1900 && v <= 9999;
  T.source = (v) => isObj(v) && typeof v.kind === "string" && typeof v.id === "string";
  T.peer = (v) => isObj(v) && ["date", "role", "learnt"].every((k) => v[k] === undefined || T.text(v[k]));
  T.versions = (v) => Array.isArray(v) && v.length <= 50 && v.every((x) => isObj(x) && Object.values(x).every(scalar));
  Object.assign(WHAT, { phase: "“start” or “end”", rating: "a rating from 0 to 5", year: "a year",
    source: "what the record was made from", peer: "a peer reflection", versions: "a list of versions" });
  const scalar = (v) => v === null || ["number", "boolean"].includes(typeof v) || T.text(v);
  /** A field's value within the schema's generic limits: a scalar, or lists and groups at most
   *  two levels deep, every name safe. */
  function generic(v, depth) {
    if (scalar(v)) return true;
    if (depth > 2 || !v || typeof v !== "object") return false;
    const list = Array.isArray(v), keys = Object.keys(v);
    return keys.length <= ITEMS && keys.every((k) => (list || (!hostileName(k) && k.length <= 200)) && generic(v[k], depth + 1));
  }
  /** What is wrong with a record of a collection, in words ("" when nothing). */
  function checkRecord(c, r) {
    if (!isObj(r)) return "is not an entry";
    if (!isId(r.id) && !(typeof r.id === "string" && r.id && r.id.length <= 200 && !hostileName(r.id))) return "has no valid id";
    for (const t of ["created", "updated"]) if (!isTime(r[t])) return "has no valid “" + t + "” date";
    const known = Object.prototype.hasOwnProperty.call(FIELDS, c) ? FIELDS[c] : {};
    for (const k of Object.keys(r)) {
      if (hostileName(k) || k.length > 200) return "has a field named “" + k.slice(0, 40) + "”, which no entry uses";
      const v = r[k], types = Object.prototype.hasOwnProperty.call(known, k) ? known[k].split(" ") : null;
      if (types && !types.some((t) => T[t](v))) return "has a “" + k + "” that is not " + types.map((t) => WHAT[t]).join(" or ");
      if (!types && !generic(v, 0)) return "has a “" + k + "” nested too deeply, too long or with a name no entry uses";
    }
    return "";
  }
  /** A setting's name and value as the schema allows them. */
  const settingOk = (name, v) => typeof name === "string" && name !== "" && name.length <= 200 &&
    !hostileName(name) && v !== undefined && generic(v, 1);
  const SKEW = 5 * 60000; // a clock a few minutes out is not a future edit
  /** Is a record dated later than `now` allows (beyond a few minutes' clock skew)? */
  const future = (r, now) => ["created", "updated"].some((t) => Date.parse(r[t]) > Date.parse(now) + SKEW);
  /** A record's edit times no later than `at` (a backup's export time: nothing in it can have
   *  been edited later), so that a hostile date can never beat the learner's later edits.
   *  Returns the record, changed in place. */
  function clampTimes(r, at) {
    for (const t of ["created", "updated"]) if (isTime(r[t]) && Date.parse(r[t]) > Date.parse(at)) r[t] = at;
    return r;
  }

  /** "ap:goals:g1" -> {collection: "goals", id: "g1"}, else null. */
  function recordKey(key) {
    const m = /^ap:([a-z][a-z0-9-]*):([\s\S]+)$/.exec(key);
    return m && !RESERVED[m[1]] && !(m[1] in Object.prototype) ? { collection: m[1], id: m[2] } : null;
  }
  /** Of two versions of one record, the later edit (a on a tie). */
  const later = (a, b) => !b || (a && a.updated >= b.updated) ? a : b;
  const byCreated = (list) => list.sort((x, y) => x.created < y.created ? -1 : x.created > y.created ? 1 : 0);
  /** Records merged by id, keeping each one's later edit; oldest created first. */
  function merge(a, b) {
    const by = new Map();
    a.concat(b).forEach((r) => { by.set(r.id, later(r, by.get(r.id))); });
    return byCreated(Array.from(by.values()));
  }

  // MIGRATIONS[n] turns data at version n into version n + 1, given the time to stamp.
  const MIGRATIONS = [
    // 0 -> 1. The preview kept one key, "ap-plan": {goals: [{text, done}], reflections: {<id>:
    // text}, settings}, no ids or times. Derived ids: a migration run twice makes no duplicates.
    (old, now) => {
      const refl = isObj(old.reflections) ? old.reflections : {};
      return {
        collections: {
          goals: (Array.isArray(old.goals) ? old.goals : []).filter(isObj)
            .map((g, i) => ({ ...g, id: "v0-goal-" + i, created: now, updated: now })),
          reflections: Object.keys(refl).map((id) =>
            ({ id: "v0-" + id, reflection: id, text: String(refl[id]), created: now, updated: now }))
        },
        settings: isObj(old.settings) ? old.settings : {}
      };
    }
  ];
  const VERSION = MIGRATIONS.length;
  function migrate(data, from, now, list = MIGRATIONS) {
    for (let v = from; v < list.length; v++) data = list[v](data, now);
    return data;
  }

  /** @type {[string, string[], string][]} */
  const REFS = [["outcomes", ["outcome", "outcomes"], "outcomeSnapshots"],
    ["reflections", ["reflection"], "reflectionSnapshots"]];
  /** A record brought up to date with the course: renamed outcome and reflection ids followed,
   *  ids it no longer has listed in `retired`, each one's text kept in a snapshot (`fresh`:
   *  the current text, as when the learner saves). Nothing is dropped. */
  function reconcile(record, manifest, fresh) {
    const r = copy(record), retired = [];
    for (const [table, fields, snap] of REFS) {
      const have = manifest[table] || {}, renames = (manifest.renames || {})[table] || [];
      const snaps = r[snap] || {};
      const find = (id) => renames.find((e) => e.old === id) || {};
      const current = (id) => {
        // A chain of renames, but never round a loop for ever.
        for (let n = 0; n < 9 && !have[id] && find(id).new; n++) {
          const to = find(id).new;
          if (snaps[to] === undefined && snaps[id] !== undefined) snaps[to] = snaps[id];
          delete snaps[id];
          id = to;
        }
        if (have[id]) {
          if (fresh || snaps[id] === undefined) snaps[id] = have[id].text || have[id].title || "";
        } else {
          retired.push(id);
          if (snaps[id] === undefined && find(id).text) snaps[id] = find(id).text;
        }
        return id;
      };
      for (const f of fields) {
        if (typeof r[f] === "string") r[f] = current(r[f]);
        else if (Array.isArray(r[f])) r[f] = r[f].map((x) => typeof x === "string" ? current(x) : x);
      }
      if (Object.keys(snaps).length) r[snap] = snaps;
    }
    if (retired.length) r.retired = retired;
    else delete r.retired;
    return r;
  }

  /** A stored quiz result, or null when the page's question set has changed since or some of
   *  its questions are not answered yet. */
  function currentQuizResult(record, manifest, pageId) {
    const quiz = ((manifest.pages || {})[pageId] || {}).quiz;
    // Only a finished quiz counts (pages/quiz.js settles each question; a result recorded
    // without `answered` is taken as finished).
    const finished = record && (record.answered === undefined || record.answered >= (quiz && quiz.questions || record.total));
    return record && quiz && quiz.hash === record.hash && finished ? record : null;
  }
  /** What a kept-aside key held, in words: "goals entry “g1”", "quiz answers for /quiz/". */
  function keptName(key) {
    const rk = recordKey(key), clip = (s) => s.length > 60 ? s.slice(0, 59) + "…" : s;
    if (rk) return rk.collection + " entry “" + clip(rk.id) + "”";
    if (!key.indexOf(QUIZ)) return "quiz answers for " + clip(key.slice(QUIZ.length));
    if (!key.indexOf(SET)) return "setting “" + clip(key.slice(SET.length)) + "”";
    return clip(key);
  }
  /** Is a key this site's: ours, mkdocs-quiz's or the theme's ("/.__palette")? */
  const siteKey = (k) => !k.indexOf(P) || !k.indexOf(QUIZ) || k === LEGACY || /^\/.*\.__\w+$/.test(k);
  /** Would mkdocs-quiz read this stored answer set? (It deletes one it cannot, with no copy.) */
  function quizReadable(text) {
    if (typeof text !== "string" || text.length > 50000) return false;
    const v = parse(text);
    return isObj(v) && Object.keys(v).every((k) => isObj(v[k]) && typeof v[k].answered === "boolean" &&
      typeof v[k].correct === "boolean");
  }
  const keysOf = (s) => Array.from({ length: s.length }, (_, i) => s.key(i));
  /** The fallback when the browser refuses storage. */
  function memoryStorage() {
    const m = new Map();
    return {
      get length() { return m.size; },
      key: (i) => Array.from(m.keys())[i],
      getItem: (k) => m.has(k) ? m.get(k) : null,
      setItem: (k, v) => { m.set(k, String(v)); },
      removeItem: (k) => { m.delete(k); }
    };
  }
  const isQuota = (e) => !!e && (e.name === "QuotaExceededError" || e.code === 22 || e.code === 1014);

  // -- the store ------------------------------------------------------------------------------
  /** opts: {local, session: () => Storage (may throw), manifest, now: () => ISO time,
   *  persist: () => Promise<boolean>, notify: called when notices change}. */
  function createStore(opts) {
    const manifest = opts.manifest || {}, now = opts.now || (() => new Date().toISOString());
    const course = (manifest.course || {}).version || null;
    const api = {};
    let listeners = [], asked = false;
    let mode, storage, local, cache, settings, meta, readOnly, kept, failure;

    function probe(get) {
      let s;
      try {
        s = get();
        s.setItem(P + "probe", "1");
        s.removeItem(P + "probe");
        return s;
      } catch (e) {
        // Full is not unavailable: a full storage still holds the learner's data.
        try { return isQuota(e) && s.length ? s : null; } catch (e2) { return null; }
      }
    }
    const notify = () => opts.notify && opts.notify();
    const emit = (collection, id, source) => listeners.slice().forEach((fn) => fn({ collection, id, source }));
    function fail(reason) {
      const result = { ok: false, reason, message: MSG[reason] };
      if (reason === "full" || reason === "unavailable") { failure = result; notify(); }
      return result;
    }
    /** Write one key: null, or the failure (shown to the learner). */
    function write(key, data) {
      try { storage.setItem(key, wrap(data)); } catch (e) { return fail(isQuota(e) ? "full" : "unavailable"); }
      return null;
    }
    // A learner's change saved: the last failure's message has done its job.
    const saved = () => failure && !(failure = null) && notify();
    const table = (c) => cache[c] || (cache[c] = Object.create(null));
    function save(c, r) {
      const err = write(P + c + ":" + r.id, r);
      if (!err) table(c)[r.id] = r;
      return err;
    }
    const saveMeta = (patch) => write(META, meta = { ...meta, ...patch });
    const each = (fn) => Object.keys(cache).forEach((c) => Object.values(cache[c]).forEach((r) => fn(c, r)));
    function keepAside(key, text) {
      if (!kept.some((k) => k.key === key)) kept.push({ key, text });
      try {
        storage.setItem(KEPT + key, text);
        storage.removeItem(key);
      } catch (e) { /* left in place: skipped on load, still offered to download */ }
    }
    // Once there is data: store the course version and ask the browser to keep it.
    function settle() {
      if (meta.courseVersion !== course) saveMeta({ courseVersion: course });
      if (mode !== "local" || asked || !opts.persist) return;
      asked = true;
      opts.persist().then((granted) => {
        if (meta.persisted !== granted && !readOnly) saveMeta({ persisted: granted });
      }, () => {});
    }

    function load() {
      cache = Object.create(null); settings = Object.create(null); meta = {}; readOnly = false; kept = [];
      const entries = keysOf(storage).filter((k) => !k.indexOf(P) && k !== MODE).map((key) => {
        const text = storage.getItem(key), env = key.indexOf(KEPT) ? unwrap(text) : null;
        if (env && env.version > VERSION) readOnly = true;
        return { key, text, env };
      });
      for (const { key, text, env } of entries) {
        const rk = recordKey(key), d = env && env.data, set = !key.indexOf(SET);
        if (!key.indexOf(KEPT)) kept.push({ key: key.slice(KEPT.length), text });
        else if (key !== META && !rk && !set) continue;
        else if (!env || (key === META ? !isObj(d) : rk ? checkRecord(rk.collection, d) || d.id !== rk.id
          : !settingOk(key.slice(SET.length), d))) {
          // From a newer version it may be a format unknown here: leave it be.
          if (!readOnly) keepAside(key, text);
        } else if (key === META) meta = d;
        else if (set) settings[key.slice(SET.length)] = d;
        else table(rk.collection)[rk.id] = d;
      }
      if (readOnly) return;
      // mkdocs-quiz deletes a stored answer set it cannot read, with no copy: keep it aside first.
      if (mode === "local") keysOf(storage).filter((k) => !k.indexOf(QUIZ)).forEach((k) => {
        const text = storage.getItem(k);
        if (!quizReadable(text)) keepAside(k, text);
      });
      // Version 0 moves record by record; its key goes once every record is safe. (Values from
      // version 1 on carry their version: MIGRATIONS[1] would be applied to them here.)
      const legacy = storage.getItem(LEGACY);
      if (legacy !== null) {
        const old = parse(legacy);
        if (!isObj(old)) keepAside(LEGACY, legacy);
        else {
          const data = migrate(old, 0, now());
          let ok = true;
          for (const [c, list] of Object.entries(data.collections)) {
            for (const r of list) if (!(cache[c] && cache[c][r.id])) ok = !save(c, r) && ok;
          }
          for (const [n, v] of Object.entries(data.settings)) {
            if (ok && !(n in settings) && (ok = !write(SET + n, v))) settings[n] = v;
          }
          if (ok) storage.removeItem(LEGACY);
        }
      }
      // The course may have renamed or retired outcomes and reflections.
      if (course) {
        each((c, r) => {
          const n = reconcile(r, manifest);
          if (JSON.stringify(n) !== JSON.stringify(r)) save(c, n);
        });
      }
      if (Object.keys(cache).length) settle();
    }

    function pick() {
      local = probe(opts.local);
      const shared = local && unwrap(local.getItem(MODE));
      const session = shared && shared.data === "session" && probe(opts.session);
      if (session && !session.getItem(MODE)) {
        // A new session on a shared computer: clear the quiz answers the last person left.
        keysOf(local).forEach((k) => { if (!k.indexOf(QUIZ)) local.removeItem(k); });
        session.setItem(MODE, local.getItem(MODE));
      }
      // Having chosen shared mode, a learner gets memory, not the device, if sessions fail.
      mode = session ? "session" : local && !shared ? "local" : "memory";
      storage = session || (mode === "local" ? local : memoryStorage());
      load();
    }

    api.mode = () => mode;
    api.readOnly = () => readOnly;
    api.list = (c) => byCreated(Object.values(cache[c] || {}).map(copy));
    api.get = (c, id) => validName(c) && cache[c] && typeof id === "string" && cache[c][id] ? copy(cache[c][id]) : null;

    api.put = (c, record) => {
      let r;
      try { r = copy(record); } catch (e) { return fail("invalid"); }
      if (!validName(c) || !isObj(r) || (r.id !== undefined && (typeof r.id !== "string" || !r.id))) {
        return fail("invalid");
      }
      if (readOnly) return fail("read-only");
      const prev = api.get(c, r.id), t = now();
      r.id = r.id || Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
      r.created = prev ? prev.created : t;
      r.updated = t;
      if (course) r = reconcile(r, manifest, true);
      if (checkRecord(c, r)) return fail("invalid");
      const err = save(c, r);
      if (err) return err;
      saved();
      settle();
      emit(c, r.id, "this-tab");
      return { ok: true, record: copy(r) };
    };

    api.remove = (c, id) => {
      if (readOnly) return fail("read-only");
      const prev = api.get(c, id);
      try { storage.removeItem(P + c + ":" + id); } catch (e) { return fail("unavailable"); }
      if (prev) delete cache[c][id];
      emit(c, id, "this-tab");
      return { ok: true, record: prev };
    };

    api.getSetting = (name, fallback) =>
      Object.prototype.hasOwnProperty.call(settings, name) ? copy(settings[name]) : fallback;
    api.setSetting = (name, value) => {
      if (!settingOk(name, value === undefined ? value : copy(value))) return fail("invalid");
      if (readOnly) return fail("read-only");
      const err = write(SET + name, value);
      if (err) return err;
      saved();
      settings[name] = copy(value);
      settle();
      emit("settings", name, "this-tab");
      return { ok: true, record: copy(value) };
    };

    api.onChange = (fn) => {
      listeners.push(fn);
      return () => { listeners = listeners.filter((f) => f !== fn); };
    };

    /** Every key the site stores, as stored: [{key, value, area: "local"|"session"|"memory"}]. */
    api.entries = () => [...new Set([storage, local || storage])].flatMap((s) => keysOf(s)
      .filter(siteKey).map((key) => ({ key, value: s.getItem(key), area: s === local ? "local" : mode })));
    /** Characters stored: what browsers count against their ~5 MB quota. */
    api.usage = () => ({
      bytes: api.entries().reduce((n, e) => n + e.key.length + e.value.length, 0),
      quota: 5 * 1024 * 1024
    });

    api.snapshot = () => {
      const data = {};
      for (const c of Object.keys(cache)) data[c] = api.list(c);
      return { dataVersion: VERSION, courseVersion: course, data, settings: copy(settings) };
    };

    /** Merge a snapshot (a backup) in by record id, keeping each one's later edit. */
    api.merge = (snap) => {
      if (!isObj(snap) || snap.dataVersion !== VERSION || !isObj(snap.data)) return fail("invalid");
      if (readOnly) return fail("read-only");
      let changed = 0, err = null;
      for (const [c, list] of Object.entries(snap.data)) {
        for (const r of Array.isArray(list) ? list : []) {
          // Dated in the future: it would beat every later real edit, so it is not taken.
          if (err || !validName(c) || checkRecord(c, r) || future(r, now())) continue;
          if (later(cache[c] && cache[c][r.id], r) !== r) continue;
          err = save(c, course ? reconcile(r, manifest) : r);
          if (!err) { changed++; emit(c, r.id, "this-tab"); }
        }
      }
      if (changed) settle();
      return err || { ok: true, changed };
    };

    /** The writes a set of changes makes, each key's old value and how much each grows, or a
     *  refusal (invalid, read-only, or no room in the space left), before anything is written. */
    const prepare = (changes) => {
      if (readOnly) return fail("read-only");
      const writes = [];
      try {
        const t = now();
        for (const [c, r] of changes.put || []) {
          if (!validName(c) || checkRecord(c, r) || future(r, t)) return fail("invalid");
          writes.push([P + c + ":" + r.id, wrap(course ? reconcile(r, manifest) : r)]);
        }
        for (const [c, id] of changes.remove || []) writes.push([P + c + ":" + id, null]);
        for (const [n, v] of Object.entries(changes.settings || {})) {
          if (!settingOk(n, v)) return fail("invalid");
          writes.push([SET + n, wrap(v)]);
        }
        for (const n of changes.removeSettings || []) writes.push([SET + n, null]);
      } catch (e) { return fail("invalid"); }
      const size = (k, v) => v === null ? 0 : k.length + v.length;
      const growth = (k, v) => size(k, v) - size(k, storage.getItem(k));
      // What frees space first (removals, smaller values), then what grows: a replace on a
      // nearly full store never needs more room part-way than at the end.
      writes.sort((a, b) => growth(a[0], a[1]) - growth(b[0], b[1]));
      const old = writes.map(([k]) => storage.getItem(k));
      const grows = writes.map(([k, v], i) => size(k, v) - size(k, old[i]));
      const needed = grows.reduce((a, b) => a + b, 0), { bytes, quota } = api.usage();
      if (needed > 0 && bytes + needed > quota) {
        return { ok: false, reason: "no-room", message: MSG["no-room"], needed, free: quota - bytes };
      }
      return { ok: true, writes, old, grows };
    };

    /** Whether applyAll(changes) would be accepted, writing nothing: {ok: true} or its refusal.
     *  (A browser whose real quota is below the estimate may still refuse part-way.) */
    api.fits = (changes) => {
      const ready = prepare(changes);
      return ready.ok ? { ok: true } : ready;
    };

    /** Write many records and settings at once, or nothing (a restore from a backup). Refused
     *  before writing when they would not fit in the space left; if the browser still refuses a
     *  write, every key is put back as it was. Records keep their own created and updated times.
     *  changes: {put: [[collection, record]], remove: [[collection, id]], settings: {name: value},
     *  removeSettings: [name]}. */
    api.applyAll = (changes) => {
      const ready = prepare(changes);
      if (!ready.ok) return ready;
      const { writes, old, grows } = ready;
      let done = 0;
      try {
        for (const [k, v] of writes) {
          if (v === null) storage.removeItem(k);
          else storage.setItem(k, v);
          done++;
        }
      } catch (e) {
        // Undo the writes that grew most first: every step then fits, as the start did.
        writes.slice(0, done).map((w, i) => i).sort((i, j) => grows[j] - grows[i]).forEach((i) => {
          try {
            if (old[i] === null) storage.removeItem(writes[i][0]);
            else storage.setItem(writes[i][0], old[i]);
          } catch (e2) { /* the browser allows no more */ }
        });
        return fail(isQuota(e) ? "full" : "unavailable");
      }
      saved();
      load();
      emit("*", null, "this-tab");
      notify();
      return { ok: true, changed: writes.length };
    };

    api.setShared = (on) => {
      if (mode === "memory") return fail("unavailable");
      if (readOnly) return fail("read-only");
      if (!on === (mode === "local")) return { ok: true };
      const from = storage, moved = [];
      let to = local;
      try { if (on) to = opts.session(); } catch (e) { return fail("unavailable"); }
      try {
        for (const k of keysOf(from)) {
          if (k.indexOf(P) || k === MODE) continue;
          to.setItem(k, from.getItem(k));
          moved.push(k);
        }
        // In both: this tab must not take itself for a new session on a shared computer.
        if (on) [to, local].forEach((s) => s.setItem(MODE, wrap("session")));
        else local.removeItem(MODE);
      } catch (e) {
        moved.forEach((k) => to.removeItem(k));
        return fail(isQuota(e) ? "full" : "unavailable");
      }
      for (const k of keysOf(from)) if (!k.indexOf(P) && (k !== MODE || !on)) from.removeItem(k);
      pick();
      emit("*", null, "this-tab");
      notify();
      return { ok: true };
    };

    /** Delete all the site stores but the choice of shared-computer mode. */
    api.clearAll = () => {
      for (const s of [local, storage, probe(opts.session)]) {
        if (s) keysOf(s).forEach((k) => { if (siteKey(k) && k !== MODE) s.removeItem(k); });
      }
      failure = null;
      pick();
      emit("*", null, "this-tab");
      notify();
      return { ok: true };
    };

    api.markBackedUp = (when) => readOnly ? fail("read-only") : saveMeta({ lastBackup: when || now() }) || { ok: true };
    api.lastBackup = () => meta.lastBackup || null;

    api.recordQuizResult = (page, hash, { score, total, answered }) =>
      api.put("quiz", { id: page, page, hash, score, total, answered });
    api.quizResult = (page) => currentQuizResult(api.get("quiz", page), manifest, page);

    /** {id, text, retired} for an outcome or reflection id, following renames; a retired one's
     *  text is from renames.yml or a record's snapshot. */
    api.describe = (kind, id) => {
      const [, [field], snap] = REFS[kind === "reflections" ? 1 : 0];
      const r = reconcile({ [field]: id }, manifest), cur = r[field];
      let text = (r[snap] || {})[cur];
      each((c, x) => { if (text === undefined && x[snap]) text = x[snap][cur]; });
      return { id: cur, text: text || "", retired: !!r.retired };
    };
    api.outcomeText = (id) => api.describe("outcomes", id).text;
    api.reflectionText = (id) => api.describe("reflections", id).text;

    api.notices = () => [
      readOnly && { role: "status", text: MSG["read-only"] },
      mode !== "local" && { role: "status", text: MSG[mode] },
      kept.length && { role: "alert", text: MSG.kept, download: true },
      failure && { role: "alert", text: failure.message }
    ].filter(Boolean);
    api.kept = () => copy(kept);
    api.dropKept = () => {
      keysOf(storage).forEach((k) => { if (!k.indexOf(KEPT)) storage.removeItem(k); });
      kept = [];
      notify();
    };

    /** Another tab changed a key (storage event): the stored value is the latest edit. */
    api.external = (key, text) => {
      if (key === MODE || key === null) { pick(); notify(); return emit("*", null, "other-tab"); }
      if (mode !== "local" || key.indexOf(P)) return;
      if (!key.indexOf(KEPT)) {
        const k = key.slice(KEPT.length);
        kept = kept.filter((x) => x.key !== k);
        if (text !== null) kept.push({ key: k, text });
        return notify();
      }
      const env = unwrap(text), rk = recordKey(key), d = env && env.data;
      if (env && env.version > VERSION && !readOnly) { readOnly = true; notify(); }
      if (key === META) { if (isObj(d)) meta = d; return; }
      // What another tab wrote passes the same checks as what is read on load; what fails is
      // listed with the data kept aside (the next load moves it there) and never used.
      const refuse = () => {
        if (!kept.some((k) => k.key === key)) kept.push({ key, text });
        notify();
      };
      if (!key.indexOf(SET)) {
        const name = key.slice(SET.length);
        if (text !== null && !(env && settingOk(name, d))) return refuse();
        if (text === null) delete settings[name];
        else settings[name] = d;
        return emit("settings", name, "other-tab");
      }
      if (!rk) return;
      const c = table(rk.collection);
      if (text !== null && (!env || checkRecord(rk.collection, d) || d.id !== rk.id)) {
        delete c[rk.id];
        refuse();
      } else if (text === null) delete c[rk.id];
      else c[rk.id] = d;
      emit(rk.collection, rk.id, "other-tab");
    };

    pick();
    return api;
  }

  AP.checkRecord = checkRecord;
  AP.clampTimes = clampTimes;

  // -- in the browser: notices, tabs in step, quiz results -------------------------------------
  const doc = root.document;
  if (doc) {
    let shown = "", store = null;
    const button = (label, fn) => {
      const b = doc.createElement("button");
      b.type = "button";
      b.className = "md-button";
      b.textContent = label;
      b.addEventListener("click", fn);
      return b;
    };
    const download = () => {
      const a = doc.createElement("a");
      const text = store.kept().map((k) => "== " + k.key + " ==\n" + k.text).join("\n\n");
      a.href = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
      a.download = "achieving-permanence-unreadable-data.txt";
      doc.body.appendChild(a);
      a.click();
      a.remove();
    };
    const render = () => {
      const list = store.notices(), sig = JSON.stringify([list, store.kept().map((k) => k.key)]);
      let box = doc.querySelector("[data-ap-store-notices]");
      if (box && sig === shown) return;
      shown = sig;
      if (box) box.remove();
      if (!list.length) return;
      box = doc.createElement("div");
      box.className = "ap-store-notices";
      box.setAttribute("data-ap-store-notices", "");
      for (const n of list) {
        const div = doc.createElement("div"), p = doc.createElement("p");
        div.className = "ap-notice";
        div.setAttribute("role", n.role);
        p.textContent = n.text;
        div.appendChild(p);
        if (n.download) {
          // Listed by name only: what was kept is never drawn as it was stored.
          const ul = doc.createElement("ul");
          ul.className = "ap-kept-list";
          store.kept().map((k) => keptName(k.key)).forEach((t) => { const li = doc.createElement("li"); li.textContent = t; ul.appendChild(li); });
          div.appendChild(ul);
        }
        if (n.download) {
          div.append(button("Download the unreadable data", download), " ",
            button("Delete the unreadable data", () => {
              if (root.confirm("Delete the unreadable data for good? Download it first if you may need it.")) store.dropKept();
            }));
        }
        box.appendChild(div);
      }
      const host = doc.querySelector(".md-content__inner") || doc.querySelector("main") || doc.body;
      host.insertBefore(box, host.firstChild);
    };
    const ns = (root.navigator || {}).storage;
    store = AP.store = createStore({
      local: () => root.localStorage,
      session: () => root.sessionStorage,
      manifest: AP.manifest(),
      persist: ns && ns.persist && (() => ns.persisted().then((p) => p || ns.persist())),
      notify: () => store && render()
    });
    root.addEventListener("storage", (e) => {
      try { if (e.storageArea !== root.localStorage) return; } catch (err) { return; }
      store.external(e.key, e.newValue);
    });
    // Mirror a quiz result by page id (unlike mkdocs-quiz's key, the same offline) and question
    // set hash, on submit only: mkdocs-quiz also reports answers it restores, perhaps to an
    // older question set. It reports synchronously, inside the submit event's dispatch.
    let submitted = false;
    doc.addEventListener("submit", (e) => {
      submitted = !!/** @type {Element} */ (e.target).closest(".quiz");
      root.setTimeout(() => { submitted = false; }, 0);
    }, true);
    root.addEventListener("quizProgressUpdate", (/** @type {any} */ e) => {
      const d = e.detail || {}, id = AP.page().id, quiz = ((AP.manifest().pages || {})[id] || {}).quiz;
      if (!submitted || !quiz || store.readOnly()) return;
      submitted = false;
      store.recordQuizResult(id, quiz.hash, { score: d.correct, total: d.total, answered: d.answered });
    });
    AP.register("store", render);
  }

  if (typeof module === "object" && module.exports) {
    module.exports = { VERSION, MIGRATIONS, MESSAGES: MSG, unwrap, validRecord, checkRecord, settingOk,
      clampTimes, isId, hostileName, quizReadable, FIELDS, recordKey, later,
      merge, migrate, reconcile, currentQuizResult, siteKey, memoryStorage, createStore };
  }
})(typeof window !== "undefined" ? window : globalThis);
