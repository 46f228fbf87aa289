"""One database fixture, run on SQLite and on PostgreSQL.

PostgreSQL comes from BACKSTRIDE_TEST_POSTGRES_URL; each test gets a schema of its own, so
tests can run in parallel against one server. Without the variable the PostgreSQL half is
skipped, except on CI (CI=true), where a missing or unreachable server fails the run.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from backstride.storage.db import Database, open_database

POSTGRES_ENV = "BACKSTRIDE_TEST_POSTGRES_URL"


def _on_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def postgres_base_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        if _on_ci():
            pytest.fail(f"{POSTGRES_ENV} is not set on CI; storage tests need PostgreSQL")
        pytest.skip(f"{POSTGRES_ENV} not set")
    return url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL whose connections live in a fresh schema, dropped afterwards."""
    base = postgres_base_url()
    schema = f"bs_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as exc:
        admin.dispose()
        pytest.fail(f"PostgreSQL at {POSTGRES_ENV} is unreachable: {exc}")
    joiner = "&" if "?" in base else "?"
    try:
        yield f"{base}{joiner}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = open_database(database_url)
    try:
        yield database
    finally:
        database.close()
