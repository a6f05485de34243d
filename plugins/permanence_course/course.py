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

from . import quizrules, schema
from .errors import CourseError

OUTCOME_ID = re.compile(r"^m(\d+)-lo(\d+)$")
REFLECTION_ID = re.compile(r"^m\d+-r-[a-z0-9]+(?:-[a-z0-9]+)*$")
SHORT_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MODULE_FILE = "module.yml"
# The shapes of module.yml, front matter and the data files are declared as JSON Schemas in
# schemas/ (checked by schema.check, which names file, field and what was expected); the code
# here checks what needs more than one file: ids defined elsewhere, files that exist, uniqueness.
__all__ = ["CourseError"]


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
class RenderedBlock:
    """An authoring block (`/// kind | title`) as the page's render wrote it: final HTML."""

    kind: str
    title: str
    id: str
    html: str


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
    # Filled while the page is rendered (markdown_ext.py): each authoring block as rendered.
    blocks: list[RenderedBlock] = field(default_factory=list)

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
    # The words the site's code prints (facilitation prompts, handout introductions, evaluation
    # questions), from modules/wording.yml.
    wording: dict[str, Any] = field(default_factory=dict)

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
# Reading YAML: a malformed file names the file and the line.


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


def as_mapping(data: Any, rel: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise CourseError(rel, "", "a YAML mapping of fields (name: value)", type(data).__name__)
    return data


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
    schema.check(meta, "page", rel)
    title: str = meta["title"]
    kind = meta.get("kind", kind_default)
    minutes: int = meta["minutes"]
    outcomes: list[str] = meta.get("outcomes") or []
    for oid in outcomes:
        if oid not in course_ids["outcomes"]:
            raise CourseError(rel, "outcomes", "outcome ids defined in a module.yml", oid)
    topics: list[str] = meta.get("topics") or []
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
    data = schema.check(read_yaml(folder / MODULE_FILE, rel), "module", rel)
    number: int = data["number"]
    short_name: str = data["short_name"]
    if folder.name != f"{number}-{short_name}":
        raise CourseError(
            rel, "number/short_name", f"the folder to be named '{number}-{short_name}'", folder.name
        )
    title: str = data["title"]
    summary: str = data["summary"]
    status: str = data.get("status", "draft")
    hours = float(data["hours"])
    law = data["law_correct_as_at"]
    if not isinstance(law, dt.date):  # written in quotes: the schema checked it is a date
        law = dt.date.fromisoformat(law)
    outcomes: list[Outcome] = []
    for i, item in enumerate(data["outcomes"], start=1):
        key = f"outcomes[{i}]"
        oid = item["id"]
        if int(OUTCOME_ID.match(oid).group(1)) != number:  # type: ignore[union-attr]
            raise CourseError(rel, f"{key}.id", f"an id starting 'm{number}-lo'", oid)
        if any(o.id == oid for o in outcomes):
            raise CourseError(rel, f"{key}.id", "each outcome id to be used once", oid)
        outcomes.append(Outcome(oid, item["text"], number))
    pages: list[str] = data.get("pages") or []
    for name in pages:
        if not (folder / name).is_file():
            raise CourseError(rel, "pages", f"a file '{name}' in {folder.name}/", name)
    reading: list[str] = data.get("further_reading") or []
    mastery = data.get("mastery_score")
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


def load_list(path: Path, rel: str, kind: str) -> list[dict[str, Any]]:
    """A data file that is a list of entries, checked against schemas/<kind>.schema.json."""
    if not path.exists():
        return []
    return schema.check(read_yaml(path, rel), kind, rel) or []


def load_open_items(
    root: Path, path: Path, rel: str, outcome_ids: set[str]
) -> list[dict[str, Any]]:
    """The owner's open decisions, listed on the owner review even if a page's note goes."""
    if not path.exists():
        return []
    data = schema.check(read_yaml(path, rel), "owner-items", rel) or []
    items: list[dict[str, Any]] = []
    for i, entry in enumerate(data, start=1):
        key = f"entry {i}"
        iid, text = entry["id"], entry["item"]
        if any(it["id"] == iid for it in items):
            raise CourseError(rel, f"{key}.id", "each id used once", iid)
        outcome = entry.get("outcome")
        if outcome is not None and outcome not in outcome_ids:
            raise CourseError(
                rel, f"{key}.outcome", "an outcome id defined in a module.yml", outcome
            )
        see = entry.get("see") or []
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
    course_data = schema.check(read_yaml(base / "course.yml", course_rel), "course", course_rel)
    title: str = course_data["title"]
    version = str(course_data["version"])
    short_title = course_data.get("short_title") or title
    pending: list[int] = course_data.get("quiz_rules_pending") or []

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

    topics = load_list(base / "topics.yml", f"{modules_dir}/topics.yml", "topics")
    scenarios = load_list(base / "scenarios.yml", f"{modules_dir}/scenarios.yml", "scenarios")
    glossary: list[dict[str, Any]] = []
    references: dict[str, dict[str, Any]] = {}
    glossary_files = [(base / "glossary.yml", f"{modules_dir}/glossary.yml")]
    reference_files = [(base / "references.yml", f"{modules_dir}/references.yml")]
    for m in modules:
        glossary_files.append((m.folder / "glossary.yml", f"{m.src_folder}/glossary.yml"))
        reference_files.append((m.folder / "references.yml", f"{m.src_folder}/references.yml"))
    defined: dict[str, str] = {}
    for path, rel in glossary_files:
        for entry in load_list(path, rel, "glossary"):
            aliases = entry.get("aliases") or []
            for name in [entry["term"], *aliases]:
                key = str(name).lower()
                if key in defined:
                    raise CourseError(
                        rel, "term", f"'{name}' defined once (also in {defined[key]})"
                    )
                defined[key] = rel
            glossary.append({**entry, "aliases": [str(a) for a in aliases], "file": rel})
    for path, rel in reference_files:
        for entry in load_list(path, rel, "references"):
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
    renames_data = schema.check(renames_data, "renames", renames_rel) or {}
    renames = {key: renames_data.get(key) or [] for key in ("outcomes", "reflections")}

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
        wording=schema.check(
            read_yaml(base / "wording.yml", f"{modules_dir}/wording.yml"),
            "wording",
            f"{modules_dir}/wording.yml",
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
