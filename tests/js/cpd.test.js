// Pure logic of the CPD evidence page (plugins/permanence_course/assets/js/pages/cpd.js).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
require("../../plugins/permanence_course/assets/js/core.js"); // AP.formatDate
const cpd = require("../../plugins/permanence_course/assets/js/pages/cpd.js");

// As the plugin inlines modules/cpd-rules.yml.
const RULES = {
  regulator: "Social Work England",
  rules_as_at: "2026-11-22",
  registration_year: { start_month: 12, start_day: 1, deadline_time: "23:59" },
  pieces_per_year: 2,
  peer_reflections_per_year: 1,
  peer_roles: ["a social worker registered in the UK", "your line manager or supervisor"],
  fields: { type: "Type of CPD", description: "A short description", date: "Date of the activity",
    learnt: "What you learnt", impact: "The impact", peer: "Peer reflection",
    peer_learnt: "What you learnt from discussing the activity with a peer" },
  notes: ["There is no requirement for a number of hours."],
  changes: "These rules change."
};

const MANIFEST = {
  course: { title: "Achieving Permanence", version: "1.0.0" },
  modules: [
    { number: 1, title: "Basics", outcomes: ["m1-lo1", "m1-lo2"], pages: ["modules/1-basics/section", "modules/1-basics/quiz"] },
    { number: 2, title: "More", outcomes: ["m2-lo1"], pages: ["modules/2-more/quiz"] }
  ],
  outcomes: {
    "m1-lo1": { text: "understand the first outcome", module: 1 },
    "m1-lo2": { text: "reflect on the second outcome", module: 1 },
    "m2-lo1": { text: "apply the third outcome", module: 2 }
  },
  pages: {
    "modules/1-basics/section": { title: "A teaching section", module: 1, kind: "section", minutes: 30, outcomes: ["m1-lo1"] },
    "modules/1-basics/quiz": { title: "Quiz", module: 1, kind: "quiz", minutes: 15, outcomes: [] },
    "modules/2-more/quiz": { title: "Quiz two", module: 2, kind: "quiz", minutes: 20, outcomes: [] }
  },
  reflections: {
    "m1-r-own-practice": { title: "Reflection: your own practice", text: "PROMPT-TEXT: think about your own practice.", page: "modules/1-basics/section" }
  }
};

const stamp = (date, time) => new Date(date + "T" + (time || "12:00") + ":00").toISOString();
function context(extra) {
  return Object.assign({
    manifest: MANIFEST, rules: RULES, today: "2026-11-22", quiz: {}, profile: {}, includeQuiz: false,
    reflections: [{ id: "m1-r-own-practice", text: "I learnt to slow down before deciding.", supervision: true,
      page: "modules/1-basics/section", module: 1, created: stamp("2026-11-03"), updated: stamp("2026-11-04") }],
    goals: [{ id: "g1", title: "Plan permanence earlier", actions: "Raise permanence at the first review.",
      measure: "Plans name a permanence route by the second review.", status: "in-progress",
      targetDate: "2027-03-01", outcomes: ["m1-lo1"], standards: ["swe:4.6"], created: stamp("2026-11-05"), updated: stamp("2026-11-06") }],
    ratings: [{ id: "m1-lo1:start", outcome: "m1-lo1", phase: "start", value: 2 },
      { id: "m1-lo1:end", outcome: "m1-lo1", phase: "end", value: 4 }],
    progress: [{ id: "modules/1-basics/section", visited: stamp("2026-11-02"), lastVisited: stamp("2026-11-10"), done: true, updated: stamp("2026-11-10") },
      { id: "modules/1-basics/quiz", visited: stamp("2026-11-10"), done: false, updated: stamp("2026-11-10") }],
    cpd: [], supervision: []
  }, extra);
}
function record(fields) {
  return Object.assign({ id: "r" + Math.random(), type: "Course", description: "A course", date: "2026-11-20",
    learnt: "Something", impact: "Better plans", source: { kind: "module", id: "1" }, year: 2025,
    usedForYear: null, peer: null }, fields);
}
const PEER = { date: "2026-11-21", role: "your line manager or supervisor", learnt: "We talked it through." };
const codes = (list) => list.map((w) => w.code);

