"""The storage fixtures (SQLite and PostgreSQL through one parametrised `db`), plus personas."""

from __future__ import annotations

from tests.storage.conftest import database_url, db, postgres_url

__all__ = ["database_url", "db", "postgres_url"]

PASSWORD = "correct horse battery"
