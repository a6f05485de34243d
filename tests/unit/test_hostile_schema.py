"""The backup schema refuses the hostile files of issue 22 as backup.js does (tests/js/hostile.test.js
checks the browser's side with the same files): one set of rules on every way in."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from tests.conftest import ROOT

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
SCHEMA = json.loads((ROOT / "schemas" / "learner-backup.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)

REFUSED = {
    "rating-outcome-proto.json": "outcome",
    "rating-outcome-constructor.json": "outcome",
    "goal-outcomes-not-a-list.json": "outcomes",
    "reflection-standards-not-ids.json": "standards",
    "cpd-year-not-a-number.json": "year",
    "course-version-100000.json": "courseVersion",
}


def test_the_schema_is_valid_json_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_the_schema_refuses_each_hostile_backup_at_the_field_the_site_names(name: str) -> None:
    data = json.loads((HOSTILE / name).read_text(encoding="utf-8"))
    errors = list(VALIDATOR.iter_errors(data))
    assert errors, f"{name} passes the schema"
    paths = {str(p) for e in errors for p in e.absolute_path} | {
        str(p) for e in errors for c in (e.context or []) for p in c.absolute_path
    }
    assert REFUSED[name] in paths


@pytest.mark.parametrize("name", ["markdown-payloads.json", "rtl-override.json"])
def test_hostile_words_in_the_right_places_are_a_valid_backup(name: str) -> None:
    """Markup and direction controls are words: the site must take them, and keep them inert."""
    data = json.loads((HOSTILE / name).read_text(encoding="utf-8"))
    assert [e.message for e in VALIDATOR.iter_errors(data)] == []