test("the registration year runs from 1 December to 30 November", () => {
  assert.equal(cpd.registrationYear("2026-11-30", RULES), 2025);
  assert.equal(cpd.registrationYear("2026-12-01", RULES), 2026);
  assert.equal(cpd.registrationYear("2026-01-15", RULES), 2025);
  assert.equal(cpd.registrationYear("2025-12-01", RULES), 2025);
  assert.deepEqual(cpd.yearBounds(2025, RULES), { start: "2025-12-01", end: "2026-11-30" });
  assert.deepEqual(cpd.yearBounds(2027, RULES), { start: "2027-12-01", end: "2028-11-30" });
  assert.equal(cpd.yearName(2025, RULES), "1 December 2025 to 30 November 2026");
});

test("another start day in the data moves the year (the rules are data)", () => {
  const april = Object.assign({}, RULES, { registration_year: { start_month: 4, start_day: 1, deadline_time: "17:00" } });
  assert.equal(cpd.registrationYear("2026-03-31", april), 2025);
  assert.deepEqual(cpd.yearBounds(2025, april), { start: "2025-04-01", end: "2026-03-31" });
  assert.match(cpd.ruleLines(april)[0], /from 1 April to 31 March\. Records are due by 5\.00pm/);
});

test("days left to 30 November, around the end of the year", () => {
  assert.deepEqual(cpd.deadline("2026-11-22", RULES), { year: 2025, end: "2026-11-30", days: 8 });
  assert.deepEqual(cpd.deadline("2026-11-29", RULES), { year: 2025, end: "2026-11-30", days: 1 });
  assert.deepEqual(cpd.deadline("2026-11-30", RULES), { year: 2025, end: "2026-11-30", days: 0 });
  assert.deepEqual(cpd.deadline("2026-12-01", RULES), { year: 2026, end: "2027-11-30", days: 364 });
  assert.deepEqual(cpd.deadline("2027-12-01", RULES), { year: 2027, end: "2028-11-30", days: 365 });
  assert.equal(cpd.deadlineText("2026-11-30", RULES),
    "Today, 30 November 2026, is the last day of this registration year: this year's records are due by 11.59pm today.");
  assert.equal(cpd.deadlineText("2026-11-29", RULES),
    "One day left to 30 November 2026: this year's records are due by 11.59pm on that day.");
  assert.match(cpd.deadlineText("2026-12-01", RULES), /^364 days left to 30 November 2027/);
});

test("the rules in plain words: two pieces, one peer reflection, dates, no hours, no endorsement", () => {
  const text = cpd.ruleLines(RULES).join("\n");
  assert.match(text, /at least two different pieces of CPD/);
  assert.match(text, /from 1 December to 30 November\. Records are due by 11\.59pm on its last day/);
  assert.match(text, /At least one of them must include a peer reflection/);
  assert.match(text, /a record already used for an earlier year does not count again/);
  assert.match(text, /There is no requirement for a number of hours\./);
  assert.doesNotMatch(text, /accredit|endorse|approved|\d+ hours/i);
});

test("a record dated 30 November counts for the year ending then; 1 December does not", () => {
  const last = record({ date: "2026-11-30" }), next = record({ date: "2026-12-01" });
  assert.deepEqual(codes(cpd.recordWarnings(last, [last], RULES)), []);
  const warnings = cpd.recordWarnings(next, [next], RULES);
  assert.deepEqual(codes(warnings), ["outside"]);
  assert.equal(warnings[0].text, "The date, 1 December 2026, is outside the registration year 1 December 2025 " +
    "to 30 November 2026. A record only counts for the year its date falls in.");
  assert.deepEqual(codes(cpd.recordWarnings(record({ date: "2025-11-30" }), [], RULES)), ["outside"]);
  assert.deepEqual(codes(cpd.recordWarnings(record({ date: "2026-12-01", year: 2026 }), [], RULES)), []);
  assert.deepEqual(codes(cpd.recordWarnings(record({ date: "" }), [], RULES)), ["no-date"]);
  assert.deepEqual(codes(cpd.recordWarnings(record({ date: "2026-02-30" }), [], RULES)), ["no-date"]);
});

