"""Helpers for browser tests: axe-core checks and site page lists."""

from __future__ import annotations

import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_axe = Axe()


# No transition or finite animation still running.
SETTLED = """() => document.getAnimations().every((a) =>
  a.playState !== "running" || a.effect?.getComputedTiming().iterations === Infinity)"""


def axe_violations(page, context: str | dict | None = None) -> list[str]:
    """WCAG 2.2 A/AA violations on the page as short readable lines (empty when clean)."""
    # Colours are checked as they settle: mid-fade (Material's back-to-top button fades in when
    # the page scrolls up) axe would measure a half-transparent colour no reader is left with.
    page.wait_for_function(SETTLED)
    results = _axe.run(
        page,
        context=context,
        options={"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]},
    )
    lines = []
    for v in results.response["violations"]:
        targets = [", ".join(n["target"]) for n in v["nodes"][:3]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} at {targets}")
    return lines


def site_pages(root: Path) -> list[str]:
    """Every page of a built site as a path under its URL (directory URLs)."""
    pages = []
    for html in sorted(root.rglob("index.html")):
        rel = html.parent.relative_to(root).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return pages


def mark_document(page) -> None:
    """Set a marker that survives instant navigation but not a full page load."""
    page.evaluate("window.__apNoReload = 'still-here'")


def still_same_document(page) -> bool:
    return page.evaluate("window.__apNoReload === 'still-here'")


# What a slide on show looks like once it has come to rest: whether anything is cut off, how
# much of its height the content takes, its kind and title, and its type size on the screen.
SLIDE_ON_SHOW = """() => {
  const box = document.querySelector('.ap-present__stage .ap-slide');
  box.getAnimations().forEach((a) => a.finish());
  const bottoms = [...box.children].filter((c) => !c.hidden && c.offsetHeight)
    .map((c) => c.offsetTop + c.offsetHeight);
  const shown = box.getBoundingClientRect();
  const screen = box.closest('.ap-present__stage').getBoundingClientRect();
  return {
    over: box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1 ||
      shown.bottom > screen.bottom + 1 || shown.right > screen.right + 1,
    fill: Math.max(...bottoms) / box.offsetHeight,
    kind: [...box.classList].find((c) => c.startsWith('ap-slide--')).slice(10),
    title: box.querySelector('h2').textContent,
    px: parseFloat(getComputedStyle(box).fontSize) * shown.width / box.offsetWidth,
  };
}"""


def walk_slides(page) -> list[dict]:
    """Every slide of the presentation on show, first to last, as SLIDE_ON_SHOW sees it, each
    with what it hides revealed (R)."""
    page.keyboard.press("Home")
    seen: list[dict] = []
    while True:
        label = page.get_attribute("[aria-roledescription=slide]", "aria-label") or ""
        number, total = (int(n) for n in re.findall(r"\d+", label))
        if page.locator(".ap-present__stage .ap-slide__reveal[hidden]").count():
            page.keyboard.press("r")
            page.locator(".ap-present__stage .ap-slide.is-revealed").wait_for()
        seen.append({"number": number, "total": total, **page.evaluate(SLIDE_ON_SHOW)})
        if number == total:
            return seen
        page.keyboard.press("ArrowRight")
        page.locator(
            f"[aria-roledescription=slide][aria-label^='Slide {number + 1} of']"
        ).wait_for()
