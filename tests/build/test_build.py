"""Real strict builds: what the plugin adds to a site, as a reader of the HTML would see it."""

from __future__ import annotations

import hashlib
import html as html_lib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURE, MKDOCS, ROOT, Site, build, free_socket

# The course owner's specification, kept in the repository so that a lone clone passes.
SPEC_OUTCOMES = ROOT / "course-spec" / "outcomes.yml"


class Outcomes(HTMLParser):
    """Collects <li data-outcome> items and their visible outcome text."""

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[str, str] = {}
        self.current: str | None = None
        self.in_text = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        outcome = a.get("data-outcome")
        if tag == "li" and outcome:
            assert a.get("id") == outcome
            self.current = outcome
            self.items[self.current] = ""
        if tag == "span" and a.get("class") == "ap-outcome-text" and self.current:
            self.in_text = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            self.in_text = False
        if tag == "li":
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.in_text and self.current:
            self.items[self.current] += data


def outcomes_on(html_file: Path) -> dict[str, str]:
    parser = Outcomes()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return parser.items


def test_fixture_overview_shows_outcomes_verbatim_with_ids(fixture_site: Site) -> None:
    items = outcomes_on(fixture_site.root / "modules/1-basics/index.html")
    assert items == {
        "m1-lo1": "understand the first fixture outcome / with a slash",
        "m1-lo2": "reflect on the second fixture outcome",
    }


def test_real_site_shows_all_41_outcomes_verbatim(real_site: Site) -> None:
    spec = yaml.safe_load(SPEC_OUTCOMES.read_text(encoding="utf-8"))
    expected: dict[str, str] = {}
    shown: dict[str, str] = {}
    for module in spec["modules"]:
        for o in module["outcomes"]:
            expected[o["id"]] = o["text"]
        folder = next((ROOT / "modules").glob(f"{module['number']}-*"))
        html = (real_site.root / "modules" / folder.name / "index.html").read_text(encoding="utf-8")
        assert module["title"] in html
        shown.update(outcomes_on(real_site.root / "modules" / folder.name / "index.html"))
    assert len(expected) == 41
    assert shown == expected


def test_real_site_module_summaries_verbatim_with_the_guidance_correction(real_site: Site) -> None:
    spec = yaml.safe_load(SPEC_OUTCOMES.read_text(encoding="utf-8"))
    for module in spec["modules"]:
        folder = next((ROOT / "modules").glob(f"{module['number']}-*"))
        html = (real_site.root / "modules" / folder.name / "index.html").read_text(encoding="utf-8")
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
        for paragraph in module["summary"].split("\n\n"):
            words = paragraph.strip().replace("though childhood", "through childhood")
            words = re.sub(r"\s+", " ", words)
            assert words.replace("&", "&amp;") in text, paragraph[:60]


MANIFEST_SCRIPT = re.compile(
    r'<script src="([^"]*assets/permanence/js/manifest\.([0-9a-f]{12})\.js)" defer>'
)


def manifest(html_file: Path, site_root: Path) -> tuple[str, dict]:
    """The manifest a page loads: its hash (from the script's file name) and its data."""
    html = html_file.read_text(encoding="utf-8")
    match = MANIFEST_SCRIPT.search(html)
    assert match, f"no manifest script in {html_file}"
    script = (site_root / "assets/permanence/js" / f"manifest.{match.group(2)}.js").read_text()
    prefix = f'self.AP_MANIFEST={{"hash":"{match.group(2)}","data":'
    assert script.startswith(prefix) and script.rstrip().endswith("};"), script[:80]
    return match.group(2), json.loads(script.rstrip()[len(prefix) : -2])


def page_data_of(html_file: Path) -> dict:
    match = re.search(r'<div id="ap-page" hidden data-json="([^"]*)"', html_file.read_text())
    assert match, f"no page data in {html_file}"
    return json.loads(html_lib.unescape(match.group(1)))


