"""Saved assessments: the case, the engine's result and the knowledge-base version, as JSON."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Connection, Dialect, Table, bindparam, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator

from backstride.storage.athletes import default_athlete
from backstride.storage.models import Athlete, SavedAssessment, utcnow


def save_assessment(
    session: Session,
    athlete: Athlete,
    case: Mapping[str, Any],
    result: Mapping[str, Any],
    kb_version: str,
) -> SavedAssessment:
    saved = SavedAssessment(
        athlete_id=athlete.id, case=dict(case), result=dict(result), kb_version=kb_version
    )
    session.add(saved)
    session.flush()
    return saved


def list_assessments(session: Session, athlete: Athlete) -> Sequence[SavedAssessment]:
    query = select(SavedAssessment).where(SavedAssessment.athlete_id == athlete.id)
    return session.scalars(query.order_by(SavedAssessment.created_at, SavedAssessment.id)).all()


def latest_assessment(session: Session, athlete: Athlete) -> SavedAssessment | None:
    query = (
        select(SavedAssessment)
        .where(SavedAssessment.athlete_id == athlete.id)
        .order_by(SavedAssessment.created_at.desc(), SavedAssessment.id.desc())
        .limit(1)
    )
    return session.scalars(query).first()


@dataclass(frozen=True)
class AssessmentSummary:
    id: int
    created_at: datetime
    kb_version: str
    level: str | None
    action: str | None
    top_condition: str | None


def assessment_summaries(
    session: Session, athlete: Athlete, limit: int | None = None, offset: int = 0
) -> list[AssessmentSummary]:
    """Newest first, with the few result fields a list shows read by the database itself:
    loading whole results (tens of KB each) made a long history slow to list."""
    result = SavedAssessment.result
    query = (
        select(
            SavedAssessment.id,
            SavedAssessment.created_at,
            SavedAssessment.kb_version,
            result[("triage", "level")].as_string(),
            result[("triage", "action")].as_string(),
            result[("conditions", 0, "name")].as_string(),
        )
        .where(SavedAssessment.athlete_id == athlete.id)
        .order_by(SavedAssessment.created_at.desc(), SavedAssessment.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return [AssessmentSummary(*row) for row in session.execute(query)]


class JSONText(TypeDecorator[str]):
    """A value for a JSON column that is JSON text already: bound as it is, not serialised
    again (the API builds that text once, for the response and for the row)."""

    impl = JSON
    cache_ok = True

    def bind_processor(self, dialect: Dialect) -> None:
        return None


@dataclass(frozen=True, slots=True)
class AssessmentText:
    """An assessment to store, its case and result as JSON text. `athlete_id` None: the local
    default athlete, looked up (or created) in the storing transaction."""

    athlete_id: int | None
    case_json: str
    result_json: str
    kb_version: str


_TABLE: Table = SavedAssessment.__table__  # type: ignore[assignment]
_INSERT = (
    insert(_TABLE)
    .values(
        athlete_id=bindparam("athlete_id"),
        created_at=bindparam("created_at"),
        kb_version=bindparam("kb_version"),
        case=bindparam("case", type_=JSONText()),
        result=bindparam("result", type_=JSONText()),
    )
    .returning(_TABLE.c.id, sort_by_parameter_order=True)
)


def record_assessments(
    connection: Connection, rows: Sequence[AssessmentText], local_athlete_id: int | None
) -> list[tuple[int, datetime]]:
    """Store assessments with one multi-row INSERT (Core, no ORM objects) and return each
    one's id and time, in order: the API's fast path, where the rows are not used afterwards.
    Rows without an athlete go to `local_athlete_id` (see `local_athlete_id`). The caller
    commits."""
    params = []
    created = []
    for r in rows:
        at = utcnow()
        created.append(at)
        params.append(
            {
                "athlete_id": local_athlete_id if r.athlete_id is None else r.athlete_id,
                "created_at": at,
                "kb_version": r.kb_version,
                "case": r.case_json,
                "result": r.result_json,
            }
        )
    ids = connection.execute(_INSERT, params).scalars().all()
    return [(int(i), at) for i, at in zip(ids, created, strict=True)]


def local_athlete_id(connection: Connection) -> int:
    """The local default athlete's id, created if needed, in the connection's transaction."""
    with Session(bind=connection) as session:
        return default_athlete(session).id
