"""Our own small Markdown extension: the course's meaning added while a page is rendered.

The plugin adds one `CourseExtension` to MkDocs' `markdown_extensions` (plugin.on_config) and
tells it, in `on_page_markdown`, what the next page render should do (`CourseExtension.next_page`).
The state is taken by the first render after that call, which is the page's own: mkdocs-quiz
renders its question fragments later (in `on_page_content`) with the same extensions, and they
get nothing marked.

Authoring blocks (`/// trainer`, `/// stage`, ...: AUTHORING.md): custom blocks of
pymdown-extensions' Blocks API that write their final markup and data attributes for the browser
(`data-ap-trainer`, `data-ap-stage`, ...) as they are rendered, and, on a module page, trainer
view's facilitation prompts, planned time and tools. Each block's final HTML is kept in the
course model (`Page.blocks`) for the printed materials.

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

from markdown import Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE
from pymdownx.blocks import BlocksExtension, BlocksProcessor
from pymdownx.blocks.admonition import Admonition
from pymdownx.blocks.block import Block
from pymdownx.blocks.details import Details

from . import trainer
from .course import Page, RenderedBlock
from .errors import CourseError
from .html import slug
from .journey import is_owner_process

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


# -- authoring blocks: pymdown-extensions' Blocks API, final markup written as they render -------


@dataclass
class PageRender:
    """What the next page render should do: the glossary and its address, the page's file (for
    errors) and, on a module page, its place in the course model (trainer view, blocks kept)."""

    glossary: Glossary | None = None
    glossary_url: str = ""
    src: str = ""
    page: Page | None = None
    facilitation: dict[str, str] = field(default_factory=dict)  # modules/wording.yml


class RenderState:
    """One Markdown instance's render: the page it renders and what its blocks wrote."""

    def __init__(self) -> None:
        self.page: PageRender | None = None
        self.stages = 0
        self.blocks: list[tuple[str, str, ET.Element]] = []

    def trainer_view(self) -> bool:
        return self.page is not None and self.page.page is not None

    def prompt(self, kind: str) -> ET.Element:
        words = self.page.facilitation.get(kind) if self.page else None
        if not words:
            raise CourseError("modules/wording.yml", f"facilitation.{kind}", "the words to show")
        return trainer.prompt(kind, words)

    def src(self) -> str:
        return (self.page.src if self.page else "") or "a page"


STAGE_INVITE = "Before you open the next stage, note what you would do now, and why."
# Without JavaScript nothing reveals a stage, so none is held back (the parser reads <noscript>'s
# content only when scripts are off; style-src allows inline styles).
STAGES_WITHOUT_SCRIPT = (
    ".md-typeset details[data-ap-stage], .md-typeset details[data-ap-commentary]"
    "{display:block !important}"
)
BOOLEAN: None = None  # a valueless attribute: `hidden`, `data-ap-trainer`


def set_attrs(element: ET.Element, **attrs: str | None) -> None:
    for name, value in attrs.items():
        element.set(name.replace("_", "-"), value)  # type: ignore[arg-type]


class CourseBlock(Block):
    """What every course block shares: the render's state, a prompt before it in trainer view,
    and a record of what it rendered."""

    NAME = ""
    DEF_TITLE: str | None = None
    PROMPT = False  # a facilitation prompt goes before it in trainer view

    @property
    def state(self) -> RenderState:
        return self.config["state"]

    def before(self, parent: ET.Element) -> None:
        """What goes before the block: its facilitation prompt in trainer view."""
        if self.PROMPT and self.state.trainer_view():
            parent.append(self.state.prompt(self.NAME))

    def mark(self, element: ET.Element) -> None:
        """The block's own attributes, after any the author gave (`attrs:`)."""

    def on_create(self, parent: ET.Element) -> ET.Element:
        self.before(parent)
        return super().on_create(parent)

    def on_end(self, block: ET.Element) -> None:
        self.mark(block)
        title = self.argument if isinstance(self.argument, str) and self.argument else None
        self.state.blocks.append((self.NAME, title or self.DEF_TITLE or "", block))


