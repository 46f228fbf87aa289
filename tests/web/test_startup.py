"""What a served worker does before its first request."""

from __future__ import annotations

from pathlib import Path

from backstride.engine.assess import default_engine
from backstride.web.app import create_app, warm_up
from backstride.web.settings import WebSettings


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
