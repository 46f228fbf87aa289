"""`create_app(settings)`: the FastAPI app, built on demand (never at import time).

For several uvicorn workers, `backstride serve` passes the settings in the environment and
names the factory `backstride.web.app:app_from_env`.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import IntegrityError

from backstride import __version__
from backstride.reports.markdown import could_mean
from backstride.reports.safety import percent
from backstride.storage.athletes import default_athlete
from backstride.storage.db import Database, open_database
from backstride.web import errors, links
from backstride.web.context import field_prompt, finding_words
from backstride.web.settings import WebSettings, settings_from_env
from backstride.web.writer import AssessmentWriter

HERE = Path(__file__).parent
DESCRIPTION = (
    "The backstride JSON API: assess a case (the assessment contract, version 1), keep a pain "
    "diary, import activities and read training-load metrics. Errors have one shape: "
    '`{"error": {"message", "problems": [{field, value, allowed, message}]}}`; invalid input '
    "is answered with 422."
)


def csrf_token(request: Request | None = None) -> str:
    """The form token; empty in local mode (clinic mode replaces this global)."""
    return ""


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.globals["csrf_token"] = csrf_token
    env.globals["app_version"] = __version__
    links.install(env.globals)  # url_for_athlete(), athlete_field(), viewed_athlete()
    env.filters["words"] = finding_words
    env.filters["prompt"] = field_prompt
    env.filters["could_mean"] = could_mean
    env.filters["percent"] = percent
    env.trim_blocks = True
    env.lstrip_blocks = True
    return templates


def ensure_default_athlete(db: Database) -> None:
    """Create the local athlete once, so that requests only ever read it. Two workers starting
    together may both try; the loser finds the winner's row."""
    try:
        with db.transaction() as session:
            default_athlete(session)
    except IntegrityError:
        with db.transaction() as session:
            default_athlete(session)


def create_app(settings: WebSettings | None = None, *, database: Database | None = None) -> FastAPI:
    """Build the app. The database is opened (and migrated) here unless one is passed in."""
    settings = settings or WebSettings()
    db = database if database is not None else open_database(settings.database_url)
    owns_db = database is None
    if settings.mode == "local":
        ensure_default_athlete(db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owns_db:
            db.close()

    app = FastAPI(
        title="backstride",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        separate_input_output_schemas=False,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.database = db
    app.state.assessment_writer = AssessmentWriter(db)
    app.state.templates = make_templates()
    errors.install(app)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    from backstride.web import api, pages, routes_care

    app.include_router(api.router)
    app.include_router(routes_care.api)
    app.include_router(pages.router)
    app.include_router(routes_care.pages)
    if settings.mode == "clinic":  # accounts, sessions, CSRF, access rules, their routes
        from backstride.web import auth

        auth.install(app, settings)
    _document_case_body(app)
    return app


def _document_case_body(app: FastAPI) -> None:
    """The assessment endpoint reads its body itself (for the contract's own messages); make
    the OpenAPI document name the Case schema as its request body."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = build()
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        if "Case" not in components:  # pragma: no cover - Case is part of a response model
            from backstride.contract.case import Case

            case_schema = Case.model_json_schema(ref_template="#/components/schemas/{model}")
            components.update(case_schema.pop("$defs", {}))
            components["Case"] = case_schema
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def warm_up(app: FastAPI) -> None:
    """Build now what the first requests would otherwise build (the engine and knowledge base,
    the OpenAPI document, the compiled templates): the first assessment does not wait for
    them, and they are frozen below with the rest, out of the collector's way."""
    from backstride.contract.case import Case
    from backstride.engine.assess import assess

    assess(Case()).model_dump_json()
    app.openapi()
    env = app.state.templates.env
    for name in env.list_templates(filter_func=lambda n: n.endswith(".html")):
        env.get_template(name)


SWITCH_INTERVAL_SECONDS = 0.0005


def app_from_env() -> FastAPI:
    """Factory for uvicorn workers: settings come from BACKSTRIDE_WEB_SETTINGS."""
    app = create_app(settings_from_env())
    app.state.database.prepare_for_serving()
    warm_up(app)
    # The modules, the knowledge base and the app live as long as the worker: moving them out of
    # the garbage collector's view keeps its full collections short (~40 ms each otherwise,
    # stalling every request in flight: the assessment endpoint's p99).
    gc.collect()
    gc.freeze()
    # The assessment writer holds the database's write turn while it waits for the GIL between
    # SQLite calls; with Python's default 5 ms switch interval the event loop (running the
    # engine) kept it, and both workers' writers, waiting (p99 of a held turn 16 ms -> 5 ms).
    sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)
    return app
