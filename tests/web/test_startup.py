"""What a served worker does before its first request."""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

import pytest

from backstride.engine.assess import default_engine
from backstride.web.app import SWITCH_INTERVAL_SECONDS, app_from_env, create_app, warm_up
from backstride.web.settings import ENV_VAR, WebSettings


def test_warm_up_builds_the_engine_the_schema_and_every_template(tmp_path: Path) -> None:
    app = create_app(WebSettings(database_url=f"sqlite:///{tmp_path / 'warm.db'}"))
    try:
        default_engine.cache_clear()
        warm_up(app)  # raises if any template does not compile
        assert default_engine.cache_info().currsize == 1
        assert app.openapi_schema is not None
        env = app.state.templates.env
        assert env.cache is not None
        compiled = {key[1] for key in env.cache}  # (loader, name) keys
        assert {"result.html", "wizard.html", "base.html"} <= compiled
    finally:
        app.state.database.close()


def test_a_served_worker_prepares_its_database_and_its_threads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'served.db'}"
    monkeypatch.setenv(ENV_VAR, json.dumps({"database_url": url}))
    interval = sys.getswitchinterval()
    try:
        app = app_from_env()
        try:
            database = app.state.database
            assert len(database.checkpoints) == 1 and len(database.write_turns) == 1
            assert sys.getswitchinterval() == SWITCH_INTERVAL_SECONDS
        finally:
            app.state.database.close()
    finally:
        gc.unfreeze()
        sys.setswitchinterval(interval)
