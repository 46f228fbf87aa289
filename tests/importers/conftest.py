"""Fixtures for importer tests: the shared activity files and a SQLite database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from backstride.storage.db import Database, open_database
from tests.importers.importer_data import activity_dir


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return activity_dir()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    db = open_database(f"sqlite:///{tmp_path / 'import.db'}")
    try:
        yield db
    finally:
        db.close()
