"""Module 1 content corrections (issue 23) and quiz rewrite (issue 30), checked in the built site.

Each test reads what a learner would read on a built page of module 1 and fails if a corrected
statement comes back or its correction goes missing.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import Site

MODULE = Path("modules") / "1-permanence"
PAGES = [
    "how-the-programme-works",
    "learning-together",
    "beliefs-values-loss",
    "what-permanence-means",
    "scenario-ellie",
    "what-a-plan-says",
    "dilemmas-and-contexts",
    "scenario-kacper",
    "quiz",
]


def page_html(site: Site, page: str) -> str:
    folder = site.root / MODULE if page == "index" else site.root / MODULE / page
    return (folder / "index.html").read_text(encoding="utf-8")


def text_of(markup: str) -> str:
    """The page's text without tags, scripts or styles, with whitespace collapsed."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


def page_text(site: Site, page: str) -> str:
    return text_of(page_html(site, page))


def test_no_page_says_the_2026_act_may_add_the_family_group_duty(real_site: Site) -> None:
    for page in PAGES:
        text = page_text(real_site, page)
        for sentence in re.split(r"(?<=[.!?])\s", text):
            if "Wellbeing and Schools Act" in sentence:
                assert not re.search(r"\bmay (add|introduce|create)\b", sentence), (page, sentence)


def test_ellie_teaches_section_31za_as_law_and_flags_only_commencement(real_site: Site) -> None:
    markup = page_html(real_site, "scenario-ellie")
    text = text_of(markup)
    assert "Royal Assent 29 April 2026" in text
    assert "inserts section 31ZA into the Children Act 1989" in text
    assert "The offer goes in the letter before proceedings (s.31ZA(6))" in text
    assert "check whether it is in force" in text
    assert "Whether that duty is law" not in text
    # The point links to the pre-proceedings text (module 3), whose anchor must exist.
    assert (
        "3-decision/law-and-routes/#navigating-the-system-before-and-during-proceedings" in markup
    )
    target = (real_site.root / "modules/3-decision/law-and-routes/index.html").read_text("utf-8")
    assert 'id="navigating-the-system-before-and-during-proceedings"' in target


def test_ellie_commentary_says_fostering_for_adoption_avoids_a_move_only_if_adoption(
    real_site: Site,
) -> None:
    text = page_text(real_site, "scenario-ellie")
    assert "whatever happened" not in text
    assert not re.search(r"one home from birth", text)
    assert "If adoption had become the plan, Ellie would not have had to move" in text
    assert "Because a family option emerged, she did move" in text


def test_quiz_keys_the_fostering_for_adoption_answer_and_not_the_misconception(
    real_site: Site,
) -> None:
    questions = quiz_questions(page_html(real_site, "quiz"))
    ffa = [q for q in questions if "Fostering for Adoption" in q.stem and "whatever" in q.stem]
    assert len(ffa) == 1
    assert ffa[0].keyed == [
        "Only if adoption becomes the plan. If she goes home or to family, she will move."
    ]


def test_the_26_week_limit_is_stated_as_the_statute_does(real_site: Site) -> None:
    text = page_text(real_site, "what-permanence-means")
    assert "should finish within 26 weeks" not in text
    assert "unless more time is needed" not in text
    assert "Care proceedings must finish within 26 weeks" in text
    assert "only if an extension is necessary to resolve the proceedings justly" in text
    assert "no more than eight weeks (s.32(5) and (8))" in text


def test_ellie_kinship_approval_is_temporary_when_she_moves(real_site: Site) -> None:
    text = page_text(real_site, "scenario-ellie")
    assert "When Ellie moves to her, Beverley is approved temporarily" in text
    assert "reg 24" in text and "reg 25" in text
    # Drug use is now in the chronology and the content note, as the clear tests imply.
    assert "drug use, domestic abuse and depression" in text
    assert "Dani's drug use" in text


def test_exact_is_not_presented_as_a_framework_the_course_uses(real_site: Site) -> None:
    text = page_text(real_site, "what-a-plan-says")
    assert "The course uses ExACT" not in text
    assert "the course's planning framework" not in text
    assert "The course owner will define ExACT" in text


def test_certification_is_flagged_in_the_learners_voice(real_site: Site) -> None:
    text = page_text(real_site, "how-the-programme-works")
    assert "You will want to know how your completion of the programme will be certified" in text
    assert "The course owner has not yet decided this" in text
    assert "nothing on this site is a certificate of completion" in text