def test_every_page_loads_one_cached_manifest_and_names_its_hash(fixture_site: Site) -> None:
    """The manifest is one content-hashed script, not inlined in each page; each page's own data
    names the hash, so a page reached after a redeploy can tell its manifest is stale."""
    pages = list(fixture_site.root.rglob("*.html"))
    assert len(pages) > 8
    hash_, data = manifest(fixture_site.root / "index.html", fixture_site.root)
    assert (
        hashlib.sha256(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())
        .hexdigest()
        .startswith(hash_)
    )
    assert data["course"]["version"] == "1.0.0"
    assert [m["slug"] for m in data["modules"]] == ["1-basics", "2-more"]
    assert (
        data["outcomes"]["m1-lo1"]["text"] == "understand the first fixture outcome / with a slash"
    )
    assert data["pages"]["modules/1-basics/quiz"]["quiz"]["questions"] == 2
    assert data["reflections"]["m1-r-own-practice"]["page"] == "modules/1-basics/section"
    assert len(list((fixture_site.root / "assets/permanence/js").glob("manifest.*.js"))) == 1
    for p in pages:
        html = p.read_text(encoding="utf-8")
        assert "ap-manifest" not in html and '"outcomes":{' not in html, p  # nothing inlined
        assert manifest(p, fixture_site.root)[0] == hash_, p
        if p.name != "404.html":
            assert page_data_of(p)["manifest"] == hash_, p


def test_a_changed_course_gets_a_new_manifest_file(tmp_path: Path) -> None:
    site = copy_fixture(tmp_path)
    build(site / "mkdocs.yml", tmp_path / "before")
    edit(site / "modules/course.yml", "1.0.0", "1.0.1")
    build(site / "mkdocs.yml", tmp_path / "after")
    before, _ = manifest(tmp_path / "before/index.html", tmp_path / "before")
    after, data = manifest(tmp_path / "after/index.html", tmp_path / "after")
    assert before != after and data["course"]["version"] == "1.0.1"


def test_modules_get_stable_urls_and_navigation(fixture_site: Site) -> None:
    for path in ("modules/1-basics/", "modules/1-basics/section/", "modules/2-more/quiz/"):
        assert (fixture_site.root / path / "index.html").exists(), path
    home = (fixture_site.root / "index.html").read_text(encoding="utf-8")
    assert "Module 1 · Basics: a fixture module" in home
    assert 'href="modules/1-basics/section/"' in home


def test_trainer_notes_are_hidden_and_out_of_the_search_index(fixture_site: Site) -> None:
    html = (fixture_site.root / "modules/1-basics/section/index.html").read_text(encoding="utf-8")
    notes = re.findall(r'<div class="admonition trainer"([^>]*)>', html)
    assert notes and all(
        set(attrs.split()) >= {"data-ap-trainer", "hidden", "data-search-exclude"}
        for attrs in notes
    )
    index = (fixture_site.root / "search/search_index.json").read_text(encoding="utf-8")
    assert "secret-section-note" not in index
    assert "secret-overview-note" not in index
    assert "Reason-right-one" not in index and "Explanation-one" not in index
    assert "Sam, aged 5" in index  # ordinary content is still searchable
    assert "Stage two text" not in index  # later stages only once revealed (test_search_index)


def test_quiz_questions_carry_their_outcomes(fixture_site: Site) -> None:
    html = (fixture_site.root / "modules/1-basics/quiz/index.html").read_text(encoding="utf-8")
    assert re.findall(r'<div class="quiz" data-outcomes="([^"]+)"', html) == [
        "m1-lo1",
        "m1-lo1 m1-lo2",
    ]
    assert "assesses:" not in html


def test_quiz_code_only_on_quiz_pages(fixture_site: Site) -> None:
    quiz_page = (fixture_site.root / "modules/1-basics/quiz/index.html").read_text()
    assert "vendor/mkdocs-quiz.js" in quiz_page and "vendor/mkdocs-quiz.css" in quiz_page
    for path in (
        "index.html",
        "modules/1-basics/section/index.html",
        "modules/1-basics/index.html",
    ):
        assert "mkdocs-quiz" not in (fixture_site.root / path).read_text(), path


