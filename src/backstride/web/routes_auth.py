"""Clinic-mode routes: sign in and out, a clinician's athletes, an athlete's sharing, API tokens
(pages and `/api/v1/tokens`, `/api/v1/athletes`, `/api/v1/me`). Only mounted in clinic mode.

Thin: each handler reads the form, calls `backstride.storage.accounts`, and renders or answers.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.datastructures import FormData

from backstride.storage import accounts
from backstride.storage.models import ApiToken, User
from backstride.web import auth
from backstride.web.deps import MAX_ID, CsrfSubmitted, CurrentUser, DbSession, Settings
from backstride.web.links import with_athlete

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["accounts"])
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]


async def _form(request: Request) -> FormData:
    return await request.form()


PostedForm = Annotated[FormData, Depends(_form)]


def _render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    response: Response = request.app.state.templates.TemplateResponse(
        request, name, context, status_code=status
    )
    return response


def _signed_in(user: User | None) -> User:
    if user is None:  # local mode never mounts these routes; kept for the type checker
        raise auth.LoginRequired()
    return user


def _home_of(user: User) -> str:
    return "/" if user.role == "athlete" else auth.CHOOSE_ATHLETE_PAGE


# --- signing in and out ----------------------------------------------------------------------


@pages.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = None) -> Response:
    return _render(request, "login.html", {"next": auth.safe_next(next) or "", "email": ""})


@pages.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    form: PostedForm,
    session: DbSession,
    settings: Settings,
    submitted: CsrfSubmitted,
) -> Response:
    auth.check_login_csrf(request, submitted)
    email = str(form.get("email", ""))
    target = auth.safe_next(str(form.get("next", "")))
    try:
        user = accounts.authenticate(session, email, str(form.get("password", "")))
    except (accounts.LoginFailed, accounts.TooManyAttempts) as exc:
        # Answered, not raised: the transaction commits and the failure is counted.
        context = {"next": target or "", "email": email.strip(), "error": str(exc)}
        status = 429 if isinstance(exc, accounts.TooManyAttempts) else 401
        return _render(request, "login.html", context, status)
    # A fresh session on every login (no fixation); whatever the browser had is ended, and
    # sessions that lapsed anywhere (and old failed sign-ins) are cleared out while we are here.
    accounts.end_session(session, request.cookies.get(auth.SESSION_COOKIE))
    accounts.purge_expired_sessions(session)
    accounts.purge_login_failures(session)
    token, row = accounts.start_session(session, user)
    response = RedirectResponse(target or _home_of(user), status_code=303)
    lifetime = int((row.expires_at - row.created_at).total_seconds())
    auth.set_session_cookie(response, request, settings, token, lifetime)
    return response


@pages.post("/logout")
def logout(request: Request, session: DbSession, settings: Settings, user: CurrentUser) -> Response:
    accounts.end_session(session, request.cookies.get(auth.SESSION_COOKIE))
    response = RedirectResponse("/login", status_code=303)
    auth.clear_session_cookie(response, request, settings)
    return response


# --- a clinician's athletes ------------------------------------------------------------------


@pages.get(auth.CHOOSE_ATHLETE_PAGE, response_class=HTMLResponse)
def clinic_athletes(
    request: Request,
    session: DbSession,
    user: CurrentUser,
    next_page: Annotated[str | None, Query(alias="next", max_length=2000)] = None,
) -> Response:
    """The athletes a clinician or an admin may see. With `next` (a page that was asked for
    without saying whose), each athlete's name opens that page for them."""
    me = _signed_in(user)
    if me.role == "athlete":
        raise accounts.NotFound("page")
    athletes = accounts.visible_athletes(session, me)
    target = auth.safe_next(next_page)
    if target is not None and urlsplit(target).path == auth.CHOOSE_ATHLETE_PAGE:
        target = None
    opens = {a.id: with_athlete(target or "/", a.id) for a in athletes}
    context = {"athletes": athletes, "me": me, "asked_for": target, "opens": opens}
    return _render(request, "clinic_athletes.html", context)


# --- an athlete shares their data ------------------------------------------------------------


def _own_athlete_id(user: User) -> int:
    if user.role != "athlete" or user.athlete_id is None:
        raise accounts.NotFound("page")
    return user.athlete_id


def _sharing_page(
    request: Request, session: DbSession, user: User, message: str = "", status: int = 200
) -> Response:
    clinicians = accounts.clinicians_of(session, _own_athlete_id(user))
    context = {"clinicians": clinicians, "message": message, "error": status >= 400}
    return _render(request, "sharing.html", context, status)


@pages.get("/account/sharing", response_class=HTMLResponse)
def sharing_page(request: Request, session: DbSession, user: CurrentUser) -> Response:
    return _sharing_page(request, session, _signed_in(user))


