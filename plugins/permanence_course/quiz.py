"""mkdocs-quiz, made safe for this site.

mkdocs-quiz appends ~64 KB of inline CSS and JavaScript to each quiz page. We move that code into
two files served from the site (so a Content-Security-Policy needs no inline script), scope its
CSS to quizzes, drop the inline `onsubmit`/`javascript:` form handler (its own submit handler
already prevents the default), and make it start exactly once per page view: as shipped it starts
twice after Material's instant navigation (once directly, once from the replayed document$), so
each question answered twice; and it kept one page's answers when instant navigation reached
a quiz page with none saved.

This module is the one adapter between mkdocs-quiz (the quiz engine: its syntax and rendering)
and the site: `vendor_js`/`vendor_css` and `externalise` for its code, `adapt` for its rendered
questions. Nothing else reads mkdocs-quiz's markup at build time: the course model
(course.scan_quiz) holds every question, and `adapt` puts it on each rendered question as page
data for the printed quizzes (materials.print_quiz) and the slides (pages/present.js). In the
browser, assets/js/pages/quiz.js adapts its behaviour. tests/build/test_quiz_model.py checks the
adapter against the pinned version.
"""

from __future__ import annotations

import html as html_lib
import re
from typing import Any

import markdown
from mkdocs.exceptions import PluginError
from mkdocs_quiz import plugin as quiz_plugin

from .course import QuizQuestion
from .html import to_json

VENDOR_DEST = "assets/permanence/vendor"
JS_NAME = "mkdocs-quiz.js"
CSS_NAME = "mkdocs-quiz.css"

# The start-up block of mkdocs-quiz 1.7.1's quiz.js that runs initializePage() directly.
DIRECT_START = """  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initializePage);
  } else {
    initializePage();
  }"""
GUARDED_START = (
    """  // Patched by the permanence-course plugin: under Material, document$ (which replays the
  // current page) is the only start, so a page's quizzes are set up exactly once.
  if (typeof document$ === "undefined") {
"""
    + DIRECT_START.replace("initializePage", "apWhenNear").replace("\n", "\n  ")
    + "\n  }"
)

# mkdocs-quiz's set-up of a page's quizzes (its long task on a quiz page's start) waits until a
# quiz is near the viewport, or a control in one takes the keyboard's focus. Until then the
# quizzes already work: their controls are plain HTML, and pages/quiz.js takes every submit.
# A new page (instant navigation) drops the last page's wait.
SUBSCRIBED_START = """      // Reinitialize everything for the new page
      initializePage();"""
NEAR_START = """      // Reinitialize everything for the new page (patched: once a quiz is near)
      apWhenNear();"""
WHEN_NEAR = """  // Patched by the permanence-course plugin: set up once a quiz is near the viewport.
  function apWhenNear() {
    if (window.__apQuizWait) window.__apQuizWait();
    const quizzes = document.querySelectorAll(".quiz");
    if (!quizzes.length || typeof IntersectionObserver !== "function") return initializePage();
    let done = false;
    const go = () => { if (!done) { done = true; stop(); initializePage(); } };
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) go();
    }, { rootMargin: "50% 0px" });
    const onFocus = (e) => { if (e.target && e.target.closest && e.target.closest(".quiz")) go(); };
    function stop() {
      done = true;
      io.disconnect();
      document.removeEventListener("focusin", onFocus, true);
      if (window.__apQuizWait === stop) window.__apQuizWait = null;
    }
    window.__apQuizWait = stop;
    quizzes.forEach((q) => io.observe(q));
    document.addEventListener("focusin", onFocus, true);
  }

"""

# quizTracker.init() loads a page's saved answers only when there are some, so after instant
# navigation a quiz page with none kept the previous page's answers: its questions showed as
# answered, and the next answer saved the other page's into this page's key.
TRACKER_INIT = """    init: function () {
      this.totalQuizzes = document.querySelectorAll(".quiz").length;"""
FRESH_TRACKER_INIT = """    init: function () {
      // Patched by the permanence-course plugin: each page starts from its own answers only.
      this.quizzes = {};
      this.answeredQuizzes = 0;
      this.correctQuizzes = 0;
      this.totalQuizzes = document.querySelectorAll(".quiz").length;"""

INLINE_DATA = re.compile(
    r'<script type="text/javascript">\s*window\.mkdocsQuiz(?:Translations|Config) = .*?</script>',
    re.S,
)
SIDEBAR = re.compile(
    r'<div id="quiz-progress-sidebar".*?<nav id="quiz-progress-mobile".*?</nav>', re.S
)
FORM_HANDLER = '<form action="javascript:void(0);" onsubmit="return false;">'


