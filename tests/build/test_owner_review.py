"""The owner review page always lists the decisions the course waits for (modules/owner-items.yml),
whether or not a page still carries its own TODO(owner) note."""

from __future__ import annotations

import html
import re
from pathlib import Path

from tests.build.test_build import copy_fixture, failed_build
from tests.conftest import Site, build


def open_decisions(page: Path) -> list[str]:
    """The rows of the 'Decisions still open' table, as a reader sees them."""
    text = page.read_text(encoding="utf-8")
    start = text.index('id="decisions-still-open"')
    section = text[start : text.index('id="items-to-confirm"')]
    rows = re.findall(r"<tr>(.*?)</tr>", section, re.S)[1:]  # without the header row
    return [
        re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", row))).strip() for row in rows
    ]


def test_real_owner_review_lists_the_open_decisions(real_site: Site) -> None:
    rows = open_decisions(real_site.root / "owner-review/index.html")
    assert len(rows) == 5, rows
    commencement, kinship_offer, exact, certification, hours = rows
    assert "s.31ZA" in commencement and "brought into force" in commencement
    assert "s.22H" in kinship_offer and "kinship local offer" in kinship_offer
    assert "ExACT" in exact and "m1-lo7" in exact
    assert "certified" in certification and "m1-lo1" in certification
    assert "docs/trainers/index.md" in certification
    assert "proposed CPD hours" in hours


def test_real_owner_review_lists_a_trainer_pages_own_note(real_site: Site) -> None:
    page = (real_site.root / "owner-review/index.html").read_text(encoding="utf-8")
    assert "docs/trainers/index.md:" in page


OWNER_ITEMS = """- id: fixture-decision
  item: Decide the fixture question.
  outcome: m1-lo2
  see: [modules/1-basics/section.md]
"""


def test_an_open_decision_stays_listed_when_the_pages_note_is_edited_away(tmp_path: Path) -> None:
    site = copy_fixture(tmp_path)
    (site / "modules/owner-items.yml").write_text(OWNER_ITEMS, encoding="utf-8")
    section = site / "modules/1-basics/section.md"
    text = section.read_text(encoding="utf-8")
    assert "TODO(owner)" in text
    section.write_text(re.sub(r"<!-- TODO\(owner\).*?-->", "", text, flags=re.S), encoding="utf-8")
    build(site / "mkdocs.yml", tmp_path / "out")
    page = tmp_path / "out/owner-review/index.html"
    assert open_decisions(page) == [
        "Decide the fixture question. m1-lo2 modules/1-basics/section.md"
    ]
    assert "confirm a fixture fact" not in page.read_text(encoding="utf-8")


def test_a_mistake_in_the_open_decisions_names_the_file_and_field(tmp_path: Path) -> None:
    site = copy_fixture(tmp_path)
    items = site / "modules/owner-items.yml"
    for broken, expected in (
        (OWNER_ITEMS.replace("outcome: m1-lo2", "outcome: m1-lo9"), "field 'entry 1.outcome'"),
        (OWNER_ITEMS.replace("  item:", "  itme:"), "field 'entry 1.itme'"),
        (OWNER_ITEMS.replace("section.md]", "gone.md]"), "field 'entry 1.see'"),
    ):
        items.write_text(broken, encoding="utf-8")
        log = failed_build(site, tmp_path)
        assert f"modules/owner-items.yml: {expected}" in log, log
