"""Module 4 content corrections (December 2026 review, section 5) stay corrected in the built site.

Each test reads the text a learner (or, for trainer notes, a trainer) sees on a built page of
module 4, and fails if a corrected statement comes back or its correction goes missing.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.conftest import Site

MODULE = "4-sustaining"
PAGES = [
    "planning-and-support",
    "moving-and-matching",
    "life-story-and-identity",
    "staying-in-touch",
    "scenario-okafor-reid",
    "preventing-and-managing-disruption",
    "scenario-sam",
    "quiz",
    "reviewing-your-learning",
]


def page_file(site: Site, page: str = "") -> Path:
    folder = site.root / "modules" / MODULE
    return (folder / page / "index.html") if page else (folder / "index.html")


def text_of(site: Site, page: str = "") -> str:
    """A page's words: comments, scripts and hidden glossary definitions out, tags stripped."""
    raw = page_file(site, page).read_text(encoding="utf-8")
    raw = re.sub(r"<!--.*?-->", " ", raw, flags=re.S)
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    raw = re.sub(r'<span class="ap-term__definition".*?</span>', " ", raw, flags=re.S)
    words = html.unescape(re.sub(r"<[^>]+>", " ", raw)).replace("\u2019", "'")
    return re.sub(r"\s+", " ", words)


@pytest.fixture(scope="module")
def pages(real_site: Site) -> dict[str, str]:
    return {page: text_of(real_site, page) for page in ["", *PAGES]}


def test_every_module_4_page_is_read(real_site: Site, pages: dict[str, str]) -> None:
    built = {p.parent.name for p in (real_site.root / "modules" / MODULE).glob("*/index.html")}
    assert built == set(PAGES), built ^ set(PAGES)
    assert all(len(text) > 1000 for text in pages.values())


def test_sam_at_16_is_accommodated_on_their_own_agreement(pages: dict[str, str]) -> None:
    sam = pages["scenario-sam"]
    assert "rested on her continuing consent" not in sam
    assert not re.search(r"continuing consent[^.]*(?:Shirin|mother)", sam)
    assert re.search(r"Sam's own agreement to being accommodated was what counted", sam)
    assert "s.20(11)" in sam


def test_no_page_says_the_2026_act_may_add_a_duty(pages: dict[str, str]) -> None:
    for page, text in pages.items():
        assert not re.search(r"\bmay (?:add|introduce|create|bring in)\b[^.]{0,60}\bdut", text), (
            page
        )
        assert not re.search(r"Wellbeing and Schools (?:Act|Bill)[^.]{0,120}\bmay\b", text), page
        assert "whether that duty is law" not in text, page


def test_the_2026_act_is_taught_as_law_with_only_commencement_open(pages: dict[str, str]) -> None:
    text = pages["planning-and-support"]
    assert "Children's Wellbeing and Schools Act 2026 (Royal Assent 29 April 2026)" in text
    assert "section 31ZA" in text and "letter before proceedings" in text
    assert "section 22H" in text and "kinship local offer" in text
    assert text.count("check whether it is in force") >= 2


def test_family_group_decision_making_links_to_module_3_pre_proceedings(real_site: Site) -> None:
    raw = page_file(real_site, "planning-and-support").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./\.\./3-decision/law-and-routes/"', raw)


def test_post_adoption_contact_case_law_is_with_the_contact_debate(pages: dict[str, str]) -> None:
    text = pages["staying-in-touch"]
    assert "Re B (A Child) (Post-Adoption Contact) [2019] EWCA Civ 29" in text
    assert "extremely unusual" in text
    debate = text.index("This is a live debate")
    assert "Re B" in text[debate - 600 : debate]


def test_the_bond_saying_is_not_claimed_as_the_course_s_own(pages: dict[str, str]) -> None:
    for page, text in pages.items():
        assert "break a bond to make a bond" not in text.lower(), page
        assert "As this course puts it" not in text, page


def test_staying_in_touch_claims_are_not_hung_on_the_hub(pages: dict[str, str]) -> None:
    text = pages["staying-in-touch"]
    assert "The same hub is clear" not in text
    assert "family justice professionals have called for a change" not in text


def test_sibling_placement_duty_is_cited_for_looked_after_children_only(
    pages: dict[str, str],
) -> None:
    text = pages["staying-in-touch"]
    assert "s.22C(8)(c)" in text
    assert "s.1(4)(f)" in text


def test_special_guardianship_support_is_not_called_a_general_duty(pages: dict[str, str]) -> None:
    plan = pages["planning-and-support"]
    assert "the local authority's duty to assess their needs for support when they do" not in plan
    assert re.search(r"\*?may\*? assess", plan) and "reg 11" in plan
    quiz = pages["quiz"]
    assert "continuing duties to assess the support needs of special guardianship" not in quiz
    for page in ("life-story-and-identity", "preventing-and-managing-disruption"):
        assert "prescribed cases" in pages[page], page


def test_relatives_who_foster_meet_the_same_standard(pages: dict[str, str]) -> None:
    plan = pages["planning-and-support"]
    assert "not measuring them against a foster carer template" not in plan
    assert "same fostering standards as any other foster carer" in plan
    assert "up to 16 weeks" in plan and "up to 8 weeks" in plan


def test_supported_lodgings_are_ofsted_registered(pages: dict[str, str]) -> None:
    sam = pages["scenario-sam"]
    assert "supported lodgings for 16- and 17-year-olds, vary and change" not in sam
    assert "registered with Ofsted" in sam


def test_names_recycled_from_other_modules_stay_out(pages: dict[str, str]) -> None:
    for page, text in pages.items():
        for name in ("Dani", "Biscuit", "Kai", "Bev", "Kerry", "Mia", "Leo", "Esme", "Callum"):
            assert not re.search(rf"\b{name}\b", text), (page, name)


def test_quiz_no_longer_asks_for_the_page_s_own_first_explanation(pages: dict[str, str]) -> None:
    assert "Your mummy had a grown-up problem with drinking" not in pages["quiz"]
