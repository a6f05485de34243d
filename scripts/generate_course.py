"""Write a generated course of any number of modules, for the build-time growth benchmark.

Every module is made from the same small course spec below, so a 40-module course has exactly ten
times the content of a 4-module one, and its build time should grow about ten times (linear).
The modules use every authoring block the real course does (reflections, key points, trainer
notes, scenario stages, glossary terms, quizzes) and pass the plugin's strict content rules.

    python scripts/generate_course.py OUT_DIR [--modules 40]
    mkdocs build --strict -f OUT_DIR/mkdocs.yml
"""

from __future__ import annotations

import argparse
import random
import textwrap
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class CourseSpec:
    """What one generated module holds; sized like a module of the real course."""

    sections: int = 5
    paragraphs_per_section: int = 20
    words_per_paragraph: int = 95
    outcomes: int = 6
    quiz_questions: int = 6
    scenario_stages: int = 4
    glossary_terms: int = 3
    references: int = 3
    section_minutes: int = 25
    overview_minutes: int = 15
    scenario_minutes: int = 30
    quiz_minutes: int = 10

    @property
    def hours(self) -> float:
        minutes = (
            self.overview_minutes
            + self.sections * self.section_minutes
            + self.scenario_minutes
            + self.quiz_minutes
        )
        return minutes / 60


SPEC = CourseSpec()

# Plain practice vocabulary, so pages are prose-shaped (words, sentences, glossary hits).
VOCABULARY = (
    "child family carer plan review support contact identity belonging school home court order "
    "assessment evidence relationship stability change risk strength network kinship guardian "
    "parent sibling voice wishes feelings meeting record decision option reunification adoption "
    "fostering placement timescale story memory trust routine worker team manager supervision "
    "practice reflection purpose outcome safety wellbeing health education friend community "
    "culture heritage faith language letter visit review chair independent advocate agreement"
)
WORDS = VOCABULARY.split()


def sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def paragraph(rng: random.Random, words: int, term: str | None = None) -> str:
    parts: list[str] = []
    remaining = words
    while remaining > 0:
        n = min(remaining, rng.randint(9, 18))
        parts.append(sentence(rng, n))
        remaining -= n
    if term:
        parts.insert(1, f"The {term} matters here.")
    return "\n".join(textwrap.wrap(" ".join(parts), 98))


def front_matter(**fields: object) -> str:
    return "---\n" + yaml.safe_dump(fields, sort_keys=False, allow_unicode=True) + "---\n\n"


def block(kind: str, title: str, body: str, attrs: str = "") -> str:
    options = f"    attrs: {{id: {attrs}}}\n" if attrs else ""
    return f"/// {kind} | {title}\n{options}{body}\n///\n"


def section_page(n: int, k: int, outcome: str, topic: str, term: str) -> str:
    rng = random.Random(f"section-{k}")  # the same text in every module: equal content
    parts = [
        front_matter(
            title=f"Part {k} of module {n}",
            kind="section",
            minutes=SPEC.section_minutes,
            outcomes=[outcome],
            topics=[topic],
        ),
        f"# Part {k} of module {n}\n",
    ]
    for p in range(SPEC.paragraphs_per_section):
        if p % 4 == 0:
            parts.append(f"## Idea {p // 4 + 1}\n")
        parts.append(paragraph(rng, SPEC.words_per_paragraph, term if p == 1 else None) + "\n")
    parts.append(
        block(
            "reflection",
            f"Reflection: part {k}",
            "Think about a child you work with. What would change?",
            attrs=f"m{n}-r-part-{k}",
        )
    )
    parts.append(block("key-points", "Key points", f"- Part {k} of module {n} in one line."))
    parts.append(block("trainer", "Trainer notes", paragraph(rng, 40)))
    return "\n".join(parts)


def scenario_page(n: int, outcomes: list[str]) -> str:
    rng = random.Random("scenario")
    parts = [
        front_matter(
            title=f"Scenario {n}",
            kind="scenario",
            minutes=SPEC.scenario_minutes,
            outcomes=outcomes[:2],
            topics=[],
            scenario=f"m{n}-s1",
        ),
        f"# Scenario {n}\n",
        block("content-note", "Content note", "This scenario mentions loss and separation."),
        "## Stage 1: the start\n",
        paragraph(rng, SPEC.words_per_paragraph * 2) + "\n",
    ]
    for stage in range(2, SPEC.scenario_stages + 1):
        parts.append(block("stage", f"Stage {stage}", paragraph(rng, SPEC.words_per_paragraph * 2)))
    parts.append(block("discussion", "Discussion questions", "1. What would you do next?"))
    parts.append(block("commentary", "Facilitator commentary", paragraph(rng, 60)))
    return "\n".join(parts)


OPTIONS = [
    ("It puts the child first", "It fits because it puts the child first."),
    ("It leaves the child's voice out", "It leaves the child's voice out."),
    ("It waits too long to decide", "It waits too long."),
]


def options(q: int) -> str:
    """Three options of like length, the fitting one in turn at A, B and C (the quiz rules)."""
    order = [1, 2]
    order.insert((q - 1) % 3, 0)
    return (
        "".join(
            f"- [{'x' if i == 0 else ' '}] {OPTIONS[i][0]}\n    > {OPTIONS[i][1]}\n" for i in order
        )
        + "\n"
    )


