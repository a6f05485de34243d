// The learner store's pure logic and its storage faults, without a browser: storages are fakes
// that can throw, fill up or be shared by two "tabs".
const test = require("node:test");
const assert = require("node:assert/strict");
const S = require("../../plugins/permanence_course/assets/js/store.js");

const quotaError = () => Object.assign(new Error("The quota has been exceeded."), { name: "QuotaExceededError" });

/** A Storage whose setItem can be made to throw, like a full or locked-down browser's. */
function fakeStorage(initial = {}) {
  const s = S.memoryStorage();
  for (const [k, v] of Object.entries(initial)) s.setItem(k, v);
  const set = s.setItem;
  s.failWith = null;
  s.setItem = (k, v) => {
    if (s.failWith) throw s.failWith();
    set(k, v);
  };
  s.dump = () => Object.fromEntries(Array.from({ length: s.length }, (_, i) => [s.key(i), s.getItem(s.key(i))]));
  return s;
}

function clock() {
  let t = Date.UTC(2026, 10, 22, 9, 0, 0);
  return () => new Date((t += 1000)).toISOString();
}

const MANIFEST = {
  course: { version: "2.0.0" },
  outcomes: {
    "m1-lo1": { text: "Explain what permanence means for a child", module: 1 },
    "m1-lo3": { text: "Weigh the realistic options, in new words", module: 1 }
  },
  reflections: { "m1-r1": { title: "What permanence means", text: "What does permanence mean to you?" } },
  pages: { "modules/1-basics/quiz": { quiz: { hash: "abc123def456", questions: 2 } } },
  renames: {
    outcomes: [
      { old: "m1-lo11", new: "m1-lo3" },
      { old: "m2-lo13", retired: true, text: "The old wording of a retired outcome" }
    ],
    reflections: []
  }
};

function open(local, { session = fakeStorage(), ...extra } = {}) {
  return S.createStore({ local: () => local, session: () => session, manifest: MANIFEST, now: clock(), ...extra });
}

const env = (data, version = 1) => JSON.stringify({ version, data });
const rec = (id, fields = {}) => ({ id, created: "2026-01-01T00:00:00.000Z", updated: "2026-01-01T00:00:00.000Z", ...fields });

// -- pure functions ------------------------------------------------------------------------------

test("unwrap accepts only envelopes {version >= 1, data}", () => {
  assert.deepEqual(S.unwrap(env({ a: 1 })), { version: 1, data: { a: 1 } });
  for (const bad of ["{not json", "[]", "null", '{"data": 1}', '{"version": 0, "data": 1}',
    '{"version": 1.5, "data": 1}', '{"version": 1}', null]) {
    assert.equal(S.unwrap(bad), null, String(bad));
  }
});

test("record keys name a collection and an id; reserved names are not collections", () => {
  assert.deepEqual(S.recordKey("ap:goals:g1"), { collection: "goals", id: "g1" });
  assert.deepEqual(S.recordKey("ap:quiz:modules/1-basics/quiz"), { collection: "quiz", id: "modules/1-basics/quiz" });
  for (const k of ["ap:meta", "ap:setting:x", "ap:corrupt:ap:goals:g1", "quiz_progress_/x/", "ap:Goals:g1"]) {
    assert.equal(S.recordKey(k), null, k);
  }
});

test("merging two tabs' lists keeps both tabs' new entries and each record's later edit", () => {
  const base = rec("shared", { text: "first words", created: "2026-01-01T00:00:00Z", updated: "2026-01-01T00:00:00Z" });
  const tabA = [{ ...base, text: "edited in tab A", updated: "2026-01-03T00:00:00Z" },
    rec("a-new", { created: "2026-01-02T00:00:00Z" })];
  const tabB = [{ ...base, text: "edited in tab B earlier", updated: "2026-01-02T00:00:00Z" },
    rec("b-new", { created: "2026-01-01T12:00:00Z" })];
  const merged = S.merge(tabA, tabB);
  assert.deepEqual(merged.map((r) => r.id), ["shared", "b-new", "a-new"]);
  assert.equal(merged[0].text, "edited in tab A");
  assert.deepEqual(S.merge(tabB, tabA), merged);
});

