"""The import run: find files, skip known ones, decode on every core, store one file at a time.

The main process reads, unwraps and hashes each file (cheap), skips content it has seen,
and hands the rest to worker processes. Results are stored in submission order, each file
in its own transaction, so an import killed halfway leaves only whole files behind and a
second run picks up the rest.

Lines of an export's index that have no file (Strava CSV-only lines, Garmin activity
summaries) are stored after every file, so that when a file and a summary describe the same
session the file's detail is the one kept. A Garmin summary counts as already known when a
stored activity of any sport starts within `SUMMARY_MATCH_S` of it: the sport can have been
edited on Garmin Connect after the upload, and one person cannot start two sessions a minute
apart while the first is still running.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from backstride.errors import ActivityFileError
from backstride.importers.decode import decode, unwrap
from backstride.importers.garmin import activity_from_summary
from backstride.importers.sources import Candidate, SourceWalker
from backstride.importers.strava import activity_from_row, overlay
from backstride.storage.activities import (
    ActivityKey,
    DroppedSession,
    drop_file_less_near,
    known_activity_keys,
    known_files,
    record_import,
)
from backstride.storage.athletes import DEFAULT_ATHLETE, default_athlete
from backstride.storage.db import Database
from backstride.storage.models import ImportedFile
from backstride.training.activity import Activity

# Outcome of decoding one file in a worker: (format, activities) or a one-line reason.
Decoded = tuple[str, list[Activity]] | str
SUMMARY_MATCH_S = 60


@dataclass
class ImportReport:
    files: int = 0
    imported: int = 0
    activities: int = 0
    already_imported: int = 0
    duplicate_activities: int = 0
    # Sessions stored earlier from an export's index that a file now describes in detail.
    replaced_index_lines: int = 0
    bytes_decoded: int = 0
    seconds: float = 0.0
    refused: list[str] = field(default_factory=list)


def decode_job(label: str, data: bytes) -> Decoded:
    """Runs in a worker: never raises, so one bad file cannot stop the others."""
    try:
        fmt, activities = decode(label, data)
    except ActivityFileError as exc:
        return str(exc)
    except RecursionError:
        return "nested too deeply to read"
    except Exception as exc:  # a reader bug must not become a traceback for the user
        return f"could not be read ({type(exc).__name__}: {str(exc)[:160]})"
    return fmt.value, activities


@dataclass
class _Work:
    candidate: Candidate
    digest: str
    size: int
    result: Future[Decoded]


class _Known:
    """What the database already holds, loaded once per run."""

    def __init__(self, db: Database, athlete_name: str) -> None:
        with db.transaction() as session:
            athlete = default_athlete(session, athlete_name)
            self.athlete_id = athlete.id
            files = known_files(session, athlete)
            self.activity_keys: set[ActivityKey] = known_activity_keys(session, athlete)
        self.hashes = {f.sha256 for f in files}
        self.stats = {(f.path_key, f.size, f.mtime_ns) for f in files if f.path_key}
        self.starts = {int(start.timestamp()) for _, start in self.activity_keys}

    def add(self, keys: list[ActivityKey]) -> None:
        self.activity_keys.update(keys)
        self.starts.update(int(start.timestamp()) for _, start in keys)

    def started_near(self, activity: Activity) -> bool:
        second = int(activity.start.timestamp())
        span = range(second - SUMMARY_MATCH_S, second + SUMMARY_MATCH_S + 1)
        return any(s in self.starts for s in span)

    def unchanged(self, candidate: Candidate) -> bool:
        if candidate.path_key is None:
            return False
        return (candidate.path_key, candidate.size, candidate.mtime_ns) in self.stats


class _InlineExecutor(Executor):
    """Decoding in this process, for small imports where starting workers costs more."""

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        future: Future[Decoded] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def _executor(workers: int, jobs: int) -> Executor:
    """Helper processes: one fewer than `workers`, since this process decodes too."""
    if workers <= 1 or jobs < 4:
        return _InlineExecutor()
    methods = multiprocessing.get_all_start_methods()
    # fork starts workers in milliseconds with everything imported; spawn elsewhere.
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=workers - 1, mp_context=context)


@contextmanager
def _progress(enabled: bool, total: int) -> Iterator[Callable[[int, int], None]]:
    if not enabled:
        yield lambda _files, _activities: None
        return
    columns = (
        TextColumn("[bold]Importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files · {task.fields[activities]} activities"),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task("import", total=total, activities=0)
        added = 0

        def advance(files: int, activities: int) -> None:
            nonlocal added
            added += activities
            bar.update(task, advance=files, activities=added)

        yield advance


class Importer:
    """One import run into one database for one athlete."""

    def __init__(
        self,
        db: Database,
        *,
        athlete_name: str = DEFAULT_ATHLETE,
        workers: int | None = None,
        progress: bool = False,
        window: int = 16,
    ) -> None:
        self.db = db
        self.athlete_name = athlete_name
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self.progress = progress
        self.window = window
        self.report = ImportReport()
        self._activities_total = 0

    def run(self, paths: Sequence[Path]) -> ImportReport:
        started = time.perf_counter()
        known = _Known(self.db, self.athlete_name)
        with SourceWalker() as walker:
            candidates = walker.expand([Path(p) for p in paths])
            self.report.refused.extend(walker.problems)
            self.report.files = len(candidates)
            todo = [c for c in candidates if not known.unchanged(c)]
            # Largest first: a big file started last would leave the other core idle.
            todo.sort(key=lambda c: c.size, reverse=True)
            self.report.already_imported += len(candidates) - len(todo)
            with (
                _executor(self.workers, len(todo)) as pool,
                _progress(self.progress, len(candidates)) as advance,
            ):
                advance(len(candidates) - len(todo), 0)
                self._process(todo, known, pool, advance)
        self.report.seconds = time.perf_counter() - started
        return self.report

    def _process(
        self,
        todo: list[Candidate],
        known: _Known,
        pool: Executor,
        advance: Callable[[int, int], None],
    ) -> None:
        """Keep the helpers a couple of files ahead and decode the rest here meanwhile.

        Results are stored as they complete; the order does not matter, since every file
        is its own transaction.
        """
        inline = _InlineExecutor()
        helpers = isinstance(pool, ProcessPoolExecutor)
        file_less = [c for c in todo if c.file_less]
        todo = [c for c in todo if not c.file_less]
        if helpers and todo:
            # Decode the smallest file here before any helper starts: that pays the
            # first-call costs (lazy imports, profile tables) once, and the forked
            # helpers inherit the warm state instead of paying them each.
            self._warm_up(todo.pop(), known, advance)
        ahead = 4 * max(self.workers - 1, 1)
        pending: deque[_Work] = deque()
        for candidate in todo:
            busy = sum(not work.result.done() for work in pending)
            executor = pool if helpers and busy < ahead else inline
            work = self._submit(candidate, known, executor)
            if work is None:
                advance(1, 0)
            else:
                pending.append(work)
            self._store_done(pending, known, advance, limit=self.window)
        while pending:
            advance(1, self._store(pending.popleft(), known))
        for candidate in file_less:  # after every file, whose detail wins
            work = self._submit(candidate, known, inline)
            advance(1, self._store(work, known) if work is not None else 0)

    def _store_done(
        self,
        pending: deque[_Work],
        known: _Known,
        advance: Callable[[int, int], None],
        limit: int,
    ) -> None:
        """Store finished files; wait for the oldest if too many results pile up."""
        for work in [w for w in pending if w.result.done()]:
            pending.remove(work)
            advance(1, self._store(work, known))
        while len(pending) > limit:
            advance(1, self._store(pending.popleft(), known))

    def _warm_up(
        self, candidate: Candidate, known: _Known, advance: Callable[[int, int], None]
    ) -> None:
        work = self._submit(candidate, known, _InlineExecutor())
        advance(1, self._store(work, known) if work is not None else 0)

    def _submit(self, candidate: Candidate, known: _Known, pool: Executor) -> _Work | None:
        """Read and hash a file; None when it needs no decoding (seen before, or refused)."""
        if candidate.file_less:
            return self._index_line(candidate, known)
        try:
            data = unwrap(candidate.read())
        except ActivityFileError as exc:
            self.report.refused.append(f"{candidate.label}: {exc}")
            return None
        except OSError as exc:
            self.report.refused.append(f"{candidate.label}: cannot read ({exc.strerror or exc})")
            return None
        digest = hashlib.sha256(data).hexdigest()
        if digest in known.hashes:
            self.report.already_imported += 1
            return None
        known.hashes.add(digest)  # the same content twice in one run is imported once
        self.report.bytes_decoded += len(data)
        return _Work(candidate, digest, len(data), pool.submit(decode_job, candidate.label, data))

    def _index_line(self, candidate: Candidate, known: _Known) -> _Work | None:
        """A Strava CSV-only line or a Garmin summary, known by the digest of its content."""
        summary, row = candidate.garmin, candidate.strava
        digest = summary.digest if summary is not None else row.digest if row else ""
        if digest in known.hashes:
            self.report.already_imported += 1
            return None
        known.hashes.add(digest)
        try:
            if summary is not None:
                result: Decoded = ("garmin-summary", [activity_from_summary(summary)])
            else:
                assert row is not None
                result = ("strava-csv", [activity_from_row(row)])
        except ActivityFileError as exc:
            result = str(exc)
        done: Future[Decoded] = Future()
        done.set_result(result)
        return _Work(candidate, digest, 0, done)

    def _replace_index_lines(
        self, session: Session, activities: list[Activity], known: _Known
    ) -> tuple[list[Activity], list[ActivityKey]]:
        """A file for a session stored earlier from an export's index (a Garmin summary, a
        Strava CSV line) replaces it: the file has the detail. Within one run the index lines
        come last and are skipped instead (`_Known.started_near`)."""
        dropped = drop_file_less_near(session, known.athlete_id, activities, SUMMARY_MATCH_S)
        keys = [line.key for line in dropped]
        known.activity_keys.difference_update(keys)
        return [_with_shoe_of(a, dropped) for a in activities], keys

    def _store(self, work: _Work, known: _Known) -> int:
        """Write one decoded file in its own transaction; returns the activities added."""
        outcome = work.result.result()
        label = work.candidate.label
        if isinstance(outcome, str):
            self.report.refused.append(f"{label}: {outcome}")
            known.hashes.discard(work.digest)
            return 0
        fmt, activities = outcome
        if work.candidate.strava is not None and len(activities) == 1:
            activities = [overlay(activities[0], work.candidate.strava)]
        known_before = 0
        if work.candidate.garmin is not None:
            new = [a for a in activities if not known.started_near(a)]
            known_before, activities = len(activities) - len(new), new
        source = ImportedFile(
            athlete_id=known.athlete_id,
            sha256=work.digest,
            name=label,
            format=fmt,
            size=work.size,
            path_key=work.candidate.path_key,
            mtime_ns=work.candidate.mtime_ns,
        )
        replaced: list[ActivityKey] = []
        try:
            with self.db.transaction() as session:
                if not work.candidate.file_less:
                    activities, replaced = self._replace_index_lines(session, activities, known)
                added = record_import(
                    session, known.athlete_id, source, activities, known.activity_keys
                )
        except SQLAlchemyError as exc:
            known.activity_keys.update(replaced)  # rolled back: they are still there
            self.report.refused.append(f"{label}: could not be stored ({_first_line(exc)})")
            return 0
        known.add(added)
        self.report.replaced_index_lines += len(replaced)
        self.report.imported += 1
        self.report.activities += len(added)
        self.report.duplicate_activities += known_before + len(activities) - len(added)
        return len(added)


def _with_shoe_of(activity: Activity, dropped: Sequence[DroppedSession]) -> Activity:
    """The file's session keeps the shoe given to its index line, if it names none itself."""
    if activity.shoe is not None:
        return activity
    for line in dropped:
        near = abs(line.start - activity.start).total_seconds() <= SUMMARY_MATCH_S
        if line.shoe is not None and near:
            return replace(activity, shoe=line.shoe)
    return activity


def import_paths(
    db: Database,
    paths: Sequence[Path],
    *,
    athlete_name: str = DEFAULT_ATHLETE,
    workers: int | None = None,
    progress: bool = False,
) -> ImportReport:
    """Import every activity under `paths` for `athlete_name`; see `Importer`."""
    importer = Importer(db, athlete_name=athlete_name, workers=workers, progress=progress)
    return importer.run(paths)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__
