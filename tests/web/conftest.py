"""Web fixtures: an app over a fresh SQLite database, and a client for it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from backstride.web.app import create_app
from backstride.web.settings import WebSettings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'web.db'}"


@pytest.fixture
def app(database_url: str) -> Iterator[FastAPI]:
    application = create_app(WebSettings(database_url=database_url))
    yield application
    application.state.database.close()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def self_care_case() -> str:
    return (EXAMPLES / "self-care.json").read_text()


@pytest.fixture
def cauda_equina_case() -> str:
    return (EXAMPLES / "cauda-equina.json").read_text()