test("migrations apply in order from the stored version", () => {
  const seen = [];
  const list = [(d) => (seen.push(0), { ...d, one: true }), (d) => (seen.push(1), { ...d, two: true })];
  assert.deepEqual(S.migrate({}, 0, "t", list), { one: true, two: true });
  assert.deepEqual(seen, [0, 1]);
  assert.deepEqual(S.migrate({ x: 1 }, 1, "t", list), { x: 1, two: true });
  assert.equal(S.VERSION, S.MIGRATIONS.length);
});

test("version 0 (one 'ap-plan' key) becomes records with ids and times, the same ids each run", () => {
  const old = { goals: [{ text: "Read the case law", done: false }, "not a goal"], reflections: { "m1-r1": "My answer" }, settings: { theme: "x" } };
  const once = S.migrate(old, 0, "2026-02-01T00:00:00.000Z");
  assert.deepEqual(once.collections.goals, [{ text: "Read the case law", done: false, id: "v0-goal-0",
    created: "2026-02-01T00:00:00.000Z", updated: "2026-02-01T00:00:00.000Z" }]);
  assert.deepEqual(once.collections.reflections, [{ id: "v0-m1-r1", reflection: "m1-r1", text: "My answer",
    created: "2026-02-01T00:00:00.000Z", updated: "2026-02-01T00:00:00.000Z" }]);
  assert.deepEqual(once.settings, { theme: "x" });
  assert.deepEqual(S.migrate(old, 0, "2026-02-01T00:00:00.000Z"), once);
});

test("a renamed outcome is followed and its old text kept as a snapshot", () => {
  const r = S.reconcile(rec("g", { outcome: "m1-lo11", outcomeSnapshots: { "m1-lo11": "Old words" }, text: "mine" }), MANIFEST);
  assert.equal(r.outcome, "m1-lo3");
  assert.deepEqual(r.outcomeSnapshots, { "m1-lo3": "Old words" });
  assert.equal(r.retired, undefined);
  assert.equal(r.text, "mine");
});

test("a removed or retired outcome marks the record retired and never drops it or its text", () => {
  const r = S.reconcile(rec("g", { outcomes: ["m1-lo1", "m2-lo13", "gone"], outcomeSnapshots: { gone: "What it said" } }), MANIFEST);
  assert.deepEqual(r.outcomes, ["m1-lo1", "m2-lo13", "gone"]);
  assert.deepEqual(r.retired, ["m2-lo13", "gone"]);
  assert.deepEqual(r.outcomeSnapshots, {
    gone: "What it said",
    "m1-lo1": "Explain what permanence means for a child",
    "m2-lo13": "The old wording of a retired outcome"
  });
  // Back in the course: no longer retired.
  const back = S.reconcile(r, { ...MANIFEST, outcomes: { ...MANIFEST.outcomes, gone: { text: "Back" }, "m2-lo13": { text: "B" } } });
  assert.equal(back.retired, undefined);
  assert.equal(back.outcomeSnapshots.gone, "What it said", "a snapshot keeps the text the record had");
});

test("snapshots keep the text a record had; a save (fresh) takes the current text", () => {
  const r = rec("x", { reflection: "m1-r1", reflectionSnapshots: { "m1-r1": "Older prompt" } });
  assert.equal(S.reconcile(r, MANIFEST).reflectionSnapshots["m1-r1"], "Older prompt");
  assert.equal(S.reconcile(r, MANIFEST, true).reflectionSnapshots["m1-r1"], "What does permanence mean to you?");
});

test("a loop of renames ends, with the record kept", () => {
  const loop = { ...MANIFEST, renames: { outcomes: [{ old: "a", new: "b" }, { old: "b", new: "a" }] } };
  const r = S.reconcile(rec("x", { outcome: "a" }), loop);
  assert.ok(["a", "b"].includes(r.outcome));
  assert.deepEqual(r.retired, [r.outcome]);
});

