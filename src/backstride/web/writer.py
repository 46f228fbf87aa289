"""Group commit for saved assessments.

Under load many requests want to save an assessment at the same moment. With SQLite each
transaction takes the database's single write lock, and writers that find it taken back off
in ever longer sleeps, so latency balloons. Here requests hand their row to one writer thread
per process, which stores everything waiting in a single transaction and then answers each
request with its id. A request still returns only after its row is committed, so reading it
back (from any process) works at once.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from backstride.storage.assessments import record_assessment
from backstride.storage.db import Database

MAX_BATCH = 256
WAIT_SECONDS = 30.0


@dataclass(slots=True)
class _Row:
    athlete_id: int
    case: Mapping[str, Any]
    result: Mapping[str, Any]
    kb_version: str
    done: Future[tuple[int, datetime]]


class AssessmentWriter:
    def __init__(self, database: Database) -> None:
        self.database = database
        self.rows: queue.SimpleQueue[_Row] = queue.SimpleQueue()
        self.thread: threading.Thread | None = None
        self.start_lock = threading.Lock()

    def record(
        self,
        athlete_id: int,
        case: Mapping[str, Any],
        result: Mapping[str, Any],
        kb_version: str,
    ) -> tuple[int, datetime]:
        """Store one assessment; returns its id and time once it is committed."""
        self._ensure_started()
        done: Future[tuple[int, datetime]] = Future()
        self.rows.put(_Row(athlete_id, case, result, kb_version, done))
        return done.result(timeout=WAIT_SECONDS)

    def _ensure_started(self) -> None:
        if self.thread is None:
            with self.start_lock:
                if self.thread is None:
                    self.thread = threading.Thread(
                        target=self._run, name="assessment-writer", daemon=True
                    )
                    self.thread.start()

    def _run(self) -> None:
        while True:
            batch = [self.rows.get()]
            while len(batch) < MAX_BATCH:
                try:
                    batch.append(self.rows.get_nowait())
                except queue.Empty:
                    break
            self._write(batch)

    def _write(self, batch: list[_Row]) -> None:
        try:
            with self.database.transaction() as session:
                saved = [
                    record_assessment(session, r.athlete_id, r.case, r.result, r.kb_version)
                    for r in batch
                ]
        except Exception as exc:  # every waiting request gets the error, none hangs
            for row in batch:
                row.done.set_exception(exc)
            return
        for row, outcome in zip(batch, saved, strict=True):
            row.done.set_result(outcome)
