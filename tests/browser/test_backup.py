"""Back up and restore in headless Chromium: a downloaded backup matches the schema in
schemas/; restored into a fresh browser it gives identical data; a merge keeps every record's
newest edit; every refused file, and a file too large for the space left, leaves localStorage
byte-for-byte unchanged; markup in a file stays text."""

from __future__ import annotations

import json
import re
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from playwright.sync_api import expect

from tests.browser.helpers import axe_violations, mark_document, still_same_document
from tests.conftest import ROOT, Site, csp_violations, new_context

pytestmark = pytest.mark.browser

BACKUP = "backup/"
SCHEMA = json.loads((ROOT / "schemas" / "learner-backup.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)
FORMAT = "achieving-permanence-backup"
T = "2026-11-01T09:00:00.000Z"
HOSTILE = ['<img src=x onerror="window.__pwned = 1">', "<script>window.__pwned = 2</script>"]
# Storage that refuses one write once the test arms it, after a number of them: a browser whose
# real quota is lower than the site's estimate (undoing, which frees space, then succeeds).
REFUSES_LATER = """
window.addEventListener("load", () => {
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (window.__apWritesLeft !== undefined && window.__apWritesLeft-- === 0) {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    }
    return setItem.call(this, key, value);
  };
});
"""


# -- helpers -------------------------------------------------------------------------------------


def open_page(page, site: Site, path: str = BACKUP) -> None:
    page.goto(site.page_url(path))
    page.wait_for_function("() => !!(window.AP && AP.store && AP.currentPage)")
    if path == BACKUP:
        page.get_by_role("button", name="Download a backup").wait_for()


def local_storage(page) -> dict[str, str]:
    """Every key in localStorage, the site's or not, with its raw value."""
    return page.evaluate(
        """() => Object.fromEntries(Array.from({length: localStorage.length},
             (_, i) => [localStorage.key(i), localStorage.getItem(localStorage.key(i))]))"""
    )


def snapshot(page) -> dict:
    """The store's snapshot, each collection in a set order: records saved in one millisecond
    share a creation time, and the store lists those in the order the browser gives its keys."""
    snap = page.evaluate("AP.store.snapshot()")
    for records in snap["data"].values():
        records.sort(key=lambda r: (r["created"], r["id"]))
    return snap


def put(page, collection: str, fields: dict) -> dict:
    result = page.evaluate("([c, r]) => AP.store.put(c, r)", [collection, fields])
    assert result["ok"] is True, result
    return result["record"]


def seed_record(page, collection: str, record: dict) -> None:
    """Store a record as the store writes it, with its own times (for example, old ones)."""
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, v)",
        [f"ap:{collection}:{record['id']}", json.dumps({"version": 1, "data": record})],
    )


def record(rid: str, **fields: object) -> dict:
    return {"id": rid, "created": T, "updated": T, **fields}


def backup_file(data: dict | None = None, **fields: object) -> dict:
    return {
        "format": FORMAT,
        "dataVersion": 1,
        "courseVersion": "1.0.0",
        "exported": "2026-11-22T10:00:00.000Z",
        "data": data if data is not None else {"goals": [record("g1", title="From the file")]},
        "settings": {},
        **fields,
    }


def download(page) -> tuple[str, dict]:
    """Click Download a backup: the file's suggested name and its parsed contents."""
    with page.expect_download() as info:
        page.get_by_role("button", name="Download a backup").click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    return info.value.suggested_filename, json.loads(text)


def choose(page, content: bytes | str | dict, name: str = "backup.json") -> None:
    if isinstance(content, dict):
        content = json.dumps(content)
    if isinstance(content, str):
        content = content.encode("utf-8")
    field = page.get_by_label("Choose a backup file")
    if len(content) > 1_000_000:
        # A big file goes by its path (Playwright would otherwise copy it through its pipe),
        # kept until the page has read it.
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            path.write_bytes(content)
            field.set_input_files(path)
            page.wait_for_function(CHOSEN)
        return
    field.set_input_files(files=[{"name": name, "mimeType": "application/json", "buffer": content}])
    # The file is read in the background: wait for its preview or for the reason it was refused.
    page.wait_for_function(CHOSEN)


