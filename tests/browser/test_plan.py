"""My plan and the learner's record on module pages, in headless Chromium, as a practitioner uses
them: reflections that save as they type, Add to my plan, goals, self-ratings, progress, the
personal-data warning, retired outcomes, deleting everything, by keyboard and in both palettes.

Fixture course: module 1 (overview with outcomes m1-lo1 and m1-lo2; a section with the prompt
"Reflection: your own practice"; a scenario with the prompt "Reflection"; a two-question quiz),
module 2 (a quiz); frameworks "pcf" (applies now) and "old" (ended in 2020).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import axe_violations, mark_document, still_same_document
from tests.conftest import Site, new_context

pytestmark = pytest.mark.browser

PLAN = "my-plan/"
OVERVIEW = "modules/1-basics/"
SECTION = "modules/1-basics/section/"
SCENARIO = "modules/1-basics/scenario/"
QUIZ = "modules/1-basics/quiz/"
PROMPT = "Reflection: your own practice"
STAMP = "2026-11-01T09:00:00.000Z"


def open_page(page, site: Site, path: str) -> None:
    page.goto(site.page_url(path))
    page.wait_for_function("() => !!(window.AP && AP.store && AP.currentPage)")


def open_plan(page, site: Site) -> None:
    open_page(page, site, PLAN)
    page.get_by_role("heading", name="Goals", exact=True).wait_for()


def envelope(data: object) -> str:
    return json.dumps({"version": 1, "data": data})


def record(rid: str, **fields: object) -> dict:
    return {"id": rid, "created": STAMP, "updated": STAMP, **fields}


def seed(page, site: Site, records: dict[str, dict]) -> None:
    """Store records ({"goals:g1": {...}}) as the store keeps them, then load afresh."""
    open_page(page, site, "")
    values = {"ap:" + key: envelope(value) for key, value in records.items()}
    page.evaluate(
        "(values) => { localStorage.clear(); for (const [k, v] of Object.entries(values)) localStorage.setItem(k, v); }",
        values,
    )


def stored(page, collection: str) -> list[dict]:
    return page.evaluate("(c) => AP.store.list(c)", collection)


def saved_state(page, scope=None):
    return (scope or page).locator(".ap-save-state").first


def tab_to(page, locator, limit: int = 80) -> None:
    """Press Tab until locator has focus, as a keyboard user would."""
    for _ in range(limit):
        if locator.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError("never reached by Tab")


def assert_clean(page) -> None:
    assert page.watch.errors == []
    assert page.watch.foreign_requests() == []


# -- reflections ------------------------------------------------------------------------------


def test_a_reflection_saves_as_you_type_and_is_there_after_reload_and_instant_navigation(
    page, fixture_site: Site
) -> None:
    open_page(page, fixture_site, SECTION)
    box = page.get_by_label(PROMPT)
    # Labelled by its prompt, described by the prompt's words and the privacy notice.
    describedby = box.get_attribute("aria-describedby") or ""
    described = " ".join(page.locator(f"[id='{i}']").inner_text() for i in describedby.split())
    assert "What would you change?" in described and "stay in this browser" in described
    box.click()
    page.keyboard.type("I rush to a view about families.")
    reflection = page.locator(".ap-reflection")
    expect(reflection.get_by_text("Saved", exact=True)).to_be_visible()
    assert stored(page, "reflections")[0]["text"] == "I rush to a view about families."
    assert reflection.get_by_text("Your notes stay in this browser on this device").is_visible()

    page.reload()
    expect(page.get_by_label(PROMPT)).to_have_value("I rush to a view about families.")

    # Typed, then straight to My plan by the navigation: saved on the way (no wait for a pause).
    page.get_by_label(PROMPT).press("End")
    page.keyboard.type(" Next time I will wait.")
    mark_document(page)
    page.get_by_role("link", name="My plan", exact=True).click()
    page.wait_for_url("**/" + PLAN)
    plan = page.locator("[data-ap-plan]")
    words = "I rush to a view about families. Next time I will wait."
    expect(plan.get_by_text(words)).to_be_visible()
    assert still_same_document(page), "instant navigation did not engage"
    assert plan.get_by_role("heading", name="Module 1: Basics: a fixture module").is_visible()
    flag = plan.get_by_role("checkbox", name="Take to supervision", exact=True)
    flag.check()
    expect(plan.get_by_text("Marked to take to supervision.")).to_be_visible()

    # And back again, still without a reload: the box shows what was written.
    page.get_by_role("link", name="Open the page to change it (A teaching section)").click()
    page.wait_for_url(re.compile(re.escape(SECTION) + "#m1-r-own-practice$"))
    expect(page.get_by_label(PROMPT)).to_have_value(words)
    assert still_same_document(page)
    assert stored(page, "reflections")[0]["supervision"] is True
    assert_clean(page)


def test_supervision_flag_filters_the_list_and_survives_a_reload(page, fixture_site: Site) -> None:
    seed(
        page,
        fixture_site,
        {
            "reflections:m1-r-own-practice": record(
                "m1-r-own-practice", reflection="m1-r-own-practice", text="Own practice words."
            ),
            "reflections:m1-r-fixture-family": record(
                "m1-r-fixture-family",
                reflection="m1-r-fixture-family",
                text="Family words.",
                supervision=True,
            ),
        },
    )
    open_plan(page, fixture_site)
    plan = page.locator("[data-ap-plan]")
    # Grouped by module, in the order of the course.
    items = plan.locator(".ap-reflection-item .ap-reflection-words")
    expect(items).to_have_text(["Own practice words.", "Family words."])
    page.get_by_label("Show only reflections to take to supervision").check()
    expect(plan.get_by_text("Own practice words.")).to_be_hidden()
    expect(plan.get_by_text("Family words.")).to_be_visible()
    page.reload()
    page.get_by_role("heading", name="Goals", exact=True).wait_for()
    checks = plan.get_by_role("checkbox", name="Take to supervision", exact=True)
    expect(checks.nth(0)).not_to_be_checked()
    expect(checks.nth(1)).to_be_checked()


def test_saved_is_announced_once_politely_not_at_every_keystroke(page, fixture_site: Site) -> None:
    open_page(page, fixture_site, SECTION)
    page.evaluate(
        "() => { window.__said = []; const say = AP.announce;"
        " AP.announce = (m) => { window.__said.push(m); say(m); }; }"
    )
    box = page.get_by_label(PROMPT)
    state = saved_state(page, page.locator(".ap-reflection"))
    for word in ("One", " two", " three"):
        box.press_sequentially(word)
        expect(state).to_have_text("Saved")
    assert page.evaluate("window.__said") == ["Saved"]
    expect(page.locator("[data-ap-announcer]")).to_have_text("Saved")
    assert page.locator("[data-ap-announcer]").get_attribute("aria-live") == "polite"
    assert stored(page, "reflections")[0]["text"] == "One two three"


def test_a_failed_save_says_so_beside_the_box(browser, fixture_site: Site) -> None:
    context = new_context(browser)
    context.add_init_script(
        """window.addEventListener("load", () => {
             const setItem = Storage.prototype.setItem;
             Storage.prototype.setItem = function (k, v) {
               if (window.__apFull) throw new DOMException("full", "QuotaExceededError");
               return setItem.call(this, k, v); }; });"""
    )
    page = context.new_page()
    try:
        open_page(page, fixture_site, SECTION)
        page.evaluate("window.__apFull = true")
        page.get_by_label(PROMPT).fill("This will not fit.")
        state = saved_state(page, page.locator(".ap-reflection"))
        expect(state).to_contain_text("Not saved: Your last change was not saved")
        expect(page.get_by_label(PROMPT)).to_have_value("This will not fit.")
    finally:
        context.close()


def test_a_reflection_is_linked_to_standards_and_a_goal_flagged_for_supervision_for_cpd(
    page, fixture_site: Site
) -> None:
    seed(
        page,
        fixture_site,
        {
            "reflections:m1-r-own-practice": record(
                "m1-r-own-practice", reflection="m1-r-own-practice", text="Own practice words."
            ),
            "goals:g1": record("g1", title="Talk through contact plans", status="in-progress"),
        },
    )
    open_plan(page, fixture_site)
    item = page.locator(".ap-reflection-item")
    # The choices are drawn when first opened; only frameworks that apply today are offered.
    item.locator("summary", has_text="Professional standards").click()
    expect(item.locator("fieldset")).to_be_attached()
    expect(item.locator("summary")).to_be_focused()
    assert item.get_by_text("Fixture standards that ended").count() == 0
    item.get_by_label("FCF 2: Values and ethics (summarised)").check()
    plan = page.locator("[data-ap-plan]")
    expect(plan.get_by_text("Saved: the standards this reflection relates to.")).to_be_visible()
    expect(item.locator(".ap-reflection-standards")).to_have_text(
        "Standards: FCF 2: Values and ethics (summarised)"
    )
    page.get_by_role("button", name="Edit goal: Talk through contact plans").click()
    editor = page.locator(".ap-goal-editor")
    editor.get_by_label("Take to supervision").check()
    expect(saved_state(page, editor)).to_have_text("Saved")
    editor.get_by_role("button", name="Done").click()
    expect(page.locator(".ap-goal-meta")).to_have_text("In progress · To take to supervision")

    page.reload()
    page.get_by_role("heading", name="Goals", exact=True).wait_for()
    expect(item.locator("summary")).to_have_text("Professional standards (1 chosen)")
    expect(item.locator(".ap-reflection-standards")).to_have_text(
        "Standards: FCF 2: Values and ethics (summarised)"
    )
    [reflection] = stored(page, "reflections")
    assert reflection["standards"] == ["pcf:2"] and reflection["text"] == "Own practice words."
    # The CPD evidence page shows the standard beside the reflection, and the goal on the agenda.
    open_page(page, fixture_site, "cpd-evidence/")
    record_ = page.get_by_role("article", name="Continuing professional development record")
    expect(record_).to_contain_text("Standards: FCF 2: Values and ethics.")
    agenda = page.get_by_role("heading", name="Agenda for supervision").locator("xpath=..")
    expect(agenda.get_by_role("listitem")).to_contain_text(["Goal: Talk through contact plans"])
    # Unticked again, the reflection relates to no standard.
    open_plan(page, fixture_site)
    item.locator("summary", has_text="Professional standards").click()
    item.get_by_label("FCF 2: Values and ethics (summarised)").uncheck()
    expect(item.locator(".ap-reflection-standards")).to_be_hidden()
    assert stored(page, "reflections")[0]["standards"] == []
    assert_clean(page)


REFUSES_WRITES = """window.addEventListener("load", () => {
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    if (window.__apFull) throw new DOMException("full", "QuotaExceededError");
    return setItem.call(this, k, v); }; });"""


def test_when_the_browser_refuses_to_save_each_control_says_so_and_shows_what_is_kept(
    browser, fixture_site: Site
) -> None:
    context = new_context(browser)
    context.add_init_script(REFUSES_WRITES)
    page = context.new_page()
    try:
        seed(
            page,
            fixture_site,
            {
                "reflections:m1-r-own-practice": record(
                    "m1-r-own-practice", reflection="m1-r-own-practice", text="Kept words."
                )
            },
        )
        open_plan(page, fixture_site)
        page.wait_for_load_state("load")
        page.evaluate("window.__apFull = true")
        plan = page.locator("[data-ap-plan]")
        # A goal.
        page.get_by_label("A new goal: what do you want to achieve?").fill(
            "A goal that will not fit"
        )
        page.get_by_role("button", name="Add goal").click()
        expect(plan.get_by_text("Not saved: Your last change was not saved")).to_be_visible()
        expect(page.locator(".ap-goal")).to_have_count(0)
        # A self-rating goes back to the rating that is kept.
        card = page.locator(".ap-rate-card[data-outcome='m1-lo1']")
        page.locator("#ap-rate-1 > summary").click()
        start = card.get_by_role("group", name="At the start (module 1)")
        start.get_by_role("radio", name="3: fairly confident").click()
        expect(start.get_by_role("radio", name="Not rated")).to_be_checked()
        expect(start.get_by_role("radio", name="3: fairly confident")).not_to_be_checked()
        expect(
            page.get_by_role("region", name="Self-rating").get_by_text("Not saved:")
        ).to_be_visible()
        # A reflection's standard.
        item = page.locator(".ap-reflection-item")
        item.locator("summary", has_text="Professional standards").click()
        item.get_by_label("FCF 2: Values and ethics (summarised)").click()
        expect(item.get_by_label("FCF 2: Values and ethics (summarised)")).not_to_be_checked()
        expect(
            page.get_by_role("region", name="Reflections").get_by_text("Not saved:")
        ).to_be_visible()
        # The site-wide notice says so too.
        expect(page.get_by_role("alert").filter(has_text="was not saved")).to_be_visible()

        # Add to my plan, on a module overview.
        page.evaluate("window.__apFull = false")
        open_page(page, fixture_site, OVERVIEW)
        page.wait_for_load_state("load")
        page.evaluate("window.__apFull = true")
        outcome = page.locator("li[data-outcome='m1-lo1']")
        outcome.get_by_role("button", name="Add to my plan").click()
        expect(outcome.get_by_text("Not added: Your last change was not saved")).to_be_visible()
        expect(outcome.get_by_role("button", name="Add to my plan")).to_be_visible()
        # Mark done, on a section.
        page.evaluate("window.__apFull = false")
        open_page(page, fixture_site, SECTION)
        page.wait_for_load_state("load")
        page.evaluate("window.__apFull = true")
        page.get_by_role("link", name="Mark as done and continue →").click()
        # Not saved: the learner stays on the page, told why.
        expect(page.locator(".ap-finish").get_by_text("Not saved:")).to_be_visible()
        assert page.url.endswith(SECTION)
        page.evaluate("window.__apFull = false")
        assert stored(page, "goals") == []
        assert stored(page, "ratings") == []
        assert "standards" not in stored(page, "reflections")[0]
    finally:
        context.close()


# -- the personal-data warning --------------------------------------------------------------------

PERSONAL = [
    ("Her date of birth is on file.", "a date (such as a date of birth)"),
    ("Seen at home on 03/11/2019.", "a date (such as a date of birth)"),
    ("NHS number 943 476 5919.", "an NHS number"),
    ("Her NI number is QQ 12 34 56 C.", "a National Insurance number"),
    ("They moved to SW1A 1AA.", "a postcode"),
    ("Call the carer on 07700 900123.", "a phone number"),
    ("I spoke with Mrs Patel.", "a title and a name"),
    ("See case no. 4471234 for the history.", "a case number"),
    ("The child Ellie said she wanted to stay.", "a name after a word such as child or mother"),
]


def test_the_personal_data_warning_for_each_pattern_and_never_on_ordinary_text(
    page, fixture_site: Site
) -> None:
    open_page(page, fixture_site, SECTION)
    box = page.get_by_label(PROMPT)
    reflection = page.locator(".ap-reflection")
    warning = reflection.locator(".ap-pd-warning")
    state = saved_state(page, reflection)
    ordinary = (
        "I noticed how quickly I reached a view. The child said she wanted to stay with her nan, "
        "and I will talk with my supervisor about Re B-S before the review in March."
    )
    for text, kind in PERSONAL:
        box.fill(text)
        expect(state).to_have_text("Saved")
        expect(warning).to_be_visible()
        expect(warning).to_contain_text(kind)
        # A warning, never a block: what was typed is saved as typed.
        assert stored(page, "reflections")[0]["text"] == text
        box.fill(ordinary)
        expect(state).to_have_text("Saved")
        expect(warning).to_be_hidden()
    assert "could identify someone" not in reflection.inner_text()
    # The warning is part of the box's description, so a screen reader hears it on focus.
    assert "-warn" in (box.get_attribute("aria-describedby") or "")


# -- Add to my plan, goals ----------------------------------------------------------------------


def test_add_to_my_plan_by_keyboard_creates_a_goal_then_extends_it(
    page, fixture_site: Site
) -> None:
    open_page(page, fixture_site, OVERVIEW)
    first = page.locator("li[data-outcome='m1-lo1']")
    add = first.get_by_role("button", name="Add to my plan")
    tab_to(page, add)
    page.keyboard.press("Enter")
    expect(first.get_by_text("In your plan")).to_be_visible()
    # Focus stays in the list, on the link to My plan that replaced the button.
    assert first.get_by_role("link", name="See My plan").evaluate(
        "el => el === document.activeElement"
    )
    [goal] = stored(page, "goals")
    assert goal["title"] == "Understand the first fixture outcome / with a slash"
    assert goal["outcomes"] == ["m1-lo1"] and goal["status"] == "not-started"

    second = page.locator("li[data-outcome='m1-lo2']")
    tab_to(page, second.get_by_role("button", name="Add to my plan"))
    page.keyboard.press("Space")
    chooser = second.get_by_label("Add this outcome to")
    expect(chooser).to_be_focused()
    chooser.select_option(label="Understand the first fixture outcome / with a slash")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the Add button
    expect(second.get_by_text("In your plan")).to_be_visible()
    [goal] = stored(page, "goals")
    assert goal["outcomes"] == ["m1-lo1", "m1-lo2"]

    page.reload()
    expect(page.locator("li[data-outcome] .ap-in-plan")).to_have_count(2)
    # "See My plan" goes to the goal itself, by instant navigation too (on a short screen, where
    # the goals are well below the top of My plan).
    page.set_viewport_size({"width": 1280, "height": 360})
    mark_document(page)
    second.get_by_role("link", name="See My plan").click()
    page.wait_for_url(f"**/{PLAN}#ap-goal-{goal['id']}")
    expect(page.locator(f"#ap-goal-{goal['id']}")).to_be_in_viewport()
    assert page.evaluate("scrollY") > 0
    assert still_same_document(page)
    card = page.locator(".ap-goal")
    expect(card.get_by_role("heading")).to_have_text(
        "Understand the first fixture outcome / with a slash"
    )
    expect(card.locator(".ap-goal-links li")).to_have_text(
        [
            "m1-lo1: understand the first fixture outcome / with a slash",
            "m1-lo2: reflect on the second fixture outcome",
        ]
    )
    assert_clean(page)


def test_a_new_outcome_goes_to_a_new_goal_when_the_learner_chooses_so(
    page, fixture_site: Site
) -> None:
    seed(
        page,
        fixture_site,
        {"goals:g1": record("g1", title="An open goal", status="in-progress", outcomes=[])},
    )
    open_page(page, fixture_site, OVERVIEW)
    item = page.locator("li[data-outcome='m1-lo2']")
    item.get_by_role("button", name="Add to my plan").click()
    expect(item.get_by_label("Add this outcome to")).to_have_value("")
    item.get_by_role("button", name="Add", exact=True).click()
    goals = {g["title"]: g for g in stored(page, "goals")}
    assert goals["An open goal"]["outcomes"] == []
    assert goals["Reflect on the second fixture outcome"]["outcomes"] == ["m1-lo2"]


def test_a_smart_goal_with_outcomes_standards_and_a_date(page, fixture_site: Site) -> None:
    open_plan(page, fixture_site)
    new = page.get_by_label("A new goal: what do you want to achieve?")
    new.fill("Hear the child's view in every plan")
    new.press("Enter")
    editor = page.locator(".ap-goal-editor")
    expect(editor.get_by_label("What I want to achieve")).to_be_focused()
    editor.get_by_label("Actions: what I will do").fill("Visit alone, use direct work tools.")
    editor.get_by_label("How I will know I have achieved it").fill("Each plan quotes the child.")
    editor.get_by_label("Target date").fill("2027-03-01")
    editor.get_by_label("Status").select_option(label="In progress")
    editor.locator("summary", has_text="Learning outcomes this goal is about").click()
    editor.get_by_label("m1-lo2: reflect on the second fixture outcome").check()
    editor.locator("summary", has_text="Professional standards").click()
    # Only frameworks that apply today are offered; the ended one is not.
    assert editor.get_by_text("Fixture standards that ended").count() == 0
    editor.get_by_label("FCF 2: Values and ethics (summarised)").check()
    expect(saved_state(page, editor)).to_have_text("Saved")
    editor.get_by_role("button", name="Done").click()

    card = page.locator(".ap-goal")
    expect(card.get_by_role("heading")).to_have_text("Hear the child's view in every plan")
    expect(card.locator(".ap-goal-meta")).to_have_text("In progress · Target date: 1 March 2027")
    expect(card.get_by_text("Actions: Visit alone, use direct work tools.")).to_be_visible()
    expect(card.get_by_text("How I will know: Each plan quotes the child.")).to_be_visible()
    expect(card.locator(".ap-goal-links li")).to_have_text(
        ["m1-lo2: reflect on the second fixture outcome", "FCF 2: Values and ethics (summarised)"]
    )
    expect(
        card.get_by_role("button", name="Edit goal: Hear the child's view in every plan")
    ).to_be_focused()

    page.reload()
    page.get_by_role("heading", name="Goals", exact=True).wait_for()
    [goal] = stored(page, "goals")
    assert {k: goal[k] for k in ("title", "targetDate", "status", "outcomes", "standards")} == {
        "title": "Hear the child's view in every plan",
        "targetDate": "2027-03-01",
        "status": "in-progress",
        "outcomes": ["m1-lo2"],
        "standards": ["pcf:2"],
    }
    expect(page.locator(".ap-goal-meta")).to_have_text("In progress · Target date: 1 March 2027")

    # Deleting asks first.
    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name="Delete goal: Hear the child's view in every plan").click()
    assert len(stored(page, "goals")) == 1
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Delete goal: Hear the child's view in every plan").click()
    expect(page.locator(".ap-goal")).to_have_count(0)
    expect(page.get_by_text("Goal deleted.")).to_be_visible()
    assert stored(page, "goals") == []
    assert_clean(page)


def test_a_goal_editor_left_empty_is_not_kept_and_the_pcf_level_is_remembered(
    page, fixture_site: Site
) -> None:
    open_plan(page, fixture_site)
    # An empty Add goal asks for the goal first, and adds nothing.
    page.get_by_role("button", name="Add goal").click()
    expect(page.get_by_text("Type what you want to achieve first")).to_be_visible()
    expect(page.locator(".ap-goal-editor")).to_have_count(0)
    # A goal whose words are all taken out in its editor is not kept.
    page.get_by_label("A new goal: what do you want to achieve?").fill("For now")
    page.get_by_role("button", name="Add goal").click()
    editor = page.locator(".ap-goal-editor")
    editor.get_by_label("What I want to achieve").fill("")
    editor.get_by_role("button", name="Done").click()
    expect(page.get_by_text("The empty goal was not kept.")).to_be_visible()
    assert stored(page, "goals") == []
    level = page.get_by_label("Your level in the Fixture capabilities framework")
    expect(
        page.get_by_text("This course is pitched at the advanced social worker level.")
    ).to_be_visible()
    level.select_option(label="Advanced social worker")
    page.reload()
    expect(page.get_by_label("Your level in the Fixture capabilities framework")).to_have_value(
        "advanced"
    )


def test_goal_text_is_checked_for_personal_data_too(page, fixture_site: Site) -> None:
    open_plan(page, fixture_site)
    page.get_by_label("A new goal: what do you want to achieve?").fill("Support Mrs Patel")
    page.get_by_role("button", name="Add goal").click()
    editor = page.locator(".ap-goal-editor")
    editor.get_by_label("Actions: what I will do").fill("Ring 07700 900123 weekly")
    expect(editor.locator(".ap-pd-warning")).to_contain_text("a phone number")
    expect(editor.locator(".ap-pd-warning")).to_contain_text("a title and a name")


# -- study plan, self-rating -----------------------------------------------------------------------


def test_study_plan_and_self_ratings_side_by_side_survive_a_reload(
    page, fixture_site: Site
) -> None:
    open_plan(page, fixture_site)
    page.get_by_label("Module 2: More: a draft fixture module").fill("2027-01-15")
    expect(page.get_by_text("Saved: module 2 planned for 15 January 2027.")).to_be_visible()
    # One card an outcome, in a folded module: opened and rated by keyboard and by touch.
    module = page.locator("#ap-rate-1")
    expect(module.locator("> summary")).to_have_text(
        "Module 1: Basics: a fixture module (0 of 2 rated)"
    )
    module.locator("> summary").focus()
    page.keyboard.press("Enter")
    card = module.locator(".ap-rate-card[data-outcome='m1-lo1']")
    start = card.get_by_role("group", name="At the start (module 1)")
    end = card.get_by_role("group", name="At the end (module 2)")
    start.get_by_role("radio", name="Not rated").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(start.get_by_role("radio", name="2: a little confident")).to_be_checked()
    end.get_by_role("radio", name="4: confident").click()
    expect(card.locator(".ap-rating-change")).to_have_text("Change: ↑ up 2")
    expect(module.locator("> summary")).to_contain_text("(1 of 2 rated)")
    page.reload()
    page.get_by_role("heading", name="Self-rating").wait_for()
    expect(page.get_by_label("Module 2: More: a draft fixture module")).to_have_value("2027-01-15")
    page.locator("#ap-rate-1 > summary").click()
    expect(start.get_by_role("radio", name="2: a little confident")).to_be_checked()
    expect(end.get_by_role("radio", name="4: confident")).to_be_checked()
    ratings = {r["id"]: r["value"] for r in stored(page, "ratings")}
    assert ratings == {"m1-lo1:start": 2, "m1-lo1:end": 4}
    # Back to "Not rated" removes the rating.
    end.get_by_role("radio", name="Not rated").click()
    assert [r["id"] for r in stored(page, "ratings")] == ["m1-lo1:start"]
    expect(card.locator(".ap-rating-change")).to_have_text("")


def test_module_1_and_the_last_module_invite_a_self_rating(page, fixture_site: Site) -> None:
    open_page(page, fixture_site, OVERVIEW)
    invite = page.locator(".ap-rate-invite")
    expect(invite).to_contain_text("Before you start, rate your confidence")
    invite.get_by_role("link", name="Self-rating in My plan").click()
    page.wait_for_url("**/my-plan/#self-rating")
    # The link lands on the self-rating, though My plan draws it after the page has loaded.
    expect(page.get_by_role("heading", name="Self-rating")).to_be_in_viewport()
    page.goto(fixture_site.page_url("my-plan/#self-rating"))
    expect(page.get_by_role("heading", name="Self-rating")).to_be_in_viewport()
    open_page(page, fixture_site, "modules/2-more/")
    expect(page.locator(".ap-rate-invite")).to_contain_text("at the end of the course, rate again")


# -- progress -----------------------------------------------------------------------------------


def nav_mark(page, name: str):
    return (
        page.locator(".md-nav--primary a.md-nav__link", has_text=name).locator(".ap-nav-mark").first
    )


def test_progress_visits_done_and_quiz_show_as_bars_and_nav_markers(
    page, fixture_site: Site
) -> None:
    open_page(page, fixture_site, SECTION)
    expect(nav_mark(page, "Scenario: a fixture family")).to_have_text("")
    # Mark as done and continue: by instant navigation, markers follow on the next page.
    mark_document(page)
    page.get_by_role("link", name="Mark as done and continue →").click()
    page.wait_for_url("**/" + SCENARIO)
    expect(nav_mark(page, "A teaching section")).to_have_text(" (done)")
    expect(nav_mark(page, "A teaching section")).to_have_class(re.compile("ap-nav-mark--done"))
    expect(nav_mark(page, "Scenario: a fixture family")).to_have_text(" (visited)")
    expect(page.get_by_role("link", name="Mark as done and continue →")).to_be_visible()
    assert still_same_document(page)
    page.locator(".md-nav--primary").get_by_role("link", name="Quiz one").click()
    page.wait_for_url("**/" + QUIZ)
    # Once the quiz page's features have mounted (the quiz's tally comes after the page's own).
    expect(page.locator(".ap-quiz-tally")).to_be_visible()
    assert page.locator("[data-ap-done]").count() == 0  # a quiz is done by taking it
    page.get_by_label("The right option").check()
    page.get_by_role("button", name="Submit").first.click()
    # Done only when every question is answered (pages/quiz.js).
    expect(page.locator(".ap-quiz-tally")).to_have_text("1 of 2 answered · 1 right first time")
    expect(nav_mark(page, "Quiz one")).to_have_text(" (visited)")
    page.get_by_label("Wrong option", exact=True).check()
    page.locator("#quiz-1").get_by_role("button", name="Show the answer").click()
    expect(nav_mark(page, "Quiz one")).to_have_text(" (done)")

    page.get_by_role("link", name="Home", exact=True).first.click()
    page.wait_for_url(fixture_site.page_url(""))
    box = page.locator("[data-ap-progress]")
    expect(
        box.get_by_text("2 of 3 pages done, 3 visited. Latest quiz result: 1 of 2 right.")
    ).to_be_visible()
    bar = box.get_by_role("progressbar", name="Module 1: Basics: a fixture module")
    expect(bar).to_have_attribute("value", "2")
    expect(bar).to_have_attribute("max", "3")
    assert still_same_document(page)
    # My plan shows the same, after a full reload too.
    open_plan(page, fixture_site)
    expect(page.locator("[data-ap-plan]").get_by_text("2 of 3 pages done")).to_be_visible()
    # Unmarked again, the section is only visited.
    open_page(page, fixture_site, SECTION)
    expect(page.get_by_text("You marked this page done.")).to_be_visible()
    page.get_by_role("button", name="Not done yet").click()
    expect(page.get_by_role("link", name="Mark as done and continue →")).to_be_focused()
    expect(nav_mark(page, "A teaching section")).to_have_text(" (visited)")
    assert_clean(page)


def test_a_first_visit_shows_no_empty_bars(page, fixture_site: Site) -> None:
    open_page(page, fixture_site, "")
    expect(page.locator("[data-ap-progress]")).to_have_text(
        "Your progress through the modules will show here as you study."
    )


# -- retired outcomes and prompts ---------------------------------------------------------------


def test_retired_outcomes_and_prompts_show_as_retired_with_their_old_text(
    page, fixture_site: Site
) -> None:
    # Written under an earlier version of the course, which had m1-lo9 and m1-r-gone.
    seed(
        page,
        fixture_site,
        {
            "goals:g1": record(
                "g1",
                title="An older goal",
                outcomes=["m1-lo1", "m1-lo9"],
                outcomeSnapshots={"m1-lo9": "the old ninth outcome"},
            ),
            "ratings:m1-lo9:start": record(
                "m1-lo9:start",
                outcome="m1-lo9",
                phase="start",
                value=3,
                outcomeSnapshot="the old ninth outcome",
            ),
            "reflections:m1-r-gone": record(
                "m1-r-gone",
                reflection="m1-r-gone",
                module=1,
                text="Words for a retired prompt.",
                promptSnapshot={"title": "Reflection: an old prompt", "text": "An old question?"},
            ),
        },
    )
    open_page(page, fixture_site, OVERVIEW)
    retired = page.locator(".ap-retired")
    expect(retired).to_contain_text("Retired: the old ninth outcome (m1-lo9)")
    open_plan(page, fixture_site)
    plan = page.locator("[data-ap-plan]")
    expect(plan.locator(".ap-goal-links li")).to_have_text(
        [
            "m1-lo1: understand the first fixture outcome / with a slash",
            "Retired outcome m1-lo9: the old ninth outcome",
        ]
    )
    page.locator("#ap-rate-1 > summary").click()
    expect(page.locator(".ap-rate-card[data-outcome='m1-lo9'] .ap-rate-outcome")).to_have_text(
        "Retired outcome: the old ninth outcome"
    )
    expect(
        plan.get_by_role(
            "heading", name="Reflection: an old prompt (a prompt the course has retired)"
        )
    ).to_be_visible()
    expect(plan.get_by_text("Words for a retired prompt.")).to_be_visible()
    # Editing the goal keeps the retired outcome unless the learner unticks it.
    plan.get_by_role("button", name="Edit goal: An older goal").click()
    editor = page.locator(".ap-goal-editor")
    editor.locator("summary", has_text="Learning outcomes this goal is about").click()
    expect(editor.get_by_label("Retired outcome m1-lo9: the old ninth outcome")).to_be_checked()
    editor.get_by_role("button", name="Done").click()
    assert stored(page, "goals")[0]["outcomes"] == ["m1-lo1", "m1-lo9"]


# -- what a learner writes stays text -----------------------------------------------------------


def test_hostile_text_is_shown_as_text_on_my_plan(page, fixture_site: Site) -> None:
    hostile = '<img src=x onerror="window.__pwned = 1">'
    seed(
        page,
        fixture_site,
        {
            # A standard is an id: markup there is kept aside (tests/browser/test_hostile.py).
            "goals:g1": record("g1", title=hostile, actions=hostile, measure=hostile),
            "reflections:m1-r-own-practice": record(
                "m1-r-own-practice", reflection="m1-r-own-practice", text=hostile
            ),
        },
    )
    open_plan(page, fixture_site)
    plan = page.locator("[data-ap-plan]")
    expect(plan.get_by_role("heading", name=hostile)).to_be_visible()
    assert plan.locator("img").count() == 0
    assert page.evaluate("window.__pwned") is None


# -- deleting everything --------------------------------------------------------------------------


def test_delete_everything_offers_a_backup_first_then_deletes(page, fixture_site: Site) -> None:
    seed(page, fixture_site, {"goals:g1": record("g1", title="A goal to lose")})
    open_plan(page, fixture_site)
    page.get_by_role("button", name="Delete everything").click()
    dialog = page.get_by_role("dialog", name="Delete everything?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    backup = dialog.get_by_role("button", name="Download a backup")
    expect(backup).to_be_enabled()
    with page.expect_download() as info:
        backup.click()
    saved = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert "A goal to lose" in json.dumps(saved)
    expect(dialog).to_contain_text("Backup downloaded as")
    # Escape closes it and changes nothing; focus goes back to the button.
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("button", name="Delete everything")).to_be_focused()
    assert len(stored(page, "goals")) == 1
    page.keyboard.press("Enter")
    dialog.get_by_role("button", name="Yes, delete everything").click()
    expect(
        page.get_by_text("Everything this site kept in this browser has been deleted.")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Delete everything", exact=True)).to_be_focused()
    assert stored(page, "goals") == []
    expect(page.get_by_text("No goals yet.")).to_be_visible()
    page.reload()
    assert page.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('ap:goals'))") == []


def test_without_the_backup_code_the_backup_is_offered_disabled_with_a_note(
    page, fixture_site: Site
) -> None:
    page.route("**/pages/backup.js", lambda route: route.abort())
    open_plan(page, fixture_site)
    page.get_by_role("button", name="Delete everything").click()
    dialog = page.get_by_role("dialog", name="Delete everything?")
    expect(dialog.get_by_text("Backups are not available in this copy of the site")).to_be_visible()
    expect(dialog.get_by_role("button", name="Download a backup")).to_be_disabled()
    dialog.get_by_role("button", name="Cancel").click()
    page.watch.errors.clear()  # the refused request is logged; it is this test's own doing


def test_my_plan_and_the_outcome_buttons_appear_when_the_shared_script_arrives_late(
    page, fixture_site: Site
) -> None:
    # Without Material's document$ (as opened from a folder), core.js starts the features a tick
    # after the script bundle runs, which on a slow disk or network can come before the page
    # scripts (plan.js, progress.js) have arrived: they register after the start.
    page.add_init_script(
        "Object.defineProperty(window, 'document$', {get() {}, set() {}, configurable: true});"
    )

    def late(route) -> None:
        time.sleep(0.6)
        route.continue_()

    page.route("**/js/pages/*.js", late)
    open_plan(page, fixture_site)
    expect(page.get_by_label("A new goal: what do you want to achieve?")).to_be_visible()
    open_page(page, fixture_site, OVERVIEW)
    expect(page.get_by_role("button", name="Add to my plan")).to_have_count(2)
    open_page(page, fixture_site, "")
    expect(page.locator("[data-ap-progress]")).to_contain_text("will show here as you study")


# -- two tabs, accessibility ----------------------------------------------------------------------


def test_a_reflection_written_in_another_tab_appears_on_my_plan(
    context, fixture_site: Site
) -> None:
    plan, module = context.new_page(), context.new_page()
    open_plan(plan, fixture_site)
    open_page(module, fixture_site, SECTION)
    module.get_by_label(PROMPT).fill("Written in the other tab.")
    expect(saved_state(module, module.locator(".ap-reflection"))).to_have_text("Saved")
    expect(plan.locator("[data-ap-plan]").get_by_text("Written in the other tab.")).to_be_visible()


FULL_PLAN = {
    "goals:g1": record(
        "g1",
        title="Hear the child's view",
        actions="Visit alone.",
        measure="Plans quote the child.",
        targetDate="2027-03-01",
        status="in-progress",
        outcomes=["m1-lo1"],
        standards=["pcf:1", "old:1"],
    ),
    "goals:g2": record("g2", title="Read the guidance", status="achieved"),
    "reflections:m1-r-own-practice": record(
        "m1-r-own-practice", reflection="m1-r-own-practice", text="My own words.", supervision=True
    ),
    "ratings:m1-lo1:start": record("m1-lo1:start", outcome="m1-lo1", phase="start", value=2),
    "ratings:m1-lo1:end": record("m1-lo1:end", outcome="m1-lo1", phase="end", value=4),
    "progress:modules/1-basics/section": record(
        "modules/1-basics/section", visited=STAMP, lastVisited=STAMP, done=True
    ),
    "studyplan:m1": record("m1", module=1, plannedDate="2026-12-01"),
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_my_plan_with_data_and_the_learner_controls_pass_axe(
    browser, fixture_site: Site, scheme: str
) -> None:
    context = new_context(browser, color_scheme=scheme)
    page = context.new_page()
    try:
        seed(page, fixture_site, FULL_PLAN)
        open_plan(page, fixture_site)
        expect(page.locator(".ap-goal")).to_have_count(2)
        assert axe_violations(page) == []
        page.get_by_role("button", name="Edit goal: Hear the child's view").click()
        editor = page.locator(".ap-goal-editor")
        editor.locator("summary", has_text="Learning outcomes this goal is about").click()
        editor.locator("summary", has_text="Professional standards").click()
        editor.get_by_label("Actions: what I will do").fill("Ring Mrs Patel.")
        expect(editor.locator(".ap-pd-warning")).to_be_visible()
        page.locator(".ap-reflection-item summary").click()
        expect(page.locator(".ap-reflection-item fieldset")).to_be_visible()
        assert axe_violations(page) == []
        page.get_by_role("button", name="Delete everything").click()
        expect(page.get_by_role("dialog", name="Delete everything?")).to_be_visible()
        assert axe_violations(page) == []
        page.keyboard.press("Escape")
        # The module pages' controls: a reflection with its warning, Add to my plan's chooser.
        open_page(page, fixture_site, SECTION)
        page.get_by_label(PROMPT).fill("The child Ellie said hello.")
        expect(page.locator(".ap-reflection .ap-pd-warning")).to_be_visible()
        assert axe_violations(page) == []
        open_page(page, fixture_site, OVERVIEW)
        page.locator("li[data-outcome='m1-lo2']").get_by_role(
            "button", name="Add to my plan"
        ).click()
        expect(page.get_by_label("Add this outcome to")).to_be_visible()
        assert axe_violations(page) == []
        open_page(page, fixture_site, "")
        expect(page.get_by_role("progressbar").first).to_be_visible()
        assert axe_violations(page) == []
    finally:
        context.close()


def test_my_plan_by_keyboard_alone(page, fixture_site: Site) -> None:
    seed(page, fixture_site, FULL_PLAN)
    open_plan(page, fixture_site)
    # Every control on My plan can be reached by Tab, in reading order, with a visible focus.
    edit = page.get_by_role("button", name="Edit goal: Hear the child's view")
    tab_to(page, edit, limit=120)
    outline = edit.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    title = page.locator(".ap-goal-editor").get_by_label("What I want to achieve")
    expect(title).to_be_focused()
    page.keyboard.press("End")
    page.keyboard.type(" first")
    done = page.locator(".ap-goal-editor").get_by_role("button", name="Done")
    tab_to(page, done, limit=200)
    page.keyboard.press("Enter")
    expect(
        page.get_by_role("button", name="Edit goal: Hear the child's view first")
    ).to_be_focused()
    flag = page.get_by_role("checkbox", name="Take to supervision", exact=True)
    tab_to(page, flag, limit=200)
    page.keyboard.press("Space")
    expect(flag).not_to_be_checked()
    # The standards a reflection relates to: opened, and one ticked, by keyboard.
    summary = page.locator(".ap-reflection-item summary")
    tab_to(page, summary, limit=5)
    page.keyboard.press("Enter")
    # The choices are drawn when it opens ("toggle" comes a moment after the key press).
    expect(page.locator(".ap-reflection-item fieldset")).to_be_attached()
    expect(page.locator(".ap-reflection-item summary")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(page.locator(".ap-reflection-item .ap-reflection-standards")).to_contain_text("FCF 1")
    tab_to(page, page.get_by_role("button", name="Delete everything"), limit=50)
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog", name="Delete everything?")).to_be_visible()
    page.keyboard.press("Escape")
    assert page.evaluate("AP.store.get('goals', 'g1').title") == "Hear the child's view first"
    assert page.evaluate("AP.store.get('reflections', 'm1-r-own-practice').standards") == ["pcf:1"]


# -- layout ------------------------------------------------------------------------------------

# The layout shift a reader has seen since the page began to load (hadRecentInput: not caused by
# the reader's own clicks or keys).
LAYOUT_SHIFT = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
})"""


@pytest.mark.parametrize(
    ("path", "drawn"),
    [(PLAN, "[data-ap-plan] h2"), ("cpd-evidence/", "[data-ap-cpd] h2"), (QUIZ, ".quiz button")],
)
def test_pages_our_scripts_draw_do_not_jump_when_drawn(
    page, fixture_site: Site, path: str, drawn: str
) -> None:
    seed(
        page,
        fixture_site,
        {f"goals:g{n}": record(f"g{n}", title=f"Goal {n}", status="in progress") for n in range(8)},
    )
    page.goto(fixture_site.page_url(path))
    page.locator(drawn).first.wait_for()
    # 0.1 is the threshold of a "good" page (Core Web Vitals): beyond it, a reader loses their place.
    assert page.evaluate(LAYOUT_SHIFT) < 0.1


def test_the_session_planners_timetable_is_only_as_tall_as_its_content(
    page, fixture_site: Site
) -> None:
    # It shares My plan's class name: the space held for My plan must not apply to it.
    page.goto(fixture_site.page_url("trainers/session-planner/"))
    timetable = page.locator("section.ap-plan")
    timetable.wait_for()
    assert timetable.evaluate("el => getComputedStyle(el).minHeight") in ("0px", "auto")