test("a quiz result counts only for the question set it was taken on", () => {
  const result = { id: "modules/1-basics/quiz", hash: "abc123def456", score: 2, total: 2 };
  assert.equal(S.currentQuizResult(result, MANIFEST, "modules/1-basics/quiz"), result);
  assert.equal(S.currentQuizResult({ ...result, hash: "0ld0ld0ld0ld" }, MANIFEST, "modules/1-basics/quiz"), null);
  assert.equal(S.currentQuizResult(result, MANIFEST, "modules/2-more/quiz"), null);
  // Only a finished quiz is a result: every question answered.
  assert.equal(S.currentQuizResult({ ...result, answered: 1 }, MANIFEST, "modules/1-basics/quiz"), null);
  assert.ok(S.currentQuizResult({ ...result, answered: 2 }, MANIFEST, "modules/1-basics/quiz"));
});

test("the site's keys are ours, mkdocs-quiz's and the theme's", () => {
  for (const k of ["ap:goals:1", "ap:meta", "ap-plan", "quiz_progress_/modules/1-basics/quiz/", "/.__palette", "/course/.__tabs"]) {
    assert.ok(S.siteKey(k), k);
  }
  for (const k of ["other-app", "apple", "__palette"]) assert.ok(!S.siteKey(k), k);
});

// -- the store on fake storages ------------------------------------------------------------------

test("put assigns id, created and updated; list is oldest first; get and list return copies", () => {
  const local = fakeStorage();
  const store = open(local);
  assert.equal(store.mode(), "local");
  const a = store.put("goals", { text: "First" });
  const b = store.put("goals", { text: "Second" });
  assert.ok(a.ok && b.ok);
  assert.match(a.record.id, /\S/);
  assert.ok(a.record.created < b.record.created);
  const edited = store.put("goals", { ...a.record, text: "First, edited" });
  assert.equal(edited.record.created, a.record.created);
  assert.ok(edited.record.updated > a.record.updated);
  assert.deepEqual(store.list("goals").map((r) => r.text), ["First, edited", "Second"]);
  store.get("goals", a.record.id).text = "changed by a caller";
  assert.equal(store.get("goals", a.record.id).text, "First, edited");
  // One key per record, each an envelope.
  assert.deepEqual(JSON.parse(local.getItem("ap:goals:" + a.record.id)).data.text, "First, edited");
  assert.equal(JSON.parse(local.getItem("ap:goals:" + a.record.id)).version, 1);
  assert.deepEqual(store.remove("goals", a.record.id).ok, true);
  assert.equal(local.getItem("ap:goals:" + a.record.id), null);
  assert.deepEqual(store.list("goals").map((r) => r.text), ["Second"]);
});

test("bad input is refused, not stored", () => {
  const local = fakeStorage();
  const store = open(local);
  for (const [c, r] of [["goals", null], ["goals", []], ["meta", {}], ["Goals", {}], ["goals", { id: 7 }]]) {
    assert.equal(store.put(c, r).reason, "invalid", JSON.stringify([c, r]));
  }
  const circular = {};
  circular.self = circular;
  assert.equal(store.put("goals", circular).reason, "invalid");
  assert.deepEqual(local.dump(), {});
});

test("storage unavailable: the store works in memory and says notes will be lost unless exported", () => {
  const store = S.createStore({
    local: () => { throw Object.assign(new Error("denied"), { name: "SecurityError" }); },
    session: () => { throw new Error("denied"); },
    manifest: MANIFEST
  });
  assert.equal(store.mode(), "memory");
  assert.ok(store.put("reflections", { text: "Kept for this session" }).ok);
  assert.equal(store.list("reflections")[0].text, "Kept for this session");
  assert.deepEqual(store.notices(), [{ role: "status", text: S.MESSAGES.memory }]);
  assert.match(S.MESSAGES.memory, /lost .* unless you export/);
});

