// Backup and restore without a browser: a file is checked in full before anything changes, a
// merge keeps every record's newest edit, and the store's applyAll writes all or nothing.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const S = require("../../plugins/permanence_course/assets/js/store.js");
const B = require("../../plugins/permanence_course/assets/js/pages/backup.js");

const SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, "../../schemas/learner-backup.schema.json"), "utf8"));
const quotaError = () => Object.assign(new Error("The quota has been exceeded."), { name: "QuotaExceededError" });

/** A Storage with a quota in characters (keys and values), refusing what would go over it as
 *  a full browser does. */
function fakeStorage(initial = {}) {
  const s = S.memoryStorage();
  for (const [k, v] of Object.entries(initial)) s.setItem(k, v);
  const set = s.setItem;
  s.quota = Infinity;
  s.used = () => Object.entries(s.dump()).reduce((n, [k, v]) => n + k.length + v.length, 0);
  s.setItem = (k, v) => {
    const old = s.getItem(k);
    if (s.used() - (old === null ? 0 : k.length + old.length) + k.length + String(v).length > s.quota) throw quotaError();
    set(k, v);
  };
  s.dump = () => Object.fromEntries(Array.from({ length: s.length }, (_, i) => [s.key(i), s.getItem(s.key(i))]));
  return s;
}

function clock(start = Date.UTC(2026, 10, 22, 9, 0, 0)) {
  let t = start;
  return () => new Date((t += 1000)).toISOString();
}

const MANIFEST = {
  course: { version: "1.0.0" },
  outcomes: { "m1-lo1": { text: "Explain what permanence means for a child", module: 1 } },
  reflections: {},
  pages: {},
  renames: { outcomes: [], reflections: [] }
};
const open = (local = fakeStorage(), now = clock()) =>
  S.createStore({ local: () => local, session: () => fakeStorage(), manifest: MANIFEST, now });

const T = "2026-11-01T09:00:00.000Z";
const rec = (id, fields = {}) => ({ id, created: T, updated: T, ...fields });

function file(fields = {}) {
  return {
    format: B.FORMAT, dataVersion: S.VERSION, courseVersion: "1.0.0", exported: "2026-11-22T10:00:00.000Z",
    data: { goals: [rec("g1", { title: "Read the guidance" })] }, settings: { pcfLevel: "advanced" }, ...fields
  };
}
const read = (value) => B.readBackup(typeof value === "string" ? value : JSON.stringify(value), S.VERSION);
function refused(value, ...words) {
  const result = read(value);
  assert.equal(result.ok, false, "expected a refusal");
  for (const w of words) assert.ok(result.problem.includes(w), `"${w}" not in: ${result.problem}`);
  return result.problem;
}
function restore(store, backup, mode = "merge") {
  return store.applyAll(B.planRestore(store.snapshot(), backup, mode));
}

// -- the file's form and the schema agree --------------------------------------------------------

test("the limits and names in backup.js are the schema's", () => {
  const d = SCHEMA.$defs, p = SCHEMA.properties;
  assert.equal(p.format.const, B.FORMAT);
  assert.equal(p.dataVersion.const, S.VERSION, "a new data version needs the schema updated too");
  assert.deepEqual(SCHEMA.required, ["format", "dataVersion", "courseVersion", "exported", "data", "settings"]);
  assert.equal(d.scalar.maxLength, B.LIMITS.text);
  assert.equal(d.key.maxLength, B.LIMITS.name);
  assert.deepEqual(d.key.not.enum, B.HOSTILE);
  assert.deepEqual(d.collection.not.enum, B.RESERVED);
  assert.equal(p.data.maxProperties, B.LIMITS.collections);
  assert.equal(p.data.additionalProperties.maxItems, B.LIMITS.records);
  for (const n of [d.record.maxProperties, d.group.maxProperties, p.settings.maxProperties,
    d.value.anyOf[1].maxItems, d.inner.anyOf[1].maxItems, d.inner.anyOf[2].maxProperties]) {
    assert.equal(n, B.LIMITS.items);
  }
  assert.deepEqual(B.DEPTH, { data: 6, settings: 4 });
});

test("a backup holds the store's snapshot with the format, versions and export date", () => {
  const store = open();
  store.put("goals", { title: "Read the special guardianship guidance", outcomes: ["m1-lo1"] });
  store.setSetting("pcfLevel", "advanced");
  const made = B.makeBackup(store.snapshot(), "2026-11-22T10:00:00.000Z");
  assert.deepEqual(Object.keys(made), ["format", "dataVersion", "courseVersion", "exported", "data", "settings"]);
  assert.equal(made.courseVersion, "1.0.0");
  assert.equal(made.data.goals[0].outcomeSnapshots["m1-lo1"], "Explain what permanence means for a child");
  assert.equal(B.fileName(made.exported), "achieving-permanence-backup-2026-11-22.json");
  assert.equal(B.fileName(made.exported, true), "achieving-permanence-before-restore-2026-11-22.json");
  assert.deepEqual(read(made), { ok: true, backup: made });
});

