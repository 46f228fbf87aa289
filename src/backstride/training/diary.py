"""The pain diary in the domain core: one entry per day, its validation, its link to that day's
runs, and weekly pain for the pain-against-load chart.

Pain is the 0-10 numeric rating scale, asked three times: in the morning, during the run and
after it. The 24-hour response matters more than pain during the session, and morning pain or
stiffness should not rise from week to week (pain-monitoring model, Silbernagel et al. 2007,
AJSM, as summarised in clinical notes e).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final, NamedTuple

from backstride.contract.case import Region
from backstride.errors import UserError
from backstride.training.activity import Activity
from backstride.training.calendar import day_problem

PAIN_FIELDS: Final = ("pain_morning", "pain_during", "pain_after")
REGIONS: Final = tuple(r.value for r in Region)
MAX_STIFFNESS_MINUTES: Final = 1440
MAX_NOTES_CHARS: Final = 2000


def _whole_in(value: object, low: int, high: int) -> bool:
    """A whole number (an int, or a float without a fraction; not a bool) in `[low, high]`."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return value == int(value) and low <= value <= high


def problems_of(
    day: object,
    pain: dict[str, object],
    regions: object,
    morning_stiffness_minutes: object,
    notes: object,
) -> list[str]:
    """Every problem with a diary entry's values, one line each: field, value, what is allowed."""
    out: list[str] = []
    if not isinstance(day, date):
        out.append(f"diary.date: {day!r} is not a date; give a calendar date such as 2024-06-30")
    elif (outside := day_problem("diary.date", day)) is not None:
        out.append(outside)
    for name, value in pain.items():
        if value is None:
            continue
        if not _whole_in(value, 0, 10):
            out.append(
                f"diary.{name}: {value!r} is not allowed; give a whole number from 0 (no pain) "
                "to 10 (worst imaginable), or leave it out"
            )
    if not isinstance(regions, list | tuple):
        out.append(f"diary.regions: {regions!r} is not a list of regions")
    else:
        for region in regions:
            if region not in REGIONS:
                out.append(
                    f"diary.regions: {region!r} is not a known region; allowed: "
                    + ", ".join(REGIONS)
                )
    m = morning_stiffness_minutes
    if m is not None and not _whole_in(m, 0, MAX_STIFFNESS_MINUTES):
        out.append(
            f"diary.morning_stiffness_minutes: {m!r} is not allowed; give whole minutes from 0 "
            f"to {MAX_STIFFNESS_MINUTES}"
        )
    if notes is not None and (not isinstance(notes, str) or len(notes) > MAX_NOTES_CHARS):
        shown = f"{len(notes)} characters" if isinstance(notes, str) else repr(notes)
        out.append(f"diary.notes: {shown} is not allowed; give text of at most {MAX_NOTES_CHARS}")
    return out


@dataclass(frozen=True, slots=True)
class DiaryEntry:
    """One day of the pain diary. Absent ratings are `None` (not asked or not answered).

    Raises `UserError` listing every problem when a value is out of range.
    """

    day: date
    pain_morning: int | None = None
    pain_during: int | None = None
    pain_after: int | None = None
    regions: tuple[str, ...] = ()
    morning_stiffness_minutes: int | None = None
    notes: str | None = None

    def __post_init__(self) -> None:
        problems = problems_of(
            self.day,
            {name: getattr(self, name) for name in PAIN_FIELDS},
            list(self.regions) if isinstance(self.regions, tuple | list) else self.regions,
            self.morning_stiffness_minutes,
            self.notes,
        )
        if problems:
            message = problems[0] if len(problems) == 1 else f"{len(problems)} problems in entry"
            raise UserError(message, problems)
        # Normalise: whole-number floats to int, regions to a tuple.
        for name in (*PAIN_FIELDS, "morning_stiffness_minutes"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, int(value))
        object.__setattr__(self, "regions", tuple(self.regions))

    @property
    def worst_pain(self) -> int | None:
        """The highest of the day's three ratings, `None` if none was given."""
        values = [
            v for v in (self.pain_morning, self.pain_during, self.pain_after) if v is not None
        ]
        return max(values) if values else None


