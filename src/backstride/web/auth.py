"""Clinic mode in the web app: who is asking, may they, and is the form really theirs.

- **Who**: a session cookie (`bs_session`: HttpOnly, SameSite=Lax, Secure over https or when
  `cookie_secure` says so) naming a row in `web_sessions`, or `Authorization: Bearer <API
  token>`. Both live in the database, so any number of app processes can serve one database;
  nothing is kept in process memory.
- **CSRF**: every unsafe request authenticated by the cookie must carry the session's CSRF
  token (form field `csrf_token` or header `X-CSRF-Token`). The token is an HMAC of the
  session token, so it needs no storage and dies with the session (synchronizer pattern without
  a table). The login form, before any session exists, uses a double-submit cookie. Bearer
  requests carry no ambient credential and are exempt.
- **Sliding expiry**: a session used in the second half of its life is extended by
  `storage.accounts.extend_session` (its own short write, skipped if the database is busy)
  and the middleware re-sends the cookie with the new Max-Age.
- **May they**: `athlete_in_scope` applies `backstride.storage.accounts.require_access`; an
  athlete who is not visible is a 404, exactly like one that does not exist.

This module holds plain functions; `backstride.web.deps` wraps them as FastAPI dependencies
and `install` wires the middleware, the error handlers and the routes into `create_app`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from contextvars import ContextVar
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backstride.errors import UserError
from backstride.storage.accounts import (
    NotFound,
    extend_session,
    find_session,
    require_access,
    token_allows,
    verify_api_token,
)
from backstride.storage.models import Athlete, User, utcnow
from backstride.web.links import remember_viewed_athlete
from backstride.web.settings import WebSettings

SESSION_COOKIE = "bs_session"
LOGIN_CSRF_COOKIE = "bs_login_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Reachable without signing in (everything else needs a session or a token). The API's
# description holds no data; /docs and /openapi.json are for integrators setting up.
PUBLIC_PATHS = ("/login", "/static/", "/api/v1/health", "/openapi.json", "/docs")
CHOOSE_ATHLETE_PAGE = "/clinic/athletes"
_CSRF_LABEL = b"backstride csrf v1"
# request.state key: the Set-Cookie value re-sending the session cookie after its extension.
_REFRESHED_COOKIE = "refreshed_session_cookie"

# The CSRF token of the request being served, for the `csrf_token()` template global (the
# templates' `csrf()` macro is imported without context). Set per request by the middleware.
_request_csrf: ContextVar[str] = ContextVar("backstride_request_csrf", default="")


@dataclass(frozen=True)
class SignedIn:
    """Who is signed in, detached from the database session (for templates)."""

    id: int
    email: str
    role: str
    athlete_id: int | None


class LoginRequired(Exception):
    """No valid session or token: pages redirect to /login, the API answers 401."""


# --- CSRF ------------------------------------------------------------------------------------


def csrf_for_session(session_token: str) -> str:
    return hmac.new(session_token.encode(), _CSRF_LABEL, hashlib.sha256).hexdigest()


def csrf_token() -> str:
    """Template global: the hidden form field's value for this request."""
    return _request_csrf.get()


def _cookies(scope: Scope) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header is simply ignored
                continue
    return {key: morsel.value for key, morsel in jar.items()}


def is_secure(request: Request, settings: WebSettings) -> bool:
    if settings.cookie_secure is not None:
        return settings.cookie_secure
    return request.url.scheme == "https"


