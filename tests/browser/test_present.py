"""Trainer view and presentation mode, driven as a trainer would: by keyboard, button and touch.

Fixture pages: modules/1-basics/section (a long section, a reflection), scenario (content note,
stages 2 and 3, discussion, reflection, commentary) and quiz (two questions).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.yaml import yaml_load
from playwright.sync_api import expect
from scripts.offline import offline_plugins

from tests.browser.helpers import axe_violations, mark_document, still_same_document, walk_slides
from tests.conftest import FIXTURE, ROOT, Site, build, context_violations, new_context

pytestmark = pytest.mark.browser

SECTION = "modules/1-basics/section/"
SCENARIO = "modules/1-basics/scenario/"
QUIZ = "modules/1-basics/quiz/"


def presentation(page, title: str = ""):
    return page.get_by_role("dialog", name=re.compile("^Presentation: " + re.escape(title)))


def slide(page):
    """The slide on show: a group labelled 'Slide n of m'."""
    return page.get_by_role("group", name=re.compile(r"^Slide \d+ of \d+$"))


def slide_title(page):
    return slide(page).get_by_role("heading", level=2)


def expect_slide(page, number: int, title: str | None = None) -> None:
    expect(slide(page)).to_have_attribute("aria-label", re.compile(rf"^Slide {number} of \d+$"))
    if title is not None:
        expect(slide_title(page)).to_have_text(title)


def slide_count(page) -> int:
    label = slide(page).get_attribute("aria-label") or ""
    return int(label.rsplit(" ", 1)[-1])


def open_presenter_window(page):
    """Open the presenter window from the presentation's own link, as a trainer would."""
    with page.context.expect_page() as popup:
        page.get_by_role("link", name="Presenter window").click()
    presenter = popup.value
    presenter.set_default_timeout(10_000)
    expect(presenter.get_by_role("dialog", name=re.compile("^Presenter view"))).to_be_visible()
    return presenter


def assert_clean(page) -> None:
    assert page.watch.foreign_requests() == []
    assert page.watch.errors == []


# -- trainer view -----------------------------------------------------------------------------


def test_trainer_notes_are_hidden_from_learners_and_shown_in_trainer_view(
    page, fixture_site: Site
) -> None:
    page.goto(fixture_site.page_url(SECTION))
    note = page.get_by_text("Section trainer note: secret-section-note.")
    toggle = page.get_by_role("button", name="Trainer view")
    expect(note).to_be_hidden()
    expect(page.get_by_text("It only hides notes from view: it is not a secret")).to_be_visible()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_text("Planned time for this page")).to_be_hidden()

    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(note).to_be_visible()
    expect(page.get_by_text("Planned time for this page: 30 minutes")).to_be_visible()

    page.reload()  # remembered on this device
    expect(note).to_be_visible()
    mark_document(page)
    page.get_by_role("link", name="Next: Scenario: a fixture family").click()
    page.wait_for_url("**/" + SCENARIO)
    expect(page.get_by_text("Scenario trainer note.")).to_be_visible()
    before_stage = page.get_by_text("Facilitation: Pause before this stage")
    expect(before_stage).to_have_count(2)  # one before each stage
    expect(before_stage.first).to_be_visible()
    expect(page.get_by_text("Facilitation: Take the group's views first")).to_be_visible()
    assert still_same_document(page)

    page.get_by_role("button", name="Trainer view").click()
    expect(page.get_by_text("Scenario trainer note.")).to_be_hidden()
    expect(before_stage.first).to_be_hidden()
    page.reload()
    expect(page.get_by_text("Scenario trainer note.")).to_be_hidden()
    assert_clean(page)


def test_trainer_view_that_cannot_be_saved_says_so_and_still_works_for_this_visit(
    page, fixture_site: Site
) -> None:
    page.add_init_script(
        """(() => {
          const setItem = Storage.prototype.setItem;
          Storage.prototype.setItem = function (key, value) {
            if (String(key).includes("trainer-view")) {
              throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
            }
            return setItem.call(this, key, value);
          };
        })()"""
    )
    page.goto(fixture_site.page_url(SECTION))
    page.get_by_role("button", name="Trainer view").click()
    expect(page.get_by_text("Section trainer note: secret-section-note.")).to_be_visible()
    expect(
        page.get_by_text("This browser did not save the setting, so trainer view is on for this")
    ).to_be_visible()
    page.reload()  # as the message said: not remembered
    expect(page.get_by_text("Section trainer note: secret-section-note.")).to_be_hidden()


