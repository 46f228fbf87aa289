"""Clinic accounts: users, passwords, web sessions, API tokens and who may see which athlete.

Services take a session and never commit; the caller owns the transaction. Time is an
argument (`now`), defaulting to the clock, so tests can freeze it.

Access rules, in one place (`visible_athletes`, `require_access`):
- an athlete sees only their own athlete;
- a clinician sees only the athletes who granted them access;
- an admin sees every athlete.
Anything not visible is reported exactly like something that does not exist (`NotFound`), so
that ids cannot be probed.

Secrets: passwords are stored as argon2id hashes; session and API tokens are 256-bit random
values of which only a SHA-256 digest is stored. Nothing here logs an email, password or token.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, Engine, Select, delete, exists, func, select, text, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from backstride.errors import UserError
from backstride.storage.models import (
    ROLES,
    ApiToken,
    Athlete,
    ClinicianGrant,
    LoginFailure,
    User,
    WebSession,
    utcnow,
)

SESSION_LIFETIME = timedelta(days=14)
# Sliding expiry: a session is extended once it is in the second half of its life, and never
# twice within this long (which matters only for short lifetimes).
SESSION_EXTEND_INTERVAL = timedelta(minutes=10)
# How long the extension's own write may wait for a lock before it is skipped this time.
SESSION_EXTEND_WAIT = timedelta(milliseconds=100)
API_TOKEN_PREFIX = "bst_"
SCOPES = ("read", "write")
PASSWORD_MIN = 10
PASSWORD_MAX = 1024  # argon2 would take anything; a cap keeps a login request cheap to refuse
LAST_USED_RESOLUTION = timedelta(minutes=1)
LOGIN_FAILURE_LIMIT = 10  # failed sign-ins for one email…
LOGIN_FAILURE_WINDOW = timedelta(
    minutes=15
)  # …within this long, then a pause  # token use is recorded at most once a minute

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(rf"^[^@\s]{{1,64}}@{_LABEL}(?:\.{_LABEL})+$")
# The commonest passwords of at least PASSWORD_MIN characters in public breach lists.
_COMMON_PASSWORDS = frozenset(
    {
        "1234567890",
        "0123456789",
        "12345678910",
        "1q2w3e4r5t",
        "qwertyuiop",
        "1qaz2wsx3edc",
        "password123",
        "password1234",
        "iloveyou123",
        "qwerty12345",
        "abcdefghij",
        "backstride",
        "backstride123",
        "letmein123",
        "welcome123",
        "changeme123",
    }
)


class AccountError(UserError):
    """An account request that cannot be carried out (bad email, weak password, taken…)."""


class LoginFailed(AccountError):
    """Wrong email or password; deliberately the same message for both."""

    def __init__(self) -> None:
        super().__init__("email or password is wrong")


class AccountDisabled(LoginFailed):
    """The password was right but an admin has disabled the account. Said only after a correct
    password, so it tells nothing to someone guessing."""

    def __init__(self) -> None:
        AccountError.__init__(self, "this account is disabled; ask the clinic's admin")


class WrongPassword(AccountError):
    """The current password given to change one's own password is wrong."""

    def __init__(self) -> None:
        super().__init__("current_password: not your current password")


