"""Saved assessments: the case, the engine's result and the knowledge-base version, as JSON."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backstride.storage.models import Athlete, SavedAssessment


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
