// Pure rules of the presentation (plugins/permanence_course/assets/js/pages/slide-rules.js,
// which present.js re-exports).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const present = require("../../plugins/permanence_course/assets/js/pages/present.js");

const { slideFromSearch, withParam, planTimes, formatClock, paceNote, step, keyAction,
  swipeAction, paginate, splitEntries, frameFit, bestScale, MIN_SCALE, balance, paceSlot } = present;

/** A slide that holds 100 units of height at scale 1; blocks of these heights, scaled. */
const fitsIn = (heights) => (ids, scale) =>
  ids.reduce((sum, i) => sum + heights[i], 0) * scale <= 100;

test("?slide=n is 1-based in the address and kept within the slides", () => {
  assert.equal(slideFromSearch("?slide=3", 10), 2);
  assert.equal(slideFromSearch("?q=x&slide=2", 10), 1);
  assert.equal(slideFromSearch("?slide=99", 10), 9);
  assert.equal(slideFromSearch("?slide=0", 10), 0);
  assert.equal(slideFromSearch("?slide=-4", 10), 0);
  assert.equal(slideFromSearch("?slide=abc", 10), 0);
  assert.equal(slideFromSearch("?slide=", 10), 0);
  assert.equal(slideFromSearch("?slide=2.7", 10), 1);
});

test("no ?slide in the address means no slide asked for", () => {
  assert.equal(slideFromSearch("", 10), null);
  assert.equal(slideFromSearch("?presenter=1", 10), null);
  assert.equal(slideFromSearch(undefined, 10), null);
});

test("the slide number is set and removed without losing other parameters", () => {
  assert.equal(withParam("", "slide", 4), "?slide=4");
  assert.equal(withParam("?slide=1", "slide", 5), "?slide=5");
  assert.equal(withParam("?q=care&slide=1", "slide", null), "?q=care");
  assert.equal(withParam("?slide=1", "slide", null), "");
  assert.equal(withParam("?slide=2", "presenter", 1), "?slide=2&presenter=1");
});

const blocks = (...weights) => weights.map((w) => (typeof w === "number" ? { w } : w));
const H = (w) => ({ w, heading: true });

test("a section that fits is one slide, at full size", () => {
  assert.deepEqual(paginate(3, fitsIn([20, 30, 40])), [{ items: [0, 1, 2], scale: 1 }]);
});

test("type is scaled down to the readable minimum before a slide is split", () => {
  // 130 units fit only at 0.75, the minimum; 140 would need less, so a block moves on.
  assert.deepEqual(paginate(3, fitsIn([60, 60, 10])), [{ items: [0, 1, 2], scale: 0.75 }]);
  const groups = paginate(4, fitsIn([60, 60, 40, 10]));
  assert.deepEqual(groups.map((g) => g.items), [[0, 1], [2, 3]]);
  assert.ok(groups.every((g) => g.scale >= MIN_SCALE));
  // Nothing lost or reordered.
  assert.deepEqual(groups.flatMap((g) => g.items), [0, 1, 2, 3]);
});

test("no slide overflows unless one block alone is too big, which then stands alone", () => {
  const heights = [30, 200, 30, 30];
  const groups = paginate(4, fitsIn(heights));
  assert.deepEqual(groups.map((g) => g.items), [[0], [1], [2, 3]]);
  assert.equal(groups[1].scale, MIN_SCALE);
});

test("a subheading never ends a slide", () => {
  const heading = (i) => i === 1;
  const groups = paginate(3, fitsIn([70, 10, 60]), heading);
  assert.deepEqual(groups.map((g) => g.items), [[0], [1, 2]]);
});

test("an author's slide break ends a slide and is not shown", () => {
  const groups = paginate(4, fitsIn([10, 10, 0, 10]), null, (i) => i === 2);
  assert.deepEqual(groups.map((g) => g.items), [[0, 1], [3]]);
});

/** How full a slide of 100 units these blocks leave it, scaled. */
const fillIn = (heights) => (ids, scale) =>
  ids.reduce((sum, i) => sum + heights[i], 0) * scale / 100;

test("a small last part is merged into the slide before when they fit together", () => {
  const heights = [70, 10, 30];
  // A subheading carried over (paginate) can leave a small last part.
  const groups = [{ items: [0, 1], scale: 1 }, { items: [2], scale: 1 }];
  const even = balance(groups, fitsIn(heights), fillIn(heights));
  assert.deepEqual(even, [{ items: [0, 1, 2], scale: 0.85, broken: false }]);
  assert.deepEqual(balance(groups, fitsIn([70, 10, 50]), fillIn([70, 10, 50])).map((g) => g.items),
    [[0, 1], [2]], "a part a third full stays as it is");
});

