"""Accounts, passwords, sessions and API tokens, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from backstride.storage.accounts import (
    LOGIN_FAILURE_LIMIT,
    LOGIN_FAILURE_WINDOW,
    SESSION_LIFETIME,
    AccountError,
    LoginFailed,
    NotFound,
    TooManyAttempts,
    authenticate,
    create_api_token,
    create_user,
    end_session,
    find_user,
    list_api_tokens,
    password_hasher,
    purge_expired_sessions,
    purge_login_failures,
    revoke_api_token,
    session_user,
    set_password,
    start_session,
    token_allows,
    token_digest,
    verify_api_token,
)
from backstride.storage.athletes import default_athlete
from backstride.storage.db import Database
from backstride.storage.models import ApiToken, Athlete, LoginFailure, User, WebSession
from tests.accounts.conftest import PASSWORD

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "email: missing"),
        ("   ", "email: missing"),
        ("no-at-sign.example.org", "email: not a valid address"),
        ("two@@example.org", "email: not a valid address"),
        ("name@localhost", "email: not a valid address"),
        ("spa ce@example.org", "email: not a valid address"),
        ("x" * 65 + "@example.org", "email: not a valid address"),
    ],
)
def test_a_bad_email_is_refused_in_one_line(db: Database, email: str, message: str) -> None:
    with db.transaction() as session, pytest.raises(AccountError, match=message) as caught:
        create_user(session, email, PASSWORD, "athlete")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "too short"),
        ("x" * 1025, "too long"),
        (" leading space here", "start or end with a space"),
        ("aaaaaaaaaaaa", "too easy to guess"),
        ("abababababab", "too easy to guess"),
        ("Password123", "too easy to guess"),
        ("runner.one@example.org", "must not be your email"),
        ("runner.one", "must not be your email"),
    ],
)
def test_a_weak_password_is_refused_with_the_reason(
    db: Database, password: str, message: str
) -> None:
    with db.transaction() as session, pytest.raises(AccountError, match=message):
        create_user(session, "runner.one@example.org", password, "athlete")


def test_an_athlete_account_gets_its_own_athlete_and_an_argon2_hash(db: Database) -> None:
    with db.transaction() as session:
        user = create_user(session, " Ana@Example.ORG ", PASSWORD, "athlete", now=NOW)
        assert user.email == "ana@example.org"
        assert user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash
        assert user.athlete is not None and user.athlete.name == "ana@example.org"
        assert user.created_at == NOW and user.last_login_at is None


def test_an_existing_athlete_can_become_an_account_once(db: Database) -> None:
    with db.transaction() as session:
        me = default_athlete(session)
        user = create_user(session, "me@example.org", PASSWORD, "athlete", athlete=me)
        assert user.athlete_id == me.id
        with pytest.raises(AccountError, match="already belongs to an account"):
            create_user(session, "me2@example.org", PASSWORD, "athlete", athlete=me)


def test_clinicians_and_admins_own_no_athlete(db: Database) -> None:
    with db.transaction() as session:
        doc = create_user(session, "doc@example.org", PASSWORD, "clinician")
        assert doc.athlete_id is None
        with pytest.raises(AccountError, match="cannot own athlete data"):
            create_user(session, "boss@example.org", PASSWORD, "admin", athlete_name="Boss")
        assert session.scalar(select(Athlete)) is None


def test_an_unknown_role_and_a_taken_email_or_name_are_refused(db: Database) -> None:
    with db.transaction() as session:
        create_user(session, "ana@example.org", PASSWORD, "athlete", athlete_name="Ana")
        with pytest.raises(AccountError, match="'owner' is not a role"):
            create_user(session, "x@example.org", PASSWORD, "owner")
        with pytest.raises(AccountError, match="already has an account"):
            create_user(session, "ANA@example.org", PASSWORD, "clinician")
        with pytest.raises(AccountError, match="called 'Ana' already exists"):
            create_user(session, "ana2@example.org", PASSWORD, "athlete", athlete_name="Ana")


def test_login_works_and_records_the_time(db: Database) -> None:
    with db.transaction() as session:
        create_user(session, "ana@example.org", PASSWORD, "athlete")
    with db.transaction() as session:
        user = authenticate(session, "Ana@example.org", PASSWORD, now=NOW)
        assert user.last_login_at == NOW


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("ana@example.org", "wrong password!"),
        ("nobody@example.org", PASSWORD),
        ("ana@example.org", ""),
        ("ana@example.org", "y" * 5000),
    ],
)
def test_a_wrong_email_or_password_gives_the_same_error(
    db: Database, email: str, password: str
) -> None:
    with db.transaction() as session:
        create_user(session, "ana@example.org", PASSWORD, "athlete")
    with db.transaction() as session, pytest.raises(LoginFailed) as caught:
        authenticate(session, email, password)
    assert str(caught.value) == "email or password is wrong"


def test_an_outdated_hash_is_upgraded_at_login(db: Database) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    with db.transaction() as session:
        user = create_user(session, "ana@example.org", PASSWORD, "athlete")
        user.password_hash = weak.hash(PASSWORD)
    with db.transaction() as session:
        user = authenticate(session, "ana@example.org", PASSWORD)
        assert not password_hasher().check_needs_rehash(user.password_hash)
    with db.transaction() as session:
        assert authenticate(session, "ana@example.org", PASSWORD).id == user.id


def test_a_session_token_is_stored_only_as_a_digest(db: Database) -> None:
    with db.transaction() as session:
        user = create_user(session, "ana@example.org", PASSWORD, "athlete")
        token, row = start_session(session, user, now=NOW)
        assert len(token) >= 43
        assert row.token_hash == token_digest(token) != token
        assert row.expires_at == NOW + SESSION_LIFETIME
    with db.transaction() as session:
        found = session_user(session, token, now=NOW + timedelta(hours=1))
        assert found is not None and found.email == "ana@example.org"
        assert session_user(session, token + "x", now=NOW) is None
        assert session_user(session, "", now=NOW) is None
        assert session_user(session, None, now=NOW) is None


def test_a_session_expires_unless_used_and_slides_when_used(db: Database) -> None:
    with db.transaction() as session:
        user = create_user(session, "ana@example.org", PASSWORD, "athlete")
        kept, _ = start_session(session, user, now=NOW)
        lapsed, _ = start_session(session, user, now=NOW)
    late = NOW + SESSION_LIFETIME * 0.75
    with db.transaction() as session:
        assert session_user(session, kept, now=late) is not None
    end = NOW + SESSION_LIFETIME + timedelta(seconds=1)
    with db.transaction() as session:
        assert session_user(session, kept, now=end) is not None  # extended at `late`
        assert session_user(session, lapsed, now=end) is None
        assert (
            session.scalar(select(WebSession).where(WebSession.token_hash == token_digest(lapsed)))
            is None
        )


def test_logout_ends_only_that_session(db: Database) -> None:
    with db.transaction() as session:
        user = create_user(session, "ana@example.org", PASSWORD, "athlete")
        phone, _ = start_session(session, user, now=NOW)
        laptop, _ = start_session(session, user, now=NOW)
    with db.transaction() as session:
        assert end_session(session, phone)
        assert not end_session(session, phone)
        assert not end_session(session, None)
    with db.transaction() as session:
        assert session_user(session, phone, now=NOW) is None
        assert session_user(session, laptop, now=NOW) is not None


def test_a_new_password_ends_every_session(db: Database) -> None:
    with db.transaction() as session:
        user = create_user(session, "ana@example.org", PASSWORD, "athlete")
        token, _ = start_session(session, user, now=NOW)
        set_password(session, user, "a brand new passphrase")
    with db.transaction() as session:
        assert session_user(session, token, now=NOW) is None
        with pytest.raises(LoginFailed):
            authenticate(session, "ana@example.org", PASSWORD)
        authenticate(session, "ana@example.org", "a brand new passphrase")


def test_expired_sessions_are_purged(db: Database) -> None:
    with db.transaction() as session:
        user = create_user(session, "ana@example.org", PASSWORD, "athlete")
        start_session(session, user, now=NOW, lifetime=timedelta(hours=1))
        start_session(session, user, now=NOW)
    with db.transaction() as session:
        assert purge_expired_sessions(session, now=NOW + timedelta(hours=2)) == 1
        assert len(session.scalars(select(WebSession)).all()) == 1


def test_an_api_token_is_shown_once_and_stored_as_a_digest(db: Database) -> None:
    with db.transaction() as session:
        user = create_user(session, "lab@example.org", PASSWORD, "clinician")
        token, row = create_api_token(session, user, " lab export ", now=NOW)
        assert token.startswith("bst_") and len(token) > 40
        assert row.prefix == token[:12] and row.name == "lab export"
        assert row.token_hash == token_digest(token)
        assert token not in {row.prefix, row.token_hash}
        assert row.scopes is None and token_allows(row, "write")
    with db.transaction() as session:
        used = verify_api_token(session, token, now=NOW + timedelta(minutes=5))
        assert used is not None and used.user.email == "lab@example.org"
        assert used.last_used_at == NOW + timedelta(minutes=5)
        # Use within the minute is not written again.
        verify_api_token(session, token, now=NOW + timedelta(minutes=5, seconds=30))
        assert used.last_used_at == NOW + timedelta(minutes=5)


@pytest.mark.parametrize("bad", ["", "bst_", "bst_nope", "Bearer x", "x" * 500, None])
def test_an_unknown_api_token_is_refused(db: Database, bad: str | None) -> None:
    with db.transaction() as session:
        user = create_user(session, "lab@example.org", PASSWORD, "clinician")
        create_api_token(session, user, "lab")
        assert verify_api_token(session, bad) is None


def test_a_revoked_token_stops_working_and_others_cannot_revoke_it(db: Database) -> None:
    with db.transaction() as session:
        owner = create_user(session, "lab@example.org", PASSWORD, "clinician")
        other = create_user(session, "ana@example.org", PASSWORD, "athlete")
        admin = create_user(session, "boss@example.org", PASSWORD, "admin")
        token, row = create_api_token(session, owner, "lab")
        second, row2 = create_api_token(session, owner, "backup")
        with pytest.raises(NotFound, match="token not found"):
            revoke_api_token(session, row.id, by=other)
        with pytest.raises(NotFound, match="token not found"):
            revoke_api_token(session, 99999, by=owner)
        revoke_api_token(session, row.id, by=owner, now=NOW)
        revoke_api_token(session, row2.id, by=admin, now=NOW)
        assert verify_api_token(session, token) is None
        assert verify_api_token(session, second) is None
        assert [t.revoked_at for t in list_api_tokens(session, owner)] == [NOW, NOW]


def test_token_scopes_are_checked(db: Database) -> None:
    with db.transaction() as session:
        user = create_user(session, "lab@example.org", PASSWORD, "clinician")
        _, row = create_api_token(session, user, "reader", scopes=["read", "read"])
        assert row.scopes == ["read"]
        assert token_allows(row, "read") and not token_allows(row, "write")
        with pytest.raises(AccountError, match="'admin' unknown"):
            create_api_token(session, user, "bad", scopes=["admin"])
        with pytest.raises(AccountError, match="at least one scope"):
            create_api_token(session, user, "none", scopes=[])
        with pytest.raises(AccountError, match="name"):
            create_api_token(session, user, "  ")


def test_deleting_a_user_deletes_their_sessions_and_tokens(db: Database) -> None:
    with db.transaction() as session:
        user = create_user(session, "lab@example.org", PASSWORD, "clinician")
        start_session(session, user)
        create_api_token(session, user, "lab")
    with db.transaction() as session:
        found = find_user(session, "lab@example.org")
        assert found is not None
        session.delete(found)
    with db.transaction() as session:
        assert session.scalars(select(WebSession)).all() == []
        assert session.scalars(select(ApiToken)).all() == []
        assert session.scalars(select(User)).all() == []


def test_repeated_failures_pause_sign_in_for_that_email_only(db: Database) -> None:
    with db.transaction() as session:
        create_user(session, "ana@example.org", PASSWORD, "athlete")
        create_user(session, "ben@example.org", PASSWORD, "athlete")
    for i in range(LOGIN_FAILURE_LIMIT):
        with db.transaction() as session, pytest.raises(LoginFailed):
            authenticate(session, "Ana@example.org", f"wrong guess {i}", now=NOW)
    with db.transaction() as session:
        with pytest.raises(TooManyAttempts, match="try again in 15 minutes"):
            authenticate(session, "ana@example.org", PASSWORD, now=NOW)  # even the right one
        assert authenticate(session, "ben@example.org", PASSWORD, now=NOW).email.startswith("ben")
        stored = session.scalars(select(LoginFailure.email_digest)).all()
        assert "ana@example.org" not in stored and len(set(stored)) == 1
    later = NOW + LOGIN_FAILURE_WINDOW + timedelta(seconds=1)
    with db.transaction() as session:
        assert authenticate(session, "ana@example.org", PASSWORD, now=later).id
        assert session.scalars(select(LoginFailure)).all() == []  # success clears the count


def test_old_failures_are_purged(db: Database) -> None:
    with db.transaction() as session:
        for minutes in (1, 20, 40):
            session.add(LoginFailure(email_digest="x" * 64, at=NOW - timedelta(minutes=minutes)))
    with db.transaction() as session:
        assert purge_login_failures(session, now=NOW) == 2
        assert len(session.scalars(select(LoginFailure)).all()) == 1