def test_no_trainer_tools_outside_the_modules(page, fixture_site: Site) -> None:
    page.goto(fixture_site.page_url(""))
    expect(page.get_by_role("heading", name="Fixture home")).to_be_visible()
    expect(page.get_by_role("button", name="Present this page")).to_have_count(0)
    page.goto(fixture_site.page_url("?slide=2"))
    expect(page.get_by_role("dialog", name=re.compile("^Presentation"))).to_have_count(0)


# -- presenting ----------------------------------------------------------------------------------


def test_keyboard_alone_runs_a_presentation_of_a_module_page(page, fixture_site: Site) -> None:
    page.goto(fixture_site.page_url(SECTION))
    start = page.get_by_role("button", name="Present this page")
    start.focus()
    page.keyboard.press("Enter")
    expect(presentation(page, "A teaching section")).to_be_visible()
    expect_slide(page, 1, "A teaching section")
    total = slide_count(page)
    status = presentation(page).get_by_role("status")

    progress = presentation(page).get_by_role("progressbar", name="Progress through the slides")
    expect(progress).to_have_attribute("max", str(total))
    expect(progress).to_have_attribute("value", "1")

    page.keyboard.press("ArrowRight")
    expect_slide(page, 2, "First idea")
    expect(status).to_have_text(f"Slide 2 of {total}: First idea")
    expect(progress).to_have_attribute("value", "2")
    assert page.url.endswith("?slide=2")
    # The diagram shares the slide with the paragraph before it, filling the room left.
    diagram = presentation(page).get_by_role("img", name="A fixture diagram")
    expect(diagram).to_be_visible()
    size = page.viewport_size or {"width": 1280, "height": 720}
    frame = min(size["width"] / 1280, size["height"] / 720)  # the slide, scaled to the screen
    assert (diagram.bounding_box() or {}).get("height", 0) >= 400 * frame - 1
    page.keyboard.press("Space")
    expect_slide(page, 3, "A long idea")
    page.keyboard.press("PageDown")
    expect_slide(page, 4, "A long idea (continued)")
    page.keyboard.press("ArrowDown")
    expect_slide(page, 5)
    page.keyboard.press("ArrowLeft")
    expect_slide(page, 4)
    page.keyboard.press("PageUp")
    expect_slide(page, 3)
    page.keyboard.press("ArrowUp")
    expect_slide(page, 2)
    page.keyboard.press("End")
    expect_slide(page, total, "End of this page")
    expect(progress).to_have_attribute("value", str(total))
    expect(
        presentation(page).get_by_role("link", name=re.compile("^Present the next page"))
    ).to_be_visible()
    page.keyboard.press("ArrowRight")
    expect_slide(page, total)  # the last slide stays
    page.keyboard.press("Home")
    expect_slide(page, 1)
    expect(presentation(page).get_by_text(f"1 / {total}")).to_be_visible()

    # Tab stays within the presentation: the page behind is out of reach.
    for _ in range(8):
        page.keyboard.press("Tab")
        assert page.evaluate(
            "document.activeElement.closest('[role=dialog][aria-modal=true]') !== null"
        )

    page.keyboard.press("Escape")
    expect(presentation(page)).to_have_count(0)
    assert "slide=" not in page.url
    expect(start).to_be_focused()
    expect(page.get_by_role("heading", level=1, name="A teaching section")).to_be_visible()
    assert_clean(page)


def test_the_slide_number_in_the_address_survives_a_reload(page, fixture_site: Site) -> None:
    page.goto(fixture_site.page_url(SECTION + "?slide=3"))
    expect_slide(page, 3, "A long idea")
    page.keyboard.press("ArrowRight")
    expect_slide(page, 4, "A long idea (continued)")
    assert page.url.endswith("?slide=4")
    page.reload()
    expect_slide(page, 4, "A long idea (continued)")
    total = slide_count(page)

    page.goto(fixture_site.page_url(SECTION + "?slide=999"))
    expect_slide(page, total, "End of this page")
    assert page.url.endswith(f"?slide={total}")
    page.goto(fixture_site.page_url(SECTION + "?slide=nonsense"))
    expect_slide(page, 1, "A teaching section")
    assert_clean(page)