// -- export then import gives identical data ------------------------------------------------------

const WORDS = ["Ellie’s kinship carer", "Zoë and Siân", "przygotowanie", "家族", "👩🏽‍👧🏾 family time",
  "special guardianship", "\u202eright-to-left\u202c", "line one\nline two\ttabbed", "\"quoted\" \\ back"];

function generatedRecord(rng, i) {
  const words = (n) => Array.from({ length: n }, () => WORDS[Math.floor(rng() * WORDS.length)]).join(" ");
  return {
    title: words(3 + (i % 5)), text: words(i % 7 === 0 ? 2500 : 20), done: i % 2 === 0, value: i % 5 + 1,
    outcomes: ["m1-lo1", "m9-retired"], peer: i % 3 ? null : { date: "2026-11-02", role: words(1) },
    standards: ["pcf:1", "swe:4.2"]
  };
}
const seeded = (seed) => () => ((seed = (seed * 16807) % 2147483647) / 2147483647);

test("export then restore into a fresh browser gives identical data: unicode, long texts, many records", () => {
  for (const seed of [1, 7, 42]) {
    const rng = seeded(seed), mine = open();
    const n = 30 + Math.floor(rng() * 150);
    for (let i = 0; i < n; i++) mine.put(["goals", "reflections", "cpd", "supervision"][i % 4], generatedRecord(rng, i));
    mine.recordQuizResult("modules/1-basics/quiz", "abc123def456", { score: 1, total: 2, answered: 2 });
    mine.setSetting("profile", { name: "Siân O’Neill", registration: "SW123456" });
    mine.setSetting("trainerView", false);
    const text = JSON.stringify(B.makeBackup(mine.snapshot(), "2026-11-22T10:00:00.000Z"));
    const result = read(text);
    assert.equal(result.ok, true, result.problem);
    const fresh = open(fakeStorage(), clock(Date.UTC(2027, 0, 1)));
    assert.deepEqual(restore(fresh, result.backup).ok, true);
    assert.deepEqual(fresh.snapshot(), mine.snapshot());
    // Restoring the same file again changes nothing.
    const again = B.planRestore(fresh.snapshot(), result.backup, "merge");
    assert.deepEqual(B.totals(again), { add: 0, update: 0, leave: n + 1 + 2, remove: 0 });
  }
});

// -- merge and replace ----------------------------------------------------------------------------

test("merging two diverged copies keeps every record's newest edit and loses nothing", () => {
  const at = (d) => `2026-11-${String(d).padStart(2, "0")}T09:00:00.000Z`;
  const laptop = {
    dataVersion: 1, courseVersion: "1.0.0", settings: { pcfLevel: "advanced" },
    data: {
      goals: [rec("both", { title: "edited on the laptop later", updated: at(10) }),
        rec("laptop-only", { title: "new on the laptop", updated: at(3) }),
        rec("same", { title: "untouched", updated: at(1) })],
      reflections: [rec("r1", { text: "laptop wrote earlier", updated: at(4) })]
    }
  };
  const desktop = file({
    settings: { pcfLevel: "experienced", trainerView: true },
    data: {
      goals: [rec("both", { title: "edited on the desktop earlier", updated: at(9) }),
        rec("desktop-only", { title: "new on the desktop", updated: at(5) }),
        rec("same", { title: "untouched", updated: at(1) })],
      reflections: [rec("r1", { text: "desktop wrote later", updated: at(6) })]
    }
  });
  const plan = B.planRestore(laptop, desktop, "merge");
  assert.deepEqual(plan.put.map(([c, r]) => c + ":" + r.id), ["goals:desktop-only", "reflections:r1"]);
  assert.deepEqual(plan.remove, []);
  assert.deepEqual(plan.settings, { trainerView: true }); // this device's own choice stays
  assert.deepEqual(plan.rows.map((r) => [r.name, r.add.length, r.update.length, r.leave, r.remove]), [
    ["Goals", 1, 0, 3, 0], ["Reflections", 0, 1, 0, 0], ["Settings", 1, 0, 1, 0]]);

  // Applied to a store holding the laptop's copy: the union, newest edit of each.
  const local = fakeStorage();
  for (const [c, list] of Object.entries(laptop.data)) {
    for (const r of list) local.setItem(`ap:${c}:${r.id}`, JSON.stringify({ version: 1, data: r }));
  }
  local.setItem("ap:setting:pcfLevel", JSON.stringify({ version: 1, data: "advanced" }));
  const store = open(local);
  assert.equal(restore(store, desktop).ok, true);
  const titles = store.list("goals").map((r) => r.title).sort();
  assert.deepEqual(titles, ["edited on the laptop later", "new on the desktop", "new on the laptop", "untouched"]);
  assert.equal(store.get("reflections", "r1").text, "desktop wrote later");
  assert.equal(store.get("reflections", "r1").updated, at(6), "a restored record keeps its own edit time");
  assert.equal(store.getSetting("pcfLevel"), "advanced");
  assert.equal(store.getSetting("trainerView"), true);
  // And the other way round gives the same record.
  const other = open(fakeStorage());
  restore(other, desktop);
  restore(other, B.makeBackup({ ...laptop, data: laptop.data }, "2026-11-22T10:00:00.000Z"));
  const byId = (list) => list.sort((a, b) => a.id < b.id ? -1 : 1);
  assert.deepEqual(byId(other.list("goals")), byId(store.list("goals")));
  assert.deepEqual(other.list("reflections"), store.list("reflections"));
});

