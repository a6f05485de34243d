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

const { findPersonalData } = require("../../plugins/permanence_course/assets/js/learner.js");
const ADDRESS = "a street address";
const FULL_NAME = "a full name after a word such as saw, met or visited";

test("the personal-data check catches street addresses and full names after saw, met, visited", () => {
  assert.ok(findPersonalData("The family lives at 14 Oak Road now.").includes(ADDRESS));
  assert.ok(findPersonalData("Moved to 3a Long Meadow Close last year").includes(ADDRESS));
  assert.ok(findPersonalData("Today I visited Jamie Smith at school.").includes(FULL_NAME));
  assert.ok(findPersonalData("I met Kerry O'Neill and her mother.").includes(FULL_NAME));
  assert.ok(findPersonalData("We spoke to Aisha Khan about contact.").includes(FULL_NAME));
  // Ordinary practice writing is not flagged.
  for (const text of ["I met the family twice.", "I visited on Monday Morning.", "Section 14 of the Act",
    "We saw a pattern in 3 reviews", "I met Social Care colleagues"]) {
    assert.ok(!findPersonalData(text).includes(ADDRESS), text);
  }
  assert.ok(!findPersonalData("I visited on Monday Morning.").includes(FULL_NAME));
});

const { flaggedEntries, buildRecord } = require("../../plugins/permanence_course/assets/js/pages/cpd.js");

test("before a print or an export, entries the personal-data check flags are listed, unchanged", () => {
  const ctx = {
    manifest: { reflections: { "m1-r-a": { title: "Reflection: your own practice" } } },
    rules: { regulator: "Social Work England" },
    reflections: [{ id: "m1-r-a", text: "I visited Jamie Smith at 14 Oak Road." }, { id: "m1-r-b", text: "Nothing personal." }],
    goals: [{ title: "Talk to my supervisor", actions: "Ring LS1 4AB office" }, { title: "", actions: "Read" }],
    cpd: [{ id: "c1", title: "Course", created: "2026-11-01T10:00:00Z", reflection: "Met Ann Lee at the panel" }]
  };
  const before = JSON.stringify(ctx);
  assert.deepEqual(flaggedEntries(ctx, findPersonalData), [
    { what: "Reflection: your own practice", found: ["a street address", "a full name after a word such as saw, met or visited"] },
    { what: "Goal: Talk to my supervisor", found: ["a postcode"] },
    { what: "Social Work England record: Course", found: ["a full name after a word such as saw, met or visited"] }
  ]);
  assert.equal(JSON.stringify(ctx), before);
  assert.deepEqual(flaggedEntries({ manifest: {}, reflections: [], goals: [], cpd: [] }, findPersonalData), []);
  assert.equal(typeof buildRecord, "function");
});
