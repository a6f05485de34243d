// The learner's journey (issue 29): the page after this one, and where a returning learner
// carries on (learner.js nextPage, pages/progress.js resumePage).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { nextPage, pageStatus } = require("../../plugins/permanence_course/assets/js/learner.js");
const { resumePage } = require("../../plugins/permanence_course/assets/js/pages/progress.js");

const MANIFEST = {
  modules: [
    { number: 1, pages: ["m1/index", "m1/a", "m1/quiz"] },
    { number: 2, pages: ["m2/index", "m2/b"] }
  ],
  pages: {
    "m1/index": { title: "Module 1", url: "m1/", module: 1, kind: "overview", minutes: 10 },
    "m1/a": { title: "Section A", url: "m1/a/", module: 1, kind: "section", minutes: 45 },
    "m1/quiz": { title: "Quiz one", url: "m1/quiz/", module: 1, kind: "quiz", minutes: 20, quiz: { hash: "h", questions: 2 } },
    "m2/index": { title: "Module 2", url: "m2/", module: 2, kind: "overview", minutes: 10 },
    "m2/b": { title: "Section B", url: "m2/b/", module: 2, kind: "section", minutes: 30 }
  }
};

test("the next page follows course order, across modules, and ends with the course", () => {
  assert.equal(nextPage(MANIFEST, "m1/index").id, "m1/a");
  assert.equal(nextPage(MANIFEST, "m1/a").title, "Quiz one");
  assert.deepEqual(nextPage(MANIFEST, "m1/quiz"),
    { id: "m2/index", title: "Module 2", url: "m2/", module: 2, kind: "overview", minutes: 10 });
  assert.equal(nextPage(MANIFEST, "m2/b"), null);
  assert.equal(nextPage(MANIFEST, "not/a/page"), null);
});

const none = () => null;

test("a learner who has not started has nowhere to continue from", () => {
  assert.equal(resumePage(MANIFEST, [], none, pageStatus, nextPage), null);
  // Records of pages the course no longer has, or with no visit time, are passed over.
  assert.equal(resumePage(MANIFEST, [{ id: "gone", lastVisited: "2027-01-01T10:00:00Z" },
    { id: "m1/a" }], none, pageStatus, nextPage), null);
});

test("a returning learner continues on the page they were last on, or the next once it is done", () => {
  const visits = [
    { id: "m1/index", visited: "x", lastVisited: "2027-01-01T09:00:00Z" },
    { id: "m1/a", visited: "x", lastVisited: "2027-01-02T09:00:00Z", done: false }
  ];
  assert.deepEqual(resumePage(MANIFEST, visits, none, pageStatus, nextPage),
    { id: "m1/a", title: "Section A", url: "m1/a/" });
  visits[1].done = true;
  assert.equal(resumePage(MANIFEST, visits, none, pageStatus, nextPage).title, "Quiz one");
  // A quiz taken is done: the learner carries on into module 2.
  visits.push({ id: "m1/quiz", visited: "x", lastVisited: "2027-01-03T09:00:00Z" });
  assert.equal(resumePage(MANIFEST, visits, none, pageStatus, nextPage).title, "Quiz one");
  assert.equal(resumePage(MANIFEST, visits, () => ({ score: 2, total: 2 }), pageStatus, nextPage).title, "Module 2");
  // The last page of the course, done: stay there.
  visits.push({ id: "m2/b", visited: "x", lastVisited: "2027-01-04T09:00:00Z", done: true });
  assert.equal(resumePage(MANIFEST, visits, none, pageStatus, nextPage).title, "Section B");
});
