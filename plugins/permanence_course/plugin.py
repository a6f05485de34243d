"""The permanence-course MkDocs plugin: a thin layer between the course files and MkDocs.

It reads `modules/` (validated in course.py), adds the module pages and generated course pages to
the site and the navigation, renders module overviews, registers our Markdown extension (the
authoring blocks, trainer view and glossary terms, written as each page renders: markdown_ext.py)
and publishes the course manifest for the browser code.
"""

from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage
from mkdocs.utils import get_relative_url

from . import csp, generated, html, journey, markdown_ext, materials, quiz
from .config import PermanenceCourseConfig
from .course import Course, CourseError, load_course, module_gaps
from .cpd_rules import load_cpd_rules
from .frameworks import load_frameworks
from .manifest import manifest_hash, manifest_json, manifest_script, page_data

log = logging.getLogger("mkdocs.plugins.permanence_course")

ASSETS = Path(__file__).parent / "assets"
# Template overrides (the navigation's progress markers), searched before Material's templates.
TEMPLATES = Path(__file__).parent / "templates"
ASSET_DEST = "assets/permanence"
# One classic deferred script per feature in the source (file:// forbids ES modules). Scripts in
# assets/js/ run on every page, so the build joins them, core.js and store.js first, into one
# bundle loaded from <head> (instant navigation never loads a new page's head scripts; one
# request instead of five). Scripts in assets/js/pages/ load only on pages whose front matter
# names them (`scripts: [plan]`); Material runs such content scripts again after instant
# navigation. The stylesheets every page needs are joined the same way. Everything is minified.
FIRST_SCRIPTS = ("core.js", "store.js")
STYLES = ("course.css", "trainer.css", "journey.css")
JS_BUNDLE = "js/permanence.js"
CSS_BUNDLE = "css/permanence.css"


def minify_js(text: str) -> str:
    """Learners download code, not its commentary: comments and spacing go (rjsmin)."""
    return rjsmin.jsmin(text)


def minify_css(text: str) -> str:
    return rcssmin.cssmin(text)


def global_scripts() -> list[str]:
    names = sorted(p.name for p in (ASSETS / "js").glob("*.js"))
    return [n for n in FIRST_SCRIPTS if n in names] + [n for n in names if n not in FIRST_SCRIPTS]


def script_bundle() -> str:
    """Every global script in order, each still its own statement (they are IIFEs)."""
    parts = [minify_js((ASSETS / "js" / n).read_text(encoding="utf-8")) for n in global_scripts()]
    return ";\n".join(parts) + ";\n"


def style_bundle() -> str:
    return "\n".join(
        minify_css((ASSETS / "css" / n).read_text(encoding="utf-8"))
        for n in STYLES
        if (ASSETS / "css" / n).is_file()
    )


# Our stylesheets linked from a page's content (quizzes, session materials).
STYLESHEET_IN_CONTENT = re.compile(r'<link rel="stylesheet" href="([^"]*assets/permanence/[^"]+)">')
NAV_PLACEHOLDER = "@modules"
# Pages that quote or list text rather than teach it: no glossary buttons there.
NO_TERMS = ("glossary.md", "owner-review.md", "references.md", "course/outcome-map.md")


