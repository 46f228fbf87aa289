"""The pain diary: one entry per day, replaced when the same day is written again."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from backstride.errors import UserError
from backstride.storage.models import ActivityRow, Athlete, DiaryEntry
from backstride.training.diary import DiaryEntry as DomainDiaryEntry


def _check_pain(name: str, value: int | None) -> None:
    if value is not None and not 0 <= value <= 10:
        raise UserError(f"{name} must be between 0 and 10, got {value}")


def save_diary_entry(
    session: Session,
    athlete: Athlete,
    day: date,
    *,
    pain_morning: int | None = None,
    pain_during: int | None = None,
    pain_after: int | None = None,
    regions: Sequence[str] = (),
    morning_stiffness_minutes: int | None = None,
    notes: str | None = None,
) -> DiaryEntry:
    """Write the entry for `day`, replacing any earlier entry for the same day."""
    for name, value in (
        ("pain_morning", pain_morning),
        ("pain_during", pain_during),
        ("pain_after", pain_after),
    ):
        _check_pain(name, value)
    if morning_stiffness_minutes is not None and morning_stiffness_minutes < 0:
        raise UserError("morning stiffness cannot be negative")
    entry = session.scalar(
        select(DiaryEntry).where(DiaryEntry.athlete_id == athlete.id, DiaryEntry.day == day)
    )
    if entry is None:
        entry = DiaryEntry(athlete_id=athlete.id, day=day)
        session.add(entry)
    entry.pain_morning = pain_morning
    entry.pain_during = pain_during
    entry.pain_after = pain_after
    entry.regions = list(regions)
    entry.morning_stiffness_minutes = morning_stiffness_minutes
    entry.notes = notes
    session.flush()
    return entry


def list_diary_entries(
    session: Session, athlete: Athlete, *, since: date | None = None, until: date | None = None
) -> Sequence[DiaryEntry]:
    query = select(DiaryEntry).where(DiaryEntry.athlete_id == athlete.id)
    if since is not None:
        query = query.where(DiaryEntry.day >= since)
    if until is not None:
        query = query.where(DiaryEntry.day <= until)
    return session.scalars(query.order_by(DiaryEntry.day)).all()


def runs_on_day(session: Session, athlete: Athlete, day: date) -> Sequence[ActivityRow]:
    """The activities that started on `day` (a UTC date), which that day's entry refers to."""
    start = datetime.combine(day, time.min, tzinfo=UTC)
    rows = session.scalars(
        select(ActivityRow)
        .where(
            ActivityRow.athlete_id == athlete.id,
            ActivityRow.start_time >= start,
            ActivityRow.start_time < start + timedelta(days=1),
        )
        .order_by(ActivityRow.start_time)
    )
    return rows.all()


def to_domain(row: DiaryEntry) -> DomainDiaryEntry:
    """A stored diary entry as the domain core's entry (for plans and reports)."""
    return DomainDiaryEntry(
        day=row.day,
        pain_morning=row.pain_morning,
        pain_during=row.pain_during,
        pain_after=row.pain_after,
        regions=tuple(row.regions or ()),
        morning_stiffness_minutes=row.morning_stiffness_minutes,
        notes=row.notes,
    )


def load_diary(
    session: Session, athlete: Athlete, *, until: date | None = None
) -> list[DomainDiaryEntry]:
    """The athlete's diary up to `until`, oldest first, as domain entries."""
    return [to_domain(row) for row in list_diary_entries(session, athlete, until=until)]


def save_domain_entry(session: Session, athlete: Athlete, entry: DomainDiaryEntry) -> DiaryEntry:
    """Write a domain diary entry (already validated) as that day's entry."""
    return save_diary_entry(
        session,
        athlete,
        entry.day,
        pain_morning=entry.pain_morning,
        pain_during=entry.pain_during,
        pain_after=entry.pain_after,
        regions=entry.regions,
        morning_stiffness_minutes=entry.morning_stiffness_minutes,
        notes=entry.notes,
    )
