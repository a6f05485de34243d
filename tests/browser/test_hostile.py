"""Issue 22 in headless Chromium: two tabs never lose a word; hostile or damaged backups and
stored values are refused or kept aside and never break a page; the Markdown export, rendered by
an ordinary Markdown library and opened with no Content-Security-Policy, runs nothing; a full
storage warns before typing is lost. The inputs are the files in tests/fixtures/hostile/."""

from __future__ import annotations

import json
from pathlib import Path

import markdown
import pytest
from playwright.sync_api import expect

from tests.browser.helpers import axe_violations
from tests.conftest import ROOT, Site, csp_violations, new_context

pytestmark = pytest.mark.browser

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
SECTION = "modules/1-basics/section/"
PLAN = "my-plan/"
BACKUP = "backup/"
CPD = "cpd-evidence/"
QUIZ = "modules/1-basics/quiz/"

# Hold this tab's autosave pause (400 ms) until the test releases it: "typing, not yet saved"
# for as long as the test needs, on a machine of any speed.
HOLD = """() => {
  const st = window.setTimeout;
  window.__held = [];
  window.setTimeout = (fn, ms, ...rest) => ms === 400 ? (window.__held.push(fn), 2147483647) : st(fn, ms, ...rest);
  window.__release = () => { window.setTimeout = st; window.__held.splice(0).forEach((fn) => fn()); };
}"""
# Storage that fills up once the test says so.
FILLS_UP = """
window.addEventListener("load", () => {
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (window.__apFull) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    return setItem.call(this, key, value);
  };
});
"""
PROTOTYPES_CLEAN = """() => typeof Object.keys === "function" && ({}).start === undefined &&
  ({}).keys === undefined && Object.start === undefined && Object.prototype.toString.start === undefined"""


def fixture(name: str) -> bytes:
    return (HOSTILE / name).read_bytes()


def open_page(page, site: Site, path: str) -> None:
    page.goto(site.page_url(path))
    page.wait_for_function("() => !!(window.AP && AP.store && AP.currentPage)")


def reflection(page):
    return page.locator("textarea.ap-reflection-text").first


def choose(page, content: bytes, name: str) -> None:
    page.get_by_label("Choose a backup file").set_input_files(
        files=[{"name": name, "mimeType": "application/json", "buffer": content}]
    )
    page.wait_for_function(
        """() => { const box = document.querySelector("[data-ap-backup-restore]");
          const p = box.querySelector(".ap-backup-preview"), a = box.querySelector("[role=alert]");
          return !!((p && !p.hidden && p.textContent) || (a && a.textContent)); }"""
    )


def restore(page, content: bytes, name: str = "backup.json") -> None:
    choose(page, content, name)
    page.get_by_role("button", name="Merge into my record").click()
    page.get_by_role("status").filter(has_text="Your record").wait_for()


def refusal(page) -> str:
    alert = page.locator("[data-ap-backup-restore]").get_by_role("alert")
    alert.wait_for()
    return alert.inner_text()


# -- 1 and 2: two tabs ------------------------------------------------------------------------------


