"""Shoes, surfaces and cross-training: what the runs were done in and on, and what else was done.

Shoe distance sums the runs logged with each shoe. A run's surface is its `surface` field, or
`treadmill` for an indoor run without one; runs with neither are left out. Cross-training is
every session that is not a run, counted apart by sport.
"""

from __future__ import annotations

from datetime import date
from typing import Final, NamedTuple

import numpy as np

from backstride.training.activity import Sport
from backstride.training.timeline import SPORTS, Timeline

TREADMILL: Final = "treadmill"


class ShoeRow(NamedTuple):
    shoe: str
    km: float
    runs: int
    first_used: date
    last_used: date


class SurfaceRow(NamedTuple):
    surface: str
    km: float
    runs: int


class CrossRow(NamedTuple):
    sport: Sport
    sessions: int
    minutes: float
    km: float


def shoe_mileage(tl: Timeline) -> tuple[ShoeRow, ...]:
    """Distance, run count and first/last use of each shoe, most used first."""
    sel = tl.is_run & (tl.shoe >= 0)
    n = len(tl.shoe_names)
    if n == 0 or not sel.any():
        return ()
    codes = tl.shoe[sel]
    days = tl.day[sel]
    total = np.bincount(codes, np.nan_to_num(tl.km[sel]), n)
    count = np.bincount(codes, minlength=n)
    first = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(first, codes, days)
    last = np.full(n, -1, dtype=np.int64)
    np.maximum.at(last, codes, days)
    rows = [
        ShoeRow(
            name,
            float(total[c]),
            int(count[c]),
            tl.date_at(int(first[c])),
            tl.date_at(int(last[c])),
        )
        for c, name in enumerate(tl.shoe_names)
        if count[c]
    ]
    return tuple(sorted(rows, key=lambda r: (-r.km, r.shoe)))


def surfaces(tl: Timeline) -> tuple[SurfaceRow, ...]:
    """Running distance and runs per known surface, most used first."""
    names = (*tl.surface_names, TREADMILL)
    treadmill = names.index(TREADMILL)
    code = np.where((tl.surface < 0) & tl.indoor, treadmill, tl.surface)
    sel = tl.is_run & (code >= 0)
    n = len(names)
    total = np.bincount(code[sel], np.nan_to_num(tl.km[sel]), n)
    count = np.bincount(code[sel], minlength=n)
    rows = [
        SurfaceRow(name, float(total[c]), int(count[c])) for c, name in enumerate(names) if count[c]
    ]
    return tuple(sorted(rows, key=lambda r: (-r.km, r.surface)))


def cross_training(tl: Timeline) -> tuple[CrossRow, ...]:
    """Sessions, minutes and distance per sport other than running, in `Sport` order."""
    other = ~tl.is_run
    sport = tl.sport[other]
    n = len(SPORTS)
    sessions = np.bincount(sport, minlength=n)
    minutes = np.bincount(sport, tl.minutes[other], n)
    km = np.bincount(sport, np.nan_to_num(tl.km[other]), n)
    return tuple(
        CrossRow(SPORTS[c], int(sessions[c]), float(minutes[c]), float(km[c]))
        for c in range(n)
        if sessions[c] and SPORTS[c] is not Sport.running
    )
