"""Professional standards frameworks (`modules/frameworks/*.yml`), validated for the browser.

Learners link their goals in My plan to these standards. Each framework is a data file with the
dates it applies, so that one can be replaced or added without code changes. The plugin inlines
them only on pages whose front matter says `frameworks: true`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import schema
from .course import CourseError, read_yaml


def named_entries(data: dict[str, Any], key: str, id_key: str, rel: str) -> list[dict[str, str]]:
    """A list of {<id_key>, title, ...} (its shape checked by the schema): ids used once."""
    seen: set[str] = set()
    out = []
    for i, entry in enumerate(data.get(key) or [], start=1):
        ident = entry[id_key]
        if ident in seen:
            raise CourseError(rel, f"{key}[{i}].{id_key}", f"each {id_key} used once", ident)
        seen.add(ident)
        out.append({id_key: ident, "title": entry["title"].strip()})
        if key == "items":
            out[-1]["wording"] = entry.get("wording", "confirmed")
    return out


def load_framework(path: Path, rel: str) -> dict[str, Any]:
    data = schema.check(read_yaml(path, rel), "framework", rel)
    fid: str = data["id"]
    title: str = data["title"]
    # The course maps to the post-qualifying standards; the early career standards are not its.
    if "early career" in title.lower():
        raise CourseError(
            rel, "title", "a post-qualifying framework (never the early career standards)", title
        )
    applies_from = schema.as_json(data.get("applies_from"))
    applies_until = schema.as_json(data.get("applies_until"))
    if applies_from and applies_until and applies_until < applies_from:
        raise CourseError(rel, "applies_until", f"a date on or after {applies_from}", applies_until)
    items = named_entries(data, "items", "code", rel)
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
