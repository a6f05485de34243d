"""The course model: module metadata, page front matter and course data files, validated.

Everything an author writes is checked here, before MkDocs renders anything, so that a mistake
is reported once, naming the file, the field and what was expected.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import quizrules

OUTCOME_ID = re.compile(r"^m(\d+)-lo(\d+)$")
REFLECTION_ID = re.compile(r"^m\d+-r-[a-z0-9]+(?:-[a-z0-9]+)*$")
SHORT_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PAGE_KINDS = ("overview", "section", "scenario", "quiz")
MODULE_FILE = "module.yml"
# Every field a module.yml may have: a misspelt one ("sumary") is refused rather than ignored.
MODULE_FIELDS = (
    "number",
    "short_name",
    "title",
    "summary",
    "status",
    "hours",
    "law_correct_as_at",
    "outcomes",
    "pages",
    "further_reading",
    "mastery_score",
)
OUTCOME_FIELDS = ("id", "text")


class CourseError(Exception):
    """An author's mistake: names the file, the field and what was expected."""

    def __init__(self, file: Path | str, field_name: str, expected: str, found: object = None):
        self.file = str(file)
        self.field = field_name
        self.expected = expected
        got = "" if found is None else f" (found: {found!r})"
        where = f"field '{field_name}'" if field_name else "file"
        super().__init__(f"{self.file}: {where}: expected {expected}{got}")


# ---------------------------------------------------------------------------------------------
# Data classes


@dataclass
class Outcome:
    id: str
    text: str
    module: int


@dataclass
class Reflection:
    id: str
    title: str
    text: str
    page_src: str
    line: int


@dataclass
class QuizQuestion:
    number: int
    line: int
    outcomes: list[str]
    question: str
    answers: list[str]
    keyed: list[bool] = field(default_factory=list)  # one flag per answer: marked [x]
    stem: str = ""  # everything before the options, as written
    reasons: list[str] = field(default_factory=list)  # one per answer: the '> ...' under it
    explanation: str = ""  # the text after the options, as written


@dataclass
class Page:
    src: str  # path relative to the project root, e.g. modules/1-permanence/quiz.md
    path: Path
    module: int
    title: str
    kind: str
    minutes: int
    outcomes: list[str]
    topics: list[str]
    scenario: str | None
    quiz_enabled: bool
    body: str
    body_line: int  # line number of the body's first line in the file
    reflections: list[Reflection] = field(default_factory=list)
    questions: list[QuizQuestion] = field(default_factory=list)
    key_points: str = ""

    @property
    def slug(self) -> str:
        return self.path.stem


@dataclass
class Module:
    number: int
    short_name: str
    title: str
    summary: str
    status: str
    hours: float
    law_correct_as_at: dt.date
    outcomes: list[Outcome]
    page_files: list[str]
    further_reading: list[str]
    folder: Path
    src_folder: str  # modules/1-permanence
    pages: list[Page] = field(default_factory=list)
    # The percentage of the quiz to answer correctly to pass, for learning platforms (make lms).
    mastery_score: float | None = None

    @property
    def slug(self) -> str:
        return f"{self.number}-{self.short_name}"

    @property
    def complete(self) -> bool:
        return self.status == "complete"

    @property
    def minutes(self) -> int:
        return sum(p.minutes for p in self.pages)


@dataclass
class Course:
    title: str
    short_title: str
    version: str
    root: Path
    modules: list[Module]
    topics: list[dict[str, Any]]
    scenarios: list[dict[str, Any]]
    glossary: list[dict[str, Any]]
    references: dict[str, dict[str, Any]]
    renames: dict[str, list[dict[str, Any]]]
    owner_items: list[tuple[str, int, str]]
    # Reported as information, not failing the build (quiz rules on a module still pending).
    notes: list[str] = field(default_factory=list)
    # Decisions the owner review always lists, from modules/owner-items.yml.
    open_items: list[dict[str, Any]] = field(default_factory=list)

    @property
    def outcomes(self) -> dict[str, Outcome]:
        return {o.id: o for m in self.modules for o in m.outcomes}

    @property
    def pages(self) -> list[Page]:
        return [p for m in self.modules for p in m.pages]

    @property
    def reflections(self) -> list[Reflection]:
        return [r for p in self.pages for r in p.reflections]


# ---------------------------------------------------------------------------------------------
# Small field readers: each names the file and field when the value is wrong.


