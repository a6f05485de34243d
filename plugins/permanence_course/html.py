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


# -- glossary terms ---------------------------------------------------------------------------

TAG = re.compile(r"<[^>]+>")
SKIP_TAGS = {
    "a",
    "code",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "button",
    "script",
    "style",
    "summary",
    "label",
    "textarea",
    "svg",
    "abbr",
    "dt",
    "title",
    "kbd",
    "figcaption",
}
# Headings, links, titles, trainer notes (hidden) and quiz questions keep their text as written.
# The owner's summary and outcomes are shown verbatim, untouched.
SKIP_MARKS = (
    'class="admonition-title"',
    "ap-term",
    "data-ap-trainer",
    'class="quiz',
    'class="ap-outcomes"',
    'class="ap-summary"',
)
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "base"}


def slug(term: str) -> str:
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def looks_like_proper_name(found: str, entry: dict[str, Any]) -> bool:
    """'Special Guardianship' inside 'Adoption and Special Guardianship Leadership Board' is part
    of a name, not the term: a later word capitalised where every form of the term is not."""
    words = found.split()
    if len(words) < 2 or not any(w[:1].isupper() for w in words[1:]):
        return False
    forms = [entry["term"], *entry.get("aliases", [])]
    return not any(f.lower() == found.lower() and f.split()[1:] == words[1:] for f in forms)


def mark_terms(text: str, glossary: list[dict[str, Any]], glossary_url: str) -> str:
    """Turn the first use of each glossary term on a page into a definition disclosure button."""
    forms: list[tuple[str, dict[str, Any]]] = []
    for entry in glossary:
        for name in [entry["term"], *entry.get("aliases", [])]:
            forms.append((str(name), entry))
    if not forms:
        return text
    forms.sort(key=lambda f: -len(f[0]))
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(f) for f, _ in forms) + r")(?![\w-])", re.IGNORECASE
    )
    by_form = {f.lower(): e for f, e in forms}
    used: set[str] = set()
    out: list[str] = []
    skip_depth = 0
    stack: list[str] = []
    pos = 0
    counter = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal counter
        entry = by_form[match.group(1).lower()]
        key = entry["term"]
        if key in used or looks_like_proper_name(match.group(1), entry):
            return match.group(0)
        used.add(key)
        counter += 1
        term_id = slug(key)
        def_id = f"ap-def-{counter}"
        return (
            f'<span class="ap-term"><button type="button" class="ap-term__button" '
            f'aria-expanded="false" aria-controls="{def_id}" data-ap-term>{match.group(1)}</button>'
            f'<span class="ap-term__definition" id="{def_id}" hidden data-search-exclude>'
            f"<strong>{html.escape(key)}:</strong> {html.escape(entry['definition'])} "
            f'<a href="{glossary_url}#{term_id}">Glossary</a></span></span>'
        )

    for tag in TAG.finditer(text):
        chunk = text[pos : tag.start()]
        out.append(pattern.sub(replace, chunk) if skip_depth == 0 and chunk.strip() else chunk)
        raw = tag.group(0)
        out.append(raw)
        pos = tag.end()
        name_match = re.match(r"</?\s*([a-zA-Z0-9]+)", raw)
        if not name_match or raw.startswith("<!"):
            continue
        name = name_match.group(1).lower()
        if raw.startswith("</"):
            if name in (entry.split(":")[0] for entry in stack):
                while stack:
                    top = stack.pop()
                    if top.endswith(":skip"):
                        skip_depth -= 1
                    if top.split(":")[0] == name:
                        break
        elif name not in VOID and not raw.endswith("/>"):
            is_skip = name in SKIP_TAGS or any(mark in raw for mark in SKIP_MARKS)
            stack.append(name + (":skip" if is_skip else ""))
            if is_skip:
                skip_depth += 1
    out.append(pattern.sub(replace, text[pos:]) if skip_depth == 0 else text[pos:])
    return "".join(out)
