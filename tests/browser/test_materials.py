"""Printable session materials, printed as a trainer would: Chromium's print to PDF on A4, read
back with pdftotext (poppler-utils, installed by `make test`).

Fixture: module 1 has trainer notes (secret-overview-note, secret-section-note, "Scenario
trainer note."), facilitator commentary (secret-commentary), a scenario in three stages and a
two-question quiz; modules/local-procedures.yml has one section filled in and one placeholder.
"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from permanence_course.course import load_course
from tests.browser.helpers import axe_violations
from tests.conftest import FIXTURE, ROOT, Site, new_context

pytestmark = pytest.mark.browser

HANDOUT = "trainers/1-basics/handout/"
MODULE_TEXT = "trainers/1-basics/module-text/"
PACK = "trainers/1-basics/trainer-pack/"
CARDS = "trainers/1-basics/stage-cards/"
PLANNER = "trainers/session-planner/"
REGISTER = "trainers/attendance-register/"
EVALUATION = "trainers/1-basics/evaluation-form/"
PROCEDURES = "trainers/local-procedures/"
TRAINER_ONLY = (
    "secret-overview-note",
    "secret-section-note",
    "Scenario trainer note.",
    "secret-commentary",
    "Facilitation: Pause before this stage",  # trainer view's prompts
)


def print_to_pdf(page, path: Path) -> Path:
    """What the browser's Print gives on A4 (background graphics off, as by default)."""
    page.emulate_media(media="print")
    page.pdf(path=str(path), format="A4")
    page.emulate_media(media="screen")
    return path