CHOSEN = """() => {
  const box = document.querySelector("[data-ap-backup-restore]");
  const preview = box && box.querySelector(".ap-backup-preview");
  const problem = box && box.querySelector("[role=alert]");
  return !!((preview && !preview.hidden && preview.textContent) || (problem && problem.textContent));
}"""


def preview(page):
    return page.locator(".ap-backup-preview")


def restore(page, content: bytes | str | dict, mode: str = "Merge into my record") -> str:
    """Choose a file, check its preview and restore it: the status message."""
    choose(page, content)
    preview(page).get_by_role("heading", name="What this backup would change").wait_for()
    page.get_by_role("button", name=mode).click()
    status = page.get_by_role("status").filter(has_text="Your record")
    status.wait_for()
    return status.inner_text()


def alert(page):
    return page.locator("[data-ap-backup-restore]").get_by_role("alert")


def today() -> str:
    now = datetime.now()
    return f"{now.day} {now:%B %Y}"


def assert_valid(data: dict) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]
    assert errors == []


# -- back up ------------------------------------------------------------------------------------


def test_a_backup_downloads_everything_matches_the_schema_and_records_the_date(
    page, fixture_site: Site
) -> None:
    open_page(page, fixture_site)
    assert page.get_by_text("No backup has been made on this device yet.").is_visible()
    assert page.get_by_text("The file is not encrypted.").is_visible()
    put(page, "goals", {"title": "Read the special guardianship guidance", "outcomes": ["m1-lo1"]})
    put(
        page,
        "reflections",
        {"id": "m1-r1", "text": "What permanence means to me", "supervision": True},
    )
    put(page, "ratings", {"id": "m1-lo1:start", "outcome": "m1-lo1", "phase": "start", "value": 2})
    put(page, "progress", {"id": "modules/1-basics/section", "done": True})
    page.evaluate(
        "AP.store.recordQuizResult('modules/1-basics/quiz', 'abc123def456', {score: 1, total: 2, answered: 2})"
    )
    page.evaluate("AP.store.setSetting('profile', {name: 'Siân', registration: 'SW123456'})")
    name, data = download(page)
    assert re.fullmatch(r"achieving-permanence-backup-\d{4}-\d{2}-\d{2}\.json", name)
    assert_valid(data)
    mine = page.evaluate("AP.store.snapshot()")
    assert (data["format"], data["dataVersion"], data["courseVersion"]) == (FORMAT, 1, "1.0.0")
    assert data["data"] == mine["data"] and data["settings"] == mine["settings"]
    assert set(data["data"]) == {"goals", "reflections", "ratings", "progress", "quiz"}
    exported = datetime.fromisoformat(data["exported"].replace("Z", "+00:00"))
    assert abs(datetime.now(UTC) - exported) < timedelta(minutes=5)
    page.get_by_role("status").filter(has_text=f"Backup downloaded as {name}").wait_for()
    assert page.get_by_text(f"Last backed up on this device: {today()}.").is_visible()
    page.reload()
    assert page.get_by_text(f"Last backed up on this device: {today()}.").is_visible()
    assert page.evaluate("AP.store.lastBackup()") == data["exported"]
    assert page.watch.errors == []
    assert page.watch.foreign_requests() == []


def test_a_quiet_reminder_after_14_days_of_changes_not_in_a_backup(
    page, fixture_site: Site
) -> None:
    open_page(page, fixture_site)
    old = (
        (datetime.now(UTC) - timedelta(days=20))
        .isoformat(timespec="milliseconds")
        .replace("+00:00", "Z")
    )
    seed_record(page, "goals", record("g1", title="An old goal", created=old, updated=old))
    page.reload()
    reminder = page.get_by_text("Some of your changes have not been in a backup for 20 days.")
    reminder.wait_for()
    # Quiet: not an alert, and nothing interrupts.
    assert page.get_by_role("alert").filter(has_text="backup").count() == 0
    download(page)
    expect(reminder).to_be_hidden()
    page.reload()
    page.get_by_text(f"Last backed up on this device: {today()}.").wait_for()
    expect(reminder).to_be_hidden()


