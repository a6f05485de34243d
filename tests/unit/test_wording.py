"""Course wording is data (modules/wording.yml): facilitation prompts, handout introductions and
evaluation questions change with the file, and a missing or wrong file names itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from permanence_course import materials
from permanence_course.course import CourseError, load_course

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "course"


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE / "modules", tmp_path / "modules")
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_printed_materials_say_what_the_wording_file_says(course_dir: Path) -> None:
    wording = course_dir / "modules/wording.yml"
    edit(wording, "What was most useful to you, and why?", "Which moment stayed with you?")
    edit(wording, "Keep it away from participants", "Keep it locked away")
    edit(wording, "Each stage of each scenario on its own page", "One stage a sheet")
    edit(wording, "Law and guidance are as at", "The law is stated as at")
    course, _ = load_course(course_dir)
    module = course.modules[0]
    form = materials.evaluation_form(course, module)
    assert "Which moment stayed with you?" in form and "most useful" not in form
    assert "Keep it locked away" in materials.handout(course, module, "pack")
    assert "One stage a sheet" in materials.cards_page(course, module)
    date = f"{module.law_correct_as_at.day} {module.law_correct_as_at.strftime('%B %Y')}"
    assert f"The law is stated as at {date}:" in materials.participant_handout(course, module)


def test_without_the_wording_file_the_build_names_it(course_dir: Path) -> None:
    (course_dir / "modules/wording.yml").unlink()
    with pytest.raises(CourseError, match=r"modules/wording\.yml: file: expected the file"):
        load_course(course_dir)


def test_a_missing_prompt_names_the_file_and_the_field(course_dir: Path) -> None:
    edit(course_dir / "modules/wording.yml", "  reflection:", "  reflecton:")
    with pytest.raises(CourseError, match=r"modules/wording\.yml: field 'facilitation"):
        load_course(course_dir)
