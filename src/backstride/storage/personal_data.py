"""All of one person's data out as JSON, and all of it deleted."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from backstride.storage.models import (
    ActivityRow,
    Athlete,
    Base,
    DiaryEntry,
    ImportedFile,
    InstrumentScore,
    SavedAssessment,
    Shoe,
)

EXPORT_FORMAT = 1

# Children first, so deleting works even where foreign keys are not enforced.
_OWNED = (InstrumentScore, SavedAssessment, DiaryEntry, ActivityRow, Shoe, ImportedFile)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _row_dict(row: Base) -> dict[str, Any]:
    return {col.key: _plain(getattr(row, col.key)) for col in row.__mapper__.column_attrs}


def export_athlete(session: Session, athlete: Athlete) -> dict[str, Any]:
    """Every row that belongs to `athlete`, as JSON-ready dictionaries."""
    sections: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "athlete": _row_dict(athlete),
    }
    for model in reversed(_OWNED):
        table: Any = model.__table__
        rows = session.scalars(
            select(model).where(table.c.athlete_id == athlete.id).order_by(table.c.id)
        )
        sections[str(table.name)] = [_row_dict(row) for row in rows]
    return sections


def delete_athlete(session: Session, athlete: Athlete) -> dict[str, int]:
    """Delete the athlete and everything they own; returns the number of rows per table."""
    counts: dict[str, int] = {}
    for model in _OWNED:
        table: Any = model.__table__
        result = session.execute(delete(table).where(table.c.athlete_id == athlete.id))
        counts[str(table.name)] = int(getattr(result, "rowcount", 0) or 0)
    session.delete(athlete)
    session.flush()
    counts["athletes"] = 1
    return counts