def test_the_page_mounts_after_instant_navigation_and_offers_download_to_other_pages(
    page, fixture_site: Site
) -> None:
    open_page(page, fixture_site, "")
    mark_document(page)
    page.get_by_role("link", name="Back up and restore").first.click()
    page.get_by_role("button", name="Download a backup").wait_for()
    assert still_same_document(page)
    put(page, "goals", {"title": "Written before navigating"})
    # Other pages (My plan, before "Delete everything") use AP.backup.download().
    with page.expect_download() as info:
        page.evaluate("AP.backup.download()")
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert [g["title"] for g in data["data"]["goals"]] == ["Written before navigating"]
    assert page.watch.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_backup_page_and_a_preview_pass_axe(browser, fixture_site: Site, scheme: str) -> None:
    context = new_context(browser, color_scheme=scheme)
    page = context.new_page()
    try:
        open_page(page, fixture_site)
        old = (
            (datetime.now(UTC) - timedelta(days=30))
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z")
        )
        seed_record(page, "goals", record("g0", title="Old", created=old, updated=old))
        page.reload()
        page.get_by_text("have not been in a backup").wait_for()
        choose(page, backup_file())
        preview(page).get_by_text("Show the entries it would add or update").click()
        assert axe_violations(page) == []
        choose(page, b"not json")
        alert(page).wait_for()
        assert axe_violations(page) == []
        assert csp_violations(page) == []
    finally:
        context.close()


# -- restore --------------------------------------------------------------------------------------


def test_export_then_restore_into_a_fresh_browser_gives_identical_data(
    browser, page, fixture_site: Site
) -> None:
    open_page(page, fixture_site)
    put(page, "goals", {"title": "Zoë’s plan: kinship assessment", "status": "in-progress"})
    put(page, "reflections", {"id": "m1-r1", "text": "Line one\nLine two — “quoted” 家族 👩🏽‍👧🏾"})
    page.evaluate("AP.store.setSetting('pcfLevel', 'advanced')")
    _, data = download(page)
    fresh = new_context(browser)
    other = fresh.new_page()
    try:
        open_page(other, fixture_site)
        choose(other, data)
        heading = preview(other).get_by_role("heading", name="What this backup would change")
        heading.wait_for()
        # Keyboard and screen-reader users are taken to the preview.
        expect(heading).to_be_focused()
        goals = preview(other).get_by_role("row", name=re.compile("^Goals"))
        expect(goals.get_by_role("cell")).to_have_text(["1", "0", "0"])
        message = restore_chosen(other)
        assert "3 entries added, 0 updated and 0 left as they were" in message
        assert snapshot(other) == snapshot(page)
        other.reload()
        assert snapshot(other) == snapshot(page)
        assert csp_violations(other) == []
    finally:
        fresh.close()


def restore_chosen(page, mode: str = "Merge into my record") -> str:
    page.get_by_role("button", name=mode).click()
    status = page.get_by_role("status").filter(has_text="Your record")
    status.wait_for()
    return status.inner_text()


WORDS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=0, max_size=40
)
# Long texts by repetition: hypothesis draws short strings far faster than 10,000-character ones.
LONG = st.builds(lambda words, times: (words or "x") * times, WORDS, st.integers(100, 2500))
FIELDS = st.fixed_dictionaries(
    {
        "title": WORDS,
        "text": st.one_of(WORDS, LONG),
        "done": st.booleans(),
        "value": st.integers(min_value=-(2**31), max_value=2**31),
        "outcomes": st.lists(st.sampled_from(["m1-lo1", "m1-lo2", "m9-gone"]), max_size=3),
        "peer": st.one_of(st.none(), st.fixed_dictionaries({"role": WORDS, "learnt": WORDS})),
    }
)
DATA_SETS = st.fixed_dictionaries(
    {
        "records": st.lists(
            st.tuples(st.sampled_from(["goals", "reflections", "cpd", "supervision"]), FIELDS),
            max_size=40,
        ),
        # Many records: the drawn ones saved this many times over, each time as new records.
        "copies": st.integers(min_value=1, max_value=8),
        "settings": st.dictionaries(
            st.sampled_from(["profile", "pcfLevel", "trainerView", "note"]),
            st.one_of(WORDS, st.booleans(), st.fixed_dictionaries({"name": WORDS})),
        ),
    }
)


# No shrinking: in a browser it can take many minutes; the failing example is reported as drawn.
@settings(
    max_examples=12,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data_set=DATA_SETS)
