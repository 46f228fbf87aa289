"""Load metrics on a real year of running: the 68 runpandas GPX sessions (Jul 2020 to Jul 2021).

The GPX files are parsed here with gpxpy by a tiny helper, not by backstride's importers, so
that this test checks the metrics alone.
"""

from __future__ import annotations

from datetime import UTC, date
from pathlib import Path

import gpxpy
import pytest

from backstride.contract.case import Case
from backstride.training.activity import Activity, Sport
from backstride.training.case_fill import merge_into_case, running_fields_from_history
from backstride.training.metrics import LoadReport, load_report
from tests.training.load_reference import reference_report
from tests.training.test_load_metrics import assert_matches

SESSIONS = Path("/work/shared/data/activities/gpx/runpandas-sessions")
AS_OF = date(2021, 7, 4)  # the day of the last session

pytestmark = pytest.mark.skipif(not SESSIONS.is_dir(), reason="shared GPX sessions not present")


def read_gpx_run(path: Path) -> Activity:
    with path.open(encoding="utf-8") as f:
        gpx = gpxpy.parse(f)
    bounds = gpx.get_time_bounds()
    assert bounds.start_time is not None
    assert bounds.end_time is not None
    return Activity(
        sport=Sport.running,
        start=bounds.start_time.astimezone(UTC),
        duration_s=(bounds.end_time - bounds.start_time).total_seconds(),
        distance_m=gpx.length_2d(),
        name=gpx.tracks[0].name if gpx.tracks else None,
        device="runpandas-sample",
    )


@pytest.fixture(scope="module")
def history() -> list[Activity]:
    return [read_gpx_run(p) for p in sorted(SESSIONS.glob("*.gpx"))]


@pytest.fixture(scope="module")
def report(history: list[Activity]) -> LoadReport:
    return load_report(history, AS_OF)


def test_the_year_is_read_as_68_runs_over_53_weeks(report: LoadReport) -> None:
    assert len(report.runs) == 68
    assert report.history_start == date(2020, 7, 3)
    assert len(report.weeks) == 53
    assert sum(w.runs for w in report.weeks) == 68
    assert sum(w.run_km for w in report.weeks) == pytest.approx(sum(r.km for r in report.runs))


def test_the_metrics_match_the_reference_on_real_data(
    history: list[Activity], report: LoadReport
) -> None:
    assert_matches(report, reference_report(history, AS_OF))


def test_the_22_km_session_of_september_2020_is_a_spike_of_more_than_double(
    report: LoadReport,
) -> None:
    long_run = max(report.runs, key=lambda r: r.km)
    assert long_run.activity.start.date() == date(2020, 9, 20)
    assert long_run.km == pytest.approx(22.1, abs=0.1)
    assert long_run.spike
    assert long_run.band == ">100%"
    assert long_run.longest_prev_run is not None
    assert long_run.longest_prev_km == pytest.approx(long_run.longest_prev_run.distance_km)


def test_spikes_and_progression_flags_are_rare_enough_to_mean_something(
    report: LoadReport,
) -> None:
    assert 0 < len(report.spikes) < len(report.runs) / 2
    flagged_weeks = [w for w in report.weeks if w.flag_2wk]
    assert 0 < len(flagged_weeks) < len(report.weeks) / 2


def test_weekly_volume_is_that_of_a_recreational_runner(report: LoadReport) -> None:
    km = [w.run_km for w in report.weeks]
    assert max(km) < 50
    assert 5 < sum(km) / len(km) < 20
    # No cadence or shoes in these files: the report says nothing rather than guessing.
    assert report.cadence.recent_median_spm is None
    assert report.shoes == ()


def test_case_fields_on_the_day_of_the_22_km_session_name_both_runs(
    history: list[Activity],
) -> None:
    values, prov = running_fields_from_history(history, date(2020, 9, 20))
    assert values["running.long_run_km"] == pytest.approx(22.1, abs=0.1)
    assert values["running.longest_run_prev_30d_km"] == pytest.approx(8.3, abs=0.1)
    assert prov["running.long_run_km"]["runs"][0]["date"] == "2020-09-20"
    assert prov["running.longest_run_prev_30d_km"]["runs"][0]["date"] == "2020-09-04"
    assert "mileage_increase" in values["running.recent_changes"]
    Case.model_validate(merge_into_case({}, values, prov)[0])