def test_two_tabs_writing_the_same_reflection_keep_both_texts(context, fixture_site: Site) -> None:
    tab_b = context.new_page()
    open_page(tab_b, fixture_site, SECTION)  # opened earlier, its box empty
    tab_a = context.new_page()
    open_page(tab_a, fixture_site, SECTION)
    rid = tab_a.locator("[data-ap-reflection]").first.get_attribute("data-ap-reflection")
    box_a, box_b = reflection(tab_a), reflection(tab_b)
    box_a.fill("Tab A's long reflection on contact.")
    box_a.evaluate("(e) => e.blur()")
    # Tab B follows the save while nothing is typed there: no empty box to type over.
    expect(box_b).to_have_value("Tab A's long reflection on contact.")
    # Both change it at once: B's words wait to be saved while A saves again.
    tab_b.evaluate(HOLD)
    box_b.fill("Tab B's own words.")
    box_a.fill("Tab A, edited again.")
    box_a.evaluate("(e) => e.blur()")
    tab_b.wait_for_function(
        "(id) => AP.store.get('reflections', id).text === 'Tab A, edited again.'", arg=rid
    )
    expect(box_b).to_have_value("Tab B's own words.")  # never typed over
    tab_b.evaluate("window.__release()")
    tab_b.locator(".ap-version-text").filter(has_text="Tab A, edited again.").wait_for()
    for tab in (tab_a, tab_b):
        tab.reload()
        tab.wait_for_function("() => !!(window.AP && AP.currentPage)")
        expect(reflection(tab)).to_have_value("Tab B's own words.")
        expect(tab.locator(".ap-version-text")).to_have_text(["Tab A, edited again."])
    # The versions pass axe, in the light theme and the dark.
    for scheme in ("default", "slate"):
        tab_b.evaluate("(s) => document.body.setAttribute('data-md-color-scheme', s)", scheme)
        assert axe_violations(tab_b, ".ap-reflection") == []
    # The learner chooses: A's words go in the box, B's are kept as the other version.
    tab_b.get_by_role("button", name="Use this version").click()
    expect(reflection(tab_b)).to_have_value("Tab A, edited again.")
    expect(tab_b.locator(".ap-version-text")).to_have_text(["Tab B's own words."])
    expect(reflection(tab_a)).to_have_value("Tab A, edited again.")
    tab_b.get_by_role("button", name="Delete this version").click()
    expect(tab_b.locator(".ap-version-text")).to_have_count(0)
    tab_b.reload()
    expect(reflection(tab_b)).to_have_value("Tab A, edited again.")
    assert csp_violations(tab_a) == [] and csp_violations(tab_b) == []


def test_a_goal_editor_stays_open_with_its_text_when_another_tab_saves(
    context, fixture_site: Site
) -> None:
    tab_a = context.new_page()
    errors: list[str] = []
    tab_a.on("pageerror", lambda e: errors.append(str(e)))
    open_page(tab_a, fixture_site, PLAN)
    tab_a.get_by_label("A new goal: what do you want to achieve?").fill("Read the guidance")
    tab_a.get_by_role("button", name="Add goal").click()
    title = tab_a.get_by_label("What I want to achieve")
    expect(title).to_be_focused()
    title.press("End")
    tab_a.keyboard.type(" on contact")
    # Another tab: opening a page saves progress; adding a goal saves too.
    tab_b = context.new_page()
    open_page(tab_b, fixture_site, SECTION)
    tab_b.evaluate("AP.store.put('goals', {title: 'Set in tab B'})")
    tab_a.wait_for_function("() => AP.store.list('goals').length === 2")
    tab_a.evaluate(
        "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"
    )
    expect(tab_a.locator("form.ap-goal-editor")).to_have_count(1)
    expect(title).to_be_focused()
    tab_a.keyboard.type(" and family time")
    expect(title).to_have_value("Read the guidance on contact and family time")
    tab_a.get_by_role("button", name="Done").click()
    goals = tab_a.locator("li.ap-goal h3")
    expect(goals).to_have_text(["Read the guidance on contact and family time", "Set in tab B"])
    tab_a.reload()
    expect(tab_a.locator("li.ap-goal h3")).to_have_text(
        ["Read the guidance on contact and family time", "Set in tab B"]
    )
    assert errors == []