test("storage full: the write fails visibly and everything stored before is intact", () => {
  const local = fakeStorage();
  let notified = 0;
  const store = open(local, { notify: () => notified++ });
  const kept = store.put("goals", { text: "Saved before" }).record;
  const before = local.dump();
  local.failWith = quotaError;
  const result = store.put("goals", { text: "Too much" });
  assert.deepEqual(result, { ok: false, reason: "full", message: S.MESSAGES.full });
  assert.equal(store.put("goals", { ...kept, text: "Edit that does not fit" }).reason, "full");
  assert.deepEqual(local.dump(), before);
  assert.deepEqual(store.list("goals").map((r) => r.text), ["Saved before"]);
  assert.deepEqual(store.notices(), [{ role: "alert", text: S.MESSAGES.full }]);
  assert.ok(notified > 0);
  // Room again: the next save works and the message goes.
  local.failWith = null;
  assert.ok(store.put("goals", { text: "Fits now" }).ok);
  assert.deepEqual(store.notices(), []);
});

test("a write the browser refuses for another reason fails visibly too, losing nothing", () => {
  const local = fakeStorage();
  const store = open(local);
  store.put("goals", { text: "Saved" });
  local.failWith = () => Object.assign(new Error("The operation is insecure."), { name: "SecurityError" });
  const result = store.setSetting("trainerView", true);
  assert.deepEqual(result, { ok: false, reason: "unavailable", message: S.MESSAGES.unavailable });
  assert.equal(store.getSetting("trainerView", "unset"), "unset");
  assert.deepEqual(store.notices(), [{ role: "alert", text: S.MESSAGES.unavailable }]);
  assert.deepEqual(store.list("goals").map((g) => g.text), ["Saved"]);
});

test("a storage already full at load is still read, not mistaken for no storage", () => {
  const local = fakeStorage({ "ap:goals:g1": env(rec("g1", { text: "Mine" })) });
  local.failWith = quotaError;
  const store = open(local);
  assert.equal(store.mode(), "local");
  assert.equal(store.get("goals", "g1").text, "Mine");
});

test("unreadable data is kept aside under a backup key, the learner told, the raw text offered", () => {
  const local = fakeStorage({
    "ap:goals:bad-json": "{\"version\": 1, \"data\": {\"id\": \"bad-json\", \"text\": \"half a no",
    "ap:goals:no-id": env({ text: "a record without an id" }),
    "ap:goals:other-id": env(rec("someone-else")),
    "ap:meta": env("not an object"),
    "ap:goals:good": env(rec("good", { text: "Fine" }))
  });
  const store = open(local);
  assert.deepEqual(store.list("goals").map((r) => r.id), ["good"]);
  const stored = local.dump();
  for (const k of ["ap:goals:bad-json", "ap:goals:no-id", "ap:goals:other-id", "ap:meta"]) {
    if (k !== "ap:meta") assert.equal(stored[k], undefined, k + " moved away");
    assert.ok(stored["ap:corrupt:" + k], k + " kept aside");
  }
  assert.equal(stored["ap:corrupt:ap:meta"], env("not an object"));
  assert.deepEqual(S.unwrap(stored["ap:meta"]).data, { courseVersion: "2.0.0" }, "a new meta in its place");
  assert.equal(stored["ap:corrupt:ap:goals:bad-json"], "{\"version\": 1, \"data\": {\"id\": \"bad-json\", \"text\": \"half a no");
  assert.deepEqual(store.notices(), [{ role: "alert", text: S.MESSAGES.kept, download: true }]);
  assert.equal(store.kept().length, 4);
  // Told again on the next visit, until the learner deletes the copy.
  const again = open(local);
  assert.equal(again.kept().length, 4);
  assert.ok(again.kept().some((k) => k.key === "ap:goals:bad-json" && k.text.endsWith("half a no")));
  again.dropKept();
  assert.deepEqual(again.notices(), []);
  assert.deepEqual(Object.keys(local.dump()).filter((k) => k.startsWith("ap:corrupt:")), []);
});

