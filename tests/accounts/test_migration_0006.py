"""Revision 0006 (`users.disabled_at`) on both databases: upgrading from 0005 keeps every
account, session and token working and leaves them enabled; it downgrades cleanly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from alembic import command
from alembic.migration import MigrationContext
from sqlalchemy import Connection, inspect, text

from backstride.storage.accounts import (
    authenticate,
    disable_user,
    password_hasher,
    session_user,
    token_digest,
    verify_api_token,
)
from backstride.storage.db import alembic_config, make_engine, open_database, upgrade
from backstride.storage.models import User
from tests.accounts.conftest import PASSWORD


def _columns(conn: Connection, table: str) -> set[str]:
    return {c["name"] for c in inspect(conn).get_columns(table)}


def test_upgrading_from_0005_keeps_accounts_sessions_and_tokens_enabled(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    upgrade(engine, "0005")
    when = datetime(2025, 1, 2, 8, 0, tzinfo=UTC)
    with engine.begin() as conn:
        assert "disabled_at" not in _columns(conn, "users")
        hashed = password_hasher().hash(PASSWORD)
        for user_id, email, role in ((1, "boss@example.org", "admin"),
                                     (2, "doc@example.org", "clinician")):  # fmt: skip
            conn.execute(
                text(
                    "INSERT INTO users (id, email, password_hash, role, created_at)"
                    " VALUES (:id, :email, :hash, :role, :t)"
                ),
                {"id": user_id, "email": email, "role": role, "t": when, "hash": hashed},
            )
        conn.execute(
            text(
                "INSERT INTO web_sessions (token_hash, user_id, created_at, expires_at)"
                " VALUES (:h, 2, :t, :e)"
            ),
            {"h": token_digest("cookie-token"), "t": when, "e": when + timedelta(days=3650)},
        )
        conn.execute(
            text(
                "INSERT INTO api_tokens (user_id, name, prefix, token_hash, created_at)"
                " VALUES (2, 'lab', 'bst_abcdefgh', :h, :t)"
            ),
            {"h": token_digest("bst_old-token"), "t": when},
        )
    upgrade(engine, "0006")
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == "0006"
        assert "disabled_at" in _columns(conn, "users")
        rows = conn.execute(text("SELECT email, disabled_at FROM users ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [("boss@example.org", None), ("doc@example.org", None)]
    engine.dispose()

    db = open_database(database_url)
    with db.transaction() as session:
        doc = authenticate(session, "doc@example.org", PASSWORD)
        assert session_user(session, "cookie-token") is doc
        assert verify_api_token(session, "bst_old-token") is not None
        boss = session.get(User, 1)
        assert boss is not None
        disable_user(session, doc, by=boss)
    with db.transaction() as session:
        assert verify_api_token(session, "bst_old-token") is None
    db.close()


def test_0006_downgrades_to_0005_and_back(database_url: str) -> None:
    db = open_database(database_url)
    config = alembic_config(db.engine)
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (email, password_hash, role, created_at, disabled_at)"
                " VALUES ('doc@example.org', 'x', 'clinician', :t, :t)"
            ),
            {"t": datetime(2025, 1, 2, tzinfo=UTC)},
        )
    command.downgrade(config, "0005")
    with db.engine.connect() as conn:
        assert "disabled_at" not in _columns(conn, "users")
        assert conn.execute(text("SELECT email FROM users")).scalar() == "doc@example.org"
        checks = {c["name"] for c in inspect(conn).get_check_constraints("users")}
        assert "ck_users_role_known" in checks
    command.upgrade(config, "head")
    with db.engine.connect() as conn:
        assert "disabled_at" in _columns(conn, "users")
        assert conn.execute(text("SELECT disabled_at FROM users")).scalar() is None
    db.close()
