"""Learning-platform packages (`make lms`) inside a test platform: scorm-again's SCORM 1.2 and
2004 runtimes (from the npm package installed into .lms/) in tests/browser/lms_harness/, framing
the unpacked package as a platform does, all served on 127.0.0.1. A learner opens the module,
marks pages done, writes a reflection, answers the quiz, leaves and comes back; we read what the
platform holds and everything the package sent it.

The packages are built from the fixture course: module 1 (three pages and a two-question quiz,
mastery score 80).
"""

from __future__ import annotations

import json
import shutil
import urllib.parse
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect
from scripts import lms, offline

from tests.conftest import FIXTURE, ROOT, Site, free_socket, serve

pytestmark = pytest.mark.browser

HARNESS = Path(__file__).parent / "lms_harness"
SCORM_AGAIN = ROOT / ".lms" / "node_modules" / "scorm-again" / "dist"
SHIM = offline.SHIM_PACKAGE / "shim" / "index.js"
SECRET = "Zebrafinch reflection text only the learner wrote"
VERSIONS = ["12", "2004"]


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The harness and both versions of module 1's package, unpacked, on one local server."""
    for need in (SHIM, SCORM_AGAIN / "scorm12.js", lms.SCHEMAS["1.2"]):
        if not need.exists():
            pytest.fail(f"{need} is missing: run `make test`, which installs it")
    dist = tmp_path_factory.mktemp("dist")
    lms.make_lms_packages(FIXTURE / "mkdocs.yml", dist, SHIM)
    root = tmp_path_factory.mktemp("platform")
    (root / "harness").mkdir()
    for name in ("harness.html", "harness.js"):
        shutil.copyfile(HARNESS / name, root / "harness" / name)
    for name in ("scorm12.js", "scorm2004.js"):
        shutil.copyfile(SCORM_AGAIN / name, root / "harness" / name)
    for v, suffix in (("12", "scorm12"), ("2004", "scorm2004")):
        with zipfile.ZipFile(dist / f"fixture-course-1.0.0-module-1-{suffix}.zip") as archive:
            archive.extractall(root / f"p{v}")
    site = serve(root, free_socket())
    yield site
    site.close()


def harness_url(site: Site, v: str, learner: str, **extra: str) -> str:
    query = {"v": v, "learner": learner, "launch": f"/p{v}/launch.html?module=1", **extra}
    return site.page_url("harness/harness.html?" + urllib.parse.urlencode(query))


def course_frame(page):
    """The course's page inside the launch page's frame, once its record is ready."""
    for _ in range(100):
        frames = [f for f in page.frames if "/course/" in f.url]
        if frames:
            frame = frames[0]
            frame.wait_for_function("() => !!(window.AP && AP.store && AP.currentPage)")
            return frame
        page.wait_for_timeout(100)
    raise AssertionError("the course never opened in the launch page's frame")


def content(page):
    return page.frame_locator("#sco").frame_locator("#ap-lms-frame")


def open_platform(page, site: Site, v: str, learner: str, **extra: str):
    page.goto(harness_url(site, v, learner, **extra))
    return course_frame(page)


def wait_for(page, name: str):
    """The course frame, once it shows the page whose file is name."""
    page.wait_for_function(
        "(p) => { const f = document.querySelector('#sco').contentDocument"
        ".querySelector('#ap-lms-frame'); return f && f.contentWindow.location.pathname"
        ".endsWith('/' + p); }",
        arg=name,
    )
    return course_frame(page)


def go(page, site: Site, v: str, path: str):
    """Follow the learner to another page of the module inside the frame (as a link does)."""
    course_frame(page).evaluate("(p) => { location.href = p; }", path)
    return wait_for(page, path)


def values(page, v: str) -> dict:
    return page.evaluate("() => harnessValues()")


def sent(page, v: str, learner: str) -> list[list[str]]:
    return page.evaluate(
        "(k) => JSON.parse(localStorage.getItem(k) || '[]')", f"harness:log:{v}:{learner}"
    )


