"""Background WAL checkpoints for a served SQLite database."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text

from backstride.storage import checkpoints
from backstride.storage.assessments import AssessmentText, record_assessments
from backstride.storage.checkpoints import BackgroundCheckpoints, checkpoint
from backstride.storage.db import Database, open_database

BIG = AssessmentText(None, "{}", '{"text": "' + "x" * 20_000 + '"}', "kb-test")


def _write_rows(db: Database, count: int, local: int | None = None) -> int:
    """`count` rows of ~20 KB, each in its own transaction, for athlete `local` (created
    if None); returns the athlete's id."""
    if local is None:
        with db.engine.begin() as connection:
            local = connection.execute(
                text(
                    "INSERT INTO athletes (name, created_at) VALUES "
                    "('me', CURRENT_TIMESTAMP) RETURNING id"
                )
            ).scalar_one()
    for _ in range(count):
        with db.engine.begin() as connection:
            record_assessments(connection, [BIG], local)
    return local


def _autocheckpoint(db: Database) -> int:
    with db.engine.connect() as connection:
        return int(connection.execute(text("PRAGMA wal_autocheckpoint")).scalar_one())


def test_served_connections_leave_checkpoints_to_the_background_thread(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'served.db'}")
    try:
        assert _autocheckpoint(db) == 1000  # SQLite's default: on the committing connection
        db.prepare_for_serving()
        assert _autocheckpoint(db) == 0
        main_file = tmp_path / "served.db"
        before = main_file.stat().st_size
        _write_rows(db, 200)  # ~4 MB of log, past SQLite's 1,000-page mark
        deadline = time.monotonic() + 10
        while main_file.stat().st_size <= before and time.monotonic() < deadline:
            time.sleep(0.1)
        assert main_file.stat().st_size > before  # the thread copied the log into the file
        thread = db.checkpoints[0].thread
    finally:
        db.close()
    assert not thread.is_alive()


def test_checkpoints_start_once_and_only_for_a_sqlite_file(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'once.db'}")
    try:
        db.prepare_for_serving()
        db.prepare_for_serving()
        assert len(db.checkpoints) == 1
    finally:
        db.close()
    memory = open_database("sqlite://")
    memory.prepare_for_serving()
    assert memory.checkpoints == []
    memory.close()


def test_a_checkpoint_that_cannot_run_is_skipped(tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / "plain.db")
    connection.close()
    assert checkpoint(connection) is None  # a closed connection: reported, not raised


def test_under_steady_writing_the_log_starts_over_instead_of_growing(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'steady.db'}")
    try:
        db.prepare_for_serving()
        running = db.checkpoints[0]
        running.restart_pages = 256  # ~1 MB, so a short test fills the log many times
        athlete = _write_rows(db, 1)
        written = 0
        deadline = time.monotonic() + 30
        while (running.restarts < 3 or written < 700) and time.monotonic() < deadline:
            _write_rows(db, 50, athlete)  # ~1 MB each time, back to back as under load
            written += 50
        assert running.restarts >= 3
        with sqlite3.connect(tmp_path / "steady.db") as reader:
            log_pages = reader.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1]
        # Every row went through the log (20 KB: 5+ pages each); it holds only the latest.
        assert 0 <= log_pages < written * 5 // 2
    finally:
        db.close()


def test_a_restart_flushes_both_files_before_it_holds_writers_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[tuple[str, tuple[str, ...]]] = []
    flush = lambda *paths: events.append(("flush", paths))  # noqa: E731
    monkeypatch.setattr(checkpoints, "flush_to_disk", flush)

    @contextmanager
    def writers_turn() -> Iterator[None]:
        events.append(("turn", ()))
        yield

    path = str(tmp_path / "flushed.db")
    db = open_database(f"sqlite:///{path}")
    running = BackgroundCheckpoints(db.engine, writers_turn, restart_pages=256)
    try:
        athlete = _write_rows(db, 1)
        deadline = time.monotonic() + 30
        while running.restarts < 2 and time.monotonic() < deadline:
            _write_rows(db, 50, athlete)
    finally:
        running.stop()
        db.close()
    assert running.restarts >= 2
    kinds = [kind for kind, _ in events]
    assert all(i > 0 and kinds[i - 1] == "flush" for i, k in enumerate(kinds) if k == "turn")
    assert events[0] == ("flush", (path, f"{path}-wal"))


def test_flushing_a_file_that_is_gone_is_not_an_error(tmp_path: Path) -> None:
    kept = tmp_path / "kept.db"
    kept.write_bytes(b"data")
    checkpoints.flush_to_disk(str(kept), str(tmp_path / "gone.db-wal"))
    assert kept.read_bytes() == b"data"


def test_one_process_checkpoints_a_file_and_the_duty_passes_on(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    first, second = open_database(url), open_database(url)
    try:
        first.prepare_for_serving()
        deadline = time.monotonic() + 5
        while not first.checkpoints[0].duty.held and time.monotonic() < deadline:
            time.sleep(0.05)
        assert first.checkpoints[0].duty.held
        second.prepare_for_serving()
        assert not second.checkpoints[0].duty.taken()  # held by the first (its own open)
        first.close()
        assert second.checkpoints[0].duty.taken()
    finally:
        first.close()
        second.close()