def pdf_text(path: Path, page_number: int | None = None) -> str:
    """The PDF's text with runs of white space made single (pages between form feeds)."""
    span = ["-f", str(page_number), "-l", str(page_number)] if page_number else []
    out = subprocess.run(
        ["pdftotext", *span, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.sub(r"\s+", " ", out)


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]


def is_a4(path: Path) -> bool:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return "(A4)" in info.stdout


def test_the_module_text_prints_the_module_without_trainer_notes_or_commentary(
    page, fixture_site: Site, tmp_path: Path
) -> None:
    # A learner's reflection saved in this browser must never reach a printed handout.
    page.goto(fixture_site.page_url("modules/1-basics/section/"))
    page.get_by_role("textbox", name="Reflection: your own practice").fill("my-private-words")
    expect(page.locator("#m1-r-own-practice").get_by_text("Saved", exact=True)).to_be_visible()

    page.goto(fixture_site.page_url(MODULE_TEXT))
    expect(
        page.get_by_role("heading", level=1, name="Module 1 module text: Basics: a fixture module")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Print this page")).to_be_visible()
    assert page.locator("article").get_by_role("textbox").count() == 0
    text = pdf_text(print_to_pdf(page, tmp_path / "handout.pdf"))

    for shown in (
        "Module text",
        "A teaching section",
        "Long-paragraph-three",
        "Think about your own practice. What would you change?",
        "Your thoughts (private)",
        "Notes",
        "I want to stay with my nan.",
        "Which option is right in the first question?",
        "A wrong option",
    ):
        assert shown in text, shown
    for hidden in (*TRAINER_ONLY, "my-private-words", "Reason-right-one", "Explanation-one"):
        assert hidden not in text, hidden
    # Later scenario stages are handed out as cards, not read ahead.
    assert "Stage 2: later" in text
    assert "Your trainer hands this stage out on a card" in text
    assert "secret-stage-two" not in text
    assert is_a4(tmp_path / "handout.pdf")
    assert page.watch.foreign_requests() == []
    assert page.watch.errors == []


def test_the_trainer_pack_prints_notes_commentary_every_stage_answers_and_times(
    page, fixture_site: Site, tmp_path: Path
) -> None:
    page.goto(fixture_site.page_url(PACK))
    # Shown whether or not trainer view is on in this browser.
    expect(page.get_by_text("Section trainer note: secret-section-note.")).to_be_visible()
    expect(page.get_by_text("Commentary text: secret-commentary.")).to_be_visible()
    text = pdf_text(print_to_pdf(page, tmp_path / "pack.pdf"))

    for shown in (
        *TRAINER_ONLY,
        "Stage two text: secret-stage-two.",
        "Stage three text.",
        "Right answer: The right option",
        "Wrong answer: A wrong option",
        "Reason-right-one.",
        "Explanation-one: why the right option is right.",
        "Planned time: 30 minutes.",
        "Long-paragraph-three",
    ):
        assert shown in text, shown
    assert "Present this page" not in text and "Trainer view ·" not in text
    assert is_a4(tmp_path / "pack.pdf")
    assert page.watch.errors == []


def test_scenario_stage_cards_print_one_stage_a_page(
    page, fixture_site: Site, tmp_path: Path
) -> None:
    page.goto(fixture_site.page_url(CARDS))
    expect(page.get_by_role("region", name="Stage 2: later")).to_be_visible()
    pdf = print_to_pdf(page, tmp_path / "cards.pdf")

    assert pdf_pages(pdf) == 3
    stages = ["Stage 1: the start", "Stage 2: later", "Stage 3: much later"]
    for number, stage in enumerate(stages, start=1):
        sheet = pdf_text(pdf, number)
        assert f"Scenario: a fixture family · card {number} of 3" in sheet
        assert [s for s in stages if s in sheet] == [stage], f"page {number}: {sheet}"
    assert "This fixture scenario mentions loss." in pdf_text(pdf, 1)  # the content note
    assert "secret-stage-two" in pdf_text(pdf, 2)
    whole = pdf_text(pdf)
    for hidden in TRAINER_ONLY:
        assert hidden not in whole, hidden
    assert "Discussion questions" not in whole


def plan_rows(text: str) -> list[tuple[int, int, str, int]]:
    """(start, end, what, length in minutes) for each row of a printed plan."""

    def minutes(clock: str) -> int:
        hours, mins = clock.split(":")
        return int(hours) * 60 + int(mins)

    def length(written: str) -> int:
        found = re.fullmatch(r"(?:(\d+) h)? ?(?:(\d+) min)?", written.strip())
        assert found and written.strip(), f"a length written as '7 h 15 min': {written!r}"
        return int(found.group(1) or 0) * 60 + int(found.group(2) or 0)

    rows = re.findall(
        r"(\d\d:\d\d)–(\d\d:\d\d) (.+?) ((?:\d+ h ?)?(?:\d+ min)?)(?= \d\d:\d\d–| Total)", text
    )
    return [(minutes(a), minutes(b), what, length(n)) for a, b, what, n in rows]


def test_the_session_planner_prints_a_timetable_whose_times_add_up(
    page, fixture_site: Site, tmp_path: Path
) -> None:
    page.goto(fixture_site.page_url(PLANNER))
    form = page.get_by_role("form", name="Plan a session")
    expect(form.get_by_label("Module", exact=True)).to_have_value("0")
    form.get_by_label("Module", exact=True).select_option(
        label="Module 1: Basics: a fixture module"
    )
    day = form.get_by_role("group", name="The day")
    day.get_by_label("Start time").fill("09:00")
    day.get_by_label("Date (optional)").fill("2027-03-04")
    form.get_by_label("After A teaching section (30 min)").fill("15")
    form.get_by_label("Name of the break after A teaching section").fill("Coffee")
    summary = page.get_by_text(re.compile(r"^4 March 2027\. 09:00 to"))
    expect(summary).to_have_text(
        "4 March 2027. 09:00 to 10:45: 1 h 30 min of learning and 15 min of breaks."
    )
    pdf = print_to_pdf(page, tmp_path / "plan.pdf")
    text = pdf_text(pdf)

    assert pdf_pages(pdf) == 1
    assert "Session plan: Module 1: Basics: a fixture module" in text
    assert "Start time" not in text  # the form is for the screen; the plan is what prints
    rows = plan_rows(text)
    manifest = page.evaluate("AP.manifest()")
    minutes = [manifest["pages"][p]["minutes"] for p in manifest["modules"][0]["pages"]]
    assert [end - start for start, end, _, _ in rows] == [minutes[0], minutes[1], 15, *minutes[2:]]
    assert [n for _, _, _, n in rows] == [end - start for start, end, _, _ in rows]
    assert rows[2][2] == "Coffee"  # the break under the name the trainer gave it
    assert rows[0][0] == 9 * 60
    for (_, end, _, _), (start, _, _, _) in itertools.pairwise(rows):
        assert end == start, "each row starts when the one before it ends"
    assert rows[-1][1] == 9 * 60 + sum(minutes) + 15
    assert "Total 09:00 to 10:45 1 h 45 min" in text
    assert not re.search(r"Total \S+ to \S+ \d+(?! h| min)", text), "a total with no unit"

    # Another module, and a start time left empty, say what they do.
    form.get_by_label("Module", exact=True).select_option(
        label="Module 2: More: a draft fixture module"
    )
    expect(
        page.get_by_role("heading", name="Session plan: Module 2: More: a draft fixture module")
    ).to_be_visible()
    form.get_by_label("Start time").fill("")
    expect(page.get_by_text("Enter a start time, such as 09:30, to see the plan.")).to_be_visible()
    assert page.watch.errors == []


def test_the_session_planner_splits_a_module_across_two_half_days(
    page, fixture_site: Site, tmp_path: Path
) -> None:
    page.goto(fixture_site.page_url(PLANNER))
    form = page.get_by_role("form", name="Plan a session")
    form.get_by_label("Module", exact=True).select_option(
        label="Module 1: Basics: a fixture module"
    )
    form.get_by_label("Run it in").select_option(label="Two half days")
    split = form.get_by_label("First half day ends after")
    expect(split).to_be_visible()
    split.select_option(label="A teaching section (30 min)")
    half_one = form.get_by_role("group", name="Half day 1 of 2")
    half_two = form.get_by_role("group", name="Half day 2 of 2")
    half_one.get_by_label("Start time").fill("09:30")
    half_two.get_by_label("Start time").fill("13:15")
    half_two.get_by_label("Date (optional)").fill("2027-03-11")
    manifest = page.evaluate("AP.manifest()")
    ids = manifest["modules"][0]["pages"]
    minutes = [manifest["pages"][p]["minutes"] for p in ids]
    first, second = minutes[:2], minutes[2:]  # the overview and the section, then the rest
    # Each half day is its own timetable, printed on its own sheet.
    expect(page.get_by_role("heading", name=re.compile(r"half day 1 of 2"))).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"half day 2 of 2"))).to_be_visible()
    pdf = print_to_pdf(page, tmp_path / "halves.pdf")
    assert pdf_pages(pdf) == 2
    one, two = plan_rows(pdf_text(pdf, 1)), plan_rows(pdf_text(pdf, 2))
    assert [n for _, _, kind, n in one if kind != "Break"] == first
    assert [n for _, _, kind, n in two if kind != "Break"] == second
    assert one[0][0] == 9 * 60 + 30 and two[0][0] == 13 * 60 + 15
    assert "11 March 2027. 13:15 to" in pdf_text(pdf, 2)
    breaks_two = sum(n for _, _, kind, n in two if kind == "Break")
    assert two[-1][1] == 13 * 60 + 15 + sum(second) + breaks_two
    both = page.get_by_text(re.compile(r"^Both half days: "))
    learning = sum(minutes)
    hours, rest = divmod(learning, 60)
    expect(both).to_contain_text(f"{hours} h {rest} min of learning" if rest else f"{hours} h")
    assert page.watch.errors == []


