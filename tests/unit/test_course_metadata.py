"""Module metadata and plugin configuration: good input passes, each mistake names file and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.config.base import load_config

from permanence_course.config import PermanenceCourseConfig
from permanence_course.course import CourseError, load_course, module_gaps

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "course"


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE / "modules", tmp_path / "modules")
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_plugin_config_defaults_validate() -> None:
    cfg = PermanenceCourseConfig()
    cfg.load_dict({})
    assert cfg.validate() == ([], [])
    assert cfg.enabled is True and cfg.modules_dir == "modules"


def test_plugin_config_rejects_wrong_type() -> None:
    cfg = PermanenceCourseConfig()
    cfg.load_dict({"modules_dir": 3})
    failed, _ = cfg.validate()
    assert failed and failed[0][0] == "modules_dir"


def test_the_real_mkdocs_yml_loads_the_plugin() -> None:
    config = load_config(str(Path(__file__).resolve().parents[2] / "mkdocs.yml"))
    assert "permanence-course" in config.plugins


def test_fixture_course_loads_with_every_page_and_reflection(course_dir: Path) -> None:
    course, problems = load_course(course_dir)
    assert problems == []
    assert [m.slug for m in course.modules] == ["1-basics", "2-more"]
    assert [p.kind for p in course.modules[0].pages] == ["overview", "section", "scenario", "quiz"]
    assert sorted(r.id for r in course.reflections) == ["m1-r-fixture-family", "m1-r-own-practice"]
    assert module_gaps(course, course.modules[0]).empty
    assert module_gaps(course, course.modules[1]).untaught == ["m2-lo1"]


BAD_METADATA = [
    ('title: "Basics: a fixture module"\n', "", "title", "module title"),
    ('title: "Basics: a fixture module"', "title: [Basics]", "title", "module title"),
    ("summary: |", "sumary: |", "sumary", "one of the fields"),
    ("further_reading: [ref-one]", "further_readings: [ref-one]", "further_readings", "fields"),
    ("law_correct_as_at: 2026-11-01\n", "", "law_correct_as_at", "YYYY-MM-DD"),
    ("hours: 1.5\n", "", "hours", "positive number"),
    (
        'text: "reflect on the second fixture outcome"',
        'txt: "reflect on the second fixture outcome"',
        "outcomes[2].txt",
        "'id' and 'text'",
    ),
    (
        '    text: "reflect on the second fixture outcome"\n',
        "",
        "outcomes[2].text",
        "outcome's text",
    ),
    ("hours: 1.5", "hours: 0", "hours", "positive number"),
    ("hours: 1.5", "hours: -2", "hours", "positive number"),
    ("hours: 1.5", "hours: six", "hours", "positive number"),
    ("number: 1", "number: one", "number", "whole number"),
    ("id: m1-lo2", "id: m1-lo1", "outcomes[2].id", "used once"),
    ("id: m1-lo2", "id: m1-outcome2", "outcomes[2].id", "m<module>-lo<n>"),
    ("id: m1-lo2", "id: m2-lo2", "outcomes[2].id", "m1-lo"),
    ("law_correct_as_at: 2026-11-01", "law_correct_as_at: soon", "law_correct_as_at", "YYYY-MM-DD"),
    ("status: complete", "status: finished", "status", "'draft' or 'complete'"),
    (
        "pages: [section.md, scenario.md, quiz.md]",
        "pages: [section.md, missing.md]",
        "pages",
        "missing.md",
    ),
    (
        "further_reading: [ref-one]",
        "further_reading: [no-such-ref]",
        "further_reading",
        "references",
    ),
    ("short_name: basics", "short_name: Basics Module", "short_name", "lower-case"),
    ("short_name: basics", "short_name: other", "number/short_name", "folder"),
]


@pytest.mark.parametrize(("old", "new", "field", "expected"), BAD_METADATA)
def test_bad_module_metadata_names_file_field_and_expectation(
    course_dir: Path, old: str, new: str, field: str, expected: str
) -> None:
    edit(course_dir / "modules/1-basics/module.yml", old, new)
    with pytest.raises(CourseError) as err:
        load_course(course_dir)
    message = str(err.value)
    assert message.startswith("modules/1-basics/module.yml:")
    assert f"field '{field}'" in message
    assert expected in message


def test_malformed_yaml_names_file_and_line(course_dir: Path) -> None:
    edit(course_dir / "modules/1-basics/module.yml", "status: complete", "status: [complete")
    with pytest.raises(CourseError) as err:
        load_course(course_dir)
    assert "modules/1-basics/module.yml" in str(err.value)
    assert "malformed at line" in str(err.value)


BAD_PAGES = [
    ("section.md", "minutes: 30", "minutes: 0", "minutes", "positive whole number"),
    ("section.md", "minutes: 30", "minutes: half an hour", "minutes", "positive whole number"),
    ("section.md", "outcomes: [m1-lo1]", "outcomes: [m1-lo9]", "outcomes", "m1-lo9"),
    ("section.md", "topics: [topic-a]", "topics: [no-topic]", "topics", "topics.yml"),
    (
        "section.md",
        "kind: section",
        "kind: chapter",
        "kind",
        "one of overview, section, scenario, quiz",
    ),
    ("scenario.md", "scenario: m1-s1", "scenario: m9-s9", "scenario", "scenarios.yml"),
    (
        "section.md",
        "attrs: {id: m1-r-own-practice}",
        "attrs: {id: Reflection One}",
        "reflection id",
        "mN-r-",
    ),
    (
        "scenario.md",
        "attrs: {id: m1-r-fixture-family}",
        "attrs: {id: m1-r-own-practice}",
        "reflection id",
        "unique",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "field", "expected"), BAD_PAGES)
def test_bad_page_front_matter_names_file_and_field(
    course_dir: Path, file: str, old: str, new: str, field: str, expected: str
) -> None:
    edit(course_dir / "modules/1-basics" / file, old, new)
    with pytest.raises(CourseError) as err:
        load_course(course_dir)
    assert f"modules/1-basics/{file}" in str(err.value)
    assert f"field '{field}'" in str(err.value)
    assert expected in str(err.value)


def test_glossary_term_defined_twice_is_refused(course_dir: Path) -> None:
    (course_dir / "modules/1-basics/glossary.yml").write_text(
        "- term: SGO\n  definition: again\n", encoding="utf-8"
    )
    with pytest.raises(CourseError) as err:
        load_course(course_dir)
    assert "modules/1-basics/glossary.yml" in str(err.value) and "defined once" in str(err.value)
