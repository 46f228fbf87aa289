"""WAL checkpoints off the request path, for a served SQLite database.

SQLite copies its write-ahead log back into the database file ("checkpoints") on the commit
that finds the log over 1,000 pages. That commit then waits for the copy and its fsync: with
saved assessments (~15 KB each) that is every hundred-odd rows, and the requests waiting on
that commit stall for ~10 ms. A served app turns the automatic checkpoints off on its own
connections and runs a passive checkpoint from a thread of its own every half second instead.
Passive checkpoints never block writers or readers; if another process is checkpointing, this
one simply skips its turn.

A passive checkpoint never starts the log over, though: writers keep appending while it
copies, so under steady writing the log grew without end (600 MB after a minute of
benchmark), and with it the disk writes and the kernel's write-back stalls. So once the log
holds more than `RESTART_PAGES`, the thread takes the writers' turn (`storage.write_turns`),
copies the little that is left and has the next writer start the log from its beginning
(a RESTART checkpoint); writers wait only for that last copy and its flush to disk, which is
short because the files were flushed just before.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from sqlalchemy import Engine, event

from backstride.storage.write_turns import LockFile

INTERVAL_SECONDS = 0.5
# At 1,000 saved assessments a second (~7 log pages each) a restart comes every 2-3 seconds,
# and the log's file is then reused rather than grown. A larger log made every write slower;
# a smaller one, more restarts.
RESTART_PAGES = 16384  # 64 MB of 4 KB pages
# The log passes RESTART_PAGES by a few thousand pages before the restart comes; a limit at
# twice that keeps the file as it is instead of cutting it and growing it again each time.
LOG_SIZE_LIMIT = 2 * RESTART_PAGES * 4096
# How long a RESTART waits for readers still on the old log (writers wait meanwhile).
RESTART_WAIT_MS = 20


class BackgroundCheckpoints:
    def __init__(
        self,
        engine: Engine,
        writers_turn: Callable[[], AbstractContextManager[None]] = nullcontext,
        restart_pages: int = RESTART_PAGES,
    ) -> None:
        path = engine.url.database
        if engine.dialect.name != "sqlite" or not path or path == ":memory:":
            raise ValueError("background checkpoints need a SQLite database file")
        self.path = path
        self.writers_turn = writers_turn
        self.restart_pages = restart_pages
        self.restarts = 0
        self.restarted_log_pages = -1  # the log's size at the last restart (still shown idle)
        self.duty = _Duty(path)
        self.stopping = threading.Event()
        event.listen(engine, "connect", _no_automatic_checkpoints)
        engine.dispose()  # connections made from now on get the setting
        self.thread = threading.Thread(target=self._run, name="wal-checkpoints", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        connection = sqlite3.connect(self.path, check_same_thread=False)
        try:
            connection.execute("PRAGMA busy_timeout=0")  # busy: skip this turn, never wait
            while not self.stopping.wait(INTERVAL_SECONDS):
                if self.duty.taken():
                    self._checkpoint(connection)
            checkpoint(connection)  # leave the log short for whoever opens the file next
        finally:
            connection.close()
            self.duty.give_up()

    def _checkpoint(self, connection: sqlite3.Connection) -> None:
        copied = checkpoint(connection)
        if copied is None or copied[1] < self.restart_pages:
            return
        if copied[1] == self.restarted_log_pages:
            return  # restarted already; the log starts over with the next write
        # The copy above took tens of ms while writers went on; copy what they added now, and
        # flush both files to disk, so that what is left for the restart (with writers held
        # back) is a few ms of writes and their flush.
        checkpoint(connection)
        flush_to_disk(self.path, f"{self.path}-wal")
        with self.writers_turn():
            connection.execute(f"PRAGMA busy_timeout={RESTART_WAIT_MS}")
            try:
                restarted = checkpoint(connection, "RESTART")
            finally:
                connection.execute("PRAGMA busy_timeout=0")
        if restarted is not None and restarted[0] == 0:
            self.restarts += 1
            self.restarted_log_pages = restarted[1]

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=5)


class _Duty:
    """Which one of the processes serving a file checkpoints it: the one holding a lock on a
    file beside it. Two checkpointers got in each other's way: a restart waited for the other
    process's copy while holding the writers back. The others try again each round, so the
    duty passes on when its process ends."""

    def __init__(self, database_path: str) -> None:
        self.lock = LockFile(f"{database_path}-checkpointer.lock")
        self.held = False

    def taken(self) -> bool:
        if not self.held:
            self.held = self.lock.acquire(wait=False)
        return self.held

    def give_up(self) -> None:
        self.lock.close()  # releases the lock
        self.held = False


def checkpoint(
    connection: sqlite3.Connection, mode: str = "PASSIVE"
) -> tuple[int, int, int] | None:
    """One checkpoint: (busy, log pages, pages copied), or None if it could not run."""
    with contextlib.suppress(sqlite3.Error):
        row = connection.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()
        return (int(row[0]), int(row[1]), int(row[2]))
    return None


def flush_to_disk(*paths: str) -> None:
    """Write the files' data out to the disk. The restart's own flushes then find little
    left to write: one of them used to take 25-50 ms while holding writers back (2-9 ms
    after this, measured on this machine's virtual disk at 1,000 saved assessments/s)."""
    sync = getattr(os, "fdatasync", os.fsync)  # no fdatasync on macOS and Windows
    for path in paths:
        with contextlib.suppress(OSError):  # gone (the log is removed on close): nothing to do
            descriptor = os.open(path, os.O_RDONLY)
            try:
                sync(descriptor)
            finally:
                os.close(descriptor)


def _no_automatic_checkpoints(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA wal_autocheckpoint=0")
    # When the log starts over after a checkpoint, cut the file back to this size.
    cursor.execute(f"PRAGMA journal_size_limit={LOG_SIZE_LIMIT}")
    cursor.close()