def test_the_blank_register_and_evaluation_form_each_print_on_one_a4_page(
    page, fixture_site: Site, tmp_path: Path
) -> None:
    page.goto(fixture_site.page_url(REGISTER))
    register = print_to_pdf(page, tmp_path / "register.pdf")
    text = pdf_text(register)
    assert pdf_pages(register) == 1 and is_a4(register)
    for shown in ("Attendance register", "Module:", "Date:", "Name", "Role and team", "Signature"):
        assert shown in text, shown
    assert re.search(r"\b20\b", text), "twenty numbered rows"

    page.goto(fixture_site.page_url(EVALUATION))
    evaluation = print_to_pdf(page, tmp_path / "evaluation.pdf")
    text = pdf_text(evaluation)
    assert pdf_pages(evaluation) == 1 and is_a4(evaluation)
    for shown in (
        "Module 1 session evaluation",
        "understand the first fixture outcome / with a slash",
        "reflect on the second fixture outcome",
        "What will you do differently in your practice as a result?",
    ):
        assert shown in text, shown


def test_local_procedures_come_from_the_data_file_with_unfilled_parts_marked(
    page, fixture_site: Site, tmp_path: Path
) -> None:
    page.goto(fixture_site.page_url(PROCEDURES))
    expect(page.get_by_role("heading", level=2, name="Legal advice")).to_be_visible()
    expect(page.get_by_text("Fixture Borough Council")).to_be_visible()
    expect(page.get_by_role("link", name="https://intranet.example.org/psw")).to_be_visible()
    expect(page.get_by_role("note")).to_contain_text("Not finished")
    text = pdf_text(print_to_pdf(page, tmp_path / "procedures.pdf"))
    assert "Ask the fixture legal team through the legal advice form" in text
    assert "A second paragraph about legal advice." in text
    assert "Urgent advice: phone the duty solicitor." in text
    assert "[Your regional adoption agency and how to refer]" in text


