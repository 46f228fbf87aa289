"""Taking turns at a SQLite file's write lock, between the processes that serve it.

SQLite lets one transaction write at a time. A writer that finds the lock taken sleeps and
tries again (1, 2, 5, 10 … up to 100 ms, its busy handler), and a process that writes back to
back can take the lock again before the sleeper wakes: under load one worker's assessment
writer waited seconds while the other wrote. Writers that queue on an advisory file lock
beside the database (flock) instead are woken by the kernel the moment it is released, so
each gets its turn within one transaction's time.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows: SQLite's own waiting is used there
    fcntl = None  # type: ignore[assignment]


class LockFile:
    """An exclusive advisory lock (flock) on a file beside the database, shared by every
    process that opens it. Without advisory locks (Windows) it is always granted."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.descriptor: int | None = None

    def acquire(self, wait: bool = True) -> bool:
        """Take the lock, waiting for it (without holding the GIL) unless `wait` is False;
        False if it is held elsewhere and not waited for."""
        if fcntl is None:
            return True
        if self.descriptor is None:
            self.descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self.descriptor, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def release(self) -> None:
        if fcntl is not None and self.descriptor is not None:
            fcntl.flock(self.descriptor, fcntl.LOCK_UN)

    def close(self) -> None:
        """Release the lock, if held, and the file."""
        if self.descriptor is not None:
            os.close(self.descriptor)
            self.descriptor = None


class WriteTurns:
    """An exclusive turn at writing, shared by every process that opens the same file."""

    def __init__(self, database_path: str) -> None:
        self.lock = LockFile(f"{database_path}-writers.lock")
        self.in_process = threading.Lock()  # flock does not order threads of one process

    @contextmanager
    def turn(self) -> Iterator[None]:
        with self.in_process:
            self.lock.acquire()
            try:
                yield
            finally:
                self.lock.release()

    def close(self) -> None:
        with self.in_process:
            self.lock.close()