test("unreadable data that cannot be moved (storage full) stays put and is still offered", () => {
  const local = fakeStorage({ "ap:goals:bad": "not json" });
  local.failWith = quotaError;
  const store = open(local);
  assert.equal(local.getItem("ap:goals:bad"), "not json");
  assert.deepEqual(store.kept(), [{ key: "ap:goals:bad", text: "not json" }]);
});

test("data from a newer version: the store is read-only and nothing is overwritten or moved", () => {
  const initial = {
    "ap:meta": env({ courseVersion: "9.0.0" }, 2),
    "ap:goals:g1": env(rec("g1", { text: "Written by version 2", outcome: "gone" }), 2),
    "ap:goals:odd": env({ shape: "that only version 2 knows" }, 2),
    "ap:setting:x": env(1, 2),
    "ap-plan": JSON.stringify({ goals: [{ text: "old" }] })
  };
  const local = fakeStorage(initial);
  const store = open(local);
  assert.equal(store.readOnly(), true);
  assert.equal(store.get("goals", "g1").text, "Written by version 2");
  for (const result of [store.put("goals", { text: "new" }), store.put("goals", { id: "g1", text: "x" }),
    store.remove("goals", "g1"), store.setSetting("x", 2), store.markBackedUp(), store.setShared(true)]) {
    assert.equal(result.reason, "read-only");
    assert.match(result.message, /newer version/);
  }
  assert.deepEqual(local.dump(), initial);
  assert.deepEqual(store.notices(), [{ role: "status", text: S.MESSAGES["read-only"] }]);
});

test("two tabs: each sees the other's edits and neither overwrites the other's new entries", () => {
  const local = fakeStorage();
  const now = clock();
  const tabA = open(local, { now }), tabB = open(local, { now });
  // The browser's storage event, delivered to the other tab.
  const deliver = (to, key) => to.external(key, local.getItem(key));
  const changes = [];
  tabB.onChange((c) => changes.push(c));
  const a = tabA.put("reflections", { text: "From tab A" }).record;
  const b = tabB.put("reflections", { text: "From tab B" }).record;
  deliver(tabB, "ap:reflections:" + a.id);
  deliver(tabA, "ap:reflections:" + b.id);
  assert.deepEqual(tabA.list("reflections").map((r) => r.text), ["From tab A", "From tab B"]);
  assert.deepEqual(tabB.list("reflections").map((r) => r.text), ["From tab A", "From tab B"]);
  assert.deepEqual(changes, [
    { collection: "reflections", id: b.id, source: "this-tab" },
    { collection: "reflections", id: a.id, source: "other-tab" }
  ]);
  // A later edit in tab A reaches tab B; tab A's removal too.
  tabA.put("reflections", { ...a, text: "From tab A, edited" });
  deliver(tabB, "ap:reflections:" + a.id);
  assert.equal(tabB.get("reflections", a.id).text, "From tab A, edited");
  tabA.remove("reflections", b.id);
  tabB.external("ap:reflections:" + b.id, null);
  assert.deepEqual(tabB.list("reflections").map((r) => r.id), [a.id]);
  // Settings too; unreadable values from elsewhere are ignored.
  tabA.setSetting("trainer", { on: true });
  deliver(tabB, "ap:setting:trainer");
  assert.deepEqual(tabB.getSetting("trainer"), { on: true });
  tabB.external("ap:goals:x", "<img src=x onerror=alert(1)>");
  assert.equal(tabB.get("goals", "x"), null);
});

test("a newer version writing in another tab makes this tab read-only", () => {
  const local = fakeStorage();
  const store = open(local);
  store.external("ap:goals:n", env(rec("n"), 2));
  assert.equal(store.readOnly(), true);
  assert.equal(store.put("goals", { text: "x" }).reason, "read-only");
});

