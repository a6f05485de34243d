"""Social Work England's CPD rules (`modules/cpd-rules.yml`), validated for the browser.

The CPD evidence page groups records by registration year, counts them against the minimum and
explains the rules "as at" a date. The rules change, so they are data: the plugin inlines them
only on pages whose front matter says `cpd_rules: true` (as `frameworks: true` does for the
standards frameworks).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from .course import CourseError, as_mapping, need, read_yaml

FILE = "cpd-rules.yml"
# The online form's fields the page drafts and copies, and the peer reflection's.
FIELDS = ("type", "description", "date", "learnt", "impact", "peer", "peer_learnt")
CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def whole_number(data: dict[str, Any], key: str, rel: str, low: int, high: int) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise CourseError(rel, key, f"a whole number from {low} to {high}", value)
    return value


def texts(data: dict[str, Any], key: str, rel: str) -> list[str]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CourseError(rel, key, "a list of lines of text", value)
    return [v.strip() for v in value]


def load_cpd_rules(path: Path, rel: str) -> dict[str, Any] | None:
    """The rules as the browser reads them, or None when the course has no rules file."""
    if not path.is_file():
        return None
    data = as_mapping(read_yaml(path, rel), rel)
    regulator = need(data, "regulator", str, rel, "the regulator's name")
    as_at = data.get("rules_as_at")
    if not isinstance(as_at, dt.date) or isinstance(as_at, dt.datetime):
        raise CourseError(
            rel, "rules_as_at", "the date the rules were checked, as YYYY-MM-DD", as_at
        )
    year_rel = f"{rel} registration_year"
    year = as_mapping(data.get("registration_year"), year_rel)
    # Day 28 at most: every month has it, so every year has the same first day.
    start_month = whole_number(year, "start_month", year_rel, 1, 12)
    start_day = whole_number(year, "start_day", year_rel, 1, 28)
    deadline = year.get("deadline_time")
    if not isinstance(deadline, str) or not CLOCK.match(deadline):
        raise CourseError(year_rel, "deadline_time", 'a 24-hour time such as "23:59"', deadline)
    pieces = whole_number(data, "pieces_per_year", rel, 1, 20)
    peers = whole_number(data, "peer_reflections_per_year", rel, 0, pieces)
    fields = as_mapping(data.get("fields"), f"{rel} fields")
    for name in FIELDS:
        need(fields, name, str, f"{rel} fields", "the label of this field on the form")
    changes = data.get("changes") or ""
    if not isinstance(changes, str):
        raise CourseError(rel, "changes", "a paragraph of text", changes)
    return {
        "regulator": regulator.strip(),
        "rules_as_at": as_at.isoformat(),
        "registration_year": {
            "start_month": start_month,
            "start_day": start_day,
            "deadline_time": deadline,
        },
        "pieces_per_year": pieces,
        "peer_reflections_per_year": peers,
        "peer_roles": texts(data, "peer_roles", rel),
        "fields": {name: str(fields[name]).strip() for name in FIELDS},
        "notes": texts(data, "notes", rel),
        "changes": " ".join(changes.split()),
    }
