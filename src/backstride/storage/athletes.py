"""Athletes. Local mode has a single default athlete, created the first time it is needed."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from backstride.storage.models import Athlete

DEFAULT_ATHLETE = "me"


def get_athlete(session: Session, name: str = DEFAULT_ATHLETE) -> Athlete | None:
    return session.scalar(select(Athlete).where(Athlete.name == name))


def default_athlete(session: Session, name: str = DEFAULT_ATHLETE) -> Athlete:
    """The athlete called `name`, created on demand (flushed, not committed)."""
    athlete = get_athlete(session, name)
    if athlete is None:
        athlete = Athlete(name=name)
        session.add(athlete)
        session.flush()
    return athlete
