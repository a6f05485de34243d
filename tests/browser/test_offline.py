"""The offline copy (`make offline`), unpacked and opened from a folder (file://) in Chromium, as
a trainer would in a room with no network: every request stays on the machine.

The copy is built from the fixture course with the iframe-worker shim `make test` installs.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect
from scripts import offline

from tests.browser.helpers import walk_slides
from tests.conftest import FIXTURE

pytestmark = pytest.mark.browser

SHIM = offline.SHIM_PACKAGE / "shim" / "index.js"
FOLDER = "fixture-course-1.0.0"
LOCAL = ("file://", "data:", "blob:")


@pytest.fixture(scope="module")
def offline_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SHIM.is_file():
        pytest.fail(f"the iframe-worker shim is not installed at {SHIM}: run `make test`")
    return offline.make_offline_copy(FIXTURE / "mkdocs.yml", tmp_path_factory.mktemp("dist"), SHIM)


@pytest.fixture(scope="module")
def copy(offline_zip: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy unpacked, as from a USB stick."""
    where = tmp_path_factory.mktemp("usb-stick")
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(where)
    return where / FOLDER


@pytest.fixture
def requests(context) -> list[str]:
    """Every request from every window of the test's browser context (presenter window too)."""
    seen: list[str] = []
    context.on("request", lambda r: seen.append(r.url))
    return seen


def url(copy: Path, path: str) -> str:
    return (copy / path).as_uri()


def leaving(requests: list[str]) -> list[str]:
    return [u for u in requests if not u.startswith(LOCAL)]


def test_the_zip_is_named_with_the_course_version_and_holds_one_folder(
    offline_zip: Path, copy: Path
) -> None:
    assert offline_zip.name == f"{FOLDER}-offline.zip"
    with zipfile.ZipFile(offline_zip) as archive:
        names = archive.namelist()
    assert all(n.startswith(f"{FOLDER}/") for n in names)
    assert f"{FOLDER}/index.html" in names and f"{FOLDER}/README.txt" in names
    assert (copy / offline.SHIM_DEST).read_bytes() == SHIM.read_bytes()
    assert "Open index.html" in (copy / "README.txt").read_text(encoding="utf-8")
    # Links end in .html (no directory URLs), and no page names another host's script.
    assert (copy / "modules/1-basics/section.html").is_file()
    for page in copy.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "unpkg.com" not in text, page
        assert 'http-equiv="Content-Security-Policy"' not in text, page
        assert "iframe-worker/shim.js" in text, page
    assert not (copy / "_headers").exists()


def test_a_module_page_opens_from_the_folder_and_its_links_work(
    page, copy: Path, requests: list[str]
) -> None:
    page.goto(url(copy, "modules/1-basics/index.html"))
    expect(
        page.get_by_role("heading", level=1, name="Module 1: Basics: a fixture module")
    ).to_be_visible()
    page.locator("article").get_by_role("link", name="A teaching section").click()
    expect(page.get_by_role("heading", level=1, name="A teaching section")).to_be_visible()
    assert page.url.endswith("/modules/1-basics/section.html")
    image = page.get_by_role("img", name="A fixture diagram")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.naturalWidth") > 0
    assert page.evaluate("AP.page().id") == "modules/1-basics/section"
    assert page.watch.errors == []
    assert leaving(requests) == []


def test_search_finds_a_word_with_no_network(page, copy: Path, requests: list[str]) -> None:
    page.goto(url(copy, "modules/1-basics/section.html"))
    search = page.get_by_role("textbox", name="Search")
    search.click()
    search.press_sequentially("apostrophe")  # typed: Material's search reads key presses
    results = page.get_by_role("search")
    expect(results.get_by_text("1 matching document")).to_be_visible()
    result = results.get_by_role("link").filter(
        has=page.get_by_role("heading", name="Module 1: Basics: a fixture module")
    )
    expect(result).to_be_visible()
    result.click()
    expect(
        page.get_by_role("heading", level=1, name="Module 1: Basics: a fixture module")
    ).to_be_visible()
    assert page.url.startswith("file://")
    assert page.watch.errors == []
    assert leaving(requests) == []


def test_a_quiz_is_answered_from_the_folder(page, copy: Path, requests: list[str]) -> None:
    page.goto(url(copy, "modules/1-basics/quiz.html"))
    quiz = page.locator("#quiz-0")
    quiz.get_by_role("radio", name="The right option").check()
    quiz.get_by_role("button", name="Submit").click()
    expect(quiz.get_by_text("Explanation-one: why the right option is right.")).to_be_visible()
    assert page.watch.errors == []
    assert leaving(requests) == []