test("a record used for an earlier year, or made from a piece used then, is flagged", () => {
  const moved = record({ year: 2026, date: "2026-12-05", usedForYear: 2025 });
  assert.deepEqual(codes(cpd.recordWarnings(moved, [moved], RULES)), ["used"]);
  const before = record({ id: "old", year: 2024, date: "2025-06-01", usedForYear: 2024, source: { kind: "reflection", id: "m1-r" } });
  const again = record({ id: "new", source: { kind: "reflection", id: "m1-r" } });
  const warnings = cpd.recordWarnings(again, [before, again], RULES);
  assert.deepEqual(codes(warnings), ["reused"]);
  assert.match(warnings[0].text, /from this reflection for 1 December 2024 to 30 November 2025/);
  // The earlier record itself is not flagged, and a later one is not "earlier".
  assert.deepEqual(codes(cpd.recordWarnings(before, [before, again], RULES)), []);
});

test("a record missing a part, or a peer reflection half written, is flagged", () => {
  assert.deepEqual(codes(cpd.recordWarnings(record({ learnt: "  " }), [], RULES)), ["empty"]);
  assert.deepEqual(codes(cpd.recordWarnings(record({ peer: { date: "", role: "", learnt: "Half" } }), [], RULES)), ["peer"]);
  assert.deepEqual(codes(cpd.recordWarnings(record({ peer: PEER }), [], RULES)), []);
  assert.equal(cpd.peerDone(PEER), true);
  assert.equal(cpd.peerDone(null), false);
});

test("a year's records against the minimum: different pieces, one with a peer reflection", () => {
  const a = record({ source: { kind: "module", id: "1" }, peer: PEER });
  const b = record({ source: { kind: "reflection", id: "x" } });
  let s = cpd.yearSummary(2025, [a, b], RULES);
  assert.deepEqual(s, { records: 2, pieces: 2, peers: 1, morePieces: 0, morePeers: 0 });
  assert.equal(cpd.summaryText(s, RULES), "You have two records for this year: two different pieces of CPD " +
    "ready to count, one of them with a peer reflection. That covers Social Work England's minimum of two " +
    "pieces, one with a peer reflection.");
  // Two records of one piece are one piece; a record outside the year does not count.
  const same = record({ source: { kind: "module", id: "1" } });
  const outside = record({ source: { kind: "goal", id: "g" }, date: "2026-12-01" });
  s = cpd.yearSummary(2025, [same, record({ source: { kind: "module", id: "1" } }), outside], RULES);
  assert.deepEqual(s, { records: 3, pieces: 1, peers: 0, morePieces: 1, morePeers: 1 });
  assert.equal(cpd.summaryText(s, RULES), "You have three records for this year: one different piece of CPD " +
    "ready to count, none of them with a peer reflection. Still needed: one more different piece of CPD, " +
    "and a peer reflection on at least one of them.");
});

test("records are grouped by registration year, newest first, with this year always shown", () => {
  const old = record({ year: 2024, date: "2025-01-01" }), now = record({ year: 2025 });
  const groups = cpd.groupByYear([old, now], "2026-12-01", RULES);
  assert.deepEqual(groups.map((g) => g.year), [2026, 2025, 2024]);
  assert.deepEqual(groups[1].records, [now]);
  assert.deepEqual(groups[0].records, []);
  assert.deepEqual(cpd.groupByYear([], "2026-11-30", RULES).map((g) => g.year), [2025]);
});

