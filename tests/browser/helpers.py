"""Helpers for browser tests: axe-core checks and site page lists."""

from __future__ import annotations

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
