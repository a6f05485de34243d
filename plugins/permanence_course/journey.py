"""The learner's journey through the course, written at build time (issue 29).

- the home page's start card: what the course is, how long it takes ("4 modules · about 6 hours
  each"), and one way in ("Start module 1"; pages/progress.js turns it into "Continue: <page>");
- a module page's header card: module n of N, page n of m, about how many minutes;
- owner-process notes (proposed hours and minutes, wording awaiting the owner's confirmation)
  kept to trainer view: learners see "About 6 hours", trainers and the owner review see the rest.

Plain functions over the course data, returning HTML: no MkDocs here.
"""

from __future__ import annotations

import html
import re

from .course import Course, Module, Page

START_MARKER = "<!-- ap:start -->"
HIDDEN = "data-ap-trainer hidden data-search-exclude"


def minutes_text(minutes: int) -> str:
    """45 -> "about 45 minutes"; 90 -> "about 1 hour 30 minutes"; 120 -> "about 2 hours"."""
    hours, rest = divmod(int(minutes), 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour" + ("" if hours == 1 else "s"))
    if rest or not hours:
        parts.append(f"{rest} minute" + ("" if rest == 1 else "s"))
    return "about " + " ".join(parts)


def hours_phrase(hours: float) -> str:
    return f"about {hours:g} hour" + ("" if hours == 1 else "s")


def course_length(course: Course) -> str:
    """The course's length from the module data: "4 modules · about 6 hours each"."""
    modules = course.modules
    count = f"{len(modules)} module" + ("" if len(modules) == 1 else "s")
    if not modules:
        return count
    hours = {m.hours for m in modules}
    if len(hours) == 1:
        return f"{count} · {hours_phrase(modules[0].hours)} each"
    return f"{count} · {hours_phrase(sum(m.hours for m in modules))} in all"


def start_card(course: Course, index_url: str, first_url: str) -> str:
    """The home page's start card. index_url: the first module's overview, relative to the home
    page; first_url: where "Start" goes. Without JavaScript it reads as it is: a start link."""
    first = course.modules[0] if course.modules else None
    action = (
        f'<p class="ap-start__action"><a class="ap-button ap-button--primary ap-button--large" '
        f'href="{html.escape(first_url)}" data-ap-start-link>Start module {first.number}</a></p>'
        if first
        else ""
    )
    return (
        '<div class="ap-start" data-ap-start>\n'
        f'<p class="ap-start__length">{html.escape(course_length(course))} · study alone or with '
        "your group, a page at a time</p>\n"
        f"{action}\n"
        '<p class="ap-start__note" data-ap-start-note>Each page shows about how long it takes. '
        "Your place is kept in this browser, so you can stop and come back.</p>\n"
        "</div>\n"
    )


def page_card(course: Course, module: Module, page: Page) -> str:
    """The header card under a module page's title: module n of N, page n of m, minutes."""
    index = module.pages.index(page) + 1
    return (
        '<div class="ap-page-card" data-ap-page-card>'
        f"<p>Module {module.number} of {len(course.modules)}</p>"
        f"<p>Page {index} of {len(module.pages)}</p>"
        f"<p>{minutes_text(page.minutes).capitalize()}</p>"
        "</div>"
    )


H1_END = re.compile(r"</h1>")


def add_page_card(text: str, card: str) -> str:
    return H1_END.sub(lambda m: m.group(0) + "\n" + card, text, count=1)


UNCONFIRMED = re.compile(r'<div class="admonition unconfirmed"([^>]*)>(.*?)</div>', re.S)
# A note that only the course owner acts on: the hours, session pattern and minutes are
# proposals. A caveat a learner needs (a law not yet in force, wording not yet confirmed that a
# learner would otherwise rely on) does not say "proposal", and stays in view.
OWNER_PROCESS = re.compile(r"\bproposals?\b|\bproposed\b", re.I)


def is_owner_process(note_html: str) -> bool:
    return bool(OWNER_PROCESS.search(re.sub(r"<[^>]+>", " ", note_html)))


def mark_owner_notes(text: str) -> str:
    """Owner-process "Awaiting confirmation" notes become trainer-only (like trainer notes):
    hidden, out of search and print, shown in trainer view."""

    def mark(match: re.Match[str]) -> str:
        attrs, body = match.group(1), match.group(2)
        if "data-ap-trainer" in attrs or not is_owner_process(body):
            return match.group(0)
        body = body.replace(
            '<p class="admonition-title">Awaiting confirmation</p>',
            '<p class="admonition-title">For trainers: awaiting the course owner</p>',
            1,
        )
        return (
            f'<div class="admonition unconfirmed"{attrs} data-ap-owner-note {HIDDEN}>{body}</div>'
        )

    return UNCONFIRMED.sub(mark, text)