class ClinicMiddleware:
    """Per request: work out the CSRF token for the templates, set the login double-submit
    cookie when a browser has neither it nor a session, and turn away anonymous requests to
    anything but the public paths (the full check is in the dependencies)."""

    def __init__(self, app: ASGIApp, settings: WebSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cookies = _cookies(scope)
        session_token = cookies.get(SESSION_COOKIE)
        new_login_token: str | None = None
        if session_token:
            token = csrf_for_session(session_token)
        else:
            token = cookies.get(LOGIN_CSRF_COOKIE, "")
            if len(token) != 43:
                token = new_login_token = secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf_token"] = token
        path: str = scope.get("path", "")
        anonymous = not session_token and not _has_bearer(scope)
        if anonymous and not path.startswith(PUBLIC_PATHS):
            response = login_required_response(Request(scope))
            await response(scope, receive, send)
            return

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and new_login_token is not None:
                cookie = _set_cookie_header(
                    LOGIN_CSRF_COOKIE, new_login_token, self._secure(scope), max_age=3600
                )
                message.setdefault("headers", []).append((b"set-cookie", cookie.encode()))
            if message["type"] == "http.response.start":
                # The session was extended while serving this request (authenticate_request):
                # the browser's cookie gets the new lifetime too, whatever the response is.
                refreshed = scope.get("state", {}).get(_REFRESHED_COOKIE)
                if refreshed:
                    message.setdefault("headers", []).append((b"set-cookie", refreshed.encode()))
            await send(message)

        reset = _request_csrf.set(token)
        try:
            await self.app(scope, receive, send_with_cookie)
        finally:
            _request_csrf.reset(reset)

    def _secure(self, scope: Scope) -> bool:
        if self.settings.cookie_secure is not None:
            return self.settings.cookie_secure
        return bool(scope.get("scheme") == "https")


def _has_bearer(scope: Scope) -> bool:
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            return bool(value[:7].lower() == b"bearer ")
    return False


def _set_cookie_header(name: str, value: str, secure: bool, max_age: int | None) -> str:
    parts = [f"{name}={value}", "Path=/", "HttpOnly", "SameSite=Lax"]
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


async def submitted_csrf(request: Request) -> str | None:
    """The CSRF token an unsafe request carries (header first, else the form field)."""
    if request.method in SAFE_METHODS:
        return None
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    kind = request.headers.get("content-type", "")
    if kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        value = (await request.form()).get(CSRF_FIELD)  # cached: the handler reads it again
        return value if isinstance(value, str) else None
    return None


def csrf_matches(expected: str, submitted: str | None) -> bool:
    return (
        bool(expected)
        and submitted is not None
        and hmac.compare_digest(expected.encode(), submitted.encode("utf-8", "surrogatepass"))
    )


def _csrf_refused() -> HTTPException:
    return HTTPException(
        status_code=403,
        detail="This form has expired or did not come from backstride; reload the page and "
        "try again.",
    )


def check_login_csrf(request: Request, submitted: str | None) -> None:
    """The login form: the field must match the token the middleware derived from this
    browser's cookies (the double-submit cookie, or a stale session cookie): a page from
    another site cannot read either."""
    if not csrf_matches(getattr(request.state, "csrf_token", ""), submitted):
        raise _csrf_refused()


# --- who is asking ---------------------------------------------------------------------------


def authenticate_request(request: Request, session: Session, submitted_csrf: str | None) -> User:
    """The user behind this request, or `LoginRequired`; checks the CSRF token and the token
    scope on the way. Also sets `request.state.user` for the templates."""
    authorization = request.headers.get("authorization", "")
    if authorization[:7].lower() == "bearer ":
        token = verify_api_token(session, authorization[7:].strip())
        if token is None:
            raise LoginRequired()
        needed = "read" if request.method in SAFE_METHODS else "write"
        if not token_allows(token, needed):
            raise HTTPException(status_code=403, detail=f"This API token may not {needed}.")
        user = token.user
    else:
        cookie = request.cookies.get(SESSION_COOKIE)
        found = find_session(session, cookie)
        if found is None or cookie is None:
            raise LoginRequired()
        if request.method not in SAFE_METHODS and not csrf_matches(
            csrf_for_session(cookie), submitted_csrf
        ):
            raise _csrf_refused()
        user = found.user
        if found.extension_due:
            _extend(request, session, cookie)
    # A plain copy for the templates: error pages render after the session has closed.
    request.state.user = SignedIn(user.id, user.email, user.role, user.athlete_id)
    return user


def _extend(request: Request, session: Session, cookie: str) -> None:
    """Slide the session's expiry in a short write of its own (skipped if the database is
    busy: a later request tries again) and, when it moved, re-send the cookie with the new
    Max-Age (ClinicMiddleware adds the header to the response)."""
    settings: WebSettings = request.app.state.settings
    now = utcnow()
    expires = extend_session(session.get_bind().engine, cookie, now=now)
    if expires is not None:
        max_age = int((expires - now).total_seconds())
        header = session_cookie_header(request, settings, cookie, max_age)
        setattr(request.state, _REFRESHED_COOKIE, header)


class NoAthleteChosen(UserError):
    """A clinician or an admin asked for one athlete's data without saying whose. The API
    answers 422; a page sends them to choose (`choose_athlete_response`)."""

    def __init__(self) -> None:
        super().__init__(
            "athlete: choose whose data to see, e.g. ?athlete=12 (see /clinic/athletes or "
            "/api/v1/athletes)"
        )


def athlete_in_scope(request: Request, session: Session, user: User, chosen: int | None) -> Athlete:
    """The athlete a request acts for: an athlete's own; for a clinician or an admin, the one
    named by the `athlete` path or query parameter, if visible to them (else 404). Clinicians
    only read what athletes shared (403 on a change); admins may change anything."""
    if chosen is None:
        raw = request.path_params.get("athlete")
        if raw is not None:
            try:
                chosen = int(raw)
            except (TypeError, ValueError):
                raise NotFound() from None
    if user.role == "athlete":
        if user.athlete_id is None or (chosen is not None and chosen != user.athlete_id):
            raise NotFound()
        return require_access(session, user, user.athlete_id)
    if chosen is None:
        raise NoAthleteChosen()
    athlete = require_access(session, user, chosen)  # 404 first: never reveal, then refuse
    # Links on the page keep this athlete (see backstride.web.links).
    remember_viewed_athlete(request, athlete.id, athlete.name)
    if user.role == "clinician" and request.method not in SAFE_METHODS:
        raise HTTPException(
            status_code=403, detail="A clinician can read an athlete's data but not change it."
        )
    return athlete


# --- responses -------------------------------------------------------------------------------


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def login_required_response(request: Request) -> Response:
    if wants_json(request):
        from backstride.web.errors import error_json

        response: Response = error_json(401, "Sign in, or send an API token as a Bearer.", [])
        response.headers["WWW-Authenticate"] = 'Bearer realm="backstride"'
        return response
    return RedirectResponse(f"/login?next={quote(_here(request), safe='')}", status_code=303)


def choose_athlete_response(request: Request) -> Response:
    """A page asked for without an athlete: the list of athletes, which then opens that page
    for the one chosen."""
    target = quote(_here(request), safe="")
    return RedirectResponse(f"{CHOOSE_ATHLETE_PAGE}?next={target}", status_code=303)


def _here(request: Request) -> str:
    return request.url.path + (f"?{request.url.query}" if request.url.query else "")


def safe_next(target: str | None) -> str | None:
    """A redirect target after login: a path on this site only (no scheme, no //host)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    return target


def _put_session_cookie(
    response: Response, request: Request, settings: WebSettings, token: str, max_age: int
) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="lax",
        secure=is_secure(request, settings),
    )


def set_session_cookie(
    response: Response, request: Request, settings: WebSettings, token: str, max_age: int
) -> None:
    _put_session_cookie(response, request, settings, token, max_age)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")


def session_cookie_header(request: Request, settings: WebSettings, token: str, max_age: int) -> str:
    """The Set-Cookie value `set_session_cookie` sends (same attributes), for re-sending the
    cookie with a new Max-Age when the session is extended."""
    probe = Response()
    _put_session_cookie(probe, request, settings, token, max_age)
    return probe.headers["set-cookie"]


def clear_session_cookie(response: Response, request: Request, settings: WebSettings) -> None:
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=is_secure(request, settings)
    )


# --- wiring ----------------------------------------------------------------------------------


def install(app: FastAPI, settings: WebSettings) -> None:
    """Called by `create_app` in clinic mode."""
    from backstride.web import errors, routes_accounts, routes_auth

    async def login_required(request: Request, _exc: Exception) -> Response:
        return login_required_response(request)

    async def not_found(request: Request, exc: Exception) -> Response:
        return errors.respond(request, 404, str(exc), [])

    async def no_athlete_chosen(request: Request, exc: Exception) -> Response:
        if wants_json(request) or request.method not in SAFE_METHODS:
            return await errors.user_error(request, exc)
        return choose_athlete_response(request)

    app.add_exception_handler(LoginRequired, login_required)
    app.add_exception_handler(NotFound, not_found)
    app.add_exception_handler(NoAthleteChosen, no_athlete_chosen)
    app.add_middleware(ClinicMiddleware, settings=settings)
    app.state.templates.env.globals["csrf_token"] = csrf_token
    app.include_router(routes_auth.pages)
    app.include_router(routes_auth.api)
    app.include_router(routes_accounts.pages)
    app.include_router(routes_accounts.api)


def describe_user(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "email": user.email,
        "role": user.role,
        "athlete_id": user.athlete_id,
    }
