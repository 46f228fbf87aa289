"""Instrument scores: save one completed instrument, list them, and read them as trends.

Scoring is the core's (`backstride.instruments`); this layer only stores the item scores with
the total and band it computed. The caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from backstride.errors import UserError
from backstride.instruments import INSTRUMENTS, Score
from backstride.instruments.trends import Point, Trend, trend
from backstride.storage.models import Athlete, InstrumentScore


def save_score(session: Session, athlete: Athlete, score: Score, taken_on: date) -> InstrumentScore:
    row = InstrumentScore(
        athlete_id=athlete.id,
        instrument=score.instrument,
        taken_on=taken_on,
        items=dict(score.items),
        total=float(score.total),
        band=score.band,
    )
    session.add(row)
    session.flush()
    return row


def list_scores(
    session: Session,
    athlete: Athlete,
    instrument: str | None = None,
    *,
    until: date | None = None,
) -> Sequence[InstrumentScore]:
    """Scores oldest first (by day, then by entry), optionally of one instrument."""
    if instrument is not None and instrument not in INSTRUMENTS:
        raise UserError(
            f"instrument: {instrument!r} is not allowed; expected one of {', '.join(INSTRUMENTS)}"
        )
    query = select(InstrumentScore).where(InstrumentScore.athlete_id == athlete.id)
    if instrument is not None:
        query = query.where(InstrumentScore.instrument == instrument)
    if until is not None:
        query = query.where(InstrumentScore.taken_on <= until)
    return session.scalars(query.order_by(InstrumentScore.taken_on, InstrumentScore.id)).all()


def delete_score(session: Session, athlete: Athlete, score_id: int) -> None:
    row = session.get(InstrumentScore, score_id)
    if row is None or row.athlete_id != athlete.id:
        raise UserError(f"score {score_id}: no such instrument score")
    session.delete(row)
    session.flush()


def points(rows: Sequence[InstrumentScore]) -> dict[str, list[Point]]:
    """Rows as dated points per instrument, in `INSTRUMENTS` order."""
    out: dict[str, list[Point]] = {}
    for row in rows:
        out.setdefault(row.instrument, []).append(Point(row.taken_on, row.total, row.band))
    return {name: out[name] for name in INSTRUMENTS if name in out}


def trends(rows: Sequence[InstrumentScore]) -> list[Trend]:
    """One trend per instrument that has scores, baseline against latest."""
    found = (trend(name, pts) for name, pts in points(rows).items())
    return [t for t in found if t is not None]
