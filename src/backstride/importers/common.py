"""Small helpers shared by the format readers: values outside human range become None."""

from __future__ import annotations

import math
from typing import Any

# Beyond these a value is a sensor glitch or a unit mix-up, not a measurement.
HR_RANGE = (25.0, 250.0)
CADENCE_SPM_RANGE = (20.0, 300.0)


def finite_or_none(value: Any) -> float | None:
    """A finite float, or None for missing, NaN, infinite or non-numeric values."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _in_range(value: float | None, bounds: tuple[float, float]) -> float | None:
    if value is None:
        return None
    low, high = bounds
    return value if low <= value <= high else None


def clean_hr(value: float | None) -> float | None:
    return _in_range(finite_or_none(value), HR_RANGE)


def clean_cadence(value: float | None) -> float | None:
    return _in_range(finite_or_none(value), CADENCE_SPM_RANGE)


def non_negative(value: Any) -> float | None:
    number = finite_or_none(value)
    return number if number is not None and number >= 0 else None
