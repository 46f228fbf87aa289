"""Opening, migrating and configuring the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from backstride.errors import StorageError
from backstride.storage.db import Database, alembic_config, make_engine, open_database
from backstride.storage.models import Base
from backstride.storage.settings import ENV_VAR, resolve_database_url


def _head() -> str | None:
    """The newest revision in the migrations folder, so adding one does not break these tests."""
    return ScriptDirectory.from_config(alembic_config(make_engine("sqlite://"))).get_current_head()


def test_opening_a_database_brings_it_to_the_latest_revision(db: Database) -> None:
    with db.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == _head()
        assert set(inspect(conn).get_table_names()) >= {
            "athletes",
            "activities",
            "shoes",
            "diary_entries",
            "saved_assessments",
            "imported_files",
        }


def test_the_migrations_build_exactly_the_models(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_opening_twice_is_harmless(database_url: str) -> None:
    open_database(database_url).close()
    again = open_database(database_url)
    with again.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == _head()
    again.close()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'x.db'}")
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    db.close()


def test_an_unusable_url_is_a_storage_error() -> None:
    with pytest.raises(StorageError, match="cannot"):
        open_database("nosuchdialect://x")


def test_an_explicit_url_beats_the_environment(tmp_path: Path) -> None:
    env = {ENV_VAR: "sqlite:///from-env.db"}
    assert resolve_database_url("sqlite:///explicit.db", env) == "sqlite:///explicit.db"
    assert resolve_database_url(None, env) == "sqlite:///from-env.db"


def test_the_config_file_comes_after_the_environment(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('database_url = "postgresql+psycopg://me@db/x"\n')
    assert resolve_database_url(None, {}, config) == "postgresql+psycopg://me@db/x"
    assert resolve_database_url(None, {ENV_VAR: "sqlite://"}, config) == "sqlite://"


def test_the_default_is_a_sqlite_file_in_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    url = resolve_database_url(None, {}, tmp_path / "missing.toml")
    assert url.startswith("sqlite:///")
    assert url.endswith("backstride/backstride.db")
    assert (tmp_path / "data" / "backstride").is_dir()