test("replace makes the record exactly the file's, removing what the file does not have", () => {
  const store = open();
  const kept = store.put("goals", { title: "only here" }).record;
  store.setSetting("trainerView", true);
  const backup = file();
  const plan = B.planRestore(store.snapshot(), backup, "replace");
  assert.deepEqual(plan.remove, [["goals", kept.id]]);
  assert.deepEqual(plan.removeSettings, ["trainerView"]);
  assert.equal(store.applyAll(plan).ok, true);
  assert.deepEqual(store.snapshot().data, backup.data);
  assert.deepEqual(store.snapshot().settings, backup.settings);
});

// -- refusals: each says what is wrong ------------------------------------------------------------

test("a file that is not JSON, or not a backup, is refused", () => {
  refused("this is not JSON {", "not in the JSON format");
  refused("", "not in the JSON format");
  for (const v of [[], "\"text\"", 12, null, { hello: 1 }, file({ format: "something-else" })]) {
    refused(typeof v === "string" ? v : JSON.stringify(v), "not a backup from this site");
  }
  assert.equal(read("\uFEFF" + JSON.stringify(file())).ok, true, "a byte order mark is fine");
});

test("an unknown or newer data version is refused", () => {
  refused(file({ dataVersion: S.VERSION + 1 }), "newer version of this site", "data version " + (S.VERSION + 1));
  for (const v of [0, -1, 1.5, "1", null, [1]]) refused(file({ dataVersion: v }), "is not one this site knows");
  const missing = file();
  delete missing.dataVersion;
  refused(missing, "is not one this site knows");
});

test("a file over 16 MB is refused, counting bytes as the file holds them", () => {
  const big = file({ data: { reflections: Array.from({ length: 200 }, (_, i) => rec("r" + i, { text: "x".repeat(90000) })) } });
  refused(big, "never more than 16 MB");
  // 6 million characters of three UTF-8 bytes each: under 16 million characters, over 16 MB.
  const wide = file({ data: { reflections: Array.from({ length: 60 }, (_, i) => rec("r" + i, { text: "€".repeat(100000) })) } });
  assert.ok(JSON.stringify(wide).length < B.LIMITS.bytes);
  refused(wide, "never more than 16 MB");
});

test("the largest record a browser can hold makes a backup that is not refused for its size", () => {
  // About 5 million characters (the site's whole storage), all three-byte characters.
  const full = file({ data: { reflections: Array.from({ length: 50 }, (_, i) => rec("r" + i, { text: "€".repeat(99000) })) } });
  assert.ok(new TextEncoder().encode(JSON.stringify(full)).length > 14 * 1024 * 1024);
  const result = read(full);
  assert.equal(result.ok, true, result.problem);
});

