"""Every page on a phone (issue 29): 360 × 740 and 390 × 844, empty and with a learner record
filled in. No page scrolls sideways, no box inside a page hides its content sideways, every
control meets WCAG 2.2's target size and axe finds nothing, in both palettes; text reflows at
320 CSS px (WCAG 1.4.10)."""

from __future__ import annotations

import pytest

from tests.browser.helpers import axe_violations, site_pages
from tests.conftest import Site, new_context

pytestmark = pytest.mark.browser

# How far the page, and any box inside its content, reaches past what the reader can see.
MEASURE = """() => {
  const vw = document.documentElement.clientWidth, found = [];
  if (document.documentElement.scrollWidth > vw) found.push('page ' + document.documentElement.scrollWidth + ' px wide');
  for (const el of document.querySelectorAll('.md-content *')) {
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden' || el.closest('.ap-visually-hidden')) continue;
    if (el.getBoundingClientRect().width <= 1) continue; // visually hidden, read by screen readers
    // A text field scrolls its own words as it should; what matters is that it fits the page.
    const field = /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName);
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    if (!field && /auto|scroll|hidden|clip/.test(cs.overflowX) && el.scrollWidth > el.clientWidth + 1) {
      found.push(name + ' hides ' + (el.scrollWidth - el.clientWidth) + ' px sideways');
    }
    const r = el.getBoundingClientRect();
    if (r.width && r.right > vw + 1 && !el.closest('[style*=overflow], .md-typeset__scrollwrap')) {
      found.push(name + ' reaches ' + Math.round(r.right) + ' px');
    }
  }
  return found.slice(0, 4);
}"""

# A learner part-way through the course, written through the store as the site would: goals,
# reflections and stage notes with long words, every outcome rated, pages visited and done.
FILL = """() => {
  const m = AP.manifest(), s = AP.store, long = 'Permanence-planning-and-life-story-work'.repeat(3);
  const put = (c, r) => { const x = s.put(c, r); if (!x.ok) throw new Error(x.message); };
  s.clearAll();
  Object.keys(m.pages).slice(0, 12).forEach((id, i) => put('progress', {
    id, visited: '2026-11-02T10:00:00.000Z', lastVisited: '2026-11-0' + (1 + i % 9) + 'T10:00:00.000Z',
    done: i % 2 === 0 }));
  Object.keys(m.reflections).slice(0, 8).forEach((id) => put('reflections', {
    id, reflection: id, text: 'What I would do differently next time: ' + long, supervision: true,
    page: m.reflections[id].page, module: 1 }));
  for (let i = 0; i < 5; i++) put('goals', {
    title: 'Goal ' + i + ': ' + long, actions: 'Actions ' + long, measure: 'Measure ' + long,
    status: 'in-progress', targetDate: '2027-0' + (i + 1) + '-15',
    outcomes: Object.keys(m.outcomes).slice(i, i + 2), standards: i % 2 ? [] : ['pcf:2'] });
  Object.keys(m.outcomes).forEach((id, i) => {
    put('ratings', { id: id + ':start', outcome: id, phase: 'start', value: 1 + i % 5 });
    put('ratings', { id: id + ':end', outcome: id, phase: 'end', value: 1 + (i + 2) % 5 });
  });
  m.modules.forEach((mod) => put('studyplan', { id: 'm' + mod.number, module: mod.number, plannedDate: '2027-02-01' }));
  s.setSetting('profile', { name: 'Samira Example-Longname-Practitioner', registration: 'SW1234567890123456' });
}"""

CASES = [
    pytest.param(360, 740, "light", False, id="360-light-empty"),
    pytest.param(360, 740, "dark", True, id="360-dark-filled"),
    pytest.param(390, 844, "dark", False, id="390-dark-empty"),
    pytest.param(390, 844, "light", True, id="390-light-filled"),
]


def fill(page, site: Site) -> None:
    page.goto(site.page_url(""))
    page.wait_for_function("() => !!(window.AP && AP.store && AP.manifest)")
    page.evaluate(FILL)
    # A CPD record, started as a learner starts one.
    page.goto(site.page_url("cpd-evidence/"))
    page.get_by_label("Make a record from").select_option(index=1)
    page.get_by_role("button", name="Start a record").click()
    page.get_by_role("heading", name="Continuing professional development record").wait_for()
    assert page.evaluate("AP.store.list('cpd').length") == 1


@pytest.mark.parametrize(("width", "height", "scheme", "filled"), CASES)
def test_every_page_fits_a_phone_with_no_axe_violation(
    browser, real_site: Site, width: int, height: int, scheme: str, filled: bool
) -> None:
    context = new_context(
        browser,
        viewport={"width": width, "height": height},
        color_scheme=scheme,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    sideways: dict[str, list[str]] = {}
    failures: dict[str, list[str]] = {}
    try:
        if filled:
            fill(page, real_site)
        for path in site_pages(real_site.root):
            page.goto(real_site.page_url(path))
            page.wait_for_function("() => !!(window.AP && AP.currentPage)")
            if path in ("my-plan/", "cpd-evidence/") and filled:
                # What the learner wrote is drawn: the record is on the page.
                page.get_by_text("What I would do differently next time").first.wait_for()
            if path == "my-plan/":
                # Every module's self-rating cards, opened as a learner opens them.
                for summary in page.locator(".ap-rate-module > summary").all():
                    summary.click()
                page.locator(".ap-rate-card").first.wait_for()
            found = page.evaluate(MEASURE)
            if found:
                sideways[path] = found
            violations = axe_violations(page)
            if violations:
                failures[path] = violations
    finally:
        context.close()
    assert sideways == {}, "content wider than a phone"
    assert failures == {}


def test_text_reflows_at_320_css_pixels_on_every_page(browser, real_site: Site) -> None:
    """WCAG 1.4.10: at 320 CSS px wide nothing needs scrolling in two directions."""
    context = new_context(browser, viewport={"width": 320, "height": 640})
    page = context.new_page()
    sideways: dict[str, list[str]] = {}
    try:
        fill(page, real_site)
        for path in site_pages(real_site.root):
            page.goto(real_site.page_url(path))
            page.wait_for_function("() => !!(window.AP && AP.currentPage)")
            if path == "my-plan/":
                for summary in page.locator(".ap-rate-module > summary").all():
                    summary.click()
            found = page.evaluate(MEASURE)
            if found:
                sideways[path] = found
    finally:
        context.close()
    assert sideways == {}
