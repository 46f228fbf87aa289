"""Request dependencies: the database session (one transaction per request) and the current
athlete.

Every page and API handler gets the person it acts for from `current_athlete` and from nowhere
else. In local mode that is the one default athlete; clinic mode extends this function (signed-in
account, role, grants) without touching the handlers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Query, Request
from sqlalchemy.orm import Session

from backstride.storage.athletes import default_athlete
from backstride.storage.db import Database
from backstride.storage.models import Athlete, User
from backstride.web import auth
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


# --- Clinic mode (added by the clinic work; the logic is in backstride.web.auth) ------------
CsrfSubmitted = Annotated[str | None, Depends(auth.submitted_csrf)]


def current_user(
    request: Request, settings: Settings, session: DbSession, submitted: CsrfSubmitted
) -> User | None:
    """The signed-in account (session cookie, CSRF-checked, or API token). Local mode: None.
    Clinic mode: a user, or `auth.LoginRequired` (a redirect to /login, or 401 under /api)."""
    if settings.mode == "local":
        return None
    return auth.authenticate_request(request, session, submitted)


CurrentUser = Annotated[User | None, Depends(current_user)]
AthleteChoice = Annotated[
    int | None,
    Query(
        alias="athlete",
        description="Clinic mode, for clinicians and admins: whose data (an athlete id they "
        "may see). Ignored in local mode; athletes always get their own.",
    ),
]


def current_athlete(
    request: Request,
    settings: Settings,
    session: DbSession,
    user: CurrentUser,
    chosen: AthleteChoice = None,
) -> Athlete:
    """The athlete this request acts for. Local mode: the default athlete (created once).
    Clinic mode: the user's own, or the one chosen by a clinician or admin if visible (404
    otherwise, exactly as if it did not exist)."""
    if settings.mode == "local":
        return default_athlete(session)
    assert user is not None  # current_user raised otherwise
    return auth.athlete_in_scope(request, session, user, chosen)


CurrentAthlete = Annotated[Athlete, Depends(current_athlete)]
