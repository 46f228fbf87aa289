"""Scoring on vignettes (`engine.evaluation`): what counts as under- and over-triage, a missed
emergency, self-care kept and the condition in the first three, judged against stub answers
so that each verdict is forced; and the one-line messages for a malformed vignette."""

from __future__ import annotations

from typing import Any

import pytest

from backstride.contract.case import Case
from backstride.contract.result import Level, Result
from backstride.engine.assess import assess
from backstride.engine.evaluation import (
    Known,
    Scorecard,
    Vignette,
    VignetteError,
    judge,
    parse_vignettes,
    score,
)
from backstride.kb.loader import load_kb
from backstride.reports.safety import render_safety_report, summary

KB = load_kb()
KNOWN = Known(frozenset(KB.conditions), frozenset(KB.factors))
CASE: dict[str, Any] = {"age": 30, "pain": {"regions": [{"region": "lower_back", "side": "both"}]}}


def vignette(expected: str, acceptable: tuple[str, ...] = (), **more: Any) -> Vignette:
    raw = {
        "id": "v",
        "case": CASE,
        "expected_triage": expected,
        "acceptable_triage": list(acceptable),
        "expected_condition": "lumbar_muscle_strain",
        **more,
    }
    return parse_vignettes([raw], "test.json", KNOWN)[0]


def answered(
    level: Level, conditions: tuple[str, ...] = (), factors: tuple[str, ...] = ()
) -> Result:
    """The engine's real result for CASE, with the level, conditions and factors replaced."""
    real = assess(Case.model_validate(CASE))
    template = real.conditions[0]
    return real.model_copy(
        update={
            "triage": real.triage.model_copy(update={"level": level}),
            "conditions": [template.model_copy(update={"id": c}) for c in conditions],
            "factors": [f for f in real.factors if f.id in factors],
        }
    )


def test_a_level_below_every_accepted_one_is_under_triage() -> None:
    outcome = judge(vignette("consultation_24", ("emergency",)), answered(Level.consultation))
    assert outcome.under_triaged and not outcome.over_triaged and not outcome.triage_accepted
    assert outcome.problems()[0].startswith("under-triage: answered consultation")


def test_a_level_above_every_accepted_one_is_over_triage() -> None:
    outcome = judge(vignette("self_care", ("consultation",)), answered(Level.consultation_24))
    assert outcome.over_triaged and not outcome.under_triaged
    assert "over-triage" in outcome.problems()[0]


def test_an_acceptable_neighbouring_level_passes_triage() -> None:
    outcome = judge(vignette("self_care", ("consultation",)), answered(Level.consultation))
    assert outcome.triage_accepted and not outcome.under_triaged and not outcome.over_triaged


def test_an_emergency_answered_below_emergency_is_reported_as_missed() -> None:
    outcome = judge(vignette("emergency_ambulance"), answered(Level.consultation_24))
    assert outcome.emergency_missed
    assert outcome.problems()[0].startswith("EMERGENCY MISSED")


def test_an_ambulance_case_sent_to_the_emergency_department_is_caught_but_not_accepted() -> None:
    outcome = judge(vignette("emergency_ambulance"), answered(Level.emergency))
    assert not outcome.emergency_missed and outcome.under_triaged


def test_the_condition_must_be_in_the_first_three() -> None:
    ranked = ("lumbar_radiculopathy", "facet_joint_pain", "sacroiliac_joint_pain")
    fourth = judge(
        vignette("self_care"), answered(Level.self_care, (*ranked, "lumbar_muscle_strain"))
    )
    assert not fourth.condition_in_top
    third = judge(
        vignette("self_care"), answered(Level.self_care, (*ranked[:2], "lumbar_muscle_strain"))
    )
    assert third.condition_in_top and not third.problems()


def test_missing_factors_are_named() -> None:
    wanted = vignette("self_care", expected_factors=["load_spike", "worn_shoes"])
    outcome = judge(wanted, answered(Level.self_care, ("lumbar_muscle_strain",)))
    assert outcome.factors_missing == ("load_spike", "worn_shoes")


def test_a_scorecard_counts_each_verdict() -> None:
    outcomes = [
        judge(vignette("self_care"), answered(Level.self_care, ("lumbar_muscle_strain",))),
        judge(vignette("self_care"), answered(Level.consultation, ("lumbar_muscle_strain",))),
        judge(vignette("emergency"), answered(Level.consultation_24, ("lumbar_muscle_strain",))),
    ]
    card = Scorecard("a", tuple(outcomes))
    figures = summary(card)
    assert figures["vignettes"] == 3 and figures["triage_accepted"] == 1
    assert (figures["under_triage"], figures["over_triage"]) == (1, 1)
    assert (figures["emergencies"], figures["emergencies_caught"]) == (1, 0)
    assert (figures["self_care"], figures["self_care_kept"]) == (2, 1)
    assert card.confusion()[(Level.emergency, Level.consultation_24)] == 1
    assert not card.passed
    report = render_safety_report([card], "test")
    assert "a v: EMERGENCY MISSED" in report and "| emergency | · | · | 1 | · | · |" in report


def test_scoring_runs_the_real_engine() -> None:
    emergency = dict(CASE, neuro={"saddle_numbness": True, "urinary_retention": True})
    raw = {"id": "ces", "case": emergency, "expected_triage": "emergency"}
    raw["acceptable_triage"] = ["emergency_ambulance"]
    raw["expected_condition"] = "cauda_equina_syndrome"
    card = score("s", parse_vignettes([raw], "s.json", KNOWN), assess)
    assert card.passed and card.emergencies_caught == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"case": {"age": 5}}, "vignette v: case.age: 5 is not allowed; expected a whole number"),
        (
            {"expected_triage": "soon"},
            "expected_triage: 'soon' is not a triage level; expected one",
        ),
        ({"expected_condition": "flu"}, "expected_condition: 'flu' is not a condition id"),
        ({"expected_factors": ["bad_shoes"]}, "expected_factors: 'bad_shoes' is not a factor id"),
        ({"acceptable_triage": ["urgent"]}, "acceptable_triage.0: 'urgent' is not a triage level"),
    ],
)
def test_a_malformed_vignette_gets_a_message_naming_file_vignette_and_field(
    change: dict[str, Any], message: str
) -> None:
    raw = {"id": "v", "case": CASE, "expected_triage": "self_care"}
    raw |= {"expected_condition": "lumbar_muscle_strain", **change}
    with pytest.raises(VignetteError) as caught:
        parse_vignettes([raw], "set.json", KNOWN)
    assert caught.value.problems[0].startswith("set.json: ")
    assert message in caught.value.problems[0]


def test_every_problem_of_every_vignette_is_reported_and_a_missing_field_named() -> None:
    items = [{"id": "a", "case": CASE}, 7]
    with pytest.raises(VignetteError) as caught:
        parse_vignettes(items, "set.json", KNOWN)
    assert caught.value.problems == [
        "set.json: vignette a: expected_triage: is required",
        "set.json: vignette a: expected_condition: is required",
        "set.json: vignette #2: expected an object, got int",
    ]
    with pytest.raises(VignetteError, match="expected a list of vignettes, got dict"):
        parse_vignettes({"id": "a"}, "set.json", KNOWN)