def test_generated_data_sets_survive_export_and_restore_exactly(
    browser, fixture_site: Site, data_set: dict
) -> None:
    mine, fresh = new_context(browser), new_context(browser)
    try:
        page = mine.new_page()
        open_page(page, fixture_site)
        saved = page.evaluate(
            """([records, copies, settings]) => Array.from({length: copies}, () => records)
                 .flat().map(([c, r]) => AP.store.put(c, r).ok)
                 .concat(Object.entries(settings).map(([n, v]) => AP.store.setSetting(n, v).ok))""",
            [data_set["records"], data_set["copies"], data_set["settings"]],
        )
        assert all(saved)
        _, data = download(page)
        assert_valid(data)
        other = fresh.new_page()
        open_page(other, fixture_site)
        choose(other, data)
        restore_chosen(other)
        assert snapshot(other) == snapshot(page)
        assert csp_violations(page) == [] and csp_violations(other) == []
    finally:
        mine.close()
        fresh.close()


def test_merging_two_diverged_copies_keeps_every_records_newest_edit(
    browser, fixture_site: Site
) -> None:
    laptop_ctx, desktop_ctx = new_context(browser), new_context(browser)
    try:
        laptop, desktop = laptop_ctx.new_page(), desktop_ctx.new_page()
        open_page(laptop, fixture_site)
        first = put(laptop, "goals", {"title": "Shared goal"})
        second = put(laptop, "goals", {"title": "Another shared goal"})
        reflection = put(laptop, "reflections", {"id": "m1-r1", "text": "First thoughts"})
        _, base = download(laptop)
        # The desktop starts from the laptop's backup, and both then go their own ways.
        open_page(desktop, fixture_site)
        choose(desktop, base)
        restore_chosen(desktop)
        put(desktop, "goals", {**first, "title": "Shared goal, edited on the desktop"})
        put(desktop, "goals", {"title": "New on the desktop"})
        put(laptop, "goals", {**second, "title": "Another shared goal, edited on the laptop"})
        put(laptop, "goals", {"title": "New on the laptop"})
        put(desktop, "reflections", {**reflection, "text": "Thoughts, edited on the desktop"})
        put(laptop, "reflections", {**reflection, "text": "Thoughts, edited later on the laptop"})
        _, from_desktop = download(desktop)
        _, from_laptop = download(laptop)

        choose(laptop, from_desktop)
        goals = preview(laptop).get_by_role("row", name=re.compile("^Goals"))
        # The preview is drawn after the file is read: wait for it.
        expect(goals.get_by_role("cell")).to_have_text(["1", "1", "2"])
        preview(laptop).get_by_text("Show the entries it would add or update").click()
        entries = preview(laptop).inner_text()
        assert "New: New on the desktop" in entries
        assert "Newer in the file: Shared goal, edited on the desktop" in entries
        restore_chosen(laptop)
        choose(desktop, from_laptop)
        restore_chosen(desktop)

        expected_goals = {
            "Shared goal, edited on the desktop",
            "Another shared goal, edited on the laptop",
            "New on the desktop",
            "New on the laptop",
        }
        for page in (laptop, desktop):
            assert {g["title"] for g in snapshot(page)["data"]["goals"]} == expected_goals
            assert page.evaluate("AP.store.get('reflections', 'm1-r1').text") == (
                "Thoughts, edited later on the laptop"
            )
        assert snapshot(laptop)["data"] == snapshot(desktop)["data"]
    finally:
        laptop_ctx.close()
        desktop_ctx.close()


def test_replace_downloads_the_current_record_first_then_holds_exactly_the_file(
    page, fixture_site: Site
) -> None:
    open_page(page, fixture_site)
    put(page, "goals", {"title": "Only on this device"})
    page.evaluate("AP.store.setSetting('trainerView', true)")
    before = page.evaluate("AP.store.snapshot()")
    stored_before = local_storage(page)
    file = backup_file(settings={"pcfLevel": "advanced"})
    choose(page, file)
    assert "2 would be added or changed and 2 removed" in preview(page).inner_text()
    # Cancelled at the question: nothing changes.
    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name="Replace my record with the backup").click()
    assert local_storage(page) == stored_before
    page.once("dialog", lambda d: d.accept())
    with page.expect_download() as info:
        page.get_by_role("button", name="Replace my record with the backup").click()
    assert re.fullmatch(
        r"achieving-permanence-before-restore-\d{4}-\d{2}-\d{2}\.json",
        info.value.suggested_filename,
    )
    copy = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert copy["data"] == before["data"] and copy["settings"] == before["settings"]
    status = page.get_by_role("status").filter(has_text="Your record now holds exactly the backup")
    status.wait_for()
    assert "was downloaded first" in status.inner_text()
    after = snapshot(page)
    assert after["data"] == file["data"] and after["settings"] == file["settings"]


