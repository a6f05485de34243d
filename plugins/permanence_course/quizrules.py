"""Item-writing rules for quizzes: a guess (the longest option, position C) must not pass.

The rules are pure functions over parsed questions (course.QuizQuestion); the build applies them
to every module with `status: complete`. AUTHORING.md ("Quizzes") explains them to authors.

Run on a quiz without building, to see its statistics and what breaks the rules:

    .venv/bin/python -m permanence_course.quizrules modules/1-permanence/quiz.md
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

# Per module: in at most this share of single-answer questions is the key longer than every
# other option; in at most this share of multi-answer questions is the longest option keyed.
MAX_SHARE_KEY_LONGEST_SINGLE = 0.4
MAX_SHARE_KEY_LONGEST_MULTI = 0.5
# No keyed option longer than this many times the mean length of the question's other options.
MAX_KEY_LENGTH_RATIO = 1.5
# Each of positions A-D holds between these shares of a module's single-answer keys.
MIN_SHARE_POSITION = 0.1
MAX_SHARE_POSITION = 0.4
# Below this many single-answer questions, a 10% floor is under one question and a strict 40%
# ceiling can make any spread impossible (three questions, four positions): the floor is dropped
# and the ceiling rounded up to whole questions.
MIN_QUESTIONS_FOR_STRICT_SPREAD = 10
POSITIONS = "ABCDEFGHIJ"

ABOVE = re.compile(r"\b(?:all|none|both|neither)\s+(?:of\s+)?(?:the\s+)?above\b", re.I)
NEGATIVE = re.compile(r"\b(?:not|except|least|never|cannot|\w+n[’']t)\b", re.I)
SENTENCE_END = re.compile(r"([.?!:][\"”’')*_]*)\s+(?=[\"“‘'(*_A-Z0-9<])")
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
EMPHASIS = re.compile(r"\*\*(.+?)\*\*|__(.+?)__|<(?:strong|b)>(.+?)</(?:strong|b)>", re.S)


class Question(Protocol):
    """What the rules read from a parsed question (course.QuizQuestion has it)."""

    number: int
    line: int
    stem: str
    answers: list[str]
    keyed: list[bool]


def plain(text: str) -> str:
    """An option's own text as a learner sees it: markup stripped, spaces collapsed."""
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links and images: their words
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"\{[:.#][^}]*\}", "", text)  # attr_list
    text = re.sub(r"(\*{1,3}|_{1,3}|`+|~~)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    return re.sub(r"\s+", " ", text).strip()


def length(text: str) -> int:
    return len(plain(text))


def question_sentence(stem: str) -> str:
    """The question a stem asks: its last sentence ending in '?', else its last sentence.

    A case described before the question may say what someone did not do; only the question
    itself must flag a negative.
    """
    flat = re.sub(r"\s+", " ", stem).strip()
    sentences = [s for s in SENTENCE_END.sub("\\1\n", flat).split("\n") if s]
    asked = [s for s in sentences if s.rstrip(" *_\"”’')").endswith("?")]
    if asked:
        return asked[-1]
    return sentences[-1] if sentences else ""


def unflagged_negatives(stem: str) -> list[str]:
    """Negative words in the question that are neither in capitals nor in bold."""
    sentence = question_sentence(stem)
    bold = [(m.start(), m.end()) for m in EMPHASIS.finditer(sentence)]
    found = []
    quoted = [(m.start(), m.end()) for m in QUOTED.finditer(sentence)]
    for m in NEGATIVE.finditer(sentence):
        word = m.group(0)
        if word.isupper() or any(a <= m.start() and m.end() <= b for a, b in bold + quoted):
            continue
        found.append(word)
    return found


def is_single(q: Question) -> bool:
    return sum(q.keyed) == 1


def is_multi(q: Question) -> bool:
    return sum(q.keyed) >= 2


def key_strictly_longest(q: Question) -> bool:
    """The keyed option (or, with several, the longest of them) is longer than every other."""
    lengths = [length(a) for a in q.answers]
    keyed = [n for n, k in zip(lengths, q.keyed, strict=True) if k]
    others = [n for n, k in zip(lengths, q.keyed, strict=True) if not k]
    return bool(keyed) and bool(others) and max(keyed) > max(others)


def key_position(q: Question) -> int:
    return q.keyed.index(True)


def allowed_per_position(total: int) -> tuple[int, int]:
    """The fewest and most single-answer keys one position may hold, for a module's total."""
    if total < MIN_QUESTIONS_FOR_STRICT_SPREAD:
        return 0, math.ceil(MAX_SHARE_POSITION * total)
    return math.ceil(MIN_SHARE_POSITION * total), math.floor(MAX_SHARE_POSITION * total)


@dataclass
class Located:
    """A question and the file it is in (a module's questions may be on several pages)."""

    rel: str
    question: Question


def numbers(items: Sequence[Located]) -> str:
    by_file: dict[str, list[str]] = {}
    for item in items:
        by_file.setdefault(item.rel, []).append(str(item.question.number))
    return "; ".join(
        f"{rel}: quiz question{'s' if len(ns) > 1 else ''} {', '.join(ns)}"
        for rel, ns in by_file.items()
    )


def question_problems(rel: str, q: Question) -> list[str]:
    """The rules one question must pass on its own."""
    where = f"{rel}:{q.line}: quiz question {q.number}"
    out = []
    lengths = [length(a) for a in q.answers]
    for i, (text, keyed) in enumerate(zip(q.answers, q.keyed, strict=True)):
        if ABOVE.search(plain(text)):
            out.append(
                f"{where}: option {POSITIONS[i] if i < len(POSITIONS) else i + 1} "
                f"'{plain(text)[:50]}' is an 'all/none of the above' option; write each "
                "option so that it stands on its own"
            )
        others = lengths[:i] + lengths[i + 1 :]
        if keyed and others:
            mean = sum(others) / len(others)
            if lengths[i] > MAX_KEY_LENGTH_RATIO * mean:
                out.append(
                    f"{where}: keyed option '{plain(text)[:50]}' is {lengths[i]} characters, "
                    f"{lengths[i] / mean:.2f} times the mean of the other options ({mean:.0f}); "
                    f"at most {MAX_KEY_LENGTH_RATIO:g} times"
                )
    negatives = unflagged_negatives(q.stem)
    if negatives:
        words = ", ".join(f"'{w}'" for w in negatives)
        out.append(
            f"{where}: the question is negatively worded ({words}); write the negative in "
            "capitals (NOT, EXCEPT) or in bold (**not**) so that no one misreads it"
        )
    return out


def module_problems(items: Sequence[Located]) -> list[str]:
    """The rules a module's questions must pass together, then each question's own rules."""
    out: list[str] = []
    single = [it for it in items if is_single(it.question)]
    multi = [it for it in items if is_multi(it.question)]
    longest = [it for it in single if key_strictly_longest(it.question)]
    if len(longest) > MAX_SHARE_KEY_LONGEST_SINGLE * len(single):
        allowed = math.floor(MAX_SHARE_KEY_LONGEST_SINGLE * len(single))
        out.append(
            f"{numbers(longest)}: the keyed answer is longer than every other option in "
            f"{len(longest)} of {len(single)} single-answer questions; at most "
            f"{MAX_SHARE_KEY_LONGEST_SINGLE:.0%} ({allowed}) may be, or always choosing the "
            "longest option beats chance"
        )
    longest_multi = [it for it in multi if key_strictly_longest(it.question)]
    if len(longest_multi) > MAX_SHARE_KEY_LONGEST_MULTI * len(multi):
        allowed = math.floor(MAX_SHARE_KEY_LONGEST_MULTI * len(multi))
        out.append(
            f"{numbers(longest_multi)}: the longest option is keyed in {len(longest_multi)} of "
            f"{len(multi)} multi-answer questions; at most {MAX_SHARE_KEY_LONGEST_MULTI:.0%} "
            f"({allowed}) may be"
        )
    if single:
        fewest, most = allowed_per_position(len(single))
        by_position: dict[int, list[Located]] = {}
        for it in single:
            by_position.setdefault(key_position(it.question), []).append(it)
        for pos in range(max(4, max(by_position) + 1)):
            held = by_position.get(pos, [])
            name = POSITIONS[pos] if pos < len(POSITIONS) else str(pos + 1)
            if len(held) > most:
                out.append(
                    f"{numbers(held)}: position {name} holds the key in {len(held)} of "
                    f"{len(single)} single-answer questions; at most {most} (40%) may be there"
                )
            elif pos < 4 and len(held) < fewest:
                spread = ", ".join(
                    f"{POSITIONS[p] if p < len(POSITIONS) else p + 1} {len(by_position.get(p, []))}"
                    for p in range(max(4, max(by_position) + 1))
                )
                out.append(
                    f"{numbers(single)}: position {name} holds the key in {len(held)} of "
                    f"{len(single)} single-answer questions (keys: {spread}); at least {fewest} "
                    "(10%) should be there, so that no position is a safe guess to avoid"
                )
    for it in items:
        out.extend(question_problems(it.rel, it.question))
    return out


# ---------------------------------------------------------------------------------------------
# Statistics, and the command


def statistics(items: Sequence[Located]) -> dict[str, Any]:
    single = [it.question for it in items if is_single(it.question)]
    multi = [it.question for it in items if is_multi(it.question)]
    ratios = []
    for it in items:
        q = it.question
        lengths = [length(a) for a in q.answers]
        keyed = [n for n, k in zip(lengths, q.keyed, strict=True) if k]
        others = [n for n, k in zip(lengths, q.keyed, strict=True) if not k]
        if keyed and others:
            ratios.append((sum(keyed) / len(keyed)) / (sum(others) / len(others)))
    positions = {POSITIONS[i]: 0 for i in range(4)}
    for q in single:
        name = POSITIONS[key_position(q)]
        positions[name] = positions.get(name, 0) + 1
    return {
        "questions": len(items),
        "single": len(single),
        "multi": len(multi),
        "single_key_longest": sum(key_strictly_longest(q) for q in single),
        "multi_longest_keyed": sum(key_strictly_longest(q) for q in multi),
        "positions": positions,
        "mean_key_to_distractor_ratio": sum(ratios) / len(ratios) if ratios else 0.0,
        "max_key_to_distractor_ratio": max(ratios, default=0.0),
    }


def report(paths: Sequence[str], root: Path) -> tuple[str, int]:
    """Statistics and every problem (structure and item-writing) for quiz files; exit status."""
    from .course import CourseError, Page, read_yaml, scan_quiz, split_front_matter

    lines: list[str] = []
    failed = 0
    for name in paths:
        path = Path(name).resolve()
        try:
            rel = path.relative_to(root).as_posix()
        except ValueError:
            rel = name
        try:
            meta, body, body_line = split_front_matter(path.read_text(encoding="utf-8"), rel)
            module_yml = path.parent / "module.yml"
            outcome_ids: set[str] = set()
            if module_yml.exists():
                data = read_yaml(module_yml, f"{Path(rel).parent.as_posix()}/module.yml") or {}
                outcome_ids = {str(o.get("id")) for o in data.get("outcomes") or []}
        except (OSError, CourseError) as exc:
            lines.append(f"{rel}: {exc}")
            failed = 1
            continue
        quiz_meta = meta.get("quiz")
        page = Page(
            src=rel,
            path=path,
            module=0,
            title=str(meta.get("title", "")),
            kind="quiz",
            minutes=1,
            outcomes=[],
            topics=[],
            scenario=None,
            quiz_enabled=isinstance(quiz_meta, dict) and bool(quiz_meta.get("enabled")),
            body=body,
            body_line=body_line,
        )
        problems: list[str] = []
        scan_quiz(page, rel, problems, outcome_ids)
        if not outcome_ids:
            problems = [p for p in problems if "unknown outcome" not in p]
        items = [Located(rel, q) for q in page.questions]
        problems += module_problems(items)
        stats = statistics(items)
        lines.append(f"{rel}")
        lines.append(
            f"  {stats['questions']} questions: {stats['single']} single-answer, "
            f"{stats['multi']} multi-answer"
        )
        lines.append(
            f"  key longer than every other option: {stats['single_key_longest']} of "
            f"{stats['single']} single-answer (at most "
            f"{math.floor(MAX_SHARE_KEY_LONGEST_SINGLE * stats['single'])}); longest option "
            f"keyed: {stats['multi_longest_keyed']} of {stats['multi']} multi-answer (at most "
            f"{math.floor(MAX_SHARE_KEY_LONGEST_MULTI * stats['multi'])})"
        )
        fewest, most = allowed_per_position(stats["single"])
        spread = ", ".join(f"{k} {v}" for k, v in stats["positions"].items())
        lines.append(f"  single-answer key positions: {spread} (each {fewest}-{most})")
        lines.append(
            "  keyed length / distractor length: mean "
            f"{stats['mean_key_to_distractor_ratio']:.2f}, highest "
            f"{stats['max_key_to_distractor_ratio']:.2f}"
        )
        for q in page.questions:
            lengths = [length(a) for a in q.answers]
            marks = " ".join(
                f"{POSITIONS[i] if i < len(POSITIONS) else i + 1}{'*' if k else ''}{n}"
                for i, (n, k) in enumerate(zip(lengths, q.keyed, strict=True))
            )
            lines.append(f"    Q{q.number} (line {q.line}): {marks}")
        if problems:
            failed = 1
            lines.append(f"  {len(problems)} problem(s):")
            lines.extend(f"  - {p}" for p in problems)
        else:
            lines.append("  passes every quiz rule")
    return "\n".join(lines), failed


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(
            "usage: python -m permanence_course.quizrules QUIZ.md [QUIZ.md ...]\n"
            "Reports each quiz's statistics (options as lengths in characters, * keyed) and "
            "every rule it breaks; exits 1 if any."
        )
        return 0 if args else 2
    text, status = report(args, Path.cwd())
    print(text)
    return status


if __name__ == "__main__":
    sys.exit(main())
