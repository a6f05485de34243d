"""HTML helpers: data inlined for the browser, glossary anchors.

The authoring blocks are marked up while the Markdown is rendered (markdown_ext.py); the
quizzes mkdocs-quiz renders go through the one adapter in quiz.py.
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


# -- glossary terms: marked in the Markdown tree by markdown_ext.py; their anchors here --------


def slug(term: str) -> str:
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")