def test_generated_course_pages(fixture_site: Site) -> None:
    outcome_map = (fixture_site.root / "course/outcome-map/index.html").read_text(encoding="utf-8")
    assert "Gap: not taught yet" in outcome_map  # the draft module's gap is visible
    assert "(question 1, 2)" in outcome_map
    key_points = (fixture_site.root / "course/key-points/index.html").read_text(encoding="utf-8")
    assert "The first key point of the fixture." in key_points
    glossary = (fixture_site.root / "glossary/index.html").read_text(encoding="utf-8")
    assert 'id="term-special-guardianship"' in glossary
    owner = (fixture_site.root / "owner-review/index.html").read_text(encoding="utf-8")
    assert "modules/1-basics/section.md:13" in owner and "confirm a fixture fact" in owner
    home = (fixture_site.root / "index.html").read_text(encoding="utf-8")
    assert 'href="owner-review/"' not in home  # not in the main navigation


def test_references_page_and_each_modules_further_reading(fixture_site: Site) -> None:
    course = yaml.safe_load((FIXTURE / "modules/references.yml").read_text(encoding="utf-8"))
    references = (fixture_site.root / "references/index.html").read_text(encoding="utf-8")
    for ref in course:
        assert ref["citation"].replace("&", "&amp;") in references, ref["id"]
    overview = (fixture_site.root / "modules/1-basics/index.html").read_text(encoding="utf-8")
    heading = overview.index("Further reading")
    first = next(r for r in course if r["id"] == "ref-one")
    assert first["citation"].replace("&", "&amp;") in overview[heading:]


def test_owner_review_is_reached_from_the_about_page(real_site: Site) -> None:
    about = (real_site.root / "about/index.html").read_text(encoding="utf-8")
    assert 'href="../owner-review/"' in about
    home = (real_site.root / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('class="md-nav md-nav--primary"') :]
    assert "owner-review/" not in nav  # not in the main navigation


def test_glossary_term_marked_once_per_page(fixture_site: Site) -> None:
    html = (fixture_site.root / "modules/1-basics/section/index.html").read_text(encoding="utf-8")
    assert len(re.findall(r"<button[^>]* data-ap-term[ >]", html)) == 1
    assert '<a href="../../../glossary/#term-special-guardianship">Glossary</a>' in html


def copy_fixture(tmp_path: Path) -> Path:
    dest = tmp_path / "course"
    shutil.copytree(FIXTURE, dest)
    (dest / "mkdocs.yml").write_text(
        (dest / "mkdocs.yml").read_text().replace("../../../mkdocs.yml", str(ROOT / "mkdocs.yml"))
    )
    return dest


def failed_build(site: Path, tmp_path: Path) -> str:
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "mkdocs"),
            "build",
            "--strict",
            "-f",
            str(site / "mkdocs.yml"),
            "-d",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    return result.stderr + result.stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# Each kind of mistake in a module file, as the build reports it: one message, naming the file,
# the field and what was expected.
BROKEN_MODULE_FILE = {
    "missing field": (
        'title: "Basics: a fixture module"\n',
        "",
        "field 'title': expected the module title as text (found: 'nothing')",
    ),
    "mistyped field name": (
        "summary: |",
        "sumary: |",
        "field 'sumary': expected one of the fields",
    ),
    "mistyped value": ("number: 1", "number: one", "field 'number': expected the module number"),
    "duplicate outcome id": (
        "id: m1-lo2",
        "id: m1-lo1",
        "field 'outcomes[2].id': expected each outcome id to be used once",
    ),
    "outcome id of the wrong form": (
        "id: m1-lo2",
        "id: m1-outcome2",
        "field 'outcomes[2].id': expected an outcome id of the form m<module>-lo<n>",
    ),
    "non-positive hours": ("hours: 1.5", "hours: -1", "field 'hours': expected a positive number"),
    "malformed YAML": (
        "status: complete",
        "status: [complete",
        "file: expected valid YAML; the YAML is malformed at line",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN_MODULE_FILE))
def test_broken_module_file_fails_the_build_with_one_message_naming_file_and_field(
    tmp_path: Path, case: str
) -> None:
    old, new, expected = BROKEN_MODULE_FILE[case]
    site = copy_fixture(tmp_path)
    edit(site / "modules/1-basics/module.yml", old, new)
    log = failed_build(site, tmp_path)
    assert f"modules/1-basics/module.yml: {expected}" in log
    assert log.count("modules/1-basics/module.yml") == 1, log


