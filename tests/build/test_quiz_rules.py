"""Quiz item-writing rules (issue 30): a learner who guesses (the longest option, position C)
must not beat chance. Each rule fails the strict build on a complete module, naming the file and
the question; the pure checks are tested directly, and the report command too."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from permanence_course import quizrules
from tests.build.test_build import copy_fixture, edit, failed_build
from tests.conftest import FIXTURE, ROOT, build

QUIZ = "modules/1-basics/quiz.md"


def extra_questions(count: int) -> str:
    """More single-answer questions keyed at A, inserted before the fixture's second question."""
    one = (
        "<!-- assesses: m1-lo1 -->\n<quiz>\nExtra question {n}?\n"
        "- [x] Keyed here {n}\n    > Reason.\n"
        "- [ ] A longer wrong option {n}\n    > Reason.\n\nExplanation.\n</quiz>\n\n"
    )
    return "".join(one.format(n=n) for n in range(count))


# Each item-writing rule: the edit to the fixture's complete module that breaks it, and the words
# of its message. Each edit breaks that rule only.
ITEM_RULES = {
    "key is the longest option (single-answer)": (
        "- [ ] Another, much longer wrong option",
        "- [ ] Shorter wrong",
        "longer than every other option",
    ),
    "longest option keyed (multi-answer)": (
        "- [ ] A fourth option, the longest of them",
        "- [ ] A fourth wrong",
        "the longest option is keyed",
    ),
    "key over 1.5 times the other options": (
        "- [x] Second right option\n",
        "- [x] Second right option, rather longer\n",
        "times the mean of the other options",
    ),
    "keys crowded in one position": (
        "<!-- assesses: m1-lo1 m1-lo2 -->",
        extra_questions(2) + "<!-- assesses: m1-lo1 m1-lo2 -->",
        "position A holds the key in 3 of 3",
    ),
    "all or none of the above": (
        "- [ ] Another, much longer wrong option",
        "- [ ] None of the above, for certain",
        "'all/none of the above' option",
    ),
    "negative stem not flagged": (
        "Which option is right in the first question?",
        "Which option is not wrong in the first question?",
        "negatively worded ('not')",
    ),
}


@pytest.mark.parametrize("rule", list(ITEM_RULES))
def test_each_quiz_item_rule_fails_the_strict_build_naming_file_and_question(
    tmp_path: Path, rule: str
) -> None:
    old, new, needle = ITEM_RULES[rule]
    site = copy_fixture(tmp_path)
    edit(site / QUIZ, old, new)
    log = failed_build(site, tmp_path)
    lines = [line for line in log.splitlines() if needle in line]
    assert len(lines) == 1, log
    assert re.search(r"modules/1-basics/quiz\.md(:\d+)?: quiz questions? \d", lines[0]), lines[0]
    assert not [line for line in log.splitlines() if "WARNING" in line and line not in lines], log


def test_fixture_quiz_passes_every_rule_and_a_negative_in_capitals_or_bold_is_fine(
    tmp_path: Path,
) -> None:
    site = copy_fixture(tmp_path)
    edit(site / QUIZ, "Which option is right", "Which option is NOT wrong")
    edit(site / QUIZ, "Which two options are right", "Which two are **not** wrong")
    build(site / "mkdocs.yml", tmp_path / "out")


def test_a_draft_module_and_a_pending_module_do_not_fail_the_build(tmp_path: Path) -> None:
    site = copy_fixture(tmp_path)
    old, new, _ = ITEM_RULES["key is the longest option (single-answer)"]
    edit(site / QUIZ, old, new)
    course = site / "modules/course.yml"
    course.write_text(course.read_text(encoding="utf-8") + "quiz_rules_pending: [1]\n")
    log = build(site / "mkdocs.yml", tmp_path / "out", extra_env={"NO_COLOR": "1"})
    # Information, never a warning that would fail the strict build.
    assert not [x for x in log.splitlines() if "WARNING" in x and "longer than every" in x], log


def test_quiz_rules_pending_names_the_file_and_field_when_wrong(tmp_path: Path) -> None:
    site = copy_fixture(tmp_path)
    course = site / "modules/course.yml"
    course.write_text(course.read_text(encoding="utf-8") + "quiz_rules_pending: [7]\n")
    log = failed_build(site, tmp_path)
    assert "modules/course.yml: field 'quiz_rules_pending': expected module numbers" in log


def test_real_modules_pending_the_rules_are_real_modules() -> None:
    import yaml

    course = yaml.safe_load((ROOT / "modules/course.yml").read_text(encoding="utf-8"))
    pending = course.get("quiz_rules_pending") or []
    numbers = {int(p.name.split("-")[0]) for p in (ROOT / "modules").glob("[0-9]*-*")}
    assert set(pending) <= numbers