def test_a_presentation_runs_with_a_presenter_window_from_the_folder(
    page, copy: Path, requests: list[str]
) -> None:
    page.goto(url(copy, "modules/1-basics/scenario.html"))
    page.get_by_role("button", name="Present this page").click()
    show = page.get_by_role("dialog", name=re.compile("^Presentation: Scenario: a fixture family"))
    expect(show).to_be_visible()
    with page.context.expect_page() as popup:
        page.get_by_role("link", name="Presenter window").click()
    presenter = popup.value
    view = presenter.get_by_role("dialog", name="Presenter view: Scenario: a fixture family")
    expect(view).to_be_visible()
    assert presenter.url.startswith("file://")
    expect(view.get_by_role("heading", name=re.compile(r"^Now: slide 1 of \d+"))).to_be_visible()
    page.keyboard.press("ArrowRight")
    # The two windows talk with no server between them.
    expect(view.get_by_role("heading", name=re.compile(r"^Now: slide 2 of \d+"))).to_be_visible()
    expect(view.get_by_text("Other trainer notes for this page (1)")).to_be_visible()
    presenter.keyboard.press("ArrowRight")  # and the other way: the presenter leads
    expect(show.get_by_role("heading", level=2, name="Stage 1: the start")).to_be_visible()
    assert page.url.endswith("?slide=3")
    expect(view.get_by_text("Scenario trainer note.")).to_be_visible()  # its own section's note
    assert page.watch.errors == []
    assert leaving(requests) == []


def test_slides_fit_and_number_alike_from_the_folder(page, copy: Path, requests: list[str]) -> None:
    """Measured under file:// as over http: nothing cut off at 1280×720, type never under 22px,
    the later parts of a split section at least a third full, and the presenter window (another
    size) making the same slides."""
    page.set_viewport_size({"width": 1280, "height": 720})
    for path in ["modules/1-basics/section.html", "modules/1-basics/quiz.html"]:
        page.goto(url(copy, path) + "?slide=1")
        page.get_by_role("group", name=re.compile(r"^Slide 1 of \d+$")).wait_for()
        slides = walk_slides(page)
        assert [s["number"] for s in slides if s["over"]] == [], path
        assert all(s["px"] >= 22 for s in slides), path
        assert all(s["fill"] >= 1 / 3 for s in slides if s["title"].endswith("(continued)"))
        with page.context.expect_page() as popup:
            page.get_by_role("link", name="Presenter window").click()
        presenter = popup.value
        presenter.set_viewport_size({"width": 700, "height": 1000})
        now = presenter.get_by_role("heading", level=3, name=re.compile("^Now: "))
        page.keyboard.press("End")
        last = slides[-1]
        expect(now).to_have_text(f"Now: slide {last['number']} of {len(slides)}: {last['title']}")
        page.keyboard.press("ArrowLeft")
        before = slides[-2]
        expect(now).to_have_text(
            f"Now: slide {before['number']} of {len(slides)}: {before['title']}"
        )
        presenter.close()
    assert page.watch.errors == []
    assert leaving(requests) == []


def test_a_reflection_is_kept_across_a_reload(page, copy: Path, requests: list[str]) -> None:
    page.goto(url(copy, "modules/1-basics/section.html"))
    box = page.get_by_role("textbox", name="Reflection: your own practice")
    box.fill("Written in a training room with no network.")
    expect(page.locator("#m1-r-own-practice").get_by_text("Saved", exact=True)).to_be_visible()
    page.reload()
    expect(page.get_by_role("textbox", name="Reflection: your own practice")).to_have_value(
        "Written in a training room with no network."
    )
    assert page.evaluate("AP.store.mode()") == "local"
    assert page.watch.errors == []
    assert leaving(requests) == []


def test_printable_materials_work_from_the_folder(page, copy: Path, requests: list[str]) -> None:
    page.goto(url(copy, "trainers/materials.html"))
    page.locator("article").get_by_role("link", name="Session planner").click()
    form = page.get_by_role("form", name="Plan a session")
    form.get_by_label("Start time").fill("10:00")
    expect(page.get_by_text(re.compile(r"^10:00 to 11:30: 1 h 30 min of learning"))).to_be_visible()
    page.goto(url(copy, "trainers/1-basics/trainer-pack.html"))
    expect(page.get_by_text("Section trainer note: secret-section-note.")).to_be_visible()
    assert page.watch.errors == []
    assert leaving(requests) == []


def test_a_module_deck_runs_from_the_folder(page, copy: Path, requests: list[str]) -> None:
    """Present this module under file://: the deck's page holds the module's pages (a page
    cannot read another there), fits 1280×720 and numbers alike in the presenter window."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(url(copy, "trainers/materials.html"))
    page.locator("article").get_by_role("link", name="Present this module").first.click()
    page.get_by_role("button", name="Present this module").click()
    first = page.get_by_role("group", name=re.compile(r"^Slide 1 of \d+$"))
    expect(first.get_by_role("heading", level=2)).to_have_text("Today's agenda")
    expect(first.get_by_role("cell", name="Quiz one")).to_be_visible()
    slides = walk_slides(page)
    assert [s["number"] for s in slides if s["over"]] == []
    assert [s["title"] for s in slides if s["kind"] == "title"][1:] == [
        "A teaching section",
        "Scenario: a fixture family",
        "Quiz one",
    ]
    with page.context.expect_page() as popup:
        page.get_by_role("link", name="Presenter window").click()
    presenter = popup.value
    now = presenter.get_by_role("heading", level=3, name=re.compile("^Now: "))
    page.keyboard.press("Home")
    expect(now).to_have_text(f"Now: slide 1 of {len(slides)}: Today's agenda")
    assert page.watch.errors == []
    assert leaving(requests) == []
