"""Turning the paths a person gives into a list of files to import.

A path may be an activity file, a folder, a zip, a Strava bulk export (folder or zip with
activities.csv) or a Garmin account export (DI_CONNECT, with zips inside zips, and the
summaries of activities without a file in summarizedActivities.json). Nothing is read here
except archive directories, activities.csv and the Garmin summaries; each candidate reads
its bytes when asked.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from backstride.errors import ActivityFileError
from backstride.importers.decode import is_activity_name
from backstride.importers.garmin import GarminSummary, is_summary_name, read_summaries
from backstride.importers.strava import CSV_NAME, StravaRow, read_activities_csv

MAX_ARCHIVE_DEPTH = 3


@dataclass(frozen=True)
class Candidate:
    """One thing to import: a file, an archive member, a file-less Strava CSV line or a
    Garmin activity summary."""

    label: str
    size: int
    read: Callable[[], bytes]
    path_key: str | None = None  # plain files only: lets a re-import skip them unread
    mtime_ns: int | None = None
    strava: StravaRow | None = None
    garmin: GarminSummary | None = None

    @property
    def csv_only(self) -> bool:
        return self.strava is not None and self.strava.filename is None

    @property
    def file_less(self) -> bool:
        """Built from a line of an export's index, with no activity file of its own."""
        return self.csv_only or self.garmin is not None


@dataclass(frozen=True)
class _Entry:
    rel: str  # POSIX path inside the folder or archive
    size: int
    read: Callable[[], bytes]
    path_key: str | None = None
    mtime_ns: int | None = None


def _file_entry(path: Path, rel: str) -> _Entry:
    stat = path.stat()
    return _Entry(rel, stat.st_size, path.read_bytes, str(path.resolve()), stat.st_mtime_ns)


def _folder_entries(root: Path) -> list[_Entry]:
    entries = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            entries.append(_file_entry(path, path.relative_to(root).as_posix()))
    return entries


def _zip_entries(archive: zipfile.ZipFile) -> list[_Entry]:
    def reader(info: zipfile.ZipInfo) -> Callable[[], bytes]:
        return lambda: archive.read(info)

    return [
        _Entry(info.filename, info.file_size, reader(info))
        for info in archive.infolist()
        if not info.is_dir() and not PurePosixPath(info.filename).name.startswith(".")
    ]


class SourceWalker:
    """Expands paths into candidates; keeps archives open until closed."""

    def __init__(self) -> None:
        self._stack = ExitStack()
        self.problems: list[str] = []

    def close(self) -> None:
        self._stack.close()

    def __enter__(self) -> SourceWalker:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def expand(self, paths: list[Path]) -> list[Candidate]:
        found: list[Candidate] = []
        for path in paths:
            if path.is_dir():
                found.extend(self._tree(_folder_entries(path), str(path), depth=0))
            elif path.is_file():
                entry = _file_entry(path, path.name)
                if is_summary_name(path.name):
                    found.extend(self._garmin(entry, str(path)))
                elif _looks_like_zip(path):
                    found.extend(self._archive(entry, str(path), depth=0))
                else:
                    found.append(_candidate(entry, str(path)))
            else:
                self.problems.append(f"{path}: no such file or folder")
        return found

    def _archive(self, entry: _Entry, label: str, depth: int) -> list[Candidate]:
        if depth >= MAX_ARCHIVE_DEPTH:
            self.problems.append(f"{label}: archives nested too deeply")
            return []
        try:
            data = entry.read() if entry.path_key is None else None
            source = io.BytesIO(data) if data is not None else entry.path_key or label
            archive = self._stack.enter_context(zipfile.ZipFile(source))
            entries = _zip_entries(archive)
        except (OSError, zipfile.BadZipFile, ValueError) as exc:
            self.problems.append(f"{label}: damaged zip archive ({exc})")
            return []
        return self._tree(entries, label, depth + 1, in_archive=True)

    def _tree(
        self, entries: list[_Entry], label: str, depth: int, *, in_archive: bool = False
    ) -> list[Candidate]:
        sep = "!" if in_archive else "/"
        strava_csv = _find_strava_csv(entries)
        if strava_csv is not None:
            return self._strava(entries, strava_csv, label, sep)
        garmin = any("DI_CONNECT" in e.rel.split("/") for e in entries)
        found: list[Candidate] = []
        for entry in entries:
            entry_label = f"{label}{sep}{entry.rel}"
            if is_summary_name(entry.rel):
                found.extend(self._garmin(entry, entry_label))
            elif entry.rel.lower().endswith(".zip"):
                found.extend(self._archive(entry, entry_label, depth))
            elif not garmin or is_activity_name(entry.rel):
                found.append(_candidate(entry, entry_label))
        return found

    def _strava(
        self, entries: list[_Entry], csv_entry: _Entry, label: str, sep: str
    ) -> list[Candidate]:
        prefix = csv_entry.rel[: -len(CSV_NAME)]
        csv_label = f"{label}{sep}{csv_entry.rel}"
        try:
            rows = read_activities_csv(csv_entry.read())
        except (ActivityFileError, OSError) as exc:
            self.problems.append(f"{csv_label}: {exc}")
            return []
        by_path = {entry.rel: entry for entry in entries}
        found = []
        for row in rows:
            if row.filename is None:
                found.append(Candidate(f"{csv_label} line {row.line}", 0, lambda: b"", strava=row))
                continue
            entry = by_path.get(prefix + row.filename)
            if entry is None:
                self.problems.append(f"{csv_label} line {row.line}: {row.filename} is missing")
                continue
            found.append(_candidate(entry, f"{label}{sep}{entry.rel}", strava=row))
        return found

    def _garmin(self, entry: _Entry, label: str) -> list[Candidate]:
        """One candidate per activity summary; a damaged file is one problem line."""
        try:
            summaries = read_summaries(entry.read())
        except (ActivityFileError, OSError, zipfile.BadZipFile) as exc:
            self.problems.append(f"{label}: {exc}")
            return []
        return [
            Candidate(f"{label} activity {s.activity_id or f'#{s.index}'}", 0, _nothing, garmin=s)
            for s in summaries
        ]


def _nothing() -> bytes:
    return b""


def _find_strava_csv(entries: list[_Entry]) -> _Entry | None:
    """activities.csv at the top of the export, or one folder down (the zip's own folder)."""
    for entry in entries:
        parts = entry.rel.split("/")
        if parts[-1] == CSV_NAME and len(parts) <= 2:
            return entry
    return None


def _candidate(entry: _Entry, label: str, strava: StravaRow | None = None) -> Candidate:
    return Candidate(label, entry.size, entry.read, entry.path_key, entry.mtime_ns, strava)


def _looks_like_zip(path: Path) -> bool:
    if path.suffix.lower() == ".zip":
        return True
    with path.open("rb") as fh:
        return fh.read(4) == b"PK\x03\x04"
