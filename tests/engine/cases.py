"""Shared helpers for engine tests: vignette files and a hypothesis strategy for valid cases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from backstride.contract.fields import FieldSpec, case_fields

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
VIGNETTE_FILES = [
    SHARED / "vignettes" / "public.json",
    ROOT / "tests" / "vignettes" / "independent.yaml",
    ROOT / "tests" / "vignettes" / "conditions.yaml",
]


def load_vignettes() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in VIGNETTE_FILES:
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        items = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
        for item in items:
            item = dict(item)
            item["file"] = path.name
            out.append(item)
    return out


def nest(flat: dict[str, Any]) -> dict[str, Any]:
    """`{"pain.constant": True}` -> `{"pain": {"constant": True}}`."""
    case: dict[str, Any] = {}
    for key, value in flat.items():
        if "." in key:
            section, name = key.split(".", 1)
            case.setdefault(section, {})[name] = value
        else:
            case[key] = value
    return case


def value_strategy(spec: FieldSpec) -> st.SearchStrategy[Any]:
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "integer":
        return st.integers(int(spec.minimum or 0), int(spec.maximum or 1000))
    if spec.kind == "number":
        return st.floats(spec.minimum or 0, spec.maximum or 1000, allow_nan=False)
    if spec.kind == "choice":
        return st.sampled_from(spec.choices)
    if spec.path == "pain.regions":
        regions = [c for c in spec.choices if ":" in c]
        return st.lists(st.sampled_from(regions), max_size=4, unique=True).map(
            lambda items: [dict(zip(("region", "side"), r.split(":"), strict=True)) for r in items]
        )
    return st.lists(st.sampled_from(spec.choices), max_size=4, unique=True)


@st.composite
def cases(draw: st.DrawFn, max_fields: int = 25) -> dict[str, Any]:
    """Any valid case: a random subset of fields with random allowed values."""
    specs = case_fields()
    names = draw(st.lists(st.sampled_from(sorted(specs)), max_size=max_fields, unique=True))
    return nest({name: draw(value_strategy(specs[name])) for name in names})


def regions(*names: str) -> list[dict[str, str]]:
    """The contract's pain.regions from "region:side" names."""
    return [dict(zip(("region", "side"), n.split(":"), strict=True)) for n in names]


# Every red-flag question of the general and nerve sections answered no: cases answered in
# full say yes only to what their story has.
ALL_NO_GENERAL = dict.fromkeys(
    [
        "chest_pain",
        "chills",
        "dark_urine",
        "fainting_or_dizziness",
        "family_history_spondyloarthritis",
        "feeling_very_unwell",
        "fever",
        "headache",
        "high_blood_pressure",
        "history_of_cancer",
        "hot_day_low_fluids",
        "immunosuppressed",
        "iv_drug_use",
        "known_aortic_aneurysm",
        "long_term_steroids",
        "menstrual_irregularity",
        "night_sweats",
        "osteoporosis",
        "pain_with_exertion_not_movement",
        "psoriasis_ibd_or_uveitis",
        "pulsatile_abdominal_mass",
        "recent_infection_or_spinal_procedure",
        "restricted_eating",
        "shortness_of_breath",
        "smoker",
        "sweating_or_nausea",
        "unexplained_weight_loss",
        "urinary_symptoms",
    ],
    False,
)
ALL_NO_NEURO = {
    "weakness_progressing": False,
    "foot_drop": False,
    "saddle_numbness": False,
    "urinary_retention": False,
    "urinary_incontinence": False,
    "bowel_incontinence": False,
    "new_sexual_dysfunction": False,
    "unsteady_walking": False,
    "leg_pain_walking_eased_by_sitting": False,
    "leg_pain_walking_eased_by_standing_still": False,
    "leg_numbness": "none",
    "leg_tingling": "none",
    "leg_weakness": "none",
}


def answered_in_full(case: dict[str, Any], yes: dict[str, Any]) -> dict[str, Any]:
    return {**case, "general": {**ALL_NO_GENERAL, **yes}, "neuro": ALL_NO_NEURO}
