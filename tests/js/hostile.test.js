// Issue 22 without a browser: hostile and damaged values are refused or kept aside on every way
// in, nothing keyed by a stored value reaches a prototype, exports stay inert, two tabs' edits
// keep every word. The inputs are the files in tests/fixtures/hostile/.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
require("../../plugins/permanence_course/assets/js/core.js"); // AP.formatDate
const S = require("../../plugins/permanence_course/assets/js/store.js");
const B = require("../../plugins/permanence_course/assets/js/pages/backup.js");
const plan = require("../../plugins/permanence_course/assets/js/pages/plan.js");
const cpd = require("../../plugins/permanence_course/assets/js/pages/cpd.js");
const L = require("../../plugins/permanence_course/assets/js/learner.js");

const DIR = path.join(__dirname, "../fixtures/hostile");
const fixture = (name) => fs.readFileSync(path.join(DIR, name), "utf8");
const json = (name) => JSON.parse(fixture(name));
const NOW = "2026-12-03T10:00:00.000Z";
const read = (text) => B.readBackup(text, S.VERSION, NOW);

function storage(initial = {}) {
  const s = S.memoryStorage();
  for (const [k, v] of Object.entries(initial)) s.setItem(k, v);
  return s;
}
const MANIFEST = {
  course: { version: "1.0.0" },
  modules: [{ number: 1, title: "Basics", outcomes: ["m1-lo1"] }],
  outcomes: { "m1-lo1": { text: "Explain permanence", module: 1 } },
  reflections: {}, pages: {}, renames: { outcomes: [], reflections: [] }
};
let tick = Date.parse(NOW);
const now = () => new Date((tick += 1000)).toISOString();
const open = (local = storage()) => S.createStore({ local: () => local, session: () => storage(), manifest: MANIFEST, now });
const wrap = (data) => JSON.stringify({ version: 1, data });
const prototypesClean = () => {
  assert.equal(typeof Object.keys, "function");
  assert.equal(({}).start, undefined);
  assert.equal(({}).keys, undefined);
  assert.equal(Object.start, undefined);
};

// -- 3 and 4: values that once passed restore -------------------------------------------------

const REFUSED = {
  "rating-outcome-proto.json": "“outcome” that is not an id",
  "rating-outcome-constructor.json": "“outcome” that is not an id",
  "goal-outcomes-not-a-list.json": "“outcomes” that is not a list of ids",
  "reflection-standards-not-ids.json": "“standards” that is not a list of ids",
  "cpd-year-not-a-number.json": "“year” that is not a year",
  "course-version-100000.json": "course version is longer than 200 characters"
};
for (const [name, words] of Object.entries(REFUSED)) {
  test("a restore refuses " + name + " and says why", () => {
    const result = read(fixture(name));
    assert.equal(result.ok, false);
    assert.ok(result.problem.includes(words), result.problem);
    prototypesClean();
  });
}

test("the same values stored on the device are kept aside, listed and never used; the rest loads", () => {
  const seeded = { "ap:goals:fine": wrap({ id: "fine", created: NOW, updated: NOW, title: "Still here" }) };
  for (const name of Object.keys(REFUSED).filter((n) => n !== "course-version-100000.json")) {
    for (const [c, list] of Object.entries(json(name).data)) for (const r of list) seeded["ap:" + c + ":" + r.id] = wrap(r);
  }
  const local = storage(seeded), store = open(local);
  assert.deepEqual(store.list("goals").map((g) => g.title), ["Still here"]);
  assert.deepEqual(store.list("ratings"), []);
  assert.deepEqual(store.list("cpd"), []);
  assert.equal(store.kept().length, 5);
  assert.ok(store.notices().some((n) => n.download), "the learner is told, and can download or delete them");
  assert.equal(local.getItem("ap:corrupt:ap:ratings:y:keys"), seeded["ap:ratings:y:keys"]);
  store.dropKept();
  assert.equal(store.kept().length, 0);
  prototypesClean();
});

test("another tab's hostile value is refused like a stored one", () => {
  const store = open();
  const r = json("rating-outcome-constructor.json").data.ratings[0];
  store.external("ap:ratings:" + r.id, wrap(r));
  assert.equal(store.get("ratings", r.id), null);
  assert.equal(store.kept().length, 1);
  assert.equal(store.put("ratings", { id: "z", outcome: "constructor", phase: "keys", value: 1 }).reason, "invalid");
  prototypesClean();
});

test("My plan's self-rating rows never write onto a prototype, whatever the stored values", () => {
  const ratings = [
    { outcome: "__proto__", phase: "start", value: 3 },
    { outcome: "constructor", phase: "keys", value: 3 },
    { outcome: "toString", phase: "start", value: 2 },
    { outcome: "m1-lo1", phase: "start", value: 4 }
  ];
  const rows = plan.ratingRows(MANIFEST, ratings);
  assert.equal(rows[0].rows[0].start, 4);
  prototypesClean();
  assert.equal(typeof Object.prototype.toString.start, "undefined");
});

// -- 5: edit times in the future --------------------------------------------------------------

test("an edit time in the future is dated when the file was made, so a later real edit wins the next merge", () => {
  const store = open(), text = fixture("goal-edited-in-9999.json");
  const backup = read(text).backup;
  assert.equal(backup.data.goals[0].updated, JSON.parse(text).exported);
  assert.equal(store.applyAll(B.planRestore(store.snapshot(), backup, "merge")).ok, true);
  const g = store.get("goals", "g-future");
  assert.ok(g.updated < "9999");
  store.put("goals", { ...g, title: "My later edit" });
  // The same file again, even unchecked (store.merge and applyAll refuse a future edit): the edit stays.
  assert.equal(store.merge({ dataVersion: 1, data: JSON.parse(text).data }).changed, 0);
  assert.equal(store.applyAll({ put: [["goals", JSON.parse(text).data.goals[0]]] }).reason, "invalid");
  const again = read(text).backup;
  store.applyAll(B.planRestore(store.snapshot(), again, "merge"));
  assert.equal(store.get("goals", "g-future").title, "My later edit");
});