def test_a_long_section_continues_over_slides_that_each_fit_the_screen(
    page, fixture_site: Site
) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(fixture_site.page_url(SECTION + "?slide=1"))
    expect_slide(page, 1)
    seen: dict[str, list[int]] = {}
    titles = []
    for number in range(1, slide_count(page) + 1):
        expect_slide(page, number)
        # Projector-sized type as seen on this screen: 30px on a 1280×720 slide, and never under
        # 22px when a full slide is set smaller to fit (the slide is scaled whole to the screen).
        size = slide(page).evaluate(
            """el => {
              const box = el.querySelector('.ap-slide');
              return parseFloat(getComputedStyle(box).fontSize) *
                box.getBoundingClientRect().width / box.offsetWidth;
            }"""
        )
        assert size >= (28 if number == 1 else 22), f"slide {number}: {size}px type"
        # Nothing cut off: the slide's content within its box, and the box within the screen.
        fits = slide(page).evaluate(
            """el => {
              const box = el.querySelector('.ap-slide');
              box.getAnimations().forEach((a) => a.finish()); // where the slide comes to rest
              const shown = box.getBoundingClientRect();
              const screen = el.getBoundingClientRect();
              return box.scrollHeight <= box.clientHeight + 1 &&
                box.scrollWidth <= box.clientWidth + 1 && shown.top >= screen.top - 1 &&
                shown.bottom <= screen.bottom + 1 && shown.right <= screen.right + 1;
            }"""
        )
        assert fits, f"slide {number} does not fit a 1280×720 screen"
        title = slide_title(page).inner_text()
        if title.startswith("A long idea"):
            titles.append(title)
            # Each part of the split section at least a third full.
            fill = slide(page).evaluate(
                """el => {
                  const box = el.querySelector('.ap-slide');
                  const bottoms = [...box.children].filter((c) => c.offsetHeight)
                    .map((c) => c.offsetTop + c.offsetHeight);
                  return Math.max(...bottoms) / box.offsetHeight;
                }"""
            )
            assert fill >= 1 / 3, f"slide {number} is {fill:.0%} full"
            for found in re.findall(r"Long-(?:paragraph|item)-\w+", slide(page).inner_text()):
                seen.setdefault(found, []).append(number)
        page.keyboard.press("ArrowRight")
    assert titles[0] == "A long idea" and len(titles) >= 2
    assert set(titles[1:]) == {"A long idea (continued)"}
    words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    expected = [f"Long-paragraph-{w}" for w in words[:4]] + [f"Long-item-{w}" for w in words]
    assert sorted(seen) == sorted(expected)  # nothing lost
    assert all(len(slides) == 1 for slides in seen.values())  # nothing shown twice


def test_a_scenario_is_presented_stage_by_stage_with_stages_and_commentary_revealed(
    page, fixture_site: Site
) -> None:
    page.goto(fixture_site.page_url(SCENARIO + "?slide=2"))
    shown = presentation(page, "Scenario: a fixture family")
    expect_slide(page, 2, "Content note")
    expect(shown.get_by_text("This fixture scenario mentions loss.")).to_be_visible()
    page.keyboard.press("ArrowRight")
    expect_slide(page, 3, "Stage 1: the start")
    expect(shown.get_by_text("I want to stay with my nan.")).to_be_visible()

    page.keyboard.press("ArrowRight")
    expect_slide(page, 4, "Stage 2: later")
    stage_text = shown.get_by_text("Stage two text: secret-stage-two.")
    expect(shown.get_by_text("note what you would do now, and why")).to_be_visible()
    expect(stage_text).to_be_hidden()
    page.keyboard.press("ArrowRight")  # forward reveals the stage first
    expect_slide(page, 4)
    expect(stage_text).to_be_visible()
    expect(shown.get_by_role("status")).to_have_text("Stage 2: later is shown.")
    # The buttons that reveal are in the presenter window: the room sees none.
    expect(shown.get_by_role("button", name=re.compile("this stage"))).to_have_count(0)
    page.keyboard.press("ArrowRight")
    expect_slide(page, 5, "Stage 3: much later")
    expect(shown.get_by_text("Stage three text.")).to_be_hidden()
    page.keyboard.press("r")  # R reveals on the main screen
    expect(shown.get_by_text("Stage three text.")).to_be_visible()
    expect(shown.get_by_role("status")).to_have_text("Stage 3: much later is shown.")
    page.keyboard.press("R")  # and hides again
    expect(shown.get_by_text("Stage three text.")).to_be_hidden()
    expect(shown.get_by_role("status")).to_have_text("Hidden again.")
    page.keyboard.press("r")
    expect(shown.get_by_text("Stage three text.")).to_be_visible()
    page.keyboard.press("ArrowLeft")
    expect_slide(page, 4)
    expect(stage_text).to_be_visible()  # going back keeps what was revealed

    page.goto(fixture_site.page_url(SCENARIO + "?slide=6"))
    expect_slide(page, 6, "Discussion questions")
    expect(shown.get_by_text("What would you do?")).to_be_visible()
    page.keyboard.press("ArrowRight")
    expect_slide(page, 7, "Reflection")
    expect(shown.get_by_text("What does this scenario stir in you?")).to_be_visible()
    page.keyboard.press("ArrowRight")
    expect_slide(page, 8, "Facilitator commentary")
    commentary = shown.get_by_text("Commentary text: secret-commentary.")
    expect(commentary).to_be_hidden()
    expect(shown.get_by_role("button", name="Show the commentary")).to_have_count(0)
    page.keyboard.press("r")
    expect(commentary).to_be_visible()
    expect(shown.get_by_text("Scenario trainer note.")).to_have_count(0)
    assert_clean(page)


