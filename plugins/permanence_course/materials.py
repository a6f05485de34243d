"""Printable session materials for trainers, generated with the site (A4, from the site's pages).

Every course site gets, under trainers/:

- materials.md: what there is to print, module by module;
- session-planner.md: a module's timetable from its pages' planned minutes, with the start time
  and breaks a trainer chooses (the page script pages/planner.js);
- attendance-register.md and, per module, a session evaluation form: blank templates;
- local-procedures.md: the organisation's own procedures, from <modules_dir>/local-procedures.yml;
- per module: a learner handout (no trainer notes or commentary, space for notes), a trainer pack
  (with them, and the quiz answers) and scenario stage cards (one stage a printed page).

Handouts, packs and cards are assembled from the module pages' rendered HTML when every page has
been rendered (on_env), and never fetched in the browser: that also works opened from a folder
(file://), where browsers refuse fetch(). The generated Markdown holds an empty slot for each
module page; `fill` puts the page's HTML there, reworked for paper.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from . import schema
from .course import Course, CourseError, Module, Page, read_yaml

FOLDER = "trainers"
PROCEDURES_FILE = "local-procedures.yml"
STYLESHEET = "assets/permanence/css/materials.css"
SLOT = re.compile(r'<div class="ap-material-slot" data-slot="([a-z-]+)\|([^"]+)"></div>')
REGISTER_ROWS = 20
NOTE_LINES = 6
REFLECTION_LINES = 4
# A diagram in a page's Markdown: an image (AUTHORING.md: SVG in the module's img/ folder).
# A sentence holding a link that begins "skip" ("You can skip this scenario and come back...").
SKIP_SENTENCE = re.compile(
    r"[^.!?<>]*(?:<(?!/?a\b)[^>]*>[^.!?<>]*)*<a\b[^>]*>\s*[Ss]kip[^<]*</a>[^.!?]*[.!?]\s*"
)
DIAGRAM = re.compile(r"!\[[^\]]*\]\([^)\s]+\)")


# -- a small HTML tree: enough to move, drop and rework the blocks of a rendered page ------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Node:
    """An element (tag set) or a run of raw HTML text: text, entity or comment (tag empty)."""

    tag: str = ""
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    raw: str = ""

    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def is_(self, tag: str, cls: str = "") -> bool:
        return self.tag == tag and (not cls or cls in self.classes())

    def text(self) -> str:
        if not self.tag:
            return html.unescape(self.raw) if not self.raw.startswith("<!--") else ""
        return "".join(c.text() for c in self.children)

    def walk(self) -> list[Node]:
        """Every element below this one, in document order."""
        out: list[Node] = []
        for child in self.children:
            if child.tag:
                out.append(child)
                out.extend(child.walk())
        return out

    def find(self, tag: str, cls: str = "") -> Node | None:
        return next((n for n in self.walk() if n.is_(tag, cls)), None)

    def html(self) -> str:
        return "".join(serialize(c) for c in self.children)

    def clone(self) -> Node:
        """A deep copy, to rework without touching this one (cheaper than parsing again)."""
        return Node(self.tag, dict(self.attrs), [c.clone() for c in self.children], self.raw)


def serialize(node: Node) -> str:
    if not node.tag:
        return node.raw
    attrs = "".join(
        f" {k}" if v is None else f' {k}="{html.escape(v, quote=True)}"'
        for k, v in node.attrs.items()
    )
    if node.tag in VOID:
        return f"<{node.tag}{attrs}>"
    return f"<{node.tag}{attrs}>{node.html()}</{node.tag}>"


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        # Keep entities as written: text is copied through, never re-escaped.
        super().__init__(convert_charrefs=False)
        self.root = Node("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def _raw(self, text: str) -> None:
        self.stack[-1].children.append(Node(raw=text))

    def handle_data(self, data: str) -> None:
        self._raw(data)

    def handle_entityref(self, name: str) -> None:
        self._raw(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._raw(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self._raw(f"<!--{data}-->")


def parse(text: str) -> Node:
    builder = TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def tree(content: str | Node) -> Node:
    """A page's HTML as a tree: parsed from text, or a tree already parsed (reworked in place)."""
    return parse(content) if isinstance(content, str) else content


def retokenise(root: Node) -> None:
    """Each run of text as parsing the serialised tree would give it (adjacent runs joined,
    entities apart), so what measures text (estimate_pages) sees what it saw in the HTML."""
    for node in [root, *root.walk()]:
        out: list[Node] = []
        run: list[Node] = []
        for child in [*node.children, Node("#end")]:
            if not child.tag:
                run.append(child)
                continue
            if len(run) > 1 or (run and "&" in run[0].raw):
                out.extend(parse("".join(r.raw for r in run)).children)
            else:
                out.extend(run)
            run = []
            out.append(child)
        out.pop()
        node.children = out


def element(tag: str, attrs: dict[str, str | None] | None = None, *children: Node | str) -> Node:
    return Node(
        tag,
        attrs or {},
        [c if isinstance(c, Node) else Node(raw=html.escape(c, quote=False)) for c in children],
    )


def rework(root: Node, fn: Any) -> None:
    """Replace each element with fn(element): a list of nodes (None keeps it, reworked inside)."""
    out: list[Node] = []
    for child in root.children:
        replaced = fn(child) if child.tag else None
        if replaced is None:
            if child.tag:
                rework(child, fn)
            out.append(child)
        else:
            out.extend(replaced)
    root.children = out


# -- reworking a page for paper ---------------------------------------------------------------


def notes_space(lines: int, label: str = "Notes") -> Node:
    """Ruled lines to write on (borders, which print even without background graphics)."""
    return element(
        "div",
        {"class": "ap-notes"},
        element("p", {"class": "ap-notes__label"}, label),
        *[element("span", {"class": "ap-notes__line"}) for _ in range(lines)],
    )


