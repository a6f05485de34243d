"""The course manifest and per-page data for the browser code.

The manifest is published once as a content-hashed classic script (`manifest_script`), loaded
from every page's <head> and cached by the browser: a script rather than fetched JSON, because
the site must also work opened from a folder (file://), where browsers refuse fetch(). Each
page's own small data (`page_data`) carries the manifest's hash, so that a page reached by
instant navigation after a redeploy can tell that the manifest it runs with is stale.
"""

from __future__ import annotations

import hashlib
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page as MkPage
from mkdocs.utils import get_relative_url

from . import contract
from .course import Course, Page
from .html import to_json


def page_id(src_uri: str) -> str:
    """A page's id for learner records: its source path without '.md'.

    The same online and offline (unlike the URL, which changes with use_directory_urls).
    """
    return src_uri[:-3] if src_uri.endswith(".md") else src_uri


def quiz_hash(page: Page) -> str:
    """A short hash of a page's question set: a changed quiz never shows an old score as current."""
    text = "\n".join(q.question + "\x1f" + "\x1f".join(q.answers) for q in page.questions)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def manifest(course: Course, files: Files) -> dict[str, Any]:
    def url(src: str) -> str:
        file = files.get_file_from_path(src)
        return file.url if file else ""

    return {
        "course": {"title": course.title, "version": course.version},
        "modules": [
            {
                "number": m.number,
                "title": m.title,
                "slug": m.slug,
                "url": url(f"{m.src_folder}/index.md"),
                "hours": m.hours,
                "status": m.status,
                "outcomes": [o.id for o in m.outcomes],
                "pages": [page_id(p.src) for p in m.pages],
            }
            for m in course.modules
        ],
        "outcomes": {o.id: {"text": o.text, "module": o.module} for o in course.outcomes.values()},
        "pages": {
            page_id(p.src): {
                "title": p.title,
                "url": url(p.src),
                "module": p.module,
                "kind": p.kind,
                "minutes": p.minutes,
                "outcomes": p.outcomes,
                **(
                    {"quiz": {"hash": quiz_hash(p), "questions": len(p.questions)}}
                    if p.questions
                    else {}
                ),
            }
            for p in course.pages
        },
        "reflections": {
            r.id: {"title": r.title, "text": r.text, "page": page_id(r.page_src)}
            for r in course.reflections
        },
        "renames": course.renames,
        # Where My plan is, for links to it from module pages ("" when the site has none).
        "plan": url("my-plan.md"),
        # The names the build writes that the scripts rely on (contract.json).
        "contract": contract.published(),
    }


def manifest_json(course: Course, files: Files) -> str:
    return to_json(manifest(course, files))


def manifest_hash(manifest_text: str) -> str:
    return hashlib.sha256(manifest_text.encode("utf-8")).hexdigest()[:12]


def manifest_script(manifest_text: str) -> str:
    """The classic script that publishes the manifest (JSON is a JavaScript expression)."""
    return f'self.AP_MANIFEST={{"hash":"{manifest_hash(manifest_text)}","data":{manifest_text}}};\n'


def page_data(
    page: MkPage, info: Page | None, course: Course, config: MkDocsConfig, manifest_id: str
) -> dict[str, Any]:
    """What the browser needs to know about the page it is on, and which manifest it expects."""
    root = get_relative_url(".", page.url)
    data: dict[str, Any] = {
        "id": page_id(page.file.src_uri),
        "root": root if root.endswith("/") else root + "/",
        "manifest": manifest_id,
    }
    if info is not None:
        data.update({"module": info.module, "kind": info.kind})
    return data
