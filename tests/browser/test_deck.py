"""Present this module (issue 28): one deck of a module's pages behind an agenda slide, driven
as a trainer would, from the materials page and the module overview.

Fixture module 1: Overview (10 minutes), A teaching section (30), Scenario: a fixture family (30)
and Quiz one (20): 90 minutes, so the session planner suggests no break.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import axe_violations, walk_slides
from tests.conftest import Site, context_violations, new_context

pytestmark = pytest.mark.browser

DECK = "trainers/1-basics/present/"
PAGES = [
    "Module 1: Basics: a fixture module",
    "A teaching section",
    "Scenario: a fixture family",
    "Quiz one",
]


def slide(page):
    return page.get_by_role("group", name=re.compile(r"^Slide \d+ of \d+$"))


def agenda_rows(page) -> list[list[str]]:
    return page.locator(".ap-present__stage table.ap-agenda tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells, c => c.textContent.trim()))"
    )


def test_the_deck_is_reached_from_the_materials_page_and_the_overview_in_trainer_view(
    page, fixture_site: Site
) -> None:
    page.goto(fixture_site.page_url("trainers/materials/"))
    page.locator("article").get_by_role("link", name="Present this module").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Present Module 1: Basics: a fixture module"
    )
    page.goto(fixture_site.page_url("modules/1-basics/"))
    link = page.locator("article").get_by_role("link", name="Present this module")
    expect(link).to_be_hidden()  # for trainers: shown in trainer view
    page.get_by_role("button", name="Trainer view").click()
    link.click()
    expect(page).to_have_url(re.compile(re.escape(DECK) + "$"))


def test_a_module_deck_has_an_agenda_then_every_page_in_order_and_fits_the_projector(
    page, fixture_site: Site
) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(fixture_site.page_url(DECK))
    page.get_by_label("Start time for the agenda").fill("10:00")
    page.get_by_role("button", name="Present this module").click()
    show = page.get_by_role("dialog", name="Presentation: Module 1: Basics: a fixture module")
    expect(show).to_be_visible()
    expect(slide(page).get_by_role("heading", level=2)).to_have_text("Today's agenda")
    assert agenda_rows(page) == [
        ["10:00–10:10", "Overview", "10 min"],
        ["10:10–10:40", "A teaching section", "30 min"],
        ["10:40–11:10", "Scenario: a fixture family", "30 min"],
        ["11:10–11:30", "Quiz one", "20 min"],
    ]
    slides = walk_slides(page)
    assert [s["number"] for s in slides if s["over"]] == []
    assert all(s["px"] >= 22 for s in slides)
    # Each page opens with its title slide, in the module's order, and the deck ends once.
    assert [s["title"] for s in slides if s["kind"] == "title"] == PAGES
    assert [s["title"] for s in slides if s["kind"] == "end"] == ["End of Module 1"]
    titles = [s["title"] for s in slides]
    assert titles.index("Stage 2: later") < titles.index("Stage 3: much later")
    assert any(t.startswith("Question 2") for t in titles)  # the quiz's last question
    assert page.watch.errors == []


def test_nothing_a_learner_wrote_reaches_a_slide_of_the_deck_in_either_window(
    page, fixture_site: Site
) -> None:
    private = "my-private-words-about-my-own-family"
    page.goto(fixture_site.page_url("modules/1-basics/section/"))
    page.get_by_role("textbox", name="Reflection: your own practice").fill(private)
    expect(page.locator("#m1-r-own-practice").get_by_text("Saved", exact=True)).to_be_visible()
    page.goto(fixture_site.page_url("modules/1-basics/scenario/"))
    note = page.get_by_role("textbox").first
    if note.count():  # a scenario's 'What would you do now?' note per stage
        note.fill(private)
    page.goto(fixture_site.page_url(DECK))
    page.get_by_role("button", name="Present this module").click()
    show = page.get_by_role("dialog", name=re.compile("^Presentation: "))
    expect(show).to_be_visible()
    with page.context.expect_page() as popup:
        page.get_by_role("link", name="Presenter window").click()
    presenter = popup.value
    view = presenter.get_by_role("dialog", name=re.compile("^Presenter view"))
    expect(view).to_be_visible()
    total = int((slide(page).get_attribute("aria-label") or "").rsplit(" ", 1)[-1])
    # Numbered alike in both windows.
    expect(view.get_by_role("heading", level=3, name=re.compile("^Now: "))).to_have_text(
        f"Now: slide 1 of {total}: Today's agenda"
    )
    texts = []
    for _ in range(total * 2):  # forward also reveals, so twice the slides is enough
        texts.append(show.inner_text())
        texts.append(view.inner_text())
        page.keyboard.press("ArrowRight")
    assert "Think about your own practice" in "".join(texts)  # the prompt itself is shown
    assert all(private not in t for t in texts)
    expect(show.locator("textarea, input, select")).to_have_count(0)
    presenter.close()


def test_the_deck_carries_on_where_it_stopped(page, fixture_site: Site) -> None:
    page.goto(fixture_site.page_url(DECK))
    page.get_by_role("button", name="Present this module").click()
    expect(slide(page)).to_have_attribute("aria-label", re.compile(r"^Slide 1 of "))
    for _ in range(4):
        page.keyboard.press("PageDown")
    expect(slide(page)).to_have_attribute("aria-label", re.compile(r"^Slide 5 of "))
    title = slide(page).get_by_role("heading", level=2).inner_text()
    page.keyboard.press("Escape")
    page.goto(fixture_site.page_url(DECK))  # another day, or after the browser was closed
    expect(page.get_by_text("Last time this deck stopped at slide 5.")).to_be_visible()
    page.get_by_role("button", name="Carry on from slide 5").click()
    expect(slide(page)).to_have_attribute("aria-label", re.compile(r"^Slide 5 of "))
    expect(slide(page).get_by_role("heading", level=2)).to_have_text(title)
    # Starting again is one button away.
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Present this module").click()
    expect(slide(page)).to_have_attribute("aria-label", re.compile(r"^Slide 1 of "))


def test_a_start_time_that_is_not_a_time_is_asked_for_again(page, fixture_site: Site) -> None:
    page.goto(fixture_site.page_url(DECK))
    page.get_by_label("Start time for the agenda").fill("")
    page.get_by_role("button", name="Present this module").click()
    expect(page.get_by_text("Enter a start time, such as 09:30, for the agenda.")).to_be_visible()
    expect(page.get_by_role("dialog", name=re.compile("^Presentation"))).to_have_count(0)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_the_deck_page_or_its_agenda(
    browser, fixture_site: Site, scheme: str
) -> None:
    context = new_context(browser, color_scheme=scheme, viewport={"width": 1280, "height": 720})
    failures: dict[str, list[str]] = {}
    try:
        page = context.new_page()
        page.goto(fixture_site.page_url(DECK))
        page.get_by_role("button", name="Present this module").wait_for()
        failures["deck page"] = axe_violations(page)
        page.get_by_role("button", name="Present this module").click()
        expect(slide(page).get_by_role("heading", level=2)).to_have_text("Today's agenda")
        page.wait_for_timeout(300)  # let the slide's entrance finish before checking colours
        failures["agenda"] = axe_violations(page)
        assert context_violations(context) == {}
    finally:
        context.close()
    assert {k: v for k, v in failures.items() if v} == {}
