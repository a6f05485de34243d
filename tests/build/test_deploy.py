"""Deployment: the GitHub Pages workflow, SEO basics, and the Content-Security-Policy the build writes."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from yamllint import linter
from yamllint.config import YamlLintConfig

from permanence_course import csp
from tests.build.test_build import copy_fixture, failed_build
from tests.conftest import ROOT, Site, read_headers_file

WORKFLOW = ROOT / ".github/workflows/deploy.yml"


def test_pages_workflow_is_valid_yaml_that_tests_builds_and_deploys() -> None:
    config = YamlLintConfig(file=str(ROOT / ".yamllint.yml"))
    problems = list(linter.run(WORKFLOW.read_text(encoding="utf-8"), config))
    assert problems == []
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = flow["jobs"]["test-and-build"]["steps"]
    runs = [s.get("run") for s in steps]
    assert "make test" in runs and "make build" in runs
    assert runs.index("make test") < runs.index("make build")
    assert flow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages")


def html_pages(site: Site) -> list[Path]:
    return sorted(site.root.rglob("*.html"))


def test_every_page_has_canonical_url_and_meta_description(fixture_site: Site) -> None:
    descriptions = {}
    for page in html_pages(fixture_site):
        html = page.read_text(encoding="utf-8")
        rel = page.relative_to(fixture_site.root).as_posix()
        if rel != "404.html":
            assert f'<link rel="canonical" href="{fixture_site.url}' in html, rel
        match = re.search(r'<meta name="description" content="([^"]+)"', html)
        assert match and len(match.group(1)) > 20, rel
        descriptions[rel] = match.group(1)
    section = descriptions["modules/1-basics/section/index.html"]
    assert section.startswith("Special guardianship is explained here")
    assert descriptions["modules/1-basics/index.html"].startswith(
        "The first paragraph of the summary"
    )


def test_sitemap_lists_every_module_page(fixture_site: Site) -> None:
    sitemap = (fixture_site.root / "sitemap.xml").read_text(encoding="utf-8")
    for path in ("modules/1-basics/", "modules/1-basics/quiz/", "modules/2-more/quiz/"):
        assert f"<loc>{fixture_site.url}{path}</loc>" in sitemap


def test_404_page_exists_with_policy(fixture_site: Site) -> None:
    html = (fixture_site.root / "404.html").read_text(encoding="utf-8")
    assert "This page is not here" in html and 'http-equiv="Content-Security-Policy"' in html


def test_every_page_carries_a_policy_that_hashes_exactly_its_inline_scripts(
    fixture_site: Site,
) -> None:
    for page in html_pages(fixture_site):
        html = page.read_text(encoding="utf-8")
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert meta, page
        policy = meta.group(1)
        assert policy.startswith("default-src 'self'; script-src 'self'")
        for part in (
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "img-src 'self' data:",
        ):
            assert part in policy
        assert "'unsafe-inline'" not in policy.split(";")[1]  # never for scripts
        without_meta = html.replace(meta.group(0), "")
        assert set(re.findall(r"'sha256-[^']+'", policy)) == set(
            csp.inline_script_hashes(without_meta)
        )
        assert csp.handler_attributes(html) == [], page


def test_headers_file_covers_every_page_with_frame_ancestors(fixture_site: Site) -> None:
    rules = read_headers_file(fixture_site.root)
    for page in html_pages(fixture_site):
        rel = page.relative_to(fixture_site.root).as_posix()
        path = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        assert path in rules, path
        assert rules[path]["Content-Security-Policy"].endswith("frame-ancestors 'none'")


def test_inline_handler_in_content_fails_the_build(tmp_path: Path) -> None:
    site = copy_fixture(tmp_path)
    page = site / "modules/1-basics/section.md"
    page.write_text(page.read_text() + '\n<button onclick="alert(1)">Hi</button>\n')
    log = failed_build(site, tmp_path)
    assert "modules/1-basics/section/" in log and "inline event handlers" in log


def test_inline_script_in_content_fails_the_build(tmp_path: Path) -> None:
    """A script in the content would be let through by its hash: the build refuses it instead."""
    site = copy_fixture(tmp_path)
    page = site / "modules/1-basics/section.md"
    page.write_text(page.read_text() + "\n<script>window.fromContent = 1</script>\n")
    log = failed_build(site, tmp_path)
    assert "modules/1-basics/section.md: an inline <script>" in log
    assert "window.fromContent" in log


def test_json_data_in_content_is_not_an_inline_script() -> None:
    data = '<script type="application/json" id="x">{"a": 1}</script><script src="a.js"></script>'
    assert csp.inline_scripts(data) == []
    assert csp.inline_scripts("<script>run()</script>") == ["<script>run()</script>"]
