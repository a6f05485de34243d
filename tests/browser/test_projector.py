"""Projector-safe (issue 28): once a trainer presents from this device, nothing the learner wrote
is on any page (reflections, notes per stage, My plan, CPD evidence) until they turn it off, and
a badge on every page says so."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import axe_violations, site_pages
from tests.conftest import Site

pytestmark = pytest.mark.browser

SECTION = "modules/1-basics/section/"
SCENARIO = "modules/1-basics/scenario/"
REFLECTION = "my-own-words-about-a-family-i-know"
STAGE_NOTE = "my-stage-note-nobody-else-should-see"


def badge(page):
    return page.get_by_text("Projector-safe is on.")


def write_own_notes(page, site: Site) -> None:
    page.goto(site.page_url(SECTION))
    page.locator("[data-ap-reflection='m1-r-own-practice']").get_by_role("textbox").first.fill(
        REFLECTION
    )
    page.goto(site.page_url(SCENARIO))
    page.get_by_role("textbox", name="What would you do now?").fill(STAGE_NOTE)
    page.get_by_role("button", name="Show stage 2").click()
    expect(page.get_by_role("textbox", name=re.compile("before stage 2"))).to_have_value(STAGE_NOTE)


def present_and_end(page, site: Site) -> None:
    page.goto(site.page_url(SECTION))
    page.get_by_role("button", name="Present this page").click()
    dialog = page.get_by_role("dialog", name=re.compile("^Presentation: "))
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="End presentation").click()
    expect(dialog).to_have_count(0)


def test_after_presenting_the_learners_own_words_are_hidden_until_turned_off(
    page, fixture_site: Site
) -> None:
    write_own_notes(page, fixture_site)
    page.goto(fixture_site.page_url(SECTION))
    expect(badge(page)).to_have_count(0)  # nothing presented yet: the learner's page as ever
    present_and_end(page, fixture_site)

    # Back on the page the room still sees: the prompt, but not what the trainer wrote.
    expect(badge(page)).to_be_visible()
    expect(page.get_by_text("Think about your own practice").first).to_be_visible()
    expect(page.locator("article").get_by_role("textbox")).to_have_count(0)
    assert REFLECTION not in page.locator("body").inner_text()
    assert axe_violations(page) == []

    page.goto(fixture_site.page_url(SCENARIO))
    expect(badge(page)).to_be_visible()
    assert STAGE_NOTE not in page.locator("body").inner_text()
    expect(page.locator("article").get_by_role("textbox")).to_have_count(0)
    expect(page.get_by_role("button", name="Show stage 3")).to_be_visible()  # stages still work

    for mine in ("my-plan/", "cpd-evidence/"):
        page.goto(fixture_site.page_url(mine))
        expect(badge(page)).to_be_visible()
        expect(page.locator("[data-ap-plan], [data-ap-cpd]")).to_be_hidden()
        assert REFLECTION not in page.locator("body").inner_text()
        assert STAGE_NOTE not in page.locator("body").inner_text()

    # Turned off, by keyboard: everything is back, on this page and the next.
    off = page.get_by_role("button", name="Turn off projector-safe")
    off.focus()
    page.keyboard.press("Enter")
    expect(badge(page)).to_have_count(0)
    expect(page.locator("[data-ap-cpd]")).to_be_visible()
    page.goto(fixture_site.page_url(SECTION))
    expect(page.locator("article").get_by_role("textbox").first).to_have_value(REFLECTION)
    page.goto(fixture_site.page_url(SCENARIO))
    expect(page.get_by_role("textbox", name=re.compile("before stage 2"))).to_have_value(STAGE_NOTE)


def test_projector_safe_shows_its_badge_on_every_page_and_survives_a_reload(
    page, fixture_site: Site
) -> None:
    page.goto(fixture_site.page_url(SECTION + "?slide=1"))  # a presentation opened by address
    expect(page.get_by_role("dialog", name=re.compile("^Presentation: "))).to_be_visible()
    for path in site_pages(fixture_site.root):
        if path.startswith(("404", "search/")):
            continue
        page.goto(fixture_site.page_url(path))
        expect(badge(page), f"no badge on {path or 'the home page'}").to_be_visible()
    page.reload()
    expect(badge(page)).to_be_visible()


def test_projector_safe_badge_fits_a_phone_in_both_palettes(page, fixture_site: Site) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(fixture_site.page_url(SECTION + "?slide=1"))
    page.keyboard.press("Escape")
    expect(badge(page)).to_be_visible()
    for scheme in ("default", "slate"):
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        assert axe_violations(page, ".ap-projector-badge") == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
