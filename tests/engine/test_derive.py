"""The derived values' declared sources: the questions that could matter are found through them
(and the red-flag witnesses are searched over them), so a derived value must declare every
answer it reads."""

from __future__ import annotations

import json
import random
from typing import Any

from backstride.contract.case import Case
from backstride.contract.fields import DERIVED_FIELDS
from backstride.engine.derive import case_facts
from backstride.engine.questions import DERIVED_SOURCES
from tests.engine.cases import ROOT, load_vignettes

SAMPLE = 400


def _derived(case: dict[str, Any]) -> dict[str, object]:
    facts = case_facts(Case.model_validate(case))
    return {name: facts.get(name) for name in DERIVED_FIELDS}


def _answers(case: dict[str, Any]) -> list[str]:
    """The dotted names of the answered fields (a section's own fields, not the section)."""
    names: list[str] = []
    for key, value in case.items():
        if isinstance(value, dict):
            names += [f"{key}.{field}" for field in value]
        else:
            names.append(key)
    return names


def _without(case: dict[str, Any], name: str) -> dict[str, Any]:
    smaller: dict[str, Any] = json.loads(json.dumps(case))
    section, _, field = name.rpartition(".")
    del (smaller[section] if section else smaller)[field]
    return smaller


def _sample_cases() -> list[dict[str, Any]]:
    cases = [v["case"] for v in load_vignettes()]
    for path in sorted((ROOT / "tests" / "vignettes").glob("heldout*.json")):
        cases += [v["case"] for v in json.loads(path.read_text(encoding="utf-8"))]
    return random.Random(7).sample(cases, min(SAMPLE, len(cases)))


def test_every_derived_value_declares_its_sources() -> None:
    assert set(DERIVED_SOURCES) == set(DERIVED_FIELDS)


def test_a_derived_value_changes_only_with_the_answers_it_declares() -> None:
    """Leaving one answer out of a real case may change only the derived values that list it."""
    undeclared: set[tuple[str, str]] = set()
    for case in _sample_cases():
        before = _derived(case)
        for answer in _answers(case):
            after = _derived(_without(case, answer))
            undeclared |= {
                (name, answer)
                for name in DERIVED_FIELDS
                if after[name] != before[name] and answer not in DERIVED_SOURCES[name]
            }
    assert not undeclared, sorted(undeclared)


def _fact(case: dict[str, Any], name: str) -> object:
    return case_facts(Case.model_validate(case)).get(name)


def test_only_a_sudden_start_on_a_run_is_a_pulled_muscle() -> None:
    on_a_run = {"onset": "sudden", "onset_trigger": "during_run"}
    assert _fact({"pain": on_a_run}, "derived.pulled_on_a_run") == "yes"
    after = {"onset": "gradual", "onset_trigger": "after_run"}
    assert _fact({"pain": after}, "derived.pulled_on_a_run") == "no"


def test_a_young_chest_wall_needs_age_a_cause_and_no_warning() -> None:
    chest = {"regions": [{"region": "chest", "side": "left"}], "tender_spot": True}
    assert _fact({"age": 25, "pain": chest}, "derived.young_chest_wall") == "yes"
    assert _fact({"age": 45, "pain": chest}, "derived.young_chest_wall") == "no"
    assert _fact({"pain": chest}, "derived.young_chest_wall") == "no"
    breathless = {"age": 25, "pain": chest, "general": {"shortness_of_breath": True}}
    assert _fact(breathless, "derived.young_chest_wall") == "no"
    severe = {"age": 25, "pain": {**chest, "intensity_worst": 8}}
    assert _fact(severe, "derived.young_chest_wall") == "no"


def test_sweating_does_not_spoil_a_young_mild_strain_but_chest_pain_does() -> None:
    strain = {"intensity_now": 2, "worse_with": ["twisting"]}
    sweaty = {"age": 24, "pain": strain, "general": {"sweating_or_nausea": True}}
    assert _fact(sweaty, "derived.young_mild_strain") == "yes"
    chest = {"age": 24, "pain": strain, "general": {"chest_pain": True}}
    assert _fact(chest, "derived.young_mild_strain") == "no"
    moderate = {"age": 24, "pain": {**strain, "intensity_now": 5}}
    assert _fact(moderate, "derived.young_mild_strain") == "no"


def test_young_effort_is_denied_only_by_a_no_answer_and_no_warning() -> None:
    ache = {"regions": [{"region": "upper_back", "side": "right"}], "worse_with": ["exertion"]}
    no_effort = {"pain_with_exertion_not_movement": False}
    denied = {"age": 20, "pain": ache, "general": no_effort}
    assert _fact(denied, "derived.young_effort_denied") == "yes"
    assert _fact({**denied, "age": 45}, "derived.young_effort_denied") == "no"
    assert _fact({"age": 20, "pain": ache}, "derived.young_effort_denied") == "no"
    sweaty = {**denied, "general": {**no_effort, "sweating_or_nausea": True}}
    assert _fact(sweaty, "derived.young_effort_denied") == "no"


def test_shooting_calves_are_the_muscles_only_with_the_nerves_cleared_and_no_back_pain() -> None:
    legs = [{"region": "below_knee", "side": "both"}]
    calves = {"regions": legs, "character": ["cramping", "shooting"], "muscle_spasm": True}
    cleared = {"leg_numbness": "none", "leg_tingling": "none", "leg_weakness": "none"}
    assert _fact({"pain": calves, "neuro": cleared}, "derived.both_legs") == "muscular"
    assert _fact({"pain": calves}, "derived.both_legs") == "possibly_nerve"
    back = {**calves, "regions": [*legs, {"region": "lower_back", "side": "central"}]}
    assert _fact({"pain": back, "neuro": cleared}, "derived.both_legs") == "possibly_nerve"


def test_burning_shins_only_on_runs_are_the_legs_own() -> None:
    shins = {
        "regions": [{"region": "below_knee", "side": "both"}],
        "character": ["burning", "aching"],
        "when": ["during_run"],
    }
    assert _fact({"pain": shins}, "derived.both_legs") == "muscular"
    always = {**shins, "when": ["during_run", "at_rest"]}
    assert _fact({"pain": always}, "derived.both_legs") == "possibly_nerve"


def test_a_walking_pattern_is_a_narrowed_canal_only_from_50_or_when_diagnosed() -> None:
    walking = {"neuro": {"leg_pain_walking_eased_by_sitting": True}}
    assert _fact({"age": 62, **walking}, "derived.claudication") == "yes"
    assert _fact({"age": 35, **walking}, "derived.claudication") == "no"
    diagnosed = {"age": 35, "history": {"diagnosed": ["spinal_stenosis"]}}
    assert _fact(diagnosed, "derived.claudication") == "yes"


def test_both_calves_sore_after_a_run_and_easing_are_the_muscles() -> None:
    calves = {"regions": [{"region": "below_knee", "side": "both"}], "onset_trigger": "after_run"}
    easing = {"pain": calves, "history": {"trend": "better"}}
    assert _fact(easing, "derived.both_legs") == "muscular"
    assert _fact({"pain": calves}, "derived.both_legs") == "possibly_nerve"
    back = {**calves, "regions": [*calves["regions"], {"region": "lower_back", "side": "central"}]}
    assert _fact({**easing, "pain": back}, "derived.both_legs") == "possibly_nerve"
