"""Running load over time: weekly volume and progression, single-run spikes, the acute:chronic
ratio, Foster's monotony and strain, and aerobic minutes.

Definitions (the tests hold a plain-Python reference implementation of each):

- **Weeks** run Monday to Sunday; the last week ends at `as_of` and may be partial (`days` < 7).
- **Single-run spike**: a run's distance against the longest run in the 30 days before the run's
  day (the same day excluded); flagged when more than 10% longer (Frandsen et al. 2025).
- **Progression**: week-over-week change is `km[w] / km[w-1] - 1`; the two-week change is
  `km[w] / km[w-2] - 1`, our reading of "more than 30% over two weeks" (Nielsen et al. 2014).
  Both are `None` when the earlier week had no running, and flagged above 30%.
- **Acute:chronic ratio**, on daily running km: rolling = 7-day sum / (28-day sum / 4); EWMA =
  EWMA(λ = 2/8) / EWMA(λ = 2/29), both started at zero on the first day of the grid. A ratio is
  given only once 28 days of history exist and while the chronic load is above zero.
- **Monotony and strain** (Foster 1998), on daily training minutes of all sports: monotony =
  mean / population standard deviation of the 7 daily loads (`None` when they are all equal),
  strain = weekly load × monotony. Only for 7-day windows that the history fully covers.
- **Aerobic minutes**: sessions of an aerobic sport lasting at least ten minutes (seed 001).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Final, NamedTuple

import numpy as np

from backstride.training.activity import Activity
from backstride.training.sources import (
    AEROBIC_TARGET_MIN,
    PROGRESSION_LIMIT,
    SPIKE_BANDS,
    SPIKE_RATIO,
    SPIKE_WINDOW_DAYS,
)
from backstride.training.table import LazyRows, rows_of
from backstride.training.timeline import BoolArray, FloatArray, IntArray, Timeline

ACUTE_DAYS: Final = 7
CHRONIC_DAYS: Final = 28
EWMA_ACUTE_LAMBDA: Final = 2.0 / (ACUTE_DAYS + 1)
EWMA_CHRONIC_LAMBDA: Final = 2.0 / (CHRONIC_DAYS + 1)
_EWMA_BLOCK: Final = 2048  # a**-2048 stays far below the float limit for both lambdas


class RunRow(NamedTuple):
    """One run with a known distance, against the longest run of the 30 days before it."""

    activity: Activity
    km: float
    minutes: float
    cadence_spm: float | None
    #: Longest run in the 30 days before this run's day; `None` when there was none.
    longest_prev_km: float | None
    longest_prev_run: Activity | None
    #: `km / longest_prev_km`; `None` without a previous run.
    ratio: float | None
    #: More than 10% longer than the longest previous run (Frandsen et al. 2025).
    spike: bool
    #: "10-30%", "30-100%", ">100%" for spikes, "" otherwise.
    band: str
    #: Whether the history covers all 30 days before the run.
    window_complete: bool

    @property
    def day(self) -> date:
        return self.activity.start.date()


class WeekRow(NamedTuple):
    week_start: date
    days: int
    run_km: float
    runs: int
    run_minutes: float
    cross_minutes: float
    aerobic_minutes: float
    meets_aerobic_target: bool
    change_wow: float | None
    change_2wk: float | None
    flag_wow: bool
    flag_2wk: bool
    spikes: int
    acwr_rolling: float | None
    acwr_ewma: float | None
    monotony: float | None
    strain: float | None
    median_cadence_spm: float | None


def band_of(ratio: float) -> str:
    for lower, name, _hrr in SPIKE_BANDS:
        if ratio > lower:
            return name
    return ""


def ratio_change(now: FloatArray, before: FloatArray) -> FloatArray:
    """`now / before - 1`, NaN where `before` is zero."""
    out = np.full(now.shape, np.nan)
    np.divide(now, before, out=out, where=before > 0)
    return out - 1.0


# --- single-run spikes ---------------------------------------------------------------------


class Spikes(NamedTuple):
    run_index: IntArray  # indices into timeline.activities of runs with a known distance
    run_day: IntArray  # their grid days
    km: FloatArray  # their distances
    day_max: FloatArray  # the longest run of each grid day (0 without a run)
    prev_km: FloatArray  # longest run of the 30 days before; NaN when there was none
    ratio: FloatArray
    flagged: BoolArray


def previous_max(day_max: FloatArray, window: int = SPIKE_WINDOW_DAYS) -> FloatArray:
    """For each day d, the largest of `day_max[d - window : d]` (0 when all are before day 0).

    Maxima over spans of 1, 2, 4, 8 and 16 days are doubled up, then two overlapping 16-day
    spans cover the 30 days.
    """
    assert 16 < window <= 32
    span = np.concatenate((np.zeros(window), day_max))
    for k in (1, 2, 4, 8):
        span = np.maximum(span[:-k], span[k:])  # span[i] = max over [i, i + 2k)
    n = day_max.shape[0]
    return np.maximum(span[:n], span[window - 16 : window - 16 + n])


def compute_spikes(tl: Timeline) -> Spikes:
    runs = np.flatnonzero(tl.is_run & (tl.km > 0))  # NaN compares false
    days = tl.day[runs]
    km = tl.km[runs]
    day_max = np.zeros(tl.n_days)
    np.maximum.at(day_max, days, km)
    prev = previous_max(day_max)[days]
    has_prev = prev > 0
    ratio = np.full(km.shape, np.nan)
    np.divide(km, prev, out=ratio, where=has_prev)
    prev_km = np.where(has_prev, prev, np.nan)
    return Spikes(runs, days, km, day_max, prev_km, ratio, ratio > SPIKE_RATIO)


def previous_longest_run(spikes: Spikes) -> IntArray:
    """For each run, the index of the longest run of the 30 days before it (-1 if none)."""
    if spikes.run_day.size == 0:
        return np.zeros(0, dtype=np.int64)
    w = SPIKE_WINDOW_DAYS
    # Which run was the longest of its day (any of them, when two tie).
    longest = spikes.km == spikes.day_max[spikes.run_day]
    day_arg = np.full(spikes.day_max.shape[0], -1, dtype=np.int64)
    day_arg[spikes.run_day[longest]] = spikes.run_index[longest]
    padded = np.concatenate((np.zeros(w), spikes.day_max))
    windows = np.lib.stride_tricks.sliding_window_view(padded, w)[spikes.run_day]
    prev_day = spikes.run_day - w + windows.argmax(axis=1)
    return np.where(np.isnan(spikes.prev_km), -1, day_arg[np.clip(prev_day, 0, None)])


def _none_for_nan(values: FloatArray) -> list[float | None]:
    return [None if v != v else v for v in values.tolist()]


def run_rows(tl: Timeline, spikes: Spikes) -> LazyRows[RunRow]:
    """One row per run with a known distance, oldest first, built when first read."""
    acts = tl.activities
    sel = spikes.run_index
    km = tl.km[sel]
    minutes = tl.minutes[sel]
    cadence = tl.cadence[sel]
    complete = tl.day[sel] >= tl.history_start_index + SPIKE_WINDOW_DAYS

    def build() -> tuple[RunRow, ...]:
        flagged = spikes.flagged.tolist()
        return rows_of(
            RunRow,
            (
                [acts[i] for i in sel.tolist()],
                km.tolist(),
                minutes.tolist(),
                _none_for_nan(cadence),
                _none_for_nan(spikes.prev_km),
                [None if j < 0 else acts[j] for j in previous_longest_run(spikes).tolist()],
                _none_for_nan(spikes.ratio),
                flagged,
                [
                    band_of(r) if f else ""
                    for r, f in zip(spikes.ratio.tolist(), flagged, strict=True)
                ],
                complete.tolist(),
            ),
        )

    return LazyRows(int(sel.size), build)


# --- acute:chronic ratio --------------------------------------------------------------------


@cache
def _ewma_powers(lam: float) -> tuple[FloatArray, FloatArray, FloatArray]:
    a = 1.0 - lam
    j = np.arange(_EWMA_BLOCK, dtype=np.float64)
    return a**-j, a**j, a ** (j + 1)


def ewma(x: FloatArray, lam: float) -> FloatArray:
    """`e[t] = lam * x[t] + (1 - lam) * e[t-1]`, `e[-1] = 0`, evaluated block by block."""
    up, down, carry = _ewma_powers(lam)
    out = np.empty_like(x)
    prev = 0.0
    for s in range(0, x.shape[0], _EWMA_BLOCK):
        block = x[s : s + _EWMA_BLOCK]
        m = block.shape[0]
        out[s : s + m] = down[:m] * np.cumsum(block * up[:m]) * lam + prev * carry[:m]
        prev = float(out[s + m - 1])
    return out


class Acwr(NamedTuple):
    acute_km: FloatArray  # 7-day sums, per day
    chronic_km: FloatArray  # 28-day sums / 4, per day
    rolling: FloatArray  # NaN where undefined
    ewma: FloatArray


def compute_acwr(tl: Timeline) -> Acwr:
    x = tl.run_km
    cs = np.concatenate(([0.0], np.cumsum(x)))
    n = x.shape[0]
    d = np.arange(n)
    acute = cs[d + 1] - cs[np.maximum(d + 1 - ACUTE_DAYS, 0)]
    chronic = (cs[d + 1] - cs[np.maximum(d + 1 - CHRONIC_DAYS, 0)]) / (CHRONIC_DAYS / ACUTE_DAYS)
    defined = d >= tl.history_start_index + CHRONIC_DAYS - 1
    rolling = np.full(n, np.nan)
    np.divide(acute, chronic, out=rolling, where=defined & (chronic > 0))
    ea = ewma(x, EWMA_ACUTE_LAMBDA)
    ec = ewma(x, EWMA_CHRONIC_LAMBDA)
    ew = np.full(n, np.nan)
    np.divide(ea, ec, out=ew, where=defined & (ec > 1e-12))
    return Acwr(acute, chronic, rolling, ew)


# --- Foster monotony and strain -------------------------------------------------------------


def monotony_strain(daily: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Monotony and strain of each row of a `(weeks, 7)` array of daily loads; NaN if undefined."""
    mean = daily.mean(axis=1)
    sd = daily.std(axis=1)
    mono = np.full(mean.shape, np.nan)
    np.divide(mean, sd, out=mono, where=sd > 1e-9 * np.maximum(mean, 1.0))
    return mono, daily.sum(axis=1) * mono


