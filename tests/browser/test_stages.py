"""Case scenarios told in stages (issue 26): one stage at a time, a note of what the learner
would do before each, kept on My plan and in a backup, never on a slide or on paper; every stage
readable in order without JavaScript. The fixture scenario has stages 1 (the opening), 2 and 3,
discussion questions, a reflection and a facilitator commentary."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import axe_violations, mark_document, still_same_document
from tests.conftest import Site, new_context

pytestmark = pytest.mark.browser

SCENARIO = "modules/1-basics/scenario/"
STAGE_2 = "Stage two text: secret-stage-two."
STAGE_3 = "Stage three text."
COMMENTARY = "Commentary text: secret-commentary."
NOTE = "I would visit Sam at school and ask his nan about family time."


def tree(page) -> str:
    """The article as a screen reader meets it."""
    return page.locator("article").aria_snapshot()


def contents(page) -> list[str]:
    """The page's contents list (the sidebar's), as shown."""
    toc = page.locator(".md-sidebar--secondary nav.md-nav--secondary > ul > li > a")
    return [t.strip() for t in toc.all_inner_texts()]


def tab_to(page, locator, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{locator} never took the focus by Tab")


def test_stages_are_met_one_at_a_time_by_keyboard_with_a_note_before_each(
    page, fixture_site: Site
) -> None:
    page.goto(fixture_site.page_url(SCENARIO))
    expect(page.get_by_role("button", name="Show stage 2")).to_be_visible()
    before = tree(page)
    # Later stages, their titles and the commentary are neither seen nor in the tree.
    for secret in (STAGE_2, "Stage 2: later", STAGE_3, "much later", COMMENTARY):
        assert secret not in before
        expect(page.get_by_text(secret)).to_be_hidden()
    # One control to go on, and no way to open stage 3 first.
    expect(page.get_by_role("button", name=re.compile("^Show stage"))).to_have_count(1)
    assert "Before you open the next stage" not in page.locator("article").inner_text()
    assert contents(page) == ["Stage 1: the start"]

    note = page.get_by_role("textbox", name="What would you do now?")
    tab_to(page, note)
    page.keyboard.type(NOTE)
    page.keyboard.press("Tab")  # to "Show stage 2": the note is saved on leaving it
    assert page.evaluate("document.activeElement.textContent") == "Show stage 2"
    page.keyboard.press("Enter")

    summary = page.locator("summary", has_text="Stage 2: later")
    expect(summary).to_be_focused()
    expect(page.get_by_text(STAGE_2)).to_be_visible()
    expect(page.locator("[data-ap-announcer]")).to_have_text("Stage 2 is shown: Stage 2: later.")
    after = tree(page)
    assert STAGE_2 in after and STAGE_3 not in after and COMMENTARY not in after
    assert contents(page) == ["Stage 1: the start", "Stage 2: later"]
    # The note stays above the stage it was written before; the next box asks afresh.
    expect(
        page.get_by_role("textbox", name="What you would have done, before stage 2")
    ).to_have_value(NOTE)
    stored = page.evaluate("AP.store.list('stage-notes')")
    assert [(n["stage"], n["text"]) for n in stored] == [(2, NOTE)]

    show_3 = page.get_by_role("button", name="Show stage 3")
    tab_to(page, show_3)
    page.keyboard.press("Space")
    expect(page.locator("summary", has_text="Stage 3: much later")).to_be_focused()
    expect(page.get_by_text(STAGE_3)).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Show stage"))).to_have_count(0)
    # The commentary follows the last stage.
    assert "Facilitator commentary" in tree(page)
    assert contents(page) == ["Stage 1: the start", "Stage 2: later", "Stage 3: much later"]
    assert axe_violations(page) == []


def test_a_stage_is_revealed_by_touch_on_a_phone(browser, fixture_site: Site) -> None:
    ctx = new_context(
        browser, has_touch=True, is_mobile=True, viewport={"width": 360, "height": 740}
    )
    try:
        page = ctx.new_page()
        page.goto(fixture_site.page_url(SCENARIO))
        show = page.get_by_role("button", name="Show stage 2")
        box = show.bounding_box()
        assert box and box["height"] >= 24, "a tap target of at least 24 px (WCAG 2.2)"
        show.tap()
        expect(page.get_by_text(STAGE_2)).to_be_visible()
        expect(page.get_by_text(STAGE_3)).to_be_hidden()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        ctx.close()


def test_revealed_stages_stay_revealed_on_return_and_the_scenario_can_start_again(
    page, fixture_site: Site
) -> None:
    page.goto(fixture_site.page_url(SCENARIO))
    page.get_by_role("textbox", name="What would you do now?").fill(NOTE)
    page.get_by_role("button", name="Show stage 2").click()
    expect(page.get_by_text(STAGE_2)).to_be_visible()
    # Away and back by instant navigation, then by a reload.
    mark_document(page)
    page.locator(".md-footer").get_by_role("link", name=re.compile("Quiz one")).click()
    page.wait_for_url("**/quiz/")
    page.go_back()
    page.wait_for_url("**/scenario/")
    expect(page.get_by_text(STAGE_2)).to_be_visible()
    assert still_same_document(page), "expected instant navigation, got a reload"
    expect(page.get_by_role("button", name=re.compile("^Show stage"))).to_have_count(1)
    page.reload()
    expect(page.get_by_text(STAGE_2)).to_be_visible()
    expect(page.get_by_text(STAGE_3)).to_be_hidden()
    expect(page.get_by_role("button", name="Show stage 3")).to_be_visible()

    page.get_by_role("button", name="Start the scenario again").click()
    expect(page.get_by_text(STAGE_2)).to_be_hidden()
    expect(page.get_by_role("button", name="Show stage 2")).to_be_visible()
    note = page.get_by_role("textbox", name="What would you do now?")
    expect(note).to_be_focused()
    expect(note).to_have_value(NOTE)  # starting again loses nothing written
    assert contents(page) == ["Stage 1: the start"]
    page.reload()
    expect(page.get_by_text(STAGE_2)).to_be_hidden()


def test_notes_are_on_my_plan_and_in_a_backup_but_never_on_a_slide_or_paper(
    page, fixture_site: Site
) -> None:
    page.goto(fixture_site.page_url(SCENARIO))
    page.get_by_role("textbox", name="What would you do now?").fill(NOTE)
    page.get_by_role("button", name="Show stage 2").click()
    expect(page.get_by_text(STAGE_2)).to_be_visible()

    # Printed: every stage in order, and no note.
    page.emulate_media(media="print")
    expect(page.get_by_text(STAGE_3)).to_be_visible()
    expect(page.get_by_text(COMMENTARY)).to_be_attached()
    expect(page.locator(".ap-stage-gate").first).to_be_hidden()
    page.emulate_media(media="screen")

    # A slide: the trainer reveals stages for the room as before; the learner's words never show.
    page.goto(fixture_site.page_url(SCENARIO + "?slide=4"))
    shown = page.get_by_role("dialog", name=re.compile("^Presentation: "))
    expect(shown.get_by_text("note what you would do now, and why")).to_be_visible()
    page.keyboard.press("ArrowRight")
    expect(shown.get_by_text(STAGE_2)).to_be_visible()
    for n in range(1, 12):
        page.goto(fixture_site.page_url(SCENARIO + f"?slide={n}"))
        expect(shown).to_be_visible()
        assert NOTE not in shown.inner_text(), f"slide {n}"

    # The printable stage cards and handout are built from the page, never from a learner.
    for material in ("trainers/1-basics/stage-cards/", "trainers/1-basics/handout/"):
        page.goto(fixture_site.page_url(material))
        assert NOTE not in page.content()

    # Presenting turned projector-safe on: My plan shows nothing of the learner's until the
    # trainer, off the projector, turns it off.
    page.goto(fixture_site.page_url("my-plan/"))
    expect(page.get_by_text(NOTE)).to_be_hidden()
    page.get_by_role("button", name="Turn off projector-safe").click()
    plan = page.get_by_role("region", name="Reflections")
    expect(plan.get_by_role("heading", name="Scenario: a fixture family")).to_be_visible()
    expect(plan.get_by_text(NOTE)).to_be_visible()
    expect(plan.get_by_text("Before stage 2 (after Stage 1: the start)")).to_be_visible()

    page.goto(fixture_site.page_url("backup/"))
    with page.expect_download() as info:
        page.get_by_role("button", name="Download a backup").click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    notes = data["data"]["stage-notes"]
    assert [(n["stage"], n["text"], n["page"]) for n in notes] == [
        (2, NOTE, "modules/1-basics/scenario")
    ]


def test_without_javascript_every_stage_reads_in_order(browser, fixture_site: Site) -> None:
    ctx = new_context(browser, java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(fixture_site.page_url(SCENARIO))
        text = page.locator("article").inner_text()
        order = ["Stage 1: the start", "Stage 2: later", STAGE_2, "Stage 3: much later", STAGE_3]
        places = [text.find(t) for t in order]
        assert -1 not in places and places == sorted(places), places
        assert STAGE_3 in tree(page)
    finally:
        ctx.close()
