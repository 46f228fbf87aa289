"""Request dependencies: the database session (one transaction per request) and the current
athlete.

Every page and API handler gets the person it acts for from `current_athlete` and from nowhere
else. In local mode that is the one default athlete; clinic mode extends this function (signed-in
account, role, grants) without touching the handlers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from backstride.storage.athletes import default_athlete
from backstride.storage.db import Database
from backstride.storage.models import Athlete
from backstride.web.settings import WebSettings


def get_settings(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


def get_database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


def db_session(database: Annotated[Database, Depends(get_database)]) -> Iterator[Session]:
    """One unit of work per request: committed when the handler returns, rolled back if it
    raises. `scope="function"` below makes the commit happen before the response is sent."""
    with database.transaction() as session:
        yield session


DbSession = Annotated[Session, Depends(db_session, scope="function")]
Settings = Annotated[WebSettings, Depends(get_settings)]


def current_athlete(settings: Settings, session: DbSession) -> Athlete:
    """The athlete this request acts for. Local mode: the default athlete (created once)."""
    if settings.mode == "local":
        return default_athlete(session)
    raise HTTPException(status_code=401, detail="Sign in to continue.")


CurrentAthlete = Annotated[Athlete, Depends(current_athlete)]
