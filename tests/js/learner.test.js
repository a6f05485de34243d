// Pure logic of the learner's record on module pages (plugins/permanence_course/assets/js/:
// learner.js, pages/progress.js and pages/outcomes.js): the personal-data check, progress, goals.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { findPersonalData, warnPersonal, pageStatus, goalOutcomes } =
  require("../../plugins/permanence_course/assets/js/learner.js");
const { moduleProgress, progressText } =
  require("../../plugins/permanence_course/assets/js/pages/progress.js");
const { isOpen, goalTitle } = require("../../plugins/permanence_course/assets/js/pages/outcomes.js");

const DATE = "a date (such as a date of birth)";
const NAME_AFTER = "a name after a word such as child or mother";

// Each pattern, on text a practitioner might write, and what the warning names.
const FLAGGED = [
  ["Her DOB is on the file.", DATE],
  ["Date of birth: not known yet.", DATE],
  ["She was born on a Tuesday.", DATE],
  ["Seen at home on 03/11/2019.", DATE],
  ["Seen on 3.11.19 after school.", DATE],
  ["He arrived on 14 February 2016, aged two.", DATE],
  ["He arrived on 14th Feb 2016.", DATE],
  ["NHS number 943 476 5919 on the referral.", "an NHS number"],
  ["Number 943-476-5919 on the referral.", "an NHS number"],
  ["Her NI number is QQ 12 34 56 C.", "a National Insurance number"],
  ["Her NI number is qq123456c.", "a National Insurance number"],
  ["They live near SW1A 1AA now.", "a postcode"],
  ["They moved to m1 1ae last year.", "a postcode"],
  ["Call the carer on 07700 900123.", "a phone number"],
  ["The office is on 020 7946 0958.", "a phone number"],
  ["Mobile +44 7700 900123.", "a phone number"],
  ["I spoke with Mrs Patel about contact.", "a title and a name"],
  ["Mr. O'Neill was not at the meeting.", "a title and a name"],
  ["Miss Jones, the teacher, called.", "a title and a name"],
  ["Ms Okafor agreed the plan.", "a title and a name"],
  ["See case no. 4471234 for the history.", "a case number"],
  ["Case ref: LA-123456 was reopened.", "a case number"],
  ["The court case ZE21C50123 is listed.", "a case number"],
  ["Mosaic 1234567 shows the visits.", "a case number"],
  ["The child Ellie-May said she wanted to stay.", NAME_AFTER],
  ["Her mother, Donna, came to the review.", NAME_AFTER],
  ["The father Kacper missed contact.", NAME_AFTER],
  ["The carer called Helen rang me.", NAME_AFTER],
  ["His mum Sarah was upset.", NAME_AFTER],
];

for (const [text, kind] of FLAGGED) {
  test(`warns about ${kind}: "${text}"`, () => {
    assert.ok(findPersonalData(text).includes(kind), JSON.stringify(findPersonalData(text)));
  });
}

// Ordinary reflective writing, in the course's own language, raises no warning.
const ORDINARY = [
  "I noticed how quickly I reached a view about the family. Next time I will hold two " +
    "explanations open and test both before the review.",
  "The child said she wanted to stay with her nan. The carer said the move went well, and the " +
    "mother agreed to contact twice a month.",
  "I want to talk with my supervisor about Re B-S and how I compare realistic options, and to " +
    "read the Children Act 1989 guidance, volume 2, by the end of March.",
  "Care proceedings should finish within 26 weeks. I will review my plans for the child " +
    "Protection conference on the 2nd and the 3rd, in Year 2 of my post.",
  "Section 4.3 of the standards: research, theories and frameworks. I scored 7 out of 10 on the " +
    "quiz and met the child In Need team at 9am.",
  "In 2025/26 I want to lead two learning sets for 12 colleagues, and in 2027 support an ASYE.",
  "A Special Guardianship Order gave the child Care and stability: the father Protection plan ended.",
  "",
];

for (const text of ORDINARY) {
  test(`no warning on ordinary text: "${text.slice(0, 40)}…"`, () => {
    assert.deepEqual(findPersonalData(text), []);
  });
}