# --- weekly rows ----------------------------------------------------------------------------


def weekly_cadence_medians(tl: Timeline, week_of_act: IntArray, n_weeks: int) -> FloatArray:
    """Median run cadence of each week (NaN for weeks without cadence data)."""
    has = ~np.isnan(tl.cadence)
    wk = week_of_act[has]
    cad = tl.cadence[has]
    # Cadences lie in (0, 1000) (see `build_timeline`), so sorting week*1000 + cadence groups
    # the runs by week and orders each week by cadence.
    sorted_cad = cad[np.argsort(wk * 1000.0 + cad, kind="stable")]
    counts = np.bincount(wk, minlength=n_weeks)
    starts = np.cumsum(counts) - counts
    out = np.full(n_weeks, np.nan)
    some = counts > 0
    lo = (starts + (counts - 1) // 2)[some]
    hi = (starts + counts // 2)[some]
    out[some] = (sorted_cad[lo] + sorted_cad[hi]) / 2.0
    return out


class Weekly(NamedTuple):
    """The weekly metrics as arrays, one element per calendar week (oldest first)."""

    first: int  # ordinal of the first Monday
    days: IntArray
    run_km: FloatArray
    runs: IntArray
    run_minutes: FloatArray
    cross_minutes: FloatArray
    aerobic_minutes: FloatArray
    change_wow: FloatArray
    change_2wk: FloatArray
    spikes: IntArray
    acwr_rolling: FloatArray
    acwr_ewma: FloatArray
    monotony: FloatArray
    strain: FloatArray
    median_cadence_spm: FloatArray


def compute_weekly(tl: Timeline, spikes: Spikes, acwr: Acwr) -> Weekly:
    n = tl.n_days
    n_weeks = -(-n // 7)
    daily = np.zeros((5, n_weeks * 7))
    daily[:, :n] = (
        tl.run_km,
        tl.run_minutes,
        tl.cross_minutes,
        tl.aerobic_minutes,
        tl.training_minutes,
    )
    by_week = daily.reshape(5, n_weeks, 7)
    run_km, run_minutes, cross, aerobic, _ = by_week.sum(axis=2)
    week_of_act = tl.day // 7
    prev1 = np.zeros(n_weeks)
    prev1[1:] = run_km[:-1]
    prev2 = np.zeros(n_weeks)
    prev2[2:] = run_km[:-2]
    last_day = np.minimum(np.arange(n_weeks) * 7 + 6, n - 1)
    mono, strain = monotony_strain(by_week[4])
    days = np.full(n_weeks, 7, dtype=np.int64)
    days[-1] = n - 7 * (n_weeks - 1)
    if days[-1] < 7:  # Foster's measures need the whole week known: not a partial last week
        mono[-1] = strain[-1] = np.nan
    if tl.history_start_index > 0:  # nor a first week that began before the history did
        mono[0] = strain[0] = np.nan
    return Weekly(
        first=tl.first,
        days=days,
        run_km=run_km,
        runs=np.bincount(week_of_act[tl.is_run], minlength=n_weeks),
        run_minutes=run_minutes,
        cross_minutes=cross,
        aerobic_minutes=aerobic,
        change_wow=ratio_change(run_km, prev1),
        change_2wk=ratio_change(run_km, prev2),
        spikes=np.bincount(week_of_act[spikes.run_index[spikes.flagged]], minlength=n_weeks),
        acwr_rolling=acwr.rolling[last_day],
        acwr_ewma=acwr.ewma[last_day],
        monotony=mono,
        strain=strain,
        median_cadence_spm=weekly_cadence_medians(tl, week_of_act, n_weeks),
    )


def week_rows(w: Weekly) -> LazyRows[WeekRow]:
    """One row per calendar week, oldest first, built when first read."""
    n_weeks = int(w.run_km.size)

    def build() -> tuple[WeekRow, ...]:
        return rows_of(
            WeekRow,
            (
                [date.fromordinal(w.first + 7 * i) for i in range(n_weeks)],
                w.days.tolist(),
                w.run_km.tolist(),
                w.runs.tolist(),
                w.run_minutes.tolist(),
                w.cross_minutes.tolist(),
                w.aerobic_minutes.tolist(),
                (w.aerobic_minutes >= AEROBIC_TARGET_MIN).tolist(),
                _none_for_nan(w.change_wow),
                _none_for_nan(w.change_2wk),
                (w.change_wow > PROGRESSION_LIMIT).tolist(),
                (w.change_2wk > PROGRESSION_LIMIT).tolist(),
                w.spikes.tolist(),
                _none_for_nan(w.acwr_rolling),
                _none_for_nan(w.acwr_ewma),
                _none_for_nan(w.monotony),
                _none_for_nan(w.strain),
                _none_for_nan(w.median_cadence_spm),
            ),
        )

    return LazyRows(n_weeks, build)
