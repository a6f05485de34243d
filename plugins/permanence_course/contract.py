"""One contract between the build and the browser code: the names the build writes and the
scripts read, declared once in contract.json (beside this module).

The plugin publishes the classes that may reach a slide in the course manifest
(`AP.manifest().contract.slide_classes`, read by pages/present.js), so the list is never written
again in JavaScript; tests/build/test_contract.py checks both sides against the file.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

FILE = Path(__file__).parent / "contract.json"


@functools.cache
def contract() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FILE.read_text(encoding="utf-8"))
    return data


def names(part: str) -> list[str]:
    """The names declared in one part: slide_classes, page_classes, attributes, ..."""
    return list(contract()[part]["names"])


def published() -> dict[str, list[str]]:
    """What the browser code needs of the contract, for the manifest."""
    return {"slide_classes": names("slide_classes")}