def test_the_participant_handout_holds_outcomes_key_points_diagrams_prompts_and_terms(
    page, fixture_site: Site, tmp_path: Path
) -> None:
    course, _ = load_course(FIXTURE, "modules")
    module = course.modules[0]
    page.goto(fixture_site.page_url(HANDOUT))
    expect(
        page.get_by_role(
            "heading", level=1, name="Module 1 participant handout: Basics: a fixture module"
        )
    ).to_be_visible()
    # The diagram, with its text alternative, as on the module page.
    expect(page.locator("article").get_by_role("img", name="A fixture diagram")).to_be_visible()
    assert page.locator("article").get_by_role("textbox").count() == 0
    pdf = print_to_pdf(page, tmp_path / "participant.pdf")
    text = pdf_text(pdf)

    for outcome in module.outcomes:
        assert outcome.text in text, outcome.text
    for reflection in [r for p in module.pages for r in p.reflections]:
        assert reflection.text in text, reflection.text
    assert text.count("Your thoughts") == len([r for p in module.pages for r in p.reflections])
    assert "The first key point of the fixture." in text
    assert "A fixture diagram" in text  # its caption
    # The glossary terms the module uses, with their definitions; not the others.
    assert "Words used in this module" in text
    assert "special guardianship" in text.split("Words used in this module", 1)[1]
    for hidden in (*TRAINER_ONLY, "secret-stage-two", "Long-paragraph-three", "Right answer"):
        assert hidden not in text, hidden
    assert is_a4(pdf) and pdf_pages(pdf) <= 2
    # On paper glossary terms are plain words, in the running kicker and the text alike.
    assert page.locator("article .ap-term, article [data-ap-term]").count() == 0
    assert page.watch.errors == []


def shown_counts(page) -> dict[str, tuple[int, int]]:
    """Each printable's page range as the materials page shows it, by the link's address."""
    counts = {}
    for item in page.locator("article li").all():
        link = item.get_by_role("link").first
        shown = re.search(r"\((\d+)(?:–(\d+))? pages?\)", item.inner_text())
        if shown:
            low = int(shown.group(1))
            counts[str(link.get_attribute("href"))] = (low, int(shown.group(2) or low))
    return counts


def assert_counts_hold(page, site: Site, tmp_path: Path) -> dict[str, int]:
    """Print every printable the materials page counts; each prints within its shown range.
    Returns the pages printed, by the printable's path in the site."""
    index = site.page_url("trainers/materials/")
    page.goto(index)
    counts = shown_counts(page)
    printed = {}
    for href, (low, high) in counts.items():
        target = urljoin(index, href)
        path = target.removeprefix(site.url)
        page.goto(target)
        page.locator("article h1").first.wait_for(state="attached")
        pdf = print_to_pdf(page, tmp_path / (re.sub(r"\W+", "-", path).strip("-") + ".pdf"))
        printed[path] = pdf_pages(pdf)
        assert low <= printed[path] <= high, f"{path}: shown {low}-{high}, printed {printed[path]}"
    return printed


