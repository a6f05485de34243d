"""Our own small Markdown extension: the course's meaning added while a page is rendered.

The plugin adds one `CourseExtension` to MkDocs' `markdown_extensions` (plugin.on_config) and
tells it, in `on_page_markdown`, what the next page render should do (`CourseExtension.next_page`).
The state is taken by the first render after that call, which is the page's own: mkdocs-quiz
renders its question fragments later (in `on_page_content`) with the same extensions, and they
get nothing marked.

Glossary terms: the first use of each term on a page becomes a definition disclosure button
(course.js opens it), in the Markdown tree, so headings, link text, code, summaries, admonition
titles, trainer notes, quizzes, the owner's summary and outcomes, the citations of further
reading and the course's own name are never marked.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .html import slug

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
    "cite",
}
# Titles, trainer notes (hidden), quiz questions and the owner's words keep their text as written.
SKIP_CLASSES = {"admonition-title", "ap-term", "trainer", "quiz", "ap-outcomes", "ap-summary"}


def looks_like_proper_name(found: str, entry: dict[str, Any]) -> bool:
    """'Special Guardianship' inside 'Adoption and Special Guardianship Leadership Board' is part
    of a name, not the term: a later word capitalised where every form of the term is not."""
    words = found.split()
    if len(words) < 2 or not any(w[:1].isupper() for w in words[1:]):
        return False
    forms = [entry["term"], *entry.get("aliases", [])]
    return not any(f.lower() == found.lower() and f.split()[1:] == words[1:] for f in forms)


def normal(text: str) -> str:
    return " ".join(text.split()).lower()


@dataclass
class Glossary:
    """The glossary and the words never marked: the course's names and the citations."""

    entries: list[dict[str, Any]]
    names: list[str] = field(default_factory=list)  # the course's title and short title
    citations: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        forms: dict[str, dict[str, Any] | None] = {}
        for entry in self.entries:
            for name in [entry["term"], *entry.get("aliases", [])]:
                forms[str(name).lower()] = entry
        for name in self.names:
            forms[name.lower()] = None  # matched, so that no term inside it is, and kept
        self.by_form = forms
        alternatives = sorted(forms, key=len, reverse=True)
        self.pattern = (
            re.compile(
                r"(?<![\w-])(" + "|".join(re.escape(f) for f in alternatives) + r")(?![\w-])",
                re.IGNORECASE,
            )
            if alternatives
            else None
        )
        self.citation_starts = [normal(c)[:40] for c in self.citations if c.strip()]


class TermMarker:
    """Marks the first use of each term in one page's tree."""

    def __init__(self, glossary: Glossary, glossary_url: str) -> None:
        self.glossary = glossary
        self.url = glossary_url
        self.used: set[str] = set()
        self.count = 0

    def skip(self, element: ET.Element) -> bool:
        if element.tag in SKIP_TAGS:
            return True
        classes = set((element.get("class") or "").split())
        if classes & SKIP_CLASSES or "data-ap-trainer" in element.attrib:
            return True
        if element.tag == "li" and self.glossary.citation_starts:
            text = normal("".join(element.itertext()))
            return any(text.startswith(c) for c in self.glossary.citation_starts)
        return False

    def term(self, found: str, entry: dict[str, Any]) -> ET.Element:
        self.count += 1
        key = entry["term"]
        def_id = f"ap-def-{self.count}"
        wrapper = ET.Element("span", {"class": "ap-term"})
        button = ET.SubElement(
            wrapper,
            "button",
            {
                "type": "button",
                "class": "ap-term__button",
                "aria-expanded": "false",
                "aria-controls": def_id,
                "data-ap-term": None,  # type: ignore[dict-item]
            },
        )
        button.text = found
        definition = ET.SubElement(
            wrapper,
            "span",
            {
                "class": "ap-term__definition",
                "id": def_id,
                "hidden": None,  # type: ignore[dict-item]
                "data-search-exclude": None,  # type: ignore[dict-item]
            },
        )
        strong = ET.SubElement(definition, "strong")
        strong.text = f"{key}:"
        strong.tail = f" {entry['definition']} "
        link = ET.SubElement(definition, "a", {"href": f"{self.url}#{slug(key)}"})
        link.text = "Glossary"
        return wrapper

    def split(self, text: str) -> tuple[str, list[ET.Element]]:
        """The text before the first new term, and the new terms, each with its text after."""
        pattern = self.glossary.pattern
        if pattern is None or not text.strip():
            return text, []
        head: str | None = None
        nodes: list[ET.Element] = []
        pos = 0
        for match in pattern.finditer(text):
            found = match.group(1)
            entry = self.glossary.by_form[found.lower()]
            if entry is None or entry["term"] in self.used:
                continue
            if looks_like_proper_name(found, entry):
                continue
            self.used.add(entry["term"])
            before = text[pos : match.start()]
            if head is None:
                head = before
            else:
                nodes[-1].tail = before
            nodes.append(self.term(found, entry))
            pos = match.end()
        if head is None:
            return text, []
        nodes[-1].tail = text[pos:]
        return head, nodes

    def mark(self, element: ET.Element) -> None:
        if element.text:
            element.text, nodes = self.split(element.text)
            for i, node in enumerate(nodes):
                element.insert(i, node)
        for child in list(element):
            if child.tag == "span" and child.get("class") == "ap-term":
                continue
            if not self.skip(child):
                self.mark(child)
            if child.tail:
                child.tail, nodes = self.split(child.tail)
                at = list(element).index(child) + 1
                for i, node in enumerate(nodes):
                    element.insert(at + i, node)


def mark_terms(root: ET.Element, glossary: Glossary, glossary_url: str) -> None:
    """Turn the first use of each glossary term in the tree into a definition button."""
    TermMarker(glossary, glossary_url).mark(root)


@dataclass
class PageRender:
    """What the next page render should do: the glossary and its address, or None."""

    glossary: Glossary | None = None
    glossary_url: str = ""


class CourseTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: CourseExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: ET.Element) -> None:
        page = self.extension.take()
        if page is not None and page.glossary is not None:
            mark_terms(root, page.glossary, page.glossary_url)


class CourseExtension(Extension):
    """Registered by the plugin; one instance serves every page of a build."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pending: PageRender | None = None

    def next_page(self, page: PageRender | None) -> None:
        self.pending = page

    def take(self) -> PageRender | None:
        page, self.pending = self.pending, None
        return page

    def extendMarkdown(self, md: Markdown) -> None:
        # After inline markup (20) and attr_list (8), so that links and classes are known.
        md.treeprocessors.register(CourseTreeprocessor(md, self), "permanence_course", 4)
