"""The authoring contract, declared: JSON Schemas for module.yml, page front matter and data files.

Each file an author writes has a schema in `schemas/` beside this module (editors that read JSON
Schema offer completion and checks from them too). `check(data, "module", rel)` validates with
`jsonschema` and turns the first mistake into the same `CourseError` the build has always given:
the file, the field (`outcomes[2].text`, `registration_year.start_month`) and what was expected.

The words of "what was expected" live in the schemas as `x-expected`, on the field's schema (the
nearest one up from the keyword that failed). An object's `x-unknown` words an unexpected field;
without it the message lists the fields it may have. YAML dates are checked as ISO dates
(`format: date`). Rules that need more than one file (an outcome id defined in a module.yml, a
file that exists, ids unique across files) stay in Python, next to the data they compare.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import jsonschema

from .errors import CourseError

FOLDER = Path(__file__).parent / "schemas"
Validator = jsonschema.Draft202012Validator


@functools.cache
def schema(name: str) -> dict[str, Any]:
    """The schema `schemas/<name>.schema.json`. Each is checked as a schema by the unit tests
    (tests/unit/test_schemas.py), not at every build: that check took over half of loading."""
    data: dict[str, Any] = json.loads((FOLDER / f"{name}.schema.json").read_text("utf-8"))
    return data


@functools.cache
def validator(name: str) -> Any:
    return Validator(schema(name), format_checker=Validator.FORMAT_CHECKER)


def as_json(value: Any) -> Any:
    """YAML's values as JSON's: dates become ISO text (checked by `format: date`)."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.isoformat()  # not a date: `format: date` refuses it
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def field_name(path: Iterable[str | int]) -> str:
    """`outcomes[2].text` in a mapping; `entry 2.id` in a file that is a list of entries."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]" if out else f"entry {part + 1}"
        else:
            out += f".{part}" if out else part
    return out


def resolve(root: dict[str, Any], subschema: Any) -> Any:
    ref = subschema.get("$ref") if isinstance(subschema, dict) else None
    if isinstance(ref, str) and ref.startswith("#/"):
        node: Any = root
        for part in ref[2:].split("/"):
            node = node[part]
        return node
    return subschema


def schemas_along(root: dict[str, Any], schema_path: Sequence[str | int]) -> list[Any]:
    """Every schema from the root to the failing keyword, following local `$ref`s."""
    node: Any = root
    seen = [node]
    for part in schema_path:
        node = resolve(root, node)
        if isinstance(node, dict):
            node = node[part]
        elif isinstance(node, list):
            node = node[int(part)]
        else:
            break
        seen.append(resolve(root, node))
    return seen


def expected_words(root: dict[str, Any], error: jsonschema.ValidationError) -> str:
    for node in reversed(schemas_along(root, list(error.schema_path))):
        if isinstance(node, dict) and isinstance(node.get("x-expected"), str):
            return str(node["x-expected"])
    return error.message


def property_schema(root: dict[str, Any], error: jsonschema.ValidationError, name: str) -> Any:
    parent = resolve(root, error.schema)
    return resolve(root, (parent.get("properties") or {}).get(name, {}))


def order(root: dict[str, Any], error: jsonschema.ValidationError) -> tuple[int, ...]:
    """Report mistakes in the order the schema lists its fields (unknown fields first)."""
    key: list[int] = []
    node: Any = root
    path = list(error.absolute_path)
    for part in path:
        node = resolve(root, node) if isinstance(node, dict) else {}
        if isinstance(part, int):
            key.append(part)
            node = node.get("items", {})
        else:
            names = list((node.get("properties") or {}).keys())
            key.append(names.index(part) if part in names else -1)
            node = (node.get("properties") or {}).get(part, {})
    if error.validator == "additionalProperties":
        key.append(-1)
    elif error.validator == "required":
        names = list((resolve(root, error.schema).get("properties") or {}).keys())
        missing = [n for n in error.validator_value if n not in error.instance]
        key.append(names.index(missing[0]) if missing and missing[0] in names else len(names))
    else:
        key.append(10_000)
    return tuple(key)


def to_course_error(root: dict[str, Any], error: jsonschema.ValidationError, rel: str) -> Exception:
    path: list[str | int] = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        parent = resolve(root, error.schema)
        known = list((parent.get("properties") or {}).keys())
        extra = next(k for k in error.instance if k not in known)
        words = parent.get("x-unknown") or f"one of the fields {', '.join(known)}"
        return CourseError(rel, field_name([*path, extra]), words, extra)
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = next(n for n in error.validator_value if n not in error.instance)
        words = property_schema(root, error, missing).get("x-expected") or f"a value for {missing}"
        return CourseError(rel, field_name([*path, missing]), words, "nothing")
    if not path:
        return CourseError(rel, "", expected_words(root, error), type(error.instance).__name__)
    # An item of a list without words of its own names the list, as the words do ("a list of
    # lines of text"): `notes`, not `notes[1]`.
    if (
        len(path) > 1
        and isinstance(path[-1], int)
        and not resolve(root, error.schema).get("x-expected")
    ):
        path.pop()
    return CourseError(rel, field_name(path), expected_words(root, error), error.instance)


def check(data: Any, name: str, rel: str) -> Any:
    """Validate `data` (as loaded from YAML) against schema `name`; raise the first mistake."""
    root = schema(name)
    errors = list(validator(name).iter_errors(as_json(data)))
    if errors:
        first = min(errors, key=lambda e: order(root, e))
        raise to_course_error(root, first, rel)
    return data