@dataclass(frozen=True, slots=True)
class DiaryDay:
    """A diary entry with the activities that started on its day (by `Activity.start` date)."""

    entry: DiaryEntry
    activities: tuple[Activity, ...] = field(default=())

    @property
    def runs(self) -> tuple[Activity, ...]:
        return tuple(a for a in self.activities if a.is_run)

    @property
    def run_km(self) -> float:
        return sum(a.distance_km for a in self.runs)


def link_activities(
    entries: Iterable[DiaryEntry], activities: Iterable[Activity]
) -> list[DiaryDay]:
    """Each entry, oldest first, with the activities of its day in start order."""
    by_day: dict[date, list[Activity]] = defaultdict(list)
    for a in activities:
        by_day[a.start.date()].append(a)
    return [
        DiaryDay(e, tuple(sorted(by_day.get(e.day, ()), key=lambda a: a.start)))
        for e in sorted(entries, key=lambda e: e.day)
    ]


class WeeklyPain(NamedTuple):
    """Pain over one calendar week (Monday start), from the entries that rated any pain."""

    week_start: date
    entries: int
    #: The highest rating of the week.
    max_pain: int
    #: The mean over entries of each day's highest rating.
    mean_pain: float
    #: The mean morning rating, the one that should not rise week on week.
    mean_morning: float | None
    max_stiffness_minutes: int | None


def weekly_pain(entries: Sequence[DiaryEntry], as_of: date | None = None) -> list[WeeklyPain]:
    """Weekly pain summaries, oldest first; weeks without a rated entry are left out."""
    weeks: dict[date, list[DiaryEntry]] = defaultdict(list)
    for e in entries:
        if (as_of is None or e.day <= as_of) and e.worst_pain is not None:
            weeks[e.day - timedelta(days=e.day.weekday())].append(e)
    out = []
    for monday in sorted(weeks):
        week = weeks[monday]
        worst = [e.worst_pain for e in week if e.worst_pain is not None]
        mornings = [e.pain_morning for e in week if e.pain_morning is not None]
        stiffness = [
            e.morning_stiffness_minutes for e in week if e.morning_stiffness_minutes is not None
        ]
        out.append(
            WeeklyPain(
                week_start=monday,
                entries=len(week),
                max_pain=max(worst),
                mean_pain=sum(worst) / len(worst),
                mean_morning=sum(mornings) / len(mornings) if mornings else None,
                max_stiffness_minutes=max(stiffness) if stiffness else None,
            )
        )
    return out


# Twelve weeks of the pain calendar: about the span over which load is compared (chronic load).
CALENDAR_WEEKS: Final = 12


def calendar_start(end: date, weeks: int = CALENDAR_WEEKS) -> date:
    """The Monday that starts a calendar of `weeks` weeks ending with the week holding `end`."""
    return end - timedelta(days=end.weekday() + 7 * (weeks - 1))


@dataclass(frozen=True, slots=True)
class CalendarDay:
    """One day of the pain calendar: the day's worst rating and its running."""

    day: date
    worst_pain: int | None  # None: no entry, or an entry without a rating
    has_entry: bool
    run_km: float
    runs: int
    after_end: bool  # a day after the calendar's last day, in its last week


def pain_calendar(
    entries: Iterable[DiaryEntry],
    activities: Iterable[Activity],
    end: date,
    weeks: int = CALENDAR_WEEKS,
) -> list[list[CalendarDay]]:
    """The `weeks` calendar weeks (Monday to Sunday) up to the one holding `end`, oldest
    first: a heat map of pain day by day with the runs beside it, so that a run followed by
    worse days shows up (the diary's purpose in the pain-monitoring model, Silbernagel 2007)."""
    first = calendar_start(end, weeks)
    by_day = {e.day: e for e in entries if first <= e.day <= end}
    km: dict[date, float] = defaultdict(float)
    count: dict[date, int] = defaultdict(int)
    for a in activities:
        day = a.start.date()
        if a.is_run and first <= day <= end:
            km[day] += a.distance_km
            count[day] += 1
    calendar = []
    for week in range(weeks):
        days = []
        for offset in range(7):
            day = first + timedelta(days=7 * week + offset)
            entry = by_day.get(day)
            worst = entry.worst_pain if entry is not None else None
            days.append(CalendarDay(day, worst, entry is not None, km[day], count[day], day > end))
        calendar.append(days)
    return calendar
