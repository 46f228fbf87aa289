"""Saved assessments: the case, the engine's result and the knowledge-base version, as JSON."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

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


def record_assessment(
    session: Session,
    athlete_id: int,
    case: Mapping[str, Any],
    result: Mapping[str, Any],
    kb_version: str,
) -> tuple[int, datetime]:
    """Store an assessment with one INSERT (no ORM object) and return its id and time: the
    API's fast path, where the row is not used afterwards. The caller commits."""
    created = utcnow()
    statement = (
        insert(SavedAssessment)
        .values(
            athlete_id=athlete_id,
            created_at=created,
            kb_version=kb_version,
            case=dict(case),
            result=dict(result),
        )
        .returning(SavedAssessment.id)
    )
    return int(session.execute(statement).scalar_one()), created
