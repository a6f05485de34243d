"""The course manifest is one cached script; a redeploy while a tab is open never leaves that tab
running on the old manifest (instant navigation does not run a new page's head scripts)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.helpers import mark_document, still_same_document
from tests.conftest import FIXTURE, ROOT, Site, built_and_served

MANIFEST_FILE = re.compile(r"manifest\.([0-9a-f]{12})\.js")


@pytest.fixture
def own_site(tmp_path: Path) -> Iterator[Site]:
    """A fixture site of this test's own, since the test redeploys it."""
    shutil.copytree(FIXTURE, tmp_path / "src")
    config = tmp_path / "src" / "mkdocs.yml"
    config.write_text(config.read_text().replace("../../../mkdocs.yml", str(ROOT / "mkdocs.yml")))
    site = built_and_served(tmp_path / "src" / "mkdocs.yml", tmp_path / "site")
    yield site
    site.close()


def redeploy_with_new_course_version(root: Path, version: str) -> str:
    """What a redeploy does to the files: a new manifest under a new name, pages naming it."""
    (old_file,) = root.glob("assets/permanence/js/manifest.*.js")
    old = MANIFEST_FILE.search(old_file.name).group(1)  # type: ignore[union-attr]
    new = "f" * 12 if old != "f" * 12 else "e" * 12
    text = (
        old_file.read_text()
        .replace(old, new)
        .replace('"version":"1.0.0"', f'"version":"{version}"')
    )
    (old_file.parent / f"manifest.{new}.js").write_text(text)
    old_file.unlink()
    for html in root.rglob("*.html"):
        html.write_text(html.read_text().replace(old, new))
    return new


def test_a_page_reached_after_a_redeploy_reloads_once_onto_the_new_manifest(
    page, own_site: Site
) -> None:
    page.goto(own_site.page_url("modules/1-basics/"))
    assert page.evaluate("AP.manifest().course.version") == "1.0.0"
    # Instant navigation keeps the document (and its manifest) while nothing changed.
    mark_document(page)
    page.get_by_role("link", name="Module 2 · More: a draft fixture module").first.click()
    page.wait_for_url("**/modules/2-more/")
    page.wait_for_function("AP.page().id === 'modules/2-more/index'")
    assert still_same_document(page)

    new = redeploy_with_new_course_version(own_site.root, "1.0.1")
    page.get_by_role("link", name="Module 1 · Basics: a fixture module").first.click()
    page.wait_for_url("**/modules/1-basics/")
    # The page named a manifest the tab did not have: it reloaded itself and now has it.
    page.wait_for_function(f"window.AP && AP.manifestId && AP.manifestId() === '{new}'")
    assert not still_same_document(page)
    assert page.evaluate("AP.manifest().course.version") == "1.0.1"
    assert page.evaluate("AP.page().id") == "modules/1-basics/index"
    # Once on the new manifest, instant navigation works again with no further reload (to a page
    # this tab never fetched: one it did may come from the browser's cache, naming the old
    # manifest, and reload once more to be revalidated).
    mark_document(page)
    page.get_by_role("link", name="A teaching section").first.click()
    page.wait_for_function("AP.page().id === 'modules/1-basics/section'")
    assert still_same_document(page)


def test_a_host_serving_mixed_versions_never_reloads_in_a_loop(page, own_site: Site) -> None:
    """Pages naming a manifest the host does not serve reload once, then are left alone."""
    for html in own_site.root.rglob("*.html"):
        text = re.sub(
            r"(&quot;manifest&quot;:&quot;)[0-9a-f]{12}", r"\g<1>000000000000", html.read_text()
        )
        html.write_text(text)
    loads: list[str] = []
    page.on("load", lambda _: loads.append("load"))
    page.goto(own_site.page_url("modules/1-basics/"))
    page.wait_for_function("AP.page().manifest === '000000000000'")
    page.wait_for_timeout(1500)
    assert len(loads) == 2  # the first load and one reload, never more
    # The page still works on the manifest it has.
    assert page.evaluate("AP.manifest().course.version") == "1.0.0"
