// Pure logic of the session planner (plugins/permanence_course/assets/js/pages/planner.js).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { parseClock, formatClock, duration, breakMinutes, suggestBreaks, schedule } =
  require("../../plugins/permanence_course/assets/js/pages/planner.js");

test("a start time is read as a time input gives it, and nothing else", () => {
  assert.equal(parseClock("09:30"), 570);
  assert.equal(parseClock("9:05"), 545);
  assert.equal(parseClock("00:00"), 0);
  assert.equal(parseClock("23:59"), 1439);
  assert.equal(parseClock(""), null);
  assert.equal(parseClock("24:00"), null);
  assert.equal(parseClock("12:60"), null);
  assert.equal(parseClock("half nine"), null);
  assert.equal(parseClock(undefined), null);
});

test("times are written on the 24-hour clock and carry on past midnight", () => {
  assert.equal(formatClock(570), "09:30");
  assert.equal(formatClock(0), "00:00");
  assert.equal(formatClock(13 * 60 + 5), "13:05");
  assert.equal(formatClock(24 * 60 + 15), "00:15");
});

test("lengths of time read as people say them", () => {
  assert.equal(duration(45), "45 minutes");
  assert.equal(duration(60), "1 hour");
  assert.equal(duration(75), "1 hour 15 minutes");
  assert.equal(duration(361), "6 hours 1 minute");
  assert.equal(duration(0), "0 minutes");
});

test("a break is whole minutes from 0 to 240; anything else counts as none", () => {
  assert.equal(breakMinutes("15"), 15);
  assert.equal(breakMinutes(""), 0);
  assert.equal(breakMinutes("-10"), 0);
  assert.equal(breakMinutes("abc"), 0);
  assert.equal(breakMinutes("12.6"), 13);
  assert.equal(breakMinutes("999"), 240);
});

test("a full day gets a morning break, lunch and an afternoon break; never after the end", () => {
  const minutes = [10, 30, 25, 45, 45, 45, 45, 50, 45, 20];  // 360 minutes
  const breaks = suggestBreaks(minutes);
  assert.equal(breaks.length, minutes.length);
  assert.deepEqual(breaks.filter((b) => b), [15, 45, 15]);
  assert.equal(breaks[breaks.length - 1], 0);
  // Each break comes once its share of the day has been taught.
  const after = (i) => minutes.slice(0, i + 1).reduce((s, m) => s + m, 0);
  assert.ok(after(breaks.indexOf(15)) >= 90);
  assert.ok(after(breaks.indexOf(45)) >= 180);
});

test("a short session gets one break half way, a very short one none", () => {
  assert.deepEqual(suggestBreaks([30, 30, 30, 30]), [0, 15, 0, 0]);
  assert.deepEqual(suggestBreaks([30, 30, 30]), [0, 0, 0]);
  assert.deepEqual(suggestBreaks([200]), [0]);
  assert.deepEqual(suggestBreaks([]), []);
});

test("the plan runs each page and break back to back, and its times add up", () => {
  const pages = [
    { title: "Overview", minutes: 10 },
    { title: "A section", minutes: 30 },
    { title: "A scenario", minutes: 45 },
    { title: "Quiz", minutes: 20 },
  ];
  const plan = schedule(pages, 570, ["0", "15", "", "30"]);
  assert.deepEqual(plan.rows.map((r) => [r.title, r.start, r.end]), [
    ["Overview", 570, 580],
    ["A section", 580, 610],
    ["Break", 610, 625],
    ["A scenario", 625, 670],
    ["Quiz", 670, 690],  // a break after the last page is ignored
  ]);
  assert.equal(plan.learning, 105);
  assert.equal(plan.breaks, 15);
  assert.equal(plan.end, 570 + 105 + 15);
});
