// Pure logic of the presentation (plugins/permanence_course/assets/js/pages/present.js).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const present = require("../../plugins/permanence_course/assets/js/pages/present.js");

const { slideFromSearch, withParam, splitBlocks, planTimes, formatClock, paceNote, step,
  keyAction, swipeAction } = present;

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

test("a section that fits is one slide; nothing is lost or reordered when it is split", () => {
  assert.deepEqual(splitBlocks(blocks(100, 200, 150), 560), [[0, 1, 2]]);
  const groups = splitBlocks(blocks(300, 300, 300, 300, 300), 560);
  assert.deepEqual(groups.flat(), [0, 1, 2, 3, 4]);
  assert.ok(groups.length >= 3, "five 300-weight blocks need at least three slides");
});

test("no slide is over budget unless one block alone is", () => {
  const items = blocks(120, 250, 90, 400, 60, 330, 210, 500, 80);
  for (const group of splitBlocks(items, 560)) {
    const total = group.reduce((s, i) => s + items[i].w, 0);
    assert.ok(total <= 560 * 1.2 || group.length === 1, `slide ${group} weighs ${total}`);
  }
  assert.deepEqual(splitBlocks(blocks(2000), 560), [[0]]);
  assert.deepEqual(splitBlocks(blocks(100, 2000, 100), 560), [[0], [1], [2]]);
});

test("a subheading never ends a slide and starts one when the slide is fairly full", () => {
  // 400 + heading 80 + 300 overflows: the heading moves on with its paragraph.
  assert.deepEqual(splitBlocks(blocks(400, H(80), 300), 560), [[0], [1, 2]]);
  // A subheading after a fairly full slide starts a new one, even though it would fit.
  assert.deepEqual(splitBlocks(blocks(300, H(60), 100), 560), [[0], [1, 2]]);
  // Early in a slide, a subheading stays where it is.
  assert.deepEqual(splitBlocks(blocks(100, H(60), 100), 560), [[0, 1, 2]]);
});

test("a small remainder joins the slide before it", () => {
  assert.deepEqual(splitBlocks(blocks(500, 60), 560), [[0, 1]]);
  assert.deepEqual(splitBlocks(blocks(550, 300), 560), [[0], [1]]);
  assert.deepEqual(splitBlocks([], 560), []);
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
