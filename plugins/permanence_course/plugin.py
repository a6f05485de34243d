"""The permanence-course MkDocs plugin: a thin layer between the course files and MkDocs.

It reads `modules/` (validated in course.py), adds the module pages and generated course pages to
the site and the navigation, renders module overviews, marks up the authoring blocks (html.py)
and inlines the course manifest for the browser code.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit
from typing import Any

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage
from mkdocs.utils import get_relative_url

from . import csp, generated, html, quiz
from .config import PermanenceCourseConfig
from .course import Course, CourseError, load_course, module_gaps
from .manifest import manifest_json, page_data

log = logging.getLogger("mkdocs.plugins.permanence_course")

ASSETS = Path(__file__).parent / "assets"
ASSET_DEST = "assets/permanence"
# One classic deferred script per feature (file:// forbids ES modules). Scripts in assets/js/
# load on every page, core.js and store.js first, because instant navigation never loads a new
# page's head scripts. Scripts in assets/js/pages/ load only on pages whose front matter names
# them (`scripts: [plan]`); Material runs such content scripts again after instant navigation.
FIRST_SCRIPTS = ("core.js", "store.js")
STYLES = ("course.css",)


def global_scripts() -> list[str]:
    names = sorted(p.name for p in (ASSETS / "js").glob("*.js"))
    return [n for n in FIRST_SCRIPTS if n in names] + [n for n in names if n not in FIRST_SCRIPTS]


NAV_PLACEHOLDER = "@modules"
# Pages that quote or list text rather than teach it: no glossary buttons there.
NO_TERMS = ("glossary.md", "owner-review.md", "references.md", "course/outcome-map.md")


class PermanenceCoursePlugin(BasePlugin[PermanenceCourseConfig]):
    """Adds the course in `modules/` to a Material for MkDocs site."""

    def __init__(self) -> None:
        self.course: Course | None = None
        self.pages_by_src: dict[str, Any] = {}
        self.manifest = ""
        self.policies: dict[str, str] = {}

    # -- configuration ------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        self.course = None
        self.pages_by_src = {}
        self.manifest = ""
        self.policies: dict[str, str] = {}
        root = Path(config.config_file_path).parent
        try:
            course, problems = load_course(root, self.config.modules_dir)
        except CourseError as exc:
            raise PluginError(f"Course error: {exc}") from exc
        for problem in problems:
            log.warning(problem)
        for module in course.modules:
            gaps = module_gaps(course, module)
            for message in gaps.messages(module):
                if module.complete:
                    log.warning(f"{message} (the module is marked complete)")
                else:
                    log.info(f"{message} (draft module: shown on the Outcome map)")
        self.course = course
        self.pages_by_src = {p.src: p for p in course.pages}
        config.nav = self._nav(config.nav, course)
        for name in STYLES:
            config.extra_css.append(f"{ASSET_DEST}/css/{name}")
        for name in global_scripts():
            script = ExtraScriptValue(f"{ASSET_DEST}/js/{name}")
            script.defer = True
            config.extra_javascript.append(script)
        return config

    def _nav(self, nav: Any, course: Course) -> Any:
        modules = [
            {
                f"Module {m.number} · {m.title}": [
                    {page.title if page.kind != "overview" else "Overview": page.src}
                    for page in m.pages
                ]
            }
            for m in course.modules
        ]
        if nav is None:
            return None
        out: list[Any] = []
        for item in nav:
            if isinstance(item, dict) and list(item.values()) == [NAV_PLACEHOLDER]:
                out.append({next(iter(item)): modules})
            else:
                out.append(item)
        return out

    # -- files --------------------------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.course is None:
            return files
        course = self.course
        root = str(course.root)
        for module in course.modules:
            for path in sorted(module.folder.rglob("*")):
                if not path.is_file() or path.name in (
                    "module.yml",
                    "glossary.yml",
                    "references.yml",
                ):
                    continue
                rel = path.relative_to(course.root).as_posix()
                if path.suffix == ".md" and rel not in self.pages_by_src:
                    continue  # reported in on_config; not published
                files.append(File(rel, root, config.site_dir, config.use_directory_urls))
        for src, content in generated.pages(course).items():
            if files.get_file_from_path(src) is None:
                files.append(File.generated(config, src, content=content))
        files.append(
            File.generated(config, f"{quiz.VENDOR_DEST}/{quiz.JS_NAME}", content=quiz.vendor_js())
        )
        files.append(
            File.generated(config, f"{quiz.VENDOR_DEST}/{quiz.CSS_NAME}", content=quiz.vendor_css())
        )
        for path in sorted(ASSETS.rglob("*")):
            if path.is_file():
                rel = path.relative_to(ASSETS).as_posix()
                files.append(
                    File(
                        rel,
                        str(ASSETS),
                        config.site_dir,
                        config.use_directory_urls,
                        dest_uri=f"{ASSET_DEST}/{rel}",
                    )
                )
        return files

    # -- pages --------------------------------------------------------------------------------

    def on_page_markdown(
        self, markdown: str, *, page: MkPage, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled or self.course is None:
            return markdown
        info = self.pages_by_src.get(page.file.src_uri)
        if info is None or info.kind != "overview":
            if not page.meta.get("description"):
                page.meta["description"] = generated.description(markdown) or config.site_description
            return markdown
        module = next(m for m in self.course.modules if m.number == info.module)
        page.meta["title"] = f"Module {module.number}: {module.title}"
        page.meta.setdefault("description", generated.description(module.summary))
        return (
            generated.overview_header(self.course, module)
            + markdown
            + generated.overview_footer(self.course, module)
        )

    # Runs after mkdocs-quiz has turned its placeholders into quiz HTML, so that the outcome
    # markers can be moved onto the rendered questions.
    @event_priority(-50)
    def on_page_content(
        self, html_text: str, *, page: MkPage, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled or self.course is None:
            return html_text
        out = html.mark_blocks(html_text)
        out = html.mark_quiz(out)
        out = quiz.externalise(
            out,
            get_relative_url(f"{quiz.VENDOR_DEST}/{quiz.CSS_NAME}", page.url),
            get_relative_url(f"{quiz.VENDOR_DEST}/{quiz.JS_NAME}", page.url),
        )
        if self.config.glossary_terms and page.file.src_uri not in NO_TERMS:
            glossary_url = get_relative_url(
                "glossary/" if config.use_directory_urls else "glossary.html", page.url
            )
            out = html.mark_terms(out, self.course.glossary, glossary_url)
        info = self.pages_by_src.get(page.file.src_uri)
        data = page_data(page, info, self.course, config)
        return out + html.json_attribute_element("ap-page", data) + self._page_scripts(page)

    def _page_scripts(self, page: MkPage) -> str:
        names = page.meta.get("scripts") or []
        if not isinstance(names, list):
            raise PluginError(
                f"{page.file.src_uri}: field 'scripts': expected a list of script names"
            )
        tags = []
        for name in names:
            if not (ASSETS / "js" / "pages" / f"{name}.js").is_file():
                raise PluginError(
                    f"{page.file.src_uri}: field 'scripts': expected names of files in "
                    f"assets/js/pages/ (found: {name!r})"
                )
            src = get_relative_url(f"{ASSET_DEST}/js/pages/{name}.js", page.url)
            tags.append(f'<script src="{src}" defer></script>')
        return "".join(tags)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self.config.enabled and self.course is not None:
            self.manifest = manifest_json(self.course, files)
        return env

    def on_post_page(self, output: str, *, page: MkPage, config: MkDocsConfig) -> str | None:
        if not self.config.enabled or not self.manifest:
            return output
        tag = f'<script type="application/json" id="ap-manifest">{self.manifest}</script>'
        output = output.replace("</head>", f"{tag}\n</head>", 1)
        return self._with_policy(output, page.url, config)

    def _with_policy(self, output: str, url: str, config: MkDocsConfig) -> str:
        if not self.config.content_security_policy:
            return output
        if csp.handler_attributes(output):
            raise PluginError(
                f"{url or 'index'}: inline event handlers would break under the "
                f"Content-Security-Policy: {csp.handler_attributes(output)}"
            )
        output, header_policy = csp.add_meta(output)
        base = urlsplit(config.site_url or "/").path.rstrip("/")
        path = f"{base}/{url}"
        self.policies[path] = header_policy
        if path.endswith("/"):
            self.policies[path + "index.html"] = header_policy
        return output

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        if not self.config.enabled or template_name != "404.html":
            return output_content
        return self._with_policy(output_content, "404.html", config)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and self.config.content_security_policy and self.policies:
            Path(config.site_dir, "_headers").write_text(
                csp.headers_file(self.policies), encoding="utf-8"
            )

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        if self.config.enabled:
            server.watch(str(Path(config.config_file_path).parent / self.config.modules_dir))
            server.watch(str(ASSETS))
        return server
