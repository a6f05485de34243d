"""Content rules the build enforces: quiz rules and alignment of complete modules.

Each rule has its own test, and each message names the file (and question, for quizzes).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from permanence_course.course import load_course, module_gaps

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "course"
QUIZ = "modules/1-basics/quiz.md"


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE / "modules", tmp_path / "modules")
    return tmp_path


def problems_after(course_dir: Path, file: str, old: str, new: str) -> list[str]:
    path = course_dir / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_course(course_dir)[1]


def only(problems: list[str], needle: str) -> str:
    hits = [p for p in problems if needle in p]
    assert len(hits) == 1, problems
    assert hits[0].startswith(QUIZ + ":"), hits[0]
    return hits[0]


def test_question_without_explanation(course_dir: Path) -> None:
    problems = problems_after(
        course_dir, QUIZ, "Explanation-one: why the right option is right.\n", ""
    )
    msg = only(problems, "expected an explanation")
    assert "quiz question 1" in msg and "Which option is right" in msg


def test_option_without_reason(course_dir: Path) -> None:
    problems = problems_after(course_dir, QUIZ, "    > Reason-wrong-one.\n", "")
    assert "quiz question 1" in only(problems, "'A wrong option' has no reason")


def test_fill_in_question_is_refused(course_dir: Path) -> None:
    problems = problems_after(
        course_dir, QUIZ, "Which option is right in the first question?", "The answer is [[right]]?"
    )
    assert "quiz question 1" in only(problems, "fill-in-the-blank")


def test_duplicate_answer_texts(course_dir: Path) -> None:
    problems = problems_after(course_dir, QUIZ, "- [ ] Wrong option", "- [ ] First right option")
    assert "quiz question 2" in only(problems, "same text")


def test_missing_outcome_marker(course_dir: Path) -> None:
    problems = problems_after(course_dir, QUIZ, "<!-- assesses: m1-lo1 m1-lo2 -->\n", "")
    assert "quiz question 2" in only(problems, "assesses: mN-loN")


def test_unknown_outcome_marker(course_dir: Path) -> None:
    problems = problems_after(
        course_dir, QUIZ, "<!-- assesses: m1-lo1 -->", "<!-- assesses: m1-lo7 -->"
    )
    assert "quiz question 1" in only(problems, "unknown outcome 'm1-lo7'")


def test_quiz_on_page_without_quizzes_enabled(course_dir: Path) -> None:
    problems = problems_after(course_dir, QUIZ, "quiz: {enabled: true}\n", "")
    hits = [p for p in problems if "without quizzes enabled" in p]
    assert len(hits) == 2 and all(h.startswith(QUIZ) for h in hits)


def test_page_missing_from_pages_list_is_reported(course_dir: Path) -> None:
    (course_dir / "modules/1-basics/stray.md").write_text("---\ntitle: Stray\nminutes: 5\n---\n")
    problems = load_course(course_dir)[1]
    assert any(p.startswith("modules/1-basics/stray.md") and "not listed" in p for p in problems)


def gaps_after(course_dir: Path, file: str, old: str, new: str):
    path = course_dir / file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    course, _ = load_course(course_dir)
    return module_gaps(course, course.modules[0]), course.modules[0]


def test_complete_module_with_untaught_outcome(course_dir: Path) -> None:
    gaps, module = gaps_after(
        course_dir, "modules/1-basics/section.md", "outcomes: [m1-lo1]", "outcomes: []"
    )
    assert gaps.untaught == ["m1-lo1"]
    assert any("not taught" in m and "m1-lo1" in m for m in gaps.messages(module))


def test_complete_module_with_unassessed_outcome(course_dir: Path) -> None:
    gaps, _ = gaps_after(
        course_dir, QUIZ, "<!-- assesses: m1-lo1 m1-lo2 -->", "<!-- assesses: m1-lo1 -->"
    )
    assert gaps.unassessed == ["m1-lo2"]


def test_complete_module_with_missing_topic(course_dir: Path) -> None:
    gaps, module = gaps_after(
        course_dir, "modules/1-basics/section.md", "topics: [topic-a]", "topics: []"
    )
    assert gaps.missing_topics == ["topic-a"]
    assert any("topic-a" in m for m in gaps.messages(module))


def test_complete_module_whose_minutes_do_not_add_up(course_dir: Path) -> None:
    gaps, module = gaps_after(
        course_dir, "modules/1-basics/section.md", "minutes: 30", "minutes: 25"
    )
    assert (gaps.minutes, gaps.expected_minutes) == (85, 90)
    assert any("add up to 85" in m for m in gaps.messages(module))


def test_owner_items_are_listed_with_file_and_line(course_dir: Path) -> None:
    course, _ = load_course(course_dir)
    assert ("modules/1-basics/section.md", 13, "confirm a fixture fact") in course.owner_items
