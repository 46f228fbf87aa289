"""Request dependencies: the database session (one transaction per request) and the current
athlete.

Every page and API handler gets the person it acts for from `current_athlete` and from nowhere
else. In local mode that is the one default athlete; clinic mode extends this function (signed-in
account, role, grants) without touching the handlers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractContextManager, asynccontextmanager, suppress
from typing import Annotated, TypeVar

from fastapi import Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from backstride.storage.accounts import NotFound
from backstride.storage.athletes import default_athlete
from backstride.storage.db import Database
from backstride.storage.models import Athlete, User
from backstride.web import auth
from backstride.web.settings import WebSettings


# Plain lookups and the local-mode answers are `async def`: FastAPI runs a plain `def`
# dependency in a worker thread, and each such hop costs more than the work itself.
async def get_settings(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


def get_database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


async def db_session(request: Request) -> AsyncIterator[Session]:
    """One unit of work per request: committed when the handler returns, rolled back if it
    raises. `scope="function"` below makes the commit happen before the response is sent.

    The session is made on the event loop (it connects only when first used); ending it, which
    talks to the database, runs in a worker thread, and not at all if nothing used it."""
    unit = get_database(request).transaction()
    session = unit.__enter__()
    try:
        yield session
    except BaseException as exc:
        await _end_unit(unit, session, exc)
        raise
    await _end_unit(unit, session, None)


async def _end_unit(
    unit: AbstractContextManager[Session], session: Session, exc: BaseException | None
) -> None:
    """Commit (or, after `exc`, roll back) and close."""
    details = (None, None, None) if exc is None else (type(exc), exc, exc.__traceback__)
    transaction = session.get_transaction()
    if transaction is not None and transaction.connections:
        await run_in_threadpool(unit.__exit__, *details)
    else:  # no connection was taken: nothing to send to the database
        unit.__exit__(*details)


DbSession = Annotated[Session, Depends(db_session, scope="function")]
F = TypeVar("F", bound=Callable[..., object])
Settings = Annotated[WebSettings, Depends(get_settings)]


# --- Clinic mode (added by the clinic work; the logic is in backstride.web.auth) ------------
CsrfSubmitted = Annotated[str | None, Depends(auth.submitted_csrf)]


async def current_user(
    request: Request, settings: Settings, session: DbSession, submitted: CsrfSubmitted
) -> User | None:
    """The signed-in account (session cookie, CSRF-checked, or API token). Local mode: None.
    Clinic mode: a user, or `auth.LoginRequired` (a redirect to /login, or 401 under /api);
    the lookup reads the database, so it runs in a worker thread."""
    if settings.mode == "local":
        return None
    return await run_in_threadpool(auth.authenticate_request, request, session, submitted)


CurrentUser = Annotated[User | None, Depends(current_user)]
# Row ids are INTEGER columns (32-bit on PostgreSQL): a larger number cannot exist, and
# PostgreSQL refuses to compare with one, so ids are checked against this at the edge.
MAX_ID = 2**31 - 1
ATHLETE_CHOICE_HELP = (
    "Clinic mode, for clinicians and admins: whose data (an athlete id they may see). "
    "Ignored in local mode; athletes always get their own."
)
AthleteChoice = Annotated[
    int | None, Query(alias="athlete", ge=1, le=MAX_ID, description=ATHLETE_CHOICE_HELP)
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


def keep_viewed_athlete(
    request: Request,
    settings: Settings,
    session: DbSession,
    user: CurrentUser,
    chosen: AthleteChoice = None,
) -> None:
    """For pages that are the same for everyone (the knowledge base): a clinician or an admin
    reading them while looking at an athlete keeps that athlete on the page's links. An
    athlete they may not see is simply not kept (these pages show nobody's data)."""
    if settings.mode == "local" or user is None or chosen is None or user.role == "athlete":
        return
    with suppress(NotFound):
        auth.athlete_in_scope(request, session, user, chosen)


# Endpoints that check the user through `acting_athlete_id` rather than a dependency (a test makes
# sure every unsafe route does one or the other).
AUTHENTICATES_ITSELF: set[Callable[..., object]] = set()


def authenticates_itself(endpoint: F) -> F:
    AUTHENTICATES_ITSELF.add(endpoint)
    return endpoint


async def acting_athlete_id(request: Request, chosen: int | None) -> int | None:
    """The athlete id for a handler that takes no dependencies (the assessment create path,
    where resolving a dependency tree costs as much as the engine). Local mode: None, the
    default athlete, which the assessment writer finds in the transaction that stores the row
    (no query here, no worker thread). Clinic mode: exactly the dependencies' checks in the
    same order (user, CSRF, token scope, chosen athlete), in a unit of work of its own that is
    committed before this returns, so it holds no lock while the row is written."""
    settings: WebSettings = request.app.state.settings
    if settings.mode == "local":
        return None
    async with asynccontextmanager(db_session)(request) as session:
        user = await current_user(request, settings, session, await auth.submitted_csrf(request))
        athlete = await run_in_threadpool(current_athlete, request, settings, session, user, chosen)
        return athlete.id
