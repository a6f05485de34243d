"""My plan's build-time data: the standards frameworks (each mistake names file and field), and
the navigation template override that carries the progress markers."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from mkdocs.config.base import load_config
from mkdocs.exceptions import PluginError

from permanence_course.course import CourseError
from permanence_course.frameworks import load_frameworks
from permanence_course.plugin import TEMPLATES, PermanenceCoursePlugin
from tests.build.test_build import copy_fixture

ROOT = Path(__file__).resolve().parents[2]
GOOD = """\
id: pcf
title: A capabilities framework
short_title: ACF
publisher: A body
applies_from: 2018-01-01
applies_until: null
levels:
  - {id: social-worker, title: Social worker}
  - {id: advanced, title: Advanced}
course_level: advanced
items:
  - {code: "1", title: Professionalism}
  - {code: "2", title: Values, wording: summary}
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_real_frameworks_load_and_include_the_four_the_course_maps_to() -> None:
    frameworks = load_frameworks(ROOT / "modules" / "frameworks", "modules/frameworks")
    by_id = {f["id"]: f for f in frameworks}
    assert set(by_id) == {"pcf", "swe", "kss-practitioners", "kss-supervisors"}
    assert len(by_id["pcf"]["items"]) == 9 and by_id["pcf"]["course_level"] == "advanced"
    assert [i["code"] for i in by_id["swe"]["items"]][:5] == ["1", "2", "3", "4", "4.1"]
    assert by_id["kss-practitioners"]["applies_until"] == "2027-03-31"
    # Wording the facts leave unconfirmed is marked so, never shown as settled.
    unconfirmed = {i["code"] for i in by_id["swe"]["items"] if i["wording"] == "unconfirmed"}
    assert unconfirmed == {"3", "5", "6"}
    assert not any("early career" in f["title"].lower() for f in frameworks)


def test_a_good_framework_file_becomes_browser_data(tmp_path: Path) -> None:
    write(tmp_path, "pcf.yml", GOOD)
    [framework] = load_frameworks(tmp_path, "modules/frameworks")
    assert framework == {
        "id": "pcf",
        "title": "A capabilities framework",
        "short_title": "ACF",
        "publisher": "A body",
        "applies_from": "2018-01-01",
        "applies_until": None,
        "levels": [
            {"id": "social-worker", "title": "Social worker"},
            {"id": "advanced", "title": "Advanced"},
        ],
        "course_level": "advanced",
        "items": [
            {"code": "1", "title": "Professionalism", "wording": "confirmed"},
            {"code": "2", "title": "Values", "wording": "summary"},
        ],
    }
    assert load_frameworks(tmp_path / "absent", "modules/frameworks") == []


BAD = [
    ("id: pcf\n", "id: PCF one\n", "pcf.yml: field 'id': expected a short id"),
    (
        "title: A capabilities framework\n",
        "",
        "pcf.yml: field 'title': expected the framework's title",
    ),
    (
        "title: A capabilities framework\n",
        "title: Child and family social worker early career standards\n",
        "field 'title': expected a post-qualifying framework (never the early career standards)",
    ),
    ("applies_from: 2018-01-01", "applies_from: soon", "field 'applies_from': expected a date"),
    (
        "applies_until: null",
        "applies_until: 2017-01-01",
        "field 'applies_until': expected a date on or after 2018-01-01",
    ),
    (
        '  - {code: "2", title: Values, wording: summary}',
        '  - {code: "1", title: Again}',
        "each code used once",
    ),
    (
        '  - {code: "2", title: Values, wording: summary}',
        '  - {code: "2"}',
        "field 'items[2].title'",
    ),
    (
        '  - {code: "2", title: Values, wording: summary}',
        "  - {code: 2, title: Values}",
        "items[2].code",
    ),
    ("wording: summary", "wording: roughly", "field 'items[2].wording': expected one of confirmed"),
    (
        "course_level: advanced",
        "course_level: expert",
        "field 'course_level': expected the id of one",
    ),
    ("items:\n", "items: []\nold_items:\n", "field 'items': expected at least one standard"),
]


@pytest.mark.parametrize(("old", "new", "message"), BAD)
def test_each_mistake_in_a_framework_file_names_the_file_and_the_field(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in GOOD
    write(tmp_path, "pcf.yml", GOOD.replace(old, new, 1))
    with pytest.raises(CourseError) as info:
        load_frameworks(tmp_path, "modules/frameworks")
    assert "modules/frameworks/pcf.yml" in str(info.value)
    assert message in str(info.value)


def test_two_frameworks_with_one_id_and_a_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    write(tmp_path, "a.yml", GOOD)
    write(tmp_path, "b.yml", GOOD)
    with pytest.raises(CourseError, match=re.escape("b.yml: field 'id': expected an id no other")):
        load_frameworks(tmp_path, "modules/frameworks")
    other = tmp_path / "other"
    write(other, "list.yml", "- just a list\n")
    with pytest.raises(CourseError, match=re.escape("list.yml: file: expected a YAML mapping")):
        load_frameworks(other, "modules/frameworks")


def test_a_bad_framework_file_stops_the_build_naming_it(tmp_path: Path) -> None:
    site = copy_fixture(tmp_path)
    write(site / "modules" / "frameworks", "pcf.yml", "id: pcf\n")
    config = load_config(str(site / "mkdocs.yml"))
    plugin = config.plugins["permanence-course"]
    assert isinstance(plugin, PermanenceCoursePlugin)
    with pytest.raises(PluginError, match=re.escape("modules/frameworks/pcf.yml: field 'title'")):
        plugin.on_config(config)


# -- the navigation template override ----------------------------------------------------------


def test_the_nav_item_override_is_materials_own_but_for_the_marker() -> None:
    import material

    theirs = (Path(material.__file__).parent / "templates/partials/nav-item.html").read_text()
    ours = (TEMPLATES / "partials/nav-item.html").read_text()
    added = [
        line[1:]
        for line in difflib.unified_diff(theirs.splitlines(), ours.splitlines(), lineterm="", n=0)
        if line.startswith("+") and not line.startswith("+++")
    ]
    removed = [
        line[1:]
        for line in difflib.unified_diff(theirs.splitlines(), ours.splitlines(), lineterm="", n=0)
        if line.startswith("-") and not line.startswith("---")
    ]
    # When Material changes its nav-item.html, copy it again and add the marker back.
    assert removed == ["  This file was automatically generated - do not edit"]
    # Besides comments, one line: the marker, for pages (sections have no file).
    code = [line for line in added if "{%" in line or "<" in line or "}}" in line]
    assert code == [
        '  {% if nav_item.file %}<span class="ap-nav-mark" '
        'data-ap-nav="{{ nav_item.file.src_uri[:-3] }}"></span>{% endif %}'
    ]


def test_the_override_comes_before_materials_templates_and_a_second_build_adds_it_once() -> None:
    config = load_config(str(ROOT / "tests" / "fixtures" / "course" / "mkdocs.yml"))
    plugin = config.plugins["permanence-course"]
    plugin.on_config(config)
    dirs = list(config.theme.dirs)
    material_at = next(i for i, d in enumerate(dirs) if d.endswith("material/templates"))
    assert dirs.index(str(TEMPLATES)) == material_at - 1
    plugin.on_config(config)  # a second build (mkdocs serve) adds it once
    assert list(config.theme.dirs).count(str(TEMPLATES)) == 1
