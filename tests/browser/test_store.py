"""The learner store in headless Chromium: every storage fault has a visible message and loses
nothing; two tabs stay in step; hostile stored values stay text; the privacy page's data panel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.browser.helpers import axe_violations, mark_document, still_same_document
from tests.conftest import Site, csp_violations, new_context

pytestmark = pytest.mark.browser

PRIVACY = "privacy/"
QUIZ = "modules/1-basics/quiz/"
QUIZ_ID = "modules/1-basics/quiz"

# Storage switched off, as with "block all site data" or a locked-down browser: touching it throws.
NO_STORAGE = """
for (const name of ["localStorage", "sessionStorage"]) {
  Object.defineProperty(window, name, {
    configurable: true,
    get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
  });
}
"""
# Storage that is there but refuses every write, as in some private windows (quota of 0).
WRITES_THROW = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""
# Storage that fills up once the page has loaded and the test says so.
FILLS_UP = """
window.addEventListener("load", () => {
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (window.__apFull) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    return setItem.call(this, key, value);
  };
});
"""
HOSTILE = [
    '<img src=x onerror="window.__pwned = 1">',
    "<script>window.__pwned = 2</script>",
]


def envelope(data: object, version: int = 1) -> str:
    return json.dumps({"version": version, "data": data})


def record(rid: str, **fields: object) -> dict:
    return {
        "id": rid,
        "created": "2026-11-01T09:00:00.000Z",
        "updated": "2026-11-01T09:00:00.000Z",
        **fields,
    }


def open_page(page, site: Site, path: str) -> None:
    page.goto(site.page_url(path))
    # Features mount a tick after the scripts run (core.js): then AP.currentPage is set.
    page.wait_for_function("() => !!(window.AP && AP.store && AP.currentPage)")


def stored(page) -> dict[str, str]:
    """Every key the site keeps in localStorage, with its raw value."""
    return page.evaluate(
        """() => Object.fromEntries(Object.keys(localStorage)
             .filter((k) => k.startsWith("ap") || k.startsWith("quiz_progress_"))
             .map((k) => [k, localStorage.getItem(k)]))"""
    )


def seed(page, site: Site, values: dict[str, str]) -> None:
    """Store raw values (as an older or damaged copy might have left them) and load afresh."""
    open_page(page, site, "")
    page.evaluate(
        "(values) => { localStorage.clear(); for (const [k, v] of Object.entries(values)) localStorage.setItem(k, v); }",
        values,
    )


def put(page, collection: str, fields: dict) -> dict:
    return page.evaluate("([c, r]) => AP.store.put(c, r)", [collection, fields])


def texts(page, collection: str) -> list[str]:
    return page.evaluate("(c) => AP.store.list(c).map((r) => r.text)", collection)


def panel(page):
    return page.locator("[data-ap-storage-panel]")


def show_stored(page) -> None:
    page.get_by_text("Show everything this site stores on this device").click()


# -- the privacy page's panel, and data that survives ---------------------------------------------


def test_the_panel_shows_where_notes_are_kept_and_a_saved_note_survives_a_reload(
    page, fixture_site: Site
) -> None:
    open_page(page, fixture_site, PRIVACY)
    facts = panel(page)
    assert facts.get_by_text("In this browser on this device, until you delete them.").is_visible()
    assert facts.get_by_text("No backup recorded on this device yet.").is_visible()
    assert facts.get_by_text("less than 1 KB of about 5 MB (under 1%)").is_visible()
    saved = put(page, "goals", {"text": "Read the special guardianship guidance"})
    assert saved["ok"] is True
    page.evaluate("AP.store.markBackedUp('2026-11-20T10:00:00.000Z')")
    page.reload()
    assert texts(page, "goals") == ["Read the special guardianship guidance"]
    assert panel(page).get_by_text("20 November 2026").is_visible()
    show_stored(page)
    key = "ap:goals:" + saved["record"]["id"]
    assert panel(page).get_by_text(key, exact=True).is_visible()
    meta = json.loads(stored(page)["ap:meta"])
    assert meta["version"] == 1
    assert meta["data"]["courseVersion"] == "1.0.0"
    # The browser was asked to keep the data, and its answer noted.
    page.wait_for_function(
        "() => JSON.parse(localStorage.getItem('ap:meta')).data.persisted !== undefined"
    )
    assert page.watch.errors == []
    assert page.watch.foreign_requests() == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_panel_and_a_notice_pass_axe(browser, fixture_site: Site, scheme: str) -> None:
    context = new_context(browser, color_scheme=scheme)
    page = context.new_page()
    try:
        open_page(page, fixture_site, PRIVACY)
        page.get_by_label("Shared-computer mode").check()
        page.get_by_role("status").filter(has_text="Shared-computer mode is on").wait_for()
        show_stored(page)
        assert axe_violations(page) == []
    finally:
        context.close()


# -- faults ------------------------------------------------------------------------------------


def test_storage_unavailable_the_site_works_in_memory_and_says_notes_will_be_lost(
    browser, fixture_site: Site
) -> None:
    context = new_context(browser)
    context.add_init_script(NO_STORAGE)
    page = context.new_page()
    try:
        page.goto(fixture_site.page_url("modules/1-basics/"))
        notice = page.get_by_role("status").filter(has_text="not letting this site store anything")
        notice.wait_for()
        assert (
            "will be lost when you close or reload it unless you export them" in notice.inner_text()
        )
        assert page.evaluate("AP.store.mode()") == "memory"
        assert put(page, "reflections", {"text": "Kept while the page is open"})["ok"] is True
        # Moving between pages without a reload keeps them, and the message stays.
        mark_document(page)
        page.get_by_role("link", name="Module 2 · More: a draft fixture module").first.click()
        page.wait_for_url("**/modules/2-more/")
        assert still_same_document(page)
        page.get_by_role("status").filter(
            has_text="not letting this site store anything"
        ).wait_for()
        assert texts(page, "reflections") == ["Kept while the page is open"]
        assert csp_violations(page) == []
    finally:
        context.close()


def test_storage_that_refuses_every_write_is_treated_as_unavailable_not_as_full(
    browser, fixture_site: Site
) -> None:
    context = new_context(browser)
    context.add_init_script(WRITES_THROW)
    page = context.new_page()
    try:
        page.goto(fixture_site.page_url("modules/1-basics/"))
        notice = page.get_by_role("status").filter(has_text="not letting this site store anything")
        notice.wait_for()
        assert page.evaluate("AP.store.mode()") == "memory"
        assert put(page, "reflections", {"text": "Kept in this tab"})["ok"] is True
        assert texts(page, "reflections") == ["Kept in this tab"]
        assert page.get_by_text("for the site is full").count() == 0
        assert csp_violations(page) == []
    finally:
        context.close()


def test_storage_full_the_write_fails_visibly_and_what_was_stored_before_is_intact(
    browser, fixture_site: Site
) -> None:
    context = new_context(browser)
    context.add_init_script(FILLS_UP)
    page = context.new_page()
    try:
        open_page(page, fixture_site, PRIVACY)
        page.wait_for_load_state("load")
        first = put(page, "goals", {"text": "Saved before the storage filled up"})
        # The first record makes the store ask the browser to keep the data; its answer is
        # recorded a moment later. Wait for it, so the snapshot is of a settled store.
        page.wait_for_function(
            "() => (localStorage.getItem('ap:meta') || '').includes('persisted')"
        )
        before = stored(page)
        page.evaluate("window.__apFull = true")
        failed = put(page, "goals", {"text": "One note too many"})
        assert failed["ok"] is False and failed["reason"] == "full"
        edit = put(page, "goals", {**first["record"], "text": "An edit that does not fit"})
        assert edit["reason"] == "full"
        alert = page.get_by_role("alert").filter(has_text="Your last change was not saved")
        alert.wait_for()
        assert "storage for the site is full" in alert.inner_text()
        assert "Everything saved before is safe" in alert.inner_text()
        # Switching to shared-computer mode needs room too: it fails visibly and moves nothing.
        page.get_by_label("Shared-computer mode").click()
        panel(page).get_by_role("alert").filter(has_text="storage for the site is full").wait_for()
        assert not page.get_by_label("Shared-computer mode").is_checked()
        assert stored(page) == before
        page.reload()
        assert texts(page, "goals") == ["Saved before the storage filled up"]
        assert page.get_by_role("alert").count() == 0
        assert csp_violations(page) == []
    finally:
        context.close()


def test_unreadable_data_is_kept_aside_the_learner_told_and_the_raw_text_downloadable(
    page, fixture_site: Site
) -> None:
    broken = '{"version": 1, "data": {"id": "g1", "text": "My notes about Ellie\'s fam'
    seed(
        page,
        fixture_site,
        {
            "ap:goals:g1": broken,
            "ap:goals:g2": envelope({"text": "a record with no id"}),
            "ap:goals:g3": envelope(record("g3", text="Still readable")),
        },
    )
    open_page(page, fixture_site, "modules/1-basics/")
    alert = page.get_by_role("alert").filter(has_text="Some saved data could not be read")
    alert.wait_for()
    assert "kept aside unchanged" in alert.inner_text()
    assert texts(page, "goals") == ["Still readable"]
    kept = stored(page)
    assert kept["ap:corrupt:ap:goals:g1"] == broken
    assert kept["ap:corrupt:ap:goals:g2"] == envelope({"text": "a record with no id"})
    assert "ap:goals:g1" not in kept and "ap:goals:g2" not in kept
    with page.expect_download() as info:
        alert.get_by_role("button", name="Download the unreadable data").click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert broken in text and "ap:goals:g1" in text
    # Still offered on the next page, until the learner deletes it.
    page.reload()
    alert = page.get_by_role("alert").filter(has_text="Some saved data could not be read")
    page.once("dialog", lambda dialog: dialog.dismiss())
    alert.get_by_role("button", name="Delete the unreadable data").click()
    assert "ap:corrupt:ap:goals:g1" in stored(page)
    page.once("dialog", lambda dialog: dialog.accept())
    alert.get_by_role("button", name="Delete the unreadable data").click()
    page.get_by_role("alert").filter(has_text="Some saved data").wait_for(state="detached")
    assert not any(k.startswith("ap:corrupt:") for k in stored(page))
    assert page.watch.errors == []


def test_two_tabs_see_each_others_edits_and_keep_each_others_new_entries(
    context, fixture_site: Site
) -> None:
    tab_a, tab_b = context.new_page(), context.new_page()
    open_page(tab_a, fixture_site, "modules/1-basics/")
    open_page(tab_b, fixture_site, PRIVACY)
    tab_b.evaluate(
        "() => { window.__changes = []; AP.store.onChange((c) => window.__changes.push(c)); }"
    )
    show_stored(tab_b)
    from_a = put(tab_a, "reflections", {"text": "Written in tab A"})["record"]
    # The storage event brings it to tab B, whose panel shows it.
    panel(tab_b).get_by_text("Written in tab A").wait_for()
    assert tab_b.evaluate("window.__changes") == [
        {"collection": "reflections", "id": from_a["id"], "source": "other-tab"}
    ]
    put(tab_b, "reflections", {"text": "Written in tab B"})
    tab_a.wait_for_function("() => AP.store.list('reflections').length === 2")
    put(tab_a, "reflections", {**from_a, "text": "Written in tab A, then edited"})
    tab_b.wait_for_function(
        "(id) => AP.store.get('reflections', id).text.endsWith('edited')", arg=from_a["id"]
    )
    for tab in (tab_a, tab_b):
        tab.reload()
        assert texts(tab, "reflections") == ["Written in tab A, then edited", "Written in tab B"]
        assert csp_violations(tab) == []


def test_hostile_stored_values_are_shown_as_text_and_nothing_runs(page, fixture_site: Site) -> None:
    dialogs: list[str] = []

    def refuse(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    quiz_answers = {
        HOSTILE[0]: {"answered": True, "correct": True, "selectedValues": [HOSTILE[1]]},
        "quiz-0": {"answered": True, "correct": False, "selectedValues": [HOSTILE[0]]},
    }
    seed(
        page,
        fixture_site,
        {
            # An outcome is an id: markup there is kept aside (tests/browser/test_hostile.py).
            "ap:goals:g1": envelope(record("g1", text=HOSTILE[0], actions=HOSTILE[1])),
            "ap:setting:" + HOSTILE[1]: envelope(HOSTILE[0]),
            "quiz_progress_/" + QUIZ: json.dumps(quiz_answers),
            "quiz_progress_" + HOSTILE[0]: json.dumps(
                {HOSTILE[1]: {"answered": True, "correct": True}}
            ),
            "ap:goals:" + HOSTILE[0]: HOSTILE[1],
        },
    )
    open_page(page, fixture_site, QUIZ)
    page.get_by_role("button", name="Submit").first.wait_for()
    open_page(page, fixture_site, PRIVACY)
    show_stored(page)
    shown = panel(page).inner_text()
    for value in HOSTILE:
        assert value in shown
    assert panel(page).locator("img, script").count() == 0
    # The damaged one is offered as text too.
    page.get_by_role("alert").filter(has_text="Some saved data could not be read").wait_for()
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert page.evaluate("AP.store.get('goals', 'g1').text") == HOSTILE[0]


def test_data_from_a_newer_version_is_never_overwritten(page, fixture_site: Site) -> None:
    newer = {
        "ap:meta": envelope({"courseVersion": "3.0.0"}, version=2),
        "ap:goals:g1": envelope(
            record("g1", text="Written by a newer site", outcome="m9-lo1"), version=2
        ),
        "ap:goals:g2": envelope({"a shape": "only version 2 knows"}, version=2),
        "ap-plan": json.dumps({"goals": [{"text": "from the preview"}]}),
    }
    seed(page, fixture_site, newer)
    open_page(page, fixture_site, PRIVACY)
    notice = page.get_by_role("status").filter(has_text="saved by a newer version of this site")
    notice.wait_for()
    assert "nothing you change here is saved" in notice.inner_text()
    result = put(page, "goals", {"text": "new"})
    assert result["reason"] == "read-only" and "newer version" in result["message"]
    assert page.get_by_label("Shared-computer mode").is_disabled()
    assert texts(page, "goals") == ["Written by a newer site"]
    # A quiz answered with the older site leaves the newer data alone too.
    open_page(page, fixture_site, QUIZ)
    page.get_by_label("The right option").check()
    page.get_by_role("button", name="Submit").first.click()
    page.get_by_text("Explanation-one").wait_for()
    ours = {k: v for k, v in stored(page).items() if not k.startswith("quiz_progress_")}
    assert ours == newer


# -- migration, shared computers, deleting, quiz results ----------------------------------------


def test_notes_from_the_preview_version_move_into_the_store(page, fixture_site: Site) -> None:
    seed(
        page,
        fixture_site,
        {"ap-plan": json.dumps({"goals": [{"text": "A goal from the preview", "done": True}]})},
    )
    open_page(page, fixture_site, PRIVACY)
    assert texts(page, "goals") == ["A goal from the preview"]
    after = stored(page)
    assert "ap-plan" not in after
    assert json.loads(after["ap:goals:v0-goal-0"])["data"]["done"] is True


def test_shared_computer_mode_keeps_notes_in_the_tab_only_and_says_so(
    context, fixture_site: Site
) -> None:
    page = context.new_page()
    open_page(page, fixture_site, PRIVACY)
    put(page, "goals", {"text": "Written on a training-room PC"})
    page.get_by_label("Shared-computer mode").check()
    page.get_by_role("status").filter(has_text="Shared-computer mode is on").wait_for()
    assert set(stored(page)) == {"ap:mode"}
    assert json.loads(stored(page)["ap:mode"])["data"] == "session"
    assert texts(page, "goals") == ["Written on a training-room PC"]
    # Every page says so, after instant navigation too.
    mark_document(page)
    page.get_by_role("link", name="Home", exact=True).first.click()
    page.wait_for_url(fixture_site.page_url(""))
    assert still_same_document(page)
    page.get_by_role("status").filter(has_text="deleted when you close it").wait_for()
    # Another tab is another session: the notes are not there.
    other = context.new_page()
    open_page(other, fixture_site, PRIVACY)
    assert other.evaluate("AP.store.mode()") == "session"
    assert texts(other, "goals") == []
    other.close()
    # Turned off, the notes move to the device.
    open_page(page, fixture_site, PRIVACY)
    page.get_by_label("Shared-computer mode").uncheck()
    page.get_by_role("status").filter(has_text="Shared-computer mode is on").wait_for(
        state="detached"
    )
    assert any(k.startswith("ap:goals:") for k in stored(page))
    assert "ap:mode" not in stored(page)
    assert csp_violations(page) == []


def test_delete_everything_asks_first_then_removes_all_the_site_stores(
    page, fixture_site: Site
) -> None:
    seed(
        page,
        fixture_site,
        {"quiz_progress_/" + QUIZ: "{}", "ap:corrupt:ap:goals:x": "{broken"},
    )
    open_page(page, fixture_site, PRIVACY)
    put(page, "goals", {"text": "To be deleted"})
    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name="Delete everything").click()
    assert texts(page, "goals") == ["To be deleted"]
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Delete everything").click()
    show_stored(page)
    panel(page).get_by_text("Nothing is stored.").wait_for()
    assert stored(page) == {}
    assert texts(page, "goals") == []
    page.locator("[data-ap-announcer]").filter(has_text="has been deleted").wait_for()


def test_a_quiz_result_is_mirrored_by_page_and_question_set(page, fixture_site: Site) -> None:
    open_page(page, fixture_site, QUIZ)
    questions = page.locator("div.quiz")
    questions.nth(0).get_by_label("The right option").check()
    questions.nth(0).get_by_role("button", name="Submit").click()
    # A quiz's result is current only once every question is answered.
    page.locator(".ap-quiz-tally").filter(has_text="1 of 2 answered").wait_for()
    assert page.evaluate("(id) => AP.store.quizResult(id)", QUIZ_ID) is None
    questions.nth(1).get_by_label("First right option").check()
    questions.nth(1).get_by_label("Second right option").check()
    questions.nth(1).get_by_role("button", name="Submit").click()
    page.wait_for_function("(id) => AP.store.quizResult(id) !== null", arg=QUIZ_ID)
    result = page.evaluate("(id) => AP.store.quizResult(id)", QUIZ_ID)
    assert (result["score"], result["answered"], result["total"]) == (2, 2, 2)
    assert result["hash"] == page.evaluate("(id) => AP.manifest().pages[id].quiz.hash", QUIZ_ID)
    # Answers shown again on a later visit are not a new result.
    before = stored(page)["ap:quiz:" + QUIZ_ID]
    page.reload()
    page.locator(".ap-quiz-tally").filter(has_text="2 of 2 answered").wait_for()
    assert stored(page)["ap:quiz:" + QUIZ_ID] == before
    # A result taken on another question set is not shown as current.
    page.evaluate(
        "(id) => AP.store.recordQuizResult(id, 'an0ldqu1zset', {score: 2, total: 2, answered: 2})",
        QUIZ_ID,
    )
    assert page.evaluate("(id) => AP.store.quizResult(id)", QUIZ_ID) is None