# Each quiz rule, with the words of its message: every one fails the strict build and names
# the file, the line and the question.
QUIZ_RULES = {
    "no explanation": (
        "Explanation-one: why the right option is right.\n",
        "",
        "expected an explanation",
    ),
    "option without a reason": ("    > Reason-wrong-one.\n", "", "has no reason"),
    "fill-in question": (
        "Which option is right in the first question?",
        "The answer is [[right]]?",
        "fill-in-the-blank",
    ),
    "duplicate answer texts": ("- [ ] Wrong option", "- [ ] First right option", "same text"),
    "missing outcome marker": ("<!-- assesses: m1-lo1 m1-lo2 -->\n", "", "assesses: mN-loN"),
    "unknown outcome marker": (
        "<!-- assesses: m1-lo1 -->",
        "<!-- assesses: m1-lo7 -->",
        "unknown outcome 'm1-lo7'",
    ),
    "quiz on a page without quizzes enabled": (
        "quiz: {enabled: true}\n",
        "",
        "without quizzes enabled",
    ),
}


@pytest.mark.parametrize("rule", list(QUIZ_RULES))
def test_each_quiz_rule_fails_the_strict_build_naming_file_and_question(
    tmp_path: Path, rule: str
) -> None:
    old, new, needle = QUIZ_RULES[rule]
    site = copy_fixture(tmp_path)
    edit(site / "modules/1-basics/quiz.md", old, new)
    log = failed_build(site, tmp_path)
    lines = [line for line in log.splitlines() if needle in line]
    assert lines, log
    assert re.search(r"modules/1-basics/quiz\.md:\d+: quiz question \d", lines[0]), lines[0]


def test_complete_module_gap_fails_the_strict_build(tmp_path: Path) -> None:
    site = copy_fixture(tmp_path)
    page = site / "modules/1-basics/section.md"
    page.write_text(page.read_text().replace("minutes: 30", "minutes: 20"))
    log = failed_build(site, tmp_path)
    assert "modules/1-basics/module.yml: page minutes add up to 80, expected hours × 60 = 90" in log


