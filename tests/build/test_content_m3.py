"""Module 3's content corrections (issue 23) stay corrected in the built site.

Each test reads the text a learner (or, for trainer notes and commentary, a trainer) is given on
a built page, and fails if a statement the December 2026 content review found wrong comes back,
or if the correction that replaced it goes missing.
"""

from __future__ import annotations

import html as html_lib
import re

import pytest

from tests.conftest import Site

PAGES = [
    "law-and-routes",
    "case-law",
    "thinking-and-tools",
    "realistic-options",
    "scenario-grace",
    "voice-and-evidence",
    "time-and-delay",
    "scenario-noah",
    "quiz",
]


def page_text(site: Site, page: str) -> str:
    """The page's text with tags, scripts and styles stripped and whitespace collapsed."""
    raw = (site.root / "modules" / "3-decision" / page / "index.html").read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S | re.I)
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", raw))
    return re.sub(r"\s+", " ", text).replace("\u2019", "'")


@pytest.fixture(scope="module")
def texts(real_site: Site) -> dict[str, str]:
    return {page: page_text(real_site, page) for page in PAGES}


def test_no_page_says_the_2026_act_may_add_the_duty(texts: dict[str, str]) -> None:
    for page, text in texts.items():
        assert not re.search(r"Wellbeing and Schools Act 2026 may", text), page
        assert "may add a duty" not in text, page


def test_the_2026_act_is_taught_as_enacted_with_only_commencement_to_check(
    texts: dict[str, str],
) -> None:
    text = texts["law-and-routes"]
    assert "Royal Assent on 29 April 2026" in text
    assert "31ZA" in text
    assert "letter before proceedings (s.31ZA(6))" in text
    assert "check whether it is in force" in text


def test_grace_no_longer_ends_in_a_placement_order_on_thin_facts(texts: dict[str, str]) -> None:
    text = texts["scenario-grace"]
    assert "nothing short of adoption" not in text
    assert "The judge made a placement order" not in text
    # the support analysis is shown, not cut off
    assert "I have asked whether support could close that gap…" not in text
    assert "I have asked whether support could close that gap." in text
    assert "special guardianship order to Ronke and Femi" in text


def test_grace_assesses_both_kinship_carers_and_weighs_an_extension(
    texts: dict[str, str],
) -> None:
    text = texts["scenario-grace"]
    assert "Ronke and Femi together, as joint applicants" in text
    assert "Femi, Grace's uncle" in text
    assert "extended the timetable by eight weeks" in text
    assert "s.32(5)" in text


def test_grace_commentary_treats_collective_care_as_a_resource_not_the_risk(
    texts: dict[str, str],
) -> None:
    text = texts["scenario-grace"]
    assert "Race, culture and kinship." in text
    assert "It was a resource here" in text
    # the old voice made the collective-care norm the reason for the risk
    assert "If she comes to my door, I will not turn her away" not in text


def test_grace_legal_bridges_police_protection_and_temporary_approval(
    texts: dict[str, str],
) -> None:
    text = texts["scenario-grace"]
    assert "no more than 72 hours (s.46(6))" in text
    assert "under s.20" in text
    assert "reg 24" in text and "(reg 25)" in text
    assert "or the placement would have to end" in text


def test_noah_bridges_the_first_night_and_names_placement_with_a_parent(
    texts: dict[str, str],
) -> None:
    text = texts["scenario-noah"]
    assert "accommodated Noah under s.20" in text
    assert (
        "Part 4 of the Care Planning, Placement and Case Review (England) Regulations 2010" in text
    )
    assert "examples of thresholds shifting" not in text


def test_threshold_case_law_goes_beyond_re_b_2008(texts: dict[str, str]) -> None:
    text = texts["case-law"]
    assert "Re J (Children) [2013] UKSC 9" in text
    assert "Re A (A Child) [2015] EWFC 11" in text
    assert "very diverse standards of parenting" in text


def test_post_adoption_contact_case_law_is_taught(texts: dict[str, str]) -> None:
    text = texts["case-law"]
    assert "[2019] EWCA Civ 29" in text
    assert "extremely unusual" in text


def test_research_covers_long_term_fostering_kinship_and_a_recent_source(
    texts: dict[str, str],
) -> None:
    text = texts["realistic-options"]
    assert "(Biehal and others, 2010)" in text
    assert "(Hunt, 2020)" in text
    # Ruby's adoption row no longer pre-judges the option inside the table
    assert "likely to be disproportionate" not in text


def test_anchor_hypothesis_is_attributed_to_keddell(texts: dict[str, str]) -> None:
    text = texts["thinking-and-tools"]
    assert "a related idea is sometimes called the anchor hypothesis" not in text
    assert "Emily Keddell has described a related pattern as the anchor hypothesis" in text


def test_nothing_else_will_do_is_not_defined_as_a_free_standing_rule(
    texts: dict[str, str],
) -> None:
    for page, text in texts.items():
        assert (
            "adoption without consent is justified only where nothing else will do" not in text
        ), page


def test_special_guardianship_support_assessment_is_not_a_general_duty(
    texts: dict[str, str],
) -> None:
    text = texts["quiz"]
    assert "The duty applies only to the people and circumstances the law prescribes" in text
    for page, body in texts.items():
        assert "duty to assess the support needs of every special guardian" not in body, page