def test_quiz_questions_are_discussion_prompts_with_answers_revealed_by_the_trainer(
    page, fixture_site: Site
) -> None:
    page.goto(fixture_site.page_url(QUIZ))
    # A learner's own answer on this device is not shown to the group.
    page.get_by_label("A wrong option").check()
    page.get_by_role("button", name="Present this page").click()
    shown = presentation(page, "Quiz one")
    expect_slide(page, 1, "Quiz one")
    page.keyboard.press("ArrowRight")
    expect_slide(page, 2, "Question 1")
    expect(shown.get_by_text("Which option is right in the first question?")).to_be_visible()
    expect(shown.get_by_text("Discuss this question together")).to_be_visible()
    expect(shown.get_by_role("listitem").filter(has_text="A wrong option")).to_be_visible()
    for secret in ("Reason-right-one.", "Reason-wrong-one.", "Explanation-one"):
        expect(shown.get_by_text(secret)).to_be_hidden()
    expect(shown.get_by_role("radio")).to_have_count(0)

    # Nothing marks the right option before the reveal.
    options = shown.locator(".ap-quiz-options > li")
    expect(shown.get_by_text("Right answer", exact=True)).to_be_hidden()

    expect(shown.get_by_role("button", name="Show the answer")).to_have_count(0)
    page.keyboard.press("r")  # the trainer reveals with R (or Next) on the main screen
    expect(shown.get_by_text("Right answer: A", exact=True)).to_be_visible()
    expect(shown.get_by_text("Discuss this question together")).to_be_hidden()
    # The right option marked in place, and every reason and the explanation on the same slide.
    expect(options.nth(0)).to_have_text("The right option Right answer")
    expect(options.nth(0).get_by_text("Right answer", exact=True)).to_be_visible()
    expect(options.nth(1)).to_have_text("A wrong option")
    expect_slide(page, 2, "Question 1")
    expect(shown.get_by_text("Explanation-one: why the right option is right.")).to_be_visible()
    answers = shown.locator(".ap-quiz-answers > li")
    expect(answers.filter(has_text="Right: A. The right option")).to_contain_text(
        "Reason-right-one."
    )
    expect(answers.filter(has_text="Not right: B. A wrong option")).to_contain_text(
        "Reason-wrong-one."
    )
    expect(answers.filter(has_text="Not right: C.")).to_contain_text("Reason-wrong-two.")

    page.keyboard.press("ArrowRight")
    expect_slide(page, 3, "Question 2")
    expect(shown.get_by_text("Right answers: A and B")).to_have_count(0)
    # A question whose reasons do not fit beside it at a readable size: the answer, with every
    # reason, is the next slide.
    page.keyboard.press("ArrowRight")
    expect_slide(page, 4, "Question 2: the answer")
    expect(shown.get_by_text("Right answers: A and B")).to_be_visible()
    expect(answers.filter(has_text="Right: A. First right option")).to_contain_text("Reason A.")
    expect(answers.filter(has_text="Right: B. Second right option")).to_contain_text("Reason B.")
    expect(answers.filter(has_text="Not right: C. Wrong option")).to_contain_text("Reason C.")
    expect(answers.filter(has_text="Not right: D.")).to_contain_text("Reason D.")
    expect(shown.get_by_text("Explanation-two.")).to_be_visible()
    page.keyboard.press("ArrowRight")
    expect_slide(page, 5, "End of this page")  # two slides at most for a question
    assert_clean(page)