test("version 0 data migrates into per-record keys, and the old key goes once all are safe", () => {
  const v0 = JSON.stringify({ goals: [{ text: "Read the case law", done: true }], reflections: { "m1-r1": "My answer" } });
  const local = fakeStorage({ "ap-plan": v0 });
  const store = open(local);
  assert.deepEqual(store.list("goals").map((g) => [g.id, g.text, g.done]), [["v0-goal-0", "Read the case law", true]]);
  const r = store.get("reflections", "v0-m1-r1");
  assert.equal(r.text, "My answer");
  assert.deepEqual(r.reflectionSnapshots, { "m1-r1": "What does permanence mean to you?" });
  assert.equal(local.getItem("ap-plan"), null);
  assert.equal(JSON.parse(local.getItem("ap:meta")).data.courseVersion, "2.0.0");
});

test("a version 0 migration cut short by a full storage keeps the old key and makes no copies", () => {
  const v0 = JSON.stringify({ goals: [{ text: "One" }, { text: "Two" }] });
  const local = fakeStorage({ "ap-plan": v0 });
  let writes = 0;
  const set = local.setItem;
  local.setItem = (k, v) => {
    if (k.startsWith("ap:goals:") && ++writes === 2) throw quotaError();
    set(k, v);
  };
  const first = open(local);
  assert.equal(local.getItem("ap-plan"), v0);
  assert.equal(first.notices()[0].text, S.MESSAGES.full);
  local.setItem = set;
  const second = open(local);
  assert.deepEqual(second.list("goals").map((g) => g.text), ["One", "Two"]);
  assert.equal(local.getItem("ap-plan"), null);
});

test("version 0 data that is not JSON is kept aside, not lost", () => {
  const local = fakeStorage({ "ap-plan": "{broken" });
  const store = open(local);
  assert.equal(local.getItem("ap:corrupt:ap-plan"), "{broken");
  assert.equal(store.kept()[0].text, "{broken");
});

test("a course update renames and retires outcomes on load; the record stays, with its old text", () => {
  const local = fakeStorage();
  const before = {
    course: { version: "1.0.0" },
    outcomes: { "m1-lo11": { text: "Old outcome eleven" }, "m2-lo13": { text: "Old thirteen" } },
    reflections: {}, pages: {}, renames: {}
  };
  const old = S.createStore({ local: () => local, session: () => fakeStorage(), manifest: before, now: clock() });
  const g = old.put("goals", { text: "My goal", outcomes: ["m1-lo11", "m2-lo13"] }).record;
  assert.deepEqual(g.outcomeSnapshots, { "m1-lo11": "Old outcome eleven", "m2-lo13": "Old thirteen" });
  const updated = open(local);
  const r = updated.get("goals", g.id);
  assert.deepEqual(r.outcomes, ["m1-lo3", "m2-lo13"]);
  assert.deepEqual(r.retired, ["m2-lo13"]);
  assert.deepEqual(r.outcomeSnapshots, { "m1-lo3": "Old outcome eleven", "m2-lo13": "Old thirteen" });
  assert.equal(r.updated, g.updated, "a course update is not the learner's edit");
  assert.deepEqual(JSON.parse(local.getItem("ap:goals:" + g.id)).data, r);
  assert.equal(JSON.parse(local.getItem("ap:meta")).data.courseVersion, "2.0.0");
  assert.deepEqual(updated.describe("outcomes", "m1-lo11"), { id: "m1-lo3", text: "Weigh the realistic options, in new words", retired: false });
  assert.deepEqual(updated.describe("outcomes", "m2-lo13"), { id: "m2-lo13", text: "The old wording of a retired outcome", retired: true });
  assert.equal(updated.outcomeText("m1-lo1"), "Explain what permanence means for a child");
  assert.equal(updated.reflectionText("m1-r1"), "What does permanence mean to you?");
});