def _inner(tag_html: str, tag: str) -> str:
    match = re.match(rf"<{tag}[^>]*>(.*)</{tag}>\s*$", tag_html.strip(), re.S)
    if not match:
        raise PluginError(f"mkdocs-quiz's bundled {tag} has an unexpected shape; review quiz.py")
    return match.group(1)


def vendor_js() -> str:
    source = _inner(quiz_plugin.js_script, "script")
    if DIRECT_START not in source:
        raise PluginError(
            "mkdocs-quiz's quiz.js no longer has the start-up block this site patches; "
            "review plugins/permanence_course/quiz.py before upgrading mkdocs-quiz"
        )
    if TRACKER_INIT not in source:
        raise PluginError(
            "mkdocs-quiz's quiz.js no longer has the quizTracker.init this site patches; "
            "review plugins/permanence_course/quiz.py before upgrading mkdocs-quiz"
        )
    if SUBSCRIBED_START not in source:
        raise PluginError(
            "mkdocs-quiz's quiz.js no longer has the document$ start this site patches; "
            "review plugins/permanence_course/quiz.py before upgrading mkdocs-quiz"
        )
    source = source.replace(TRACKER_INIT, FRESH_TRACKER_INIT, 1)
    source = source.replace(SUBSCRIBED_START, NEAR_START, 1)
    source = source.replace(DIRECT_START, WHEN_NEAR + DIRECT_START, 1)
    config = "window.mkdocsQuizConfig = {confetti: false, showProgress: false};\n"
    # Material runs this file again each time instant navigation reaches a quiz page, after
    # document$ has already announced that page to the first copy's subscription: later copies
    # must do nothing, or every question would be set up twice.
    return (
        "if (!window.__apQuizStarted) {\nwindow.__apQuizStarted = true;\n"
        + config
        + source.replace(DIRECT_START, GUARDED_START, 1)
        + "\n}\n"
    )


SCOPED_PREFIXES = (".quiz", "#quiz-", ".md-nav--secondary > #quiz")
SLATE = '[data-md-color-scheme="slate"]'


def _scope(selector: str) -> str:
    s = selector.strip()
    if not s or s.startswith(SCOPED_PREFIXES):
        return s
    if s.startswith(SLATE):
        rest = s[len(SLATE) :].strip()
        return s if rest.startswith(SCOPED_PREFIXES) else f"{SLATE} .quiz {rest}"
    return f".quiz {s}"


def vendor_css() -> str:
    """mkdocs-quiz's CSS with every rule scoped to quizzes, so nothing leaks into the site."""
    css = re.sub(r"/\*.*?\*/", "", _inner(quiz_plugin.style, "style"), flags=re.S)
    out: list[str] = []
    pos = 0
    for match in re.finditer(r"([^{};]+)\{", css):
        out.append(css[pos : match.start()])
        head = match.group(1)
        if head.strip().startswith("@") or re.match(r"^\s*(from|to|\d+%)", head):
            out.append(head + "{")
        else:
            out.append(", ".join(_scope(sel) for sel in head.split(",")) + " {")
        pos = match.end()
    out.append(css[pos:])
    return "".join(out)


QUIZ_OPEN = re.compile(r'<div class="quiz"[^>]*\bid="(quiz-\d+)"[^>]*>')
QUESTION_OPEN = '<div class="quiz-question" id="{id}-question">'
LABELLED = 'aria-labelledby="{id}-question"'


def number_questions(html: str) -> str:
    """Number each question ("Question 3 of 19", also in its group's accessible name) and hold
    the places the quiz adapter (assets/js/pages/quiz.js) fills: the running score above the
    questions and the summary after them. Written by the build, so nothing moves when the
    adapter starts (layout shift) and a page without scripts still shows the numbers."""
    ids = QUIZ_OPEN.findall(html)
    total = len(ids)
    if not total:
        return html
    for n, qid in enumerate(ids, start=1):
        question = QUESTION_OPEN.format(id=qid)
        if question not in html or LABELLED.format(id=qid) not in html:
            raise PluginError(
                "mkdocs-quiz's question markup has an unexpected shape; review quiz.py "
                "and assets/js/pages/quiz.js before upgrading mkdocs-quiz"
            )
        number = f'<p class="ap-quiz-number" id="{qid}-number">Question {n} of {total}</p>'
        html = html.replace(question, number + question, 1)
        html = html.replace(
            LABELLED.format(id=qid), f'aria-labelledby="{qid}-number {qid}-question"', 1
        )
    first = QUIZ_OPEN.search(html)
    assert first is not None
    tally = (
        f'<p class="ap-quiz-tally" data-ap-quiz-tally data-search-exclude>'
        f"0 of {total} answered · 0 right first time</p>"
    )
    html = html[: first.start()] + tally + html[first.start() :]
    summary = (
        '<section class="ap-quiz-summary" data-ap-quiz-summary data-search-exclude '
        'aria-labelledby="ap-quiz-summary-title"><h2 id="ap-quiz-summary-title">Your results</h2>'
        f"<p>You have answered 0 of {total} questions. When you have answered them all, your "
        "score and your results for each learning outcome appear here, with the pages to "
        "revisit.</p></section>"
    )
    last = QUIZ_OPEN.findall(html)[-1]
    end = _quiz_end(html, html.index(f'id="{last}"'))
    return html[:end] + summary + html[end:]


