"""Quizzes that teach (issue 25), as a learner uses them: the quiz adapter (pages/quiz.js) on
mkdocs-quiz's markup. The fixture's Quiz one (modules/1-basics/quiz.md) has question 1, one right
option of three (assesses m1-lo1, taught on "A teaching section"), and question 2, two right
options of four (m1-lo1 and m1-lo2, taught on "Scenario: a fixture family")."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import axe_violations, mark_document, still_same_document
from tests.conftest import Site, csp_violations, new_context

pytestmark = pytest.mark.browser

QUIZ = "modules/1-basics/quiz/"
PAGE_ID = "modules/1-basics/quiz"


def open_quiz(page, site: Site, path: str = QUIZ) -> None:
    page.goto(site.page_url(path))
    page.wait_for_function("() => !!(window.AP && AP.store && AP.currentPage)")
    page.locator("#quiz-0 .ap-quiz-number").wait_for()


def question(page, n: int):
    return page.locator(f"#quiz-{n - 1}")


def submit(page, n: int) -> None:
    question(page, n).get_by_role("button", name="Submit").click()


def record(page):
    return page.evaluate(f"AP.store.get('quiz', '{PAGE_ID}')")


def nav_mark(page, name: str):
    return (
        page.locator(".md-nav--primary a.md-nav__link", has_text=name).locator(".ap-nav-mark").first
    )


def reason_items(page, n: int):
    return question(page, n).locator(".ap-quiz-reasons > li")


def answer_all_right(page) -> None:
    question(page, 1).get_by_label("The right option").check()
    submit(page, 1)
    question(page, 2).get_by_label("First right option").check()
    question(page, 2).get_by_label("Second right option").check()
    submit(page, 2)


def test_questions_are_numbered_with_a_running_score(page, fixture_site: Site) -> None:
    open_quiz(page, fixture_site)
    expect(question(page, 1).get_by_text("Question 1 of 2", exact=True)).to_be_visible()
    expect(question(page, 2).get_by_text("Question 2 of 2", exact=True)).to_be_visible()
    tally = page.locator(".ap-quiz-tally")
    expect(tally).to_have_text("0 of 2 answered · 0 right first time")
    # The number is part of the question's name for a screen reader.
    expect(page.get_by_role("group", name="Question 1 of 2 Which option is right")).to_have_count(1)
    question(page, 1).get_by_label("The right option").check()
    submit(page, 1)
    expect(tally).to_have_text("1 of 2 answered · 1 right first time")
    assert page.watch.errors == []


def test_an_empty_submit_reveals_and_records_nothing(page, fixture_site: Site) -> None:
    open_quiz(page, fixture_site)
    submit(page, 1)
    q = question(page, 1)
    expect(q.get_by_text("Choose an answer first.")).to_be_visible()
    expect(page.locator("[data-ap-announcer]")).to_have_text("Choose an answer first.")
    for secret in ("Reason-right-one.", "Reason-wrong-one.", "Explanation-one"):
        expect(q.get_by_text(secret)).to_be_hidden()
    expect(q.locator(".correct, .wrong, [data-ap-quiz-tag]")).to_have_count(0)
    expect(q.get_by_role("radio", name="The right option")).to_be_enabled()
    assert record(page) is None
    assert (
        page.evaluate(
            "Object.keys(localStorage).filter((k) => /^(ap:quiz:|quiz_progress_)/.test(k))"
        )
        == []
    )
    expect(nav_mark(page, "Quiz one")).not_to_have_class(re.compile("done"))
    expect(page.locator(".ap-quiz-tally")).to_have_text("0 of 2 answered · 0 right first time")
    assert page.watch.errors == []


def test_one_wrong_try_gives_its_reason_but_not_the_answer(page, fixture_site: Site) -> None:
    open_quiz(page, fixture_site)
    q = question(page, 2)
    q.get_by_label("Wrong option").check()
    submit(page, 2)
    expect(q.get_by_text("Not right yet", exact=False)).to_be_visible()
    expect(q.locator(".quiz-feedback").get_by_text("Reason C.")).to_be_visible()
    for secret in ("Reason A.", "Reason B.", "Explanation-two."):
        expect(q.get_by_text(secret)).to_be_hidden()
    expect(q.get_by_text("Right answer", exact=True)).to_have_count(0)
    expect(q.locator(".correct")).to_have_count(0)
    expect(q.get_by_text("Your answer: not right")).to_be_visible()
    # Not settled: the learner may choose again, and it does not count as answered.
    expect(q.get_by_role("checkbox", name="First right option")).to_be_enabled()
    expect(page.locator(".ap-quiz-tally")).to_have_text("0 of 2 answered · 0 right first time")
    # The same answer again is not a second try.
    submit(page, 2)
    expect(q.get_by_text("That is the answer you chose before.", exact=False)).to_be_visible()
    expect(q.get_by_text("Reason A.")).to_be_hidden()
    # And a reload keeps the question where it was.
    page.reload()
    page.locator("#quiz-0 .ap-quiz-number").wait_for()
    expect(q.locator(".quiz-feedback").get_by_text("Reason C.")).to_be_visible()
    expect(q.get_by_text("Reason A.")).to_be_hidden()
    assert page.watch.errors == []


def test_a_second_wrong_try_settles_with_every_reason_the_learners_first(
    page, fixture_site: Site
) -> None:
    open_quiz(page, fixture_site)
    q = question(page, 2)
    q.get_by_label("Wrong option").check()
    submit(page, 2)
    q.get_by_label("Wrong option").uncheck()
    q.get_by_label("First right option").check()
    submit(page, 2)
    expect(q.get_by_text("Not right. The right options are marked.", exact=False)).to_be_visible()
    expect(q.get_by_text("Explanation-two.")).to_be_visible()
    items = reason_items(page, 2)
    expect(items).to_have_count(4)
    # The learner's own choice first, then the others, each option in full with its reason.
    expect(items.nth(0)).to_have_text("Your answer, right: First right optionReason A.")
    expect(items.nth(1)).to_have_text("Right answer: Second right optionReason B.")
    expect(items.nth(2)).to_have_text("Not right: Wrong optionReason C.")
    expect(items.nth(3)).to_have_text("Not right: A fourth option, the longest of themReason D.")
    # Marked in place, in words as well as colour.
    second = q.locator("fieldset > div").nth(1)
    expect(second.get_by_text("Right answer")).to_be_visible()
    expect(q.get_by_role("checkbox")).to_have_count(4)
    for box in q.get_by_role("checkbox").all():
        expect(box).to_be_disabled()
    expect(q.get_by_role("button", name="Submit")).to_be_hidden()
    expect(q.locator(".quiz-feedback")).to_be_focused()
    expect(page.locator("[data-ap-announcer]")).to_contain_text(
        "Not right. The right options are marked."
    )
    expect(page.locator(".ap-quiz-tally")).to_have_text("1 of 2 answered · 0 right first time")
    assert page.watch.errors == []


def test_show_the_answer_on_request(page, fixture_site: Site) -> None:
    open_quiz(page, fixture_site)
    q = question(page, 1)
    q.get_by_label("A wrong option").check()
    submit(page, 1)
    expect(q.locator(".quiz-feedback").get_by_text("Reason-wrong-one.")).to_be_visible()
    expect(q.get_by_text("Reason-right-one.")).to_be_hidden()
    q.get_by_role("button", name="Show the answer").click()
    expect(q.get_by_text("Here is the answer", exact=False)).to_be_visible()
    items = reason_items(page, 1)
    expect(items.nth(0)).to_contain_text("Your answer, not right: A wrong option")
    expect(items.nth(1)).to_contain_text("Right answer: The right optionReason-right-one.")
    expect(q.get_by_text("Explanation-one: why the right option is right.")).to_be_visible()
    expect(q.get_by_role("button", name="Show the answer")).to_be_hidden()
    saved = record(page)
    assert saved["answered"] == 1 and saved["score"] == 0
    assert saved["questions"]["quiz-0"]["shown"] is True
    assert page.watch.errors == []


def test_every_option_is_given_in_full_on_the_real_quiz(page, real_site: Site) -> None:
    open_quiz(page, real_site, "modules/1-permanence/quiz/")
    q = question(page, 1)
    labels = [t.strip() for t in q.locator("fieldset label").all_text_contents()]
    assert len(labels) == 4 and max(len(t) for t in labels) > 60
    q.get_by_role("radio").nth(1).check()
    submit(page, 1)
    q.get_by_role("button", name="Show the answer").click()
    items = reason_items(page, 1)
    expect(items).to_have_count(4)
    feedback = q.locator(".quiz-feedback").inner_text()
    for label in labels:
        assert label in feedback, f"cut short or missing: {label}"
    assert "…" not in feedback
    assert page.watch.errors == []


def test_the_summary_gives_outcomes_to_revisit_and_adds_them_to_my_plan(
    page, fixture_site: Site
) -> None:
    open_quiz(page, fixture_site)
    summary = page.locator(".ap-quiz-summary")
    expect(summary.get_by_role("heading", name="Your results")).to_be_visible()
    expect(summary).to_contain_text("You have answered 0 of 2 questions.")
    question(page, 1).get_by_label("The right option").check()
    submit(page, 1)
    q2 = question(page, 2)
    q2.get_by_label("Wrong option").check()
    submit(page, 2)
    q2.get_by_role("button", name="Show the answer").click()
    expect(summary.get_by_text("You got 1 of 2 right first time.")).to_be_visible()
    outcomes = summary.locator(".ap-quiz-outcome")
    expect(outcomes).to_have_count(2)
    first, second = outcomes.nth(0), outcomes.nth(1)
    expect(first).to_contain_text("1 of 2 right first time: understand the first fixture outcome")
    expect(second).to_contain_text("0 of 1 right first time: reflect on the second fixture outcome")
    # Links to the pages that teach what was missed.
    expect(first.get_by_role("link", name="A teaching section")).to_have_attribute(
        "href", re.compile(r"section/$")
    )
    expect(second.get_by_role("link", name="Scenario: a fixture family")).to_be_visible()
    # Add to my plan makes a goal for the outcome, through the plan's own records.
    add = second.get_by_role("button", name="Add to my plan")
    expect(add).to_have_accessible_description("reflect on the second fixture outcome")
    add.click()
    expect(second.get_by_text("In your plan")).to_be_visible()
    goals = page.evaluate("AP.store.list('goals')")
    assert [(g["title"], g["outcomes"]) for g in goals] == [
        ("Reflect on the second fixture outcome", ["m1-lo2"])
    ]
    expect(second.get_by_role("link", name="See My plan")).to_have_attribute(
        "href", re.compile(r"my-plan/#ap-goal-")
    )
    assert page.watch.errors == []


def test_a_quiz_page_is_done_only_when_every_question_is_answered(page, fixture_site: Site) -> None:
    open_quiz(page, fixture_site)
    question(page, 1).get_by_label("The right option").check()
    submit(page, 1)
    expect(page.locator(".ap-quiz-tally")).to_have_text("1 of 2 answered · 1 right first time")
    expect(nav_mark(page, "Quiz one")).to_have_text(" (visited)")
    assert page.evaluate(f"AP.store.quizResult('{PAGE_ID}')") is None
    page.goto(fixture_site.page_url(""))
    progress = page.locator("[data-ap-progress]")
    expect(progress).to_contain_text("0 of 3 pages done")
    expect(progress).not_to_contain_text("Latest quiz result")
    open_quiz(page, fixture_site)
    q2 = question(page, 2)
    q2.get_by_label("First right option").check()
    q2.get_by_label("Second right option").check()
    submit(page, 2)
    expect(nav_mark(page, "Quiz one")).to_have_text(" (done)")
    page.goto(fixture_site.page_url(""))
    expect(progress).to_contain_text("Latest quiz result: 2 of 2 right.")
    assert page.watch.errors == []


def test_start_again_clears_the_quiz_here_and_in_the_record(page, fixture_site: Site) -> None:
    open_quiz(page, fixture_site)
    answer_all_right(page)
    expect(nav_mark(page, "Quiz one")).to_have_text(" (done)")
    summary = page.locator(".ap-quiz-summary")
    summary.get_by_role("button", name="Start again").click()
    # Asked first; Cancel keeps everything.
    summary.get_by_role("button", name="Cancel").click()
    expect(summary.get_by_text("You got 2 of 2 right first time.")).to_be_visible()
    summary.get_by_role("button", name="Start again").click()
    expect(summary).to_contain_text("Clear your answers to all 2 questions on this page")
    summary.get_by_role("button", name="Yes, clear my answers").click()
    expect(page.locator(".ap-quiz-tally")).to_have_text("0 of 2 answered · 0 right first time")
    for n in (1, 2):
        expect(question(page, n).locator(".quiz-feedback")).to_be_hidden()
        expect(question(page, n).get_by_role("button", name="Submit")).to_be_visible()
    expect(question(page, 1).get_by_role("radio", name="The right option")).not_to_be_checked()
    expect(question(page, 1).get_by_role("radio", name="The right option")).to_be_enabled()
    expect(question(page, 1).get_by_role("radio", name="The right option")).to_be_focused()
    expect(question(page, 1).get_by_text("Explanation-one")).to_be_hidden()
    expect(nav_mark(page, "Quiz one")).to_have_text(" (visited)")
    assert record(page) is None
    page.reload()
    page.locator("#quiz-0 .ap-quiz-number").wait_for()
    expect(page.locator(".ap-quiz-tally")).to_have_text("0 of 2 answered · 0 right first time")
    expect(question(page, 2).get_by_text("Reason A.")).to_be_hidden()
    assert page.watch.errors == []


def test_answers_by_keyboard_after_instant_navigation_are_announced_once(
    page, fixture_site: Site
) -> None:
    page.goto(fixture_site.page_url("modules/2-more/quiz/"))
    page.locator("#quiz-0 .ap-quiz-number").wait_for()
    mark_document(page)
    page.get_by_role("link", name="Module 1 · Basics: a fixture module").first.click()
    page.wait_for_url("**/modules/1-basics/")
    page.locator("article").get_by_role("link", name="Quiz one").click()
    page.wait_for_url("**/" + QUIZ)
    page.get_by_role("heading", level=1, name="Quiz one").wait_for()
    assert still_same_document(page), "expected instant navigation, got a reload"
    expect(page.locator(".ap-quiz-number")).to_have_count(2)  # set up once
    expect(page.locator(".ap-quiz-tally")).to_have_count(1)
    expect(page.locator("link[href$='permanence/css/quiz.css']")).not_to_have_count(0)
    # A 24px target, the label's wrapped lines starting beside the radio, not under it.
    radio = page.get_by_role("radio", name="A wrong option")
    box = radio.bounding_box()
    assert box and box["width"] >= 24 and box["height"] >= 24
    label = question(page, 1).locator("label", has_text="A wrong option").bounding_box()
    assert label and label["x"] >= box["x"] + box["width"]
    radio.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")  # submits the form from the radio
    q = question(page, 1)
    expect(q.get_by_text("Not right. Read why below", exact=False)).to_be_visible()
    expect(page.locator("[data-ap-announcer]")).to_contain_text("Not right.")
    expect(q.locator(".ap-quiz-verdict")).to_have_count(1)
    page.get_by_role("radio", name="The right option").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(q.get_by_role("button", name="Submit")).to_be_focused()
    page.keyboard.press("Enter")
    expect(q.get_by_text("Right, on your second try.", exact=False)).to_be_visible()
    expect(q.locator(".ap-quiz-reasons > li")).to_have_count(3)
    saved = record(page)
    assert saved["questions"]["quiz-0"] == {
        "tries": 2,
        "picked": "0",
        "settled": True,
        "right": True,
        "first": False,
        "shown": False,
    }
    # mkdocs-quiz's own handler never ran: it kept nothing of its own.
    assert page.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('quiz_'))") == []
    assert page.watch.errors == []


def test_answers_mkdocs_quiz_kept_come_across_once(page, fixture_site: Site) -> None:
    open_quiz(page, fixture_site)
    page.evaluate(
        """localStorage.setItem('quiz_progress_/modules/1-basics/quiz/', JSON.stringify(
             {'quiz-0': {answered: true, correct: true, selectedValues: ['0']}}))"""
    )
    page.reload()
    page.locator("#quiz-0 .ap-quiz-number").wait_for()
    expect(page.locator(".ap-quiz-tally")).to_have_text("1 of 2 answered · 1 right first time")
    expect(question(page, 1).locator(".ap-quiz-verdict")).to_contain_text("Right.")
    assert record(page)["questions"]["quiz-0"]["first"] is True
    assert page.evaluate("localStorage.getItem('quiz_progress_/modules/1-basics/quiz/')") is None
    assert page.watch.errors == []


def test_the_quiz_works_under_its_content_security_policy(page, fixture_site: Site) -> None:
    open_quiz(page, fixture_site)
    policy = page.locator("meta[http-equiv='Content-Security-Policy']").get_attribute("content")
    assert (
        policy
        and "script-src 'self'" in policy
        and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    )
    answer_all_right(page)
    page.locator(".ap-quiz-summary").get_by_role("button", name="Add to my plan").count()
    expect(page.locator(".ap-quiz-summary")).to_contain_text("You got 2 of 2 right first time.")
    assert csp_violations(page) == []
    refused = [e for e in page.watch.errors if "Content Security Policy" in e]
    assert refused == [] and page.watch.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_settled_quiz_and_its_summary_are_accessible(
    browser, fixture_site: Site, scheme: str
) -> None:
    ctx = new_context(browser, color_scheme=scheme, viewport={"width": 360, "height": 800})
    try:
        page = ctx.new_page()
        open_quiz(page, fixture_site)
        question(page, 1).get_by_label("A wrong option").check()
        submit(page, 1)
        question(page, 1).get_by_role("button", name="Show the answer").click()
        q2 = question(page, 2)
        q2.get_by_label("Wrong option").check()
        submit(page, 2)
        expect(q2.get_by_text("Your answer: not right")).to_be_visible()
        assert axe_violations(page) == []
        q2.get_by_role("button", name="Show the answer").click()
        expect(page.locator(".ap-quiz-summary")).to_contain_text("You got 0 of 2 right first time.")
        assert axe_violations(page) == []
        # Nothing wider than a 360px phone.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        ctx.close()
