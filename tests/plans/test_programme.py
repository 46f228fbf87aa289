"""Personal programmes: never an exercise the case rules out, progressing week by week, and none
at all when the assessment says to see a doctor within 24 hours or sooner."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backstride.contract.result import LEVEL_ORDER, Level, Result
from backstride.contract.validate import parse_case
from backstride.engine.assess import assess
from backstride.errors import UserError
from backstride.kb.loader import load_kb
from backstride.plans.programme import VARIANT_RANK, Programme, build_programme
from tests.engine.cases import cases
from tests.plans.helpers import CES, SELF_CARE, START, result_of, with_conditions

KB = load_kb()


def forbidden_ids(result: Result) -> set[str]:
    """The rule, written out again independently of the implementation."""
    ids = {c.id for i, c in enumerate(result.conditions) if i == 0 or c.score >= 0.05}
    ids |= {
        KB.red_flags[f.id].condition or ""
        for f in result.red_flags
        if f.id in KB.red_flags and KB.red_flags[f.id].condition
    }
    ids |= {f.id for f in result.factors}
    return ids


def assert_progresses(programme: Programme) -> None:
    for eid in programme.exercise_ids:
        steps = [
            (VARIANT_RANK[i.variant], i.volume)
            for w in programme.weeks
            for i in w.sessions[0].items
            if i.exercise_id == eid
        ]
        assert len(steps) == len(programme.weeks)
        assert all(a <= b for a, b in pairwise(steps)), (eid, steps)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(), weeks=st.integers(6, 8))
def test_every_exercise_in_every_generated_programme_is_allowed_for_the_case(
    case: dict[str, Any], weeks: int
) -> None:
    result = assess(parse_case(case))
    programme = build_programme(result, START, weeks)
    if LEVEL_ORDER[result.triage.level] >= LEVEL_ORDER[Level.consultation_24]:
        assert not programme.offered and not programme.sessions
        return
    forbidden = forbidden_ids(result)
    for eid in programme.exercise_ids:
        assert not set(KB.exercises[eid].not_with) & forbidden, (eid, forbidden)
    for item in (i for s in programme.sessions for i in s.items):
        if item.variant == "harder":
            assert not set(KB.exercises[item.exercise_id].progression_not_with) & forbidden
    if programme.offered:
        assert len(programme.weeks) == weeks
        assert len(programme.sessions) == 3 * weeks
        assert_progresses(programme)


def test_a_self_care_case_gets_a_programme_that_progresses_week_by_week() -> None:
    programme = build_programme(result_of(SELF_CARE), START, 8)
    assert programme.offered
    assert [w.phase for w in programme.weeks] == ["foundation"] + ["build"] * 5 + ["progress"] * 2
    assert_progresses(programme)
    first, middle, last = programme.weeks[0], programme.weeks[4], programme.weeks[7]
    assert {i.variant for i in first.sessions[0].items} == {"easier"}
    assert sum(i.volume for i in middle.sessions[0].items) > sum(
        i.volume for i in programme.weeks[1].sessions[0].items
    )
    assert "harder" in {i.variant for i in last.sessions[0].items}
    assert [s.day for s in first.sessions] == [START, START.replace(day=5), START.replace(day=7)]
    assert programme.sessions[0].items[0].category == "warm_up"


def test_no_programme_when_the_triage_is_consultation_24_or_above() -> None:
    result = result_of(CES)
    assert LEVEL_ORDER[result.triage.level] >= LEVEL_ORDER[Level.consultation_24]
    programme = build_programme(result, START)
    assert not programme.offered and programme.weeks == ()
    assert "clinician" in programme.explanation


def test_suspected_spondylolysis_rules_out_back_extension_and_extension_progressions() -> None:
    result = with_conditions(result_of(SELF_CARE), {"spondylolysis": 0.6, "facet_joint_pain": 0.1})
    programme = build_programme(result, START)
    assert programme.offered
    assert "prone_press_up" not in programme.exercise_ids
    assert "prone_press_up" in {e.exercise_id for e in programme.excluded}
    for item in (i for s in programme.sessions for i in s.items):
        if item.exercise_id in ("hip_flexor_stretch", "thoracic_extension_roller", "step_up"):
            assert item.variant != "harder"


def test_a_condition_below_the_threshold_does_not_rule_out_but_the_leading_one_always_does() -> (
    None
):
    low = with_conditions(result_of(SELF_CARE), {"training_overload": 0.8, "spondylolysis": 0.01})
    assert "spondylolysis" not in {
        b for e in build_programme(low, START).excluded for b in e.because
    }
    lead = with_conditions(result_of(SELF_CARE), {"spondylolysis": 0.02})
    assert "prone_press_up" not in build_programme(lead, START).exercise_ids


def test_a_red_flag_pointing_at_a_serious_condition_leaves_no_exercise_and_says_why() -> None:
    base = result_of(SELF_CARE)
    data = base.model_dump()
    data["triage"]["level"] = "consultation"
    data["red_flags"] = [
        {
            "id": "cancer_history",
            "label": "History of cancer",
            "level": "consultation",
            "findings": ["cancer history"],
        }
    ]
    programme = build_programme(Result.model_validate(data), START)
    assert not programme.offered
    assert "red flag" in programme.explanation


def test_the_factors_found_are_addressed_or_given_their_advice() -> None:
    base = result_of(SELF_CARE).model_dump()
    base["factors"] = [
        {
            "id": "weak_upper_back",
            "label": "No upper-back strength training",
            "findings": [],
            "advice": "Add rows.",
        },
        {"id": "no_warm_up", "label": "No warm-up", "findings": [], "advice": "Warm up."},
        {"id": "worn_shoes", "label": "Worn shoes", "findings": [], "advice": "Check the shoes."},
    ]
    programme = build_programme(Result.model_validate(base), START)
    categories = {i.category for i in programme.sessions[0].items}
    assert {"upper_back", "warm_up"} <= categories
    targets = {t.id: t for t in programme.targets}
    assert targets["weak_upper_back"].exercises and targets["no_warm_up"].exercises
    assert targets["worn_shoes"].advice == "Check the shoes."


@pytest.mark.parametrize("weeks", [5, 9])
def test_weeks_outside_six_to_eight_are_refused(weeks: int) -> None:
    with pytest.raises(UserError, match="from 6 to 8"):
        build_programme(result_of(SELF_CARE), START, weeks)
