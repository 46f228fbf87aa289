"""The activity list as day-indexed arrays: the shared input of every load metric.

`build_timeline` reads each activity once, drops those after `as_of`, sorts the rest by day and
keeps their numbers in numpy arrays, plus per-day totals on a grid that starts on the Monday of
the first activity's week and ends on `as_of`. Days are the calendar dates of `Activity.start`
(UTC for importers that follow the activity model).
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from operator import attrgetter
from typing import Final

import numpy as np
from numpy.typing import NDArray

from backstride.training.activity import Activity, Sport
from backstride.training.sources import AEROBIC_BOUT_MIN

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

SPORTS: Final = tuple(Sport)
SPORT_CODE: Final = {sport: code for code, sport in enumerate(SPORTS)}
RUN_CODE: Final = SPORT_CODE[Sport.running]
#: Sports that count as aerobic activity for the weekly aerobic minutes (seed 001).
AEROBIC_SPORTS: Final = frozenset(
    {Sport.running, Sport.walking, Sport.hiking, Sport.cycling, Sport.swimming}
)
_AEROBIC_CODES: Final = np.array([sport in AEROBIC_SPORTS for sport in SPORTS], dtype=np.bool_)


def monday_of(day_ordinal: int) -> int:
    """The ordinal of the Monday starting the ISO week of `day_ordinal` (ordinal 1 is a Monday)."""
    return day_ordinal - (day_ordinal - 1) % 7


@dataclass(frozen=True, slots=True, eq=False)
class Timeline:
    """Activities up to `as_of`, sorted by day, with per-activity and per-day arrays.

    Per activity (index i into `activities`): `day` (offset from `first`), `sport`, `is_run`,
    `km` (NaN when the distance is unknown), `minutes` (moving time when known, else elapsed),
    `aerobic` (an aerobic sport for at least ten minutes), `cadence` (steps/min of runs, NaN
    when unknown or outside 0-1000), `shoe` and `surface` (codes into `shoe_names` and
    `surface_names`, -1 when unknown), `indoor`.
    Per day (index d, day `first + d`, up to and including `as_of`): running km and minutes,
    cross-training minutes, aerobic minutes and all training minutes.
    """

    as_of: date
    first: int
    history_start: int
    activities: tuple[Activity, ...]
    day: IntArray
    sport: IntArray
    is_run: BoolArray
    km: FloatArray
    minutes: FloatArray
    aerobic: BoolArray
    cadence: FloatArray
    shoe: IntArray
    shoe_names: tuple[str, ...]
    surface: IntArray
    surface_names: tuple[str, ...]
    indoor: BoolArray
    run_km: FloatArray
    run_minutes: FloatArray
    cross_minutes: FloatArray
    aerobic_minutes: FloatArray
    training_minutes: FloatArray

    @property
    def n_days(self) -> int:
        return int(self.run_km.shape[0])

    @property
    def as_of_index(self) -> int:
        return self.n_days - 1

    @property
    def history_start_index(self) -> int:
        """Grid index of the first day with an activity (days before it are not known)."""
        return self.history_start - self.first

    def index_of(self, day: date) -> int:
        return day.toordinal() - self.first

    def date_at(self, index: int) -> date:
        return date.fromordinal(self.first + index)


_get_start = attrgetter("start")
_get_sport = attrgetter("sport")
_get_distance = attrgetter("distance_m")
_get_moving = attrgetter("moving_s")
_get_duration = attrgetter("duration_s")
_get_median_cadence = attrgetter("median_cadence_spm")
_get_shoe = attrgetter("shoe")
_get_surface = attrgetter("surface")
_get_indoor = attrgetter("indoor")


def _codes(labels: list[str | None]) -> tuple[IntArray, tuple[str, ...]]:
    """Integer codes for optional labels (-1 for `None`) and the names in code order."""
    names = [name for name in dict.fromkeys(labels) if name is not None]
    index: dict[str | None, int] = {name: code for code, name in enumerate(names)}
    index[None] = -1
    return np.fromiter(map(index.__getitem__, labels), np.int64, len(labels)), tuple(names)


def _daily(day: IntArray, weights: FloatArray, n_days: int) -> FloatArray:
    """Per-day sums of `weights` over the grid."""
    return np.bincount(day, weights, n_days).astype(np.float64, copy=False)


def _floats(values: list[float | None]) -> FloatArray:
    try:  # the fast path, when every value is known
        return np.fromiter(values, np.float64, len(values))
    except TypeError:  # numpy turns None into NaN for a float dtype
        return np.array(values, dtype=np.float64)


def _sport_codes(sports: list[Sport]) -> IntArray:
    """Codes into `SPORTS` (a plain string such as "running" works too)."""
    return np.fromiter(map(SPORT_CODE.__getitem__, sports), np.int64, len(sports))


def build_timeline(activities: Sequence[Activity], as_of: date) -> Timeline:
    """Arrange `activities` (any order) on a day grid ending at `as_of`; later ones are ignored.

    Activities are sorted by start time (a stable sort, so equal starts keep their order).
    """
    limit = as_of.toordinal()
    starts = list(map(_get_start, activities))
    if not all(map(operator.le, starts, islice(starts, 1, None))):
        order = sorted(range(len(starts)), key=starts.__getitem__)
        activities = [activities[i] for i in order]
        starts = [starts[i] for i in order]
    ordinals = np.fromiter(map(datetime.toordinal, starts), np.int64, len(starts))
    kept = int(np.searchsorted(ordinals, limit, side="right"))
    acts = tuple(activities[:kept])
    ordinals = ordinals[:kept]

    history_start = int(ordinals[0]) if ordinals.size else limit
    first = monday_of(history_start)
    n_days = limit - first + 1
    day = ordinals - first

    sport = _sport_codes(list(map(_get_sport, acts)))
    is_run = sport == RUN_CODE
    km = _floats(list(map(_get_distance, acts))) / 1000.0
    moving = _floats(list(map(_get_moving, acts)))
    duration = _floats(list(map(_get_duration, acts)))
    minutes = np.where(np.isnan(moving), duration, moving) / 60.0
    aerobic = _AEROBIC_CODES[sport] & (minutes >= AEROBIC_BOUT_MIN)
    cadence = _floats(list(map(_get_median_cadence, acts)))
    missing = np.flatnonzero(np.isnan(cadence) & is_run).tolist()
    if missing:
        cadence[missing] = _floats([acts[i].avg_cadence_spm for i in missing])
    cadence[~is_run | ~((cadence > 0) & (cadence < 1000))] = np.nan  # only runs, only plausible
    shoe, shoe_names = _codes(list(map(_get_shoe, acts)))
    surface, surface_names = _codes(list(map(_get_surface, acts)))
    indoor_flags = list(map(_get_indoor, acts))
    indoor = (
        np.array(indoor_flags, dtype=np.bool_)
        if True in indoor_flags
        else np.zeros(len(acts), np.bool_)
    )

    run_day = day[is_run]
    return Timeline(
        as_of=as_of,
        first=first,
        history_start=history_start,
        activities=acts,
        day=day,
        sport=sport,
        is_run=is_run,
        km=km,
        minutes=minutes,
        aerobic=aerobic,
        cadence=cadence,
        shoe=shoe,
        shoe_names=shoe_names,
        surface=surface,
        surface_names=surface_names,
        indoor=indoor,
        run_km=_daily(run_day, np.nan_to_num(km[is_run]), n_days),
        run_minutes=_daily(run_day, minutes[is_run], n_days),
        cross_minutes=_daily(day[~is_run], minutes[~is_run], n_days),
        aerobic_minutes=_daily(day[aerobic], minutes[aerobic], n_days),
        training_minutes=_daily(day, minutes, n_days),
    )
