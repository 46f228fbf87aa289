"""Cadence: the median step rate of recent runs, its trend, and the +5-10% target.

Each run's cadence is its `median_cadence_spm`, or `avg_cadence_spm` when the source gave only
an average. The advice is relative to the runner's own cadence (Heiderscheit et al. 2011), never
a universal number.
"""

from __future__ import annotations

from typing import Final, NamedTuple

import numpy as np

from backstride.training.activity import Activity
from backstride.training.sources import CADENCE_STEP_HIGH, CADENCE_STEP_LOW
from backstride.training.timeline import Timeline

#: Runs of the last 28 days make up "recent" cadence; the 28 days before are compared with it.
CADENCE_WINDOW_DAYS: Final = 28


class CadenceSummary(NamedTuple):
    recent_median_spm: float | None
    recent_runs: tuple[Activity, ...]
    previous_median_spm: float | None
    previous_runs: tuple[Activity, ...]
    #: Recent minus previous median, steps/min.
    change_spm: float | None
    #: The runner's recent cadence raised by 5% and by 10% (Heiderscheit et al. 2011).
    target_low_spm: float | None
    target_high_spm: float | None


def _window(tl: Timeline, newest: int, oldest: int) -> tuple[float | None, tuple[Activity, ...]]:
    """Median cadence of runs between `oldest` and `newest` days before `as_of` (inclusive)."""
    end = tl.as_of_index
    sel = np.flatnonzero(
        ~np.isnan(tl.cadence) & (tl.day >= end - oldest) & (tl.day <= end - newest)
    )
    if sel.size == 0:
        return None, ()
    return float(np.median(tl.cadence[sel])), tuple(tl.activities[i] for i in sel.tolist())


def cadence_summary(tl: Timeline) -> CadenceSummary:
    w = CADENCE_WINDOW_DAYS
    recent, recent_runs = _window(tl, 0, w - 1)
    previous, previous_runs = _window(tl, w, 2 * w - 1)
    change = recent - previous if recent is not None and previous is not None else None
    return CadenceSummary(
        recent_median_spm=recent,
        recent_runs=recent_runs,
        previous_median_spm=previous,
        previous_runs=previous_runs,
        change_spm=change,
        target_low_spm=None if recent is None else recent * (1 + CADENCE_STEP_LOW),
        target_high_spm=None if recent is None else recent * (1 + CADENCE_STEP_HIGH),
    )
