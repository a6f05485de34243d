"""Module 2 content corrections (December 2026 review, section 3) stay corrected in the built site.

Each test reads the text a learner (or, for trainer notes, a trainer) sees on a built page of
module 2, and fails if a corrected statement comes back or its correction goes missing.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.conftest import Site

MODULE = "2-relationship"
PAGES = [
    "development-and-trauma",
    "relationships-that-hold",
    "communicating-with-children",
    "families-and-capacity",
    "scenario-liam",
    "golden-thread",
    "carers-and-trauma",
    "scenario-amina-and-yusuf",
    "quiz",
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


def test_every_module_2_page_is_read(real_site: Site, pages: dict[str, str]) -> None:
    built = {p.parent.name for p in (real_site.root / "modules" / MODULE).glob("*/index.html")}
    assert built == set(PAGES), built ^ set(PAGES)
    assert all(len(text) > 1000 for text in pages.values())


def test_no_page_says_the_2026_act_may_add_the_duty(pages: dict[str, str]) -> None:
    for page, text in pages.items():
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if "Wellbeing and Schools Act" in sentence or "31ZA" in sentence:
                assert not re.search(r"\bmay (?:add|introduce|create)\b", sentence), (
                    page,
                    sentence,
                )
                assert "has not been confirmed" not in sentence, (page, sentence)


def test_the_2026_act_is_taught_as_law_with_only_commencement_to_check(
    pages: dict[str, str],
) -> None:
    fc = pages["families-and-capacity"]
    assert "Royal Assent on 29 April 2026" in fc
    assert "new section 31ZA into the Children Act 1989" in fc
    assert "letter before proceedings (s.31ZA(6))" in fc
    assert "comes into force on a day set by regulations" in fc
    assert "check whether it is in force" in fc


def test_the_duty_links_to_the_pre_proceedings_text(real_site: Site) -> None:
    raw = page_file(real_site, "families-and-capacity").read_text(encoding="utf-8")
    target = "3-decision/law-and-routes/#navigating-the-system-before-and-during-proceedings"
    assert target in raw
    law = (real_site.root / "modules/3-decision/law-and-routes/index.html").read_text("utf-8")
    assert 'id="navigating-the-system-before-and-during-proceedings"' in law


def test_commencement_is_listed_for_the_owner(real_site: Site) -> None:
    review = text_of_file(real_site.root / "owner-review/index.html")
    assert re.search(
        r"families-and-capacity\.md:\d+ confirm whether regulations have brought the Children's "
        r"Wellbeing and Schools Act 2026",
        review,
    )


def text_of_file(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    words = html.unescape(re.sub(r"<[^>]+>", " ", raw)).replace("\u2019", "'")
    return re.sub(r"\s+", " ", words)


def test_school_and_neighbourhood_are_cited_as_s22c_8_a_and_b(pages: dict[str, str]) -> None:
    amina = pages["scenario-amina-and-yusuf"]
    assert "(s.22C(6)(a), (7)(a) and (8)(c))" not in amina
    assert "s.22C(8)(a) to (c)" in amina


def test_temporary_approval_expiry_and_same_standards_are_taught(pages: dict[str, str]) -> None:
    amina = pages["scenario-amina-and-yusuf"]
    assert "lasts up to 16 weeks" in amina
    assert "extended once, by up to 8 weeks (reg 25)" in amina
    assert "same fostering standards as any other foster carer" in amina
    assert re.search(r"approved against the same standards as other foster carers", amina)
    quiz = pages["quiz"]
    assert "approved against lighter standards" in quiz  # the distractor, marked wrong
    assert "approved against the same standards as any foster carer" in quiz


def test_development_page_teaches_attachment_itself(pages: dict[str, str]) -> None:
    dev = pages["development-and-trauma"]
    assert "Attachment: what it is, how it develops and what helps" in dev
    for needed in ("Bowlby (1969)", "Ainsworth and others", "secure base", "NICE (2015)"):
        assert needed in dev, needed
    assert "O'Hara and others, 2019" in dev
    assert "more than one person" in dev


def test_development_page_teaches_foetal_alcohol_spectrum_disorder(pages: dict[str, str]) -> None:
    dev = pages["development-and-trauma"]
    assert "Foetal alcohol spectrum disorder (FASD)" in dev
    assert "(SIGN, 2019)" in dev
    assert "(NICE, 2022)" in dev
    assert "referred for assessment" in dev


def test_foster_carer_study_is_described_as_the_report_does(pages: dict[str, str]) -> None:
    carers = pages["carers-and-trauma"]
    assert "A national study of foster carers" not in carers
    assert "in a national study" not in carers
    assert "surveyed 546 foster carers in England" in carers


def test_matching_evidence_claim_is_cited(pages: dict[str, str]) -> None:
    fc = pages["families-and-capacity"]
    assert "The research evidence on what makes a good match is thin" not in fc
    assert "(Turney, 2016)" in fc


def test_long_section_20_is_linked_to_williams_v_hackney(pages: dict[str, str]) -> None:
    assert "Williams v London Borough of Hackney [2018] UKSC 37" in pages["scenario-liam"]


def test_sibling_question_names_both_laws(pages: dict[str, str]) -> None:
    quiz = pages["quiz"]
    assert "The Children Act 1989 requires placing looked-after siblings together" not in quiz
    assert "s.22C(8)(c)" in quiz
    assert "Adoption and Children Act 2002, s.1" in quiz


def test_quiz_does_not_reuse_recycled_names(pages: dict[str, str]) -> None:
    quiz = pages["quiz"]
    for name in ("Kai", "Ruby", "Kelly", "Mason"):
        assert not re.search(rf"\b{name}\b", quiz), name
