// Pure logic of the quiz adapter (plugins/permanence_course/assets/js/pages/quiz.js).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { judge, reveal, tally, outcomeResults, fromVendor, tallyText } =
  require("../../plugins/permanence_course/assets/js/pages/quiz.js");

test("an empty submit changes nothing", () => {
  assert.deepEqual(judge(undefined, [], ["0"]), { state: {}, result: "blank" });
  const open = { tries: 1, picked: "1", settled: false };
  assert.equal(judge(open, [], ["0"]).state, open);
});

test("a first wrong try stays open; a second settles it, not right", () => {
  const once = judge({}, ["2"], ["0", "1"]);
  assert.equal(once.result, "wrong");
  assert.equal(once.state.settled, false);
  assert.equal(once.state.picked, "2");
  // The same wrong answer again is not a second try.
  assert.equal(judge(once.state, ["2"], ["0", "1"]).result, "same");
  const twice = judge(once.state, ["0"], ["0", "1"]);
  assert.equal(twice.result, "wrong-again");
  assert.deepEqual(twice.state, { tries: 2, picked: "0", settled: true, right: false, first: false, shown: false });
  assert.equal(judge(twice.state, ["0", "1"], ["0", "1"]).result, "settled");
});

test("right first time, or right on the second try", () => {
  assert.deepEqual(judge({}, ["1", "0"], ["0", "1"]).state,
    { tries: 1, picked: "0,1", settled: true, right: true, first: true, shown: false });
  const second = judge(judge({}, ["2"], ["0"]).state, ["0"], ["0"]);
  assert.equal(second.result, "right");
  assert.equal(second.state.first, false);
});

test("showing the answer settles a question as not right, keeping what was chosen", () => {
  assert.deepEqual(reveal({ tries: 1, picked: "2" }),
    { tries: 1, picked: "2", settled: true, right: false, first: false, shown: true });
  const done = { tries: 1, picked: "0", settled: true, right: true, first: true };
  assert.equal(reveal(done), done);
});

test("the running score and each outcome's results count settled questions only", () => {
  const state = { q1: { settled: true, first: true }, q2: { settled: true, first: false },
    q3: { tries: 1, settled: false } };
  assert.deepEqual(tally(["q1", "q2", "q3"], state), { total: 3, answered: 2, right: 1 });
  assert.equal(tallyText(tally(["q1", "q2", "q3"], state)), "2 of 3 answered · 1 right first time");
  const questions = [{ id: "q1", outcomes: ["a"] }, { id: "q2", outcomes: ["a", "b"] },
    { id: "q3", outcomes: ["b"] }];
  assert.deepEqual(outcomeResults(questions, state), [
    { outcome: "a", total: 2, answered: 2, right: 1 },
    { outcome: "b", total: 2, answered: 1, right: 0 }]);
});

test("mkdocs-quiz's own saved answers come across as settled questions; nonsense is ignored", () => {
  const saved = { "quiz-0": { answered: true, correct: false, selectedValues: ["1"] },
    "quiz-1": { answered: true, correct: true, selectedValues: [0, 1] },
    "quiz-9": { answered: true, correct: true, selectedValues: ["0"] },
    "quiz-2": { answered: "yes" } };
  assert.deepEqual(fromVendor(saved, ["quiz-0", "quiz-1", "quiz-2"]), {
    "quiz-0": { tries: 1, picked: "1", settled: true, right: false, first: false, shown: false },
    "quiz-1": { tries: 1, picked: "0,1", settled: true, right: true, first: true, shown: false } });
  assert.deepEqual(fromVendor(null, ["quiz-0"]), {});
  assert.deepEqual(fromVendor("text", ["quiz-0"]), {});
});