def done_and_continue(page, next_page: str):
    """The learner marks the page done and goes on to the next ("Mark as done and continue")."""
    content(page).get_by_role("link", name="Mark as done and continue →").click()
    return wait_for(page, next_page)


def answer_quiz(page, right: bool) -> None:
    c = content(page)
    c.locator("#quiz-0 .ap-quiz-number").wait_for()
    c.locator("#quiz-0").get_by_label("The right option" if right else "A wrong option").check()
    c.locator("#quiz-0").get_by_role("button", name="Submit").click()
    if not right:
        c.locator("#quiz-0").get_by_role("button", name="Show the answer").click()
    c.locator("#quiz-1").get_by_label("First right option").check()
    c.locator("#quiz-1").get_by_label("Second right option").check()
    c.locator("#quiz-1").get_by_role("button", name="Submit").click()


def leave(page) -> None:
    page.goto("about:blank")


@pytest.mark.parametrize("v", VERSIONS)
def test_a_learner_completes_the_module_and_the_platform_holds_what_it_should(
    page, platform: Site, v: str
) -> None:
    frame = open_platform(page, platform, v, "alice")
    assert frame.url.endswith("/course/modules/1-basics/index.html")
    before = values(page, v)
    if v == "12":
        assert before["core"]["lesson_status"] == "incomplete"
    else:
        assert before["completion_status"] == "incomplete"
    content(page).get_by_role("link", name="Start this module →").click()
    wait_for(page, "section.html")
    content(page).locator("textarea.ap-reflection-text").first.fill(SECRET)
    expect(content(page).locator(".ap-save-state").first).to_have_text("Saved")
    done_and_continue(page, "scenario.html")
    done_and_continue(page, "quiz.html")
    after_pages = values(page, v)
    # Pages done, quiz not yet answered: still incomplete.
    if v == "12":
        assert after_pages["core"]["lesson_status"] == "incomplete"
    else:
        assert after_pages["completion_status"] == "incomplete"
    answer_quiz(page, right=False)  # one of two right first time: 50%, below the mastery of 80
    page.wait_for_timeout(300)
    held = values(page, v)
    if v == "12":
        core = held["core"]
        assert core["lesson_status"] == "failed"
        assert (core["score"]["raw"], core["score"]["min"], core["score"]["max"]) == ("1", "0", "2")
        location, suspend = core["lesson_location"], held["suspend_data"]
        limit = 4096
    else:
        assert held["completion_status"] == "completed"
        assert held["success_status"] == "failed"
        score = held["score"]
        assert (score["raw"], score["min"], score["max"], score["scaled"]) == ("1", "0", "2", "0.5")
        location, suspend = held["location"], held["suspend_data"]
        limit = 64000
    assert location == "modules/1-basics/quiz.html"
    assert json.loads(suspend) == {"v": 1, "page": "modules/1-basics/quiz.html"}
    assert len(suspend) <= limit
    # Leave, then come back: the session was closed properly, and the learner resumes where
    # they left off.
    leave(page)
    page.goto(harness_url(platform, v, "alice"))
    log = sent(page, v, "alice")
    names = [name for name, _ in log]
    time_key, exit_key = (
        ("cmi.core.session_time", "cmi.core.exit")
        if v == "12"
        else ("cmi.session_time", "cmi.exit")
    )
    assert time_key in names and (exit_key, "suspend") in [tuple(x) for x in log]
    frame = course_frame(page)
    assert frame.url.endswith("/course/modules/1-basics/quiz.html")
    # The learner's own record is theirs as before.
    frame = go(page, platform, v, "section.html")
    expect(content(page).locator("textarea.ap-reflection-text").first).to_have_value(SECRET)
    # Nothing the learner wrote reached the platform, in any value it was sent.
    assert log and not [x for x in log if "Zebrafinch" in x[1]]
    # Only the values the README lists were sent.
    allowed = {
        "12": {
            "cmi.core.lesson_status",
            "cmi.core.lesson_location",
            "cmi.suspend_data",
            "cmi.core.score.raw",
            "cmi.core.score.min",
            "cmi.core.score.max",
            "cmi.core.session_time",
            "cmi.core.exit",
        },
        "2004": {
            "cmi.completion_status",
            "cmi.success_status",
            "cmi.location",
            "cmi.suspend_data",
            "cmi.score.raw",
            "cmi.score.min",
            "cmi.score.max",
            "cmi.score.scaled",
            "cmi.session_time",
            "cmi.exit",
        },
    }[v]
    assert set(names) <= allowed, set(names) - allowed
    assert page.watch.errors == []


