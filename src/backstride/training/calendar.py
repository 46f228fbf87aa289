"""The days backstride accepts from people: far enough from the calendar's ends that counting
weeks back (chronic load, pain gates) or forward (plans) never leaves it."""

from __future__ import annotations

from datetime import date

EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2200, 12, 31)


def day_problem(field: str, day: date) -> str | None:
    """A one-line problem if `day` is outside the accepted range, else None."""
    if EARLIEST_DAY <= day <= LATEST_DAY:
        return None
    return (
        f"{field}: {day.isoformat()} is not allowed; give a day from "
        f"{EARLIEST_DAY.isoformat()} to {LATEST_DAY.isoformat()}"
    )
