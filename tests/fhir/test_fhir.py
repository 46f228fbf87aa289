"""FHIR R4B export and import: every resource parses back, and a response round-trips a case."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire, QuestionnaireItem
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from fhir.resources.R4B.resource import Resource
from hypothesis import HealthCheck, given, settings

from backstride.contract.case import Case
from backstride.contract.fields import case_fields
from backstride.contract.validate import parse_case
from backstride.engine.assess import assess
from backstride.errors import CaseInputError
from backstride.fhir.bundle import assessment_bundle, bundle_json
from backstride.fhir.codes import CONDITION_SNOMED, SNOMED
from backstride.fhir.questionnaire import build_questionnaire
from backstride.fhir.response import case_to_response, parse_response, response_to_case
from backstride.instruments import parse_items
from backstride.interview import steps
from tests.engine.cases import cases, load_vignettes

# The public vignettes (in ../shared); a clone without shared/ beside it uses the project's own.
PUBLIC = [v for v in load_vignettes() if v["file"] == "public.json"] or load_vignettes()
WHEN = datetime(2024, 6, 1, 9, 30, tzinfo=UTC)


def _round_trip(case: Case) -> Case:
    text = case_to_response(case, authored=WHEN).model_dump_json(exclude_none=True)
    return response_to_case(parse_response(text))


def _reparse(resource: Any) -> Any:
    data = json.loads(resource.model_dump_json(exclude_none=True))
    return get_fhir_model_class(data["resourceType"]).model_validate(data)


def _items(node: Questionnaire | QuestionnaireItem) -> list[QuestionnaireItem]:
    assert node.item is not None
    return node.item


def _link_id(item: QuestionnaireItem) -> str:
    assert item.linkId is not None
    return item.linkId


def _option_codes(item: QuestionnaireItem) -> list[str | None]:
    assert item.answerOption is not None
    codings = [o.valueCoding for o in item.answerOption]
    assert all(c is not None for c in codings)
    return [c.code for c in codings if c is not None]


def _resources(bundle: Bundle) -> list[Resource]:
    assert bundle.entry is not None
    resources = [e.resource for e in bundle.entry]
    assert all(r is not None for r in resources)
    return [r for r in resources if r is not None]


def test_the_questionnaire_has_one_question_per_case_field_with_field_paths_as_link_ids() -> None:
    q = _reparse(build_questionnaire())
    assert isinstance(q, Questionnaire)
    links = [_link_id(item) for group in _items(q) for item in _items(group)]
    assert sorted(links) == sorted(case_fields())
    assert [g.linkId for g in _items(q)][: len(steps())] == [s.id for s in steps()]
    saddle = next(i for g in _items(q) for i in _items(g) if i.linkId == "neuro.saddle_numbness")
    assert saddle.type == "boolean"
    sex = next(i for g in _items(q) for i in _items(g) if i.linkId == "sex")
    assert _option_codes(sex) == ["female", "male", "other"]


@pytest.mark.parametrize("vignette", PUBLIC, ids=[v["id"] for v in PUBLIC])
def test_a_public_vignette_case_survives_export_and_import(vignette: dict[str, Any]) -> None:
    case = parse_case(vignette["case"])
    assert _round_trip(case) == case


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(max_fields=40))
def test_any_valid_case_survives_export_and_import(data: dict[str, Any]) -> None:
    case = parse_case(data)
    assert _round_trip(case) == case


def test_an_empty_list_stays_distinct_from_an_absent_field() -> None:
    case = parse_case({"pain": {"character": []}, "running": {"surface": ["trail"]}})
    back = _round_trip(case)
    assert back.pain.character == [] and back.pain.when is None


def test_every_bundle_resource_parses_back_through_the_models() -> None:
    scores = [
        (date(2024, 5, 1), parse_items("startback", "1,1,0,0,1,1,1,0,4")),
        (date(2024, 5, 1), parse_items("oswestry", "2,2,2,2,2,2,2,-,1,1")),
        (date(2024, 5, 2), parse_items("rmdq", "ticked:1,4,9")),
        (date(2024, 5, 2), parse_items("pain", "6")),
    ]
    for vignette in PUBLIC:
        case = parse_case(vignette["case"])
        bundle = assessment_bundle(case, assess(case), scores=scores, when=WHEN)
        again = Bundle.model_validate_json(bundle_json(bundle))
        kinds = [r.__resource_type__ for r in _resources(again)]
        assert kinds[:4] == ["Composition", "Device", "Patient", "QuestionnaireResponse"]
        assert kinds[-1] == "RiskAssessment"
        assert kinds.count("Observation") >= 4
        for resource in _resources(again):
            _reparse(resource)


def test_the_bundle_is_a_document_whose_composition_points_at_every_clinical_entry() -> None:
    """FHIR documents: type document, an identifier and a timestamp, the Composition first;
    its sections reference the risk assessment, the response, the observations and the
    conditions, and its subject and author are entries of the Bundle."""
    case = parse_case(PUBLIC[0]["case"])
    data = json.loads(bundle_json(assessment_bundle(case, assess(case), when=WHEN)))
    assert data["type"] == "document" and data["identifier"]["value"] and data["timestamp"]
    urls = {e["fullUrl"]: e["resource"]["resourceType"] for e in data["entry"]}
    composition = data["entry"][0]["resource"]
    assert composition["resourceType"] == "Composition" and composition["status"] == "final"
    assert urls[composition["subject"]["reference"]] == "Patient"
    assert urls[composition["author"][0]["reference"]] == "Device"
    referenced = {ref["reference"] for s in composition["section"] for ref in s["entry"]}
    clinical = {u for u, kind in urls.items() if kind not in ("Composition", "Device", "Patient")}
    assert referenced == clinical
    assert composition["section"][0]["title"] == "Triage"


def test_the_bundle_response_is_the_case_and_the_export_is_deterministic() -> None:
    case = parse_case(PUBLIC[0]["case"])
    result = assess(case)
    first = bundle_json(assessment_bundle(case, result, when=WHEN))
    assert first == bundle_json(assessment_bundle(case, result, when=WHEN))
    bundle = Bundle.model_validate_json(first)
    response = next(r for r in _resources(bundle) if r.__resource_type__ == "QuestionnaireResponse")
    assert isinstance(response, QuestionnaireResponse)
    assert response_to_case(response) == case


def test_cauda_equina_is_coded_with_snomed_and_triage_is_the_qualitative_risk() -> None:
    case = parse_case(
        {
            "age": 40,
            "pain": {"regions": [{"region": "lower_back", "side": "central"}]},
            "neuro": {"saddle_numbness": True, "urinary_retention": True},
        }
    )
    result = assess(case)
    bundle = Bundle.model_validate_json(bundle_json(assessment_bundle(case, result, when=WHEN)))
    data = json.loads(bundle_json(bundle))
    codes = {
        c["code"]
        for e in data["entry"]
        if e["resource"]["resourceType"] == "Condition"
        for c in e["resource"]["code"]["coding"]
        if c["system"] == SNOMED
    }
    assert CONDITION_SNOMED["cauda_equina_syndrome"][0] in codes
    assert "279039007" in codes  # the presenting complaint, low back pain
    risk = data["entry"][-1]["resource"]
    assert risk["prediction"][0]["qualitativeRisk"]["coding"][0]["code"] == result.triage.level
    assert any("Red flag" in n["text"] for n in risk["note"])


def test_import_refuses_other_resources_unknown_link_ids_and_bad_values() -> None:
    with pytest.raises(CaseInputError, match="resourceType: 'Patient' is not allowed"):
        parse_response({"resourceType": "Patient"})
    with pytest.raises(CaseInputError, match="not JSON"):
        parse_response("{")
    unknown = {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "item": [{"linkId": "pain.colour", "answer": [{"valueString": "blue"}]}],
    }
    with pytest.raises(CaseInputError, match=r"pain\.colour: not a case field"):
        response_to_case(parse_response(unknown))
    too_old = {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "item": [{"linkId": "age", "answer": [{"valueInteger": 140}]}],
    }
    with pytest.raises(CaseInputError, match="age: 140 is not allowed"):
        response_to_case(parse_response(too_old))
