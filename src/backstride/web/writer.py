"""Group commit for saved assessments.

Under load many requests want to save an assessment at the same moment. With SQLite each
transaction takes the database's single write lock, and writers that find it taken back off
in ever longer sleeps, so latency balloons. Here requests hand their row to one writer thread
per process, which stores everything waiting in a single transaction (one multi-row INSERT)
and then answers each request with its id. A request still returns only after its row is
committed, so reading it back (from any process) works at once.

Requests wait on an asyncio future of their own event loop: the writer settles a whole batch
with one call into each loop, so no request thread is parked while the row is written.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from backstride.storage.assessments import AssessmentText, local_athlete_id, record_assessments
from backstride.storage.db import Database

MAX_BATCH = 256
WAIT_SECONDS = 30.0

Outcome = tuple[int, datetime]


@dataclass(slots=True)
class _Row:
    text: AssessmentText
    loop: asyncio.AbstractEventLoop
    done: asyncio.Future[Outcome]


def _settle(settled: list[tuple[asyncio.Future[Outcome], Outcome | BaseException]]) -> None:
    """Runs in the requests' event loop: hand each waiting request its outcome."""
    for future, outcome in settled:
        if future.done():  # the request gave up (timeout or cancelled)
            continue
        if isinstance(outcome, BaseException):
            future.set_exception(outcome)
        else:
            future.set_result(outcome)


class AssessmentWriter:
    def __init__(self, database: Database) -> None:
        self.database = database
        self.rows: queue.SimpleQueue[_Row] = queue.SimpleQueue()
        self.thread: threading.Thread | None = None
        self.start_lock = threading.Lock()
        # The local default athlete's id, looked up once: the lookup cost as much as the write.
        self.local_id: int | None = None

    async def record(self, text: AssessmentText) -> Outcome:
        """Store one assessment (JSON already serialised); returns its id and time once it is
        committed. `text.athlete_id` None means the local default athlete, looked up (or
        created) inside the writing transaction."""
        self._ensure_started()
        loop = asyncio.get_running_loop()
        done: asyncio.Future[Outcome] = loop.create_future()
        self.rows.put(_Row(text, loop, done))
        async with asyncio.timeout(WAIT_SECONDS):
            return await done

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
        outcomes: list[Outcome | BaseException]
        texts = [r.text for r in batch]
        try:
            try:
                outcomes = list(self._store(texts))
            except IntegrityError:  # the local athlete was deleted meanwhile: find it again
                if self.local_id is None:
                    raise
                self.local_id = None
                outcomes = list(self._store(texts))
        except Exception as exc:  # every waiting request gets the error, none hangs
            outcomes = [exc] * len(batch)
        by_loop: dict[
            asyncio.AbstractEventLoop,
            list[tuple[asyncio.Future[Outcome], Outcome | BaseException]],
        ] = {}
        for row, outcome in zip(batch, outcomes, strict=True):
            by_loop.setdefault(row.loop, []).append((row.done, outcome))
        for loop, settled in by_loop.items():
            with contextlib.suppress(RuntimeError):  # a closed loop: nobody waits any more
                loop.call_soon_threadsafe(_settle, settled)

    def _store(self, texts: list[AssessmentText]) -> list[Outcome]:
        """One transaction on a plain connection (no ORM session: its bookkeeping cost more
        than the INSERT)."""
        with self.database.write_turn(), self.database.engine.begin() as connection:
            if self.local_id is None and any(t.athlete_id is None for t in texts):
                self.local_id = local_athlete_id(connection)
            return record_assessments(connection, texts, self.local_id)
