"""The course's diagrams, read at the size a learner sees them on a desktop page (issue 28).

Labels drawn smaller than 14 px cannot be read from the back of a training room, nor easily on
a page. A label's size on screen is its size inside the SVG times how much the page scales the
picture, so the test measures the picture in the page and reads the sizes from the SVG itself.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import ROOT, Site

pytestmark = pytest.mark.browser

SVG = "{http://www.w3.org/2000/svg}"
DIAGRAMS = sorted((ROOT / "modules").glob("*/img/*.svg"))


def label_sizes(svg: Path) -> tuple[float, dict[str, float]]:
    """The drawing's width in its own units and each label's font size (inherited as SVG does)."""
    root = ET.parse(svg).getroot()
    width = float(root.get("viewBox", "").split()[2])
    sizes: dict[str, float] = {}

    def walk(node: ET.Element, size: float) -> None:
        size = float(node.get("font-size", size))
        text = (node.text or "").strip()
        if node.tag in (SVG + "text", SVG + "tspan") and text:
            sizes[text] = min(size, sizes.get(text, size))
        for child in node:
            walk(child, size)

    walk(root, 16.0)
    return width, sizes


def pages_showing(svg: Path) -> list[str]:
    module = svg.parent.parent
    return [
        f"modules/{module.name}/{md.stem}/"
        for md in sorted(module.glob("*.md"))
        if re.search(rf"\(img/{re.escape(svg.name)}\)", md.read_text(encoding="utf-8"))
    ]


def test_there_are_eight_diagrams_and_each_is_on_a_page() -> None:
    assert len(DIAGRAMS) == 8
    for svg in DIAGRAMS:
        assert pages_showing(svg), f"{svg.name} is on no page"


@pytest.mark.parametrize("svg", DIAGRAMS, ids=lambda p: p.name)
def test_every_label_is_at_least_14px_on_a_desktop_page(page, real_site: Site, svg: Path) -> None:
    width, sizes = label_sizes(svg)
    assert sizes, f"{svg.name} has no labels"
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(real_site.page_url(pages_showing(svg)[0]))
    picture = page.locator(f"article img[src$='{svg.name}']")
    shown = picture.evaluate("img => img.getBoundingClientRect().width")
    assert shown > 600, f"{svg.name} is drawn only {shown:.0f} px wide on its page"
    small = {t: round(s * shown / width, 1) for t, s in sizes.items() if s * shown / width < 14}
    assert small == {}, f"{svg.name}: labels under 14 px at {shown:.0f} px wide: {small}"
