"""The guided interview (`backstride.interview`) as a FHIR Questionnaire.

One group per interview step; one question per case field, whose linkId is the field path
(`neuro.saddle_numbness`). Choices are Codings in a per-field code system
(`urn:backstride:fhir:CodeSystem:case:<field>`), so a value means one thing. Case fields that the
interview does not ask are listed in a last group, so that every case can be written as a
response. The interview's branching rules are kept as an `ask-if` extension (its rule language
does not map onto enableWhen); red-flag questions carry a `red-flag` extension.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from fhir.resources.R4B.questionnaire import Questionnaire

from backstride.contract.fields import FieldSpec, case_fields
from backstride.fhir.codes import (
    ANSWER_SYSTEM,
    ASK_IF_EXTENSION,
    CASE_VALUE_PREFIX,
    NONE_OF_THESE,
    QUESTIONNAIRE_URL,
    RED_FLAG_EXTENSION,
)
from backstride.interview import BODY_MAP, SIDE_LABELS, Question, steps

OTHER_GROUP = "other"
QUESTIONNAIRE_VERSION = "1"
NONE_CODING: dict[str, str] = {
    "system": ANSWER_SYSTEM,
    "code": NONE_OF_THESE,
    "display": "None of these",
}


def value_system(field: str) -> str:
    return CASE_VALUE_PREFIX + field


def item_type(spec: FieldSpec) -> str:
    if spec.kind == "bool":
        return "boolean"
    if spec.kind == "integer":
        return "integer"
    if spec.kind == "number":
        return "decimal"
    return "choice"


def _region_labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    for area in BODY_MAP:
        for side in area.sides:
            labels[f"{area.region}:{side}"] = f"{area.label} ({SIDE_LABELS[side]})"
    return labels


def choice_labels(field: str) -> dict[str, str]:
    """Every allowed value of a choice or list field with the words shown for it."""
    spec = case_fields()[field]
    if field == "pain.regions":
        known = _region_labels()
        return {c: known.get(c, c) for c in spec.choices if ":" in c}
    labels = {c: c.replace("_", " ") for c in spec.choices}
    for step in steps():
        for q in step.questions:
            if q.id == field:
                labels.update({c.value: c.label for c in q.choices})
    return labels


def _options(field: str, spec: FieldSpec) -> list[dict[str, Any]]:
    system = value_system(field)
    options = [
        {"valueCoding": {"system": system, "code": code, "display": label}}
        for code, label in choice_labels(field).items()
    ]
    if spec.kind == "list":
        options.append({"valueCoding": NONE_CODING})
    return options


def _item(field: str, text: str, q: Question | None) -> dict[str, Any]:
    spec = case_fields()[field]
    item: dict[str, Any] = {"linkId": field, "text": text, "type": item_type(spec)}
    if spec.kind in ("choice", "list"):
        item["answerOption"] = _options(field, spec)
    if spec.kind == "list":
        item["repeats"] = True
    extensions: list[dict[str, Any]] = []
    if q is not None and q.ask_if:
        extensions.append({"url": ASK_IF_EXTENSION, "valueString": q.ask_if})
    if q is not None and q.red_flag:
        extensions.append({"url": RED_FLAG_EXTENSION, "valueBoolean": True})
    if extensions:
        item["extension"] = extensions
    return item


@cache
def questionnaire_dict() -> dict[str, Any]:
    groups: list[dict[str, Any]] = []
    asked: set[str] = set()
    for step in steps():
        group: dict[str, Any] = {
            "linkId": step.id,
            "text": step.title,
            "type": "group",
            "item": [_item(q.id, q.prompt, q) for q in step.questions],
        }
        if step.ask_if:
            group["extension"] = [{"url": ASK_IF_EXTENSION, "valueString": step.ask_if}]
        groups.append(group)
        asked.update(q.id for q in step.questions)
    rest = [f for f in case_fields() if f not in asked]
    if rest:
        groups.append(
            {
                "linkId": OTHER_GROUP,
                "text": "Other case fields (not asked in the guided interview)",
                "type": "group",
                "item": [_item(f, f.replace(".", ": ").replace("_", " "), None) for f in rest],
            }
        )
    return {
        "resourceType": "Questionnaire",
        "url": QUESTIONNAIRE_URL,
        "version": QUESTIONNAIRE_VERSION,
        "name": "BackstrideInterview",
        "title": "backstride: runner back-pain interview",
        "status": "active",
        "subjectType": ["Patient"],
        "description": (
            "The questions of backstride's guided interview. Each question's linkId is the "
            "assessment-contract field it fills; absent answers mean not reported."
        ),
        "item": groups,
    }


def build_questionnaire() -> Questionnaire:
    return Questionnaire.model_validate(questionnaire_dict())


def question_fields() -> dict[str, str]:
    """linkId -> group linkId for every question in the Questionnaire."""
    out: dict[str, str] = {}
    for group in questionnaire_dict()["item"]:
        for item in group["item"]:
            out[item["linkId"]] = group["linkId"]
    return out
