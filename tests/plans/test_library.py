"""The exercise library: big enough, every group covered, every entry complete and drawn."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from importlib import resources
from typing import get_args

import pytest

from backstride.kb.loader import load_kb
from backstride.kb.schema import ExerciseCategory

KB = load_kb()
SVG = "{http://www.w3.org/2000/svg}"
SERIOUS = {
    "cauda_equina_syndrome",
    "abdominal_aortic_aneurysm",
    "aortic_dissection",
    "cardiac_referred_pain",
    "spinal_infection",
    "vertebral_fracture",
    "spinal_malignancy",
    "exertional_rhabdomyolysis",
}


def test_the_library_has_at_least_26_exercises_in_every_category() -> None:
    assert len(KB.exercises) >= 26
    used = {e.category for e in KB.exercises.values()}
    assert used == set(get_args(ExerciseCategory))


@pytest.mark.parametrize("exercise_id", sorted(KB.exercises))
def test_each_exercise_is_complete_and_cited(exercise_id: str) -> None:
    e = KB.exercises[exercise_id]
    assert e.target and e.dosage and e.cues and e.progression and e.regression
    assert e.category is not None and e.dose is not None
    assert e.sources and all(s in KB.sources for s in e.sources)
    assert set(e.not_with) >= SERIOUS, "serious conditions need care before any exercise"
    assert e.addresses, "a programme could never choose it"


@pytest.mark.parametrize("exercise_id", sorted(KB.exercises))
def test_each_exercise_has_an_accessible_svg_drawing(exercise_id: str) -> None:
    e = KB.exercises[exercise_id]
    assert e.illustration == f"{exercise_id}.svg"
    path = resources.files("backstride.kb") / "data" / "illustrations" / e.illustration
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img" and root.get("aria-labelledby")
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == e.name
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.text


def test_no_lumbar_extension_exercise_is_offered_with_suspected_spondylolysis() -> None:
    assert "spondylolysis" in KB.exercises["prone_press_up"].not_with
    for eid in ("hip_flexor_stretch", "thoracic_extension_roller"):
        assert "spondylolysis" in KB.exercises[eid].progression_not_with


def test_impact_and_single_leg_work_is_withheld_with_a_bone_stress_injury() -> None:
    for eid in ("step_up", "lateral_band_walk", "dynamic_warm_up", "running_drills"):
        assert {"sacral_stress_fracture", "hip_joint_pathology"} <= set(KB.exercises[eid].not_with)
