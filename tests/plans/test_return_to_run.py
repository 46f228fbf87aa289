"""The return-to-run plan: staged, gated by the pain-monitoring model against the diary, stepping
back on a breach with the reason, and no planned run more than 10% over the 30-day longest."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from backstride.contract.result import Result
from backstride.plans.return_to_run import STAGES, cap_for, return_to_run
from backstride.training.diary import DiaryEntry
from tests.plans.helpers import (
    CES,
    SELF_CARE,
    START,
    baseline,
    good_sessions,
    result_of,
    run,
    with_conditions,
)

RESULT = result_of(SELF_CARE)


def days(n: int) -> date:
    return START + timedelta(days=n)


def test_sessions_that_meet_every_gate_move_the_plan_on_a_stage() -> None:
    diary = baseline() + good_sessions(START, 3)
    plan = return_to_run(RESULT, start=START, as_of=days(6), diary=diary)
    assert plan.offered and plan.stage is not None and plan.stage.id == "walk_run"
    assert [c.outcome for c in plan.checks] == ["passed"] * 3
    assert plan.changes[-1].kind == "advance" and plan.changes[-1].to_stage == "walk_run"


def test_a_diary_breach_steps_the_plan_back_one_stage_and_says_why() -> None:
    diary = baseline() + good_sessions(START, 3)  # walking passed on day 5
    diary += [
        DiaryEntry(
            days(6), pain_morning=1, pain_during=5, pain_after=4, morning_stiffness_minutes=10
        ),
        DiaryEntry(days(7), pain_morning=1, morning_stiffness_minutes=10),
    ]
    plan = return_to_run(RESULT, start=START, as_of=days(7), diary=diary)
    assert plan.stage is not None and plan.stage.id == "walking"
    back = plan.last_step_back
    assert back is not None and back.day == days(6)
    assert (back.from_stage, back.to_stage) == ("walk_run", "walking")
    assert "pain during the session was 5/10" in back.reason
    assert "ceiling of 3/10" in back.reason
    assert plan.explanation.startswith("Stepped back on 2025-03-09")
    assert plan.checks[-1].outcome == "breach"


def test_pain_not_settled_by_the_next_morning_is_a_breach() -> None:
    diary = baseline() + good_sessions(START, 3)
    diary += [
        DiaryEntry(days(6), pain_morning=1, pain_during=2, pain_after=3),
        DiaryEntry(days(7), pain_morning=4),
    ]
    plan = return_to_run(RESULT, start=START, as_of=days(8), diary=diary)
    back = plan.last_step_back
    assert back is not None and "not settled back to 1/10" in back.reason


def test_morning_stiffness_worse_than_the_baseline_week_is_a_breach() -> None:
    diary = baseline(stiffness=10) + good_sessions(START, 3)
    diary += [
        DiaryEntry(
            days(6), pain_morning=1, pain_during=1, pain_after=1, morning_stiffness_minutes=40
        ),
        DiaryEntry(days(7), pain_morning=1, morning_stiffness_minutes=45),
    ]
    plan = return_to_run(RESULT, start=START, as_of=days(8), diary=diary)
    back = plan.last_step_back
    assert back is not None and "worse than 10 min in the baseline week" in back.reason


def test_a_breach_in_the_first_stage_holds_it_and_says_so() -> None:
    diary = [*baseline(), DiaryEntry(START, pain_during=6), DiaryEntry(days(1), pain_morning=1)]
    plan = return_to_run(RESULT, start=START, as_of=days(2), diary=diary)
    assert plan.stage is not None and plan.stage.id == "walking"
    assert plan.changes[-1].kind == "hold" and "see a clinician" in plan.changes[-1].reason


def test_a_session_waits_for_the_next_mornings_entry_before_it_counts() -> None:
    diary = [*baseline(), DiaryEntry(START, pain_morning=1, pain_during=1, pain_after=1)]
    plan = return_to_run(RESULT, start=START, as_of=START, diary=diary)
    assert plan.checks[-1].outcome == "waiting"


def test_with_a_possible_bone_stress_injury_any_pain_is_a_breach_not_a_ceiling() -> None:
    bone = with_conditions(RESULT, {"sacral_stress_fracture": 0.4, "training_overload": 0.3})
    diary = baseline() + good_sessions(START, 1, during=2, after=1)
    plan = return_to_run(bone, start=START, as_of=days(2), diary=diary)
    assert plan.bone_stress and plan.ceiling == 0
    assert plan.checks[0].outcome == "breach"
    assert "no pain (possible bone stress injury)" in plan.checks[0].reason
    assert any("bony pain" in g for g in plan.gates)
    assert "clinician" in plan.before_first_run[0]
    ordinary = return_to_run(RESULT, start=START, as_of=days(2), diary=diary)
    assert not ordinary.bone_stress and ordinary.checks[0].outcome == "passed"


def test_not_offered_with_a_red_flag_or_at_consultation_24_and_above() -> None:
    assert not return_to_run(result_of(CES), start=START, as_of=START).offered
    data = RESULT.model_dump()
    data["red_flags"] = [
        {"id": "night_pain", "label": "Night pain", "level": "consultation", "findings": []}
    ]
    plan = return_to_run(Result.model_validate(data), start=START, as_of=START)
    assert not plan.offered and "red flag" in plan.explanation


def test_cap_for_uses_the_longest_run_of_the_previous_30_days_only() -> None:
    runs = [(days(-31), 20.0), (days(-30), 8.0), (days(-1), 5.0), (days(0), 30.0)]
    cap, longest = cap_for(days(0), runs)
    assert longest == (days(-30), 8.0) and cap is not None and abs(cap - 8.8) < 1e-9
    assert cap_for(days(0), []) == (None, None)


def test_planned_runs_are_shortened_to_the_cap_from_imported_runs() -> None:
    # 12 good sessions reach the volume stage; the watch recorded each as a short 3 km run.
    sessions = good_sessions(START, 12)
    imported = [run(e.day, 3.0) for e in sessions if e.pain_during is not None][3:]
    plan = return_to_run(
        RESULT, start=START, as_of=days(24), diary=baseline() + sessions, activities=imported
    )
    assert plan.stage is not None and plan.stage.id == "volume"
    first = plan.upcoming[0]
    assert first.is_run and first.capped and first.km <= 3.3 + 1e-9
    assert first.longest_before is not None and first.longest_before[1] == 3.0
    assert "no run more than 10% longer" in first.note


def test_sessions_done_without_a_watch_count_at_their_planned_distance() -> None:
    sessions = good_sessions(START, 12)
    plan = return_to_run(RESULT, start=START, as_of=days(24), diary=baseline() + sessions)
    first = plan.upcoming[0]
    assert first.longest_before is not None and first.longest_before[0] >= START
    assert first.cap_km is not None and first.km <= first.cap_km + 1e-9


@settings(max_examples=150, deadline=None)
@given(
    history=st.lists(
        st.tuples(st.integers(-60, -1), st.floats(0.5, 40, allow_nan=False)), max_size=15
    ),
    passed=st.integers(0, 25),
)
def test_no_planned_run_is_more_than_10_percent_over_the_30_day_longest(
    history: list[tuple[int, float]], passed: int
) -> None:
    """Imported runs before the plan, then sessions done with a watch recording each; every
    upcoming run is checked against imported runs and the plan's own earlier runs."""
    sessions = good_sessions(START, passed)
    session_days = [e.day for e in sessions if e.pain_during is not None]
    imported = [run(days(d), km) for d, km in history] + [run(d, 2.5) for d in session_days]
    as_of = days(2 * passed + 1)
    plan = return_to_run(
        RESULT, start=START, as_of=as_of, diary=baseline() + sessions, activities=imported
    )
    known = [(a.start.date(), a.distance_km) for a in imported]
    for session in plan.upcoming:
        if session.is_run:
            window = [
                km
                for d, km in known
                if session.day - timedelta(days=30) <= d < session.day and km > 0
            ]
            if window:
                assert session.km <= 1.1 * max(window) + 1e-6, (session, max(window))
            known.append((session.day, session.km))
    assert len(STAGES) == 5
