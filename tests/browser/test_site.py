"""The whole site in headless Chromium: clean loads, no foreign requests, instant navigation, axe."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import axe_violations, mark_document, site_pages, still_same_document
from tests.conftest import Site, csp_violations, new_context, watch_page

pytestmark = pytest.mark.browser


def visit_all(context, site: Site) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    for path in site_pages(site.root):
        page = context.new_page()
        watch = watch_page(page)
        page.goto(site.page_url(path), wait_until="load")
        page.wait_for_timeout(50)
        found = [f"csp: {v}" for v in csp_violations(page)]
        found += [f"console: {e}" for e in watch.errors] + [
            f"request: {u}" for u in watch.foreign_requests()
        ]
        if found:
            problems[path] = found
        page.close()
    return problems


def test_every_real_page_loads_cleanly_with_no_foreign_request(context, real_site: Site) -> None:
    assert len(site_pages(real_site.root)) >= 15
    assert visit_all(context, real_site) == {}


def test_every_fixture_page_loads_cleanly(context, fixture_site: Site) -> None:
    assert visit_all(context, fixture_site) == {}


def test_instant_navigation_between_two_modules_without_reload(page, fixture_site: Site) -> None:
    page.goto(fixture_site.page_url("modules/1-basics/"))
    mark_document(page)
    page.get_by_role("link", name="Module 2 · More: a draft fixture module").first.click()
    page.wait_for_url("**/modules/2-more/")
    page.get_by_role("heading", level=1, name="Module 2: More: a draft fixture module").wait_for()
    assert still_same_document(page), "instant navigation did not engage: the page reloaded"
    # Our features mounted again on the new page: its page data is the new page's.
    assert page.evaluate("AP.page().id") == "modules/2-more/index"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_22_aa_violation_on_any_page(
    browser, real_site: Site, scheme: str
) -> None:
    context = new_context(browser, color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    failures: dict[str, list[str]] = {}
    try:
        for path in site_pages(real_site.root):
            page.goto(real_site.page_url(path))
            expected = "slate" if scheme == "dark" else "default"
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
            found = axe_violations(page)
            if found:
                failures[path] = found
    finally:
        context.close()
    assert failures == {}


def test_the_palette_follows_the_system_and_the_toggle_works_by_keyboard(
    browser, fixture_site: Site
) -> None:
    context = new_context(browser, color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(fixture_site.page_url(""))
        scheme = "document.body.getAttribute('data-md-color-scheme')"
        assert page.evaluate(scheme) == "slate"
        # Material's toggle is the checked radio button of the palette form, labelled with what
        # it does next: reached by Tab and pressed with Enter, as a keyboard user would.
        toggle = page.get_by_role("radio", name="Use the light theme")
        for _ in range(30):
            page.keyboard.press("Tab")
            if toggle.evaluate("el => el === document.activeElement"):
                break
        assert toggle.evaluate("el => el === document.activeElement"), "toggle not reached"
        page.keyboard.press("Enter")
        page.wait_for_function(f"() => {scheme} === 'default'")
        page.reload()  # the choice is remembered
        assert page.evaluate(scheme) == "default"
        assert csp_violations(page) == []
    finally:
        context.close()


# -- the Content-Security-Policy, served as a header ----------------------------------------------


def test_each_page_is_served_with_its_policy_as_a_header(page, fixture_site: Site) -> None:
    for path in ("", "modules/1-basics/quiz/", "my-plan/"):
        response = page.goto(fixture_site.page_url(path))
        assert response is not None
        header = response.headers.get("content-security-policy", "")
        assert header.startswith("default-src 'self'; script-src 'self' 'sha256-"), path
        assert header.endswith("frame-ancestors 'none'"), path
        assert "'unsafe-inline'" not in header.split(";")[1]


def test_search_works_under_the_policy(page, fixture_site: Site) -> None:
    page.goto(fixture_site.page_url("modules/1-basics/section/"))
    mark_document(page)
    search = page.get_by_role("textbox", name="Search")
    search.click()
    search.press_sequentially("apostrophe")  # typed: Material's search reads key presses
    results = page.get_by_role("search")
    expect(results.get_by_text("1 matching document")).to_be_visible()
    results.get_by_role("link").filter(
        has=page.get_by_role("heading", name="Module 1: Basics: a fixture module")
    ).click()
    expect(
        page.get_by_role("heading", level=1, name="Module 1: Basics: a fixture module")
    ).to_be_visible()
    assert still_same_document(page), "the search result was opened by a full page load"
    assert page.watch.errors == []
    # The page fixture also asserts that no Content-Security-Policy violation was reported.


def test_every_feature_works_under_the_policy_with_no_violation(
    page, fixture_site: Site, tmp_path: Path
) -> None:
    """One learner's session, served as a host with the `_headers` file serves it: navigation,
    search, a quiz, a reflection, My plan, backup and restore, CPD export and presenting."""
    violations: list[str] = []

    def collect(where: str) -> None:
        violations.extend(f"{where}: {v}" for v in csp_violations(page))
        page.evaluate("window.__apCspViolations = []")

    def ready() -> None:
        page.wait_for_function("() => !!(window.AP && AP.store && AP.currentPage)")

    page.goto(fixture_site.page_url(""))
    ready()
    mark_document(page)
    # Navigation and search, without a reload.
    page.get_by_role("link", name="Module 1 · Basics: a fixture module").first.click()
    page.wait_for_url("**/modules/1-basics/")
    search = page.get_by_role("textbox", name="Search")
    search.click()
    search.press_sequentially("apostrophe")
    expect(page.get_by_role("search").get_by_text("1 matching document")).to_be_visible()
    page.keyboard.press("Escape")
    assert still_same_document(page)
    collect("navigation and search")

    # A quiz, answered.
    page.goto(fixture_site.page_url("modules/1-basics/quiz/"))
    ready()
    page.get_by_role("radio", name="The right option").check()
    page.locator("#quiz-0").get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Explanation-one: why the right option is right.")).to_be_visible()
    collect("quiz")

    # A reflection, then My plan.
    page.goto(fixture_site.page_url("modules/1-basics/section/"))
    ready()
    page.get_by_label("Reflection: your own practice").fill("I rush to a view about families.")
    page.get_by_label("Reflection: your own practice").blur()
    page.wait_for_function("() => AP.store.list('reflections').length === 1")
    page.goto(fixture_site.page_url("my-plan/"))
    ready()
    page.get_by_role("heading", name="Goals", exact=True).wait_for()
    expect(page.get_by_text("I rush to a view about families.").first).to_be_visible()
    collect("My plan")

    # Backup and restore.
    page.goto(fixture_site.page_url("backup/"))
    ready()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download a backup").click()
    backup = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert backup["data"]["reflections"][0]["text"] == "I rush to a view about families."
    page.get_by_label("Choose a backup file").set_input_files(
        files=[
            {
                "name": "backup.json",
                "mimeType": "application/json",
                "buffer": json.dumps(backup).encode("utf-8"),
            }
        ]
    )
    page.get_by_role("heading", name="What this backup would change").wait_for()
    page.get_by_role("button", name="Merge into my record").click()
    page.get_by_role("status").filter(has_text="Your record").wait_for()
    collect("backup and restore")

    # CPD export.
    page.goto(fixture_site.page_url("cpd-evidence/"))
    ready()
    page.get_by_label("Make a record from").select_option(label="Reflection: your own practice")
    page.get_by_role("button", name="Start a record").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download for a portfolio (Markdown)").click()
    assert "I rush to a view about families." in Path(info.value.path()).read_text("utf-8")
    collect("CPD export")

    # Presenting a page, by keyboard.
    page.goto(fixture_site.page_url("modules/1-basics/section/"))
    ready()
    page.get_by_role("button", name="Present this page").click()
    page.get_by_role("status").filter(has_text="Slide 1 of").wait_for()
    page.keyboard.press("ArrowRight")
    page.get_by_role("status").filter(has_text="Slide 2 of").wait_for()
    page.keyboard.press("Escape")
    collect("presentation")

    assert violations == []
    assert [e for e in page.watch.errors if "Content Security Policy" in e] == []
