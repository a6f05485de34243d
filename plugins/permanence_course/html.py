"""Marks up the rendered authoring blocks so the browser code can find them by data attributes."""

from __future__ import annotations

import html
import json
import re
from typing import Any


def to_json(data: Any) -> str:
    """JSON safe to inline in an HTML script element: '<' never appears literally."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def json_script(element_id: str, data: Any) -> str:
    return f'<script type="application/json" id="{element_id}">{to_json(data)}</script>'


def json_attribute_element(element_id: str, data: Any) -> str:
    """Data in a hidden element's attribute: Material's instant navigation drops JSON <script>s
    from swapped-in content, but keeps ordinary elements."""
    return f'<div id="{element_id}" hidden data-json="{html.escape(to_json(data))}"></div>'


def _add_attrs(pattern: str, attrs: str, text: str) -> str:
    return re.sub(pattern, lambda m: m.group(0)[:-1] + attrs + ">", text)


STAGE = re.compile(r'<details class="stage"([^>]*)>\s*<summary>(.*?)</summary>', re.S)


def mark_blocks(text: str) -> str:
    # Trainer notes: `hidden` keeps them out of view, print and the accessibility tree until
    # trainer view removes it; data-search-exclude keeps them out of Material's search index.
    text = _add_attrs(
        r'<div class="admonition trainer"[^>]*>',
        " data-ap-trainer hidden data-search-exclude",
        text,
    )
    text = re.sub(
        r'<div class="admonition reflection" id="([^"]+)"([^>]*)>',
        r'<div class="admonition reflection" id="\1" data-ap-reflection="\1"\2>',
        text,
    )
    text = _add_attrs(r'<div class="admonition content-note"[^>]*>', ' role="note"', text)
    text = _add_attrs(r'<div class="admonition key-points"[^>]*>', " data-ap-key-points", text)
    # Later stages and the commentary stay out of the search index: a search would otherwise
    # give the story away before the learner has committed to what they would do.
    text = _add_attrs(
        r'<details class="commentary"[^>]*>', " data-ap-commentary data-search-exclude", text
    )

    count = 0

    def stage(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        invite = (
            '<p class="ap-stage-invite" data-ap-stage-invite>'
            "Before you open the next stage, note what you would do now, and why.</p>"
        )
        # Open, so that without JavaScript (and on paper) every stage reads in order; with it,
        # course.css keeps a stage out of view and out of the accessibility tree until stages.js
        # reveals it (data-ap-shown), one at a time.
        anchor = "" if " id=" in match.group(1) else f' id="stage-{count + 1}"'
        return (
            f'{invite}\n<details class="stage"{match.group(1)}{anchor} '
            f'data-ap-stage="{count + 1}" data-search-exclude open>'
            f"<summary>{match.group(2)}</summary>"
        )

    text = STAGE.sub(stage, text)
    if count:
        text += STAGES_WITHOUT_SCRIPT
    return text


# Without JavaScript nothing reveals a stage, so none is held back (the parser reads <noscript>'s
# content only when scripts are off; style-src allows inline styles).
STAGES_WITHOUT_SCRIPT = (
    "<noscript><style>.md-typeset details[data-ap-stage], .md-typeset details[data-ap-commentary]"
    "{display:block !important}</style></noscript>"
)


ASSESSES_HTML = re.compile(r'<!--\s*assesses:\s*(.*?)\s*-->\s*(<div class="quiz")', re.S)


def mark_quiz(text: str) -> str:
    """Move each question's outcome marker onto the rendered question as data-outcomes."""

    def marker(match: re.Match[str]) -> str:
        ids = " ".join(match.group(1).replace(",", " ").split())
        return f'{match.group(2)} data-outcomes="{html.escape(ids)}"'

    text = ASSESSES_HTML.sub(marker, text)
    # Explanations and reasons stay out of the search index: a search must not give answers away.
    text = text.replace(
        '<section class="content hidden">', '<section class="content hidden" data-search-exclude>'
    )
    return text.replace(
        '<div class="answer-feedback hidden">',
        '<div class="answer-feedback hidden" data-search-exclude>',
    )


# -- glossary terms: marked in the Markdown tree by markdown_ext.py; their anchors here --------


def slug(term: str) -> str:
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")
