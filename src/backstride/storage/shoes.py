"""Shoes and their mileage: the start kilometres plus every run assigned to them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backstride.errors import UserError
from backstride.storage.models import ActivityRow, Athlete, Shoe
from backstride.training.activity import Sport


@dataclass(frozen=True)
class ShoeMileage:
    shoe: Shoe
    km: float
    runs: int


def shoe_by_name(session: Session, athlete: Athlete, name: str, *, create: bool = False) -> Shoe:
    shoe = session.scalar(select(Shoe).where(Shoe.athlete_id == athlete.id, Shoe.name == name))
    if shoe is None:
        if not create:
            raise UserError(f"no shoe called {name!r}")
        shoe = Shoe(athlete=athlete, name=name, start_km=0.0, retired=False)
        session.add(shoe)
        session.flush()
    return shoe


def add_shoe(
    session: Session,
    athlete: Athlete,
    name: str,
    *,
    brand: str | None = None,
    start_km: float = 0.0,
) -> Shoe:
    if start_km < 0:
        raise UserError("start kilometres cannot be negative")
    existing = session.scalar(select(Shoe).where(Shoe.athlete_id == athlete.id, Shoe.name == name))
    if existing is not None:
        raise UserError(f"a shoe called {name!r} already exists")
    shoe = Shoe(athlete=athlete, name=name, brand=brand, start_km=start_km, retired=False)
    session.add(shoe)
    session.flush()
    return shoe


def retire_shoe(session: Session, athlete: Athlete, name: str) -> Shoe:
    shoe = shoe_by_name(session, athlete, name)
    shoe.retired = True
    return shoe


def shoe_mileage(
    session: Session, athlete: Athlete, *, include_retired: bool = True
) -> Sequence[ShoeMileage]:
    run_km = (
        select(
            ActivityRow.shoe_id,
            func.coalesce(func.sum(ActivityRow.distance_m), 0.0).label("metres"),
            func.count(ActivityRow.id).label("runs"),
        )
        .where(ActivityRow.athlete_id == athlete.id, ActivityRow.sport == Sport.running.value)
        .group_by(ActivityRow.shoe_id)
        .subquery()
    )
    query = (
        select(Shoe, run_km.c.metres, run_km.c.runs)
        .outerjoin(run_km, run_km.c.shoe_id == Shoe.id)
        .where(Shoe.athlete_id == athlete.id)
        .order_by(Shoe.retired, Shoe.name)
    )
    if not include_retired:
        query = query.where(Shoe.retired.is_(False))
    return [
        ShoeMileage(shoe=shoe, km=shoe.start_km + (metres or 0.0) / 1000.0, runs=runs or 0)
        for shoe, metres, runs in session.execute(query)
    ]