def test_two_tabs_editing_one_cpd_record_keep_every_word(context, fixture_site: Site) -> None:
    tab_a = context.new_page()
    open_page(tab_a, fixture_site, CPD)
    tab_a.evaluate(
        "AP.store.put('cpd', {id: 'c1', year: new Date().getFullYear(), type: 'Reading', "
        "description: 'Guidance on contact', learnt: '', impact: ''})"
    )
    tab_a.reload()
    open_page(tab_a, fixture_site, CPD)
    tab_b = context.new_page()
    open_page(tab_b, fixture_site, CPD)
    learnt = {t: t.get_by_label("What you learnt", exact=True) for t in (tab_a, tab_b)}
    impact = {t: t.get_by_role("textbox", name="The positive impact") for t in (tab_a, tab_b)}
    stored = "() => AP.store.get('cpd', 'c1')"

    # A saves; B, with nothing waiting, follows.
    learnt[tab_a].fill("Family time plans need the child's view.")
    learnt[tab_a].evaluate("(e) => e.blur()")
    expect(learnt[tab_b]).to_have_value("Family time plans need the child's view.")

    # Both edit at once, different fields: each keeps what the other wrote.
    tab_b.evaluate(HOLD)
    impact[tab_b].fill("I now ask children first.")
    learnt[tab_a].fill("Family time plans need the child's view, in their words.")
    learnt[tab_a].evaluate("(e) => e.blur()")
    tab_b.wait_for_function(f"() => ({stored})().impact === 'I now ask children first.'")
    record = tab_a.evaluate(stored)
    assert record["learnt"] == "Family time plans need the child's view, in their words."
    assert record["impact"] == "I now ask children first."
    tab_b.evaluate("window.__release()")

    # Both change the same words: neither is lost. Whichever tab saves last keeps its words in
    # the box and the other's as a version to choose from (on a busy machine either may be last).
    a_words, b_words = "Tab A's account of what I learnt.", "Tab B's account of what I learnt."
    tab_b.evaluate(HOLD)
    learnt[tab_b].fill(b_words)
    learnt[tab_a].fill(a_words)
    learnt[tab_a].evaluate("(e) => e.blur()")
    tab_b.evaluate("window.__release()")
    both = f"""() => {{ const r = ({stored})();
      const kept = [r.learnt, ...(r.versions || []).map((v) => v.learnt)];
      return kept.includes({json.dumps(a_words)}) && kept.includes({json.dumps(b_words)}); }}"""
    tab_a.wait_for_function(both)
    record = tab_a.evaluate(stored)
    boxed = record["learnt"]
    other = b_words if boxed == a_words else a_words
    for tab in (tab_a, tab_b):
        tab.reload()
        open_page(tab, fixture_site, CPD)
        expect(tab.get_by_label("What you learnt", exact=True)).to_have_value(boxed)
        expect(tab.locator(".ap-version-text")).to_have_text([other])
    tab_a.get_by_role("button", name="Use this version").click()
    expect(tab_a.get_by_label("What you learnt", exact=True)).to_have_value(other)
    expect(tab_a.locator(".ap-version-text")).to_have_text([boxed])
    tab_a.get_by_role("button", name="Delete this version").click()
    expect(tab_a.locator(".ap-version-text")).to_have_count(0)
    assert tab_a.evaluate(stored)["learnt"] == other
    assert csp_violations(tab_a) == [] and csp_violations(tab_b) == []


# -- 3 and 4: hostile values ------------------------------------------------------------------------