test("otherwise the slide before holds back blocks so that no part is under a third full", () => {
  const heights = [40, 40, 45, 10];
  const fits = fitsIn(heights);
  const fill = fillIn(heights);
  const groups = [{ items: [0, 1, 2], scale: 0.8 }, { items: [3], scale: 1 }];
  const even = balance(groups, fits, fill);
  assert.deepEqual(even.map((g) => g.items), [[0, 1], [2, 3]]);
  assert.ok(even.every((g) => fill(g.items, g.scale) >= 1 / 3));
  assert.deepEqual(even.flatMap((g) => g.items), [0, 1, 2, 3]); // nothing lost or reordered
});

test("a subheading held back goes with its block, and an author's break is kept", () => {
  const heights = [40, 35, 5, 45, 10];
  const heading = (i) => i === 2;
  const groups = [{ items: [0, 1, 2, 3], scale: 0.8 }, { items: [4], scale: 1 }];
  const even = balance(groups, fitsIn(heights), fillIn(heights), heading);
  assert.deepEqual(even.map((g) => g.items), [[0, 1], [2, 3, 4]]);
  const broken = [{ items: [0, 1], scale: 1 }, { items: [4], scale: 1, broken: true }];
  assert.deepEqual(balance(broken, fitsIn(heights), fillIn(heights)).map((g) => g.items),
    [[0, 1], [4]]);
});

test("a long table or list is split between rows, never within one, each part fitting", () => {
  const rows = [30, 30, 30, 30, 30, 200];
  const fits = (from, to, scale) => rows.slice(from, to).reduce((a, b) => a + b, 0) * scale <= 100;
  assert.deepEqual(splitEntries(rows.length, fits), [[0, 4], [4, 5], [5, 6]]);
  assert.equal(bestScale(() => false), null);
});

test("a 1280 × 720 slide is scaled whole to any screen and centred", () => {
  assert.deepEqual(frameFit(1280, 720), { scale: 1, x: 0, y: 0 });
  assert.deepEqual(frameFit(640, 720), { scale: 0.5, x: 0, y: 180 });
  assert.deepEqual(frameFit(1920, 720), { scale: 1, x: 320, y: 0 });
});

test("planned minutes are shared among slides by weight", () => {
  const plan = planTimes(30, [100, 200, 300]);
  assert.deepEqual(plan.map((p) => p.minutes), [5, 10, 15]);
  assert.deepEqual(plan.map((p) => p.start), [0, 5, 15]);
  assert.equal(plan[2].end, 30);
  assert.deepEqual(planTimes(0, [1, 1]).map((p) => p.minutes), [0, 0]);
  assert.deepEqual(planTimes(10, []), []);
});

test("the elapsed clock reads as minutes and seconds, then hours", () => {
  assert.equal(formatClock(0), "0:00");
  assert.equal(formatClock(5_400), "0:05");
  assert.equal(formatClock(754_000), "12:34");
  assert.equal(formatClock(3_723_000), "1:02:03");
  assert.equal(formatClock(-1000), "0:00");
});

test("the pace note compares elapsed time with the current slide's planned slot", () => {
  const slot = { start: 10, end: 15 };
  assert.equal(paceNote(12 * 60000, slot), "On plan");
  assert.equal(paceNote(15.9 * 60000, slot), "On plan");
  assert.equal(paceNote(19 * 60000, slot), "Behind plan by 4 minutes");
  assert.equal(paceNote(3 * 60000, slot), "Ahead of plan by 7 minutes");
  assert.equal(paceNote(16.2 * 60000, slot), "Behind plan by 1 minute");
});

test("pace counts the slides shown since the session started, not the slides skipped", () => {
  const times = planTimes(30, [1, 1, 1, 1, 1, 1]); // 5 minutes a slide
  // Straight to the last slide after the first: only the first slide's time is due.
  assert.deepEqual(paceSlot(times, [0, 5], 5), { start: 5, end: 10 });
  assert.equal(paceNote(0.2 * 60000, paceSlot(times, [0, 5], 5)), "Ahead of plan by 5 minutes");
  // Slide by slide, the slot is the plan's own.
  assert.deepEqual(paceSlot(times, new Set([0, 1, 2]), 2), { start: 10, end: 15 });
  // Back to a slide already shown: the slides after it were shown too.
  assert.deepEqual(paceSlot(times, [0, 1, 2, 3], 1), { start: 15, end: 20 });
});

