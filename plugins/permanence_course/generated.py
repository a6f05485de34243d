"""Markdown for the pages the plugin writes: module overviews' header and the course-wide pages."""

from __future__ import annotations

import datetime as dt
import html
import re

from .course import Course, Module, Page, assessed_where, module_gaps, taught_where
from .html import slug


def en_gb(date: dt.date) -> str:
    return f"{date.day} {date.strftime('%B %Y')}"


def hours_text(hours: float) -> str:
    return f"{hours:g} hour" + ("" if hours == 1 else "s")


def link(page: Page, from_src: str) -> str:
    """A Markdown link to a module page from a generated page at from_src."""
    depth = from_src.count("/")
    return f"[{page.title}]({'../' * depth}{page.src})"


def description(markdown: str, limit: int = 160) -> str:
    """A page's meta description: its first paragraph of prose, as plain text, shortened, and
    escaped for the theme's `content="..."` attribute (which it does not escape)."""
    return html.escape(_description(markdown, limit), quote=True)


def _description(markdown: str, limit: int) -> str:
    for chunk in re.split(r"\n\s*\n", markdown):
        text = chunk.strip()
        if not text or text[0] in "#/<!|-*>`{" or text[:2].isdigit() or text.startswith("1."):
            continue
        text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
        text = re.sub(r"[*_`]", "", re.sub(r"<[^>]+>", "", text))
        text = " ".join(text.split())
        if len(text) < 40:
            continue
        if len(text) <= limit:
            return text
        return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return ""


def overview_header(course: Course, module: Module) -> str:
    paragraphs = [p.strip() for p in module.summary.split("\n\n") if p.strip()]
    summary = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    items = "\n".join(
        f'<li id="{o.id}" data-outcome="{o.id}"><span class="ap-outcome-text">'
        f'{html.escape(o.text, quote=False)}</span> <span class="ap-outcome-id">({o.id})</span></li>'
        for o in module.outcomes
    )
    draft = (
        ""
        if module.complete
        else '\n<p class="ap-draft" role="note"><strong>Draft:</strong> this module is still being '
        "written. The Outcome map shows what it does not yet cover.</p>\n"
    )
    return f"""# Module {module.number}: {html.escape(module.title, quote=False)}

<div class="ap-page-card" data-ap-page-card><p>Module {module.number} of {len(course.modules)}</p>
<p>{len([p for p in module.pages if p.kind != "overview"])} pages</p>
<p>About {hours_text(module.hours)}</p></div>

<p class="ap-module-meta">Law and guidance correct as at {en_gb(module.law_correct_as_at)}.
<span class="ap-flag" data-ap-trainer hidden data-search-exclude>For trainers: the
{hours_text(module.hours)} of CPD time is a proposal awaiting the course owner’s
confirmation.</span></p>

<p class="ap-flag" data-ap-trainer="" hidden="" data-search-exclude="" markdown="span">For trainers:
[Present this module]({"../" * module.src_folder.count("/")}../trainers/{module.slug}/present.md),
the whole module as one presentation behind an agenda slide.</p>
{draft}
<div class="ap-summary">
{summary}
</div>

## Learning outcomes {{#learning-outcomes}}

<p class="ap-outcomes-intro">In this module you will have opportunities to:</p>

<ol class="ap-outcomes" data-ap-outcomes="{module.number}">
{items}
</ol>

"""


def overview_footer(course: Course, module: Module) -> str:
    rows = []
    for page in module.pages:
        if page.kind == "overview":
            continue
        kind = {"section": "Section", "scenario": "Case scenario", "quiz": "Self-assessment quiz"}[
            page.kind
        ]
        rows.append(f"| [{page.title}]({page.path.name}) | {kind} | {page.minutes} |")
    parts = ["\n\n## In this module\n"]
    if rows:
        parts.append("| Page | Type | Proposed minutes |\n|---|---|---|\n" + "\n".join(rows))
    else:
        parts.append("The pages of this module are being written.")
    if module.further_reading:
        parts.append("\n\n## Further reading\n")
        for rid in module.further_reading:
            ref = course.references[rid]
            url = f" <{ref['url']}>" if ref.get("url") else ""
            parts.append(f"- {ref['citation']}{url}")
    return "\n".join(parts) + "\n"