# libyaml's safe loader where PyYAML was built with it (its wheels are): ten times faster.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path, rel: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CourseError(rel, "", "the file to exist") from exc
    try:
        return yaml.load(text, Loader=YAML_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "somewhere"
        problem = getattr(exc, "problem", None) or str(exc)
        raise CourseError(
            rel, "", f"valid YAML; the YAML is malformed at {where}: {problem}"
        ) from exc


def need(data: dict[str, Any], key: str, kind: type | tuple[type, ...], rel: str, what: str) -> Any:
    if key not in data or data[key] is None:
        raise CourseError(rel, key, what, "nothing")
    value = data[key]
    if kind is int and isinstance(value, bool):
        raise CourseError(rel, key, what, value)
    if not isinstance(value, kind):
        raise CourseError(rel, key, what, value)
    return value


def as_mapping(data: Any, rel: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise CourseError(rel, "", "a YAML mapping of fields (name: value)", type(data).__name__)
    return data


def positive_number(value: Any, rel: str, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise CourseError(rel, key, "a positive number", value)
    return float(value)


# ---------------------------------------------------------------------------------------------
# Front matter and the scan of page bodies

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
BLOCK_START = re.compile(r"^(/{3,})\s*([a-z-]+)\s*(?:\|\s*(.*?))?\s*$")
ATTR_ID = re.compile(r"^\s+attrs:\s*\{[^}]*\bid:\s*['\"]?([^,'\"}\s]+)")
QUIZ_BLOCK = re.compile(r"<quiz>(.*?)</quiz>", re.S)
ASSESSES = re.compile(r"<!--\s*assesses:\s*(.*?)\s*-->\s*$")
ANSWER = re.compile(r"^[-*] \[([xX ]?)\] (.*)$")
FEEDBACK = re.compile(r"^\s*>\s?(.*)$")
FILL_IN = re.compile(r"\[\[([^\]]+)\]\]")
TODO_OWNER = re.compile(r"TODO\(owner\):?\s*(.*?)\s*(?:-->)?\s*$")


def split_front_matter(text: str, rel: str) -> tuple[dict[str, Any], str, int]:
    match = FRONT_MATTER.match(text)
    if not match:
        raise CourseError(rel, "front matter", "a page starting with '---' front matter")
    try:
        meta = yaml.load(match.group(1), Loader=YAML_LOADER) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 2}" if mark else "somewhere"
        raise CourseError(rel, "front matter", f"valid YAML; it is malformed at {where}") from exc
    body_line = match.group(0).count("\n") + 1
    return as_mapping(meta, rel), text[match.end() :], body_line


def blocks(body: str) -> list[tuple[str, str, str, int, str]]:
    """Find `/// type | title` blocks: (type, title, options, line, content) at any depth."""
    lines = body.split("\n")
    found = []
    for i, line in enumerate(lines):
        m = BLOCK_START.match(line)
        if not m:
            continue
        fence, kind, title = m.group(1), m.group(2), m.group(3) or ""
        options: list[str] = []
        content: list[str] = []
        j = i + 1
        while j < len(lines) and lines[j].startswith("    ") and ":" in lines[j] and not content:
            options.append(lines[j])
            j += 1
        while j < len(lines) and lines[j].strip() != fence:
            content.append(lines[j])
            j += 1
        found.append((kind, title, "\n".join(options), i, "\n".join(content).strip()))
    return found


def first_paragraph(text: str) -> str:
    for chunk in re.split(r"\n\s*\n", text):
        stripped = chunk.strip()
        if stripped and not stripped.startswith(("<!--", "///")):
            return re.sub(r"\s+", " ", stripped)
    return ""


def scan_quiz(page: Page, rel: str, problems: list[str], outcome_ids: set[str]) -> None:
    body = page.body
    for number, match in enumerate(QUIZ_BLOCK.finditer(body), start=1):
        line = page.body_line + body[: match.start()].count("\n")
        where = f"{rel}:{line}: quiz question {number}"
        if not page.quiz_enabled:
            problems.append(
                f"{where}: <quiz> on a page without quizzes enabled; add 'quiz: {{enabled: true}}' "
                "to the front matter (otherwise it shows as raw text)"
            )
        before = body[: match.start()].rstrip().split("\n")[-1]
        marker = ASSESSES.search(before)
        outcomes = marker.group(1).replace(",", " ").split() if marker else []
        if not marker or not outcomes:
            problems.append(
                f"{where}: expected an '<!-- assesses: mN-loN -->' marker on the line before <quiz>"
            )
        for oid in outcomes:
            if oid not in outcome_ids:
                problems.append(f"{where}: the assesses marker names an unknown outcome '{oid}'")
        inner = match.group(1)
        if FILL_IN.search(inner):
            problems.append(
                f"{where}: fill-in-the-blank questions are not allowed (mkdocs-quiz echoes the "
                "answer as raw HTML); use options instead"
            )
        lines = [ln for ln in inner.strip("\n").split("\n")]
        question_lines: list[str] = []
        answers: list[str] = []
        keyed: list[bool] = []
        reasons: list[bool] = []
        reason_text: list[list[str]] = []
        explanation: list[str] = []
        for ln in lines:
            answer = ANSWER.match(ln.strip()) if not explanation else None
            if answer and not explanation:
                answers.append(answer.group(2).strip())
                keyed.append(answer.group(1).lower() == "x")
                reasons.append(False)
                reason_text.append([])
            elif answers and FEEDBACK.match(ln) and not explanation and ln.strip():
                reasons[-1] = True
                reason_text[-1].append(FEEDBACK.match(ln).group(1))  # type: ignore[union-attr]
            elif not answers:
                question_lines.append(ln)
            elif ln.strip():
                explanation.append(ln)
        question = first_paragraph("\n".join(question_lines))
        label = f"{where} ('{question[:60]}')"
        if not answers:
            problems.append(f"{label}: expected options written as '- [x]' or '- [ ]'")
        seen: set[str] = set()
        for text in answers:
            if text.lower() in seen:
                problems.append(f"{label}: two options have the same text '{text}'")
            seen.add(text.lower())
        for text, has_reason in zip(answers, reasons, strict=True):
            if not has_reason:
                problems.append(f"{label}: option '{text[:50]}' has no reason ('> ...' under it)")
        if not explanation:
            problems.append(f"{label}: expected an explanation after the options")
        page.questions.append(
            QuizQuestion(
                number,
                line,
                outcomes,
                question,
                answers,
                keyed,
                "\n".join(question_lines),
                ["\n".join(r).strip() for r in reason_text],
                "\n".join(explanation).strip(),
            )
        )


def scan_page(
    path: Path, rel: str, module: Module, kind_default: str, course_ids: dict[str, set[str]]
) -> tuple[Page, list[str]]:
    """Read a page's front matter and body; return the page and the content problems found."""
    text = path.read_text(encoding="utf-8")
    meta, body, body_line = split_front_matter(text, rel)
    problems: list[str] = []
    title = need(meta, "title", str, rel, "the page title as text")
    kind = meta.get("kind", kind_default)
    if kind not in PAGE_KINDS:
        raise CourseError(rel, "kind", f"one of {', '.join(PAGE_KINDS)}", kind)
    minutes = meta.get("minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes <= 0:
        raise CourseError(rel, "minutes", "the planned minutes as a positive whole number", minutes)
    outcomes = meta.get("outcomes", []) or []
    if not isinstance(outcomes, list) or not all(isinstance(o, str) for o in outcomes):
        raise CourseError(
            rel, "outcomes", "a list of outcome ids such as [m1-lo1, m1-lo2]", outcomes
        )
    for oid in outcomes:
        if oid not in course_ids["outcomes"]:
            raise CourseError(rel, "outcomes", "outcome ids defined in a module.yml", oid)
    topics = meta.get("topics", []) or []
    if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        raise CourseError(rel, "topics", "a list of topic ids from modules/topics.yml", topics)
    for tid in topics:
        if tid not in course_ids["topics"]:
            raise CourseError(rel, "topics", "topic ids listed in modules/topics.yml", tid)
    scenario = meta.get("scenario")
    if kind == "scenario" and scenario not in course_ids["scenarios"]:
        raise CourseError(rel, "scenario", "a scenario id from modules/scenarios.yml", scenario)
    quiz_meta = meta.get("quiz")
    quiz_enabled = isinstance(quiz_meta, dict) and bool(quiz_meta.get("enabled"))
    page = Page(
        src=rel,
        path=path,
        module=module.number,
        title=title,
        kind=kind,
        minutes=minutes,
        outcomes=outcomes,
        topics=topics,
        scenario=scenario if isinstance(scenario, str) else None,
        quiz_enabled=quiz_enabled,
        body=body,
        body_line=body_line,
    )
    for kind_name, block_title, options, line, content in blocks(body):
        if kind_name == "reflection":
            m = ATTR_ID.match(options.split("\n")[0]) if options else None
            rid = m.group(1) if m else None
            where = f"{rel}:{body_line + line}"
            if not rid or not REFLECTION_ID.match(rid):
                raise CourseError(
                    where,
                    "reflection id",
                    "'attrs: {id: mN-r-some-words}' under '/// reflection'",
                    rid,
                )
            if not rid.startswith(f"m{module.number}-"):
                raise CourseError(
                    where, "reflection id", f"an id starting 'm{module.number}-r-'", rid
                )
            page.reflections.append(
                Reflection(rid, block_title, first_paragraph(content), rel, body_line + line)
            )
        elif kind_name == "key-points":
            page.key_points = content
    scan_quiz(page, rel, problems, course_ids["outcomes"])
    return page, problems


# ---------------------------------------------------------------------------------------------
# Modules and the course


def load_module(folder: Path, root: Path) -> Module:
    rel = f"{folder.relative_to(root).as_posix()}/{MODULE_FILE}"
    data = as_mapping(read_yaml(folder / MODULE_FILE, rel), rel)
    for key in data:
        if key not in MODULE_FIELDS:
            raise CourseError(rel, str(key), f"one of the fields {', '.join(MODULE_FIELDS)}", key)
    number = need(data, "number", int, rel, "the module number as a whole number")
    short_name = need(data, "short_name", str, rel, "a short name in lower case and hyphens")
    if not SHORT_NAME.match(short_name):
        raise CourseError(rel, "short_name", "lower-case letters, digits and hyphens", short_name)
    if folder.name != f"{number}-{short_name}":
        raise CourseError(
            rel, "number/short_name", f"the folder to be named '{number}-{short_name}'", folder.name
        )
    title = need(data, "title", str, rel, "the module title as text")
    summary = need(data, "summary", str, rel, "the module summary as text")
    status = data.get("status", "draft")
    if status not in ("draft", "complete"):
        raise CourseError(rel, "status", "'draft' or 'complete'", status)
    hours = positive_number(data.get("hours"), rel, "hours")
    law = data.get("law_correct_as_at")
    if not isinstance(law, dt.date):
        raise CourseError(rel, "law_correct_as_at", "a date written as YYYY-MM-DD", law)
    raw_outcomes = need(data, "outcomes", list, rel, "a list of outcomes, each with id and text")
    if not raw_outcomes:
        raise CourseError(rel, "outcomes", "at least one outcome", raw_outcomes)
    outcomes: list[Outcome] = []
    for i, item in enumerate(raw_outcomes, start=1):
        key = f"outcomes[{i}]"
        if not isinstance(item, dict):
            raise CourseError(rel, key, "a mapping with 'id' and 'text'", item)
        for name in item:
            if name not in OUTCOME_FIELDS:
                raise CourseError(rel, f"{key}.{name}", "only the fields 'id' and 'text'", name)
        oid = item.get("id")
        if not isinstance(oid, str) or not OUTCOME_ID.match(oid):
            raise CourseError(rel, f"{key}.id", "an outcome id of the form m<module>-lo<n>", oid)
        if int(OUTCOME_ID.match(oid).group(1)) != number:  # type: ignore[union-attr]
            raise CourseError(rel, f"{key}.id", f"an id starting 'm{number}-lo'", oid)
        if any(o.id == oid for o in outcomes):
            raise CourseError(rel, f"{key}.id", "each outcome id to be used once", oid)
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            raise CourseError(rel, f"{key}.text", "the outcome's text", text)
        outcomes.append(Outcome(oid, text, number))
    pages = data.get("pages", []) or []
    if not isinstance(pages, list) or not all(isinstance(p, str) for p in pages):
        raise CourseError(rel, "pages", "a list of page file names such as [section.md]", pages)
    for name in pages:
        if not name.endswith(".md") or "/" in name or name == "index.md":
            raise CourseError(rel, "pages", "file names of pages in the module folder", name)
        if not (folder / name).is_file():
            raise CourseError(rel, "pages", f"a file '{name}' in {folder.name}/", name)
    reading = data.get("further_reading", []) or []
    if not isinstance(reading, list):
        raise CourseError(rel, "further_reading", "a list of reference ids", reading)
    mastery = data.get("mastery_score")
    if mastery is not None and (
        isinstance(mastery, bool) or not isinstance(mastery, int | float) or not 0 <= mastery <= 100
    ):
        raise CourseError(
            rel, "mastery_score", "the quiz's pass mark as a percentage from 0 to 100", mastery
        )
    return Module(
        number=number,
        short_name=short_name,
        title=title,
        summary=summary,
        status=status,
        hours=hours,
        law_correct_as_at=law,
        outcomes=outcomes,
        page_files=pages,
        further_reading=reading,
        folder=folder,
        src_folder=folder.relative_to(root).as_posix(),
        mastery_score=None if mastery is None else float(mastery),
    )


def load_list(path: Path, rel: str, required: tuple[str, ...]) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    data = read_yaml(path, rel) or []
    if not isinstance(data, list):
        raise CourseError(rel, "", "a YAML list of entries", type(data).__name__)
    for i, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise CourseError(rel, f"entry {i}", f"a mapping with {', '.join(required)}", item)
        for key in required:
            if not isinstance(item.get(key), str | int) or item.get(key) in ("", None):
                raise CourseError(rel, f"entry {i}.{key}", f"a value for '{key}'", item.get(key))
    return data


OPEN_ITEM_FIELDS = ("id", "item", "outcome", "see")


def load_open_items(
    root: Path, path: Path, rel: str, outcome_ids: set[str]
) -> list[dict[str, Any]]:
    """The owner's open decisions, listed on the owner review even if a page's note goes."""
    if not path.exists():
        return []
    data = read_yaml(path, rel) or []
    if not isinstance(data, list):
        raise CourseError(rel, "", "a YAML list of items, each with id and item", data)
    items: list[dict[str, Any]] = []
    for i, entry in enumerate(data, start=1):
        key = f"entry {i}"
        if not isinstance(entry, dict):
            raise CourseError(rel, key, "a mapping with 'id' and 'item'", entry)
        for name in entry:
            if name not in OPEN_ITEM_FIELDS:
                raise CourseError(
                    rel, f"{key}.{name}", f"one of the fields {', '.join(OPEN_ITEM_FIELDS)}", name
                )
        iid = entry.get("id")
        if not isinstance(iid, str) or not SHORT_NAME.match(iid):
            raise CourseError(rel, f"{key}.id", "a short id in lower case and hyphens", iid)
        if any(it["id"] == iid for it in items):
            raise CourseError(rel, f"{key}.id", "each id used once", iid)
        text = entry.get("item")
        if not isinstance(text, str) or not text.strip():
            raise CourseError(rel, f"{key}.item", "the question for the owner, as text", text)
        outcome = entry.get("outcome")
        if outcome is not None and outcome not in outcome_ids:
            raise CourseError(
                rel, f"{key}.outcome", "an outcome id defined in a module.yml", outcome
            )
        see = entry.get("see") or []
        if not isinstance(see, list) or not all(isinstance(s, str) for s in see):
            raise CourseError(rel, f"{key}.see", "a list of files, such as [docs/about.md]", see)
        for name in see:
            if not (root / name).is_file():
                raise CourseError(rel, f"{key}.see", "files of the course, from its root", name)
        items.append({"id": iid, "item": text.strip(), "outcome": outcome, "see": see})
    return items


def load_course(root: Path, modules_dir: str = "modules") -> tuple[Course, list[str]]:
    """Load and validate the course; return it with the content problems found (as messages).

    Raises CourseError for a metadata mistake that stops the build.
    """
    base = root / modules_dir
    if not base.is_dir():
        raise CourseError(modules_dir, "", "a folder of modules beside mkdocs.yml")
    course_rel = f"{modules_dir}/course.yml"
    course_data = as_mapping(read_yaml(base / "course.yml", course_rel), course_rel)
    title = need(course_data, "title", str, course_rel, "the course title")
    version = str(need(course_data, "version", (str, int, float), course_rel, "a version"))
    short_title = course_data.get("short_title") or title
    pending = course_data.get("quiz_rules_pending") or []
    if not isinstance(pending, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) for n in pending
    ):
        raise CourseError(
            course_rel, "quiz_rules_pending", "a list of module numbers such as [1, 2]", pending
        )

    modules: list[Module] = []
    for folder in sorted(base.iterdir(), key=lambda p: p.name):
        if folder.is_dir() and (folder / MODULE_FILE).exists():
            modules.append(load_module(folder, root))
    modules.sort(key=lambda m: m.number)
    numbers = [m.number for m in modules]
    for m in modules:
        if numbers.count(m.number) > 1:
            raise CourseError(
                f"{m.src_folder}/{MODULE_FILE}", "number", "a unique module number", m.number
            )
    seen_outcomes: dict[str, str] = {}
    for m in modules:
        for o in m.outcomes:
            if o.id in seen_outcomes:
                raise CourseError(
                    f"{m.src_folder}/{MODULE_FILE}",
                    "outcomes",
                    "outcome ids unique in the course",
                    o.id,
                )
            seen_outcomes[o.id] = m.src_folder

    topics = load_list(base / "topics.yml", f"{modules_dir}/topics.yml", ("id", "module", "topic"))
    scenarios = load_list(base / "scenarios.yml", f"{modules_dir}/scenarios.yml", ("id", "module"))
    glossary: list[dict[str, Any]] = []
    references: dict[str, dict[str, Any]] = {}
    glossary_files = [(base / "glossary.yml", f"{modules_dir}/glossary.yml")]
    reference_files = [(base / "references.yml", f"{modules_dir}/references.yml")]
    for m in modules:
        glossary_files.append((m.folder / "glossary.yml", f"{m.src_folder}/glossary.yml"))
        reference_files.append((m.folder / "references.yml", f"{m.src_folder}/references.yml"))
    defined: dict[str, str] = {}
    for path, rel in glossary_files:
        for entry in load_list(path, rel, ("term", "definition")):
            aliases = entry.get("aliases") or []
            if not isinstance(aliases, list):
                raise CourseError(rel, f"{entry['term']}.aliases", "a list of other forms", aliases)
            for name in [entry["term"], *aliases]:
                key = str(name).lower()
                if key in defined:
                    raise CourseError(
                        rel, "term", f"'{name}' defined once (also in {defined[key]})"
                    )
                defined[key] = rel
            glossary.append({**entry, "aliases": [str(a) for a in aliases], "file": rel})
    for path, rel in reference_files:
        for entry in load_list(path, rel, ("id", "citation")):
            if entry["id"] in references:
                other = references[str(entry["id"])]["file"]
                raise CourseError(
                    rel, "id", f"reference id '{entry['id']}' defined once (also in {other})"
                )
            references[str(entry["id"])] = {**entry, "file": rel}
    for m in modules:
        for rid in m.further_reading:
            if rid not in references:
                raise CourseError(
                    f"{m.src_folder}/{MODULE_FILE}",
                    "further_reading",
                    "ids from references.yml",
                    rid,
                )

    renames_rel = f"{modules_dir}/renames.yml"
    renames_data = (
        read_yaml(base / "renames.yml", renames_rel) if (base / "renames.yml").exists() else {}
    )
    renames_data = as_mapping(renames_data or {}, renames_rel)
    renames: dict[str, list[dict[str, Any]]] = {}
    for key in ("outcomes", "reflections"):
        entries = renames_data.get(key) or []
        if not isinstance(entries, list) or not all(
            isinstance(e, dict) and isinstance(e.get("old"), str) for e in entries
        ):
            raise CourseError(
                renames_rel, key, "a list of {old: id, new: id} or {old: id, retired: true}"
            )
        renames[key] = entries

    ids = {
        "outcomes": set(seen_outcomes),
        "topics": {str(t["id"]) for t in topics},
        "scenarios": {str(s["id"]) for s in scenarios},
    }
    problems: list[str] = []
    reflection_ids: dict[str, str] = {}
    for m in modules:
        files = [("index.md", "overview"), *((name, "section") for name in m.page_files)]
        for name, kind_default in files:
            path = m.folder / name
            rel = f"{m.src_folder}/{name}"
            if not path.exists():
                if name == "index.md":
                    raise CourseError(rel, "", "an overview page index.md in the module folder")
                continue
            page, found = scan_page(path, rel, m, kind_default, ids)
            problems.extend(found)
            for r in page.reflections:
                if r.id in reflection_ids:
                    raise CourseError(
                        f"{rel}:{r.line}",
                        "reflection id",
                        f"a unique id (also in {reflection_ids[r.id]})",
                        r.id,
                    )
                reflection_ids[r.id] = rel
            m.pages.append(page)
        for path in sorted(m.folder.glob("*.md")):
            if path.name != "index.md" and path.name not in m.page_files:
                problems.append(
                    f"{m.src_folder}/{path.name}: this page is not listed in 'pages' of "
                    f"{m.src_folder}/{MODULE_FILE}, so learners cannot reach it"
                )

    notes: list[str] = []
    for n in pending:
        if n not in numbers:
            raise CourseError(
                course_rel, "quiz_rules_pending", f"module numbers of the course {numbers}", n
            )
    for m in modules:
        if not m.complete:
            continue
        found = quizrules.module_problems(
            [quizrules.Located(p.src, q) for p in m.pages for q in p.questions]
        )
        if m.number not in pending:
            problems.extend(found)
        elif found:
            notes.extend(f"{f} (quiz rules pending for module {m.number})" for f in found)
        else:
            notes.append(
                f"{course_rel}: module {m.number}'s quiz passes the item-writing rules; remove it "
                "from quiz_rules_pending so that the build enforces them"
            )

    owner_items: list[tuple[str, int, str]] = []
    docs = root / "docs"  # the learner pages: a trainer page may wait for the owner too
    scanned = [*sorted(base.rglob("*")), *(sorted(docs.rglob("*.md")) if docs.is_dir() else [])]
    for path in scanned:
        if path.suffix in (".md", ".yml", ".yaml") and path.is_file():
            rel = path.relative_to(root).as_posix()
            for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
                todo = TODO_OWNER.search(line)
                if todo:
                    owner_items.append((rel, n, todo.group(1) or line.strip()))
                elif BLOCK_START.match(line) and BLOCK_START.match(line).group(2) == "unconfirmed":  # type: ignore[union-attr]
                    owner_items.append((rel, n, "Shown to learners as awaiting confirmation"))

    course = Course(
        title=title,
        short_title=str(short_title),
        version=version,
        root=root,
        modules=modules,
        topics=topics,
        scenarios=scenarios,
        glossary=glossary,
        references=references,
        renames=renames,
        owner_items=owner_items,
        notes=notes,
        open_items=load_open_items(
            root, base / "owner-items.yml", f"{modules_dir}/owner-items.yml", set(seen_outcomes)
        ),
    )
    return course, problems


# ---------------------------------------------------------------------------------------------
# Alignment: what each module teaches and assesses


@dataclass
class ModuleGaps:
    untaught: list[str]
    unassessed: list[str]
    missing_topics: list[str]
    minutes: int
    expected_minutes: int

    @property
    def empty(self) -> bool:
        return not (
            self.untaught
            or self.unassessed
            or self.missing_topics
            or self.minutes != self.expected_minutes
        )

    def messages(self, module: Module) -> list[str]:
        rel = f"{module.src_folder}/{MODULE_FILE}"
        out = []
        if self.untaught:
            out.append(f"{rel}: outcomes not taught on any page: {', '.join(self.untaught)}")
        if self.unassessed:
            out.append(
                f"{rel}: outcomes not assessed by any quiz question: {', '.join(self.unassessed)}"
            )
        if self.missing_topics:
            out.append(f"{rel}: checklist topics not on any page: {', '.join(self.missing_topics)}")
        if self.minutes != self.expected_minutes:
            out.append(
                f"{rel}: page minutes add up to {self.minutes}, expected hours × 60 = "
                f"{self.expected_minutes}"
            )
        return out


def taught_where(course: Course) -> dict[str, list[Page]]:
    where: dict[str, list[Page]] = {oid: [] for oid in course.outcomes}
    for page in course.pages:
        for oid in page.outcomes:
            where[oid].append(page)
    return where


def assessed_where(course: Course) -> dict[str, list[tuple[Page, QuizQuestion]]]:
    where: dict[str, list[tuple[Page, QuizQuestion]]] = {oid: [] for oid in course.outcomes}
    for page in course.pages:
        for q in page.questions:
            for oid in q.outcomes:
                if oid in where:
                    where[oid].append((page, q))
    return where


def module_gaps(course: Course, module: Module) -> ModuleGaps:
    taught = taught_where(course)
    assessed = assessed_where(course)
    covered = {t for p in module.pages for t in p.topics}
    return ModuleGaps(
        untaught=[o.id for o in module.outcomes if not taught[o.id]],
        unassessed=[o.id for o in module.outcomes if not assessed[o.id]],
        missing_topics=[
            str(t["id"])
            for t in course.topics
            if t["module"] == module.number and t["id"] not in covered
        ],
        minutes=module.minutes,
        expected_minutes=round(module.hours * 60),
    )