class CourseAdmonition(CourseBlock, Admonition):
    OPTIONS: dict[str, Any] = {}  # noqa: RUF012 (pymdownx's own typed blocks take no options either)


class CourseDetails(CourseBlock, Details):
    OPTIONS = {"open": (False, Details.OPTIONS["open"][1])}  # noqa: RUF012 (as pymdownx's)


class TrainerNote(CourseAdmonition):
    """Out of view, print and the accessibility tree until trainer view removes `hidden`; out
    of Material's search index."""

    NAME = "trainer"

    def mark(self, element: ET.Element) -> None:
        set_attrs(element, data_ap_trainer=BOOLEAN, hidden=BOOLEAN, data_search_exclude=BOOLEAN)


class KeyPoints(CourseAdmonition):
    NAME = "key-points"

    def mark(self, element: ET.Element) -> None:
        set_attrs(element, data_ap_key_points=BOOLEAN)


class ReflectionPrompt(CourseAdmonition):
    """The learner's private text area (learner.js) finds the prompt by its stable id."""

    NAME = "reflection"
    PROMPT = True

    def mark(self, element: ET.Element) -> None:
        rid = element.get("id")
        if not rid:
            raise CourseError(
                self.state.src(),
                "reflection id",
                "'attrs: {id: mN-r-some-words}' under '/// reflection'",
            )
        element.set("data-ap-reflection", rid)


class ContentNote(CourseAdmonition):
    NAME = "content-note"

    def mark(self, element: ET.Element) -> None:
        set_attrs(element, role="note")


class Discussion(CourseAdmonition):
    NAME = "discussion"
    PROMPT = True


class Voice(CourseAdmonition):
    NAME = "voice"


class Unconfirmed(CourseAdmonition):
    """An owner-process "Awaiting confirmation" note (journey.is_owner_process) is for trainers
    only, like a trainer note; a caveat a learner needs stays in view."""

    NAME = "unconfirmed"

    def on_inline_end(self, block: ET.Element) -> None:
        if "data-ap-trainer" in block.attrib or not is_owner_process("".join(block.itertext())):
            return
        title = block.find("p[@class='admonition-title']")
        if title is not None and title.text == "Awaiting confirmation":
            title.text = "For trainers: awaiting the course owner"
        set_attrs(block, data_ap_owner_note=BOOLEAN)
        for name, value in trainer.HIDDEN.items():
            block.set(name, value)  # type: ignore[arg-type]


class Stage(CourseDetails):
    """A scenario's later stage: open (so that without JavaScript, and on paper, every stage
    reads in order), numbered from 2 (stage 1 is the page's start), kept out of the search
    index (it would give the story away), with an invitation before it. stages.js keeps it out
    of view until the learner asks for it (course.css, data-ap-shown)."""

    NAME = "stage"
    PROMPT = True

    def before(self, parent: ET.Element) -> None:
        self.state.stages += 1
        self.number = self.state.stages + 1
        invite = ET.SubElement(
            parent,
            "p",
            {"class": "ap-stage-invite", "data-ap-stage-invite": BOOLEAN},  # type: ignore[dict-item]
        )
        invite.text = STAGE_INVITE
        super().before(parent)

    def mark(self, element: ET.Element) -> None:
        if "id" not in element.attrib:
            element.set("id", f"stage-{self.number}")
        set_attrs(
            element, data_ap_stage=str(self.number), data_search_exclude=BOOLEAN, open=BOOLEAN
        )


class Commentary(CourseDetails):
    """Revealed after discussion; out of the search index."""

    NAME = "commentary"
    PROMPT = True

    def mark(self, element: ET.Element) -> None:
        set_attrs(element, data_ap_commentary=BOOLEAN, data_search_exclude=BOOLEAN)


def _title(name: str) -> str:
    return re.sub(r"[_-]+", " ", name).title()