def outcome_map(course: Course) -> str:
    src = "course/outcome-map.md"
    taught = taught_where(course)
    assessed = assessed_where(course)
    out = [
        "---\ntitle: Outcome map\n---\n",
        "# Outcome map\n",
        "Where each learning outcome is taught and where the self-assessment quizzes assess it. "
        "A gap is written out in words.\n",
    ]
    for m in course.modules:
        gaps = module_gaps(course, m)
        status = "complete" if m.complete else "draft"
        out.append(f"## Module {m.number}: {m.title}\n")
        out.append(
            f"Status: **{status}**. Page minutes: {gaps.minutes} of {gaps.expected_minutes} "
            f"(proposed {hours_text(m.hours)}).\n"
        )
        out.append("| Outcome | Taught in | Assessed by |\n|---|---|---|")
        for o in m.outcomes:
            where = ", ".join(link(p, src) for p in taught[o.id]) or "**Gap: not taught yet**"
            questions: dict[str, list[str]] = {}
            for page, q in assessed[o.id]:
                questions.setdefault(page.src, []).append(str(q.number))
            by = (
                ", ".join(
                    f"{link(course_page(course, s), src)} (question {', '.join(ns)})"
                    for s, ns in questions.items()
                )
                or "**Gap: not assessed yet**"
            )
            out.append(
                f"| [{o.id}](../{m.src_folder}/index.md#{o.id}): {o.text} | {where} | {by} |"
            )
        if gaps.missing_topics:
            names = [str(t["topic"]) for t in course.topics if t["id"] in gaps.missing_topics]
            out.append("\n**Checklist topics not yet covered:**\n")
            out.extend(f"- {n}" for n in names)
        out.append("")
    return "\n".join(out)


def course_page(course: Course, src: str) -> Page:
    return next(p for p in course.pages if p.src == src)


def key_points(course: Course) -> str:
    src = "course/key-points.md"
    out = [
        "---\ntitle: Key points\n---\n",
        "# Key points\n",
        "The key points of every page, module by module.\n",
    ]
    for m in course.modules:
        pages = [p for p in m.pages if p.key_points]
        out.append(f"## Module {m.number}: {m.title}\n")
        if not pages:
            out.append("No key points yet.\n")
        for p in pages:
            out.append(f"### {link(p, src)}\n\n{p.key_points}\n")
    return "\n".join(out)


def glossary(course: Course) -> str:
    out = [
        "---\ntitle: Glossary\n---\n",
        "# Glossary\n",
        "Terms used in the course, in alphabetical order.\n",
    ]
    out.append('<dl class="ap-glossary">')
    for entry in sorted(course.glossary, key=lambda e: str(e["term"]).lower()):
        aliases = entry.get("aliases") or []
        also = f" <em>Also: {html.escape(', '.join(aliases))}.</em>" if aliases else ""
        out.append(
            f'<dt id="{slug(str(entry["term"]))}">{html.escape(str(entry["term"]))}</dt>'
            f"<dd>{html.escape(str(entry['definition']))}{also}</dd>"
        )
    out.append("</dl>\n")
    return "\n".join(out)


def references(course: Course) -> str:
    out = [
        "---\ntitle: References\n---\n",
        "# References\n",
        "The sources the course draws on. Each module's overview lists its further reading.\n",
    ]
    out.append('<ul class="ap-references">')
    for ref in sorted(course.references.values(), key=lambda r: str(r["citation"]).lower()):
        url = html.escape(str(ref.get("url", "")))
        link_html = f' <a href="{url}">{url}</a>' if url else ""
        out.append(f'<li id="ref-{ref["id"]}">{html.escape(str(ref["citation"]))}{link_html}</li>')
    out.append("</ul>")
    return "\n".join(out) + "\n"


def owner_review(course: Course) -> str:
    out = [
        "---\ntitle: Owner review\n---\n",
        "# Owner review\n",
        "Everything in the course that waits for the course owner: each `TODO(owner)` in the "
        "course files, each passage shown to learners as awaiting confirmation, and the proposed "
        "hours and timings (the owner set none).\n",
    ]
    if course.open_items:
        out.append("## Decisions still open\n")
        out.append(
            "Listed from `modules/owner-items.yml` until the owner decides, even where a page no "
            "longer carries its note.\n"
        )
        out.append("| Decision | Outcome | Where |\n|---|---|---|")
        for it in course.open_items:
            where = ", ".join(f"`{s}`" for s in it["see"])
            outcome = it["outcome"] or ""
            out.append(f"| {it['item'].replace('|', '/')} | {outcome} | {where} |")
        out.append("")
    out += ["## Items to confirm\n", "| File and line | Item |\n|---|---|"]
    for rel, line, text in course.owner_items:
        out.append(f"| `{rel}:{line}` | {text.replace('|', '/')} |")
    out.append("\n## Proposed hours and timings\n")
    out.append("| Module | Proposed hours | Page minutes |\n|---|---|---|")
    for m in course.modules:
        out.append(f"| {m.number}. {m.title} | {m.hours:g} | {m.minutes} |")
    return "\n".join(out) + "\n"


def pages(course: Course) -> dict[str, str]:
    """Generated pages by their source path in the site."""
    return {
        "course/outcome-map.md": outcome_map(course),
        "course/key-points.md": key_points(course),
        "glossary.md": glossary(course),
        "references.md": references(course),
        "owner-review.md": owner_review(course),
    }
