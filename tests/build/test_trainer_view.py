"""Trainer view as the build writes it into module pages: hidden, out of search, in the right places."""

from __future__ import annotations

import re

from permanence_course.trainer import FACILITATION, add_trainer_view
from tests.conftest import Site

SCENARIO_HTML = """<h1 id="s">Scenario</h1>
<div class="admonition content-note" role="note"><p>Note.</p></div>
<p class="ap-stage-invite" data-ap-stage-invite>Before you open the next stage...</p>
<details class="stage" data-ap-stage="2"><summary>Stage 2</summary><p>Two.</p></details>
<div class="admonition discussion"><p class="admonition-title">Discussion</p></div>
<div class="admonition reflection" id="m1-r-x" data-ap-reflection="m1-r-x"><p>R.</p></div>
<details class="commentary" data-ap-commentary><summary>Commentary</summary></details>
<div class="quiz" id="quiz-0"></div><div class="quiz" id="quiz-1"></div>"""


def kinds_in_order(html: str) -> list[str]:
    return re.findall(r'data-ap-facilitation="(\w+)"', html)


def test_a_prompt_goes_before_each_block_a_trainer_facilitates_and_one_before_a_quiz() -> None:
    out = add_trainer_view(SCENARIO_HTML, 30)
    assert kinds_in_order(out) == ["stage", "discussion", "reflection", "commentary", "quiz"]
    stage = out.index('data-ap-facilitation="stage"')
    assert out.index("data-ap-stage-invite") < stage < out.index('<details class="stage"')
    assert FACILITATION["commentary"] in out


def test_planned_time_follows_the_title_and_the_tools_end_the_page() -> None:
    out = add_trainer_view(SCENARIO_HTML, 30)
    assert re.search(
        r"</h1>\s*<p [^>]*data-ap-timing[^>]*>Trainer view · Planned time for this "
        r"page: 30 minutes\.",
        out,
    )
    assert out.rstrip().endswith("</div>") and out.index("data-ap-trainer-tools") > out.index(
        "quiz-1"
    )
    assert "It only hides notes from view: it is not a secret" in out


def test_everything_added_is_hidden_and_kept_out_of_search() -> None:
    out = add_trainer_view(SCENARIO_HTML, 30)
    added = re.findall(
        r"<(?:p|div) [^>]*(?:data-ap-facilitation|data-ap-timing|data-ap-trainer-tools)[^>]*>", out
    )
    assert len(added) == 7
    for tag in added:
        assert " hidden" in tag and "data-search-exclude" in tag, tag
    # Prompts and the planned time follow trainer view (course.js); the tools show when the
    # script that runs them is there (trainer.js).
    assert all("data-ap-trainer " in tag for tag in added if "tools" not in tag)


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