test("a retired outcome's text comes from a record's snapshot when renames.yml has none", () => {
  const local = fakeStorage({ "ap:goals:g": env(rec("g", { outcome: "old-x", outcomeSnapshots: { "old-x": "Words kept by the record" } })) });
  const store = open(local);
  assert.deepEqual(store.describe("outcomes", "old-x"), { id: "old-x", text: "Words kept by the record", retired: true });
});

test("quiz results are mirrored by page id and question set", () => {
  const store = open(fakeStorage());
  assert.ok(store.recordQuizResult("modules/1-basics/quiz", "abc123def456", { score: 1, total: 2, answered: 2 }).ok);
  assert.equal(store.quizResult("modules/1-basics/quiz").score, 1);
  store.recordQuizResult("modules/1-basics/quiz", "0ld0ld0ld0ld", { score: 2, total: 2 });
  assert.equal(store.quizResult("modules/1-basics/quiz"), null, "an old question set's score is not current");
});

test("settings, last backup, course version and the browser's keep-the-data answer", async () => {
  const local = fakeStorage();
  let asked = 0;
  const store = open(local, { persist: () => (asked++, Promise.resolve(true)) });
  assert.equal(store.getSetting("trainerView", false), false);
  assert.deepEqual(local.dump(), {}, "nothing is stored before the learner saves something");
  assert.ok(store.setSetting("trainerView", true).ok);
  assert.equal(store.getSetting("trainerView", false), true);
  assert.equal(store.lastBackup(), null);
  assert.ok(store.markBackedUp("2026-11-20T10:00:00.000Z").ok);
  await new Promise((r) => setImmediate(r));
  store.put("goals", { text: "x" });
  assert.equal(asked, 1, "asked once per page");
  const meta = JSON.parse(local.getItem("ap:meta")).data;
  assert.deepEqual(meta, { courseVersion: "2.0.0", lastBackup: "2026-11-20T10:00:00.000Z", persisted: true });
  assert.equal(open(local).lastBackup(), "2026-11-20T10:00:00.000Z");
});

test("usage counts the characters the site stores against a 5 MB quota", () => {
  const local = fakeStorage({ "quiz_progress_/q/": "{}", "someone-else": "x".repeat(100) });
  const store = open(local);
  store.setSetting("a", 1);
  const expected = "quiz_progress_/q/".length + 2 + "ap:setting:a".length + env(1).length +
    "ap:meta".length + local.getItem("ap:meta").length;
  assert.deepEqual(store.usage(), { bytes: expected, quota: 5 * 1024 * 1024 });
  assert.deepEqual(store.entries().map((e) => [e.key, e.area]).sort(),
    [["ap:meta", "local"], ["ap:setting:a", "local"], ["quiz_progress_/q/", "local"]]);
});

test("snapshot and merge: a backup restored keeps each record's later edit", () => {
  const store = open(fakeStorage());
  const g = store.put("goals", { text: "Now" }).record;
  const snap = store.snapshot();
  assert.deepEqual(Object.keys(snap).sort(), ["courseVersion", "data", "dataVersion", "settings"]);
  assert.equal(snap.dataVersion, 1);
  assert.deepEqual(snap.data.goals, [g]);
  const other = open(fakeStorage());
  const restored = other.merge({
    ...snap,
    data: { goals: [g, { ...g, id: "older-copy" }], cpd: [rec("c1", { text: "CPD" })], meta: [rec("m")] }
  });
  assert.deepEqual(restored, { ok: true, changed: 3 });
  assert.equal(other.merge(snap).changed, 0, "the same backup twice changes nothing");
  assert.equal(other.merge({ ...snap, data: { goals: [{ ...g, text: "Older", updated: "2000-01-01T00:00:00.000Z" }] } }).changed, 0);
  assert.equal(other.get("goals", g.id).text, "Now");
  assert.equal(other.merge({ ...snap, dataVersion: 2 }).reason, "invalid");
});

