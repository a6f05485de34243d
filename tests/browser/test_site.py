"""The whole site in headless Chromium: clean loads, no foreign requests, instant navigation, axe."""

from __future__ import annotations

import pytest

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
