"""Managing accounts: changing one's password, resetting someone's, disabling and enabling,
on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from backstride.storage.accounts import (
    LOGIN_FAILURE_LIMIT,
    AccountDisabled,
    AccountError,
    LoginFailed,
    TooManyAttempts,
    WrongPassword,
    authenticate,
    change_password,
    create_api_token,
    create_user,
    disable_user,
    enable_user,
    enabled_admins,
    list_api_tokens,
    session_user,
    set_password,
    start_session,
    verify_api_token,
)
from backstride.storage.db import Database
from backstride.storage.models import LoginFailure, User, WebSession
from tests.accounts.conftest import PASSWORD
from tests.accounts.test_access import user

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
NEW = "a brand new passphrase"


def _sessions(db: Database) -> int:
    with db.transaction() as session:
        return len(session.scalars(select(WebSession)).all())


def test_changing_one_s_password_keeps_this_session_and_ends_the_others(db: Database) -> None:
    with db.transaction() as session:
        ana = create_user(session, "ana@example.org", PASSWORD, "athlete")
        here, _ = start_session(session, ana, now=NOW)
        phone, _ = start_session(session, ana, now=NOW)
        laptop, _ = start_session(session, ana, now=NOW)
        token, _ = create_api_token(session, ana, "watch")
        ben = create_user(session, "ben@example.org", PASSWORD, "athlete")
        bens, _ = start_session(session, ben, now=NOW)
    with db.transaction() as session:
        ana = user(session, ana.id)
        assert change_password(session, ana, PASSWORD, NEW, keep=here) == 2
    with db.transaction() as session:
        assert session_user(session, here, now=NOW) is not None
        assert session_user(session, phone, now=NOW) is None
        assert session_user(session, laptop, now=NOW) is None
        assert session_user(session, bens, now=NOW) is not None  # someone else's: untouched
        assert verify_api_token(session, token) is not None  # tokens are kept
        with pytest.raises(LoginFailed):
            authenticate(session, "ana@example.org", PASSWORD)
    with db.transaction() as session:
        assert authenticate(session, "ana@example.org", NEW).email == "ana@example.org"


def test_without_a_session_to_keep_every_session_ends(db: Database) -> None:
    with db.transaction() as session:
        ana = create_user(session, "ana@example.org", PASSWORD, "athlete")
        start_session(session, ana, now=NOW)
        assert change_password(session, ana, PASSWORD, NEW) == 1
    assert _sessions(db) == 0


def test_a_wrong_current_password_changes_nothing_and_counts_as_a_failed_sign_in(
    db: Database,
) -> None:
    with db.transaction() as session:
        ana = create_user(session, "ana@example.org", PASSWORD, "athlete")
        start_session(session, ana, now=NOW)
    for i in range(LOGIN_FAILURE_LIMIT):
        with db.transaction() as session:
            ana = user(session, ana.id)
            with pytest.raises(WrongPassword, match=r"^current_password: not your current"):
                change_password(session, ana, f"wrong guess {i}", NEW, now=NOW)
    assert _sessions(db) == 1
    with db.transaction() as session:
        ana = user(session, ana.id)
        assert len(session.scalars(select(LoginFailure)).all()) == LOGIN_FAILURE_LIMIT
        with pytest.raises(TooManyAttempts):  # even the right one, like at sign-in
            change_password(session, ana, PASSWORD, NEW, now=NOW)
        with pytest.raises(TooManyAttempts):
            authenticate(session, "ana@example.org", PASSWORD, now=NOW)
    with db.transaction() as session:
        authenticate(session, "ana@example.org", PASSWORD, now=NOW + timedelta(hours=1))


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("short", "^password: too short"),
        ("ana@example.org", r"^password: must not be your email"),
        (PASSWORD, r"^new_password: the same as the current one"),
    ],
)
def test_a_bad_new_password_is_refused_with_the_reason(
    db: Database, new: str, message: str
) -> None:
    with db.transaction() as session:
        ana = create_user(session, "ana@example.org", PASSWORD, "athlete")
        start_session(session, ana, now=NOW)
        with pytest.raises(AccountError, match=message):
            change_password(session, ana, PASSWORD, new)
    assert _sessions(db) == 1
    with db.transaction() as session:
        authenticate(session, "ana@example.org", PASSWORD)


def test_a_reset_password_ends_every_session_and_keeps_the_tokens(db: Database) -> None:
    with db.transaction() as session:
        doc = create_user(session, "doc@example.org", PASSWORD, "clinician")
        start_session(session, doc, now=NOW)
        token, _ = create_api_token(session, doc, "lab")
        set_password(session, doc, NEW)
    assert _sessions(db) == 0
    with db.transaction() as session:
        assert verify_api_token(session, token) is not None
        assert authenticate(session, "doc@example.org", NEW).role == "clinician"


def test_a_disabled_account_cannot_sign_in_and_loses_its_sessions_and_tokens(
    db: Database,
) -> None:
    with db.transaction() as session:
        boss = create_user(session, "boss@example.org", PASSWORD, "admin")
        doc = create_user(session, "doc@example.org", PASSWORD, "clinician")
        cookie, _ = start_session(session, doc, now=NOW)
        token, _ = create_api_token(session, doc, "lab")
        assert disable_user(session, doc, by=boss, now=NOW) == 1
        assert doc.disabled_at == NOW
    with db.transaction() as session:
        assert session_user(session, cookie, now=NOW) is None
        assert verify_api_token(session, token) is None
        with pytest.raises(AccountDisabled, match="disabled"):
            authenticate(session, "doc@example.org", PASSWORD)
        with pytest.raises(LoginFailed, match="email or password is wrong"):  # not revealed
            authenticate(session, "doc@example.org", "a wrong password")
        doc = session.scalars(select(User).where(User.email == "doc@example.org")).one()
        assert [t.revoked_at for t in list_api_tokens(session, doc)] == [None]
        enable_user(session, doc)
    with db.transaction() as session:
        assert verify_api_token(session, token) is not None
        assert authenticate(session, "doc@example.org", PASSWORD).disabled_at is None


def test_a_session_of_an_account_disabled_directly_is_refused(db: Database) -> None:
    with db.transaction() as session:
        doc = create_user(session, "doc@example.org", PASSWORD, "clinician")
        cookie, _ = start_session(session, doc, now=NOW)
        doc.disabled_at = NOW  # e.g. by hand in the database: the lookup checks too
    with db.transaction() as session:
        assert session_user(session, cookie, now=NOW) is None
    assert _sessions(db) == 0


def test_nobody_disables_themselves_or_the_last_enabled_admin(db: Database) -> None:
    with db.transaction() as session:
        boss = create_user(session, "boss@example.org", PASSWORD, "admin")
        deputy = create_user(session, "deputy@example.org", PASSWORD, "admin")
        assert enabled_admins(session) == 2
        with pytest.raises(AccountError, match=r"^disabled: you cannot disable your own"):
            disable_user(session, boss, by=boss)
        disable_user(session, deputy, by=boss, now=NOW)
        assert enabled_admins(session) == 1
        with pytest.raises(AccountError, match="last enabled admin"):
            disable_user(session, boss)  # not even the operator at the command line
        disable_user(session, deputy, by=boss, now=NOW + timedelta(days=1))  # no change
        assert deputy.disabled_at == NOW
        enable_user(session, deputy)
        disable_user(session, boss, by=deputy)
        assert boss.disabled_at is not None and enabled_admins(session) == 1
