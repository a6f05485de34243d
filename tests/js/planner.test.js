// Pure logic of the session planner (plugins/permanence_course/assets/js/pages/planner.js).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const {
  parseClock, formatClock, duration, breakMinutes, suggestBreaks, breakNames, splitPoint, schedule,
} = require("../../plugins/permanence_course/assets/js/pages/planner.js");

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

test("lengths of time read as a timetable writes them, never a bare number", () => {
  assert.equal(duration(45), "45 min");
  assert.equal(duration(60), "1 h");
  assert.equal(duration(75), "1 h 15 min");
  assert.equal(duration(435), "7 h 15 min");
  assert.equal(duration(361), "6 h 1 min");
  assert.equal(duration(0), "0 min");
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

test("breaks are named: lunch, with a morning break before it and an afternoon break after", () => {
  assert.deepEqual(breakNames([0, 15, 0, 45, 0, 15, 0]),
    ["", "Morning break", "", "Lunch", "", "Afternoon break", ""]);
  assert.deepEqual(breakNames([0, 15, 0]), ["", "Break", ""]);
  assert.deepEqual(breakNames(["", "x", "30"]), ["", "", "Lunch"]);
  // The day a full module suggests: its 45-minute break is lunch.
  const day = [10, 30, 25, 45, 45, 45, 45, 50, 45, 20];
  const names = breakNames(suggestBreaks(day)).filter((n) => n);
  assert.deepEqual(names, ["Morning break", "Lunch", "Afternoon break"]);
});

test("a named break prints under its name; an empty name reads Break", () => {
  const pages = [{ title: "A", minutes: 60 }, { title: "B", minutes: 60 }, { title: "C", minutes: 60 }];
  const plan = schedule(pages, 540, [45, 15], ["Lunch", "  "]);
  assert.deepEqual(plan.rows.filter((r) => r.kind === "break").map((r) => r.title),
    ["Lunch", "Break"]);
});

test("a module splits across two half days as near the middle as its pages allow", () => {
  const day = [10, 30, 25, 45, 45, 45, 45, 50, 45, 20];  // 360 minutes
  const k = splitPoint(day);
  const first = day.slice(0, k + 1).reduce((s, m) => s + m, 0);
  assert.equal(k, 5);  // 200 minutes, then 160: 155 would leave 205, further from half
  assert.equal(first, 200);
  assert.equal(splitPoint([30, 30]), 0);
  assert.equal(splitPoint([30]), -1);
  assert.equal(splitPoint([]), -1);
  // Each half day gets its own breaks: one of 15 minutes, no lunch.
  assert.deepEqual(suggestBreaks(day.slice(0, k + 1)).filter((b) => b), [15]);
  assert.deepEqual(suggestBreaks(day.slice(k + 1)).filter((b) => b), [15]);
});
