"""HTML helpers: data inlined for the browser, the quiz outcome markers, glossary anchors.

The authoring blocks are marked up while the Markdown is rendered (markdown_ext.py).
"""

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
