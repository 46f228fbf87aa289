"""Load metrics: one `LoadReport` from an activity list and an `as_of` date.

Pure functions of their arguments: no clock, no I/O. Activities after `as_of` are ignored, so a
report can be recomputed for any past day. The definitions are in `backstride.training.load`,
`cadence` and `equipment`; the thresholds and their sources in `backstride.training.sources`.

>>> report = load_report(activities, as_of=date(2024, 6, 30))      # doctest: +SKIP
>>> [row.week_start for row in report.weeks if row.flag_2wk]       # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

import numpy as np

from backstride.training.activity import Activity
from backstride.training.cadence import CadenceSummary, cadence_summary
from backstride.training.equipment import (
    CrossRow,
    ShoeRow,
    SurfaceRow,
    cross_training,
    shoe_mileage,
    surfaces,
)
from backstride.training.load import (
    RunRow,
    WeekRow,
    compute_acwr,
    compute_spikes,
    compute_weekly,
    monotony_strain,
    run_rows,
    week_rows,
)
from backstride.training.sources import (
    ACWR_CAVEAT,
    AEROBIC_NOTE,
    AEROBIC_TARGET_MIN,
    CADENCE_NOTE,
    FOSTER_NOTE,
    PROGRESSION_LIMIT,
    PROGRESSION_NOTE,
    SHOE_NOTE,
    SPIKE_NOTE,
)
from backstride.training.table import LazyRows
from backstride.training.timeline import Timeline, build_timeline

__all__ = [
    "CadenceSummary",
    "CrossRow",
    "LoadReport",
    "RunRow",
    "ShoeRow",
    "SurfaceRow",
    "WeekRow",
    "load_report",
]

NOTES: Final = (
    SPIKE_NOTE,
    PROGRESSION_NOTE,
    ACWR_CAVEAT,
    FOSTER_NOTE,
    AEROBIC_NOTE,
    CADENCE_NOTE,
    SHOE_NOTE,
)


@dataclass(frozen=True, slots=True)
class LoadReport:
    """Every load metric of one athlete at `as_of`.

    Rolling figures (`km_7d`, changes, ACWR, monotony) use the 7-day windows ending at `as_of`
    and are `None` when the history does not cover the window. `weeks` are calendar weeks
    (Monday to Sunday), oldest first; `runs` are the runs with a known distance, oldest first.
    Both are sequences whose row objects are built when first read.
    """

    as_of: date
    history_start: date | None
    weeks: Sequence[WeekRow]
    runs: Sequence[RunRow]
    #: Running km in the 7 days ending at `as_of`, the 7 days before, and the 7 before those.
    km_7d: float | None
    km_prev_7d: float | None
    km_prev2_7d: float | None
    change_wow: float | None
    change_2wk: float | None
    acwr_rolling: float | None
    acwr_ewma: float | None
    monotony: float | None
    strain: float | None
    aerobic_minutes_7d: float | None
    cadence: CadenceSummary
    shoes: tuple[ShoeRow, ...]
    surfaces: tuple[SurfaceRow, ...]
    cross_training: tuple[CrossRow, ...]
    notes: tuple[str, ...] = NOTES

    @property
    def aerobic_target_minutes(self) -> float:
        return AEROBIC_TARGET_MIN

    @property
    def spikes(self) -> tuple[RunRow, ...]:
        """Runs more than 10% longer than the longest run of the 30 days before them."""
        return tuple(r for r in self.runs if r.spike)

    @property
    def flag_wow(self) -> bool:
        return self.change_wow is not None and self.change_wow > PROGRESSION_LIMIT

    @property
    def flag_2wk(self) -> bool:
        return self.change_2wk is not None and self.change_2wk > PROGRESSION_LIMIT

    def runs_between(self, first: date, last: date) -> tuple[RunRow, ...]:
        """Runs whose day lies in `[first, last]`."""
        return tuple(r for r in self.runs if first <= r.activity.start.date() <= last)


def _window_sum(tl: Timeline, values: np.ndarray, newest: int, days: int = 7) -> float | None:
    """Sum of `values` over `days` days ending `newest` days before `as_of`; `None` if the
    history does not reach back to the window's first day."""
    end = tl.as_of_index - newest
    start = end - days + 1
    if start < tl.history_start_index:
        return None
    return float(values[start : end + 1].sum())


def _change(now: float | None, before: float | None) -> float | None:
    if now is None or before is None or before <= 0:
        return None
    return now / before - 1.0


def _opt(value: float) -> float | None:
    return None if value != value else float(value)


def report_from_timeline(tl: Timeline) -> LoadReport:
    spikes = compute_spikes(tl)
    acwr = compute_acwr(tl)
    end = tl.as_of_index
    km7 = _window_sum(tl, tl.run_km, 0)
    km_prev = _window_sum(tl, tl.run_km, 7)
    km_prev2 = _window_sum(tl, tl.run_km, 14)
    monotony: float | None = None
    strain: float | None = None
    if end - 6 >= tl.history_start_index:
        mono, st = monotony_strain(tl.training_minutes[end - 6 : end + 1].reshape(1, 7))
        monotony, strain = _opt(mono[0]), _opt(st[0])
    return LoadReport(
        as_of=tl.as_of,
        history_start=tl.date_at(tl.history_start_index) if tl.activities else None,
        weeks=week_rows(compute_weekly(tl, spikes, acwr)) if tl.activities else LazyRows(0, tuple),
        runs=run_rows(tl, spikes),
        km_7d=km7,
        km_prev_7d=km_prev,
        km_prev2_7d=km_prev2,
        change_wow=_change(km7, km_prev),
        change_2wk=_change(km7, km_prev2),
        acwr_rolling=_opt(acwr.rolling[end]),
        acwr_ewma=_opt(acwr.ewma[end]),
        monotony=monotony,
        strain=strain,
        aerobic_minutes_7d=_window_sum(tl, tl.aerobic_minutes, 0),
        cadence=cadence_summary(tl),
        shoes=shoe_mileage(tl),
        surfaces=surfaces(tl),
        cross_training=cross_training(tl),
    )


def load_report(activities: Sequence[Activity], as_of: date) -> LoadReport:
    """All load metrics of `activities` (any order, any sports) as they stood on `as_of`."""
    return report_from_timeline(build_timeline(activities, as_of))
