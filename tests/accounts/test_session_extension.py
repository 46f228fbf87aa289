"""Sliding session expiry: which sessions are due, and `extend_session`'s own short write (one
winner among concurrent tries, skipped rather than waiting when the database is busy). On
SQLite and PostgreSQL through the parametrised `db` fixture."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from backstride.storage.accounts import (
    SESSION_EXTEND_INTERVAL,
    SESSION_LIFETIME,
    _lock_wait,
    create_user,
    extend_session,
    find_session,
    session_user,
    start_session,
    token_digest,
)
from backstride.storage.db import Database
from backstride.storage.models import WebSession
from tests.accounts.conftest import PASSWORD

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)


def _session(db: Database, *, lifetime: timedelta = SESSION_LIFETIME) -> str:
    with db.transaction() as session:
        user = create_user(session, "ana@example.org", PASSWORD, "athlete")
        token, _ = start_session(session, user, now=NOW, lifetime=lifetime)
    return token


def _expiry(db: Database, token: str) -> datetime:
    with db.transaction() as session:
        found = session.scalar(
            select(WebSession.expires_at).where(WebSession.token_hash == token_digest(token))
        )
        assert found is not None
        return found


def test_a_session_is_due_in_its_second_half_only(db: Database) -> None:
    token = _session(db)
    with db.transaction() as session:
        early = find_session(session, token, now=NOW + SESSION_LIFETIME * 0.4)
        late = find_session(session, token, now=NOW + SESSION_LIFETIME * 0.6)
        assert early is not None and not early.extension_due
        assert late is not None and late.extension_due
        assert late.user.email == "ana@example.org"
    assert _expiry(db, token) == NOW + SESSION_LIFETIME  # looking writes nothing


def test_a_short_session_waits_the_minimum_interval_between_extensions(db: Database) -> None:
    lifetime = SESSION_EXTEND_INTERVAL * 1.2  # its second half starts before the interval
    token = _session(db, lifetime=lifetime)
    with db.transaction() as session:
        half = find_session(session, token, now=NOW + lifetime * 0.7, lifetime=lifetime)
        assert half is not None and not half.extension_due
        later = NOW + SESSION_EXTEND_INTERVAL + timedelta(seconds=1)
        found = find_session(session, token, now=later, lifetime=lifetime)
        assert found is not None and found.extension_due


def test_extend_session_moves_the_expiry_once(db: Database) -> None:
    token = _session(db)
    late = NOW + SESSION_LIFETIME * 0.6
    assert extend_session(db.engine, token, now=late) == late + SESSION_LIFETIME
    assert _expiry(db, token) == late + SESSION_LIFETIME
    # Another request (or process) a moment later finds nothing to do.
    assert extend_session(db.engine, token, now=late + timedelta(seconds=1)) is None
    assert _expiry(db, token) == late + SESSION_LIFETIME


def test_extend_session_leaves_fresh_lapsed_and_unknown_sessions_alone(db: Database) -> None:
    token = _session(db)
    assert extend_session(db.engine, token, now=NOW + SESSION_LIFETIME * 0.4) is None
    assert extend_session(db.engine, token, now=NOW + SESSION_LIFETIME * 1.1) is None
    assert extend_session(db.engine, token + "x", now=NOW + SESSION_LIFETIME * 0.6) is None
    assert _expiry(db, token) == NOW + SESSION_LIFETIME


def test_a_busy_database_skips_the_extension_instead_of_waiting(db: Database) -> None:
    token = _session(db)
    late = NOW + SESSION_LIFETIME * 0.6
    holder = db.sessions()
    try:
        # Another transaction writing the same row: SQLite's write lock, a PostgreSQL row lock.
        holder.execute(
            update(WebSession)
            .where(WebSession.token_hash == token_digest(token))
            .values(expires_at=NOW + SESSION_LIFETIME)
        )
        assert extend_session(db.engine, token, now=late) is None
    finally:
        holder.rollback()
        holder.close()
    assert _expiry(db, token) == NOW + SESSION_LIFETIME
    # Once the database is free again, the next request extends it.
    assert extend_session(db.engine, token, now=late) == late + SESSION_LIFETIME


def test_the_short_lock_wait_is_undone_on_the_connection(db: Database) -> None:
    with db.engine.connect() as connection:
        if connection.dialect.name != "sqlite":
            return
        before = connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
        connection.rollback()
        with _lock_wait(connection, timedelta(milliseconds=5)):
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5
            connection.rollback()
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == before == 10000


def test_session_user_still_extends_in_the_caller_s_transaction(db: Database) -> None:
    token = _session(db)
    late = NOW + SESSION_LIFETIME * 0.6
    with db.transaction() as session:
        assert session_user(session, token, now=late) is not None
    assert _expiry(db, token) == late + SESSION_LIFETIME