def print_quiz(quiz: Node, number: int, answers: bool) -> list[Node]:
    """A quiz question as it reads on paper: boxes to tick, or (answers) the answer key. From
    the course model's question, which the quiz adapter put on the rendered question as page
    data (quiz.adapt: `data-ap-question`), never from mkdocs-quiz's markup."""
    try:
        data = json.loads(quiz.attrs.get("data-ap-question") or "")
    except ValueError:
        return []  # not a question of the course model: nothing to print
    options = []
    for option in data["options"]:
        right = bool(option["right"])
        label = parse(option["html"]).children
        if answers:
            verdict = "Right answer: " if right else "Wrong answer: "
            item = element(
                "li",
                {
                    "class": "ap-print-quiz__option"
                    + (" ap-print-quiz__option--right" if right else "")
                },
                element("strong", {}, verdict),
                *label,
            )
            if option["reason"]:
                reason = element("span", {"class": "ap-print-quiz__reason"})
                reason.children = parse(option["reason"]).children
                item.children.append(reason)
            options.append(item)
        else:
            options.append(
                element(
                    "li",
                    {"class": "ap-print-quiz__option"},
                    element("span", {"class": "ap-box"}),
                    " ",
                    *label,
                )
            )
    how = "Choose all that apply." if data["multiple"] else "Choose one."
    out = element(
        "div",
        {"class": "ap-print-quiz"},
        element("p", {"class": "ap-print-quiz__number"}, f"Question {number}. {how}"),
        element("div", {"class": "ap-print-quiz__question"}, *parse(data["question"]).children),
        element("ul", {"class": "ap-print-quiz__options"}, *options),
    )
    if answers and data["explanation"]:
        out.children.append(
            element(
                "div",
                {"class": "ap-print-quiz__explanation"},
                element("p", {}, element("strong", {}, "Why:")),
                *parse(data["explanation"]).children,
            )
        )
    return [out]


def common_rework(root: Node) -> None:
    """What no printed material keeps: scripts, page data, permalinks and glossary buttons."""
    drop_ids = {"ap-page", "ap-frameworks"}

    def fn(node: Node) -> list[Node] | None:
        if node.tag in ("script", "link", "style", "noscript"):
            return []
        if node.attrs.get("id") in drop_ids:
            return []
        if node.is_("a", "headerlink") or node.is_("a", "quiz-header-link"):
            return []
        # Trainer view's buttons and the page's own timing line (the pack has its own).
        if any(a in node.attrs for a in ("data-ap-trainer-tools", "data-ap-timing")):
            return []
        if "data-ap-present" in node.attrs:
            return []
        if node.is_("span", "ap-term"):
            button = node.find("button")
            return button.children if button else []
        return None

    rework(root, fn)
    first_h1 = next((c for c in root.children if c.tag == "h1"), None)
    if first_h1 is not None:
        root.children.remove(first_h1)
    # A module overview's list of its pages: the material itself is that list.
    for i, child in enumerate(root.children):
        if child.tag == "h2" and child.attrs.get("id") == "in-this-module":
            end = next(
                (j for j in range(i + 1, len(root.children)) if root.children[j].tag == "h2"),
                len(root.children),
            )
            del root.children[i:end]
            break


def trainer_only(node: Node) -> bool:
    """Trainer notes and trainer view's facilitation prompts."""
    return node.is_("div", "trainer") or "data-ap-trainer" in node.attrs


def for_learners(root: Node) -> None:
    """The learner handout: no trainer notes, no commentary; later stages come as cards."""

    def fn(node: Node) -> list[Node] | None:
        if trainer_only(node) or node.is_("details", "commentary"):
            return []
        if node.is_("details", "stage"):
            summary = node.find("summary")
            title = summary.text().strip() if summary else "The next stage"
            return [
                element(
                    "div",
                    {"class": "ap-stage-later"},
                    element("p", {"class": "ap-stage-later__title"}, title),
                    element(
                        "p",
                        {},
                        "Your trainer hands this stage out on a card during the session.",
                    ),
                )
            ]
        if node.is_("p", "ap-stage-invite"):
            return [node, notes_space(3, "What would you do now, and why?")]
        if node.is_("div", "reflection"):
            node.children.append(notes_space(REFLECTION_LINES, "Your thoughts (private)"))
            return [node]
        return None

    rework(root, fn)


def for_trainers(root: Node) -> None:
    """The trainer pack: trainer notes and facilitation prompts shown, every details open."""

    def fn(node: Node) -> list[Node] | None:
        if trainer_only(node):
            node.attrs.pop("hidden", None)
        elif node.tag == "details":
            node.attrs["open"] = None
        return None

    rework(root, fn)


def finish(
    root: Node, *, prefix: str, from_url: str, to_url: str, demote: int, answers: bool = False
) -> None:
    """Quizzes on paper, ids unique on the combined page, links from the new page, no features."""
    count = 0

    def quizzes(node: Node) -> list[Node] | None:
        nonlocal count
        if node.is_("div", "quiz"):
            count += 1
            return print_quiz(node, count, answers)
        return None

    rework(root, quizzes)
    for node in root.walk():
        for name in list(node.attrs):
            # Our features find their blocks by data-ap-*: on paper nothing is interactive, and
            # nothing the learner typed on this device (a reflection) may be printed.
            if name.startswith("data-ap-") or name in ("data-outcomes", "data-search-exclude"):
                del node.attrs[name]
        for name in ("id", "for", "aria-controls"):
            if node.attrs.get(name):
                node.attrs[name] = f"{prefix}-{node.attrs[name]}"
        for name in ("aria-labelledby", "aria-describedby"):
            if node.attrs.get(name):
                node.attrs[name] = " ".join(
                    f"{prefix}-{i}" for i in (node.attrs[name] or "").split()
                )
        for name in ("href", "src"):
            value = node.attrs.get(name)
            if value:
                node.attrs[name] = rebase(value, from_url, to_url, prefix)
        level = re.fullmatch(r"h([1-6])", node.tag)
        if level and demote:
            node.tag = f"h{min(6, int(level.group(1)) + demote)}"


