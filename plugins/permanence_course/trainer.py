"""Trainer view in a module page's HTML: planned time, facilitation prompts, trainer tools.

Written at build time and hidden: course.js shows every `[data-ap-trainer]` element when trainer
view is on, and trainer.js only unhides the tools and wires their buttons, so the code that runs
on every page stays small. Like trainer notes, none of it is secret, only out of view; the tools
say so. The presentation (pages/present.js) reads the prompts to show them to the presenter.
"""

from __future__ import annotations

import html
import re

FACILITATION = {
    "stage": "Pause before this stage: ask the group what they would do now, and why. Open it "
    "once people have committed to a view.",
    "commentary": "Take the group's views first, then share the commentary. Warn against "
    "hindsight: the people in the scenario did not know what came next.",
    "discussion": "Give people a minute to think alone, then take answers from around the room "
    "before offering your own.",
    "reflection": "Private thinking: nobody has to share what they write.",
    "quiz": "Ask everyone to commit to an answer before you reveal it, then ask why the other "
    "options are tempting.",
}
"""What a trainer might do at each kind of block, shown before it in trainer view."""

BLOCK = re.compile(
    r'<details class="(?P<details>stage|commentary)"'
    r'|<div class="admonition (?P<admonition>discussion|reflection)"'
    r'|<div class="(?P<quiz>quiz)"'
)
H1_END = re.compile(r"</h1>")
HIDDEN = "data-ap-trainer hidden data-search-exclude"
PRESENT = '<button type="button" class="ap-button" data-ap-present>Present this page</button>'


def prompt(kind: str) -> str:
    return (
        f'<p class="ap-facilitation" data-ap-facilitation="{kind}" {HIDDEN}>'
        f"<strong>Facilitation:</strong> {html.escape(FACILITATION[kind], quote=False)}</p>\n"
    )


def tools() -> str:
    """The trainer tools at the foot of the page: hidden unless the browser runs trainer.js."""
    return (
        '<div class="ap-trainer-tools" data-ap-trainer-tools hidden data-search-exclude>'
        "<p><strong>For trainers</strong></p>"
        '<p><button type="button" class="ap-button" aria-pressed="false" data-ap-trainer-toggle>'
        f"Trainer view</button> {PRESENT}</p>"
        "<p>Trainer view shows trainer notes, planned times and facilitation prompts on this "
        "device. It only hides notes from view: it is not a secret, and anyone can turn it on.</p>"
        '<p role="status" data-ap-trainer-status></p></div>'
    )


def add_trainer_view(text: str, minutes: int) -> str:
    """A module page's content with its planned time, facilitation prompts and trainer tools."""
    quizzes = 0

    def before(match: re.Match[str]) -> str:
        nonlocal quizzes
        kind = match.group("details") or match.group("admonition") or "quiz"
        if kind == "quiz":
            quizzes += 1
            if quizzes > 1:  # one prompt for the whole quiz, before its first question
                return match.group(0)
        return prompt(kind) + match.group(0)

    timing = (
        f'\n<p class="ap-facilitation" data-ap-timing {HIDDEN}>Trainer view · Planned time for '
        f"this page: {minutes} minutes. {PRESENT}</p>"
    )
    text = BLOCK.sub(before, text)
    text = H1_END.sub(lambda m: m.group(0) + timing, text, count=1)
    return text + tools()
