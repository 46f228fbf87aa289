"""`backstride serve`: the web app and JSON API on this computer."""

from __future__ import annotations

import contextlib
import os

import typer

from backstride.cli import app


@app.command("serve")
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on (local mode: loopback only)."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int = typer.Option(1, help="Worker processes."),
    database: str | None = typer.Option(
        None,
        "--database",
        help="SQLAlchemy URL (default: BACKSTRIDE_DATABASE_URL, else SQLite in your data folder).",
        show_default=False,
    ),
    # Clinic mode (accounts, roles, sessions; see backstride.web.auth and `backstride admin`).
    clinic: bool = typer.Option(
        False, "--clinic", help="Clinic mode: sign-in, roles, access grants (use PostgreSQL)."
    ),
    cookie_secure: bool | None = typer.Option(
        None,
        "--cookie-secure/--no-cookie-secure",
        help="Clinic mode: Secure cookies (default: only for requests that came over https).",
        show_default=False,
    ),
) -> None:
    """Start the web app (local mode: one user, no login; --clinic: accounts) and print its URL."""
    from backstride.storage.db import open_database
    from backstride.storage.settings import resolve_database_url
    from backstride.web.app import ensure_default_athlete
    from backstride.web.settings import ENV_VAR, build_settings

    settings = build_settings(
        host=host,
        port=port,
        workers=workers,
        database_url=resolve_database_url(database),
        mode="clinic" if clinic else None,
        cookie_secure=cookie_secure,
    )
    # Migrate (and create the local athlete) once here, so that workers do not race to do it.
    db = open_database(settings.database_url)
    try:
        if settings.mode == "local":
            ensure_default_athlete(db)
        else:  # clinic mode: no default athlete; say how to get in if nobody can
            from backstride.storage.accounts import list_users

            with db.transaction() as session:
                if not list_users(session, "admin"):
                    typer.echo("No admin yet: run `backstride admin create-admin --email …`.")
    finally:
        db.close()
    os.environ[ENV_VAR] = settings.to_env()
    typer.echo(f"backstride is running at {settings.url}  (Ctrl-C to stop)")
    _run_uvicorn(settings.host, settings.port, settings.workers)


def _run_uvicorn(host: str, port: int, workers: int) -> None:
    import socket

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(
        "backstride.web.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        access_log=False,
    )
    if config.workers <= 1:
        uvicorn.Server(config).run()
        return
    sock = config.bind_socket()
    # uvicorn opens the shared socket with protocol 0, so asyncio does not turn off Nagle's
    # algorithm on the connections accepted from it, and each response then waits ~40 ms for
    # the client's delayed ACK. Linux copies TCP_NODELAY from the listening socket to them.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C stops the workers and us
        Multiprocess(config, sockets=[sock]).run()
