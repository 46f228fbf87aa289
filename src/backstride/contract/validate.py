"""Turn untrusted input into a `Case`, or into one clear line per problem.

Every message names the field, the value given and what is allowed, e.g.
`age: -3 is not allowed; expected a whole number from 10 to 100`.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from backstride.contract.case import Case
from backstride.contract.fields import case_fields
from backstride.errors import CaseInputError

_SECTION_KEYS = ("pain", "neuro", "general", "history", "running")


def _path(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts[-1] = f"{parts[-1]}[{item}]" if parts else f"[{item}]"
        else:
            parts.append(item)
    return ".".join(parts)


def _field_key(loc: tuple[int | str, ...]) -> str:
    """The catalogue key for a location: list indexes and region sub-fields dropped."""
    names = [p for p in loc if isinstance(p, str)]
    if len(names) >= 2 and names[0] in _SECTION_KEYS:
        return f"{names[0]}.{names[1]}"
    return names[0] if names else ""


def _allowed(loc: tuple[int | str, ...], error_type: str) -> str:
    names = [p for p in loc if isinstance(p, str)]
    if error_type == "extra_forbidden":
        if len(names) >= 2 and names[0] in _SECTION_KEYS and names[-1] not in ("region", "side"):
            section = names[0]
            known = [k.split(".", 1)[1] for k in case_fields() if k.startswith(section + ".")]
            return f"known fields in {section} are " + ", ".join(known)
        return (
            "known top-level fields are schema_version, age, sex, height_cm, weight_kg, "
            + ", ".join(_SECTION_KEYS)
        )
    if names[-2:-1] == ["regions"] or (len(names) >= 3 and names[1] == "regions"):
        from backstride.contract.case import Region, Side

        if names[-1] == "region":
            return "one of " + ", ".join(r.value for r in Region)
        if names[-1] == "side":
            return "one of " + ", ".join(s.value for s in Side)
        return "a list of {region, side} objects"
    if names and names[0] == "schema_version":
        return '"1"'
    if names and names[-1] in _SECTION_KEYS and len(names) == 1:
        return "an object"
    spec = case_fields().get(_field_key(loc))
    return spec.allowed() if spec else "a valid value"


def problems_of(exc: ValidationError) -> list[str]:
    lines = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        where = _path(loc) or "case"
        given = json.dumps(err.get("input"), default=str) if "input" in err else "nothing"
        if err["type"] == "extra_forbidden":
            lines.append(f"{where}: unknown field; {_allowed(loc, err['type'])}")
        elif err["type"] == "missing":
            lines.append(f"{where}: is required; expected {_allowed(loc, err['type'])}")
        else:
            if len(given) > 60:
                given = given[:57] + "..."
            lines.append(f"{where}: {given} is not allowed; expected {_allowed(loc, err['type'])}")
    return lines


def parse_case(data: Any) -> Case:
    """Validate a decoded JSON value as a case."""
    if not isinstance(data, dict):
        kind = type(data).__name__ if data is not None else "null"
        raise CaseInputError(f"case: expected a JSON object, got {kind}")
    try:
        return Case.model_validate(data)
    except ValidationError as exc:
        problems = problems_of(exc)
        raise CaseInputError(problems[0], problems) from None


def decode_json(text: str, source: str = "case") -> Any:
    """Decode a JSON text; a syntax error says where it broke."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"{source}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        raise CaseInputError(message) from None


def parse_case_json(text: str, source: str = "case") -> Case:
    """Decode and validate a JSON text as a case."""
    return parse_case(decode_json(text, source))