REFUSED = {
    "rating-outcome-proto.json": "“outcome” that is not an id",
    "rating-outcome-constructor.json": "“outcome” that is not an id",
    "goal-outcomes-not-a-list.json": "“outcomes” that is not a list of ids",
    "reflection-standards-not-ids.json": "“standards” that is not a list of ids",
    "cpd-year-not-a-number.json": "“year” that is not a year",
    "course-version-100000.json": "course version is longer than 200 characters",
    "invalid-utf8.json": "The file is damaged",
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_hostile_or_damaged_backup_is_refused_saying_why(
    page, fixture_site: Site, name: str
) -> None:
    open_page(page, fixture_site, BACKUP)
    choose(page, fixture(name), name)
    text = refusal(page)
    assert REFUSED[name] in text and "Nothing on this device has changed." in text
    assert page.evaluate(PROTOTYPES_CLEAN)
    assert page.evaluate("AP.store.list('ratings').length + AP.store.list('goals').length") == 0


@pytest.mark.parametrize(
    "name", ["rating-outcome-constructor.json", "goal-outcomes-not-a-list.json"]
)
def test_hostile_values_already_stored_are_kept_aside_and_my_plan_still_works(
    page, fixture_site: Site, name: str
) -> None:
    backup = json.loads(fixture(name))
    open_page(page, fixture_site, "")
    page.evaluate(
        """(data) => { localStorage.clear();
          for (const [c, list] of Object.entries(data)) for (const r of list)
            localStorage.setItem("ap:" + c + ":" + r.id, JSON.stringify({version: 1, data: r})); }""",
        backup["data"],
    )
    open_page(page, fixture_site, PLAN)
    notice = page.get_by_role("alert").filter(has_text="Some saved data could not be read")
    notice.wait_for()
    assert page.evaluate(PROTOTYPES_CLEAN)
    page.get_by_role("heading", name="Self-rating").wait_for()
    page.get_by_label("A new goal: what do you want to achieve?").fill("A goal that saves")
    page.get_by_role("button", name="Add goal").click()
    page.get_by_role("button", name="Done").click()
    expect(page.locator("li.ap-goal h3")).to_have_text(["A goal that saves"])
    # The bad entry can be deleted from the page.
    page.once("dialog", lambda d: d.accept())
    notice.get_by_role("button", name="Delete the unreadable data").click()
    notice.wait_for(state="detached")
    page.reload()
    assert page.get_by_role("alert").filter(has_text="Some saved data").count() == 0
    assert page.watch.errors == []


# -- 5: edit times in the future ------------------------------------------------------------------------


def test_a_restored_entry_dated_9999_never_beats_a_later_real_edit(
    page, fixture_site: Site
) -> None:
    open_page(page, fixture_site, BACKUP)
    restore(page, fixture("goal-edited-in-9999.json"))
    goal = page.evaluate("AP.store.get('goals', 'g-future')")
    assert goal["updated"] < "9999"
    page.evaluate("(g) => AP.store.put('goals', {...g, title: 'My later edit'})", goal)
    choose(page, fixture("goal-edited-in-9999.json"), "again.json")
    page.get_by_role("button", name="Merge into my record").click()
    page.get_by_role("status").filter(has_text="Your record").wait_for()
    page.reload()
    assert page.evaluate("AP.store.get('goals', 'g-future').title") == "My later edit"


def test_a_backup_from_a_computer_whose_clock_was_ahead_restores_and_says_so(
    page, fixture_site: Site
) -> None:
    content = json.loads(fixture("goal-edited-in-9999.json"))
    content["exported"] = "2031-05-01T09:00:00.000Z"
    open_page(page, fixture_site, BACKUP)
    choose(page, json.dumps(content).encode(), "ahead.json")
    preview = page.locator(".ap-backup-preview")
    expect(preview).to_contain_text("It says it was made on 2031-05-01, later than today")
    page.get_by_role("button", name="Merge into my record").click()
    page.get_by_role("status").filter(has_text="Your record").wait_for()
    goal = page.evaluate("AP.store.get('goals', 'g-future')")
    assert goal is not None and goal["updated"] < "2031"


# -- 6: the Markdown export ----------------------------------------------------------------------------


def test_the_markdown_export_rendered_elsewhere_runs_nothing(
    browser, page, fixture_site: Site, tmp_path: Path
) -> None:
    open_page(page, fixture_site, BACKUP)
    restore(page, fixture("markdown-payloads.json"))
    open_page(page, fixture_site, CPD)
    page.get_by_role("heading", name="Continuing professional development record").wait_for()
    texts = []
    for button in ("Download for a portfolio (Markdown)", "Download the agenda (Markdown)"):
        with page.expect_download() as info:
            page.get_by_role("button", name=button).click()
        texts.append(Path(info.value.path()).read_text(encoding="utf-8"))
    assert "&lt;script&gt;" in texts[0] and "A safe link stays" in texts[0]
    # An ordinary Markdown tool, and a browser with no policy at all.
    ctx = browser.new_context()
    try:
        viewer = ctx.new_page()
        viewer.route("**/*", lambda route: route.abort())
        dialogs: list[str] = []

        def refuse(dialog) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        viewer.on("dialog", refuse)
        for i, text in enumerate(texts):
            body = markdown.markdown(text, extensions=["extra"])
            (tmp_path / f"export-{i}.html").write_text(body, encoding="utf-8")
            viewer.set_content(
                "<!doctype html><meta charset=utf-8><script>window.__ran = []</script>" + body
            )
            # Every link clicked: none may run code (http(s) links lead nowhere here).
            for link in viewer.locator("a").all():
                href = (link.get_attribute("href") or "").strip().lower()
                assert href.startswith(("http://", "https://")), href
            assert viewer.evaluate("document.querySelectorAll('script').length") == 1
            assert viewer.evaluate(
                """() => [...document.querySelectorAll('*')].every((e) =>
                  ![...e.attributes].some((a) => /^on/i.test(a.name)) &&
                  !/^(iframe|object|embed|svg|form|style|details|img)$/i.test(e.tagName))"""
            )
            viewer.wait_for_timeout(200)
            assert viewer.evaluate("window.__ran") == [] and dialogs == []
            assert "window.__ran.push" in viewer.inner_text("body")  # shown, as words
    finally:
        ctx.close()


# -- 7: the smaller items ------------------------------------------------------------------------------


def test_typing_a_full_storage_refused_is_not_lost_on_leaving_without_a_warning(
    browser, fixture_site: Site
) -> None:
    context = new_context(browser)
    context.add_init_script(FILLS_UP)
    page = context.new_page()
    try:
        open_page(page, fixture_site, SECTION)
        page.wait_for_load_state("load")
        page.evaluate("window.__apFull = true")
        box = reflection(page)
        box.fill("Words the full storage refused")
        box.evaluate("(e) => e.blur()")
        page.locator(".ap-save-state").filter(has_text="Not saved").first.wait_for()
        asked: list[str] = []

        def stay(dialog) -> None:
            asked.append(dialog.type)
            dialog.dismiss()

        page.on("dialog", stay)
        page.locator("a[href]:not([href^='#'])").filter(has_text="My plan").first.click()
        assert asked == ["confirm"]
        expect(reflection(page)).to_have_value("Words the full storage refused")
        page.remove_listener("dialog", stay)

        def leave(dialog) -> None:
            asked.append(dialog.type)
            dialog.accept()

        page.once("dialog", leave)
        page.close(run_before_unload=True)
        page.wait_for_event("close")
        assert asked == ["confirm", "beforeunload"]
    finally:
        context.close()


def test_a_quiz_answer_set_mkdocs_quiz_cannot_read_is_kept_aside_with_the_notice(
    page, fixture_site: Site
) -> None:
    [(key, value)] = json.loads(fixture("unreadable-quiz-key.json")).items()
    open_page(page, fixture_site, "")
    page.evaluate("([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }", [key, value])
    open_page(page, fixture_site, QUIZ)
    page.get_by_role("alert").filter(has_text="Some saved data could not be read").wait_for()
    assert page.evaluate("(k) => localStorage.getItem('ap:corrupt:' + k)", key) == value


def test_my_plan_with_a_broken_hash_draws_and_follows_other_tabs(
    context, fixture_site: Site
) -> None:
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(fixture_site.page_url(PLAN) + "#%E0%A4%A")
    tab.get_by_role("heading", name="Self-rating").wait_for()
    other = context.new_page()
    open_page(other, fixture_site, SECTION)
    other.evaluate("AP.store.put('goals', {title: 'Added in another tab'})")
    expect(tab.locator("li.ap-goal h3")).to_have_text(["Added in another tab"])
    assert errors == []


def test_direction_overrides_do_not_reverse_text_in_the_restore_preview(
    page, fixture_site: Site
) -> None:
    open_page(page, fixture_site, BACKUP)
    choose(page, fixture("rtl-override.json"), "rtl.json")
    text = page.locator(".ap-backup-preview").text_content() or ""
    assert "Plan evil.exe contact review" in text
    assert not any(c in text for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