test("a drafted record holds only the learner's own words and the names of what they studied", () => {
  const ctx = context();
  const fromReflection = cpd.draftRecord("reflection", "m1-r-own-practice", ctx);
  assert.equal(fromReflection.learnt, "I learnt to slow down before deciding.");
  assert.equal(fromReflection.impact, "Raise permanence at the first review.");
  assert.equal(fromReflection.description, "Achieving Permanence, Module 1: Basics\nPlan permanence earlier");
  assert.equal(fromReflection.date, "2026-11-03");
  assert.equal(fromReflection.year, 2025);
  assert.equal(fromReflection.type, "");
  assert.equal(fromReflection.peer, null);
  assert.deepEqual(fromReflection.source, { kind: "reflection", id: "m1-r-own-practice" });

  const fromGoal = cpd.draftRecord("goal", "g1", ctx);
  assert.equal(fromGoal.impact, "Raise permanence at the first review.\n\nPlans name a permanence route by the second review.");
  assert.equal(fromGoal.learnt, "I learnt to slow down before deciding.");
  assert.equal(fromGoal.date, "2026-11-06");

  const fromModule = cpd.draftRecord("module", "1", ctx);
  assert.equal(fromModule.date, "2026-11-10"); // when they last studied it
  assert.equal(fromModule.learnt, "I learnt to slow down before deciding.");
  for (const draft of [fromReflection, fromGoal, fromModule]) {
    assert.doesNotMatch(JSON.stringify(draft), /PROMPT-TEXT|understand the first outcome/);
    assert.equal(draft.peer, null);
  }
});

test("a draft dated 1 December goes into the new registration year", () => {
  const ctx = context();
  ctx.reflections[0].created = stamp("2026-12-01", "00:30");
  assert.equal(cpd.draftRecord("reflection", "m1-r-own-practice", ctx).year, 2026);
  ctx.reflections[0].created = stamp("2026-11-30", "23:30");
  assert.equal(cpd.draftRecord("reflection", "m1-r-own-practice", ctx).year, 2025);
});

test("records can be made from modules studied, reflections written and goals set", () => {
  const ctx = context();
  ctx.reflections.push({ id: "empty", text: "  ", created: stamp("2026-11-03"), updated: stamp("2026-11-03") });
  assert.deepEqual(cpd.recordSources(ctx).map((s) => s.kind + ":" + s.id),
    ["module:1", "reflection:m1-r-own-practice", "goal:g1"]);
});

test("the printable record: dates studied, time spent, reflections, goals, ratings; no quiz unless asked", () => {
  const ctx = context({ quiz: { "modules/1-basics/quiz": { score: 4, total: 5, updated: stamp("2026-11-10") } } });
  const rec = cpd.buildRecord(ctx);
  assert.equal(rec.modules.length, 1);
  const m = rec.modules[0];
  assert.equal(m.title, "Module 1: Basics");
  assert.deepEqual([m.from, m.to], ["2026-11-02", "2026-11-10"]);
  assert.equal(m.minutes, 30); // only the page marked done
  assert.equal(m.reflections[0].text, "I learnt to slow down before deciding.");
  assert.deepEqual(m.ratings, [{ outcome: "m1-lo1", text: "understand the first outcome", start: 2, end: 4 }]);
  assert.equal(m.quiz, null);
  assert.deepEqual(cpd.buildRecord(Object.assign(ctx, { includeQuiz: true })).modules[0].quiz.score, 4);
  assert.equal(cpd.duration(90), "1 hour 30 minutes");
  assert.equal(cpd.duration(120), "2 hours");
});

test("standards are named from the frameworks data, or shown as stored", () => {
  const frameworks = [{ id: "swe", short_title: "SWE standards", items: [{ code: "4.6", title: "Reflection" },
    { code: "5", title: "Act safely", wording: "unconfirmed" }] }];
  assert.equal(cpd.standardName("swe:4.6", frameworks), "SWE standards 4.6: Reflection");
  assert.equal(cpd.standardName("swe:5", frameworks), "SWE standards 5: Act safely (wording not yet confirmed)");
  assert.equal(cpd.standardName("pcf:9", frameworks), "pcf:9");
});

