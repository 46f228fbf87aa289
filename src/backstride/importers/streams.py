"""Summaries of per-point heart rate and cadence, shared by the XML formats."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from backstride.importers.common import clean_cadence, clean_hr


def hr_summary(values: Sequence[float]) -> tuple[float | None, float | None]:
    """Average and maximum of the plausible heart-rate samples."""
    good = [v for v in values if clean_hr(v) is not None]
    if not good:
        return None, None
    return statistics.fmean(good), max(good)


def cadence_summary(per_foot: Sequence[float]) -> tuple[float | None, float | None]:
    """Average and median steps per minute from per-foot samples, ignoring stops (zeros)."""
    steps = [2.0 * v for v in per_foot if v > 0 and clean_cadence(2.0 * v) is not None]
    if not steps:
        return None, None
    return statistics.fmean(steps), statistics.median(steps)
