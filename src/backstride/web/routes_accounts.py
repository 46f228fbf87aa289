"""Account management in clinic mode: *My account* (`/account`: change one's own password), the
admins' *Users* page (`/admin/users`: create, reset a password, disable, enable) and their JSON
twins (`/api/v1/users`, `/api/v1/me/password`). Only mounted in clinic mode, so every address
here is a 404 in local mode.

Thin: each handler reads the form or body, calls `backstride.storage.accounts` and renders or
answers. Anyone but an admin gets a 404 for the admin addresses, exactly like an address that
does not exist (the convention of the clinic pages). Passwords are never echoed in an API error;
a form that comes back with an error keeps every other answer, and such pages are not cached.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from backstride.storage import accounts
from backstride.storage.models import ROLES, User
from backstride.web import auth
from backstride.web.api import ERRORS
from backstride.web.deps import MAX_ID, CurrentUser, DbSession
from backstride.web.errors import error_json
from backstride.web.pages import PostedForm, render
from backstride.web.problems import Problem, from_line
from backstride.web.schemas import ErrorOut

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["users"], responses=ERRORS)

UserId = Annotated[int, Path(ge=1, le=MAX_ID, description="The account's id.")]
ADMIN_ONLY: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "Not an admin (or no such account)."},
}
NO_STORE = {"Cache-Control": "no-store"}
CREATE_FIELDS = ("email", "role", "password")
PASSWORD_FIELDS = ("current_password", "new_password", "confirm_password")


def _signed_in(user: User | None) -> User:
    if user is None:  # local mode never mounts these routes; kept for the type checker
        raise auth.LoginRequired()
    return user


def _admin_page(user: User | None) -> User:
    me = _signed_in(user)
    if me.role != "admin":
        raise accounts.NotFound("page")
    return me


def _admin_api(user: User | None) -> User:
    me = _signed_in(user)
    if me.role != "admin":
        raise HTTPException(status_code=404)  # the same answer as an address that is not there
    return me


def _target(session: DbSession, user_id: int) -> User:
    found = accounts.get_user(session, user_id)
    if found is None:
        raise accounts.NotFound("account")
    return found


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    response = render(request, name, context, status)
    response.headers.update(NO_STORE)
    return response


def _sentence(text: str) -> str:
    """A storage message as a sentence beside a field: capital first letter (unless it starts
    with an email address), full stop."""
    text = text.strip()
    if text and "@" not in text.split(" ", 1)[0]:
        text = text[0].upper() + text[1:]
    return text + ("" if not text or text.endswith((".", "?", "!")) else ".")


def _by_field(
    message: str, fields: tuple[str, ...], rename: dict[str, str] | None = None
) -> tuple[str, str]:
    """The form field a storage message is about (`password: too short…` → `new_password`),
    and the message without the field name; the field is "" when none of `fields` fits."""
    problem = from_line(message)
    field = (rename or {}).get(problem.field, problem.field)
    if field in fields:
        return field, problem.allowed or message
    return "", message


# --- My account --------------------------------------------------------------------------------


def _account_page(
    request: Request,
    me: User,
    *,
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    changed = request.query_params.get("changed") is not None
    context = {
        "me": me,
        "form": form or {},
        "errors": {name: _sentence(text) for name, text in (errors or {}).items()},
        "changed": changed and status == 200,
    }
    return _page(request, "account.html", context, status)


@pages.get("/account", response_class=HTMLResponse)
def account_page(request: Request, user: CurrentUser) -> Response:
    return _account_page(request, _signed_in(user))


@pages.post("/account/password", response_class=HTMLResponse)
def change_password(
    request: Request, form: PostedForm, session: DbSession, user: CurrentUser
) -> Response:
    me = _signed_in(user)
    given = {name: str(form.get(name, "")) for name in PASSWORD_FIELDS}
    errors: dict[str, str] = {}
    status = 422
    if not given["current_password"]:
        errors["current_password"] = "give your current password"
    if not given["new_password"]:
        errors["new_password"] = "give a new password"
    elif given["confirm_password"] != given["new_password"]:
        errors["confirm_password"] = "does not match the new password; type it again"
    if not errors:
        try:
            accounts.change_password(
                session,
                me,
                given["current_password"],
                given["new_password"],
                keep=request.cookies.get(auth.SESSION_COOKIE),
            )
        except accounts.TooManyAttempts as exc:
            errors["current_password"] = str(exc)
            status = 429
        except accounts.AccountError as exc:  # answered, not raised: a wrong guess is counted
            field, text = _by_field(str(exc), PASSWORD_FIELDS, {"password": "new_password"})
            errors[field or "new_password"] = text
    if errors:
        kept = {name: value for name, value in given.items() if name not in errors}
        if "new_password" in errors:  # the confirmation repeats it: both are typed again
            kept.pop("confirm_password", None)
        return _account_page(request, me, form=kept, errors=errors, status=status)
    return RedirectResponse("/account?changed=1", status_code=303)


# --- Users (admins) ----------------------------------------------------------------------------


def _users_page(
    request: Request,
    session: DbSession,
    me: User,
    *,
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    row_errors: dict[int, str] | None = None,
    status: int = 200,
) -> Response:
    users = accounts.list_users(session)
    by_id = {u.id: u for u in users}
    message = ""
    if status == 200:
        for key, text in (
            ("created", "{email} can now sign in with the password you gave."),
            ("reset", "{email} has a new password; every session of theirs was ended."),
            ("disabled", "{email} is disabled: no sign-in, no session, no API token."),
            ("enabled", "{email} is enabled again."),
        ):
            raw = request.query_params.get(key, "")
            if raw.isdigit() and int(raw) in by_id:
                message = text.format(email=by_id[int(raw)].email)
    context = {
        "me": me,
        "users": users,
        "roles": ROLES,
        "form": form or {"role": "athlete"},
        "errors": {name: _sentence(text) for name, text in (errors or {}).items()},
        "row_errors": {key: _sentence(text) for key, text in (row_errors or {}).items()},
        "message": message,
        "enabled_admins": accounts.enabled_admins(session),
    }
    return _page(request, "admin_users.html", context, status)


@pages.get("/admin/users", response_class=HTMLResponse)
def users_page(request: Request, session: DbSession, user: CurrentUser) -> Response:
    return _users_page(request, session, _admin_page(user))


@pages.post("/admin/users", response_class=HTMLResponse)
def users_create(
    request: Request, form: PostedForm, session: DbSession, user: CurrentUser
) -> Response:
    me = _admin_page(user)
    given = {name: str(form.get(name, "")) for name in CREATE_FIELDS}
    try:
        made = accounts.create_user(session, given["email"], given["password"], given["role"])
    except accounts.AccountError as exc:
        field, text = _by_field(str(exc), CREATE_FIELDS, {"name": "email"})
        errors = {field or "email": text}
        kept = {name: value for name, value in given.items() if name not in errors}
        return _users_page(request, session, me, form=kept, errors=errors, status=422)
    return RedirectResponse(f"/admin/users?created={made.id}", status_code=303)


@pages.post("/admin/users/{user_id}/password", response_class=HTMLResponse)
def users_reset_password(
    request: Request, user_id: UserId, form: PostedForm, session: DbSession, user: CurrentUser
) -> Response:
    me = _admin_page(user)
    target = _target(session, user_id)
    if target.id == me.id:
        message = "use My account to change your own password (it needs the current one)"
        return _users_page(request, session, me, row_errors={target.id: message}, status=422)
    try:
        accounts.set_password(session, target, str(form.get("password", "")))
    except accounts.AccountError as exc:
        _, text = _by_field(str(exc), ("password",))
        return _users_page(request, session, me, row_errors={target.id: text}, status=422)
    return RedirectResponse(f"/admin/users?reset={target.id}", status_code=303)


@pages.post("/admin/users/{user_id}/disable", response_class=HTMLResponse)
def users_disable(
    request: Request, user_id: UserId, session: DbSession, user: CurrentUser
) -> Response:
    me = _admin_page(user)
    target = _target(session, user_id)
    try:
        accounts.disable_user(session, target, by=me)
    except accounts.AccountError as exc:
        _, text = _by_field(str(exc), ("disabled",))
        return _users_page(request, session, me, row_errors={target.id: text}, status=422)
    return RedirectResponse(f"/admin/users?disabled={target.id}", status_code=303)


@pages.post("/admin/users/{user_id}/enable", response_class=HTMLResponse)
def users_enable(
    request: Request, user_id: UserId, session: DbSession, user: CurrentUser
) -> Response:
    _admin_page(user)
    target = _target(session, user_id)
    accounts.enable_user(session, target)
    return RedirectResponse(f"/admin/users?enabled={target.id}", status_code=303)


# --- JSON API ----------------------------------------------------------------------------------


class UserOut(BaseModel):
    id: int
    email: str
    role: str = Field(description="athlete, clinician or admin.")
    athlete_id: int | None = Field(description="An athlete account's own athlete.")
    created_at: datetime
    last_login_at: datetime | None
    disabled: bool = Field(description="A disabled account cannot sign in or use its tokens.")
    disabled_at: datetime | None


class UserIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(
        description="Their email; it is their login.", examples=["runner@example.org"]
    )
    role: Literal["athlete", "clinician", "admin"] = Field(
        description="An athlete account gets an athlete record of its own."
    )
    password: str = Field(
        description="The initial password: at least 10 characters, not a common one. Never "
        "echoed back, not even in an error."
    )


class UserPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    disabled: bool = Field(
        description="true: no sign-in, every session ends, API tokens stop working (they are "
        "kept and work again once enabled); false: the account works again."
    )


class PasswordIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: str = Field(description="Your password now.")
    new_password: str = Field(description="At least 10 characters, not a common one.")


class PasswordChanged(BaseModel):
    sessions_ended: int = Field(
        description="How many of your other web sessions were ended (the one making the "
        "request, if a browser, is kept; API tokens are kept)."
    )


def _user_json(row: User) -> dict[str, Any]:
    return {
        "id": row.id,
        "email": row.email,
        "role": row.role,
        "athlete_id": row.athlete_id,
        "created_at": row.created_at,
        "last_login_at": row.last_login_at,
        "disabled": row.disabled_at is not None,
        "disabled_at": row.disabled_at,
    }


def _problem(
    exc: accounts.AccountError, values: dict[str, object], rename: dict[str, str] | None = None
) -> Response:
    """A storage refusal as the API's 422 shape (field, value, allowed); passwords are never
    echoed. Answered rather than raised, so that the transaction commits (a wrong current
    password is counted like a failed sign-in; nothing else was written)."""
    problem = from_line(str(exc))
    field = (rename or {}).get(problem.field, problem.field)
    message = f"{field}: {str(exc).split(': ', 1)[-1]}" if problem.field else str(exc)
    allowed = problem.allowed
    if "; expected " in allowed:
        allowed = allowed.split("; expected ", 1)[1]
    value = values.get(field)
    shown = None if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    return error_json(422, message, [Problem(field, shown, allowed, message)])


@api.get("/users", response_model=list[UserOut], responses=ADMIN_ONLY)
def list_users(session: DbSession, user: CurrentUser) -> list[dict[str, Any]]:
    """Every account, by email (admins only)."""
    _admin_api(user)
    return [_user_json(row) for row in accounts.list_users(session)]


@api.post("/users", status_code=201, response_model=UserOut, responses=ADMIN_ONLY)
def create_user(body: UserIn, session: DbSession, user: CurrentUser) -> Any:
    """Create an account (admins only); an athlete account gets its own athlete record."""
    _admin_api(user)
    try:
        made = accounts.create_user(session, body.email, body.password, body.role)
    except accounts.AccountError as exc:
        return _problem(exc, {"email": body.email, "role": body.role}, rename={"name": "email"})
    return _user_json(made)


@api.patch("/users/{user_id}", response_model=UserOut, responses=ADMIN_ONLY)
def update_user(user_id: UserId, body: UserPatch, session: DbSession, user: CurrentUser) -> Any:
    """Disable or enable an account (admins only). Nobody disables their own account, and the
    last enabled admin cannot be disabled."""
    me = _admin_api(user)
    target = _target(session, user_id)
    if body.disabled:
        try:
            accounts.disable_user(session, target, by=me)
        except accounts.AccountError as exc:
            return _problem(exc, {"disabled": True})
    else:
        accounts.enable_user(session, target)
    return _user_json(target)


@api.post(
    "/me/password",
    response_model=PasswordChanged,
    responses={429: {"model": ErrorOut, "description": "Too many wrong passwords lately."}},
)
def change_my_password(
    request: Request, body: PasswordIn, session: DbSession, user: CurrentUser
) -> Any:
    """Change your own password. The current one is required; a wrong one counts like a
    failed sign-in. Your other web sessions end; API tokens keep working."""
    me = _signed_in(user)
    try:
        ended = accounts.change_password(
            session,
            me,
            body.current_password,
            body.new_password,
            keep=None if _bearer(request) else request.cookies.get(auth.SESSION_COOKIE),
        )
    except accounts.TooManyAttempts as exc:
        return error_json(429, str(exc), [])
    except accounts.AccountError as exc:
        return _problem(exc, {}, rename={"password": "new_password"})
    return {"sessions_ended": ended}


def _bearer(request: Request) -> bool:
    return request.headers.get("authorization", "")[:7].lower() == "bearer "
