"""Social Work England's CPD rules as data: the real file loads, each mistake names file and field,
and the build inlines the rules only on pages that ask for them."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest

from permanence_course.course import CourseError
from permanence_course.cpd_rules import load_cpd_rules
from tests.conftest import Site

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "modules" / "cpd-rules.yml"
FIXTURE = ROOT / "tests" / "fixtures" / "course" / "modules" / "cpd-rules.yml"


def test_the_real_rules_load_with_the_facts_the_page_relies_on() -> None:
    rules = load_cpd_rules(REAL, "modules/cpd-rules.yml")
    assert rules is not None
    assert rules["regulator"] == "Social Work England"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", rules["rules_as_at"])
    assert rules["registration_year"] == {
        "start_month": 12,
        "start_day": 1,
        "deadline_time": "23:59",
    }
    assert rules["pieces_per_year"] == 2
    assert rules["peer_reflections_per_year"] == 1
    assert "There is no requirement for a number of hours." in rules["notes"]
    assert "2026-27" in rules["changes"]
    text = json.dumps(rules)
    assert not re.search(r"accredit|endorse|approved", text, re.I)


def test_the_fixture_rules_are_the_real_rules() -> None:
    """The browser tests check the real rules, not a made-up set."""
    assert load_cpd_rules(FIXTURE, "fixture") == load_cpd_rules(REAL, "real")


def test_a_course_without_a_rules_file_has_no_rules(tmp_path: Path) -> None:
    assert load_cpd_rules(tmp_path / "cpd-rules.yml", "modules/cpd-rules.yml") is None


BAD_RULES = [
    ("rules_as_at: 2026-11-22", "rules_as_at: soon", "rules_as_at", "YYYY-MM-DD"),
    ("start_month: 12", "start_month: 13", "start_month", "from 1 to 12"),
    ("start_day: 1", "start_day: 31", "start_day", "from 1 to 28"),
    ('deadline_time: "23:59"', "deadline_time: midnight", "deadline_time", "24-hour time"),
    ("pieces_per_year: 2", "pieces_per_year: two", "pieces_per_year", "whole number"),
    (
        "peer_reflections_per_year: 1",
        "peer_reflections_per_year: 3",
        "peer_reflections_per_year",
        "from 0 to 2",
    ),
    ("  learnt: What you learnt\n", "", "learnt", "label of this field"),
    ("regulator: Social Work England", "regulator: [a, b]", "regulator", "regulator's name"),
    ("notes:\n  - There", "notes:\n  - 3\n  - There", "notes", "lines of text"),
]


@pytest.mark.parametrize(("old", "new", "field", "expected"), BAD_RULES)
def test_a_mistake_in_the_rules_names_the_file_the_field_and_what_was_expected(
    tmp_path: Path, old: str, new: str, field: str, expected: str
) -> None:
    path = tmp_path / "cpd-rules.yml"
    shutil.copy(REAL, path)
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the rules no longer contain {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CourseError) as error:
        load_cpd_rules(path, "modules/cpd-rules.yml")
    message = str(error.value)
    assert "modules/cpd-rules.yml" in message and field in message and expected in message


def inlined(page_html: str, element_id: str) -> dict | None:
    match = re.search(rf'<div id="{element_id}" hidden data-json="([^"]*)"', page_html)
    return json.loads(html.unescape(match.group(1))) if match else None


def test_the_build_inlines_the_rules_only_on_the_cpd_page(fixture_site: Site) -> None:
    cpd = (fixture_site.root / "cpd-evidence" / "index.html").read_text(encoding="utf-8")
    assert inlined(cpd, "ap-cpd-rules") == load_cpd_rules(FIXTURE, "fixture")
    assert inlined(cpd, "ap-frameworks") is not None  # standards named in the record
    assert "assets/permanence/js/pages/cpd.js" in cpd
    for other in ["index.html", "my-plan/index.html", "modules/1-basics/section/index.html"]:
        assert 'id="ap-cpd-rules"' not in (fixture_site.root / other).read_text(encoding="utf-8")
