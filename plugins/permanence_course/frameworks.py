"""Professional standards frameworks (`modules/frameworks/*.yml`), validated for the browser.

Learners link their goals in My plan to these standards. Each framework is a data file with the
dates it applies, so that one can be replaced or added without code changes. The plugin inlines
them only on pages whose front matter says `frameworks: true`.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from .course import CourseError, as_mapping, need, read_yaml

FRAMEWORK_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# How far the wording of an item can be trusted: as published, summarised, or not yet confirmed.
WORDING = ("confirmed", "summary", "unconfirmed")


def optional_date(data: dict[str, Any], key: str, rel: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise CourseError(rel, key, "a date written as YYYY-MM-DD, or null", value)
    return value.isoformat()


def named_entries(data: dict[str, Any], key: str, id_key: str, rel: str) -> list[dict[str, str]]:
    """A list of {<id_key>, title, ...}: ids unique, titles present."""
    entries = data.get(key) or []
    if not isinstance(entries, list):
        raise CourseError(rel, key, f"a list of entries with {id_key} and title", entries)
    seen: set[str] = set()
    out = []
    for i, entry in enumerate(entries, start=1):
        where = f"{key}[{i}]"
        if not isinstance(entry, dict):
            raise CourseError(rel, where, f"a mapping with {id_key} and title", entry)
        ident = entry.get(id_key)
        if not isinstance(ident, str) or not ident.strip():
            raise CourseError(rel, f"{where}.{id_key}", f"a {id_key} written as text", ident)
        if ident in seen:
            raise CourseError(rel, f"{where}.{id_key}", f"each {id_key} used once", ident)
        seen.add(ident)
        title = entry.get("title")
        if not isinstance(title, str) or not title.strip():
            raise CourseError(rel, f"{where}.title", "the title as text", title)
        out.append({id_key: ident, "title": title.strip()})
        if key == "items":
            wording = entry.get("wording", "confirmed")
            if wording not in WORDING:
                raise CourseError(rel, f"{where}.wording", f"one of {', '.join(WORDING)}", wording)
            out[-1]["wording"] = wording
    return out


def load_framework(path: Path, rel: str) -> dict[str, Any]:
    data = as_mapping(read_yaml(path, rel), rel)
    fid = need(data, "id", str, rel, "a short id such as pcf (lower case, digits and hyphens)")
    if not FRAMEWORK_ID.match(fid):
        raise CourseError(rel, "id", "a short id such as pcf (lower case, digits and hyphens)", fid)
    title = need(data, "title", str, rel, "the framework's title")
    # The course maps to the post-qualifying standards; the early career standards are not its.
    if "early career" in title.lower():
        raise CourseError(
            rel, "title", "a post-qualifying framework (never the early career standards)", title
        )
    applies_from = optional_date(data, "applies_from", rel)
    applies_until = optional_date(data, "applies_until", rel)
    if applies_from and applies_until and applies_until < applies_from:
        raise CourseError(rel, "applies_until", f"a date on or after {applies_from}", applies_until)
    items = named_entries(data, "items", "code", rel)
    if not items:
        raise CourseError(rel, "items", "at least one standard, each with code and title", items)
    levels = named_entries(data, "levels", "id", rel)
    course_level = data.get("course_level")
    if course_level is not None and course_level not in [lv["id"] for lv in levels]:
        raise CourseError(rel, "course_level", "the id of one of the levels listed", course_level)
    return {
        "id": fid,
        "title": title,
        "short_title": str(data.get("short_title") or title),
        "publisher": str(data.get("publisher") or ""),
        "applies_from": applies_from,
        "applies_until": applies_until,
        "levels": levels,
        "course_level": course_level,
        "items": items,
    }


def load_frameworks(folder: Path, rel_folder: str) -> list[dict[str, Any]]:
    """Every framework in folder, by file name; raises CourseError naming file and field."""
    if not folder.is_dir():
        return []
    frameworks: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.yml")):
        rel = f"{rel_folder}/{path.name}"
        framework = load_framework(path, rel)
        if any(f["id"] == framework["id"] for f in frameworks):
            raise CourseError(rel, "id", "an id no other framework uses", framework["id"])
        frameworks.append(framework)
    return frameworks