class PermanenceCoursePlugin(BasePlugin[PermanenceCourseConfig]):
    """Adds the course in `modules/` to a Material for MkDocs site."""

    def __init__(self) -> None:
        self.course: Course | None = None
        self.pages_by_src: dict[str, Any] = {}
        self.manifest = ""
        self.manifest_id = ""
        self.policies: dict[str, str] = {}
        self.frameworks: list[dict[str, Any]] = []
        self.cpd_rules: dict[str, Any] | None = None
        self.markdown_ext = markdown_ext.CourseExtension()
        self.glossary: markdown_ext.Glossary | None = None
        self.question_renderer = quiz.QuestionRenderer()

    # -- configuration ------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # Our Markdown extension (markdown_ext.py) renders the authoring blocks, so it is there
        # even when the plugin is off: trainer notes never show as plain text.
        if not any(isinstance(e, markdown_ext.CourseExtension) for e in config.markdown_extensions):
            config.markdown_extensions.append(self.markdown_ext)
        if not self.config.enabled:
            return config
        self.course = None
        self.pages_by_src = {}
        self.manifest = ""
        self.manifest_id = ""
        self.policies = {}
        root = Path(config.config_file_path).parent
        try:
            course, problems = load_course(root, self.config.modules_dir)
            self.frameworks = load_frameworks(
                root / self.config.modules_dir / "frameworks",
                f"{self.config.modules_dir}/frameworks",
            )
            self.cpd_rules = load_cpd_rules(
                root / self.config.modules_dir / "cpd-rules.yml",
                f"{self.config.modules_dir}/cpd-rules.yml",
            )
        except CourseError as exc:
            raise PluginError(f"Course error: {exc}") from exc
        for problem in problems:
            log.warning(problem)
        for note in course.notes:
            log.info(note)
        for module in course.modules:
            gaps = module_gaps(course, module)
            for message in gaps.messages(module):
                if module.complete:
                    log.warning(f"{message} (the module is marked complete)")
                else:
                    log.info(f"{message} (draft module: shown on the Outcome map)")
        self.course = course
        self.pages_by_src = {p.src: p for p in course.pages}
        # Glossary terms are marked in the Markdown tree (markdown_ext.py).
        self.glossary = markdown_ext.Glossary(
            course.glossary,
            names=[n for n in (config.site_name, course.title, course.short_title) if n],
            citations=[str(r["citation"]) for r in course.references.values()],
        )
        config.nav = self._nav(config.nav, course)
        # Before the theme's own folder, after a site's custom_dir: a site may override ours.
        theme_at = next(
            (
                i
                for i, d in enumerate(config.theme.dirs)
                if Path(d, "partials", "nav-item.html").is_file()
            ),
            0,
        )
        if str(TEMPLATES) not in config.theme.dirs:
            config.theme.dirs.insert(theme_at, str(TEMPLATES))
        bundle = f"{ASSET_DEST}/{CSS_BUNDLE}"
        if bundle not in config.extra_css:
            config.extra_css.append(bundle)
        return config

    def _page_render(self, page: MkPage, config: MkDocsConfig) -> markdown_ext.PageRender:
        """What our Markdown extension does to this page's render: glossary terms, and on a
        module page trainer view and its blocks kept in the course model."""
        src = page.file.src_uri
        info = self.pages_by_src.get(src)
        words = self.course.wording["facilitation"] if self.course else {}
        if not self.config.glossary_terms or src in NO_TERMS:
            return markdown_ext.PageRender(src=src, page=info, facilitation=words)
        # A link to the glossary's source file, which MkDocs resolves (and checks) like any
        # author's link: an address it did not recognise would fail a strict build.
        url = posixpath.relpath("glossary.md", posixpath.dirname(src) or ".")
        return markdown_ext.PageRender(self.glossary, url, src=src, page=info, facilitation=words)

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
        pages = {**generated.pages(course), **materials.pages(course, self.config.modules_dir)}
        for src, content in pages.items():
            if files.get_file_from_path(src) is None:
                files.append(File.generated(config, src, content=content))
        files.append(
            File.generated(
                config, f"{quiz.VENDOR_DEST}/{quiz.JS_NAME}", content=minify_js(quiz.vendor_js())
            )
        )
        files.append(
            File.generated(
                config, f"{quiz.VENDOR_DEST}/{quiz.CSS_NAME}", content=minify_css(quiz.vendor_css())
            )
        )
        files.append(File.generated(config, f"{ASSET_DEST}/{JS_BUNDLE}", content=script_bundle()))
        # The manifest needs every course page's URL, known from here on; its file name carries
        # its hash, so a browser may cache it for good and a redeploy is never served stale.
        self.manifest = manifest_json(course, files)
        self.manifest_id = manifest_hash(self.manifest)
        files.append(
            File.generated(config, self._manifest_path(), content=manifest_script(self.manifest))
        )
        files.append(File.generated(config, f"{ASSET_DEST}/{CSS_BUNDLE}", content=style_bundle()))
        bundled = {f"js/{n}" for n in global_scripts()} | {f"css/{n}" for n in STYLES}
        for path in sorted(ASSETS.rglob("*")):
            rel = path.relative_to(ASSETS).as_posix()
            if rel in bundled or not path.is_file():
                continue
            if path.suffix in (".js", ".css"):
                text = path.read_text(encoding="utf-8")
                slim = minify_js(text) if path.suffix == ".js" else minify_css(text)
                files.append(File.generated(config, f"{ASSET_DEST}/{rel}", content=slim))
            else:
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
        self.markdown_ext.next_page(self._page_render(page, config))
        info = self.pages_by_src.get(page.file.src_uri)
        if info is not None and info.questions:
            # The quiz adapter (assets/js/pages/quiz.js) and its summary's Add to my plan.
            scripts = page.meta.get("scripts") or []
            if isinstance(scripts, list):
                extra = [n for n in ("outcomes", "quiz") if n not in scripts]
                page.meta["scripts"] = [*scripts, *extra]
        if info is None and journey.START_MARKER in markdown:
            # The home page's start card: the course's length and the way in.
            first = self.course.modules[0] if self.course.modules else None
            target = first and files.get_file_from_path(f"{first.src_folder}/index.md")
            url = get_relative_url(target.url, page.url) if target else ""
            markdown = markdown.replace(
                journey.START_MARKER, journey.start_card(self.course, url, url), 1
            )
        if info is None or info.kind != "overview":
            if not page.meta.get("description"):
                page.meta["description"] = (
                    generated.description(markdown) or config.site_description
                )
            return markdown
        module = next(m for m in self.course.modules if m.number == info.module)
        page.meta["title"] = f"Module {module.number}: {module.title}"
        # "Add to my plan" beside each outcome (assets/js/pages/outcomes.js).
        scripts = page.meta.get("scripts") or []
        if isinstance(scripts, list) and "outcomes" not in scripts:
            page.meta["scripts"] = [*scripts, "outcomes"]
        page.meta.setdefault("description", generated.description(module.summary))
        return (
            generated.overview_header(self.course, module)
            + markdown
            + generated.overview_footer(self.course, module)
        )

    # Runs after mkdocs-quiz has turned its placeholders into quiz HTML, so that the quiz
    # adapter works on the rendered questions.
    @event_priority(-50)
    def on_page_content(
        self, html_text: str, *, page: MkPage, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled or self.course is None:
            return html_text
        info = self.pages_by_src.get(page.file.src_uri)
        # The one adapter over mkdocs-quiz's output (quiz.py): the model's questions as page
        # data on the rendered questions, and its code moved out of the page.
        out = quiz.adapt(html_text, info.questions if info else [], self.question_renderer)
        out = quiz.externalise(
            out,
            get_relative_url(f"{quiz.VENDOR_DEST}/{quiz.CSS_NAME}", page.url),
            get_relative_url(f"{quiz.VENDOR_DEST}/{quiz.JS_NAME}", page.url),
        )
        if self.config.content_security_policy and csp.inline_scripts(out):
            raise PluginError(
                f"{page.file.src_uri}: an inline <script> in the page would run under the "
                f"Content-Security-Policy only by its hash; put code in assets/js/ instead: "
                f"{csp.inline_scripts(out)}"
            )
        # Trainer view is written in the render (markdown_ext.py).
        if info is not None and info.kind != "overview":
            module = next(m for m in self.course.modules if m.number == info.module)
            out = journey.add_page_card(out, journey.page_card(self.course, module, info))
        data = page_data(page, info, self.course, config, self.manifest_id)
        if page.meta.get("frameworks") is True:
            out += html.json_attribute_element("ap-frameworks", self.frameworks)
        if page.meta.get("cpd_rules") is True:
            if self.cpd_rules is None:
                raise PluginError(
                    f"{page.file.src_uri}: field 'cpd_rules': expected a file "
                    f"{self.config.modules_dir}/cpd-rules.yml with the rules to inline"
                )
            out += html.json_attribute_element("ap-cpd-rules", self.cpd_rules)
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
            materials.fill(self.course, files)
        return env

    def on_post_page(self, output: str, *, page: MkPage, config: MkDocsConfig) -> str | None:
        if not self.config.enabled or not self.manifest:
            return output
        root = get_relative_url(".", page.url).rstrip("/") + "/"
        head = self._head(root) + self._page_styles(output, page, root)
        output = output.replace("</head>", head + "</head>", 1)
        return self._with_policy(output, page.url, config)

    def _page_styles(self, output: str, page: MkPage, root: str) -> str:
        """A page's own stylesheets, also linked from <head>, so that they apply from the first
        paint and nothing moves when they arrive (layout shift). The links in the content, or
        added by a page script, stay: instant navigation swaps the content, not the head."""
        hrefs = [
            f"{root}{ASSET_DEST}/css/{name}.css"
            for name in page.meta.get("scripts") or []
            if (ASSETS / "css" / f"{name}.css").is_file()
        ]
        body = output.split("</head>", 1)[-1]
        hrefs += STYLESHEET_IN_CONTENT.findall(body)
        return "".join(f'<link rel="stylesheet" href="{h}">' for h in dict.fromkeys(hrefs))

    def _manifest_path(self) -> str:
        return f"{ASSET_DEST}/js/manifest.{self.manifest_id}.js"

    def _head(self, root: str) -> str:
        """The manifest and the script bundle, in <head>: deferred scripts run in document order,
        so the manifest and every global script run before any page script in the content."""
        return (
            f'<script src="{root}{self._manifest_path()}" defer></script>\n'
            f'<script src="{root}{ASSET_DEST}/{JS_BUNDLE}" defer></script>\n'
        )

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
        # The 404 page is served at any depth, so it links the site root absolutely.
        root = (urlsplit(config.site_url or "/").path or "/").rstrip("/") + "/"
        output_content = output_content.replace("</head>", self._head(root) + "</head>", 1)
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