# -- refusals: a message saying what is wrong, and storage byte-for-byte unchanged ----------------


def nested(depth: int) -> object:
    value: object = "deep"
    for _ in range(depth):
        value = [value]
    return value


def raw(text: str) -> bytes:
    return text.encode("utf-8")


GOAL = json.dumps(record("g1", title="x"))
REFUSED: dict[str, tuple[bytes | dict, str]] = {
    "not JSON": (b"title,text\nMy goal,My words\n", "not in the JSON format"),
    "JSON, not a backup": (b'{"goals": []}', "is not a backup from this site"),
    "an unknown version": (backup_file(dataVersion="one"), 'data version ("one") is not one'),
    "a newer version": (backup_file(dataVersion=2), "newer version of this site"),
    "over 16 MB": (
        backup_file({"reflections": [record(f"r{i}", text="w" * 90_000) for i in range(190)]}),
        "and a backup from this site is never more than 16 MB",
    ),
    "a record with no id": (
        backup_file({"goals": [{"title": "x", "created": T, "updated": T}]}),
        "item 1 of \u201cgoals\u201d has no valid id",
    ),
    "a collection that is not a list": (
        backup_file({"goals": {"g1": record("g1")}}),
        "\u201cgoals\u201d is not a list of entries",
    ),
    "a __proto__ key": (
        raw(json.dumps(backup_file()).replace('{"id": "g1"', '{"__proto__": {"x": 1}, "id": "g1"')),
        "the name \u201c__proto__\u201d",
    ),
    "a constructor key": (
        backup_file(settings={"constructor": {"prototype": {"polluted": True}}}),
        "the name \u201cconstructor\u201d",
    ),
    "a prototype key": (
        backup_file({"goals": [record("g1", peer={"prototype": "x"})]}),
        "the name \u201cprototype\u201d",
    ),
    "nesting too deep": (
        backup_file({"goals": [record("g1", notes=nested(3))]}),
        "nested more deeply than a backup can be",
    ),
    "a string too long": (
        backup_file({"reflections": [record("r1", text="x" * 100_001)]}),
        "100,001 characters",
    ),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_refused_file_says_what_is_wrong_and_changes_nothing(
    page, fixture_site: Site, case: str
) -> None:
    content, words = REFUSED[case]
    open_page(page, fixture_site)
    put(page, "goals", {"title": "Already here"})
    page.evaluate("AP.store.setSetting('pcfLevel', 'advanced')")
    page.evaluate("localStorage.setItem('another-app', 'not ours')")
    before = local_storage(page)
    choose(page, content, name="suspect.json")
    message = alert(page)
    message.wait_for()
    text = message.inner_text()
    assert "\u201csuspect.json\u201d was not restored." in text
    assert words in text
    assert "Nothing on this device has changed." in text
    assert page.get_by_role("button", name="Merge into my record").count() == 0
    assert local_storage(page) == before
    assert page.evaluate("({}).polluted") is None
    if isinstance(content, dict) and case != "over 16 MB":  # the schema says nothing of size
        assert not VALIDATOR.is_valid(content)
    # The same page still restores a good file afterwards.
    restore(page, backup_file())
    assert page.evaluate("AP.store.list('goals').length") == 2


def test_markup_in_a_file_is_shown_as_text_and_nothing_runs(page, fixture_site: Site) -> None:
    dialogs: list[str] = []

    def refuse(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    open_page(page, fixture_site)
    file = backup_file(
        {
            "goals": [record("g1", title=HOSTILE[0])],
            "reflections": [record("r1", text=HOSTILE[1])],
        },
        courseVersion=HOSTILE[1],
    )
    choose(page, file, name=HOSTILE[0] + ".json")
    preview(page).get_by_text("Show the entries it would add or update").click()
    shown = preview(page).inner_text()
    assert "New: " + HOSTILE[0] in shown and "New: " + HOSTILE[1] in shown
    assert f"with version {HOSTILE[1]} of the course" in shown
    assert preview(page).locator("img, script").count() == 0
    restore_chosen(page)
    assert page.evaluate("AP.store.get('goals', 'g1').title") == HOSTILE[0]
    # A refusal names the file as text too.
    choose(page, b"<script>window.__pwned = 3</script>", name=HOSTILE[0])
    assert HOSTILE[0] in alert(page).inner_text()
    assert (
        page.locator("[data-ap-backup-restore] img, [data-ap-backup-restore] script").count() == 0
    )
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []


def test_a_backup_larger_than_the_space_left_is_refused_before_writing(
    page, fixture_site: Site
) -> None:
    open_page(page, fixture_site)
    put(page, "goals", {"title": "Already here"})
    # Fill the site's storage to about 4 MB of its 5 MB (a setting holds at most 100,000
    # characters, as the schema says).
    assert page.evaluate(
        "Array.from({length: 42}, (_, i) => AP.store.setSetting('filler' + i, 'f'.repeat(1e5)).ok)"
        ".every(Boolean)"
    )
    before = local_storage(page)
    big = backup_file({"reflections": [record(f"r{i}", text="w" * 95_000) for i in range(20)]})
    assert len(json.dumps(big)) < 2 * 1024 * 1024
    choose(page, big)
    page.get_by_role("button", name="Merge into my record").click()
    text = alert(page).inner_text()
    assert "more space than this browser has left for the site" in text
    assert "Nothing on this device has changed." in text
    assert local_storage(page) == before


def test_a_replace_that_cannot_fit_is_refused_before_asking_or_downloading(
    page, fixture_site: Site
) -> None:
    open_page(page, fixture_site)
    put(page, "goals", {"title": "Already here"})
    # mkdocs-quiz's saved answers share the space, and a replace leaves them where they are.
    page.evaluate("localStorage.setItem('quiz_progress_/filler/', 'f'.repeat(4 * 1024 * 1024))")
    before = local_storage(page)
    big = backup_file({"reflections": [record(f"r{i}", text="w" * 95_000) for i in range(20)]})
    choose(page, big)
    asked: list[str] = []
    downloads: list[str] = []

    def answer(dialog) -> None:
        asked.append(dialog.message)
        dialog.accept()

    def keep(download) -> None:
        downloads.append(download.suggested_filename)

    page.on("dialog", answer)
    page.on("download", keep)
    page.get_by_role("button", name="Replace my record with the backup").click()
    text = alert(page).inner_text()
    assert "more space than this browser has left for the site" in text
    # Not asked to confirm, and no copy of the record sent for a restore that cannot happen.
    assert asked == [] and downloads == []
    assert local_storage(page) == before


def test_a_restore_the_browser_refuses_part_way_is_undone(browser, fixture_site: Site) -> None:
    context = new_context(browser)
    context.add_init_script(REFUSES_LATER)
    page = context.new_page()
    try:
        open_page(page, fixture_site)
        page.wait_for_load_state("load")
        mine = put(page, "reflections", {"id": "r1", "text": "Mine, short"})
        page.evaluate("AP.store.setSetting('trainerView', true)")
        before = local_storage(page)
        later = "2099-01-01T00:00:00.000Z"
        file = backup_file(
            {
                "reflections": [{**mine, "text": "Theirs, much longer " * 40, "updated": later}],
                "goals": [record(f"g{i}", title=f"Goal {i}") for i in range(5)],
            },
            settings={"pcfLevel": "advanced"},
        )
        choose(page, file)
        page.evaluate("window.__apWritesLeft = 3")
        page.get_by_role("button", name="Merge into my record").click()
        text = alert(page).inner_text()
        assert "ran out of space for the site part-way" in text
        assert "Nothing on this device has changed." in text
        page.evaluate("delete window.__apWritesLeft")
        assert local_storage(page) == before
        page.reload()
        assert page.evaluate("AP.store.get('reflections', 'r1').text") == "Mine, short"
        assert csp_violations(page) == []
    finally:
        context.close()
