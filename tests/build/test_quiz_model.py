"""Quizzes read once: the course model holds every question, and the one adapter over
mkdocs-quiz's output (quiz.adapt) puts it on each rendered question as page data, which the
printed quizzes and the slides read instead of mkdocs-quiz's markup. Checked against the pinned
mkdocs-quiz: its own markup must agree with the model on which options are right."""

from __future__ import annotations

import html
import json
import re

import pytest
from mkdocs.exceptions import PluginError

from permanence_course import quiz
from permanence_course.course import QuizQuestion, load_course
from tests.conftest import FIXTURE, Site

QUESTION = re.compile(
    r'<div class="quiz"[^>]*\bdata-ap-question="([^"]*)"[^>]*>(.*?)</fieldset>', re.S
)


def questions_on(site: Site, path: str) -> list[tuple[dict, str]]:
    text = (site.root / path).read_text(encoding="utf-8")
    return [(json.loads(html.unescape(m.group(1))), m.group(2)) for m in QUESTION.finditer(text)]


def test_each_rendered_question_carries_the_models_question(fixture_site: Site) -> None:
    course, _ = load_course(FIXTURE)
    model = next(p for p in course.pages if p.src == "modules/1-basics/quiz.md").questions
    found = questions_on(fixture_site, "modules/1-basics/quiz/index.html")
    assert len(found) == len(model) == 2
    for (data, markup), q in zip(found, model, strict=True):
        assert [o["html"] for o in data["options"]] == q.answers
        assert [o["right"] for o in data["options"]] == q.keyed
        assert [o["reason"] for o in data["options"]] == q.reasons
        assert data["outcomes"] == q.outcomes
        assert data["multiple"] == (sum(q.keyed) > 1)
        # mkdocs-quiz, as pinned, marks the same options right.
        inputs = re.findall(r'<input[^>]*type="(?:radio|checkbox)"[^>]*>', markup)
        assert ['data-correct="true"' in tag for tag in inputs] == q.keyed
    first = found[0][0]
    assert first["question"] == "<p>Which option is right in the first question?</p>"
    assert first["explanation"] == "<p>Explanation-one: why the right option is right.</p>"


def test_a_question_mkdocs_quiz_did_not_render_as_the_model_says_stops_the_build() -> None:
    one = QuizQuestion(1, 1, ["m1-lo1"], "Q?", ["A", "B"], [True, False], "Q?", ["a", "b"], "E.")
    rendered = '<div class="quiz" id="quiz-0"></div><div class="quiz" id="quiz-1"></div>'
    with pytest.raises(PluginError, match="rendered 2 questions where the course model has 1"):
        quiz.adapt(rendered, [one], quiz.QuestionRenderer())
    # Quizzes off on the page: nothing rendered, nothing to adapt (the build warns elsewhere).
    assert quiz.adapt("<p>No quiz.</p>", [one], quiz.QuestionRenderer()) == "<p>No quiz.</p>"