test("going forward reveals what a slide hides before moving on; back never hides", () => {
  const reveal = [false, true, false];
  let s = { slide: 0, revealed: [] };
  s = step(s, reveal, "next");
  assert.deepEqual(s, { slide: 1, revealed: [] });
  s = step(s, reveal, "next");
  assert.deepEqual(s, { slide: 1, revealed: [1] });
  s = step(s, reveal, "next");
  assert.deepEqual(s, { slide: 2, revealed: [1] });
  s = step(s, reveal, "next");
  assert.deepEqual(s, { slide: 2, revealed: [1] }, "the last slide stays");
  s = step(s, reveal, "prev");
  assert.deepEqual(s, { slide: 1, revealed: [1] });
  s = step(s, reveal, "hide");
  assert.deepEqual(s, { slide: 1, revealed: [] });
  assert.deepEqual(step(s, reveal, "reveal"), { slide: 1, revealed: [1] });
  assert.deepEqual(step(s, reveal, "last"), { slide: 2, revealed: [] });
  assert.deepEqual(step({ slide: 2, revealed: [] }, reveal, "first"), { slide: 0, revealed: [] });
  assert.deepEqual(step(s, reveal, 7), { slide: 2, revealed: [] });
  assert.deepEqual(step({ slide: 0, revealed: [] }, reveal, "reveal"), { slide: 0, revealed: [] });
});

test("presentation keys", () => {
  for (const key of ["ArrowRight", "ArrowDown", "PageDown", " "]) assert.equal(keyAction(key), "next");
  for (const key of ["ArrowLeft", "ArrowUp", "PageUp"]) assert.equal(keyAction(key), "prev");
  assert.equal(keyAction(" ", true), "prev");
  assert.equal(keyAction("Home"), "first");
  assert.equal(keyAction("End"), "last");
  assert.equal(keyAction("Escape"), "exit");
  assert.equal(keyAction("f"), "fullscreen");
  assert.equal(keyAction("Tab"), null);
  assert.equal(keyAction("Enter"), null);
});

test("a swipe left goes forward, right goes back; small or vertical moves do nothing", () => {
  assert.equal(swipeAction(-120, 10), "next");
  assert.equal(swipeAction(90, -20), "prev");
  assert.equal(swipeAction(-30, 0), null);
  assert.equal(swipeAction(-80, 120), null);
});

// -- the module deck (Present this module) ----------------------------------------------------

const planner = require("../../plugins/permanence_course/assets/js/pages/planner.js");
const { deckPlan, deckTimes } = present;

test("a module deck's agenda is the session planner's day: its start, pages and breaks", () => {
  const pages = [["Overview", 10], ["A", 30], ["B", 45], ["C", 45], ["D", 60], ["E", 50],
    ["F", 45], ["Quiz", 20]].map(([title, minutes]) => ({ title, minutes }));
  const plan = deckPlan(pages, "09:00", planner);
  assert.equal(plan.start, "09:00");
  assert.deepEqual(plan.rows.filter((r) => r.kind === "page").map((r) => r.title),
    pages.map((p) => p.title));
  assert.deepEqual(plan.rows.filter((r) => r.kind === "break").map((r) => r.title),
    ["Morning break", "Lunch", "Afternoon break"]);
  assert.equal(plan.rows[0].time, "09:00–09:10");
  assert.equal(plan.rows[0].length, "10 min");
  // Back to back: each row starts when the one before it ends, and the day ends with the last.
  plan.rows.slice(1).forEach((r, i) => {
    assert.equal(r.time.split("–")[0], plan.rows[i].time.split("–")[1]);
  });
  assert.equal(plan.end, plan.rows[plan.rows.length - 1].time.split("–")[1]);
  assert.equal(plan.rest.reduce((a, b) => a + b, 0), 75);
  assert.equal(plan.rest[plan.rest.length - 1], 0); // never a break after the last page
  // A start that is not a time starts at 09:30, as the planner's form does.
  assert.equal(deckPlan(pages, "nine", planner).start, "09:30");
});

test("a module deck shares each page's minutes among its own slides and counts breaks as due", () => {
  // Slides: agenda (no page), page 0 twice, page 1 once, end (no page); a 15-minute break after page 0.
  const times = deckTimes([1, 1, 3, 5, 1], [undefined, 0, 0, 1, undefined], [20, 30], [15, 0]);
  assert.deepEqual(times.map((t) => t.minutes), [0, 5, 15, 30, 0]);
  assert.deepEqual(times.map((t) => t.rest), [0, 0, 15, 0, 0]);
  assert.deepEqual(times.map((t) => t.start), [0, 0, 5, 35, 65]);
  // During the break, on the slide before it, the session is on plan; after it, the break is due.
  assert.deepEqual(paceSlot(times, [0, 1, 2], 2), { start: 5, end: 35 });
  assert.equal(paceNote(30 * 60000, paceSlot(times, [0, 1, 2], 2)), "On plan");
  assert.deepEqual(paceSlot(times, [0, 1, 2, 3], 3), { start: 35, end: 65 });
});
