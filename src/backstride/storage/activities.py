"""Activities and the files they came from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from backstride.storage.models import ActivityRow, Athlete, ImportedFile
from backstride.storage.shoes import shoe_by_name
from backstride.training.activity import Activity, Sport

ActivityKey = tuple[str, datetime]


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
