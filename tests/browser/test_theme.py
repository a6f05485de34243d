"""Our theme overrides as a person using assistive technology meets them."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tests.conftest import ROOT, Site

pytestmark = pytest.mark.browser

TEMPLATES = ROOT / "plugins" / "permanence_course" / "templates"


def test_the_search_dialog_has_an_accessible_name(page, fixture_site: Site) -> None:
    page.goto(fixture_site.page_url(""))
    page.keyboard.press("s")  # Material's shortcut opens search
    dialog = page.get_by_role("dialog", name="Search")
    dialog.wait_for()
    box = dialog.get_by_role("textbox", name="Search")
    assert box.evaluate("(el) => el === document.activeElement")


def test_the_search_override_is_materials_own_but_for_the_name() -> None:
    import material

    theirs = (Path(material.__file__).parent / "templates/partials/search.html").read_text()
    ours = (TEMPLATES / "partials/search.html").read_text()
    diff = [
        line
        for line in difflib.unified_diff(theirs.splitlines(), ours.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    # When Material changes its search.html, copy it again and add the name back.
    changed = [line for line in diff if "{#" not in line and "#}" not in line]
    assert changed == [
        "-  This file was automatically generated - do not edit",
        '-<div class="md-search" data-md-component="search" role="dialog">',
        '+<div class="md-search" data-md-component="search" role="dialog" '
        "aria-label=\"{{ lang.t('search') }}\">",
    ]