BLOCKS: list[type[CourseBlock]] = [
    TrainerNote,
    KeyPoints,
    ReflectionPrompt,
    ContentNote,
    Discussion,
    Voice,
    Unconfirmed,
    Stage,
    Commentary,
]
for _block in BLOCKS:  # the default title, as pymdownx's own typed blocks have it
    _block.DEF_TITLE = _title(_block.NAME)
    _block.DEF_CLASS = _block.NAME
ADMONITION_TYPES = [b.NAME for b in BLOCKS if issubclass(b, Admonition)]
DETAILS_TYPES = [b.NAME for b in BLOCKS if issubclass(b, Details)]
"""The block types, for a build without our plugin (scripts/control_site.py)."""


# -- the render's steps ----------------------------------------------------------------------


class TakePage(Preprocessor):
    """First of all: which page this render is (the plugin said so in on_page_markdown)."""

    def __init__(self, md: Markdown, extension: CourseExtension, state: RenderState) -> None:
        super().__init__(md)
        self.extension = extension
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        self.state.page = self.extension.take()
        return lines


QUIZ_PLACEHOLDER = "<!-- MKDOCS_QUIZ_PLACEHOLDER_"
ASSESSES_COMMENT = re.compile(r"<!--\s*assesses:")


class CourseTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, state: RenderState) -> None:
        super().__init__(md)
        self.state = state

    def stashed(self, element: ET.Element) -> str:
        """The raw HTML a paragraph stands for, if it is only a placeholder."""
        match = HTML_PLACEHOLDER_RE.fullmatch((element.text or "").strip())
        if element.tag != "p" or len(element) or not match:
            return ""
        blocks = self.md.htmlStash.rawHtmlBlocks
        index = int(match.group(1))
        return str(blocks[index]) if index < len(blocks) else ""

    def trainer_view(self, root: ET.Element, page: Page) -> None:
        """Planned time after the title, one prompt before the quiz, the tools at the end."""
        children = list(root)
        h1 = next((i for i, c in enumerate(children) if c.tag == "h1"), None)
        if h1 is not None:
            root.insert(h1 + 1, trainer.timing(page.minutes))
        children = list(root)
        for i, child in enumerate(children):
            if self.stashed(child).startswith(QUIZ_PLACEHOLDER):
                # Before the question's outcome marker, which goes onto the rendered question.
                at = i - 1 if i and ASSESSES_COMMENT.match(self.stashed(children[i - 1])) else i
                root.insert(at, self.state.prompt("quiz"))
                break

    def capture(self, page: Page) -> None:
        """Each block as rendered, for the printed materials: kept in the course model."""
        page.blocks = []
        for kind, title, element in self.state.blocks:
            text = self.md.serializer(element)
            for processor in self.md.postprocessors:
                text = processor.run(text)
            page.blocks.append(RenderedBlock(kind, title, element.get("id") or "", text))

    def run(self, root: ET.Element) -> None:
        render = self.state.page
        if render is not None and render.glossary is not None:
            mark_terms(root, render.glossary, render.glossary_url)
        if self.state.stages:
            noscript = ET.SubElement(root, "noscript")
            ET.SubElement(noscript, "style").text = STAGES_WITHOUT_SCRIPT
        if render is not None and render.page is not None:
            self.trainer_view(root, render.page)
            root.append(trainer.tools())
            self.capture(render.page)


class CourseExtension(BlocksExtension):
    """Registered by the plugin; one instance serves every page of a build (MkDocs makes a new
    Markdown instance for each page, so each render has its own state)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pending: PageRender | None = None

    def next_page(self, page: PageRender | None) -> None:
        self.pending = page

    def take(self) -> PageRender | None:
        page, self.pending = self.pending, None
        return page

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        state = RenderState()
        for block in BLOCKS:
            block_mgr.register(block, {"state": state})
        md.preprocessors.register(TakePage(md, self, state), "permanence_course_page", 1000)
        # After inline markup (20), attr_list (8) and the table of contents (5), so that links,
        # classes and heading anchors are known.
        md.treeprocessors.register(CourseTreeprocessor(md, state), "permanence_course", 4)