test("the warning names what was found, and goes when the text is ordinary again", () => {
  const warn = { hidden: true, textContent: "" };
  assert.equal(warnPersonal(warn, "I rang Mrs Patel on 07700 900123."), "a phone number, a title and a name");
  assert.equal(warn.hidden, false);
  assert.equal(warn.textContent, "This may include personal data (a phone number, a title and a name). " +
    "Please check it and take out anything that could identify someone.");
  assert.equal(warnPersonal(warn, "I rang the carer."), "");
  assert.deepEqual(warn, { hidden: true, textContent: "" });
});

test("several kinds at once are all named, in a fixed order", () => {
  assert.deepEqual(findPersonalData("Mrs Smith, SW1A 1AA, 07700 900123"), [
    "a postcode", "a phone number", "a title and a name",
  ]);
  assert.deepEqual(findPersonalData(undefined), []);
});

// -- progress -------------------------------------------------------------------------------

test("a page is visited, then done when marked done; a quiz page is done once taken", () => {
  const section = { kind: "section" }, quiz = { kind: "quiz", quiz: { hash: "h" } };
  assert.equal(pageStatus(section, null, null), "");
  assert.equal(pageStatus(section, { visited: "2026-11-01" }, null), "visited");
  assert.equal(pageStatus(section, { visited: "2026-11-01", done: true }, null), "done");
  assert.equal(pageStatus(quiz, { visited: "2026-11-01", done: true }, null), "visited");
  assert.equal(pageStatus(quiz, { visited: "2026-11-01" }, { score: 1, total: 2 }), "done");
});

test("module progress counts pages done and visited, overviews aside, with the quiz result", () => {
  const manifest = {
    modules: [
      { number: 1, title: "One", url: "modules/1/", pages: ["m1/index", "m1/a", "m1/b", "m1/quiz"] },
      { number: 2, title: "Two", url: "modules/2/", pages: ["m2/index"] },
    ],
    pages: {
      "m1/index": { kind: "overview" }, "m1/a": { kind: "section" }, "m1/b": { kind: "scenario" },
      "m1/quiz": { kind: "quiz", quiz: { hash: "h" } }, "m2/index": { kind: "overview" },
    },
  };
  const progress = { "m1/index": { visited: "x" }, "m1/a": { visited: "x", done: true },
    "m1/quiz": { visited: "x" } };
  const result = { score: 3, total: 5 };
  const rows = moduleProgress(manifest, (id) => progress[id] || null,
    (id) => (id === "m1/quiz" ? result : null), pageStatus);
  assert.deepEqual(rows, [
    { number: 1, title: "One", url: "modules/1/", total: 3, done: 2, visited: 2, quiz: result },
    { number: 2, title: "Two", url: "modules/2/", total: 0, done: 0, visited: 0, quiz: null },
  ]);
});

test("progress in words names pages done, visited and the latest quiz result", () => {
  assert.equal(progressText({ total: 3, done: 2, visited: 2, quiz: { score: 3, total: 5, answered: 5 } }),
    "2 of 3 pages done, 2 visited. Latest quiz result: 3 of 5 right.");
  assert.equal(progressText({ total: 3, done: 1, visited: 1, quiz: { score: 1, total: 5, answered: 2 } }),
    "1 of 3 pages done, 1 visited. Latest quiz result: 1 of 5 right (2 answered).");
  assert.equal(progressText({ total: 8, done: 0, visited: 1, quiz: null }), "0 of 8 pages done, 1 visited.");
});

// -- goals ----------------------------------------------------------------------------------

test("a goal started from an outcome is titled with it, as a sentence", () => {
  assert.equal(goalTitle("identify personal learning goals"), "Identify personal learning goals");
});

test("achieved and dropped goals are not offered for a new outcome", () => {
  assert.deepEqual(["not-started", "in-progress", "achieved", "dropped", undefined]
    .map((status) => isOpen({ status })), [true, true, false, false, true]);
});

test("a goal's outcomes, also from an older record naming one outcome", () => {
  assert.deepEqual(goalOutcomes({ outcomes: ["m1-lo1", "m1-lo2"] }), ["m1-lo1", "m1-lo2"]);
  assert.deepEqual(goalOutcomes({ outcome: "m1-lo3" }), ["m1-lo3"]);
  assert.deepEqual(goalOutcomes({}), []);
});
