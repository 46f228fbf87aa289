"""Problems as data: one per wrong value, naming the field, the value given and what is allowed.

The core reports problems as lines (`age: -3 is not allowed; expected a whole number from 10 to
100`); the web shows them beside form fields and the API returns them as objects. This module
turns either those lines or pydantic errors into `Problem`s.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

_LINE = re.compile(r"^(?P<field>[A-Za-z_][\w.\[\]-]*): (?P<rest>.*)$", re.DOTALL)
_NOT_ALLOWED = re.compile(
    r"^(?P<value>.*?) is not (?:allowed|a date|a known region|a list of regions)"
    r"(?:; (?:expected|give|allowed:?) ?(?P<allowed>.*))?$",
    re.DOTALL,
)


@dataclass(frozen=True)
class Problem:
    field: str
    value: str | None
    allowed: str
    message: str

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def from_line(line: str) -> Problem:
    """Read a core problem line back into its parts (the whole line is kept as `message`)."""
    match = _LINE.match(line)
    if match is None:
        return Problem(field="", value=None, allowed="", message=line)
    field, rest = match["field"], match["rest"]
    if rest.startswith("not valid JSON"):
        return Problem(field, None, "a JSON document: " + rest, line)
    if rest.startswith("expected "):
        return Problem(field, None, rest.removeprefix("expected "), line)
    if rest.startswith("unknown field; "):
        return Problem(field, None, rest.removeprefix("unknown field; "), line)
    if rest.startswith("is required; expected "):
        return Problem(field, None, rest.removeprefix("is required; expected "), line)
    found = _NOT_ALLOWED.match(rest)
    if found is not None:
        value = found["value"].strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        return Problem(field, value, (found["allowed"] or "").strip(), line)
    return Problem(field, None, rest, line)


def from_lines(lines: Iterable[str]) -> list[Problem]:
    return [from_line(line) for line in lines]


def _shown(value: object) -> str:
    text = json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def from_pydantic(errors: Sequence[Mapping[str, Any]], *, skip: int = 0) -> list[Problem]:
    """Problems from pydantic/FastAPI error dicts; `skip` drops leading location parts
    (FastAPI's "body" or "query")."""
    out: list[Problem] = []
    for err in errors:
        loc = [str(p) for p in tuple(err.get("loc", ()))[skip:]]
        field = ".".join(loc) or str(next(iter(err.get("loc", ("input",))), "input"))
        kind = str(err.get("type", ""))
        msg = str(err.get("msg", "not allowed"))
        if kind == "missing":
            out.append(Problem(field, None, "a value", f"{field}: is required"))
            continue
        if kind == "extra_forbidden":
            out.append(Problem(field, None, "no such field", f"{field}: unknown field"))
            continue
        value = _shown(err.get("input")) if "input" in err else None
        allowed = msg.removeprefix("Value error, ")
        allowed = allowed[0].lower() + allowed[1:] if allowed else allowed
        allowed = allowed.removeprefix("input should be ")
        out.append(Problem(field, value, allowed, f"{field}: {value} is not allowed; {allowed}"))
    return out