def quiz_page(n: int, outcomes: list[str]) -> str:
    parts = [
        front_matter(
            title=f"Quiz {n}", kind="quiz", minutes=SPEC.quiz_minutes, quiz={"enabled": True}
        ),
        f"# Quiz {n}\n",
    ]
    for q in range(1, SPEC.quiz_questions + 1):
        outcome = outcomes[(q - 1) % len(outcomes)]
        parts.append(
            f"<!-- assesses: {outcome} -->\n<quiz>\n"
            f"Which option best fits question {q} of module {n}?\n"
            + options(q)
            + f"Why the fitting option fits question {q}.\n</quiz>\n"
        )
    return "\n".join(parts)


def overview_page(n: int) -> str:
    rng = random.Random("overview")
    return (
        front_matter(title=f"Module {n}", minutes=SPEC.overview_minutes)
        + paragraph(rng, SPEC.words_per_paragraph)
        + "\n"
    )


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def generate(out: Path, modules: int = 40, base_config: Path = ROOT / "mkdocs.yml") -> Path:
    """Write a course of `modules` modules into out (a site inheriting base_config's settings).

    Returns the generated mkdocs.yml.
    """
    course = out / "modules"
    topics: list[dict[str, object]] = []
    scenarios: list[dict[str, object]] = []
    glossary: list[dict[str, object]] = []
    references: list[dict[str, object]] = []
    for n in range(1, modules + 1):
        folder = course / f"{n}-practice"
        outcome_ids = [f"m{n}-lo{i}" for i in range(1, SPEC.outcomes + 1)]
        terms = [f"practice term {n}{chr(96 + i)}" for i in range(1, SPEC.glossary_terms + 1)]
        ref_ids = [f"m{n}-ref-{i}" for i in range(1, SPEC.references + 1)]
        pages = []
        for k in range(1, SPEC.sections + 1):
            topic = f"m{n}-topic-{k}"
            topics.append({"id": topic, "module": n, "topic": f"Topic {k} of module {n}"})
            outcome = outcome_ids[(k - 1) % len(outcome_ids)]
            name = f"part-{k}.md"
            write(folder / name, section_page(n, k, outcome, topic, terms[k % len(terms)]))
            pages.append(name)
        # Outcomes past the sections' share are taught on the scenario page.
        write(folder / "scenario.md", scenario_page(n, outcome_ids[SPEC.sections :] or outcome_ids))
        write(folder / "quiz.md", quiz_page(n, outcome_ids))
        write(folder / "index.md", overview_page(n))
        pages += ["scenario.md", "quiz.md"]
        scenarios.append({"id": f"m{n}-s1", "module": n, "title": f"Scenario {n}"})
        glossary += [{"term": t, "definition": f"What {t} means in practice."} for t in terms]
        references += [
            {"id": r, "citation": f"Author {r} (2026) A generated reference. Publisher."}
            for r in ref_ids
        ]
        module = {
            "number": n,
            "short_name": "practice",
            "title": f"Generated practice module {n}",
            "summary": paragraph(random.Random("summary"), 80) + "\n",
            "status": "complete",
            "hours": SPEC.hours,
            "law_correct_as_at": "2026-11-01",
            "outcomes": [{"id": o, "text": f"practise outcome {o}"} for o in outcome_ids],
            "pages": pages,
            "further_reading": ref_ids,
        }
        text = yaml.safe_dump(module, sort_keys=False, allow_unicode=True)
        write(folder / "module.yml", text.replace("'2026-11-01'", "2026-11-01"))
    write(course / "course.yml", 'title: Generated course\nversion: "1.0.0"\n')
    for name, data in (
        ("topics.yml", topics),
        ("scenarios.yml", scenarios),
        ("glossary.yml", glossary),
        ("references.yml", references),
    ):
        write(course / name, yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    write(course / "renames.yml", "outcomes: []\nreflections: []\n")
    # The course's own words (facilitation prompts, handout introductions): the real course's.
    write(course / "wording.yml", (ROOT / "modules" / "wording.yml").read_text(encoding="utf-8"))
    write(out / "docs" / "index.md", "---\ntitle: Generated course\n---\n\n# Generated course\n")
    write(out / "docs" / "my-plan.md", "---\ntitle: My plan\n---\n\n# My plan\n")
    config = {
        "INHERIT": str(base_config.resolve()),
        "site_name": f"Generated course of {modules} modules",
        "docs_dir": "docs",
        "nav": [
            {"Home": "index.md"},
            {"Modules": "@modules"},
            {
                "Course": [
                    {"Outcome map": "course/outcome-map.md"},
                    {"Key points": "course/key-points.md"},
                    {"Glossary": "glossary.md"},
                    {"References": "references.md"},
                ]
            },
            {"My plan": "my-plan.md"},
        ],
    }
    config_file = out / "mkdocs.yml"
    write(config_file, yaml.safe_dump(config, sort_keys=False))
    return config_file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the course into")
    parser.add_argument("--modules", type=int, default=40)
    parser.add_argument("--base-config", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args()
    config = generate(args.out, args.modules, args.base_config)
    print(f"Wrote a course of {args.modules} modules: build it with mkdocs build -f {config}")


if __name__ == "__main__":
    main()