def split_parts(slides: list[dict]) -> list[dict]:
    """The later parts of sections split over more than one slide (a short opening paragraph
    before a table that fits only a slide of its own still stands alone)."""
    return [
        s
        for s in slides
        if s["kind"] not in ("title", "end") and s["title"].endswith(" (continued)")
    ]


def test_slides_fit_a_projector_and_are_numbered_alike_in_both_windows(
    page, fixture_site: Site
) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    for path, title in [
        (SECTION, "A teaching section"),
        (SCENARIO, "Scenario: a fixture family"),
        (QUIZ, "Quiz one"),
    ]:
        page.goto(fixture_site.page_url(path + "?slide=1"))
        expect_slide(page, 1, title)
        slides = walk_slides(page)
        assert [s["number"] for s in slides if s["over"]] == [], f"{path}: slides overflow"
        assert all(s["px"] >= 22 for s in slides), [(s["number"], s["px"]) for s in slides]
        assert all(s["fill"] >= 1 / 3 for s in split_parts(slides)), path

        # The presenter window, another size entirely, makes the same slides.
        presenter = open_presenter_window(page)
        presenter.set_viewport_size({"width": 700, "height": 1000})
        view = presenter.get_by_role("dialog", name=re.compile("^Presenter view"))
        page.keyboard.press("Home")
        for s in slides:
            expect(view.get_by_role("heading", level=3, name=re.compile("^Now: "))).to_have_text(
                f"Now: slide {s['number']} of {len(slides)}: {s['title']}"
            )
            page.keyboard.press("End" if s["number"] == len(slides) - 1 else "PageDown")
            if s["number"] < len(slides):
                expect_slide(page, s["number"] + 1)
        presenter.close()
    assert_clean(page)


def test_the_course_itself_fits_the_projector(page, real_site: Site) -> None:
    """The targets of issue 28 at 1280×720: the Ellie scenario in at most 24 slides, a quiz in
    at most two slides a question, nothing cut off, type never under 22px."""
    page.set_viewport_size({"width": 1280, "height": 720})
    counts = {}
    for path in [
        "modules/1-permanence/scenario-ellie/",
        "modules/1-permanence/quiz/",
        "modules/1-permanence/what-permanence-means/",
    ]:
        page.goto(real_site.page_url(path + "?slide=1"))
        expect(slide(page)).to_be_visible()
        slides = walk_slides(page)
        counts[path] = slides
        assert [s["number"] for s in slides if s["over"]] == [], f"{path}: slides overflow"
        assert all(s["px"] >= 22 for s in slides), path
        thin = [
            (s["number"], round(s["fill"], 2)) for s in split_parts(slides) if s["fill"] < 1 / 3
        ]
        assert thin == [], f"{path}: parts less than a third full"
    assert len(counts["modules/1-permanence/scenario-ellie/"]) <= 24
    quiz = counts["modules/1-permanence/quiz/"]
    questions = {s["title"].split(":")[0] for s in quiz if s["title"].startswith("Question ")}
    assert len(questions) >= 10
    assert len([s for s in quiz if s["title"].startswith("Question ")]) <= 2 * len(questions)


def test_each_module_opens_with_its_group_agreement(page, fixture_site: Site) -> None:
    page.goto(fixture_site.page_url("modules/1-basics/?slide=1"))
    expect_slide(page, 1, "Module 1: Basics: a fixture module")
    page.keyboard.press("ArrowRight")
    expect_slide(page, 2, "Our group agreement")
    expect(slide(page).get_by_text("Agree together how you will work as a group")).to_be_visible()
    page.goto(fixture_site.page_url("modules/2-more/?slide=2"))
    expect_slide(page, 2, "Our group agreement")
    expect(slide(page).get_by_text("Look again at the agreement the group wrote")).to_be_visible()


