"""Filling the case's running fields from the history, with provenance, and merging with the
runner's own answers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from backstride.contract.case import Case
from backstride.training.activity import Activity, Sport
from backstride.training.case_fill import merge_into_case, running_fields_from_history

AS_OF = date(2024, 6, 30)  # a Sunday


def run(back: int, km: float, **extra: Any) -> Activity:
    day = AS_OF - timedelta(days=back)
    return Activity(
        sport=Sport.running,
        start=datetime(day.year, day.month, day.day, 7, tzinfo=UTC),
        duration_s=km * 360,
        distance_m=km * 1000,
        **extra,
    )


def steady_history(weeks: int = 10, shoe: str = "pegasus") -> list[Activity]:
    """Three runs a week (5, 5 and an 8 km long run) for `weeks` weeks before the last week."""
    return [
        run(7 * w + back, km, shoe=shoe, surface="asphalt", median_cadence_spm=166.0)
        for w in range(1, weeks + 1)
        for back, km in ((1, 8.0), (3, 5.0), (5, 5.0))
    ]


def test_a_steady_runner_gets_every_field_with_the_runs_behind_it() -> None:
    history = [
        *steady_history(),
        *(
            run(b, km, shoe="pegasus", surface="asphalt", median_cadence_spm=170.0)
            for b, km in ((1, 8.0), (3, 5.0), (5, 5.0))
        ),
    ]
    values, prov = running_fields_from_history(history, AS_OF, shoes_km=None)
    assert values["running.weekly_km"] == 18.0
    assert values["running.weekly_km_before"] == 18.0
    assert values["running.long_run_km"] == 8.0
    assert values["running.longest_run_prev_30d_km"] == 8.0
    assert values["running.cadence_spm"] == 166  # median of nine 166s and three 170s
    assert values["running.shoe_km"] == 11 * 18.0
    assert values["running.surface"] == ["asphalt"]
    assert values["running.recent_changes"] == []
    assert [r["date"] for r in prov["running.weekly_km"]["runs"]] == [
        "2024-06-25",
        "2024-06-27",
        "2024-06-29",
    ]
    assert prov["running.long_run_km"]["runs"] == [{"date": "2024-06-29", "km": 8.0}]
    assert prov["running.longest_run_prev_30d_km"]["runs"][0]["km"] == 8.0
    assert "Frandsen et al. 2025" in prov["running.longest_run_prev_30d_km"]["how"]
    assert all(p["source"] == "history" for p in prov.values())


def test_a_long_run_spike_and_a_jump_in_volume_are_reported_with_their_runs() -> None:
    history = [*steady_history(), run(1, 16.0), run(3, 6.0), run(4, 6.0)]
    values, prov = running_fields_from_history(history, AS_OF)
    assert values["running.long_run_km"] == 16.0
    assert values["running.longest_run_prev_30d_km"] == 8.0
    assert prov["running.longest_run_prev_30d_km"]["spike"] is True
    assert values["running.recent_changes"] == ["mileage_increase"]
    how = prov["running.recent_changes"]["how"]
    assert "Nielsen et al. 2014" in how
    assert "Frandsen et al. 2025" in how
    assert {"date": "2024-06-29", "km": 16.0} in prov["running.recent_changes"]["runs"]


def test_new_shoes_and_a_return_after_a_break_are_recent_changes() -> None:
    old = [run(60 + 2 * i, 6.0, shoe="pegasus") for i in range(10)]
    values, prov = running_fields_from_history([*old, run(2, 5.0, shoe="clifton")], AS_OF)
    assert values["running.recent_changes"] == ["new_shoes", "returned_after_break"]
    assert "clifton" in prov["running.recent_changes"]["how"]
    assert values["running.shoe_km"] == 5.0


def test_a_known_shoe_total_overrides_the_summed_distance() -> None:
    values, prov = running_fields_from_history(steady_history(), AS_OF, shoes_km={"pegasus": 640.0})
    assert values["running.shoe_km"] == 640.0
    assert prov["running.shoe_km"]["shoe"] == "pegasus"


def test_fields_outside_the_history_are_left_out_not_zeroed() -> None:
    values, _ = running_fields_from_history([run(3, 5.0), run(1, 6.0)], AS_OF)
    assert "running.weekly_km" not in values  # the history starts inside the week
    assert "running.weekly_km_before" not in values
    assert "running.longest_run_prev_30d_km" not in values
    assert values["running.long_run_km"] == 6.0
    assert "running.recent_changes" not in values  # 6 km after 5 km is no known spike
    assert running_fields_from_history([], AS_OF) == ({}, {})


def test_runner_answers_win_and_the_history_value_is_kept_for_comparison() -> None:
    history = [*steady_history(), run(1, 16.0)]
    filled, prov = running_fields_from_history(history, AS_OF)
    case = {"age": 40, "running": {"weekly_km": 30, "recent_changes": []}}
    merged, kept = merge_into_case(case, filled, prov)
    assert merged["running"]["weekly_km"] == 30
    assert merged["running"]["recent_changes"] == []
    assert merged["running"]["long_run_km"] == 16.0
    assert kept["running.weekly_km"]["source"] == "runner"
    assert kept["running.weekly_km"]["history_value"] == filled["running.weekly_km"]
    assert kept["running.long_run_km"]["source"] == "history"
    assert case == {"age": 40, "running": {"weekly_km": 30, "recent_changes": []}}  # untouched
    Case.model_validate(merged)


@pytest.mark.parametrize("weeks", [0, 1, 3, 6, 12])
def test_the_merged_case_is_always_a_valid_contract_case(weeks: int) -> None:
    history = [*steady_history(weeks), run(0, 21.0, indoor=True, median_cadence_spm=175.0)]
    filled, prov = running_fields_from_history(history, AS_OF)
    merged, _ = merge_into_case({}, filled, prov)
    case = Case.model_validate(merged)
    assert case.running.long_run_km == 21.0
