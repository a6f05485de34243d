"""The learner's journey (issue 29): the home page says how long the course takes and starts it
in one tap, then continues where the learner left off; a module page says where it sits and how
long it takes, and ends with "Mark as done and continue"; owner-process notes and outcome ids
are for trainers; My plan opens with a summary and a contents list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import mark_document, still_same_document
from tests.conftest import Site

pytestmark = pytest.mark.browser

SECTION = "modules/1-basics/section/"
SCENARIO = "modules/1-basics/scenario/"


def ready(page) -> None:
    page.wait_for_function("() => !!(window.AP && AP.store && AP.currentPage)")


def test_home_says_how_long_and_starts_then_continues_where_the_learner_left_off(
    page, fixture_site: Site
) -> None:
    page.goto(fixture_site.page_url(""))
    ready(page)
    # The length comes from the module data (1.5 and 1 hours).
    expect(page.locator(".ap-start")).to_contain_text("2 modules · about 2.5 hours in all")
    mark_document(page)
    page.get_by_role("link", name="Start module 1").click()
    page.wait_for_url("**/modules/1-basics/")
    # The overview: where it sits, and one way on.
    card = page.locator("[data-ap-page-card]")
    expect(card).to_contain_text("Module 1 of 2")
    expect(card).to_contain_text("About 1.5 hours")
    page.get_by_role("link", name="Start this module →").click()
    page.wait_for_url("**/" + SECTION)
    expect(page.locator("[data-ap-page-card]")).to_have_text(
        re.compile("Module 1 of 2.*Page 2 of 4.*About 30 minutes")
    )
    assert still_same_document(page)
    page.get_by_role("link", name="Home", exact=True).first.click()
    page.wait_for_url(fixture_site.page_url(""))
    link = page.get_by_role("link", name="Continue: A teaching section")
    expect(link).to_be_visible()
    # Marked done, the learner continues on the next page.
    page.goto(fixture_site.page_url(SECTION))
    ready(page)
    page.get_by_role("link", name="Mark as done and continue →").click()
    page.wait_for_url("**/" + SCENARIO)
    page.goto(fixture_site.page_url(""))
    ready(page)
    expect(page.get_by_role("link", name="Continue: Scenario: a fixture family")).to_have_attribute(
        "href", re.compile("modules/1-basics/scenario/$")
    )


def test_mark_as_done_by_keyboard_is_announced_and_can_be_undone(page, fixture_site: Site) -> None:
    page.goto(fixture_site.page_url(SECTION))
    ready(page)
    finish = page.get_by_role("group", name="Finish this page")
    done = finish.get_by_role("link", name="Mark as done and continue →")
    # Where reading ends: before the trainer tools, and it says what comes next.
    assert page.evaluate(
        """() => {
          const f = document.querySelector('.ap-finish'), t = document.querySelector('[data-ap-trainer-tools]');
          return !!(f.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING);
        }"""
    )
    expect(finish).to_contain_text("Next: Scenario: a fixture family, 30 minutes.")
    done.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + SCENARIO)
    # Screen readers hear it, though the page has changed under them.
    expect(page.locator("[data-ap-announcer]")).to_have_text("Marked done.")
    assert page.evaluate("AP.store.get('progress', 'modules/1-basics/section').done") is True
    page.go_back()
    page.wait_for_url("**/" + SECTION)
    ready(page)
    expect(finish).to_contain_text("You marked this page done.")
    undo = finish.get_by_role("button", name="Not done yet")
    undo.focus()
    page.keyboard.press("Enter")
    expect(finish.get_by_role("link", name="Mark as done and continue →")).to_be_focused()
    expect(finish.get_by_role("status")).to_have_text("No longer marked done.")
    assert page.evaluate("AP.store.get('progress', 'modules/1-basics/section').done") is False


def test_outcome_ids_are_anchors_not_shown_to_learners(page, fixture_site: Site) -> None:
    page.goto(fixture_site.page_url("modules/1-basics/"))
    ready(page)
    outcome = page.locator("li#m1-lo1")
    expect(outcome).to_be_visible()
    expect(outcome.locator(".ap-outcome-id")).to_be_hidden()
    expect(page.get_by_text("In this module you will have opportunities to:")).to_be_visible()
    expect(page.get_by_text("a proposal awaiting the course owner")).to_be_hidden()
    page.evaluate("AP.setTrainerView(document, true)")
    expect(outcome.locator(".ap-outcome-id")).to_be_visible()
    expect(page.get_by_text(re.compile("a proposal awaiting the course owner"))).to_be_visible()


def test_owner_process_notes_are_for_trainers_and_caveats_stay_with_learners(
    page, real_site: Site
) -> None:
    page.goto(real_site.page_url("modules/3-decision/"))
    ready(page)
    owner = page.locator("[data-ap-owner-note]")
    expect(owner).to_have_count(1)
    expect(owner).to_be_hidden()
    expect(page.get_by_text("About 6 hours")).to_be_visible()
    page.evaluate("AP.setTrainerView(document, true)")
    expect(owner).to_be_visible()
    expect(owner).to_contain_text("proposals")
    # A law not yet in force is a caveat the learner needs: it stays in view.
    page.goto(real_site.page_url("modules/3-decision/law-and-routes/"))
    ready(page)
    page.evaluate("AP.setTrainerView(document, false)")
    caveat = page.locator(".admonition.unconfirmed").filter(has_text="comes into force")
    expect(caveat).to_be_visible()


def test_my_plan_opens_with_a_summary_and_a_filled_contents_list(page, fixture_site: Site) -> None:
    page.goto(fixture_site.page_url("my-plan/"))
    ready(page)
    page.evaluate(
        """() => {
          AP.store.put('goals', {title: 'Read the judgment', status: 'in-progress', targetDate: '2099-01-15'});
          AP.store.put('ratings', {id: 'm1-lo1:start', outcome: 'm1-lo1', phase: 'start', value: 3});
        }"""
    )
    page.reload()
    ready(page)
    glance = page.get_by_role("navigation", name="My plan at a glance")
    expect(glance.get_by_role("link")).to_have_text(
        [
            "1 goal",
            "0 reflections",
            re.compile(r"^1 of \d+ outcomes rated$"),
            "Next target: 15 January 2099",
        ]
    )
    toc = page.get_by_role("navigation", name="Table of contents")
    expect(toc.get_by_role("link", name="Self-rating")).to_have_attribute("href", "#self-rating")
    glance.get_by_role("link", name=re.compile("outcomes rated")).click()
    expect(page.get_by_role("heading", name="Self-rating")).to_be_in_viewport()


def test_an_empty_goal_is_not_added(page, fixture_site: Site) -> None:
    page.goto(fixture_site.page_url("my-plan/"))
    ready(page)
    page.get_by_role("button", name="Add goal").click()
    expect(
        page.get_by_text("Type what you want to achieve first, then choose Add goal.")
    ).to_be_visible()
    field = page.get_by_label("A new goal: what do you want to achieve?")
    expect(field).to_be_focused()
    expect(field).to_have_attribute("aria-invalid", "true")
    assert page.evaluate("AP.store.list('goals').length") == 0
    expect(page.get_by_text("Untitled goal")).to_have_count(0)


# -- CPD evidence --------------------------------------------------------------------------------


def open_cpd_with(page, site: Site, records: dict[str, list[dict]]) -> None:
    page.goto(site.page_url("cpd-evidence/"))
    ready(page)
    page.evaluate(
        """(records) => {
          AP.store.clearAll();
          for (const [c, list] of Object.entries(records)) for (const r of list) {
            const x = AP.store.put(c, r); if (!x.ok) throw new Error(x.message);
          }
        }""",
        records,
    )
    page.reload()
    ready(page)
    page.get_by_role("heading", name="Continuing professional development record").wait_for()


def test_cpd_goal_lines_end_cleanly_with_and_without_standards(page, fixture_site: Site) -> None:
    goals = [
        {"title": "Without standards", "status": "not-started", "outcomes": ["m1-lo1"]},
        {"title": "No standards field", "status": "in-progress", "outcomes": ["m1-lo1"]},
        {
            "title": "With a standard",
            "status": "achieved",
            "outcomes": ["m1-lo1"],
            "standards": ["pcf:2"],
        },
    ]
    goals[0]["standards"] = []
    open_cpd_with(page, fixture_site, {"goals": goals})
    record = page.locator(".ap-cpd-record")
    items = record.locator("li").filter(has=page.locator("strong"))
    expect(items).to_have_count(3)
    expect(items.filter(has_text="Without standards")).to_have_text(
        "Without standards: Not started."
    )
    expect(items.filter(has_text="No standards field")).to_have_text(
        "No standards field: In progress."
    )
    expect(items.filter(has_text="With a standard")).to_have_text(
        re.compile(r"^With a standard: Achieved\.Standards: FCF 2: Values and ethics")
    )
    # (Before the fix each line ended "Not started.0": a count of 0 drawn as text.)


def test_flagged_entries_are_listed_before_an_export_and_nothing_is_blocked_or_changed(
    page, fixture_site: Site
) -> None:
    words = "Today I visited Jamie Smith at 14 Oak Road."
    open_cpd_with(
        page,
        fixture_site,
        {
            "reflections": [
                {
                    "id": "m1-r-own-practice",
                    "text": words,
                    "page": "modules/1-basics/section",
                    "module": 1,
                }
            ]
        },
    )
    page.get_by_role("button", name="Download for a portfolio (Markdown)").click()
    dialog = page.get_by_role("dialog", name="Check for personal details first")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("a street address")
    expect(dialog).to_contain_text("a full name after a word such as saw, met or visited")
    expect(dialog.get_by_role("button", name="Go back and check")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    page.get_by_role("button", name="Download for a portfolio (Markdown)").click()
    with page.expect_download() as info:
        dialog.get_by_role("button", name="Download anyway").click()
    assert words in Path(info.value.path()).read_text(encoding="utf-8")
    assert page.evaluate("AP.store.list('reflections')[0].text") == words


def test_the_404_page_says_the_page_may_have_moved_and_links_home(page, fixture_site: Site) -> None:
    # A static host serves 404.html for any missing address; open it as the host would.
    page.goto(fixture_site.page_url("404.html"))
    expect(page.get_by_role("heading", level=1)).to_have_text("This page is not here")
    expect(page.get_by_text("The page may have moved")).to_be_visible()
    page.get_by_role("link", name="home page").click()
    page.wait_for_url(fixture_site.page_url(""))
    expect(page.get_by_role("heading", level=1, name="Fixture home")).to_be_visible()


def test_privacy_opens_with_a_plain_summary_before_the_table_of_keys(real_site: Site) -> None:
    text = (real_site.root / "privacy/index.html").read_text(encoding="utf-8")
    summary, table = text.find(">In short<"), text.find("<table>")
    assert 0 < summary < table
    assert "Where:</strong> only in this browser, on this device." in text


def test_cpd_evidence_draws_after_instant_navigation_with_its_two_scripts(
    page, fixture_site: Site
) -> None:
    """The page code (cpd.js) and its pure parts (cpd-record.js) load in either order."""
    page.goto(fixture_site.page_url(""))
    ready(page)
    mark_document(page)
    page.locator(".md-nav--primary").get_by_role("link", name="CPD evidence").first.click()
    page.wait_for_url("**/cpd-evidence/")
    page.get_by_role("heading", name="Continuing professional development record").wait_for()
    assert still_same_document(page)
    assert page.evaluate("typeof AP.cpdRecord.recordMarkdown") == "function"
    assert page.watch.errors == []


def test_trainer_view_can_be_turned_on_from_the_trainers_page(page, real_site: Site) -> None:
    page.goto(real_site.page_url("trainers/"))
    ready(page)
    toggle = page.get_by_role("button", name="Trainer view")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    page.goto(real_site.page_url("modules/1-permanence/beliefs-values-loss/"))
    ready(page)
    expect(page.locator(".admonition.trainer").first).to_be_visible()
    # The learner's way on stays where reading ends, before the trainer tools.
    expect(page.get_by_role("link", name="Mark as done and continue →")).to_be_visible()