@pages.post("/account/sharing", response_class=HTMLResponse)
def share(request: Request, form: PostedForm, session: DbSession, user: CurrentUser) -> Response:
    me = _signed_in(user)
    own = _own_athlete_id(me)
    email = str(form.get("email", "")).strip()
    clinician = accounts.find_user(session, email) if email else None
    if clinician is None or clinician.role != "clinician":
        message = "No clinician with that email here; check it with your clinician."
        return _sharing_page(request, session, me, message, 422)
    accounts.grant_access(session, own, clinician)
    return _sharing_page(request, session, me, f"{clinician.email} can now see your data.")


@pages.post("/account/sharing/{clinician_id}/revoke", response_class=HTMLResponse)
def unshare(
    request: Request, clinician_id: RowId, session: DbSession, user: CurrentUser
) -> Response:
    me = _signed_in(user)
    clinician = accounts.get_user(session, clinician_id)
    if clinician is None or not accounts.revoke_access(session, _own_athlete_id(me), clinician):
        raise accounts.NotFound("clinician")
    return _sharing_page(request, session, me, f"{clinician.email} can no longer see your data.")


# --- API tokens (page) -----------------------------------------------------------------------


def _tokens_page(
    request: Request,
    session: DbSession,
    user: User,
    new_token: str = "",
    error: str = "",
    status: int = 200,
) -> Response:
    context = {
        "tokens": accounts.list_api_tokens(session, user),
        "new_token": new_token,
        "error": error,
        "scopes": accounts.SCOPES,
    }
    return _render(request, "tokens.html", context, status)


@pages.get("/account/tokens", response_class=HTMLResponse)
def tokens_page(request: Request, session: DbSession, user: CurrentUser) -> Response:
    return _tokens_page(request, session, _signed_in(user))


@pages.post("/account/tokens", response_class=HTMLResponse)
def tokens_create(
    request: Request, form: PostedForm, session: DbSession, user: CurrentUser
) -> Response:
    me = _signed_in(user)
    scopes = [str(s) for s in form.getlist("scopes")] or None
    try:
        token, _ = accounts.create_api_token(session, me, str(form.get("name", "")), scopes=scopes)
    except accounts.AccountError as exc:
        return _tokens_page(request, session, me, error=str(exc), status=422)
    return _tokens_page(request, session, me, new_token=token)


@pages.post("/account/tokens/{token_id}/revoke", response_class=HTMLResponse)
def tokens_revoke(
    request: Request, token_id: RowId, session: DbSession, user: CurrentUser
) -> Response:
    me = _signed_in(user)
    accounts.revoke_api_token(session, token_id, by=me)
    return RedirectResponse("/account/tokens", status_code=303)


# --- JSON API --------------------------------------------------------------------------------


class Me(BaseModel):
    id: int
    email: str
    role: str
    athlete_id: int | None


class AthleteOut(BaseModel):
    id: int
    name: str


class TokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100, description="What the token is for.")
    scopes: list[str] | None = Field(
        default=None, description="A subset of read, write; omit for everything you may do."
    )


class TokenOut(BaseModel):
    id: int
    name: str
    prefix: str
    scopes: list[str] | None
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class NewTokenOut(TokenOut):
    token: str = Field(description="The full token. Shown once; it cannot be recovered.")


def _token_json(row: ApiToken) -> dict[str, Any]:
    return TokenOut.model_validate(row, from_attributes=True).model_dump()


@api.get("/me", response_model=Me)
def me(user: CurrentUser) -> dict[str, Any]:
    """The account making the request."""
    return auth.describe_user(_signed_in(user))


@api.get("/athletes", response_model=list[AthleteOut])
def athletes(session: DbSession, user: CurrentUser) -> list[dict[str, Any]]:
    """The athletes this account may see (pass one's id as `?athlete=` to the other calls)."""
    rows = accounts.visible_athletes(session, _signed_in(user))
    return [{"id": a.id, "name": a.name} for a in rows]


@api.get("/tokens", response_model=list[TokenOut])
def list_tokens(session: DbSession, user: CurrentUser) -> list[dict[str, Any]]:
    """Your API tokens (prefixes only)."""
    return [_token_json(t) for t in accounts.list_api_tokens(session, _signed_in(user))]


@api.post("/tokens", status_code=201, response_model=NewTokenOut)
def create_token(body: TokenIn, session: DbSession, user: CurrentUser) -> dict[str, Any]:
    """Create a token acting with your rights; the answer is the only time it is shown."""
    token, row = accounts.create_api_token(session, _signed_in(user), body.name, scopes=body.scopes)
    return {**_token_json(row), "token": token}


@api.delete("/tokens/{token_id}", status_code=204)
def revoke_token(token_id: RowId, session: DbSession, user: CurrentUser) -> Response:
    """Revoke one of your tokens at once (404 if it is not yours)."""
    accounts.revoke_api_token(session, token_id, by=_signed_in(user))
    return Response(status_code=204)