def rebase(url: str, from_url: str, to_url: str, prefix: str) -> str:
    """A link written on the page at from_url, as written on the page at to_url."""
    if url.startswith("#"):
        return f"#{prefix}-{url[1:]}"
    if url.startswith("/") or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url):
        return url
    target = urlsplit(urljoin("http://site/" + from_url, url))
    path = target.path.lstrip("/")
    rel = get_relative_url(path, to_url) if path else get_relative_url(".", to_url) + "/"
    return (
        rel
        + (f"?{target.query}" if target.query else "")
        + (f"#{target.fragment}" if target.fragment else "")
    )


def page_material(
    content: str | Node, kind: str, *, prefix: str, from_url: str, to_url: str
) -> str:
    """A module page's HTML reworked for the handout ('handout') or the trainer pack ('pack')."""
    return material_tree(content, kind, prefix=prefix, from_url=from_url, to_url=to_url).html()


def material_tree(
    content: str | Node, kind: str, *, prefix: str, from_url: str, to_url: str
) -> Node:
    """page_material as a tree."""
    root = tree(content)
    common_rework(root)
    if kind == "handout":
        for_learners(root)
        root.children.append(notes_space(NOTE_LINES))
    else:
        for_trainers(root)
    finish(root, prefix=prefix, from_url=from_url, to_url=to_url, demote=1, answers=kind == "pack")
    return root


def page_digest(content: str | Node, *, prefix: str, from_url: str, to_url: str) -> str:
    """A module page's part of the participant handout: its diagrams, reflection prompts (with
    lines to write on) and key points, in the page's order; nothing for trainers."""
    return digest_tree(content, prefix=prefix, from_url=from_url, to_url=to_url).html()


def digest_tree(content: str | Node, *, prefix: str, from_url: str, to_url: str) -> Node:
    """page_digest as a tree."""
    root = tree(content)
    common_rework(root)
    picked: list[Node] = []

    def collect(node: Node) -> None:
        for child in node.children:
            if not child.tag or trainer_only(child) or child.is_("details", "commentary"):
                continue
            if child.is_("div", "key-points"):
                child.attrs["class"] = " ".join([*child.classes(), "ap-handout-points"])
                picked.append(child)
            elif child.is_("div", "reflection"):
                child.attrs["class"] = " ".join([*child.classes(), "ap-handout-reflection"])
                child.children.append(notes_space(REFLECTION_LINES, "Your thoughts"))
                picked.append(child)
            elif child.tag == "img":
                alt = child.attrs.get("alt") or ""
                picked.append(
                    element(
                        "figure",
                        {"class": "ap-diagram"},
                        child,
                        element("figcaption", {}, alt),
                    )
                )
            else:
                collect(child)

    collect(root)
    out = Node("#root", children=picked)
    finish(out, prefix=prefix, from_url=from_url, to_url=to_url, demote=1)
    return out


def terms_used(content: str | Node) -> list[str]:
    """The glossary terms (their headwords) a rendered page marks, outside trainer material."""
    root = tree(content)
    found: list[str] = []

    def collect(node: Node) -> None:
        for child in node.children:
            if not child.tag or trainer_only(child) or child.is_("details", "commentary"):
                continue
            if child.is_("span", "ap-term__definition"):
                strong = child.find("strong")
                if strong is not None:
                    found.append(strong.text().strip().rstrip(":"))
                continue
            collect(child)

    collect(root)
    return found


def glossary_list(course: Course, used: set[str]) -> str:
    """The course glossary's entries for the terms used, in alphabetical order."""
    entries = sorted(
        (e for e in course.glossary if str(e["term"]) in used), key=lambda e: str(e["term"]).lower()
    )
    if not entries:
        return "<p>This module uses no glossary terms.</p>"
    # Each term and its definition in a <div> (which a <dl> may hold): kept together on paper.
    items = "".join(
        f"<div><dt>{html.escape(str(e['term']))}</dt>"
        f"<dd>{html.escape(str(e['definition']))}</dd></div>"
        for e in entries
    )
    return f'<dl class="ap-handout-glossary">{items}</dl>'


def stage_cards(
    content: str | Node, *, scenario: str, module: int, prefix: str, from_url: str, to_url: str
) -> str:
    """A scenario's stages as cards, one a printed page: the opening (stage 1), then each stage."""
    return cards_tree(
        content, scenario=scenario, module=module, prefix=prefix, from_url=from_url, to_url=to_url
    ).html()


def cards_tree(
    content: str | Node, *, scenario: str, module: int, prefix: str, from_url: str, to_url: str
) -> Node:
    """stage_cards as a tree."""
    root = tree(content)
    common_rework(root)

    def fn(node: Node) -> list[Node] | None:
        if trainer_only(node) or node.is_("details", "commentary"):
            return []
        # Notes for the course owner ("Awaiting confirmation") are not for a group's table.
        if node.is_("div", "unconfirmed"):
            return []
        # On paper a link to skip the scenario leads nowhere: its sentence goes.
        if node.tag == "p" and any(
            a.tag == "a" and a.text().strip().lower().startswith("skip") for a in node.walk()
        ):
            node.children = parse(SKIP_SENTENCE.sub(" ", node.html()).strip()).children
        return None

    rework(root, fn)
    stages = [c for c in root.children if c.is_("details", "stage")]
    first = root.children.index(stages[0]) if stages else len(root.children)
    opening = [c for c in root.children[:first] if not c.is_("p", "ap-stage-invite")]
    title = "Stage 1"
    heading = next((c for c in opening if c.tag == "h2"), None)
    if heading is not None and heading.text().strip().lower().startswith("stage"):
        title = heading.text().strip()
        opening.remove(heading)
    cards: list[tuple[str, list[Node]]] = [(title, opening)]
    for stage in stages:
        summary = stage.find("summary")
        body = [c for c in stage.children if c is not summary]
        cards.append((summary.text().strip() if summary else "Stage", body))
    out = Node("#root")
    for n, (card_title, body) in enumerate(cards, start=1):
        card_id = f"{prefix}-card-{n}"
        card = element(
            "section",
            {"class": "ap-card", "aria-labelledby": card_id},
            element(
                "p",
                {"class": "ap-card__meta"},
                f"Module {module} · {scenario} · card {n} of {len(cards)}",
            ),
            element("h3", {"id": card_id}, card_title),
        )
        inner = Node("#root", children=body)
        finish(inner, prefix=prefix, from_url=from_url, to_url=to_url, demote=2)
        card.children.extend(inner.children)
        if n < len(cards):
            card.children.append(
                element(
                    "p",
                    {"class": "ap-card__ask"},
                    "Before the next card: what would you do now, and why?",
                )
            )
        out.children.append(card)
    return out


