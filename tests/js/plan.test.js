// Pure logic of My plan (plugins/permanence_course/assets/js/pages/plan.js).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
require("../../plugins/permanence_course/assets/js/core.js"); // AP.formatDate
const { statusLabel, isoDay, formatDay, appliesOn, standardLabel, groupReflections, ratingRows,
  ratingChange } = require("../../plugins/permanence_course/assets/js/pages/plan.js");

const FRAMEWORKS = [
  { id: "pcf", short_title: "PCF", applies_from: null, applies_until: null,
    items: [{ code: "5", title: "Knowledge", wording: "confirmed" },
      { code: "6", title: "Critical Reflection and Analysis", wording: "unconfirmed" }] },
  { id: "swe", short_title: "SWE standards", applies_from: "2019-12-02", applies_until: null,
    items: [{ code: "4.6", title: "Reflection", wording: "summary" }] },
  { id: "kss", short_title: "KSS", applies_from: null, applies_until: "2027-03-31",
    items: [{ code: "1", title: "Relationships and effective direct work" }] },
];

test("a goal's status in words, and an unknown one as stored", () => {
  assert.equal(statusLabel("in-progress"), "In progress");
  assert.equal(statusLabel("achieved"), "Achieved");
  assert.equal(statusLabel(undefined), "Not started");
  assert.equal(statusLabel("paused"), "paused");
});

test("dates: a day in the learner's time zone, and shown the UK way", () => {
  assert.equal(isoDay(new Date(2027, 2, 1, 23, 30)), "2027-03-01");
  assert.equal(formatDay("2027-03-01"), "1 March 2027");
  assert.equal(formatDay("2026-11-22"), "22 November 2026");
  assert.equal(formatDay(""), "");
  assert.equal(formatDay("not a date"), "");
});

test("a framework applies between its dates, open-ended where a date is missing", () => {
  const [pcf, swe, kss] = FRAMEWORKS;
  assert.ok(appliesOn(pcf, "2026-11-22"));
  assert.ok(!appliesOn(swe, "2019-12-01"));
  assert.ok(appliesOn(swe, "2019-12-02"));
  assert.ok(appliesOn(kss, "2027-03-31"));
  assert.ok(!appliesOn(kss, "2027-04-01"));
});

test("a linked standard in words, with how far its wording is confirmed", () => {
  assert.equal(standardLabel(FRAMEWORKS, "pcf:5"), "PCF 5: Knowledge");
  assert.equal(standardLabel(FRAMEWORKS, "pcf:6"),
    "PCF 6: Critical Reflection and Analysis (wording awaiting confirmation)");
  assert.equal(standardLabel(FRAMEWORKS, "swe:4.6"), "SWE standards 4.6: Reflection (summarised)");
  assert.equal(standardLabel(FRAMEWORKS, "gone:1"), "gone:1 (no longer listed in the course's frameworks)");
});

const MANIFEST = {
  modules: [{ number: 1, title: "One", outcomes: ["m1-lo1", "m1-lo2"] },
    { number: 2, title: "Two", outcomes: ["m2-lo1"] }],
  outcomes: { "m1-lo1": { text: "first" }, "m1-lo2": { text: "second" }, "m2-lo1": { text: "third" } },
  pages: { "m/1/a": { module: 1 }, "m/1/b": { module: 1 }, "m/2/a": { module: 2 } },
  reflections: { "m1-r-a": { title: "A", page: "m/1/a" }, "m1-r-b": { title: "B", page: "m/1/b" },
    "m2-r-a": { title: "C", page: "m/2/a" } },
};

test("reflections are grouped by module in course order; empty ones are left out", () => {
  const records = [
    { id: "m2-r-a", reflection: "m2-r-a", text: "two" },
    { id: "m1-r-b", reflection: "m1-r-b", text: "b" },
    { id: "m1-r-a", reflection: "m1-r-a", text: "a" },
    { id: "x", reflection: "m1-r-a", text: "   " },
    { id: "v0-m1-r-b", reflection: "m1-r-b", text: "from the preview" },
    { id: "m1-r-gone", reflection: "m1-r-gone", module: 1, text: "retired prompt" },
    { id: "m9-r-gone", reflection: "m9-r-gone", text: "nowhere" },
  ];
  const groups = groupReflections(MANIFEST, records);
  assert.deepEqual(groups.map((g) => [g.title, g.items.map((i) => i.record.text)]), [
    ["Module 1: One", ["a", "b", "from the preview", "retired prompt"]],
    ["Module 2: Two", ["two"]],
    ["Other reflections", ["nowhere"]],
  ]);
  assert.equal(groups[0].items[3].info, undefined);
});

test("self-ratings: start and end side by side, and retired outcomes the learner rated", () => {
  const ratings = [
    { id: "m1-lo1:start", outcome: "m1-lo1", phase: "start", value: 2 },
    { id: "m1-lo1:end", outcome: "m1-lo1", phase: "end", value: 4 },
    { id: "m1-lo9:start", outcome: "m1-lo9", phase: "start", value: 3, outcomeSnapshots: { "m1-lo9": "old words" } },
  ];
  const [one, two] = ratingRows(MANIFEST, ratings);
  assert.deepEqual(one.rows, [
    { id: "m1-lo1", text: "first", retired: false, start: 2, end: 4 },
    { id: "m1-lo2", text: "second", retired: false, start: 0, end: 0 },
    { id: "m1-lo9", text: "old words", retired: true, start: 3, end: 0 },
  ]);
  assert.deepEqual(two.rows.map((r) => r.id), ["m2-lo1"]);
});

test("the change from the start to the end, in words", () => {
  assert.equal(ratingChange(2, 4), "up 2");
  assert.equal(ratingChange(4, 3), "down 1");
  assert.equal(ratingChange(3, 3), "no change");
  assert.equal(ratingChange(0, 3), "");
  assert.equal(ratingChange(3, 0), "");
});