class TooManyAttempts(AccountError):
    """Too many failed sign-ins for this email lately (HTTP 429)."""

    def __init__(self) -> None:
        minutes = int(LOGIN_FAILURE_WINDOW.total_seconds() // 60)
        super().__init__(f"too many failed sign-ins; try again in {minutes} minutes")


class NotFound(UserError):
    """Missing, or not visible to this user: the two are never told apart (HTTP 404)."""

    exit_code = 4

    def __init__(self, what: str = "athlete") -> None:
        super().__init__(f"{what} not found")


# --- passwords -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def password_hasher() -> PasswordHasher:
    """argon2id with the library's current defaults (RFC 9106 low-memory profile)."""
    return PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """A hash to verify against when the email is unknown, so both paths take as long."""
    return password_hasher().hash(secrets.token_urlsafe(16))


def normalise_email(email: str) -> str:
    return email.strip().lower()


def check_email(email: str) -> str:
    """The normalised email, or an AccountError naming the problem."""
    cleaned = normalise_email(email)
    if not cleaned:
        raise AccountError("email: missing; give an address such as name@example.org")
    if len(cleaned) > 254 or not _EMAIL.match(cleaned):
        raise AccountError("email: not a valid address; expected something like name@example.org")
    return cleaned


def check_password(password: str, email: str = "") -> None:
    """Refuse short, overlong, trivially guessable passwords, with one line saying why."""
    if len(password) < PASSWORD_MIN:
        raise AccountError(f"password: too short; use at least {PASSWORD_MIN} characters")
    if len(password) > PASSWORD_MAX:
        raise AccountError(f"password: too long; use at most {PASSWORD_MAX} characters")
    if password.strip() != password:
        raise AccountError("password: must not start or end with a space")
    lowered = password.lower()
    if len(set(password)) < 4 or lowered in _COMMON_PASSWORDS:
        raise AccountError("password: too easy to guess; choose a longer, less common one")
    if email and (lowered == email.lower() or lowered == email.lower().split("@")[0]):
        raise AccountError("password: must not be your email address")


# --- users -----------------------------------------------------------------------------------


def find_user(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def get_user(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def list_users(session: Session, role: str | None = None) -> Sequence[User]:
    query = select(User).order_by(User.email)
    if role is not None:
        query = query.where(User.role == role)
    return session.scalars(query).all()


def create_user(
    session: Session,
    email: str,
    password: str,
    role: str,
    *,
    athlete: Athlete | None = None,
    athlete_name: str | None = None,
    now: datetime | None = None,
) -> User:
    """A new account. An athlete account gets `athlete`, or a new athlete named `athlete_name`
    (default: the email). Clinicians and admins own no athlete."""
    if role not in ROLES:
        raise AccountError(f"role: {role!r} is not a role; expected one of {', '.join(ROLES)}")
    address = check_email(email)
    check_password(password, address)
    if find_user(session, address) is not None:
        raise AccountError(f"email: {address} already has an account")
    if role != "athlete" and (athlete is not None or athlete_name is not None):
        raise AccountError(f"a {role} account cannot own athlete data; only athletes do")
    if role == "athlete":
        athlete = _athlete_for_new_user(session, athlete, athlete_name or address)
    user = User(
        email=address,
        password_hash=password_hasher().hash(password),
        role=role,
        athlete_id=athlete.id if athlete is not None else None,
        created_at=now or utcnow(),
    )
    session.add(user)
    session.flush()
    return user


def _athlete_for_new_user(session: Session, athlete: Athlete | None, name: str) -> Athlete:
    if athlete is not None:
        if session.scalar(select(User.id).where(User.athlete_id == athlete.id)) is not None:
            raise AccountError(f"athlete {athlete.name!r} already belongs to an account")
        return athlete
    name = name.strip()
    if not name or len(name) > 200:
        raise AccountError("name: give a name of 1 to 200 characters")
    if session.scalar(select(Athlete.id).where(Athlete.name == name)) is not None:
        raise AccountError(f"name: an athlete called {name!r} already exists; choose another")
    athlete = Athlete(name=name)
    session.add(athlete)
    session.flush()
    return athlete


def set_password(session: Session, user: User, password: str) -> None:
    """A new password; every web session of the user ends with it."""
    check_password(password, user.email)
    user.password_hash = password_hasher().hash(password)
    end_all_sessions(session, user)
    session.flush()


def change_password(
    session: Session,
    user: User,
    current: str,
    new: str,
    *,
    keep: str | None = None,
    now: datetime | None = None,
) -> int:
    """A user changes their own password. `current` must be right: a wrong one is counted like
    a failed sign-in (and the same pause applies), so the caller should commit even after
    `WrongPassword`. Every web session of the user ends except the one whose cookie token is
    `keep` (the browser making the change); returns how many ended. API tokens are kept."""
    now = now or utcnow()
    digest = token_digest(user.email)
    recent = select(func.count(LoginFailure.id)).where(
        LoginFailure.email_digest == digest, LoginFailure.at > now - LOGIN_FAILURE_WINDOW
    )
    if (session.scalar(recent) or 0) >= LOGIN_FAILURE_LIMIT:
        raise TooManyAttempts()
    if len(current) > PASSWORD_MAX or not _verify_quietly(
        password_hasher(), user.password_hash, current
    ):
        session.add(LoginFailure(email_digest=digest, at=now))
        session.flush()
        raise WrongPassword()
    check_password(new, user.email)
    if new == current:
        raise AccountError("new_password: the same as the current one; choose a new one")
    user.password_hash = password_hasher().hash(new)
    ended = end_other_sessions(session, user, keep)
    session.flush()
    return ended


def enabled_admins(session: Session) -> int:
    """How many admin accounts are not disabled."""
    query = select(func.count(User.id)).where(User.role == "admin", User.disabled_at.is_(None))
    return session.scalar(query) or 0


def disable_user(
    session: Session, user: User, *, by: User | None = None, now: datetime | None = None
) -> int:
    """Switch an account off: it cannot sign in, its web sessions end (returns how many) and its
    API tokens stop working (they are not revoked: enabling the account brings them back).
    `by` is the admin doing it (None: the operator at the command line); nobody disables
    their own account, and the last enabled admin stays, so someone can still manage the rest.
    Disabling a disabled account changes nothing."""
    if by is not None and by.id == user.id:
        raise AccountError("disabled: you cannot disable your own account; another admin can")
    if user.disabled_at is None:
        if user.role == "admin" and enabled_admins(session) <= 1:
            raise AccountError(
                f"disabled: {user.email} is the last enabled admin; make another admin first"
            )
        user.disabled_at = now or utcnow()
    ended = end_all_sessions(session, user)
    session.flush()
    return ended


def enable_user(session: Session, user: User) -> None:
    """Give a disabled account back: its password and API tokens work again."""
    user.disabled_at = None
    session.flush()


def authenticate(
    session: Session, email: str, password: str, *, now: datetime | None = None
) -> User:
    """The user with this email and password, or `LoginFailed` (same for both mistakes).

    An unknown email still costs one argon2 verification, so timing does not tell whether
    an account exists. A hash made with older parameters is upgraded on the way. After
    `LOGIN_FAILURE_LIMIT` failures for one email within `LOGIN_FAILURE_WINDOW`, further tries
    are refused unchecked (`TooManyAttempts`) until the window has passed. The caller should
    commit even after `LoginFailed`, so that the failure is counted.
    """
    now = now or utcnow()
    hasher = password_hasher()
    digest = token_digest(normalise_email(email))
    recent = select(func.count(LoginFailure.id)).where(
        LoginFailure.email_digest == digest, LoginFailure.at > now - LOGIN_FAILURE_WINDOW
    )
    if (session.scalar(recent) or 0) >= LOGIN_FAILURE_LIMIT:
        raise TooManyAttempts()
    user = find_user(session, email) if len(password) <= PASSWORD_MAX else None
    if user is None:
        _verify_quietly(hasher, _dummy_hash(), password[:PASSWORD_MAX])
    if user is None or not _verify_quietly(hasher, user.password_hash, password):
        session.add(LoginFailure(email_digest=digest, at=now))
        session.flush()
        raise LoginFailed()
    if user.disabled_at is not None:
        raise AccountDisabled()
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    user.last_login_at = now
    session.execute(delete(LoginFailure).where(LoginFailure.email_digest == digest))
    session.flush()
    return user


def _verify_quietly(hasher: PasswordHasher, stored: str, password: str) -> bool:
    try:
        return hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


# --- tokens (shared by web sessions and API tokens) -----------------------------------------


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


# --- web sessions ----------------------------------------------------------------------------


def start_session(
    session: Session,
    user: User,
    *,
    now: datetime | None = None,
    lifetime: timedelta = SESSION_LIFETIME,
) -> tuple[str, WebSession]:
    """A new web session: the token for the cookie (never stored) and the stored row."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    row = WebSession(
        token_hash=token_digest(token), user_id=user.id, created_at=now, expires_at=now + lifetime
    )
    session.add(row)
    session.flush()
    return token, row


@dataclass(frozen=True)
class LiveSession:
    """A valid web session found from its cookie: the stored row, and whether it is due for
    its sliding extension (`extension_due`)."""

    row: WebSession
    extension_due: bool

    @property
    def user(self) -> User:
        return self.row.user


def _extension_cutoff(now: datetime, lifetime: timedelta) -> datetime:
    """A session expiring before this is due for extension: it is in the second half of its
    life, and at least SESSION_EXTEND_INTERVAL has passed since its expiry was last set (at
    expiry minus lifetime)."""
    return now + lifetime - max(lifetime / 2, SESSION_EXTEND_INTERVAL)


def find_session(
    session: Session,
    token: str | None,
    *,
    now: datetime | None = None,
    lifetime: timedelta = SESSION_LIFETIME,
) -> LiveSession | None:
    """The live session behind a cookie token, or None if it is unknown, expired or its
    account is disabled (such a row is deleted). Writes nothing for a live session: extending
    it is `extend_session` (its own short transaction) or `session_user` (the caller's)."""
    if not token or len(token) > 200:
        return None
    now = now or utcnow()
    row = session.scalar(select(WebSession).where(WebSession.token_hash == token_digest(token)))
    if row is None:
        return None
    if row.expires_at <= now or row.user.disabled_at is not None:
        session.delete(row)
        session.flush()
        return None
    return LiveSession(row, row.expires_at < _extension_cutoff(now, lifetime))


def session_user(
    session: Session,
    token: str | None,
    *,
    now: datetime | None = None,
    lifetime: timedelta = SESSION_LIFETIME,
) -> User | None:
    """The user behind a session cookie, or None if it is unknown or expired.

    A session used in the second half of its life is extended (sliding expiry), here in the
    caller's transaction, so an active user stays logged in while a forgotten cookie dies;
    most requests write nothing. The web app uses `find_session` and `extend_session`
    instead, so that the extension never holds a write lock for a whole request.
    """
    now = now or utcnow()
    found = find_session(session, token, now=now, lifetime=lifetime)
    if found is None:
        return None
    if found.extension_due:
        found.row.expires_at = now + lifetime
        session.flush()
    return found.user


def extend_session(
    engine: Engine,
    token: str,
    *,
    now: datetime | None = None,
    lifetime: timedelta = SESSION_LIFETIME,
    wait: timedelta = SESSION_EXTEND_WAIT,
) -> datetime | None:
    """Slide a session's expiry to `now + lifetime`, in a short transaction of its own on a
    connection of its own (committed here, whatever the caller's transaction does later).

    One conditional UPDATE: it changes the row only if the session is still live and due
    (see `_extension_cutoff`), so when several requests or processes try at once, one wins and
    the others change nothing. It waits at most `wait` for a lock (SQLite's write lock, a
    PostgreSQL row lock); if the database is busy the extension is skipped, and a later
    request tries again. Returns the new expiry, or None when nothing was extended.
    """
    now = now or utcnow()
    expires = now + lifetime
    statement = (
        update(WebSession)
        .where(
            WebSession.token_hash == token_digest(token),
            WebSession.expires_at > now,
            WebSession.expires_at < _extension_cutoff(now, lifetime),
        )
        .values(expires_at=expires)
    )
    try:
        with engine.connect() as connection, _lock_wait(connection, wait), connection.begin():
            if connection.dialect.name == "postgresql":
                milliseconds = max(1, int(wait.total_seconds() * 1000))
                connection.execute(text(f"SET LOCAL lock_timeout = {milliseconds}"))
            changed = connection.execute(statement).rowcount
    except OperationalError:  # busy or locked: not this time
        return None
    return expires if changed == 1 else None


@contextmanager
def _lock_wait(connection: Connection, wait: timedelta) -> Iterator[None]:
    """SQLite: wait at most `wait` for the write lock on this connection (the pool's usual
    busy timeout is restored afterwards). Other databases: see `extend_session`."""
    if connection.dialect.name != "sqlite":
        yield
        return
    raw = connection.connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    try:
        before = int(cursor.execute("PRAGMA busy_timeout").fetchone()[0])
        cursor.execute(f"PRAGMA busy_timeout = {max(1, int(wait.total_seconds() * 1000))}")
        try:
            yield
        finally:
            cursor.execute(f"PRAGMA busy_timeout = {before}")
    finally:
        cursor.close()


def end_session(session: Session, token: str | None) -> bool:
    """Log out: forget the session. True when there was one."""
    if not token:
        return False
    row = session.scalar(select(WebSession).where(WebSession.token_hash == token_digest(token)))
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def end_all_sessions(session: Session, user: User) -> int:
    rows = session.scalars(select(WebSession).where(WebSession.user_id == user.id)).all()
    for row in rows:
        session.delete(row)
    session.flush()
    return len(rows)


def end_other_sessions(session: Session, user: User, keep: str | None) -> int:
    """End every session of `user` but the one whose cookie token is `keep`; returns how many."""
    query = delete(WebSession).where(WebSession.user_id == user.id)
    if keep:
        query = query.where(WebSession.token_hash != token_digest(keep))
    result = session.execute(query.execution_options(synchronize_session="fetch"))
    return int(getattr(result, "rowcount", 0) or 0)


def purge_expired_sessions(session: Session, *, now: datetime | None = None) -> int:
    """Delete every lapsed session in one statement; returns how many."""
    result = session.execute(delete(WebSession).where(WebSession.expires_at <= (now or utcnow())))
    return int(getattr(result, "rowcount", 0) or 0)


def purge_login_failures(session: Session, *, now: datetime | None = None) -> int:
    """Forget failed sign-ins older than the window; returns how many."""
    cutoff = (now or utcnow()) - LOGIN_FAILURE_WINDOW
    result = session.execute(delete(LoginFailure).where(LoginFailure.at <= cutoff))
    return int(getattr(result, "rowcount", 0) or 0)


# --- API tokens ------------------------------------------------------------------------------


def check_scopes(scopes: Iterable[str] | None) -> list[str] | None:
    if scopes is None:
        return None
    chosen = sorted(set(scopes))
    unknown = [s for s in chosen if s not in SCOPES]
    if unknown:
        raise AccountError(
            f"scope: {', '.join(map(repr, unknown))} unknown; expected {' or '.join(SCOPES)}"
        )
    if not chosen:
        raise AccountError("scope: give at least one scope, or none at all for full access")
    return chosen


def create_api_token(
    session: Session,
    user: User,
    name: str,
    *,
    scopes: Iterable[str] | None = None,
    now: datetime | None = None,
) -> tuple[str, ApiToken]:
    """A new API token: the full token (show it once; it cannot be recovered) and the row."""
    name = name.strip()
    if not name or len(name) > 100:
        raise AccountError("name: give the token a name of 1 to 100 characters")
    token = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(
        user_id=user.id,
        name=name,
        prefix=token[:12],
        token_hash=token_digest(token),
        scopes=check_scopes(scopes),
        created_at=now or utcnow(),
    )
    session.add(row)
    session.flush()
    return token, row


def verify_api_token(
    session: Session, token: str | None, *, now: datetime | None = None
) -> ApiToken | None:
    """The live token row for a bearer token, or None (unknown, malformed or revoked)."""
    if not token or not token.startswith(API_TOKEN_PREFIX) or len(token) > 200:
        return None
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == token_digest(token)))
    if row is None or row.revoked_at is not None or row.user.disabled_at is not None:
        return None
    now = now or utcnow()
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_RESOLUTION:
        row.last_used_at = now
        session.flush()
    return row


def token_allows(token: ApiToken, scope: str) -> bool:
    return token.scopes is None or scope in token.scopes


def list_api_tokens(session: Session, user: User) -> Sequence[ApiToken]:
    query = select(ApiToken).where(ApiToken.user_id == user.id)
    return session.scalars(query.order_by(ApiToken.created_at, ApiToken.id)).all()


def revoke_api_token(
    session: Session, token_id: int, *, by: User | None = None, now: datetime | None = None
) -> ApiToken:
    """Revoke a token. `by` may revoke only their own tokens unless an admin; None is the
    operator at the command line. Someone else's token is `NotFound`, like a missing one."""
    row = session.get(ApiToken, token_id)
    if row is None or (by is not None and row.user_id != by.id and by.role != "admin"):
        raise NotFound("token")
    if row.revoked_at is None:
        row.revoked_at = now or utcnow()
        session.flush()
    return row


# --- access ----------------------------------------------------------------------------------


def grant_access(
    session: Session, athlete_id: int, clinician: User, *, now: datetime | None = None
) -> ClinicianGrant:
    """Let `clinician` see the athlete's data (idempotent)."""
    if clinician.role != "clinician":
        raise AccountError(f"{clinician.email} is not a clinician; only clinicians get access")
    if session.get(Athlete, athlete_id) is None:
        raise NotFound()
    row = session.scalar(
        select(ClinicianGrant).where(
            ClinicianGrant.athlete_id == athlete_id, ClinicianGrant.clinician_id == clinician.id
        )
    )
    if row is None:
        row = ClinicianGrant(
            athlete_id=athlete_id, clinician_id=clinician.id, created_at=now or utcnow()
        )
        session.add(row)
        session.flush()
    return row


def revoke_access(session: Session, athlete_id: int, clinician: User) -> bool:
    """Withdraw a clinician's access; True when there was a grant to withdraw."""
    row = session.scalar(
        select(ClinicianGrant).where(
            ClinicianGrant.athlete_id == athlete_id, ClinicianGrant.clinician_id == clinician.id
        )
    )
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def clinicians_of(session: Session, athlete_id: int) -> Sequence[User]:
    """The clinicians an athlete has shared their data with."""
    query = (
        select(User)
        .join(ClinicianGrant, ClinicianGrant.clinician_id == User.id)
        .where(ClinicianGrant.athlete_id == athlete_id)
        .order_by(User.email)
    )
    return session.scalars(query).all()


def visible_athletes_query(user: User) -> Select[Athlete]:
    """The athletes `user` may see, as a query to refine (order, paginate) or run."""
    query = select(Athlete)
    if user.role == "admin":
        return query
    if user.role == "clinician":
        granted = exists().where(
            ClinicianGrant.athlete_id == Athlete.id, ClinicianGrant.clinician_id == user.id
        )
        return query.where(granted)
    if user.role == "athlete" and user.athlete_id is not None:
        return query.where(Athlete.id == user.athlete_id)
    return query.where(Athlete.id.is_(None))  # an unknown role, or an athlete with no data


def visible_athletes(session: Session, user: User) -> Sequence[Athlete]:
    return session.scalars(visible_athletes_query(user).order_by(Athlete.name)).all()


def visible_athlete_ids(session: Session, user: User) -> set[int]:
    query = visible_athletes_query(user).with_only_columns(Athlete.id)
    return set(session.scalars(query))


def can_see(session: Session, user: User, athlete_id: int) -> bool:
    if user.role == "athlete":
        return user.athlete_id is not None and user.athlete_id == athlete_id
    query = visible_athletes_query(user).where(Athlete.id == athlete_id)
    return session.scalar(query.with_only_columns(Athlete.id)) is not None


def require_access(session: Session, user: User, athlete_id: int) -> Athlete:
    """The athlete if `user` may see them; `NotFound` whether hidden or missing."""
    if not can_see(session, user, athlete_id):
        raise NotFound()
    athlete = session.get(Athlete, athlete_id)
    if athlete is None:
        raise NotFound()
    return athlete