def _quiz_end(html: str, inside: int) -> int:
    """Where the quiz <div> holding position `inside` closes (its nested divs counted)."""
    start = html.rindex("<div", 0, inside)
    depth = 0
    for tag in re.finditer(r"<(/?)div\b[^>]*>", html[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return start + tag.end()
    raise PluginError("a quiz question's <div> is not closed; review quiz.py")


def externalise(html: str, css_href: str, js_src: str) -> str:
    """Replace mkdocs-quiz's inline code on a quiz page with links to the vendor files, and
    number its questions (number_questions)."""
    if "mkdocsQuiz" not in html:
        return html
    html = number_questions(html)
    html = html.replace(quiz_plugin.style, "").replace(quiz_plugin.js_script, "")
    html = html.replace(quiz_plugin.confetti_lib_script, "")
    html = INLINE_DATA.sub("", html)
    html = SIDEBAR.sub("", html)
    html = html.replace(FORM_HANDLER, "<form>")
    leftover = re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html)
    if leftover:
        raise PluginError(
            f"an inline script from mkdocs-quiz was left on a page: {leftover.group(0)}"
        )
    return html + f'<link rel="stylesheet" href="{css_href}"><script src="{js_src}" defer></script>'


# -- the course model's questions, on the questions mkdocs-quiz rendered ------------------------

ASSESSES_HTML = re.compile(r'<!--\s*assesses:\s*(.*?)\s*-->\s*(<div class="quiz")', re.S)
QUIZ_DIV = re.compile(r'<div class="quiz"[^>]*')


class QuestionRenderer:
    """The course model's question text as HTML, for printed quizzes and slides. A plain
    Markdown instance: quiz text is words with emphasis (the quiz rules allow no fill-ins and
    quiz pages have no links), and a plain one is four times faster than the site's set."""

    def __init__(self) -> None:
        self.md = markdown.Markdown()

    def block(self, text: str) -> str:
        self.md.reset()
        return self.md.convert(text)

    def inline(self, text: str) -> str:
        return re.sub(r"^\s*<p>(.*)</p>\s*$", r"\1", self.block(text), flags=re.S)

    def question(self, q: QuizQuestion) -> dict[str, Any]:
        """One question as page data: what it asks, each option (right or not, and why), the
        explanation and the outcomes it assesses."""
        return {
            "question": self.block(q.stem),
            "options": [
                {"html": self.inline(a), "right": right, "reason": self.inline(reason)}
                for a, right, reason in zip(q.answers, q.keyed, q.reasons, strict=False)
            ],
            "multiple": sum(q.keyed) > 1,
            "explanation": self.block(q.explanation),
            "outcomes": q.outcomes,
        }


def adapt(text: str, questions: list[QuizQuestion], render: QuestionRenderer) -> str:
    """The one adapter over mkdocs-quiz's rendered questions (with `externalise`, its code):

    - each question carries the outcomes it assesses (`data-outcomes`, from the author's
      `<!-- assesses -->` marker, which goes) and its place in the course model as page data
      (`data-ap-question`: JSON, read by the printed materials and the slides instead of
      mkdocs-quiz's markup);
    - its explanation and reasons stay out of the search index: a search must not give answers
      away.
    """

    def marker(match: re.Match[str]) -> str:
        ids = " ".join(match.group(1).replace(",", " ").split())
        return f'{match.group(2)} data-outcomes="{html_lib.escape(ids)}"'

    text = ASSESSES_HTML.sub(marker, text)
    rendered = len(QUIZ_DIV.findall(text))
    if questions and rendered == len(questions):
        data = iter(questions)

        def model(match: re.Match[str]) -> str:
            json_text = html_lib.escape(to_json(render.question(next(data))), quote=True)
            return f'{match.group(0)} data-ap-question="{json_text}"'

        text = QUIZ_DIV.sub(model, text)
    elif questions and rendered:  # none at all: quizzes are off on the page (a warning)
        raise PluginError(
            f"mkdocs-quiz rendered {rendered} questions where the course "
            f"model has {len(questions)}; review quiz.py before upgrading mkdocs-quiz"
        )
    text = text.replace(
        '<section class="content hidden">', '<section class="content hidden" data-search-exclude>'
    )
    return text.replace(
        '<div class="answer-feedback hidden">',
        '<div class="answer-feedback hidden" data-search-exclude>',
    )
