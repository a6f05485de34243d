"""Trainer view in a module page: planned time, facilitation prompts, trainer tools.

Written into the Markdown tree while the page is rendered (markdown_ext.py) and hidden:
course.js shows every `[data-ap-trainer]` element when trainer view is on, and trainer.js only
unhides the tools and wires their buttons, so the code that runs on every page stays small. Like
trainer notes, none of it is secret, only out of view; the tools say so. The presentation
(pages/present.js) reads the prompts to show them to the presenter.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

KINDS = ("stage", "commentary", "discussion", "reflection", "quiz")
"""The kinds of block a facilitation prompt goes before; the words are in modules/wording.yml
(`facilitation:`), passed in by the plugin."""

# Out of view, print and the accessibility tree until trainer view; out of the search index.
HIDDEN: dict[str, str | None] = {
    "data-ap-trainer": None,
    "hidden": None,
    "data-search-exclude": None,
}
PRESENT_TEXT = "Present this page"


def _el(tag: str, attrs: dict[str, str | None], text: str = "") -> ET.Element:
    element = ET.Element(tag, attrs)  # type: ignore[arg-type]
    if text:
        element.text = text
    return element


def present_button() -> ET.Element:
    return _el(
        "button", {"type": "button", "class": "ap-button", "data-ap-present": None}, PRESENT_TEXT
    )


def prompt(kind: str, words: str) -> ET.Element:
    """The facilitation prompt shown before a block of this kind in trainer view."""
    p = _el("p", {"class": "ap-facilitation", "data-ap-facilitation": kind, **HIDDEN})
    strong = ET.SubElement(p, "strong")
    strong.text = "Facilitation:"
    strong.tail = " " + words
    return p


def timing(minutes: int) -> ET.Element:
    """The planned time, shown after the page's title in trainer view."""
    p = _el(
        "p",
        {"class": "ap-facilitation", "data-ap-timing": None, **HIDDEN},
        f"Trainer view · Planned time for this page: {minutes} minutes. ",
    )
    p.append(present_button())
    return p


def tools() -> ET.Element:
    """The trainer tools at the foot of the page: hidden unless the browser runs trainer.js."""
    div = _el(
        "div",
        {
            "class": "ap-trainer-tools",
            "data-ap-trainer-tools": None,
            "hidden": None,
            "data-search-exclude": None,
        },
    )
    heading = ET.SubElement(div, "p")
    ET.SubElement(heading, "strong").text = "For trainers"
    buttons = ET.SubElement(div, "p")
    toggle = ET.SubElement(
        buttons,
        "button",
        {
            "type": "button",
            "class": "ap-button",
            "aria-pressed": "false",
            "data-ap-trainer-toggle": None,  # type: ignore[dict-item]
        },
    )
    toggle.text = "Trainer view"
    toggle.tail = " "
    buttons.append(present_button())
    ET.SubElement(div, "p").text = (
        "Trainer view shows trainer notes, planned times and facilitation prompts on this "
        "device. It only hides notes from view: it is not a secret, and anyone can turn it on."
    )
    ET.SubElement(div, "p", {"role": "status", "data-ap-trainer-status": None})  # type: ignore[dict-item]
    return div