def test_every_printable_prints_within_the_page_count_the_materials_page_shows(
    page, fixture_site: Site, tmp_path: Path
) -> None:
    printed = assert_counts_hold(page, fixture_site, tmp_path)
    assert set(printed) >= {
        CARDS,
        EVALUATION,
        HANDOUT,
        MODULE_TEXT,
        PACK,
        PROCEDURES,
        REGISTER,
    }
    assert printed[CARDS] == 3


def test_the_real_course_prints_a_four_to_six_page_handout_and_honest_counts(
    page, real_site: Site, tmp_path: Path
) -> None:
    printed = assert_counts_hold(page, real_site, tmp_path)
    course, _ = load_course(ROOT, "modules")
    handouts = {m.slug: printed[f"trainers/{m.slug}/handout/"] for m in course.modules}
    assert all(4 <= n <= 6 for n in handouts.values()), handouts
    # The module text and the trainer pack are counted too: a trainer sees their length.
    for m in course.modules:
        assert f"trainers/{m.slug}/module-text/" in printed
        assert f"trainers/{m.slug}/trainer-pack/" in printed


def test_links_print_as_plain_text_and_stage_card_one_has_no_skip_link(
    page, fixture_site: Site, tmp_path: Path
) -> None:
    page.goto(fixture_site.page_url(MODULE_TEXT))
    page.emulate_media(media="print")
    links = page.locator("article a:not(.headerlink)").all()
    assert links
    for link in links:
        style = link.evaluate(
            "e => [getComputedStyle(e).color, getComputedStyle(e).textDecorationLine,"
            " getComputedStyle(e.parentElement).color]"
        )
        assert style[:2] == [style[2], "none"], link.inner_text()  # the colour of its text
    page.emulate_media(media="screen")

    page.goto(fixture_site.page_url(CARDS))
    first = pdf_text(print_to_pdf(page, tmp_path / "cards.pdf"), 1)
    assert "This fixture scenario mentions loss." in first
    assert "skip" not in first.lower()
    assert "Awaiting confirmation" not in first


def test_the_materials_page_links_every_material_and_search_leaves_them_out(
    page, fixture_site: Site
) -> None:
    page.goto(fixture_site.page_url("trainers/materials/"))
    article = page.locator("article")
    expect(article.get_by_role("link", name="Participant handout")).to_have_count(2)
    expect(article.get_by_role("link", name="Module text")).to_have_count(2)
    expect(article.get_by_role("link", name="Trainer pack")).to_have_count(2)
    # Only module 1 has a scenario.
    expect(article.get_by_role("link", name="Scenario stage cards")).to_have_count(1)
    expect(article.get_by_role("link", name="Session evaluation form")).to_have_count(2)
    article.get_by_role("link", name="Session planner").click()
    expect(page.get_by_role("form", name="Plan a session")).to_be_visible()

    # Handouts repeat the module pages, and packs hold trainer notes: search finds neither.
    index = json.loads((fixture_site.root / "search/search_index.json").read_text("utf-8"))
    assert index["docs"], "the search index is empty"
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("trainers/")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_the_materials(browser, fixture_site: Site, scheme: str) -> None:
    context = new_context(browser, color_scheme=scheme)
    page = context.new_page()
    failures = {}
    try:
        for path in (
            "trainers/materials/",
            HANDOUT,
            MODULE_TEXT,
            PACK,
            CARDS,
            PLANNER,
            REGISTER,
            EVALUATION,
            PROCEDURES,
        ):
            page.goto(fixture_site.page_url(path))
            page.locator("article h1").wait_for()
            found = axe_violations(page)
            if found:
                failures[path] = found
    finally:
        context.close()
    assert failures == {}