@pytest.mark.parametrize("v", VERSIONS)
def test_a_quiz_passed_at_the_mastery_score_reports_passed(page, platform: Site, v: str) -> None:
    open_platform(page, platform, v, "bilal")
    go(page, platform, v, "quiz.html")
    answer_quiz(page, right=True)
    page.wait_for_timeout(300)
    held = values(page, v)
    if v == "12":
        assert held["core"]["lesson_status"] == "passed"
        assert held["core"]["score"]["raw"] == "2"
    else:
        assert held["success_status"] == "passed"
        # Sections not marked done: passed, but not completed.
        assert held["completion_status"] == "incomplete"
        assert held["score"]["scaled"] == "1"


def test_a_second_learner_in_the_same_browser_sees_none_of_the_first_ones_notes(
    page, platform: Site
) -> None:
    open_platform(page, platform, "12", "carys")
    go(page, platform, "12", "section.html")
    content(page).locator("textarea.ap-reflection-text").first.fill(SECRET)
    expect(content(page).locator(".ap-save-state").first).to_have_text("Saved")
    done_and_continue(page, "scenario.html")
    leave(page)
    open_platform(page, platform, "12", "dev")
    frame = go(page, platform, "12", "section.html")
    expect(content(page).locator("textarea.ap-reflection-text").first).to_have_value("")
    expect(content(page).get_by_role("link", name="Mark as done and continue →")).to_be_visible()
    assert frame.evaluate("() => AP.store.list('reflections').length") == 0
    assert not frame.evaluate("() => AP.store.get('progress', 'modules/1-basics/section').done")
    # The first learner's words are still theirs.
    leave(page)
    open_platform(page, platform, "12", "carys")
    go(page, platform, "12", "section.html")
    expect(content(page).locator("textarea.ap-reflection-text").first).to_have_value(SECRET)


@pytest.mark.parametrize("v", VERSIONS)
def test_a_platform_that_refuses_every_call_never_breaks_the_page(
    page, platform: Site, v: str
) -> None:
    open_platform(page, platform, v, "erin", refuse="1")
    go(page, platform, v, "section.html")
    content(page).locator("textarea.ap-reflection-text").first.fill("My own words")
    expect(content(page).locator(".ap-save-state").first).to_have_text("Saved")
    done_and_continue(page, "scenario.html")
    go(page, platform, v, "quiz.html")
    answer_quiz(page, right=True)
    expect(content(page).locator(".ap-quiz-tally")).to_contain_text("2 of 2 answered")
    # The learner's own record is unaffected.
    frame = go(page, platform, v, "section.html")
    expect(content(page).locator("textarea.ap-reflection-text").first).to_have_value("My own words")
    assert frame.evaluate("() => AP.store.get('progress', 'modules/1-basics/section').done")
    assert page.watch.errors == []


def test_outside_a_platform_the_pages_are_as_on_the_website(page, platform: Site) -> None:
    page.goto(platform.page_url("p12/launch.html?module=1"))
    frame = course_frame(page)
    assert frame.evaluate("() => !!window.AP.store") is True
    expect(page.locator("#ap-lms-status")).to_be_hidden()
    go_direct = platform.page_url("p12/course/modules/1-basics/section.html")
    page.goto(go_direct)
    page.wait_for_function("() => !!(window.AP && AP.store && AP.currentPage)")
    page.get_by_role("link", name="Mark as done and continue →").click()
    page.wait_for_url("**/scenario.html")
    # Plain keys, as on the website: no learner's prefix.
    keys = page.evaluate("() => Object.keys(localStorage)")
    assert "ap:progress:modules/1-basics/section" in keys
    assert not [k for k in keys if k.startswith("ap-lms:")]