def test_every_real_module_quiz_passes_the_item_rules_and_none_is_pending() -> None:
    from permanence_course.course import load_course

    course, _ = load_course(ROOT, "modules")
    for module in course.modules:
        items = [quizrules.Located(p.src, q) for p in module.pages for q in p.questions]
        assert len(items) >= 10, module.slug
        assert quizrules.module_problems(items) == [], module.slug
    assert course.notes == []  # quiz_rules_pending: [] enforces the rules on all four


# -- the pure checks ---------------------------------------------------------------------------


@dataclass
class Q:
    answers: list[str]
    keyed: list[bool]
    stem: str = "Which is right?"
    number: int = 1
    line: int = 10
    outcomes: list[str] = field(default_factory=list)


def single(position: int, number: int = 1, options: int = 4) -> quizrules.Located:
    answers = [f"Option text {chr(65 + i)} of equal length" for i in range(options)]
    return quizrules.Located(
        "m/quiz.md", Q(answers, [i == position for i in range(options)], number=number)
    )


def test_lengths_are_the_options_own_words_without_markup() -> None:
    assert quizrules.plain("**Bold** and [a link](https://x.example/long/path) `code`") == (
        "Bold and a link code"
    )
    assert quizrules.length("<em>seven</em>  !") == len("seven !")


def test_negative_in_a_case_before_the_question_is_not_a_negative_stem() -> None:
    stem = 'Kai says, "Nan doesn\'t like me." Sam has not visited. Which responses fit?'
    assert quizrules.unflagged_negatives(stem) == []
    assert quizrules.unflagged_negatives("Which of these is least likely?") == ["least"]
    assert quizrules.unflagged_negatives("All of these are grounds EXCEPT which?") == []
    assert quizrules.unflagged_negatives("Which __cannot__ be ordered?") == []


@pytest.mark.parametrize(
    "text", ["All of the above", "none of the above.", "Both of the above", "All the above"]
)
def test_all_or_none_of_the_above_is_refused(text: str) -> None:
    q = Q(["A first option", "A second option", text], [True, False, False])
    assert any("all/none of the above" in p for p in quizrules.question_problems("f.md", q))


def test_ten_questions_need_each_position_a_to_d_at_least_once_and_at_most_four_times() -> None:
    spread = [single(i % 4, n) for n, i in enumerate(range(10), start=1)]  # A3 B3 C2 D2
    assert quizrules.module_problems(spread) == []
    no_a = [single(1 + i % 3, n) for n, i in enumerate(range(10), start=1)]  # B4 C3 D3
    problems = quizrules.module_problems(no_a)
    assert len(problems) == 1 and "position A holds the key in 0 of 10" in problems[0]
    crowded = [single(0 if i < 5 else 1 + i % 3, n) for n, i in enumerate(range(10), start=1)]
    assert any(
        "position A holds the key in 5 of 10" in p for p in quizrules.module_problems(crowded)
    )


def test_few_questions_drop_the_floor_and_round_the_ceiling_up() -> None:
    assert quizrules.allowed_per_position(3) == (0, 2)
    assert quizrules.allowed_per_position(12) == (2, 4)
    assert quizrules.module_problems([single(2, 1), single(2, 2), single(0, 3)]) == []


def test_a_key_beyond_d_counts_against_the_spread_and_its_own_ceiling() -> None:
    items = [single(4, n, options=5) for n in range(1, 4)]  # all at E
    problems = quizrules.module_problems(items)
    assert any("position E holds the key in 3 of 3" in p for p in problems)


def test_a_key_at_exactly_one_and_a_half_times_the_others_passes() -> None:
    q = Q(["x" * 30, "y" * 20, "z" * 20], [True, False, False])
    assert quizrules.question_problems("f.md", q) == []
    q.answers[0] = "x" * 31
    assert quizrules.question_problems("f.md", q)


# -- the report command ------------------------------------------------------------------------


def run_report(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "permanence_course.quizrules", *map(str, paths)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_report_command_gives_statistics_and_passes_the_fixture() -> None:
    result = run_report(FIXTURE / QUIZ)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 questions: 1 single-answer, 1 multi-answer" in result.stdout
    assert "Q1 (line 11): A*16 B14 C33" in result.stdout
    assert "passes every quiz rule" in result.stdout


def test_report_command_lists_each_violation_and_fails(tmp_path: Path) -> None:
    site = copy_fixture(tmp_path)
    old, new, needle = ITEM_RULES["negative stem not flagged"]
    edit(site / QUIZ, old, new)
    edit(site / QUIZ, "    > Reason C.\n", "")
    result = run_report(site / QUIZ)
    assert result.returncode == 1
    assert needle in result.stdout
    assert "'Wrong option' has no reason" in result.stdout
