"""Authoring blocks in the browser: scenario stages, trainer notes, glossary terms and quizzes,
used by keyboard as a person would."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import axe_violations, mark_document, still_same_document
from tests.conftest import Site, new_context

pytestmark = pytest.mark.browser


def test_scenario_commentary_opens_by_keyboard_after_the_last_stage_and_is_announced(
    page, fixture_site: Site
) -> None:
    # Stages one at a time, with a note before each: tests/browser/test_stages.py.
    page.goto(fixture_site.page_url("modules/1-basics/scenario/"))
    commentary = page.get_by_text("Commentary text: secret-commentary.")
    summary = page.locator("summary", has_text="Facilitator commentary")
    expect(summary).to_be_hidden()  # not before the last stage
    for n in (2, 3):
        page.get_by_role("button", name=f"Show stage {n}").click()
    summary.focus()
    page.keyboard.press("Enter")
    expect(commentary).to_be_visible()
    announcer = page.locator("[data-ap-announcer]")
    expect(announcer).to_contain_text("Facilitator commentary")
    assert announcer.get_attribute("aria-live") == "polite"


def test_trainer_notes_hidden_from_learners_and_shown_in_trainer_view(
    page, fixture_site: Site
) -> None:
    page.goto(fixture_site.page_url("modules/1-basics/section/"))
    note = page.get_by_text("Section trainer note: secret-section-note.")
    assert not note.is_visible()
    # Not in the accessibility tree either.
    assert "Trainer notes" not in page.locator("article").aria_snapshot()
    page.evaluate("AP.setTrainerView(document, true)")
    assert note.is_visible()
    assert "Trainer notes" in page.locator("article").aria_snapshot()
    page.evaluate("AP.setTrainerView(document, false)")
    assert not note.is_visible()


def test_trainer_notes_are_not_printed_for_learners(page, fixture_site: Site) -> None:
    page.goto(fixture_site.page_url("modules/1-basics/section/"))
    page.emulate_media(media="print")
    assert not page.get_by_text("Section trainer note: secret-section-note.").is_visible()


def test_glossary_term_opens_and_closes_by_keyboard(page, fixture_site: Site) -> None:
    page.goto(fixture_site.page_url("modules/1-basics/section/"))
    term = page.get_by_role("button", name="Special guardianship")
    assert term.get_attribute("aria-expanded") == "false"
    definition = page.get_by_text("A fixture definition of special guardianship.")
    assert not definition.is_visible()
    term.focus()
    page.keyboard.press("Enter")
    assert term.get_attribute("aria-expanded") == "true"
    assert definition.is_visible()
    page.keyboard.press("Escape")
    assert not definition.is_visible()
    assert term.evaluate("el => el === document.activeElement")
    page.keyboard.press("Space")
    assert definition.is_visible()
    link = page.locator(".ap-term__definition").get_by_role("link", name="Glossary")
    assert (link.get_attribute("href") or "").endswith("glossary/#term-special-guardianship")


def test_glossary_term_opens_by_touch(browser, fixture_site: Site) -> None:
    ctx = new_context(
        browser, has_touch=True, is_mobile=True, viewport={"width": 390, "height": 800}
    )
    try:
        page = ctx.new_page()
        page.goto(fixture_site.page_url("modules/1-basics/section/"))
        page.get_by_role("button", name="Special guardianship").tap()
        assert page.get_by_text("A fixture definition of special guardianship.").is_visible()
    finally:
        ctx.close()


def answer_first_question_by_keyboard(page) -> None:
    first_option = page.get_by_role("radio", name="The right option")
    first_option.focus()
    page.keyboard.press("Space")
    assert first_option.is_checked()
    page.keyboard.press("Tab")  # out of the radio group to the Submit button
    assert page.evaluate("document.activeElement.textContent.trim()") == "Submit"
    page.keyboard.press("Enter")


def test_quiz_by_keyboard_after_instant_navigation_responds_once(page, fixture_site: Site) -> None:
    page.goto(fixture_site.page_url("modules/2-more/quiz/"))
    mark_document(page)
    page.get_by_role("link", name="Module 1 · Basics: a fixture module").first.click()
    page.wait_for_url("**/modules/1-basics/")
    page.locator("article").get_by_role("link", name="Quiz one").click()
    page.wait_for_url("**/modules/1-basics/quiz/")
    page.get_by_role("heading", level=1, name="Quiz one").wait_for()
    assert still_same_document(page), "expected instant navigation, got a reload"
    expect(page.locator("#quiz-0 .quiz-reset-button")).to_have_count(1)
    # Arrowing through options must not submit anything (no auto-submit).
    page.get_by_role("radio", name="The right option").focus()
    page.keyboard.press("ArrowDown")
    assert page.locator("#quiz-0 .quiz-feedback").is_hidden()
    answer_first_question_by_keyboard(page)
    quiz = page.locator("#quiz-0")
    expect(quiz.locator(".quiz-feedback")).to_be_visible()
    expect(quiz.get_by_text("Explanation-one: why the right option is right.")).to_be_visible()
    assert quiz.locator(".quiz-reset-button").count() == 1, "the quiz was set up more than once"
    assert quiz.locator(".quiz-feedback").get_by_text("Reason-right-one.").count() == 1
    # And back to the first quiz page, again without a reload: its question responds once too.
    page.get_by_role("link", name="Module 2 · More: a draft fixture module").first.click()
    page.wait_for_url("**/modules/2-more/")
    page.locator("article").get_by_role("link", name="Quiz two").click()
    page.wait_for_url("**/modules/2-more/quiz/")
    page.get_by_role("heading", level=1, name="Quiz two").wait_for()
    assert still_same_document(page), "expected instant navigation, got a reload"
    other = page.locator("#quiz-0")
    expect(other.locator(".quiz-reset-button")).to_have_count(1)
    # Quiz one's answer stays with quiz one: this page's question arrives unanswered.
    assert other.locator(".quiz-feedback").is_hidden()
    assert not page.get_by_role("radio", name="Yes").is_checked()
    page.get_by_role("radio", name="Yes").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Submit"
    page.keyboard.press("Enter")
    expect(other.get_by_text("Explanation-three.")).to_be_visible()
    assert other.locator(".quiz-reset-button").count() == 1
    assert other.locator(".quiz-feedback").get_by_text("Reason yes.").count() == 1
    # Each page's answers are kept with that page in the learner record (pages/quiz.js), and
    # mkdocs-quiz's own handler, which would keep a copy of its own, never ran.
    saved = page.evaluate(
        """() => Object.fromEntries(AP.store.list("quiz")
             .map((r) => [r.id, Object.keys(r.questions).length]))"""
    )
    assert saved == {"modules/1-basics/quiz": 1, "modules/2-more/quiz": 1}
    assert page.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('quiz_'))") == []
    assert page.watch.errors == []


def test_quiz_has_no_inline_script_or_handler(page, fixture_site: Site) -> None:
    html = (fixture_site.root / "modules/1-basics/quiz/index.html").read_text(encoding="utf-8")
    assert "onsubmit" not in html and "javascript:" not in html
    assert "window.mkdocsQuiz" not in html
    assert "confetti" not in html.lower()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_answered_quiz_is_accessible_in_both_palettes(
    browser, fixture_site: Site, scheme: str
) -> None:
    ctx = new_context(browser, color_scheme=scheme)
    try:
        page = ctx.new_page()
        page.goto(fixture_site.page_url("modules/1-basics/quiz/"))
        page.get_by_role("radio", name="A wrong option").check()
        page.locator("#quiz-0").get_by_role("button", name="Submit").click()
        page.get_by_role("checkbox", name="First right option").check()
        page.locator("#quiz-1").get_by_role("button", name="Submit").click()
        page.get_by_role("button", name="Special guardianship").count()
        assert axe_violations(page) == []
    finally:
        ctx.close()
