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