def test_threshold_is_quoted_in_full_and_poverty_met_with_help(real_site: Site) -> None:
    text = page_text(real_site, "dilemmas-and-contexts")
    assert "not being what it would be reasonable to expect a parent to give" in text
    assert "beyond parental control" in text
    assert "not to a family's income" not in text
    assert "Where poverty explains the shortfall, the first answer is help" in text
    assert "(Children Act 1989, s.17)" in text


def test_adoption_without_consent_key_point_matches_section_52(real_site: Site) -> None:
    text = page_text(real_site, "dilemmas-and-contexts")
    assert (
        "Adoption without consent is lawful only where the child's welfare requires it" not in text
    )
    assert "Most adoptions from care today are made without" not in text
    assert "only if the parent cannot be found or lacks capacity, or the child's welfare" in text


def test_each_pause_evaluation_is_described_by_its_own_design(real_site: Site) -> None:
    text = page_text(real_site, "dilemmas-and-contexts")
    assert "Both relied mainly on before-and-after comparisons" not in text
    assert "local authority data on how many infants entered care" in text
    assert "Neither was a randomised trial" in text


def test_wishes_and_feelings_duty_includes_parents(real_site: Site) -> None:
    text = page_text(real_site, "what-a-plan-says")
    assert "It must also find out those of the child's parents, anyone else with parental" in text


def test_house_of_lords_report_is_cited_with_its_paper_number(real_site: Site) -> None:
    text = page_text(real_site, "index")
    assert "1st Report of Session 2012-13, HL Paper 94" in text
    assert (
        "Re A, B and C (Adoption: Notification of Fathers and Relatives) [2020] EWCA Civ 41" in text
    )


# -- quiz: a guess cannot pass -----------------------------------------------------------------


@dataclass
class Question:
    stem: str
    options: list[tuple[str, bool]]  # (text, keyed)

    @property
    def keyed(self) -> list[str]:
        return [text for text, correct in self.options if correct]


def quiz_questions(markup: str) -> list[Question]:
    out = []
    for block in re.findall(r'<div class="quiz"[^>]*>(.*?)</form>', markup, flags=re.S):
        stem = re.search(r'class="quiz-question"[^>]*>(.*?)</div>', block, re.S)
        assert stem, block[:200]
        options = [
            (text_of(label), "data-correct" in attrs)
            for attrs, label in re.findall(
                r"<input ([^>]*)>\s*<label[^>]*>(.*?)</label>", block, flags=re.S
            )
        ]
        out.append(Question(text_of(stem.group(1)), options))
    return out


@pytest.fixture
def m1_quiz(real_site: Site) -> list[Question]:
    questions = quiz_questions(page_html(real_site, "quiz"))
    assert len(questions) >= 18
    return questions


def test_quiz_keyed_answer_is_not_given_away_by_length(m1_quiz: list[Question]) -> None:
    single = [q for q in m1_quiz if len(q.keyed) == 1]
    longest_keyed = 0
    for q in m1_quiz:
        for i, (text, correct) in enumerate(q.options):
            if correct:
                others = [len(t) for j, (t, _) in enumerate(q.options) if j != i]
                assert len(text) <= 1.5 * sum(others) / len(others), (q.stem, text)
    for q in single:
        keyed = len(q.keyed[0])
        if all(keyed > len(t) for t, c in q.options if not c):
            longest_keyed += 1
    assert longest_keyed <= 0.4 * len(single), f"{longest_keyed} of {len(single)}"


def test_quiz_keyed_positions_are_spread(m1_quiz: list[Question]) -> None:
    positions = [
        next(i for i, (_, c) in enumerate(q.options) if c)
        for q in m1_quiz
        if len(q.keyed) == 1 and len(q.options) == 4
    ]
    for pos in range(4):
        share = positions.count(pos) / len(positions)
        assert 0.1 <= share <= 0.4, ("ABCD"[pos], share)


def test_multi_answer_questions_do_not_key_the_longest_option_mostly(
    m1_quiz: list[Question],
) -> None:
    multi = [q for q in m1_quiz if len(q.keyed) > 1]
    keyed_longest = 0
    for q in multi:
        longest = max(len(t) for t, _ in q.options)
        if any(c for t, c in q.options if len(t) == longest):
            keyed_longest += 1
    assert multi and keyed_longest <= len(multi) / 2