# -- on paper: plain text for terms and links, and each printable's length --------------------


def for_paper(content: str) -> str:
    """A materials page's HTML as it should print: glossary terms as plain words (in headings,
    the running kicker and citations too: on paper a button is only a dotted line) and, for
    links to other sites whose words are not the address, a class that prints the address."""
    root = parse(content)
    paper(root)
    return root.html()


def paper(root: Node) -> None:
    """for_paper on a tree, in place."""

    def fn(node: Node) -> list[Node] | None:
        if node.is_("span", "ap-term"):
            button = node.find("button")
            return button.children if button else []
        return None

    rework(root, fn)
    for node in root.walk():
        href = node.attrs.get("href") or ""
        words = node.text().strip().rstrip("/")
        if node.tag == "a" and re.match(r"https?://", href) and words != href.rstrip("/"):
            node.attrs["class"] = " ".join([*node.classes(), "ap-link-address"])


COUNT = re.compile(r'<span class="ap-count" data-count="([^"]+)"></span>')


@dataclass
class PageEstimate:
    """A printable's length on A4 as the print layout gives it: an estimate from its content,
    and the range the shown figure promises (tests print each one and count the pages)."""

    pages: float
    margin: float = 0.15

    @property
    def low(self) -> int:
        return max(1, int(self.pages * (1 - self.margin)))

    @property
    def high(self) -> int:
        return max(self.low, -int(-self.pages * (1 + self.margin) // 1))


@dataclass
class Layout:
    """A print layout (materials.css on A4) in lines of its body text: how many characters
    fill a line, how many lines fill a page, and what a block, a ruled line or a diagram adds.
    The constants were fitted to Chromium's PDFs of the real course and of the fixture course."""

    chars_per_line: float = 98.0
    lines_per_page: float = 42.0
    block: float = 0.7
    rule: float = 1.4
    image: float = 14.0
    heading: float = 1.0
    box: float = 1.0
    margin: float = 0.15  # the shown range: the estimate less and more this share


LAYOUTS = {
    "default": Layout(),
    # Two columns at 9 pt (the participant handout).
    "columns": Layout(
        chars_per_line=52.0, lines_per_page=2 * 63.0, block=0.5, rule=1.3, image=15, margin=0.1
    ),
}
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "dt", "dd", "figcaption", "summary", "div"}
INLINE = {
    "a",
    "abbr",
    "b",
    "br",
    "button",
    "code",
    "em",
    "i",
    "kbd",
    "mark",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
    "label",
    "input",
}


def inline_text(node: Node) -> str:
    """The words of a block that are not inside a block nested in it."""
    out = []
    for child in node.children:
        if not child.tag:
            out.append(child.text())
        elif child.tag in INLINE and "ap-print-quiz__reason" not in child.classes():
            out.append(inline_text(child))
    return " ".join(" ".join(out).split())


def layout_lines(node: Node, layout: Layout, width: float = 1.0) -> float:
    """The height of printed HTML, in lines of body text; width is the share of the line."""
    lines = 0.0
    per_line = layout.chars_per_line * width
    for child in node.children:
        classes = child.classes()
        if not child.tag or (child.tag in INLINE and "ap-print-quiz__reason" not in classes):
            continue
        if "ap-screen-only" in classes or child.tag in ("script", "style", "link"):
            continue
        if "ap-notes__line" in classes or "ap-blank__line" in classes:
            lines += layout.rule
            continue
        if child.tag == "img":
            lines += layout.image
            continue
        if child.tag == "tr":
            # Cells share the line, and wrap where their columns are narrow.
            words = sum(len(inline_text(c)) for c in child.children if c.tag in ("td", "th"))
            lines += layout.block + max(1, -(-words // (per_line * 0.6)))
            continue
        text = inline_text(child)
        if text:
            lines += -(-len(text) // per_line)
        if child.tag in BLOCKS or child.tag in ("ul", "ol", "table", "figure", "section"):
            lines += layout.block
        if re.fullmatch(r"h[1-4]", child.tag):
            lines += layout.heading
        if "admonition" in classes or child.tag == "details" or "ap-print-quiz" in classes:
            lines += layout.box
        lines += layout_lines(child, layout, width * (0.93 if child.tag in ("ul", "ol") else 1))
    return lines


def estimate_pages(content: str) -> PageEstimate:
    """A printable's page count: each stage card starts a sheet; the rest flows."""
    return estimate_tree(parse(content))


def estimate_tree(root: Node) -> PageEstimate:
    """estimate_pages on a tree whose text runs are as parsing gives them (retokenise)."""
    layout = LAYOUTS["columns" if root.find("div", "ap-handout-body") else "default"]
    cards = [n for n in root.walk() if n.is_("section", "ap-card")]
    if cards:
        pages = sum(max(1.0, layout_lines(c, layout) / layout.lines_per_page) for c in cards)
    else:
        pages = max(1.0, layout_lines(root, layout) / layout.lines_per_page)
    return PageEstimate(pages, layout.margin)


def count_text(estimate: PageEstimate | None) -> str:
    if estimate is None:
        return ""
    low, high = estimate.low, estimate.high
    span = f"{low} page" + ("" if low == 1 else "s") if low == high else f"{low}–{high} pages"
    return f' <span class="ap-count" data-pages="{low}-{high}">({span})</span>'


# -- the generated Markdown -------------------------------------------------------------------


def md(text: str) -> str:
    """Text safe inside a Markdown heading or paragraph: HTML escaped, Markdown marks escaped."""
    return re.sub(r"([\\`*_{}\[\]#|])", r"\\\1", html.escape(text, quote=False))


def front(title: str, description: str, script: str = "print") -> str:
    """Front matter: searched never (handouts repeat the module pages), a Print button or the
    planner (page scripts kept off every other page)."""
    lines = [
        "---",
        f"title: {to_yaml(title)}",
        f"description: {to_yaml(description)}",
        "search: {exclude: true}",
        "materials: true",
        f"scripts: [{script}]",
    ]
    return "\n".join([*lines, "---", ""]) + "\n"


def to_yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def slot(kind: str, src: str) -> str:
    return f'\n<div class="ap-material-slot" data-slot="{kind}|{src}"></div>\n'


def kicker(text: str) -> str:
    return f'<p class="ap-print-kicker">{html.escape(text)}</p>\n'


def print_button() -> str:
    """A Print button, added by pages/print.js (Ctrl+P works without it)."""
    return '<p class="ap-screen-only" data-ap-print></p>\n'


def version_line(course: Course) -> str:
    return f"{course.short_title} · version {course.version}"


def module_folder(module: Module) -> str:
    return f"{FOLDER}/{module.slug}"


def scenario_pages(module: Module) -> list[Page]:
    return [p for p in module.pages if p.kind == "scenario"]


def handout(course: Course, module: Module, kind: str) -> str:
    """The module text ('handout': every page as a learner reads it) or the trainer pack."""
    name = "Module text" if kind == "handout" else "Trainer pack"
    title = f"Module {module.number} {name.lower()}"
    # The introductions are the course's words: modules/wording.yml, `handouts:`.
    about = course.wording["handouts"]["module_text" if kind == "handout" else "trainer_pack"]
    out = [
        front(title, f"{name} for Module {module.number}: {module.title}, to print on A4."),
        kicker(f"{name} · {version_line(course)}"),
        f"# {md(title)}: {md(module.title)}\n",
        print_button(),
        f"{about}\n",
    ]
    if kind == "pack":
        rows = "\n".join(
            f"| {md(p.title if p.kind != 'overview' else 'Overview')} | {p.minutes} |"
            for p in module.pages
        )
        out.append(
            f"\n| Page | Planned minutes |\n|---|---|\n{rows}\n| **Total** | "
            f"**{module.minutes} ({hours_minutes(module.minutes)})** |\n"
        )
    for page in module.pages:
        heading = "Overview" if page.kind == "overview" else page.title
        out.append(f"\n## {md(heading)}\n")
        if kind == "pack":
            out.append(f'<p class="ap-print-time">Planned time: {page.minutes} minutes.</p>\n')
        out.append(slot(kind, page.src))
    return "".join(out)


def hours_minutes(minutes: int) -> str:
    """A length of time as a timetable writes it: '7 h 15 min', '45 min', '2 h'."""
    hours, rest = divmod(max(0, int(minutes)), 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    return f"{hours} h" if hours else f"{rest} min"


DECK_NAME = "present.md"
DECK_SLOT = re.compile(r'<div class="ap-deck-slot" data-deck="([^"]+)"></div>')


def deck_path(module: Module) -> str:
    """Where a module's deck is: a page of its own, because under file:// a page cannot read
    another page; the build puts every module page into it (fill_decks)."""
    return f"{module_folder(module)}/{DECK_NAME}"


def deck_page(course: Course, module: Module) -> str:
    """ "Present this module": one presentation of the module's pages, in order, behind an
    agenda slide (pages/deck.js offers it; pages/present.js reads the pages from the deck)."""
    title = f"Present Module {module.number}"
    rows = "\n".join(
        f"| {md(p.title if p.kind != 'overview' else 'Overview')} | {p.minutes} |"
        for p in module.pages
    )
    lines = [
        "---",
        f"title: {to_yaml(title)}",
        "description: "
        + to_yaml(f"Present Module {module.number}: {module.title} as one deck, with an agenda."),
        "search: {exclude: true}",
        f"deck: {module.number}",
        "scripts: [planner, deck]",
        "---",
        "",
        f"# {md(title)}: {md(module.title)}\n",
        "One presentation of the whole module for a day in the room: an agenda slide with the "
        "session planner's times, then every page's slides in order. Scenario stages and quiz "
        "answers wait for you to reveal them; trainer notes stay in the presenter window. "
        "Presenting turns on projector-safe, so your own notes and plans are hidden on this "
        "device until you turn it off.\n",
        f'<div class="ap-deck" data-ap-deck="{module.number}">\n',
        '<p class="ap-deck__nojs">Presenting needs JavaScript. The trainer pack has every page '
        "with its trainer notes and times.</p>\n",
        "</div>\n",
        "## Pages in this deck\n",
        f"| Page | Planned minutes |\n|---|---|\n{rows}\n| **Total** | "
        f"**{module.minutes} ({hours_minutes(module.minutes)})** |\n",
        "",
    ]
    slots = "".join(
        f'<div class="ap-deck-slot" data-deck="{html.escape(p.src, quote=True)}"></div>\n'
        for p in module.pages
    )
    return "\n".join(lines) + "\n" + slots


def deck_content(content: str | Node, *, page_id: str, from_url: str, to_url: str) -> str:
    """A module page's rendered HTML for its module's deck: inside a <template>, so no script
    on the deck page mounts on it (a learner's notes or answers are never drawn into it), with
    its links and pictures pointing where they did from the page itself."""
    root = tree(content)

    def fn(node: Node) -> list[Node] | None:
        if node.tag in ("script", "link", "style", "noscript", "template"):
            return []
        if node.attrs.get("id") in ("ap-page", "ap-frameworks"):
            return []
        return None

    rework(root, fn)
    for node in root.walk():
        for name in ("href", "src"):
            value = node.attrs.get(name)
            if value and not value.startswith("#"):
                node.attrs[name] = rebase(value, from_url, to_url, "")
    attrs = html.escape(page_id, quote=True)
    return f'<template data-ap-deck-page="{attrs}">{root.html()}</template>'


class Rendered:
    """The module pages' rendered HTML, each parsed once: every printable and deck that uses a
    page reworks its own copy of the tree (parsing is most of what filling the slots costs)."""

    def __init__(self, files: Files) -> None:
        self.files = files
        self.trees: dict[str, Node] = {}

    def page(self, src: str) -> Any:
        """The rendered MkDocs page at src, or None (not a page, or not rendered)."""
        source = self.files.get_file_from_path(src)
        if source is None or source.page is None or source.page.content is None:
            return None
        return source.page

    def tree(self, src: str) -> Node:
        """A copy of the page's parsed HTML, to rework (the page must exist: see page)."""
        if src not in self.trees:
            self.trees[src] = parse(self.page(src).content)
        return self.trees[src].clone()


def fill_decks(course: Course, files: Files, rendered: Rendered | None = None) -> None:
    """Put each module page's rendered HTML into its module's deck (see deck_content)."""
    rendered = rendered or Rendered(files)
    for module in course.modules:
        deck = files.get_file_from_path(deck_path(module))
        if deck is None or deck.page is None or deck.page.content is None:
            continue
        to_url = deck.page.url

        def page_html(match: re.Match[str], to_url: str = to_url) -> str:
            src = html.unescape(match.group(1))
            source = rendered.page(src)
            if source is None:
                return ""
            return deck_content(
                rendered.tree(src), page_id=src[:-3], from_url=source.url, to_url=to_url
            )

        deck.page.content = DECK_SLOT.sub(page_html, deck.page.content)


def participant_handout(course: Course, module: Module) -> str:
    """The handout each participant keeps: outcomes, then each page's key points, diagrams and
    reflection prompts (with lines to write on), then the glossary terms the module uses."""
    title = f"Module {module.number} participant handout"
    outcomes = "".join(f"<li>{html.escape(o.text)}</li>" for o in module.outcomes)
    out = [
        front(
            title,
            f"Participant handout for Module {module.number}: {module.title}: outcomes, key "
            "points, diagrams, reflection prompts and glossary, to print on A4.",
        ),
        kicker(f"Participant handout · {version_line(course)}"),
        f"# {md(title)}: {md(module.title)}\n",
        print_button(),
        '<p class="ap-handout-about">'
        + html.escape(
            course.wording["handouts"]["participant_handout"].replace(
                "{law_correct_as_at}",
                f"{module.law_correct_as_at.day} {module.law_correct_as_at.strftime('%B %Y')}",
            ),
            quote=False,
        )
        + "</p>\n",
        "\n## What this module helps you to do\n\n",
        f'<ol class="ap-handout-outcomes">{outcomes}</ol>\n',
        # On paper the rest runs in two columns (materials.css).
        '\n<div class="ap-handout-body" markdown>\n',
    ]
    for page in module.pages:
        if not (page.key_points or page.reflections or DIAGRAM.search(page.body)):
            continue
        heading = "About this module" if page.kind == "overview" else page.title
        out.append(f"\n## {md(heading)}\n")
        out.append(slot("digest", page.src))
    out.append("\n## Words used in this module\n")
    out.append(slot("glossary", module.src_folder))
    out.append("\n</div>\n")
    return "".join(out)


def cards_page(course: Course, module: Module) -> str:
    title = f"Module {module.number} scenario stage cards"
    out = [
        front(title, f"Scenario stage cards for Module {module.number}: {module.title}."),
        # On paper each card says where it is from: the deck needs no title page.
        kicker(f"Stage cards · {version_line(course)}").replace(
            'class="ap-print-kicker"', 'class="ap-print-kicker ap-screen-only"'
        ),
        f"# {md(title)}: {md(module.title)} {{.ap-screen-only}}\n",
        print_button(),
        '<div class="ap-screen-only" markdown>\n\n'
        + course.wording["handouts"]["stage_cards"]
        + "\n\n</div>\n",
    ]
    for page in scenario_pages(module):
        out.append(f"\n## {md(page.title)} {{.ap-screen-only}}\n")
        out.append(slot("cards", page.src))
    return "".join(out)


def evaluation_form(course: Course, module: Module) -> str:
    title = f"Module {module.number} session evaluation"
    scale = "".join(f"<th scope='col'>{n}</th>" for n in ("1", "2", "3", "4", "5"))
    rows = "".join(
        f"<tr><th scope='row'>{html.escape(o.text)}</th>"
        + "<td><span class='ap-box'></span></td>" * 5
        + "</tr>"
        for o in module.outcomes
    )
    questions = course.wording["evaluation"]["questions"]  # modules/wording.yml
    open_questions = "".join(
        f'<div class="ap-form-question"><p>{html.escape(q)}</p>'
        + "<span class='ap-notes__line'></span>" * 3
        + "</div>"
        for q in questions
    )
    return (
        front(title, f"A blank evaluation form for a session of Module {module.number}.")
        + kicker(f"Session evaluation · {version_line(course)}")
        + f"# {md(title)}: {md(module.title)}\n\n"
        + print_button()
        + '<div class="ap-form">\n'
        + blanks(("Date", "Trainer"))
        + "<p>Thank you for taking part. You do not need to give your name. Please hand this "
        "form to your trainer: the answers help improve the course.</p>"
        + "<p><strong>How far did the session help you to…</strong> (1 = not at all, "
        "5 = fully; tick one box a row)</p>"
        + f'<table class="ap-form-scale"><thead><tr><th scope="col">Outcome</th>{scale}</tr>'
        + f"</thead><tbody>{rows}</tbody></table>"
        + open_questions
        + "</div>\n"
    )


def blanks(labels: tuple[str, ...]) -> str:
    items = "".join(
        f'<p class="ap-blank"><span class="ap-blank__label">{html.escape(label)}:</span>'
        '<span class="ap-blank__line"></span></p>'
        for label in labels
    )
    return f'<div class="ap-blanks">{items}</div>'


def attendance_register(course: Course) -> str:
    title = "Attendance register"
    cells = "<td></td>" * 3
    rows = "".join(f"<tr><th scope='row'>{n}</th>{cells}</tr>" for n in range(1, REGISTER_ROWS + 1))
    return (
        front(title, "A blank attendance register for a session of the course.")
        + kicker(f"Attendance register · {version_line(course)}")
        + f"# {title}\n\n"
        + print_button()
        + '<div class="ap-form">\n'
        + blanks(("Module", "Date", "Venue", "Trainer"))
        + '<table class="ap-register"><thead><tr><th scope="col">No.</th>'
        '<th scope="col">Name</th><th scope="col">Role and team</th>'
        f'<th scope="col">Signature</th></tr></thead><tbody>{rows}</tbody></table>'
        + "<p class='ap-form-small'>This register is your organisation's record: keep it, and "
        "dispose of it, under your organisation's data protection rules. The course site does not "
        "store it.</p>" + "</div>\n"
    )


def count(src: str) -> str:
    """Where fill() writes a printable's page count (from its print layout) on the index."""
    return f'<span class="ap-count" data-count="{src}"></span>'


def materials_index(course: Course) -> str:
    out = [
        front(
            "Printable materials",
            "Handouts, trainer packs, stage cards, forms and the session planner, to print on A4.",
        ),
        "# Printable materials\n\n",
        "Everything prints on A4 from the browser (**Print** on each page, or Ctrl+P; on a Mac, "
        "Cmd+P), with the site's menus left out. These pages also work in the offline copy.\n\n",
        "The length in brackets is how many A4 pages each prints on, one-sided, worked out from "
        "its print layout when the site was built: check it before you print a set for a "
        "room.\n\n",
        "## For every session\n\n",
        "- [Session planner](session-planner.md): a module's timetable from the planned minutes "
        "of its pages, with your start time and breaks, in one day or two half days "
        "(1 page a session).\n",
        "- [Attendance register](attendance-register.md): a blank register"
        f"{count(f'{FOLDER}/attendance-register.md')}.\n",
        "- [Local procedures](local-procedures.md): your organisation's own procedures"
        f"{count(f'{FOLDER}/local-procedures.md')}.\n",
    ]
    for module in course.modules:
        base = module.slug
        folder = module_folder(module)
        out.append(f"\n## Module {module.number}: {md(module.title)}\n\n")
        out.append(
            f"- [Present this module]({base}/{DECK_NAME}): the whole module as one presentation "
            "behind an agenda slide with the session planner's times, carrying on where you "
            "stopped.\n"
        )
        out.append(
            f"- [Participant handout]({base}/handout.md): one for each participant to keep: the "
            "outcomes, key points, diagrams, reflection prompts with space to write, and the "
            f"words the module uses{count(f'{folder}/handout.md')}.\n"
            f"- [Module text]({base}/module-text.md): every page in full, without trainer notes "
            f"or commentary, for anyone who wants the whole text{count(f'{folder}/module-text.md')}"
            ".\n"
            f"- [Trainer pack]({base}/trainer-pack.md): the pages with trainer notes, "
            "commentary, every stage, quiz answers and planned times"
            f"{count(f'{folder}/trainer-pack.md')}.\n"
        )
        scenarios = scenario_pages(module)
        if scenarios:
            out.append(
                f"- [Scenario stage cards]({base}/stage-cards.md): one stage a page, for group "
                f"work ({len(scenarios)} scenario{'s' if len(scenarios) != 1 else ''})"
                f"{count(f'{folder}/stage-cards.md')}.\n"
            )
        out.append(
            f"- [Session evaluation form]({base}/evaluation-form.md): a blank form"
            f"{count(f'{folder}/evaluation-form.md')}.\n"
        )
    return "".join(out)


def session_planner(course: Course) -> str:
    return (
        front(
            "Session planner",
            "Plan a session of a module from its pages' planned minutes, and print it.",
            script="planner",
        )
        + "# Session planner {.ap-screen-only}\n\n"
        + '<div class="ap-screen-only" markdown>\n\n'
        "Choose a module, the start time and where the breaks go: the plan adds up the "
        "planned minutes of the module's pages. The minutes are proposals, so adjust the plan "
        "to your group. Below the form is the plan that prints.\n\n</div>\n\n"
        + '<div class="ap-planner" data-ap-planner>\n'
        + "<p>The planner needs JavaScript. The trainer packs list each page's planned "
        "minutes.</p>\n</div>\n"
    )


# -- local procedures -------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"\[[^\]\n]+\]")
URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:)]")


def procedures_text(text: str) -> tuple[str, bool]:
    """Escaped text with [placeholders] marked and web addresses linked; and whether any was."""
    out = html.escape(text, quote=False)
    found = bool(PLACEHOLDER.search(text))
    out = PLACEHOLDER.sub(lambda m: f'<span class="ap-placeholder">{m.group(0)}</span>', out)
    out = URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', out)
    return out, found


def paragraphs(text: str) -> list[str]:
    """Paragraphs as YAML gives them: split at blank lines ('|' blocks), or at line breaks when
    there are none (a folded '>' block has already joined each paragraph's lines)."""
    text = text.strip()
    return re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")


def load_procedures(root: Path, modules_dir: str) -> dict[str, Any] | None:
    """The organisation's local procedures, checked; None when the file does not exist."""
    path = root / modules_dir / PROCEDURES_FILE
    rel = f"{modules_dir}/{PROCEDURES_FILE}"
    if not path.exists():
        return None
    data: dict[str, Any] = schema.check(read_yaml(path, rel) or {}, "local-procedures", rel)
    return data


def local_procedures(course: Course, data: dict[str, Any] | None, modules_dir: str) -> str:
    title = "Local procedures"
    out = [
        front(title, "Your organisation's own procedures for permanence work, for sessions."),
        kicker(f"Local procedures · {version_line(course)}"),
        f"# {title}\n\n",
        print_button(),
    ]
    if data is None:
        out.append(
            "Your organisation has not added its local procedures yet. Until it does, ask your "
            "manager or practice educator how your organisation does the things this course "
            f"describes. (Course administrators: add `{modules_dir}/{PROCEDURES_FILE}`.)\n"
        )
        return "".join(out)
    unfilled = False
    parts: list[str] = []
    organisation, found = procedures_text(str(data.get("organisation") or ""))
    unfilled |= found
    if organisation:
        parts.append(f'<p class="ap-procedures-org"><strong>{organisation}</strong></p>')
    for key, label in (("checked", "Last checked"), ("contact", "Kept up to date by")):
        if data.get(key):
            value, found = procedures_text(str(data[key]))
            unfilled |= found
            parts.append(f"<p>{label}: {value}</p>")
    out.append('<div class="ap-procedures-head">\n' + "\n".join(parts) + "\n</div>\n\n")
    out.append(
        "How your organisation does the things this course describes. The course teaches the "
        "law and national guidance; where your organisation's procedure differs or adds to it, "
        "follow your procedure and ask your manager.\n\n"
    )
    for section in data.get("sections") or []:
        out.append(f"## {md(section['title'])}\n\n")
        body: list[str] = []
        for paragraph in paragraphs(str(section.get("text") or "")):
            if paragraph.strip():
                text, found = procedures_text(" ".join(paragraph.split()))
                unfilled |= found
                body.append(f"<p>{text}</p>")
        items = []
        for item in section.get("items") or []:
            text, found = procedures_text(item)
            unfilled |= found
            items.append(f"<li>{text}</li>")
        if items:
            body.append("<ul>" + "".join(items) + "</ul>")
        out.append('<div class="ap-procedures-section">\n' + "\n".join(body) + "\n</div>\n\n")
    if unfilled:
        out.insert(
            4,
            '<p class="ap-procedures-unfilled" role="note"><strong>Not finished:</strong> the '
            "parts in square brackets are still to be filled in by your organisation (course "
            f"administrators: in <code>{modules_dir}/{PROCEDURES_FILE}</code>).</p>\n\n",
        )
    return "".join(out)


# -- the plugin's hooks -----------------------------------------------------------------------


def pages(course: Course, modules_dir: str) -> dict[str, str]:
    """The generated materials pages by their source path in the site."""
    try:
        procedures = load_procedures(course.root, modules_dir)
    except CourseError as exc:
        raise PluginError(f"Course error: {exc}") from exc
    out = {
        f"{FOLDER}/materials.md": materials_index(course),
        f"{FOLDER}/session-planner.md": session_planner(course),
        f"{FOLDER}/attendance-register.md": attendance_register(course),
        f"{FOLDER}/local-procedures.md": local_procedures(course, procedures, modules_dir),
    }
    for module in course.modules:
        base = module_folder(module)
        out[f"{base}/handout.md"] = participant_handout(course, module)
        out[f"{base}/module-text.md"] = handout(course, module, "handout")
        out[f"{base}/trainer-pack.md"] = handout(course, module, "pack")
        if scenario_pages(module):
            out[f"{base}/stage-cards.md"] = cards_page(course, module)
        out[f"{base}/evaluation-form.md"] = evaluation_form(course, module)
        out[deck_path(module)] = deck_page(course, module)
    return out


def fill(course: Course, files: Files) -> None:
    """Put each module page's reworked HTML into the materials pages' slots, and their styles;
    then each printable's page count on the materials page.

    Runs once every page has been rendered (on_env) and before any is written. Each module page
    is parsed once (Rendered) and each materials page once: its slots take the reworked trees,
    and the same tree is made ready for paper, measured for its page count and written out."""
    rendered = Rendered(files)
    fill_decks(course, files, rendered)
    titles = {p.src: p.title for p in course.pages}
    modules = {p.src: p.module for p in course.pages}
    folders = {m.src_folder: m for m in course.modules}
    index = None
    estimates: dict[str, PageEstimate] = {}
    for file in files.documentation_pages():
        page = file.page
        if page is None or not page.meta.get("materials") or page.content is None:
            continue
        url = page.url
        if COUNT.search(page.content):
            index = page
            continue

        def material(kind: str, src: str, url: str = url) -> Node:
            if kind == "glossary":
                used: set[str] = set()
                for p in folders[src].pages if src in folders else []:
                    if rendered.page(p.src) is not None:
                        used.update(terms_used(rendered.tree(p.src)))
                return parse(glossary_list(course, used))
            source = rendered.page(src)
            if source is None:
                return Node("#root")
            prefix = "p-" + re.sub(r"[^a-z0-9]+", "-", src.rsplit("/", 1)[-1][:-3].lower())
            if kind == "cards":
                return cards_tree(
                    rendered.tree(src),
                    scenario=titles[src],
                    module=modules[src],
                    prefix=prefix,
                    from_url=source.url,
                    to_url=url,
                )
            if kind == "digest":
                return digest_tree(
                    rendered.tree(src), prefix=prefix, from_url=source.url, to_url=url
                )
            return material_tree(
                rendered.tree(src), kind, prefix=prefix, from_url=source.url, to_url=url
            )

        def slots(node: Node, material: Any = material) -> list[Node] | None:
            value = node.attrs.get("data-slot") or ""
            if node.is_("div", "ap-material-slot") and "|" in value:
                kind, src = value.split("|", 1)
                return material(kind, src).children
            return None

        root = parse(page.content)
        rework(root, slots)
        paper(root)
        link = f'<link rel="stylesheet" href="{get_relative_url(STYLESHEET, url)}">'
        root.children[:0] = parse(link).children
        retokenise(root)
        page.content = root.html()
        estimates[file.src_uri] = estimate_tree(root)
    if index is not None and index.content is not None:
        index.content = for_paper(
            COUNT.sub(lambda m: count_text(estimates.get(m.group(1))), index.content)
        )
