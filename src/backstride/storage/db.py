"""Opening a database: engine, SQLite pragmas, and Alembic `upgrade head` on every start."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from backstride.errors import StorageError
from backstride.storage.checkpoints import BackgroundCheckpoints
from backstride.storage.settings import resolve_database_url
from backstride.storage.write_turns import WriteTurns

MIGRATIONS = Path(__file__).parent / "migrations"


@dataclass(frozen=True)
class Database:
    """An engine and its session factory; services get sessions, the caller commits."""

    engine: Engine
    sessions: sessionmaker[Session]
    checkpoints: list[BackgroundCheckpoints] = field(default_factory=list)
    write_turns: list[WriteTurns] = field(default_factory=list)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any error."""
        with self.sessions.begin() as session:
            yield session

    def prepare_for_serving(self) -> None:
        """For a SQLite file served by several processes: WAL checkpoints from a thread of
        their own, not on the commit that happens to fill the log (`storage.checkpoints`),
        and writers that take turns (`storage.write_turns`). Other databases: nothing to do."""
        url = self.engine.url
        sqlite_file = url.get_backend_name() == "sqlite" and url.database not in ("", ":memory:")
        if sqlite_file and url.database is not None and not self.checkpoints:
            turns = WriteTurns(url.database)
            self.write_turns.append(turns)
            self.checkpoints.append(BackgroundCheckpoints(self.engine, turns.turn))

    def write_turn(self) -> AbstractContextManager[None]:
        """Wrap a busy writer's transactions in this: it waits its turn (SQLite served by
        several processes) instead of polling for the database's write lock."""
        return self.write_turns[0].turn() if self.write_turns else nullcontext()

    def close(self) -> None:
        for running in self.checkpoints:
            running.stop()
        self.checkpoints.clear()
        for turns in self.write_turns:
            turns.close()
        self.write_turns.clear()
        self.engine.dispose()


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    # WAL lets readers go on during an import; NORMAL sync is safe with WAL (no corruption,
    # at worst the last commits are lost on power failure).
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def make_engine(url: str) -> Engine:
    # A file SQLite database gets a large pool: the web app's request threads each hold a
    # connection, and SQLite connections are cheap (the default 5 + 10 would queue them).
    sqlite_file = url.startswith("sqlite") and ":memory:" not in url and url != "sqlite://"
    options: dict[str, Any] = {"pool_size": 40, "max_overflow": 40} if sqlite_file else {}
    try:
        engine = create_engine(url, **options)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StorageError(f"cannot use database URL {_safe(url)}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def upgrade(engine: Engine, revision: str = "head") -> None:
    try:
        command.upgrade(alembic_config(engine), revision)
    except SQLAlchemyError as exc:
        where = _safe(str(engine.url))
        raise StorageError(f"cannot open or migrate {where}: {_first_line(exc)}") from exc


def open_database(url: str | None = None) -> Database:
    """Connect (URL resolved by settings) and bring the schema to the latest revision."""
    engine = make_engine(resolve_database_url(url))
    upgrade(engine)
    return Database(engine, sessionmaker(engine, expire_on_commit=False))


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<invalid URL>"


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
