"""An assessment as a FHIR document Bundle.

Entries, linked by `urn:uuid:` full URLs:
- the Composition that makes it a document (first, as FHIR requires): title, date, the Patient
  as subject, backstride as author, and three sections pointing at the entries below (the
  triage, what was reported, the possible conditions);
- the Device that wrote it (backstride and the knowledge-base version);
- a minimal Patient (gender only, when reported; no name or identifiers leave the machine);
- the case as a QuestionnaireResponse against the interview Questionnaire;
- Observations: pain now (LOINC 72514-3) and worst pain from the case, and each instrument total
  given (STarT Back with its psychosocial subscale, Oswestry %, Roland-Morris, pain 0-10);
- a RiskAssessment for the triage: the level as qualitative risk, the action as the outcome, the
  reasons as rationale, red flags in the note, and the leading conditions as further predictions;
- provisional Conditions: the presenting complaint and the leading conditions, coded with
  SNOMED CT where `codes` has a code we are sure of, otherwise as text.

Identifiers are deterministic (uuid5 from the case and the time), so exporting the same
assessment twice gives the same Bundle.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from fhir.resources.R4B.bundle import Bundle

from backstride import __version__
from backstride.contract.case import Case, Region
from backstride.contract.result import Result
from backstride.fhir.codes import (
    BACKACHE,
    CONDITION_CATEGORY,
    CONDITION_CLINICAL,
    CONDITION_SNOMED,
    CONDITION_SYSTEM,
    CONDITION_VERIFICATION,
    DOCUMENT_SYSTEM,
    INSTRUMENT_SYSTEM,
    LOINC,
    LOINC_PAIN_SEVERITY,
    LOW_BACK_PAIN,
    OBSERVATION_CATEGORY,
    OBSERVATION_SYSTEM,
    QUESTIONNAIRE_URL,
    SNOMED,
    TRIAGE_SYSTEM,
    UCUM,
    UNIT_PERCENT,
    UNIT_SCORE,
)
from backstride.fhir.response import response_dict
from backstride.instruments import Score
from backstride.instruments.common import NAMES, NPRS, OSWESTRY, STARTBACK

# How many of the ranked conditions become Condition resources and predictions.
CONDITIONS_EXPORTED = 3
_NAMESPACE = uuid.UUID("6f1c3f2e-8a53-4c44-9a55-2b0c5d1e7a10")
_UPPER_BACK = {Region.upper_back, Region.between_shoulder_blades}
LEVEL_DISPLAY = {
    "self_care": "Self-care",
    "consultation": "See a doctor or physiotherapist in the coming days or weeks",
    "consultation_24": "See a doctor within 24 hours",
    "emergency": "Go to an emergency department now",
    "emergency_ambulance": "Call an ambulance",
}

DatedScore = tuple[date, Score]


class _Ids:
    def __init__(self, seed: str) -> None:
        self.seed = seed

    def __call__(self, key: str) -> str:
        return str(uuid.uuid5(_NAMESPACE, f"{self.seed}/{key}"))


def _decimal(value: float) -> Decimal:
    return Decimal(repr(float(value)))


def _coding(system: str, code: str, display: str | None = None) -> dict[str, str]:
    out = {"system": system, "code": code}
    if display:
        out["display"] = display
    return out


def _condition_concept(condition_id: str, name: str) -> dict[str, Any]:
    codings = [_coding(CONDITION_SYSTEM, condition_id, name)]
    if condition_id in CONDITION_SNOMED:
        code, display = CONDITION_SNOMED[condition_id]
        codings.insert(0, _coding(SNOMED, code, display))
    return {"coding": codings, "text": name}


def _quantity(value: float, unit: str) -> dict[str, Any]:
    return {"value": _decimal(value), "unit": unit, "system": UCUM, "code": unit}


def _survey() -> list[dict[str, Any]]:
    return [{"coding": [_coding(OBSERVATION_CATEGORY, "survey", "Survey")]}]


def _pain_observations(case: Case, subject: str, when: str, qr: str) -> list[dict[str, Any]]:
    out = []
    now, worst = case.pain.intensity_now, case.pain.intensity_worst
    if now is not None:
        code, display = LOINC_PAIN_SEVERITY
        out.append(
            {
                "resourceType": "Observation",
                "status": "final",
                "category": _survey(),
                "code": {"coding": [_coding(LOINC, code, display)], "text": "Pain now (0-10)"},
                "subject": {"reference": subject},
                "effectiveDateTime": when,
                "valueQuantity": _quantity(now, UNIT_SCORE),
                "derivedFrom": [{"reference": qr}],
            }
        )
    if worst is not None:
        out.append(
            {
                "resourceType": "Observation",
                "status": "final",
                "category": _survey(),
                "code": {
                    "coding": [_coding(OBSERVATION_SYSTEM, "pain-worst", "Worst pain (0-10)")],
                    "text": "Worst pain (0-10), as reported in the case",
                },
                "subject": {"reference": subject},
                "effectiveDateTime": when,
                "valueQuantity": _quantity(worst, UNIT_SCORE),
                "derivedFrom": [{"reference": qr}],
            }
        )
    return out


def instrument_observation(taken_on: date, score: Score, subject: str) -> dict[str, Any]:
    codings = [_coding(INSTRUMENT_SYSTEM, score.instrument, NAMES[score.instrument])]
    if score.instrument == NPRS:
        code, display = LOINC_PAIN_SEVERITY
        codings.insert(0, _coding(LOINC, code, display))
    unit = UNIT_PERCENT if score.instrument == OSWESTRY else UNIT_SCORE
    obs: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "category": _survey(),
        "code": {"coding": codings, "text": f"{NAMES[score.instrument]} total"},
        "subject": {"reference": subject},
        "effectiveDateTime": taken_on.isoformat(),
        "valueQuantity": _quantity(score.total, unit),
    }
    if score.band:
        obs["interpretation"] = [{"text": score.band}]
    if score.instrument == STARTBACK:
        obs["component"] = [
            {
                "code": {
                    "coding": [_coding(INSTRUMENT_SYSTEM, "startback-psychosocial")],
                    "text": "STarT Back psychosocial subscale (items 5-9)",
                },
                "valueQuantity": _quantity(score.detail["psychosocial"], UNIT_SCORE),
            }
        ]
    return obs


def _risk_assessment(
    result: Result, subject: str, when: str, basis: list[str], conditions: list[str]
) -> dict[str, Any]:
    level = result.triage.level.value
    predictions: list[dict[str, Any]] = [
        {
            "outcome": {
                "coding": [_coding(TRIAGE_SYSTEM, level, LEVEL_DISPLAY[level])],
                "text": result.triage.action,
            },
            "qualitativeRisk": {
                "coding": [_coding(TRIAGE_SYSTEM, level, LEVEL_DISPLAY[level])],
                "text": f"{level} (risk {result.triage.risk})",
            },
            "rationale": " ".join(result.triage.reasons) or None,
        }
    ]
    for hit in result.conditions[:CONDITIONS_EXPORTED]:
        predictions.append(
            {
                "outcome": _condition_concept(hit.id, hit.name),
                "probabilityDecimal": _decimal(hit.score),
                "rationale": ("For: " + ", ".join(hit.supporting)) if hit.supporting else None,
            }
        )
    notes = [
        {"text": f"Red flag: {f.label} ({f.level.value}); findings: {', '.join(f.findings)}"}
        for f in result.red_flags
    ]
    ruled_out = [s.label for s in result.red_flags_screened if s.status == "ruled_out"]
    if ruled_out:
        notes.append({"text": "Red flags screened and ruled out: " + "; ".join(ruled_out)})
    notes.append({"text": result.disclaimer})
    return {
        "resourceType": "RiskAssessment",
        "status": "final",
        "subject": {"reference": subject},
        "occurrenceDateTime": when,
        "method": {"text": f"backstride triage engine, knowledge base {result.kb_version}"},
        "basis": [{"reference": b} for b in basis + conditions],
        "prediction": [{k: v for k, v in p.items() if v is not None} for p in predictions],
        "note": notes,
    }


def _complaint(case: Case) -> tuple[str, str] | None:
    regions = {r.region for r in case.pain.regions or []}
    if Region.lower_back in regions:
        return LOW_BACK_PAIN
    if regions & _UPPER_BACK:
        return BACKACHE
    return None


def _condition(
    concept: dict[str, Any], subject: str, when: str, evidence: list[str]
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "resourceType": "Condition",
        "clinicalStatus": {"coding": [_coding(CONDITION_CLINICAL, "active")]},
        "verificationStatus": {"coding": [_coding(CONDITION_VERIFICATION, "provisional")]},
        "category": [{"coding": [_coding(CONDITION_CATEGORY, "encounter-diagnosis")]}],
        "code": concept,
        "subject": {"reference": subject},
        "recordedDate": when,
    }
    if evidence:
        data["evidence"] = [{"code": [{"text": e}]} for e in evidence]
    return data


def _device(result: Result) -> dict[str, Any]:
    return {
        "resourceType": "Device",
        "deviceName": [{"name": "backstride", "type": "user-friendly-name"}],
        "version": [
            {"type": {"text": "software"}, "value": __version__},
            {"type": {"text": "knowledge base"}, "value": result.kb_version},
        ],
    }


def _section(title: str, code: str, entries: list[str]) -> dict[str, Any]:
    return {
        "title": title,
        "code": {"coding": [_coding(DOCUMENT_SYSTEM, code)], "text": title},
        "entry": [{"reference": e} for e in entries],
    }


def _composition(
    result: Result, patient: str, device: str, when: str, sections: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "resourceType": "Composition",
        "status": "final",
        "type": {
            "coding": [_coding(DOCUMENT_SYSTEM, "back-pain-assessment")],
            "text": "Back pain assessment",
        },
        "subject": {"reference": patient},
        "date": when,
        "author": [{"reference": device}],
        "title": f"Back pain assessment: {LEVEL_DISPLAY[result.triage.level.value].lower()}",
        "section": [s for s in sections if s["entry"]],
    }


def assessment_bundle(
    case: Case,
    result: Result,
    *,
    scores: Sequence[DatedScore] = (),
    when: datetime | None = None,
) -> Bundle:
    """The assessment and the instrument scores given, as a document Bundle."""
    moment = (when or datetime(2000, 1, 1, tzinfo=UTC)).astimezone(UTC)
    stamp = moment.isoformat()
    ids = _Ids(json.dumps(case.model_dump(mode="json"), sort_keys=True) + stamp)
    patient = f"urn:uuid:{ids('patient')}"
    qr = f"urn:uuid:{ids('response')}"
    entries: list[tuple[str, dict[str, Any]]] = []
    person: dict[str, Any] = {"resourceType": "Patient"}
    if case.sex is not None:
        person["gender"] = case.sex
    entries.append((patient, person))
    response = response_dict(case, subject=patient, authored=moment)
    response["questionnaire"] = QUESTIONNAIRE_URL
    entries.append((qr, response))
    observations = _pain_observations(case, patient, stamp, qr)
    for taken_on, score in sorted(scores, key=lambda s: s[0]):
        observations.append(instrument_observation(taken_on, score, patient))
    obs_urls = []
    for i, obs in enumerate(observations):
        url = f"urn:uuid:{ids(f'observation-{i}')}"
        obs_urls.append(url)
        entries.append((url, obs))
    condition_urls: list[str] = []
    complaint = _complaint(case)
    if complaint is not None:
        code, display = complaint
        concept = {"coding": [_coding(SNOMED, code, display)], "text": display}
        url = f"urn:uuid:{ids('complaint')}"
        condition_urls.append(url)
        entries.append((url, _condition(concept, patient, stamp, [])))
    for hit in result.conditions[:CONDITIONS_EXPORTED]:
        url = f"urn:uuid:{ids(f'condition-{hit.id}')}"
        condition_urls.append(url)
        concept = _condition_concept(hit.id, hit.name)
        entries.append((url, _condition(concept, patient, stamp, hit.supporting)))
    risk_url = f"urn:uuid:{ids('risk')}"
    entries.append(
        (risk_url, _risk_assessment(result, patient, stamp, [qr, *obs_urls], condition_urls))
    )
    device = f"urn:uuid:{ids('device')}"
    sections = [
        _section("Triage", "triage", [risk_url]),
        _section("What was reported", "reported", [qr, *obs_urls]),
        _section("Possible conditions", "conditions", condition_urls),
    ]
    document = _composition(result, patient, device, stamp, sections)
    entries[:0] = [(f"urn:uuid:{ids('composition')}", document), (device, _device(result))]
    bundle = {
        "resourceType": "Bundle",
        "type": "document",
        "timestamp": stamp,
        "identifier": {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{ids('bundle')}"},
        "entry": [{"fullUrl": url, "resource": res} for url, res in entries],
    }
    return Bundle.model_validate(bundle)


def bundle_json(bundle: Bundle) -> str:
    return bundle.model_dump_json(exclude_none=True, indent=2)