def test_a_learners_saved_reflection_never_appears_on_a_slide(
    page, context, fixture_site: Site
) -> None:
    private = "my-private-words-about-my-own-family"
    page.goto(fixture_site.page_url(SECTION))
    box = page.locator("[data-ap-reflection='m1-r-own-practice']")
    typed = box.get_by_role("textbox")
    if typed.count():  # the reflection feature's own text area, where there is one
        typed.first.fill(private)
    # Whatever a reflection feature shows of a saved answer: a text area, a field, a saved copy.
    box.evaluate(
        """(box, words) => {
          const area = document.createElement("textarea");
          area.value = words;
          const saved = document.createElement("p");
          saved.className = "ap-reflection-saved";
          saved.textContent = "You wrote: " + words;
          const field = document.createElement("input");
          field.value = words;
          box.append(area, saved, field);
          localStorage.setItem("ap:test:reflection", words);
        }""",
        private,
    )
    page.get_by_role("button", name="Present this page").click()
    presenter = open_presenter_window(page)
    texts = []
    for _ in range(slide_count(page) * 2):  # forward also reveals, so twice the slides is enough
        texts.append(presentation(page).inner_text())
        texts.append(presenter.get_by_role("dialog", name=re.compile("^Presenter")).inner_text())
        page.keyboard.press("ArrowRight")
    assert "Think about your own practice" in "".join(texts)  # the prompt itself is shown
    assert all(private not in text for text in texts)
    expect(presentation(page).locator("textarea, input, select")).to_have_count(0)


def test_the_presenter_window_follows_the_presentation_and_leads_it(
    page, fixture_site: Site
) -> None:
    page.goto(fixture_site.page_url(SCENARIO))
    page.get_by_role("button", name="Present this page").click()
    presenter = open_presenter_window(page)
    view = presenter.get_by_role("dialog", name="Presenter view: Scenario: a fixture family")
    expect(view.get_by_text("Following the presentation in the other window.")).to_be_visible()
    expect(
        view.get_by_role("heading", name="Now: slide 1 of 9: Scenario: a fixture family")
    ).to_be_visible()
    clock = view.get_by_text(re.compile(r"^\d+:\d\d$"))  # the elapsed clock, which runs
    expect(clock).to_be_visible()
    expect(clock).not_to_have_text("0:00")
    view.get_by_role("button", name="Restart the clock").click()
    expect(clock).to_have_text("0:00")
    expect(view.get_by_text("On plan")).to_be_visible()
    expect(view.get_by_text("Planned for this page: 30 minutes.")).to_be_visible()
    # The notes for the slide's own section come first; the page's others wait, folded.
    expect(view.get_by_text("No trainer notes for this section.")).to_be_visible()
    other = view.get_by_text("Other trainer notes for this page (1)")
    expect(view.get_by_text("Scenario trainer note.")).to_be_hidden()
    other.click()
    expect(view.get_by_text("Scenario trainer note.")).to_be_visible()
    upcoming = view.get_by_role("region", name="Next")
    expect(upcoming.get_by_role("heading", name="Next: slide 2")).to_be_visible()
    expect(upcoming.get_by_text("Content note", exact=True)).to_be_visible()  # its preview

    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect_slide(page, 4, "Stage 2: later")
    expect(view.get_by_role("heading", name="Now: slide 4 of 9: Stage 2: later")).to_be_visible()
    expect(view.get_by_text("Still hidden on the projector: this stage.")).to_be_visible()
    expect(view.get_by_role("heading", name="Trainer notes for this section")).to_be_visible()
    expect(view.get_by_text("Scenario trainer note.")).to_be_visible()
    expect(view.get_by_text(re.compile("^Other trainer notes"))).to_have_count(0)
    expect(view.get_by_text("Facilitation: Pause before this stage")).to_be_visible()
    expect(
        view.get_by_role("heading", name="Next: reveal on this slide, then slide 5")
    ).to_be_visible()

    view.get_by_role("button", name="Show this stage").click()  # the presenter leads
    expect(presentation(page).get_by_text("Stage two text: secret-stage-two.")).to_be_visible()
    expect(view.get_by_text("Shown on the projector: this stage.")).to_be_visible()
    expect(upcoming.get_by_role("heading", name="Next: slide 5")).to_be_visible()
    expect(upcoming.get_by_text("Stage 3: much later", exact=True)).to_be_visible()
    presenter.keyboard.press("ArrowRight")
    expect_slide(page, 5, "Stage 3: much later")
    assert page.url.endswith("?slide=5")
    presenter.keyboard.press("ArrowLeft")
    expect_slide(page, 4)
    expect(view.get_by_role("heading", name="Now: slide 4 of 9: Stage 2: later")).to_be_visible()

    page.keyboard.press("Escape")
    expect(view.get_by_text("The presentation has ended.")).to_be_visible()
    page.get_by_role("button", name="Present this page").click()
    expect(view.get_by_text("Following the presentation in the other window.")).to_be_visible()
    assert_clean(page)