// -- 7: the smaller items -----------------------------------------------------------------------

test("a file made on a computer whose clock was ahead is restored, dated now, never beating later edits", () => {
  const f = json("goal-edited-in-9999.json");
  f.exported = "9999-12-31T00:00:00.000Z";
  const now = "2026-12-03T12:00:00.000Z";
  const result = B.readBackup(JSON.stringify(f), S.VERSION, now);
  assert.equal(result.ok, true, result.problem);
  assert.equal(result.clock, "9999-12-31T00:00:00.000Z");
  assert.equal(result.backup.exported, now);
  for (const list of Object.values(result.backup.data)) {
    for (const r of list) assert.ok(r.updated <= now && r.created <= now, JSON.stringify(r));
  }
});

test("bytes that are not UTF-8 are refused as damaged, not read with replacement characters", () => {
  const bytes = fs.readFileSync(path.join(DIR, "invalid-utf8.json"));
  assert.equal(B.decodeFile(bytes), null);
  assert.equal(typeof B.decodeFile(Buffer.from(fixture("rtl-override.json"))), "string");
});

test("direction overrides are taken out of what the restore preview shows", () => {
  const title = json("rtl-override.json").data.goals[0].title;
  assert.equal(B.clip(title, 80), "Plan evil.exe contact review");
});

test("every cell that starts a formula stays text in the CSV", () => {
  for (const cell of json("csv-formulas.json")) {
    const out = cpd.csvCell(cell);
    assert.match(out, /^"?'/, JSON.stringify(cell) + " became " + JSON.stringify(out));
  }
  assert.equal(cpd.csvCell("Ordinary words"), "Ordinary words");
});

test("a stored quiz answer set mkdocs-quiz would delete is kept aside first, with the notice", () => {
  const [[key, value]] = Object.entries(json("unreadable-quiz-key.json"));
  const good = "{\"q1\":{\"answered\":true,\"correct\":false}}";
  const local = storage({ [key]: value, "quiz_progress_/other/": good });
  const store = open(local);
  assert.equal(local.getItem("ap:corrupt:" + key), value);
  assert.equal(local.getItem(key), null, "mkdocs-quiz never sees it, so never deletes it");
  assert.equal(local.getItem("quiz_progress_/other/"), good);
  assert.deepEqual(store.kept().map((k) => k.key), [key]);
});

test("a replace on a nearly full store frees space before it grows", () => {
  const local = storage();
  const store = open(local);
  for (let i = 0; i < 5; i++) store.put("goals", { id: "old" + i, title: "x".repeat(1000) });
  const used = () => Array.from({ length: local.length }, (_, i) => local.key(i)).reduce((n, k) => n + k.length + local.getItem(k).length, 0);
  const quota = used() + 200, set = local.setItem;
  local.setItem = (k, v) => {
    const old = local.getItem(k), next = used() - (old === null ? 0 : k.length + old.length) + k.length + String(v).length;
    if (next > quota) throw Object.assign(new Error("full"), { name: "QuotaExceededError" });
    set(k, v);
  };
  const backup = { format: B.FORMAT, dataVersion: 1, courseVersion: "1.0.0", exported: NOW, settings: {},
    data: { goals: [0, 1, 2, 3].map((i) => ({ id: "new" + i, created: NOW, updated: NOW, title: "y".repeat(1000) })) } };
  const result = store.applyAll(B.planRestore(store.snapshot(), backup, "replace"));
  assert.equal(result.ok, true, JSON.stringify(result));
  assert.deepEqual(store.list("goals").map((g) => g.id).sort(), ["new0", "new1", "new2", "new3"]);
});

// -- 1 and 2: two tabs' edits ----------------------------------------------------------------------

test("two tabs changing the same words keep both: mine in the record, theirs as a version", () => {
  const base = { id: "r1", updated: "t1", text: "" };
  const theirs = { id: "r1", updated: "t2", text: "A's long reflection" };
  const mine = { id: "r1", updated: "t1", text: "B's words" };
  const m = L.mergeEdit(base, mine, theirs, ["text"]);
  assert.equal(m.conflict, true);
  assert.equal(m.record.text, "B's words");
  assert.deepEqual(m.record.versions, [{ saved: "t2", text: "A's long reflection" }]);
  // Only they changed a field: theirs is taken, not overwritten by this tab's old value.
  const g = L.mergeEdit({ updated: "t1", title: "T", measure: "old" }, { updated: "t1", title: "T2", measure: "old" },
    { updated: "t2", title: "T", measure: "new" }, ["title", "measure"]);
  assert.deepEqual([g.record.title, g.record.measure, g.conflict, g.took], ["T2", "new", false, ["measure"]]);
  // Nothing changed elsewhere: the edit as it is.
  assert.equal(L.mergeEdit(base, mine, { ...base }, ["text"]).record, mine);
});

// -- 6: the Markdown export -------------------------------------------------------------------------

test("the Markdown export escapes HTML and keeps only http(s) links", () => {
  const text = json("markdown-payloads.json").data.reflections[0].text;
  const md = cpd.mdText(text);
  assert.doesNotMatch(md, /<(script|img|iframe|svg|details|body|object|a|style|form)\b/i);
  assert.doesNotMatch(md, /(?<!\\)\]\((?!https?:)/);
  assert.match(md, /\[NICE guidance\]\(https:\/\/www\.nice\.org\.uk\/guidance\)/);
});
