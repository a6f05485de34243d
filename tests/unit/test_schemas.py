"""The authoring contract as JSON Schemas (plugins/permanence_course/schemas): every file an author
writes is checked against its schema, and a mistake still names the file, the field and what was
expected."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from permanence_course import schema
from permanence_course.course import CourseError, read_yaml, split_front_matter

ROOT = Path(__file__).resolve().parents[2]
NAMES = sorted(p.name.removesuffix(".schema.json") for p in schema.FOLDER.glob("*.schema.json"))
DATA = {
    "course": ["modules/course.yml"],
    "cpd-rules": ["modules/cpd-rules.yml"],
    "local-procedures": ["modules/local-procedures.yml"],
    "owner-items": ["modules/owner-items.yml"],
    "renames": ["modules/renames.yml"],
    "scenarios": ["modules/scenarios.yml"],
    "topics": ["modules/topics.yml"],
    "wording": ["modules/wording.yml", "tests/fixtures/course/modules/wording.yml"],
    "glossary": [
        "modules/glossary.yml",
        *sorted(
            f"modules/{p.parent.name}/glossary.yml" for p in ROOT.glob("modules/*/glossary.yml")
        ),
    ],
    "references": [
        "modules/references.yml",
        *sorted(
            f"modules/{p.parent.name}/references.yml" for p in ROOT.glob("modules/*/references.yml")
        ),
    ],
    "framework": sorted(
        p.relative_to(ROOT).as_posix() for p in ROOT.glob("modules/frameworks/*.yml")
    ),
    "module": sorted(p.relative_to(ROOT).as_posix() for p in ROOT.glob("modules/*/module.yml")),
}


def test_every_schema_is_a_valid_schema_that_words_its_fields() -> None:
    assert set(NAMES) == {*DATA, "page"}
    for name in NAMES:
        jsonschema.Draft202012Validator.check_schema(schema.schema(name))
        assert schema.schema(name).get("x-expected"), name


@pytest.mark.parametrize("name", sorted(DATA))
def test_the_real_course_files_match_their_schemas(name: str) -> None:
    for rel in DATA[name]:
        schema.check(read_yaml(ROOT / rel, rel), name, rel)


def test_every_real_module_page_front_matter_matches_the_page_schema() -> None:
    pages = sorted(ROOT.glob("modules/*/*.md"))
    assert len(pages) >= 40
    for path in pages:
        rel = path.relative_to(ROOT).as_posix()
        meta, _, _ = split_front_matter(path.read_text(encoding="utf-8"), rel)
        schema.check(meta, "page", rel)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("page", {"title": "T"}, "x.yml: field 'minutes': expected the planned minutes"),
        ("page", {"title": "T", "minutes": True}, "field 'minutes'"),
        ("page", {"title": "T", "minutes": 5, "scripts": "plan"}, "field 'scripts'"),
        ("page", {"title": "T", "minutes": 5, "topics": ["a", 3]}, "field 'topics'"),
        ("module", {"number": 1, "nmber": 1}, "field 'nmber': expected one of the fields number"),
        (
            "topics",
            [{"id": "a", "module": 1}],
            "field 'entry 1.topic': expected a value for 'topic'",
        ),
        (
            "framework",
            {"id": "x", "title": "T", "items": [{"code": "1", "title": " "}]},
            "field 'items[1].title'",
        ),
        ("cpd-rules", [], "x.yml: file: expected a YAML mapping"),
        (
            "wording",
            {"facilitation": {"stage": "Pause."}, "evaluation": {}, "handouts": {}},
            "field 'facilitation.commentary': expected words (a line of text)",
        ),
        (
            "wording",
            {
                "facilitation": dict.fromkeys(
                    ["stage", "commentary", "discussion", "reflection", "quiz"], "Go."
                ),
                "evaluation": {"questions": ["Why?"]},
                "handouts": {
                    "module_text": "a",
                    "trainer_pack": "b",
                    "stage_cards": "c",
                    "participant_handout": "The law as at some date.",
                },
            },
            "field 'handouts.participant_handout': expected words with {law_correct_as_at}",
        ),
    ],
)
def test_a_mistake_names_the_file_the_field_and_what_was_expected(
    name: str, data: object, message: str
) -> None:
    with pytest.raises(CourseError) as caught:
        schema.check(data, name, "x.yml")
    assert message in str(caught.value)


def test_a_date_in_quotes_is_still_a_date_and_a_wrong_date_is_refused() -> None:
    good = {
        "id": "x",
        "title": "T",
        "items": [{"code": "1", "title": "A"}],
        "applies_from": "2020-02-29",
    }
    schema.check(good, "framework", "x.yml")
    with pytest.raises(CourseError, match="field 'applies_from': expected a date"):
        schema.check({**good, "applies_from": "2021-02-29"}, "framework", "x.yml")