def test_presenting_the_next_page_carries_on_without_a_reload_and_the_presenter_follows(
    page, fixture_site: Site
) -> None:
    page.goto(fixture_site.page_url(SECTION))
    page.get_by_role("button", name="Present this page").click()
    presenter = open_presenter_window(page)
    mark_document(page)
    page.keyboard.press("End")
    page.get_by_role("link", name="Present the next page: Scenario: a fixture family").click()
    page.wait_for_url("**/" + SCENARIO + "?slide=1")
    expect(presentation(page, "Scenario: a fixture family")).to_be_visible()
    expect_slide(page, 1, "Scenario: a fixture family")
    assert still_same_document(page)
    expect(
        presenter.get_by_role("dialog", name="Presenter view: Scenario: a fixture family")
    ).to_be_visible()
    page.keyboard.press("ArrowRight")
    expect(presenter.get_by_role("heading", name="Now: slide 2 of 9: Content note")).to_be_visible()
    assert_clean(page)


def test_touch_swipes_move_through_the_slides(browser, fixture_site: Site) -> None:
    context = new_context(browser, viewport={"width": 1024, "height": 768}, has_touch=True)
    try:
        page = context.new_page()
        page.goto(fixture_site.page_url(SECTION + "?slide=2"))
        expect_slide(page, 2)
        cdp = context.new_cdp_session(page)

        def swipe(x0: int, x1: int) -> None:
            cdp.send(
                "Input.dispatchTouchEvent",
                {"type": "touchStart", "touchPoints": [{"x": x0, "y": 400}]},
            )
            cdp.send(
                "Input.dispatchTouchEvent",
                {"type": "touchMove", "touchPoints": [{"x": x1, "y": 410}]},
            )
            cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

        swipe(800, 300)
        expect_slide(page, 3)
        swipe(300, 800)
        expect_slide(page, 2)
        assert context_violations(context) == {}
    finally:
        context.close()


def test_full_screen_by_button_and_key(page, fixture_site: Site) -> None:
    page.goto(fixture_site.page_url(SECTION + "?slide=1"))
    button = presentation(page).get_by_role("button", name="Full screen")
    expect(button).to_have_attribute("aria-pressed", "false")
    bar = presentation(page).locator(".ap-present__bar")
    expect(bar).to_have_css("opacity", "1")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("document.fullscreenElement.getAttribute('role')") == "dialog"
    expect(bar).to_have_css("opacity", "0")  # the room sees only the slide
    page.mouse.move(400, 300)
    page.mouse.move(420, 320)
    expect(bar).to_have_css("opacity", "1")  # back on movement
    expect(bar).to_have_css("opacity", "0", timeout=6000)  # and gone again when idle
    page.keyboard.press("ArrowRight")  # keys still work in full screen
    expect_slide(page, 2)
    page.keyboard.press("f")
    expect(button).to_have_attribute("aria-pressed", "false")
    assert page.evaluate("document.fullscreenElement") is None
    page.keyboard.press("f")  # the key also goes into full screen
    expect(button).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("document.fullscreenElement.getAttribute('role')") == "dialog"
    page.keyboard.press("Escape")  # ends the presentation and leaves full screen
    expect(presentation(page)).to_have_count(0)
    assert page.evaluate("document.fullscreenElement") is None


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_slide_changes_move_only_when_motion_is_welcome(
    browser, fixture_site: Site, motion: str
) -> None:
    context = new_context(browser, reduced_motion=motion)
    try:
        page = context.new_page()
        page.goto(fixture_site.page_url(SECTION + "?slide=1"))
        expect_slide(page, 1)
        page.keyboard.press("ArrowRight")
        expect_slide(page, 2)
        # The slide's own animation as styled, not whether it is still running: on a busy
        # machine a quarter-second animation can end before the check.
        moving = slide(page).evaluate(
            "el => getComputedStyle(el.querySelector('.ap-slide')).animationName !== 'none'"
        )
        assert moving == (motion != "reduce")
        assert context_violations(context) == {}
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_presentation_mode(
    browser, fixture_site: Site, scheme: str
) -> None:
    context = new_context(browser, color_scheme=scheme, viewport={"width": 1280, "height": 720})
    failures: dict[str, list[str]] = {}
    try:
        page = context.new_page()
        for path, keys in [
            (SECTION + "?slide=1", []),
            (SECTION + "?slide=2", []),
            (SCENARIO + "?slide=4", ["ArrowRight"]),
            (SCENARIO + "?slide=7", []),
            (QUIZ + "?slide=2", ["ArrowRight"]),
            ("modules/1-basics/?slide=2", []),
            (SCENARIO + "?presenter=1", ["End"]),
        ]:
            page.goto(fixture_site.page_url(path))
            expect(
                page.get_by_role("dialog", name=re.compile("^(Presentation|Presenter view)"))
            ).to_be_visible()
            for key in keys:
                page.keyboard.press(key)
            page.wait_for_timeout(300)  # let the slide's entrance finish before checking colours
            found = axe_violations(page)
            if found:
                failures[path] = found
        page.goto(fixture_site.page_url(SECTION))
        page.get_by_role("button", name="Trainer view").click()
        page.wait_for_timeout(500)  # clicking scrolled the page: let Material's header settle
        found = axe_violations(page)
        if found:
            failures["trainer view"] = found
        assert context_violations(context) == {}
    finally:
        context.close()
    assert failures == {}


