// Pure logic of scenario stages (plugins/permanence_course/assets/js/stages.js): how far a
// learner has got, their notes before each stage on My plan and in the CPD record, and the
// backup check of those notes.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const S = require("../../plugins/permanence_course/assets/js/stages.js");
const B = require("../../plugins/permanence_course/assets/js/pages/backup.js");

const T = "2026-12-01T10:00:00.000Z";
const MANIFEST = { pages: {
  "m1/intro": { title: "Intro", module: 1, url: "m1/intro/" },
  "m1/scenario": { title: "Scenario: Ellie", module: 1, url: "m1/scenario/" },
  "m2/scenario": { title: "Scenario: Liam", module: 2, url: "m2/scenario/" }
} };
const note = (page, stage, text, extra) => Object.assign({ id: S.noteId(page, stage), scenario: page, stage,
  page, module: Number(page[1]), text, afterTitle: "Stage " + (stage - 1), created: T, updated: T }, extra);

test("how many stages show: the stored count, never fewer than the opening or more than there are", () => {
  assert.equal(S.shownCount(undefined, 4), 1);
  assert.equal(S.shownCount("3", 4), 1);
  assert.equal(S.shownCount(3, 4), 3);
  assert.equal(S.shownCount(9, 4), 4);
  assert.equal(S.shownCount(0, 4), 1);
});

test("notes group by scenario in course order, by stage, and empty or broken ones are left out", () => {
  const groups = S.groupNotes([note("m2/scenario", 2, "Visit Liam."), note("m1/scenario", 3, "Call the guardian."),
    note("m1/scenario", 2, "Talk to Dani."), note("m1/scenario", 4, "   "), { id: "x", text: "no stage" }], MANIFEST);
  assert.deepEqual(groups.map((g) => g.title), ["Scenario: Ellie", "Scenario: Liam"]);
  assert.deepEqual(groups[0].notes.map((n) => n.text), ["Talk to Dani.", "Call the guardian."]);
  assert.equal(S.noteTitle(groups[0].notes[0]), "Before stage 2 (after Stage 1)");
});

test("notes join the CPD record's reflections, titled by scenario and stage, never for supervision", () => {
  const [r] = S.asReflections([note("m1/scenario", 2, "Talk to Dani."), note("m1/scenario", 3, "")], MANIFEST);
  assert.equal(r.text, "Talk to Dani.");
  assert.equal(r.module, 1);
  assert.equal(r.supervision, false);
  assert.equal(r.promptSnapshot.title, "What I would do now: Scenario: Ellie, before stage 2 (after Stage 1)");
});

test("a backup's stage notes are checked like the other records, and a broken one refused", () => {
  const file = (notes) => JSON.stringify({ format: "achieving-permanence-backup", dataVersion: 1,
    courseVersion: null, exported: T, data: { "stage-notes": notes }, settings: {} });
  assert.equal(B.readBackup(file([note("m1/scenario", 2, "Talk to Dani.")]), 1).ok, true);
  const bad = B.readBackup(file([note("m1/scenario", 2, "Talk", { stage: "two" })]), 1);
  assert.equal(bad.ok, false);
  assert.match(bad.problem, /item 1 of “stage-notes” is not a note on a scenario stage/);
});