def test_control_build_without_the_plugin(tmp_path: Path, fixture_site: Site) -> None:
    """The same docs built as a plain Material site: no modules, no manifest, no course pages."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!ENV", ""))
    control = {
        "site_name": "Control",
        "docs_dir": str(FIXTURE / "docs"),
        "theme": config["theme"],
        "markdown_extensions": config["markdown_extensions"],
        "plugins": ["search"],
    }
    cfg = tmp_path / "control.yml"
    cfg.write_text(yaml.safe_dump(control))
    build(cfg, tmp_path / "control")
    control_pages = {
        p.relative_to(tmp_path / "control").as_posix()
        for p in (tmp_path / "control").rglob("*.html")
    }
    ours = {p.relative_to(fixture_site.root).as_posix() for p in fixture_site.root.rglob("*.html")}
    added = ours - control_pages
    assert "modules/1-basics/index.html" in added and "course/outcome-map/index.html" in added
    assert "AP_MANIFEST" not in (tmp_path / "control/index.html").read_text()
    assert MANIFEST_SCRIPT.search((fixture_site.root / "index.html").read_text())


@pytest.mark.parametrize("name", ["js/permanence.js", "css/permanence.css", "js/pages/plan.js"])
def test_our_assets_are_published(fixture_site: Site, name: str) -> None:
    assert (fixture_site.root / "assets/permanence" / name).exists()


def test_every_page_loads_one_script_bundle_and_one_stylesheet_of_ours(fixture_site: Site) -> None:
    home = (fixture_site.root / "index.html").read_text(encoding="utf-8")
    ours = re.findall(r'(?:src|href)="[^"]*(assets/permanence/[^"]+)"', home)
    shared = [a for a in ours if "/pages/" not in a]  # page scripts are the page's own
    assert shared[0] == "assets/permanence/css/permanence.css"
    assert re.fullmatch(r"assets/permanence/js/manifest\.[0-9a-f]{12}\.js", shared[1])
    assert shared[2:] == ["assets/permanence/js/permanence.js"]
    # Every global script is in the bundle, in order: core.js first (it creates window.AP).
    bundle = (fixture_site.root / "assets/permanence/js/permanence.js").read_text()
    assert bundle.index("AP.register=register") < bundle.index("createStore")
    assert "ap-trainer" in bundle and "pages/present.js" in bundle  # trainer.js
    assert "/**" not in bundle and "\n\n" not in bundle  # minified


def test_every_published_script_parses_after_minification(fixture_site: Site) -> None:
    scripts = sorted((fixture_site.root / "assets/permanence").rglob("*.js"))
    assert len(scripts) > 5 and any(s.parent.name == "vendor" for s in scripts)
    for script in scripts:
        result = subprocess.run(["node", "--check", str(script)], capture_output=True, text=True)
        assert result.returncode == 0, f"{script.name}: {result.stderr}"


def test_glossary_skips_proper_names_the_owners_words_headings_links_citations_and_names() -> None:
    import markdown

    from permanence_course.markdown_ext import CourseExtension, Glossary, PageRender

    glossary = Glossary(
        [{"term": "special guardianship", "aliases": [], "definition": "d"}],
        names=["Achieving Special Guardianship"],
        citations=["Wade, J. (2014) Special guardianship in practice. London: BAAF."],
    )

    def render(text: str) -> str:
        extension = CourseExtension()
        extension.next_page(PageRender(glossary, "g/"))
        return markdown.markdown(text, extensions=["attr_list", "md_in_html", extension])

    for text in (
        "The Adoption and Special Guardianship Leadership Board met.",
        '<ol class="ap-outcomes" markdown><li>special guardianship</li></ol>',
        "## Special guardianship",
        "[special guardianship](x.md)",
        "- Wade, J. (2014) Special guardianship in practice. London: BAAF.",
        "Welcome to Achieving Special Guardianship.",
    ):
        assert "data-ap-term" not in render(text), text
    marked = render("Special guardianship helps. Special guardianship again.")
    assert marked.count("data-ap-term") == 1 and 'href="g/#term-special-guardianship"' in marked
    extension = CourseExtension()  # a render the plugin did not ask for (a quiz fragment)
    assert "data-ap-term" not in markdown.markdown("special guardianship", extensions=[extension])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for_text(url: str, text: str, seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.5)
    return False


def test_make_serve_reloads_when_a_module_file_changes(tmp_path: Path) -> None:
    """`make serve` runs `mkdocs serve --livereload`; modules/ lies outside docs/, so only the
    plugin's watch makes an edit there rebuild the page."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    serve_recipe = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert "mkdocs serve" in serve_recipe and "--livereload" in serve_recipe
    assert "127.0.0.1:8000" in serve_recipe

    site = copy_fixture(tmp_path)
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        [
            *(MKDOCS, "serve", "-f", str(site / "mkdocs.yml")),
            *("--dev-addr", f"127.0.0.1:{port}", "--livereload"),
        ],
        cwd=site,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        overview = url + "modules/1-basics/"
        assert wait_for_text(overview, "Basics: a fixture module"), "mkdocs serve did not start"
        assert "livereload" in fetch(overview)
        time.sleep(1)  # let the watcher settle after the first build
        edit(
            site / "modules/1-basics/module.yml",
            "The second paragraph of the summary.",
            "A summary edited while serving.",
        )
        assert wait_for_text(overview, "A summary edited while serving."), "module.yml not watched"
        edit(
            site / "modules/1-basics/section.md", "Special guardianship", "Live-edited guardianship"
        )
        assert wait_for_text(url + "modules/1-basics/section/", "Live-edited guardianship")
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.mark.parametrize(
    ("page", "stylesheet"),
    [
        ("modules/1-basics/quiz/index.html", "vendor/mkdocs-quiz.css"),
        ("my-plan/index.html", "css/plan.css"),
    ],
)
def test_a_pages_own_stylesheet_is_in_its_head(
    fixture_site: Site, page: str, stylesheet: str
) -> None:
    # Linked only from the content, it would arrive after the first paint and move the page.
    head = (fixture_site.root / page).read_text(encoding="utf-8").split("</head>", 1)[0]
    assert re.search(rf'<link rel="stylesheet" href="[^"]*assets/permanence/{stylesheet}">', head)
    home = (fixture_site.root / "index.html").read_text(encoding="utf-8").split("</head>", 1)[0]
    assert stylesheet not in home
