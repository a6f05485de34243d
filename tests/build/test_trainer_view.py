"""Trainer view as the build writes it into module pages: hidden, out of search, in the right places."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import yaml

from permanence_course.course import Page
from permanence_course.errors import CourseError
from permanence_course.markdown_ext import CourseExtension, PageRender
from tests.conftest import FIXTURE, Site

# The words come from the course's data (modules/wording.yml), not from the code.
WORDING = yaml.safe_load((FIXTURE / "modules/wording.yml").read_text("utf-8"))
FACILITATION = WORDING["facilitation"]

SCENARIO_MD = """# Scenario

/// content-note | Content note
Note.
///

/// stage | Stage 2
Two.
///

/// discussion | Discussion
Talk.
///

/// reflection | Reflection
    attrs: {id: m1-r-x}
R.
///

/// commentary | Commentary
Afterwards.
///

<!-- assesses: m1-lo1 -->
<!-- MKDOCS_QUIZ_PLACEHOLDER_0 -->

<!-- MKDOCS_QUIZ_PLACEHOLDER_1 -->
"""


def module_page(minutes: int = 30) -> Page:
    return Page(
        src="modules/1-x/scenario.md",
        path=Path("scenario.md"),
        module=1,
        title="Scenario",
        kind="scenario",
        minutes=minutes,
        outcomes=[],
        topics=[],
        scenario=None,
        quiz_enabled=True,
        body="",
        body_line=1,
    )


def render(text: str, page: Page | None = None, src: str = "modules/1-x/scenario.md") -> str:
    """A page rendered as the plugin renders it: our extension beside pymdownx's blocks."""
    extension = CourseExtension()
    md = markdown.Markdown(
        extensions=["attr_list", "pymdownx.blocks.admonition", "pymdownx.blocks.details", extension]
    )
    extension.next_page(PageRender(src=src, page=page, facilitation=FACILITATION))
    return md.convert(text)


def kinds_in_order(html: str) -> list[str]:
    return re.findall(r'data-ap-facilitation="(\w+)"', html)


def test_a_prompt_goes_before_each_block_a_trainer_facilitates_and_one_before_a_quiz() -> None:
    out = render(SCENARIO_MD, module_page())
    assert kinds_in_order(out) == ["stage", "discussion", "reflection", "commentary", "quiz"]
    stage = out.index('data-ap-facilitation="stage"')
    assert out.index("data-ap-stage-invite") < stage < out.index('<details class="stage"')
    assert FACILITATION["commentary"] in out
    # Before the question's outcome marker, which the quiz adapter moves onto the question.
    assert out.index('data-ap-facilitation="quiz"') < out.index("assesses: m1-lo1")


def test_planned_time_follows_the_title_and_the_tools_end_the_page() -> None:
    out = render(SCENARIO_MD, module_page())
    assert re.search(
        r"</h1>\s*<p [^>]*data-ap-timing[^>]*>Trainer view · Planned time for this "
        r"page: 30 minutes\.",
        out,
    )
    assert out.rstrip().endswith("</div>") and out.index("data-ap-trainer-tools") > out.index(
        "MKDOCS_QUIZ_PLACEHOLDER_1"
    )
    assert "It only hides notes from view: it is not a secret" in out


def test_everything_added_is_hidden_and_kept_out_of_search() -> None:
    out = render(SCENARIO_MD, module_page())
    added = re.findall(
        r"<(?:p|div) [^>]*(?:data-ap-facilitation|data-ap-timing|data-ap-trainer-tools)[^>]*>", out
    )
    assert len(added) == 7
    for tag in added:
        assert " hidden" in tag and "data-search-exclude" in tag, tag
    # Prompts and the planned time follow trainer view (course.js); the tools show when the
    # script that runs them is there (trainer.js).
    assert all("data-ap-trainer " in tag for tag in added if "tools" not in tag)


def test_pages_outside_the_modules_get_the_blocks_but_no_trainer_view() -> None:
    out = render(SCENARIO_MD, None, src="about.md")
    assert "data-ap-facilitation" not in out and "data-ap-timing" not in out
    assert "data-ap-trainer-tools" not in out
    assert 'data-ap-stage="2"' in out and 'data-ap-reflection="m1-r-x"' in out


def test_each_block_is_kept_in_the_course_model_as_rendered() -> None:
    page = module_page()
    render(SCENARIO_MD, page)
    assert [(b.kind, b.title) for b in page.blocks] == [
        ("content-note", "Content note"),
        ("stage", "Stage 2"),
        ("discussion", "Discussion"),
        ("reflection", "Reflection"),
        ("commentary", "Commentary"),
    ]
    reflection = page.blocks[3]
    assert reflection.id == "m1-r-x" and 'data-ap-reflection="m1-r-x"' in reflection.html
    assert "<p>R.</p>" in reflection.html


def test_the_prompts_are_the_words_in_the_course_data() -> None:
    extension = CourseExtension()
    md = markdown.Markdown(extensions=["pymdownx.blocks.details", extension])
    words = {**FACILITATION, "stage": "Ask the room first & wait."}
    extension.next_page(PageRender(src="s.md", page=module_page(), facilitation=words))
    out = md.convert("/// stage | Stage 2\nTwo.\n///\n")
    assert "<strong>Facilitation:</strong> Ask the room first &amp; wait.</p>" in out


def test_a_reflection_without_its_id_names_the_file() -> None:
    with pytest.raises(CourseError, match=r"modules/1-x/scenario\.md: field 'reflection id'"):
        render("/// reflection | Reflection\nThink.\n///\n", module_page())


def test_module_pages_carry_trainer_view_and_other_pages_do_not(fixture_site: Site) -> None:
    scenario = (fixture_site.root / "modules/1-basics/scenario/index.html").read_text("utf-8")
    assert kinds_in_order(scenario) == ["stage", "stage", "discussion", "reflection", "commentary"]
    assert "Planned time for this page: 30 minutes." in scenario
    quiz = (fixture_site.root / "modules/1-basics/quiz/index.html").read_text("utf-8")
    assert kinds_in_order(quiz) == ["quiz"]
    home = (fixture_site.root / "index.html").read_text("utf-8")
    assert "data-ap-trainer-tools" not in home and "data-ap-facilitation" not in home
    index = (fixture_site.root / "search/search_index.json").read_text("utf-8")
    assert "Pause before this stage" not in index and "For trainers" not in index
