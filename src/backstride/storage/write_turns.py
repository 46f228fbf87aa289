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


class WriteTurns:
    """An exclusive turn at writing, shared by every process that opens the same file."""

    def __init__(self, database_path: str) -> None:
        self.path = f"{database_path}-writers.lock"
        self.descriptor: int | None = None
        self.in_process = threading.Lock()  # flock does not order threads of one process

    @contextmanager
    def turn(self) -> Iterator[None]:
        with self.in_process:
            if fcntl is None:
                yield
                return
            if self.descriptor is None:
                self.descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(self.descriptor, fcntl.LOCK_EX)  # waits without holding the GIL
            try:
                yield
            finally:
                fcntl.flock(self.descriptor, fcntl.LOCK_UN)

    def close(self) -> None:
        with self.in_process:
            if self.descriptor is not None:
                os.close(self.descriptor)
                self.descriptor = None