test("CSV cells a spreadsheet would run as formulas are neutralised", () => {
  assert.equal(cpd.csvCell("=1+1"), "'=1+1");
  assert.equal(cpd.csvCell("+44 20 7946 0000"), "'+44 20 7946 0000");
  assert.equal(cpd.csvCell("-2+3"), "'-2+3");
  assert.equal(cpd.csvCell("@SUM(A1:A2)"), "'@SUM(A1:A2)");
  assert.equal(cpd.csvCell("\t=1"), "'\t=1");
  assert.equal(cpd.csvCell("\r=1"), "\"'\r=1\"");
  assert.equal(cpd.csvCell('=HYPERLINK("http://x","y")'), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  assert.equal(cpd.csvCell("A plain note"), "A plain note");
  assert.equal(cpd.csvCell('She said "wait", then left'), '"She said ""wait"", then left"');
  assert.equal(cpd.csvCell("two\nlines"), '"two\nlines"');
  assert.equal(cpd.csvCell(30), "30");
  assert.equal(cpd.csvCell(null), "");
});

test("the CSV has one row per activity: date, module, activity, minutes, outcome ids, standards", () => {
  const ctx = context({ supervision: [{ id: "s1", date: "2026-11-12", withRole: "=practice supervisor", discussed: "x" }] });
  const rows = cpd.activityRows(ctx);
  assert.deepEqual(rows, [
    ["2026-11-04", 1, "Reflection: your own practice", "", "m1-lo1", ""],
    ["2026-11-06", "1", "Goal (in progress): Plan permanence earlier", "", "m1-lo1", "swe:4.6"],
    ["2026-11-10", 1, "Studied: A teaching section", 30, "m1-lo1", ""],
    ["2026-11-10", 1, "Visited: Quiz", "", "", ""],
    ["2026-11-12", "", "Supervision discussion with =practice supervisor", "", "", ""]
  ]);
  const csv = cpd.toCSV(rows);
  assert.ok(csv.startsWith("\ufeffDate,Module,Activity,Minutes,Outcome ids,Standards\r\n"));
  assert.equal(csv.split("\r\n").length, 7);
  assert.ok(csv.includes("Supervision discussion with =practice supervisor")); // not at a cell's start
  const hostile = cpd.toCSV([["=cmd|' /C calc'!A0", "", "@x", "-1", "+1", "safe"]]).split("\r\n")[1];
  assert.equal(hostile, "'=cmd|' /C calc'!A0,,'@x,'-1,'+1,safe");
});

test("quiz scores are left out of every download unless the learner adds them", () => {
  const ctx = context({ quiz: { "modules/1-basics/quiz": { score: 4, total: 5, updated: stamp("2026-11-10") } } });
  assert.doesNotMatch(cpd.recordMarkdown(ctx), /Quiz:/);
  assert.ok(!cpd.activityRows(ctx).some((r) => /Quiz:/.test(r[2])));
  ctx.includeQuiz = true;
  assert.match(cpd.recordMarkdown(ctx), /Quiz: 4 of 5 correct/);
  assert.ok(cpd.activityRows(ctx).some((r) => r[2] === "Quiz: 4 of 5 correct"));
});

test("the Markdown record for a portfolio", () => {
  const ctx = context({ profile: { name: "Sam Example", registration: "SW123456" },
    cpd: [record({ source: { kind: "module", id: "1" }, learnt: "Own words learnt", peer: PEER })],
    supervision: [{ id: "s1", date: "2026-11-12", withRole: "practice supervisor", discussed: "Delay", agreedActions: "Read s.1(3)" }] });
  const md = cpd.recordMarkdown(ctx);
  assert.match(md, /^# Continuing professional development record\n\n- Name: Sam Example\n- Social Work England registration number: SW123456\n/);
  assert.match(md, /## Module 1: Basics\n\nStudied from 2 November 2026 to 10 November 2026\. Time spent: 30 minutes\./);
  assert.match(md, /#### Reflection: your own practice\n\n_Written 3 November 2026\._\n\nI learnt to slow down before deciding\./);
  assert.match(md, /- \*\*Plan permanence earlier\*\*: In progress, target date 1 March 2027\./);
  assert.match(md, /\| understand the first outcome \| 2 \| 4 \|/);
  assert.match(md, /not a Social Work England requirement/);
  assert.match(md, /### 1 December 2025 to 30 November 2026\n\n#### Record 1: Module 1: Basics/);
  assert.match(md, /\*\*Peer reflection\*\* \(21 November 2026, with your line manager or supervisor\):\n\nWe talked it through\./);
  assert.match(md, /## Supervision log\n\n### 12 November 2026, with practice supervisor\n\nWhat we discussed: Delay/);
  assert.doesNotMatch(md, /hours? (is|are) required|accredit|endorse/i);
});

test("the supervision agenda holds everything flagged, and nothing else", () => {
  const ctx = context();
  ctx.reflections.push({ id: "other", text: "Not for supervision", supervision: false, module: 1, created: stamp("2026-11-03"), updated: stamp("2026-11-03") });
  ctx.goals.push({ id: "g2", title: "Talk about contact plans", actions: "Bring two examples", supervision: true, outcomes: [] });
  assert.deepEqual(cpd.agendaItems(ctx).map((i) => i.title), ["Reflection: your own practice", "Goal: Talk about contact plans"]);
  const md = cpd.agendaMarkdown(ctx);
  assert.match(md, /^# Supervision agenda\n\nPrepared on 22 November 2026\./);
  assert.match(md, /## 1\. Reflection: your own practice \(Module 1: Basics\)\n\nI learnt to slow down before deciding\./);
  assert.match(md, /## 2\. Goal: Talk about contact plans\n\nBring two examples/);
  assert.doesNotMatch(md, /Not for supervision/);
});

test("dates: local days from time stamps, UK forms' dd/mm/yyyy, and validity", () => {
  assert.equal(cpd.ukDate("2026-11-30"), "30/11/2026");
  assert.equal(cpd.ukDate(""), "");
  assert.equal(cpd.longDate("2026-12-01"), "1 December 2026");
  assert.equal(cpd.validDate("2026-02-29"), false);
  assert.equal(cpd.validDate("2028-02-29"), true);
  assert.equal(cpd.localDate("not a date"), "");
  assert.equal(cpd.clockTime("23:59"), "11.59pm");
  assert.equal(cpd.clockTime("09:05"), "9.05am");
});

test("the regulator's name comes from the CPD rules data, never from the code", () => {
  const rules = Object.assign({}, RULES, { regulator: "Social Care Wales" });
  const ctx = context({ rules, profile: { registration: "W123" }, cpd: [record({ source: { kind: "module", id: "1" } })] });
  const md = cpd.recordMarkdown(ctx);
  assert.match(md, /- Social Care Wales registration number: W123\n/);
  assert.match(md, /not a Social Care Wales requirement/);
  assert.match(md, /## Social Care Wales CPD records/);
  assert.doesNotMatch(md, /Social Work England/);
  const s = { records: 2, pieces: 2, peers: 1, morePieces: 0, morePeers: 0 };
  assert.match(cpd.summaryText(s, rules), /That covers Social Care Wales's minimum/);
});

test("a record with no source (written from scratch or restored) is named, not a broken page", () => {
  const ctx = context();
  const C = cpd;
  assert.equal(C.sourceLabel(ctx, null), "A CPD record");
  assert.equal(C.sourceLabel(ctx, undefined), "A CPD record");
  assert.equal(C.sourceLabel(ctx, { kind: "reflection", id: "gone" }), "A reflection no longer on this device");
});
