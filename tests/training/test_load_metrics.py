"""Load metrics against the plain-Python reference (hypothesis), plus worked examples.

`as_of` is fixed; generated histories include activities after it, which must be ignored.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backstride.training.activity import Activity, Sport
from backstride.training.load import EWMA_ACUTE_LAMBDA, EWMA_CHRONIC_LAMBDA, ewma
from backstride.training.metrics import LoadReport, load_report
from tests.training.load_reference import RefReport, reference_report

AS_OF = date(2024, 6, 30)
ORIGIN = datetime(2024, 2, 20, tzinfo=UTC)


def approx(value: float | None) -> object:
    return None if value is None else pytest.approx(value, rel=1e-9, abs=1e-9)


def maybe(draw: st.DrawFn, strategy: st.SearchStrategy[float]) -> float | None:
    """Usually a value, sometimes `None` (a field the source did not record)."""
    return draw(strategy) if draw(st.integers(0, 4)) else None


@st.composite
def activities(draw: st.DrawFn, first_day: int = 0, last_day: int = 140) -> Activity:
    sport = draw(st.sampled_from([Sport.running] * 4 + list(Sport)))
    run = sport is Sport.running
    duration = draw(st.integers(60, 4 * 3600))
    day = draw(st.integers(first_day, last_day))
    return Activity(
        sport=sport,
        start=ORIGIN + timedelta(days=day, seconds=draw(st.integers(0, 86399))),
        duration_s=float(duration),
        distance_m=maybe(draw, st.integers(0, 45_000).map(float)),
        moving_s=maybe(draw, st.integers(30, duration).map(float)),
        median_cadence_spm=maybe(draw, st.floats(140, 200)) if run else None,
        avg_cadence_spm=maybe(draw, st.floats(140, 200)),
        shoe=draw(st.none() | st.sampled_from(["pegasus", "clifton", "kinvara"])),
        surface=draw(st.none() | st.sampled_from(["asphalt", "trail", "track"])),
        indoor=draw(st.booleans()),
    )


@st.composite
def histories(draw: st.DrawFn) -> list[Activity]:
    """Sparse or dense histories over a window of 1 to 141 days, often reaching past `as_of`."""
    first = draw(st.integers(0, 140))
    last = draw(st.integers(first, 140))
    size = draw(st.integers(0, 90))
    return draw(st.lists(activities(first, last), min_size=size, max_size=size))


def assert_matches(report: LoadReport, ref: RefReport) -> None:
    assert len(report.weeks) == len(ref.weeks)
    for got, want in zip(report.weeks, ref.weeks, strict=True):
        assert got.week_start == want.week_start
        assert got.days == want.days
        assert got.runs == want.runs
        assert got.spikes == want.spikes
        for name in (
            "run_km",
            "run_minutes",
            "cross_minutes",
            "aerobic_minutes",
            "change_wow",
            "change_2wk",
            "acwr_rolling",
            "acwr_ewma",
            "monotony",
            "strain",
            "median_cadence_spm",
        ):
            assert getattr(got, name) == approx(getattr(want, name)), (name, got.week_start)
        assert got.flag_wow == (want.change_wow is not None and want.change_wow > 0.30)
        assert got.flag_2wk == (want.change_2wk is not None and want.change_2wk > 0.30)

    assert len(report.runs) == len(ref.runs)
    for got_run, want_run in zip(report.runs, ref.runs, strict=True):
        assert got_run.km == approx(want_run.km)
        assert got_run.longest_prev_km == approx(want_run.longest_prev_km)
        assert got_run.ratio == approx(want_run.ratio)
        assert got_run.spike == want_run.spike
        if got_run.longest_prev_run is not None:  # the run it names is the one it measured
            prev = got_run.longest_prev_run
            assert prev.distance_km == approx(want_run.longest_prev_km)
            gap = (got_run.activity.start.date() - prev.start.date()).days
            assert 1 <= gap <= 30

    for name in (
        "km_7d",
        "km_prev_7d",
        "km_prev2_7d",
        "change_wow",
        "change_2wk",
        "acwr_rolling",
        "acwr_ewma",
        "monotony",
        "strain",
        "aerobic_minutes_7d",
    ):
        assert getattr(report, name) == approx(getattr(ref, name)), name
    assert report.cadence.recent_median_spm == approx(ref.cadence_recent)
    assert report.cadence.previous_median_spm == approx(ref.cadence_previous)
    assert {s.shoe: s.km for s in report.shoes} == {k: approx(v) for k, v in ref.shoes.items()}
    assert {s.surface: s.km for s in report.surfaces} == {
        k: approx(v) for k, v in ref.surfaces.items()
    }
    assert {c.sport: c.minutes for c in report.cross_training} == {
        k: approx(v) for k, v in ref.cross.items()
    }


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_every_metric_matches_the_reference_implementation(history: list[Activity]) -> None:
    assert_matches(load_report(history, AS_OF), reference_report(history, AS_OF))


@settings(max_examples=50, deadline=None)
@given(histories(), st.randoms(use_true_random=False))
def test_the_order_of_the_activity_list_does_not_matter(
    history: list[Activity], rnd: object
) -> None:
    shuffled = list(history)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a, b = load_report(history, AS_OF), load_report(shuffled, AS_OF)
    assert [w.run_km for w in a.weeks] == pytest.approx([w.run_km for w in b.weeks])
    assert a.km_7d == approx(b.km_7d)
    assert sorted(r.km for r in a.spikes) == pytest.approx(sorted(r.km for r in b.spikes))


@settings(max_examples=50, deadline=None)
@given(histories())
def test_activities_after_as_of_change_nothing(history: list[Activity]) -> None:
    before = [a for a in history if a.start.date() <= AS_OF]
    a, b = load_report(history, AS_OF), load_report(before, AS_OF)
    assert a.weeks == b.weeks
    assert a.runs == b.runs


# --- worked examples -------------------------------------------------------------------------


def run(day: date, km: float, minutes: float | None = None, **extra: object) -> Activity:
    return Activity(
        sport=Sport.running,
        start=datetime(day.year, day.month, day.day, 7, 30, tzinfo=UTC),
        duration_s=(minutes if minutes is not None else km * 6) * 60,
        distance_m=km * 1000,
        **extra,  # type: ignore[arg-type]
    )


def weekly_plan(first_monday: date, weeks: Sequence[Sequence[float]]) -> list[Activity]:
    """Runs on Monday, Wednesday, Saturday... of consecutive weeks with the given distances."""
    offsets = (0, 2, 5, 6)
    return [
        run(first_monday + timedelta(days=7 * w + offsets[i]), km)
        for w, kms in enumerate(weeks)
        for i, km in enumerate(kms)
    ]


def test_a_run_over_ten_percent_longer_than_the_30_day_longest_is_a_spike() -> None:
    d = date(2024, 6, 1)
    history = [run(d, 10.0), run(d + timedelta(days=10), 11.0), run(d + timedelta(days=20), 12.2)]
    report = load_report(history, d + timedelta(days=20))
    first, second, third = report.runs
    assert first.ratio is None
    assert not first.spike
    assert second.ratio == pytest.approx(1.10)
    assert not second.spike
    assert third.ratio == pytest.approx(12.2 / 11.0)
    assert third.spike
    assert third.band == "10-30%"
    assert third.longest_prev_run is history[1]


def test_spike_bands_follow_frandsen() -> None:
    d = date(2024, 6, 1)
    for km, band in ((12.0, "10-30%"), (15.0, "30-100%"), (21.0, ">100%")):
        report = load_report([run(d, 10.0), run(d + timedelta(days=3), km)], d + timedelta(days=3))
        assert report.runs[-1].band == band


def test_the_30_day_window_excludes_the_same_day_and_day_31() -> None:
    d = date(2024, 6, 1)
    history = [run(d, 20.0), run(d + timedelta(days=31), 5.0), run(d + timedelta(days=31), 8.0)]
    report = load_report(history, d + timedelta(days=31))
    assert [r.longest_prev_km for r in report.runs] == [None, None, None]
    history.append(run(d + timedelta(days=30), 4.0))
    report = load_report(history, d + timedelta(days=31))
    assert [r.longest_prev_km for r in report.runs][-2:] == [4.0, 4.0]


def test_two_week_progression_above_30_percent_is_flagged() -> None:
    monday = date(2024, 5, 6)
    history = weekly_plan(monday, [(5, 5), (5, 6), (7, 7)])  # 10 -> 11 -> 14 km
    report = load_report(history, monday + timedelta(days=20))
    w = report.weeks
    assert w[1].change_wow == pytest.approx(0.10)
    assert not w[1].flag_wow
    assert w[2].change_2wk == pytest.approx(0.40)
    assert w[2].flag_2wk
    assert w[2].change_wow == pytest.approx(14 / 11 - 1)
    assert not w[2].flag_wow
    assert report.change_2wk == pytest.approx(0.40)
    assert report.flag_2wk


def test_acwr_needs_28_days_of_history_and_reads_one_at_steady_load() -> None:
    monday = date(2024, 1, 1)
    history = weekly_plan(monday, [(5, 5, 5, 10)] * 8)
    early = load_report(history, monday + timedelta(days=20))
    assert early.acwr_rolling is None
    assert early.acwr_ewma is None
    steady = load_report(history, monday + timedelta(days=55))
    assert steady.acwr_rolling == pytest.approx(1.0)
    assert steady.acwr_ewma is not None
    assert 0.7 < steady.acwr_ewma < 1.3


def test_the_acwr_caveat_cites_runsafe() -> None:
    report = load_report([], AS_OF)
    caveat = next(n for n in report.notes if "acute:chronic" in n)
    assert "did not predict running injury" in caveat
    assert "Frandsen et al. 2025, BJSM" in caveat


def test_every_note_names_a_source() -> None:
    sources = ("Frandsen", "Nielsen", "Foster", "seed 001", "Heiderscheit", "clinical-notes")
    for note in load_report([], AS_OF).notes:
        assert any(s in note for s in sources), note


def test_foster_monotony_and_strain_of_a_known_week() -> None:
    monday = date(2024, 6, 3)
    loads = [60, 0, 30, 0, 45, 0, 90]  # minutes
    history = [run(monday + timedelta(days=i), m / 6, minutes=m) for i, m in enumerate(loads) if m]
    report = load_report(history, monday + timedelta(days=6))
    mean, sd = np.mean(loads), np.std(loads)
    assert report.weeks[0].monotony == pytest.approx(mean / sd)
    assert report.weeks[0].strain == pytest.approx(sum(loads) * mean / sd)
    assert report.monotony == pytest.approx(mean / sd)


def test_aerobic_minutes_count_bouts_of_ten_minutes_or_more() -> None:
    d = date(2024, 6, 24)
    history = [
        run(d, 5.0, minutes=30),
        Activity(Sport.walking, datetime(2024, 6, 25, 12, tzinfo=UTC), duration_s=9 * 60),
        Activity(Sport.cycling, datetime(2024, 6, 26, 12, tzinfo=UTC), duration_s=60 * 60),
        Activity(Sport.strength, datetime(2024, 6, 27, 12, tzinfo=UTC), duration_s=40 * 60),
    ]
    week = load_report(history, date(2024, 6, 30)).weeks[0]
    assert week.aerobic_minutes == pytest.approx(90)
    assert week.cross_minutes == pytest.approx(9 + 60 + 40)
    assert week.run_minutes == pytest.approx(30)
    assert not week.meets_aerobic_target


def test_cadence_target_is_five_to_ten_percent_above_the_runners_own() -> None:
    d = date(2024, 6, 1)
    history = [run(d + timedelta(days=i), 5, median_cadence_spm=160.0 + i) for i in range(5)]
    c = load_report(history, d + timedelta(days=4)).cadence
    assert c.recent_median_spm == pytest.approx(162.0)
    assert c.target_low_spm == pytest.approx(170.1)
    assert c.target_high_spm == pytest.approx(178.2)


def test_shoe_mileage_and_surfaces() -> None:
    d = date(2024, 6, 1)
    history = [
        run(d, 10, shoe="a", surface="trail"),
        run(d + timedelta(days=1), 5, shoe="b", indoor=True),
        run(d + timedelta(days=2), 7, shoe="a"),
    ]
    report = load_report(history, d + timedelta(days=2))
    assert [(s.shoe, s.km, s.runs) for s in report.shoes] == [("a", 17, 2), ("b", 5, 1)]
    assert report.shoes[0].first_used == d
    assert report.shoes[0].last_used == d + timedelta(days=2)
    assert [(s.surface, s.km) for s in report.surfaces] == [("trail", 10), ("treadmill", 5)]


def test_an_empty_history_gives_an_empty_report() -> None:
    report = load_report([], AS_OF)
    assert report.history_start is None
    assert len(report.runs) == 0
    assert len(report.weeks) == 0
    assert report.km_7d is None
    assert report.acwr_rolling is None


def test_blockwise_ewma_equals_the_recursion_over_years() -> None:
    x = np.random.default_rng(3).gamma(2.0, 4.0, size=3 * 365)
    x[::5] = 0.0
    for lam in (EWMA_ACUTE_LAMBDA, EWMA_CHRONIC_LAMBDA):
        e, want = 0.0, []
        for v in x:
            e = lam * v + (1 - lam) * e
            want.append(e)
        assert ewma(x, lam) == pytest.approx(want, rel=1e-9)
