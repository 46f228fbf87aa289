"""A case as a FHIR QuestionnaireResponse, and a QuestionnaireResponse back into a case.

Answers sit in the same groups as the Questionnaire's questions; a question is present only when
its case field was reported (absent means unknown). A list field answered "none of these" (an
empty list) carries the `none-of-these` coding, so it stays distinct from an absent field.
Numbers are written as their shortest exact decimal, so reading them back gives the same float.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from pydantic import ValidationError

from backstride.contract.case import Case, flatten
from backstride.contract.fields import case_fields
from backstride.contract.validate import parse_case
from backstride.errors import CaseInputError
from backstride.fhir.codes import ANSWER_SYSTEM, NONE_OF_THESE, QUESTIONNAIRE_URL
from backstride.fhir.questionnaire import choice_labels, question_fields, value_system


def _answer(field: str, value: object) -> dict[str, Any]:
    spec = case_fields()[field]
    if spec.kind == "bool":
        return {"valueBoolean": value}
    if spec.kind == "integer":
        return {"valueInteger": value}
    if spec.kind == "number":
        assert isinstance(value, int | float)
        return {"valueDecimal": Decimal(repr(float(value)))}
    code = value.value if isinstance(value, StrEnum) else str(value)
    display = choice_labels(field).get(code, code)
    return {"valueCoding": {"system": value_system(field), "code": code, "display": display}}


def _answers(field: str, value: object) -> list[dict[str, Any]]:
    if isinstance(value, list):
        if not value:
            return [{"valueCoding": {"system": ANSWER_SYSTEM, "code": NONE_OF_THESE}}]
        return [_answer(field, v) for v in value]
    return [_answer(field, value)]


def response_dict(
    case: Case,
    *,
    subject: str | None = None,
    authored: datetime | None = None,
    identifier: str | None = None,
) -> dict[str, Any]:
    flat = flatten(case)
    groups: dict[str, list[dict[str, Any]]] = {}
    where = question_fields()
    for field in where:  # the Questionnaire's order
        if field in flat:
            item = {"linkId": field, "answer": _answers(field, flat[field])}
            groups.setdefault(where[field], []).append(item)
    order = list(dict.fromkeys(where.values()))
    data: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": QUESTIONNAIRE_URL,
        "status": "completed",
        "item": [{"linkId": g, "item": groups[g]} for g in order if g in groups],
    }
    if identifier:
        data["id"] = identifier
    if subject:
        data["subject"] = {"reference": subject}
    if authored is not None:
        data["authored"] = authored.isoformat()
    if not data["item"]:
        del data["item"]
    return data


def case_to_response(
    case: Case,
    *,
    subject: str | None = None,
    authored: datetime | None = None,
    identifier: str | None = None,
) -> QuestionnaireResponse:
    data = response_dict(case, subject=subject, authored=authored, identifier=identifier)
    return QuestionnaireResponse.model_validate(data)


# --- Import --------------------------------------------------------------------------------------


def parse_response(data: Mapping[str, Any] | str) -> QuestionnaireResponse:
    """Validate JSON (text or parsed) as an R4B QuestionnaireResponse, else `CaseInputError`."""
    try:
        raw = json.loads(data) if isinstance(data, str) else dict(data)
    except json.JSONDecodeError as exc:
        raise CaseInputError(f"response: not JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(raw, dict) or raw.get("resourceType") != "QuestionnaireResponse":
        kind = raw.get("resourceType") if isinstance(raw, dict) else type(raw).__name__
        raise CaseInputError(
            f"resourceType: {kind!r} is not allowed; expected 'QuestionnaireResponse'"
        )
    try:
        return QuestionnaireResponse.model_validate(raw)
    except ValidationError as exc:
        problems = [
            f"{'.'.join(str(p) for p in e['loc']) or 'response'}: {e['msg']}" for e in exc.errors()
        ]
        raise CaseInputError(problems[0], problems) from None


def _walk(items: list[Any] | None) -> Iterator[Any]:
    for item in items or []:
        yield item
        yield from _walk(item.item)
        for answer in item.answer or []:
            yield from _walk(answer.item)


def _value(field: str, answer: Any) -> object:
    spec = case_fields()[field]
    if spec.kind == "bool":
        return answer.valueBoolean
    if spec.kind == "integer":
        return answer.valueInteger
    if spec.kind == "number":
        value = answer.valueDecimal
        if value is None and answer.valueInteger is not None:
            value = answer.valueInteger
        return None if value is None else float(value)
    coding = answer.valueCoding
    if coding is None:
        return None
    if coding.system == ANSWER_SYSTEM and coding.code == NONE_OF_THESE:
        return NONE_OF_THESE
    if coding.system not in (None, value_system(field)):
        raise CaseInputError(
            f"{field}: code system {coding.system!r} is not allowed; "
            f"expected {value_system(field)!r}"
        )
    return coding.code


def response_to_case(response: QuestionnaireResponse) -> Case:
    """Read the answers back into a validated case (field errors name the linkId)."""
    fields = case_fields()
    groups = set(question_fields().values())
    data: dict[str, Any] = {}
    problems: list[str] = []
    for item in _walk(response.item):
        link = item.linkId
        if link in groups:
            continue
        spec = fields.get(link)
        if spec is None:
            problems.append(f"{link}: not a case field; linkIds must be case field paths")
            continue
        values = [_value(link, a) for a in item.answer or []]
        values = [v for v in values if v is not None]
        if not values:
            continue
        value: object
        if spec.kind == "list":
            chosen = [v for v in values if v != NONE_OF_THESE]
            if link == "pain.regions":
                value = [
                    dict(zip(("region", "side"), str(v).split(":", 1), strict=False))
                    for v in chosen
                ]
            else:
                value = chosen
        elif len(values) > 1:
            problems.append(f"{link}: {len(values)} answers given; expected one")
            continue
        else:
            value = values[0]
        section, _, name = link.rpartition(".")
        if section:
            data.setdefault(section, {})[name] = value
        else:
            data[name] = value
    if problems:
        raise CaseInputError(problems[0], problems)
    return parse_case(data)