test("records of the wrong shape are refused, saying where", () => {
  const cases = [
    [{ data: { goals: "a goal" } }, "“goals” is not a list of entries"],
    [{ data: { goals: ["a goal"] } }, "item 1 of “goals” is not an entry"],
    [{ data: { goals: [{ title: "no id", created: T, updated: T }] } }, "item 1 of “goals” has no valid id"],
    [{ data: { goals: [rec("")] } }, "has no valid id"],
    [{ data: { goals: [rec("g1"), rec("g1")] } }, "item 2 of “goals” has the same id"],
    [{ data: { goals: [rec("g1", { updated: "last Tuesday" })] } }, "no valid “updated” date"],
    [{ data: { goals: [rec("g1", { created: 20261101 })] } }, "no valid “created” date"],
    [{ data: { goals: [rec("g1", { outcomeSnapshots: "text" })] } }, "“outcomeSnapshots” that is not a group"],
    [{ data: { meta: [] } }, "“meta” is not a part of a learner's record"],
    [{ data: { "Goals!": [] } }, "is not a part of a learner's record"],
    [{ data: [] }, "“data” is not a group"],
    [{ settings: [] }, "“settings” are not named settings"],
    [{ settings: { "": 1 } }, "“settings” are not named settings"],
    [{ exported: "yesterday" }, "export date"],
    [{ courseVersion: 2 }, "course version"],
    [{ extra: 1 }, "a part this site does not know (“extra”)"]
  ];
  for (const [fields, words] of cases) refused(file(fields), "not in the form of a backup", words);
});

test("__proto__, constructor and prototype are refused wherever they are", () => {
  const texts = [
    `{"__proto__": {"polluted": true}, ${JSON.stringify(file()).slice(1)}`,
    JSON.stringify(file()).replace('{"id":"g1"', '{"__proto__": {"isAdmin": true}, "id":"g1"'),
    JSON.stringify(file({ settings: { constructor: { prototype: { polluted: 1 } } } })),
    JSON.stringify(file({ data: { goals: [rec("g1", { peer: { prototype: "x" } })] } })),
    JSON.stringify(file({ data: { constructor: [] } })),
    // Even where the file is otherwise too deep or of an unknown version.
    JSON.stringify(file({ dataVersion: 99, data: { goals: [rec("g1", { a: [[[[{ __proto__: 1 }]]]] })] } }))
      .replace('"a":[[[[{}]]]]', '"a":[[[[{"__proto__":1}]]]]')
  ];
  for (const text of texts) {
    const problem = refused(text, "which no backup from this site uses");
    assert.match(problem, /“(__proto__|constructor|prototype)”/);
  }
  assert.equal({}.polluted, undefined);
  assert.equal(Object.prototype.isAdmin, undefined);
});

test("nesting deeper than the schema allows is refused, and a million levels do not crash", () => {
  assert.equal(read(file({ data: { goals: [rec("g1", { a: { b: [1, "two", null] } })] } })).ok, true);
  refused(file({ data: { goals: [rec("g1", { a: { b: [[1]] } })] } }), "nested more deeply",
    "“data” › “goals” › item 1 › “a” › “b” › item 1");
  assert.equal(read(file({ settings: { profile: { name: "Sam", tags: ["a"] } } })).ok, true);
  refused(file({ settings: { profile: { tags: [["a"]] } } }), "nested more deeply", "“settings” › “profile” › “tags” › item 1");
  const deep = '{"format":"achieving-permanence-backup","dataVersion":1,"data":' + "[".repeat(900000) + "]".repeat(900000) + "}";
  refused(deep, "nested more deeply");
});

test("text and names longer than the schema allows are refused; characters count as the schema counts", () => {
  const at = (text) => file({ data: { reflections: [rec("r1", { text })] } });
  assert.equal(read(at("x".repeat(B.LIMITS.text))).ok, true);
  refused(at("x".repeat(B.LIMITS.text + 1)), "longer than a backup allows", "100,001 characters",
    "“data” › “reflections” › item 1 › “text”", "the most is 100,000");
  // An emoji is one character to JSON Schema, two to JavaScript.
  assert.equal(read(at("👩".repeat(B.LIMITS.text))).ok, true);
  assert.equal(B.textLength("👩".repeat(B.LIMITS.text + 1)), B.LIMITS.text + 1);
  refused(file({ data: { goals: [rec("g1", { ["k".repeat(201)]: 1 })] } }), "A name in the file is longer");
  refused(file({ data: { goals: [rec("x".repeat(201))] } }), "has an id longer than a backup allows");
  refused(file({ data: { goals: Array.from({ length: B.LIMITS.records + 1 }, (_, i) => ({ id: "g" + i })) } }),
    "more entries than a backup allows", "10,001", "the most is 10,000");
  refused(file({ data: { goals: [rec("g1", { outcomes: Array(1001).fill("m1-lo1") })] } }), "more entries");
});

// -- the store writes all or nothing ---------------------------------------------------------------

