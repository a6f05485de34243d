"""Social Work England's CPD rules (`modules/cpd-rules.yml`), validated for the browser.

The CPD evidence page groups records by registration year, counts them against the minimum and
explains the rules "as at" a date. The rules change, so they are data: the plugin inlines them
only on pages whose front matter says `cpd_rules: true` (as `frameworks: true` does for the
standards frameworks).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import schema
from .course import CourseError, read_yaml

FILE = "cpd-rules.yml"
# The online form's fields the page drafts and copies, and the peer reflection's.
FIELDS = ("type", "description", "date", "learnt", "impact", "peer", "peer_learnt")


def texts(data: dict[str, Any], key: str) -> list[str]:
    return [v.strip() for v in data.get(key) or []]


def load_cpd_rules(path: Path, rel: str) -> dict[str, Any] | None:
    """The rules as the browser reads them, or None when the course has no rules file."""
    if not path.is_file():
        return None
    data = schema.check(read_yaml(path, rel), "cpd-rules", rel)
    year = data["registration_year"]
    pieces, peers = data["pieces_per_year"], data["peer_reflections_per_year"]
    if peers > pieces:
        raise CourseError(
            rel, "peer_reflections_per_year", f"a whole number from 0 to {pieces}", peers
        )
    fields = data["fields"]
    return {
        "regulator": data["regulator"].strip(),
        "rules_as_at": schema.as_json(data["rules_as_at"]),
        "registration_year": {
            "start_month": year["start_month"],
            "start_day": year["start_day"],
            "deadline_time": year["deadline_time"],
        },
        "pieces_per_year": pieces,
        "peer_reflections_per_year": peers,
        "peer_roles": texts(data, "peer_roles"),
        "fields": {name: str(fields[name]).strip() for name in FIELDS},
        "notes": texts(data, "notes"),
        "changes": " ".join((data.get("changes") or "").split()),
    }