test("shared-computer mode keeps data in the session only, and a new session starts clean", () => {
  const local = fakeStorage({ "quiz_progress_/q/": "{\"q1\":{\"answered\":true,\"correct\":false}}" });
  const session = fakeStorage();
  const store = open(local, { session });
  const g = store.put("goals", { text: "Private" }).record;
  assert.ok(store.setShared(true).ok);
  assert.equal(store.mode(), "session");
  assert.equal(store.get("goals", g.id).text, "Private");
  assert.deepEqual(Object.keys(local.dump()).filter((k) => k.startsWith("ap:")), ["ap:mode"]);
  assert.ok(session.getItem("ap:goals:" + g.id));
  assert.equal(local.getItem("quiz_progress_/q/"), "{\"q1\":{\"answered\":true,\"correct\":false}}", "this learner's quiz answers stay for now");
  assert.deepEqual(store.notices(), [{ role: "status", text: S.MESSAGES.session }]);
  // The next page in the same tab.
  assert.equal(open(local, { session }).get("goals", g.id).text, "Private");
  // The browser closed: a new session sees nothing of the last person's, quiz answers included.
  const next = open(local, { session: fakeStorage() });
  assert.equal(next.mode(), "session");
  assert.deepEqual(next.list("goals"), []);
  assert.equal(local.getItem("quiz_progress_/q/"), null);
  // Switched off again: the data moves to the device.
  const same = open(local, { session });
  assert.ok(same.setShared(false).ok);
  assert.equal(same.mode(), "local");
  assert.ok(local.getItem("ap:goals:" + g.id));
  assert.equal(local.getItem("ap:mode"), null);
  assert.deepEqual(Object.keys(session.dump()), []);
});

test("shared mode whose session storage fails keeps notes in memory, not on the device", () => {
  const local = fakeStorage({ "ap:mode": env("session") });
  const store = S.createStore({ local: () => local, session: () => { throw new Error("no"); }, manifest: MANIFEST });
  assert.equal(store.mode(), "memory");
  store.put("goals", { text: "x" });
  assert.deepEqual(Object.keys(local.dump()), ["ap:mode"]);
});

test("clearAll deletes everything the site stores, keeping the shared-computer choice", () => {
  const local = fakeStorage({ "quiz_progress_/q/": "{}", "/.__palette": "{}", "ap-plan": "{broken", "elsewhere": "kept" });
  const session = fakeStorage({ "/.__source": "{}" });
  const store = open(local, { session });
  store.put("goals", { text: "x" });
  store.setShared(true);
  store.put("goals", { text: "y" });
  assert.ok(store.clearAll().ok);
  assert.deepEqual(local.dump(), { elsewhere: "kept", "ap:mode": env("session") });
  assert.deepEqual(Object.keys(session.dump()), ["ap:mode"]);
  assert.deepEqual(store.list("goals"), []);
  assert.equal(store.mode(), "session");
});

test("onChange reports every change and can be unsubscribed", () => {
  const store = open(fakeStorage());
  const seen = [];
  const off = store.onChange((c) => seen.push(c));
  const g = store.put("goals", { text: "x" }).record;
  store.setSetting("s", 1);
  store.remove("goals", g.id);
  off();
  store.put("goals", { text: "unseen" });
  assert.deepEqual(seen, [
    { collection: "goals", id: g.id, source: "this-tab" },
    { collection: "settings", id: "s", source: "this-tab" },
    { collection: "goals", id: g.id, source: "this-tab" }
  ]);
});

test("the privacy page's panel describes space used in plain words", () => {
  const { describeUsage } = require("../../plugins/permanence_course/assets/js/pages/storage-panel.js");
  const quota = 5 * 1024 * 1024;
  assert.equal(describeUsage(0, quota), "less than 1 KB of about 5 MB (under 1%)");
  assert.equal(describeUsage(12 * 1024, quota), "about 12 KB of about 5 MB (under 1%)");
  assert.equal(describeUsage(quota / 2, quota), "about 2560 KB of about 5 MB (50%)");
});