test("a restore the browser refuses part-way is undone: storage is exactly as it was", () => {
  // The browser's quota is below the site's estimate of it, by more or less.
  let fitted = 0, refusedAll = 0;
  for (let room = 0; room < 1500; room += 100) {
    const local = fakeStorage();
    const store = open(local);
    store.put("goals", { title: "mine" });
    store.put("reflections", { id: "r1", text: "short" });
    store.setSetting("trainerView", true);
    const before = local.dump(), snapshot = store.snapshot();
    const backup = file({
      data: { reflections: [rec("r1", { text: "a much longer version ".repeat(50), updated: "2026-11-22T09:01:00.000Z" })],
        goals: [rec("g2"), rec("g3"), rec("g4")] },
      settings: { pcfLevel: "advanced", trainerView: false }
    });
    local.quota = local.used() + room;
    const result = restore(store, backup, room % 200 ? "replace" : "merge");
    local.quota = Infinity;
    // Space is freed before anything grows (issue 22), so with room enough a replace fits.
    if (result.ok) { fitted++; assert.equal(store.get("reflections", "r1").text.length, 1100, `room ${room}`); continue; }
    refusedAll++;
    assert.equal(result.reason, "full");
    assert.match(result.message, /Everything saved before is safe/);
    assert.deepEqual(local.dump(), before, `with ${room} characters to spare`);
    assert.deepEqual(store.snapshot(), snapshot);
    assert.deepEqual(open(local).snapshot(), snapshot);
  }
  assert.ok(refusedAll > 0, "some restores must still be refused and undone"); // and `fitted` may be any
});

test("a restore larger than the space left is refused before anything is written", () => {
  const filler = "f".repeat(4 * 1024 * 1024);
  const local = fakeStorage({ "ap:setting:filler": JSON.stringify({ version: 1, data: filler }) });
  const store = open(local);
  let writes = 0;
  const set = local.setItem;
  local.setItem = (k, v) => { writes++; set(k, v); };
  const before = local.dump();
  const big = file({ data: { reflections: Array.from({ length: 12 }, (_, i) => rec("r" + i, { text: "w".repeat(99000) })) } });
  assert.equal(read(big).ok, true);
  const result = restore(store, big);
  assert.equal(result.reason, "no-room");
  assert.ok(result.needed > result.free && result.free > 0);
  assert.equal(writes, 0);
  assert.deepEqual(local.dump(), before);
});

test("fits says whether a restore would be accepted, writing nothing", () => {
  // mkdocs-quiz's saved answers share the space, and a replace leaves them where they are.
  const local = fakeStorage({ "quiz_progress_/modules/1/quiz/": "f".repeat(4 * 1024 * 1024) });
  const store = open(local);
  const before = local.dump();
  const big = file({ data: { reflections: Array.from({ length: 12 }, (_, i) => rec("r" + i, { text: "w".repeat(99000) })) } });
  const result = store.fits(B.planRestore(store.snapshot(), big, "replace"));
  assert.equal(result.reason, "no-room");
  assert.ok(result.needed > result.free);
  assert.deepEqual(local.dump(), before);
  const small = B.planRestore(store.snapshot(), file(), "merge");
  assert.deepEqual(store.fits(small), { ok: true });
  assert.deepEqual(local.dump(), before, "fits wrote nothing");
  assert.equal(store.applyAll(small).ok, true);
});

test("applyAll refuses records of the wrong shape and a read-only store, writing nothing", () => {
  const local = fakeStorage();
  const store = open(local);
  assert.equal(store.applyAll({ put: [["goals", { id: "g1" }]] }).reason, "invalid");
  assert.equal(store.applyAll({ put: [["meta", rec("g1")]] }).reason, "invalid");
  assert.deepEqual(local.dump(), {});
  const newer = fakeStorage({ "ap:goals:g1": JSON.stringify({ version: 2, data: rec("g1") }) });
  const before = newer.dump();
  assert.equal(restore(open(newer), file()).reason, "read-only");
  assert.deepEqual(newer.dump(), before);
});

// -- the reminder ------------------------------------------------------------------------------------

test("a reminder is due once a change has waited 14 days for a backup", () => {
  const day = 86400000, now = Date.parse("2026-11-22T12:00:00.000Z");
  const snap = (...updated) => ({ data: { goals: updated.map((u, i) => rec("g" + i, { updated: u })) } });
  const ago = (days) => new Date(now - days * day).toISOString();
  assert.equal(B.reminderDays(snap(), null, now), 0, "nothing to back up");
  assert.equal(B.reminderDays(snap(ago(13)), null, now), 0);
  assert.equal(B.reminderDays(snap(ago(2), ago(15)), null, now), 15);
  assert.equal(B.reminderDays(snap(ago(20)), ago(19), now), 0, "backed up since");
  assert.equal(B.reminderDays(snap(ago(20), ago(16)), ago(19), now), 16);
  assert.equal(B.REMIND_AFTER_DAYS, 14);
});