def test_presentation_assets_are_published_but_not_loaded_on_every_page(fixture_site: Site) -> None:
    assets = fixture_site.root / "assets/permanence"
    assert (assets / "js/pages/present.js").exists() and (assets / "css/present.css").exists()
    home = (fixture_site.root / "index.html").read_text(encoding="utf-8")
    assert "js/permanence.js" in home and "css/permanence.css" in home  # trainer.js, trainer.css
    assert "present.js" not in home and "present.css" not in home


@pytest.fixture(scope="module")
def folder_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture course built to be opened from a folder: .html links, no policy <meta>
    (as scripts/offline.py builds it, without Material's offline search)."""
    course = tmp_path_factory.mktemp("folder") / "course"
    shutil.copytree(FIXTURE, course)
    config = course / "mkdocs.yml"
    config.write_text(config.read_text().replace("../../../mkdocs.yml", str(ROOT / "mkdocs.yml")))
    with (ROOT / "mkdocs.yml").open("rb") as fd:
        plugins = offline_plugins(yaml_load(fd)["plugins"])[:-1]
    offline = course / "offline.yml"
    offline.write_text(
        yaml.safe_dump(
            {
                "INHERIT": "mkdocs.yml",
                "site_url": "",
                "use_directory_urls": False,
                "plugins": plugins,
            }
        )
    )
    build(offline, course.parent / "site")
    return course.parent / "site"


def test_presenting_from_a_folder_with_the_presenter_window_in_step(
    page, folder_site: Path
) -> None:
    page.goto((folder_site / "modules/1-basics/scenario.html").as_uri())
    page.get_by_role("button", name="Present this page").click()
    expect_slide(page, 1, "Scenario: a fixture family")
    presenter = open_presenter_window(page)
    assert presenter.url.startswith("file://") and presenter.url.endswith("?presenter=1")
    view = presenter.get_by_role("dialog", name="Presenter view: Scenario: a fixture family")
    expect(view.get_by_text("Following the presentation in the other window.")).to_be_visible()
    page.keyboard.press("ArrowRight")
    expect(view.get_by_role("heading", name="Now: slide 2 of 9: Content note")).to_be_visible()
    presenter.keyboard.press("End")
    expect_slide(page, 9, "End of this page")
    page.reload()
    expect_slide(page, 9, "End of this page")
    page.get_by_role("link", name="Present the next page: Quiz one").click()
    page.wait_for_url("**/modules/1-basics/quiz.html?slide=1")
    expect_slide(page, 1, "Quiz one")
    expect(presenter.get_by_role("dialog", name="Presenter view: Quiz one")).to_be_visible()
    assert page.watch.foreign_requests() == []
