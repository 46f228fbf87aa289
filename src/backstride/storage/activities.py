"""Activities and the files they came from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from backstride.storage.models import ActivityRow, Athlete, ImportedFile
from backstride.storage.shoes import shoe_by_name
from backstride.training.activity import Activity, Sport

ActivityKey = tuple[str, datetime]
# Sessions known only from a line of an export's index (no file behind them).
FILE_LESS_FORMATS = ("garmin-summary", "strava-csv")


def activity_key(sport: str, start: datetime) -> ActivityKey:
    """What makes two activities the same session (one file exported twice, say)."""
    return (sport, start.replace(microsecond=0))


def to_row(athlete_id: int, activity: Activity, source: ImportedFile | None) -> ActivityRow:
    return ActivityRow(
        athlete_id=athlete_id,
        file_id=source.id if source is not None else None,
        sport=activity.sport.value,
        start_time=activity.start.replace(microsecond=0),
        duration_s=activity.duration_s,
        distance_m=activity.distance_m,
        moving_s=activity.moving_s,
        avg_hr=activity.avg_hr,
        max_hr=activity.max_hr,
        avg_cadence_spm=activity.avg_cadence_spm,
        median_cadence_spm=activity.median_cadence_spm,
        elevation_gain_m=activity.elevation_gain_m,
        indoor=activity.indoor,
        surface=activity.surface,
        name=activity.name,
        device=activity.device,
        extra=dict(activity.extra),
    )


def to_domain(row: ActivityRow) -> Activity:
    return Activity(
        sport=Sport(row.sport),
        start=row.start_time,
        duration_s=row.duration_s,
        distance_m=row.distance_m,
        moving_s=row.moving_s,
        avg_hr=row.avg_hr,
        max_hr=row.max_hr,
        avg_cadence_spm=row.avg_cadence_spm,
        median_cadence_spm=row.median_cadence_spm,
        elevation_gain_m=row.elevation_gain_m,
        indoor=row.indoor,
        surface=row.surface,
        name=row.name,
        device=row.device,
        shoe=row.shoe.name if row.shoe is not None else None,
        extra={str(k): str(v) for k, v in (row.extra or {}).items()},
    )


def list_activities(
    session: Session,
    athlete: Athlete,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    sport: Sport | None = None,
    limit: int | None = None,
    newest_first: bool = False,
) -> Sequence[ActivityRow]:
    query = select(ActivityRow).where(ActivityRow.athlete_id == athlete.id)
    if since is not None:
        query = query.where(ActivityRow.start_time >= since)
    if until is not None:
        query = query.where(ActivityRow.start_time < until)
    if sport is not None:
        query = query.where(ActivityRow.sport == sport.value)
    order = ActivityRow.start_time.desc() if newest_first else ActivityRow.start_time
    return session.scalars(query.order_by(order, ActivityRow.id).limit(limit)).all()


def load_activities(session: Session, athlete: Athlete) -> list[Activity]:
    """Every activity of the athlete as domain objects, oldest first (for the load metrics)."""
    return [to_domain(row) for row in list_activities(session, athlete)]


def known_activity_keys(session: Session, athlete: Athlete) -> set[ActivityKey]:
    rows = session.execute(
        select(ActivityRow.sport, ActivityRow.start_time).where(
            ActivityRow.athlete_id == athlete.id
        )
    )
    return {activity_key(sport, start) for sport, start in rows}


@dataclass(frozen=True)
class FileRecord:
    """What the importer knows of a stored file."""

    sha256: str
    path_key: str | None
    size: int
    mtime_ns: int | None


def known_files(session: Session, athlete: Athlete) -> list[FileRecord]:
    rows = session.execute(
        select(
            ImportedFile.sha256, ImportedFile.path_key, ImportedFile.size, ImportedFile.mtime_ns
        ).where(ImportedFile.athlete_id == athlete.id)
    )
    return [FileRecord(*row) for row in rows]


@dataclass(frozen=True)
class DroppedSession:
    key: ActivityKey
    start: datetime
    shoe: str | None


def drop_file_less_near(
    session: Session, athlete_id: int, activities: Sequence[Activity], within_s: int
) -> list[DroppedSession]:
    """Delete the stored sessions known only from an export's index (a Garmin summary, a
    Strava CSV line) that start within `within_s` seconds of one of `activities`, whatever
    their sport: a file being stored describes the same session in detail. Returns what was
    deleted (a shoe given to it can be carried over)."""
    if not activities:
        return []
    starts = [a.start for a in activities]  # aware, as the column reads and writes them
    margin = timedelta(seconds=within_s)
    query = (
        select(ActivityRow)
        .join(ImportedFile, ActivityRow.file_id == ImportedFile.id)
        .where(
            ActivityRow.athlete_id == athlete_id,
            ImportedFile.format.in_(FILE_LESS_FORMATS),
            ActivityRow.start_time.between(min(starts) - margin, max(starts) + margin),
        )
    )
    near = [
        row
        for row in session.scalars(query)
        if any(abs(row.start_time - start) <= margin for start in starts)
    ]
    dropped = [
        DroppedSession(
            activity_key(row.sport, row.start_time),
            row.start_time,
            row.shoe.name if row.shoe is not None else None,
        )
        for row in near
    ]
    for row in near:
        index_line = session.get_one(ImportedFile, row.file_id)
        index_line.activity_count = max(index_line.activity_count - 1, 0)
        session.delete(row)
    session.flush()
    return dropped


def record_import(
    session: Session,
    athlete_id: int,
    source: ImportedFile,
    activities: Sequence[Activity],
    known: set[ActivityKey],
) -> list[ActivityKey]:
    """Store a file and those of its activities not in `known`; returns the keys added.

    The caller commits, then adds the returned keys to `known`.
    """
    session.add(source)
    session.flush()
    added: list[ActivityKey] = []
    for activity in activities:
        key = activity_key(activity.sport.value, activity.start)
        if key in known or key in added:
            continue
        row = to_row(athlete_id, activity, source)
        if activity.shoe:
            athlete = session.get_one(Athlete, athlete_id)
            row.shoe = shoe_by_name(session, athlete, activity.shoe, create=True)
        session.add(row)
        added.append(key)
    source.activity_count = len(added)
    return added
