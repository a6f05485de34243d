"""The one error an author's mistake raises: it names the file, the field and what was expected."""

from __future__ import annotations

from pathlib import Path


class CourseError(Exception):
    """An author's mistake: names the file, the field and what was expected."""

    def __init__(self, file: Path | str, field_name: str, expected: str, found: object = None):
        self.file = str(file)
        self.field = field_name
        self.expected = expected
        got = "" if found is None else f" (found: {found!r})"
        where = f"field '{field_name}'" if field_name else "file"
        super().__init__(f"{self.file}: {where}: expected {expected}{got}")
