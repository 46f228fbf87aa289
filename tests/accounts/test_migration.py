"""Revision 0003 on both databases: upgrade from 0002 with data in place, the schema equals
the models, and it downgrades cleanly (later revisions go down and up with it)."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from backstride.storage.accounts import create_user, grant_access, visible_athlete_ids
from backstride.storage.athletes import get_athlete
from backstride.storage.db import alembic_config, make_engine, open_database, upgrade
from backstride.storage.models import Base
from tests.accounts.conftest import PASSWORD

CLINIC_TABLES = {"users", "web_sessions", "clinician_grants", "api_tokens"}


def test_upgrading_from_0002_keeps_the_data_and_links_accounts_to_it(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine, "0002")
    when = datetime(2024, 5, 1, 7, 30, tzinfo=UTC)
    with engine.begin() as conn:
        assert not CLINIC_TABLES & set(inspect(conn).get_table_names())
        conn.execute(
            text("INSERT INTO athletes (id, name, created_at) VALUES (1, 'me', :t)"), {"t": when}
        )
        conn.execute(
            text(
                "INSERT INTO diary_entries (athlete_id, day, pain_morning, regions, created_at)"
                " VALUES (1, '2024-05-01', 3, '[]', :t)"
            ),
            {"t": when},
        )
    upgrade(engine, "0003")
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == "0003"
        assert set(inspect(conn).get_table_names()) >= CLINIC_TABLES
        assert conn.execute(text("SELECT pain_morning FROM diary_entries")).scalar() == 3
    engine.dispose()

    db = open_database(database_url)  # and on to the newest revision
    with db.transaction() as session:
        me = get_athlete(session)
        assert me is not None
        owner = create_user(session, "me@example.org", PASSWORD, "athlete", athlete=me)
        doc = create_user(session, "doc@example.org", PASSWORD, "clinician")
        grant_access(session, me.id, doc)
        assert visible_athlete_ids(session, doc) == {me.id} == visible_athlete_ids(session, owner)
    db.close()


def test_the_clinic_tables_match_the_models(database_url: str) -> None:
    db = open_database(database_url)
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        uniques = {tuple(u["column_names"]) for u in inspect(conn).get_unique_constraints("users")}
        assert {("email",), ("athlete_id",)} <= uniques
    db.close()


def test_0003_downgrades_to_0002_and_back(database_url: str) -> None:
    db = open_database(database_url)
    with db.transaction() as session:
        create_user(session, "doc@example.org", PASSWORD, "clinician")
    config = alembic_config(db.engine)
    command.downgrade(config, "0002")
    with db.engine.connect() as conn:
        assert not CLINIC_TABLES & set(inspect(conn).get_table_names())
    command.upgrade(config, "head")
    with db.engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) >= CLINIC_TABLES
        assert conn.execute(text("SELECT count(*) FROM users")).scalar() == 0
    db.close()
