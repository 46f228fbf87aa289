"""A Garmin account export with activity summaries, imported into SQLite and PostgreSQL.

The export is built in tmp_path the way Garmin lays it out: FIT files in zips under
DI-Connect-Uploaded-Files, summaries of every activity in DI-Connect-Fitness.
"""

from __future__ import annotations

import json
import os
import zipfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from backstride.importers.decode import decode
from backstride.importers.pipeline import import_paths
from backstride.storage.activities import list_activities
from backstride.storage.athletes import default_athlete
from backstride.storage.db import Database
from backstride.storage.models import ActivityRow
from backstride.storage.shoes import shoe_by_name
from backstride.training.activity import Activity, Sport

DATA = Path(
    os.environ.get(
        "BACKSTRIDE_ACTIVITY_DATA",
        Path(__file__).resolve().parents[3] / "shared" / "data" / "activities",
    )
)
FITS = [
    "fit/runpandas__run.fit",
    "fit/fitparse__garmin-fenix-5-run.fit",
    "fit/fitparse__garmin-fenix-5-walk.fit",
    "fit/fitparse__garmin-fenix-5-bike.fit",
]
FITNESS = "DI_CONNECT/DI-Connect-Fitness/runner@example.org_0_summarizedActivities.json"
UPLOADS = "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip"
MANUAL_START = datetime.fromisoformat("2021-03-07T07:30:00+00:00")
RIDE_START = datetime.fromisoformat("2021-03-09T17:05:00+00:00")


def _fit(name: str) -> tuple[bytes, Activity]:
    path = DATA / name
    if not path.is_file():
        pytest.skip(f"activity test files not found under {DATA}")
    data = path.read_bytes()
    _, (activity,) = decode(path.name, data)
    return data, activity


def _ms(when: datetime) -> int:
    return int(when.timestamp() * 1000)


def _summary(activity_id: int, type_key: str, start: datetime, **fields: Any) -> dict[str, Any]:
    return {
        "activityId": activity_id,
        "activityType": type_key,
        "startTimeGmt": _ms(start),
        "startTimeLocal": _ms(start + timedelta(hours=1)),
        **fields,
    }


def _summaries(recorded: list[Activity]) -> list[dict[str, Any]]:
    """Each FIT's activity as Garmin summarises it, a manual run and a manual ride."""
    first = recorded[0]
    entries = [
        # The FIT run, renamed and re-typed on Connect, starting a second later than the
        # FIT session: still the same session, kept once with the FIT's detail.
        _summary(
            1,
            "trail_running",
            first.start + timedelta(seconds=1),
            name="Hills (summary)",
            duration=first.duration_s * 1000,
            distance=(first.distance_m or 0) * 100 + 12_345,
        ),
    ]
    for number, activity in enumerate(recorded[1:], start=2):
        entries.append(
            _summary(
                number,
                activity.sport.value,
                activity.start,
                duration=activity.duration_s * 1000,
                distance=(activity.distance_m or 0) * 100,
            )
        )
    entries.append(
        _summary(
            50,
            "treadmill_running",
            MANUAL_START,
            name="Gym treadmill",
            manualActivity=True,
            duration=2_400_000.0,
            elapsedDuration=2_400_000.0,
            distance=650_000.0,
            avgHr=148.0,
            maxHr=166.0,
        )
    )
    entries.append(
        _summary(
            51,
            "road_biking",
            RIDE_START,
            name="Commute",
            duration=1_500_000.0,
            distance=1_020_000.0,
            elevationGain=8_500.0,
        )
    )
    return entries


def _layout(root: Path, summary_text: str) -> dict[str, bytes | str]:
    """Export members by path, the FIT files zipped as Garmin does."""
    inner = root / "inner.zip"
    with zipfile.ZipFile(inner, "w") as archive:
        for number, name in enumerate(FITS):
            archive.write(DATA / name, f"runner@example.org_{9_000_000 + number}.fit")
    return {
        UPLOADS: inner.read_bytes(),
        FITNESS: summary_text,
        "DI_CONNECT/DI-Connect-User/user_profile.json": "{}",
    }


def _write(root: Path, members: dict[str, bytes | str], as_zip: bool) -> Path:
    if as_zip:  # the whole export as Garmin mails it: a zip holding zips
        target = root / "garmin_export.zip"
        with zipfile.ZipFile(target, "w") as archive:
            for name, content in members.items():
                archive.writestr(name, content)
        return target
    target = root / "garmin_export"
    for name, content in members.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    return target


def _rows(db: Database) -> list[ActivityRow]:
    with db.transaction() as session:
        rows = list(list_activities(session, default_athlete(session)))
        session.expunge_all()
    return rows


@pytest.mark.parametrize("as_zip", [False, True], ids=["folder", "zip"])
def test_summaries_add_the_activities_without_a_file(
    db: Database, tmp_path: Path, as_zip: bool
) -> None:
    recorded = [_fit(name)[1] for name in FITS]
    text = json.dumps([{"summarizedActivitiesExport": _summaries(recorded)}])
    export = _write(tmp_path, _layout(tmp_path, text), as_zip)

    report = import_paths(db, [export], workers=2)

    assert report.refused == []
    assert report.activities == len(FITS) + 2  # each FIT once, plus the two manual entries
    assert report.duplicate_activities == len(FITS)  # the summaries of the FIT files
    rows = _rows(db)
    assert len(rows) == len(FITS) + 2
    by_start = {row.start_time: row for row in rows}
    run = by_start[recorded[0].start]
    assert run.sport == Sport.running.value
    assert run.extra["fit_sport"] == "running"  # the FIT's detail, not the summary's
    assert run.distance_m == pytest.approx(recorded[0].distance_m)
    assert run.median_cadence_spm is not None
    assert run.name is None
    treadmill = by_start[MANUAL_START]
    assert treadmill.sport == Sport.running.value
    assert treadmill.indoor is True
    assert (treadmill.distance_m, treadmill.duration_s) == (6500.0, 2400.0)
    assert (treadmill.avg_hr, treadmill.max_hr) == (148.0, 166.0)
    assert treadmill.name == "Gym treadmill"
    assert treadmill.extra["garmin_activity_id"] == "50"
    ride = by_start[RIDE_START]
    assert ride.sport == Sport.cycling.value
    assert (ride.distance_m, ride.duration_s, ride.elevation_gain_m) == (10_200.0, 1500.0, 85.0)

    again = import_paths(db, [export], workers=2)
    assert (again.imported, again.activities, again.refused) == (0, 0, [])
    assert len(_rows(db)) == len(FITS) + 2


@pytest.mark.parametrize("as_zip", [False, True], ids=["folder", "zip"])
def test_a_damaged_summary_file_is_one_problem_and_the_files_still_import(
    db: Database, tmp_path: Path, as_zip: bool
) -> None:
    for name in FITS:
        _fit(name)
    damaged = '[{"summarizedActivitiesExport": [{"activityId": 1, "name": "cut'
    export = _write(tmp_path, _layout(tmp_path, damaged), as_zip)

    report = import_paths(db, [export], workers=1)

    (problem,) = report.refused
    label, reason = problem.split(": ", 1)
    assert label.endswith("DI-Connect-Fitness/runner@example.org_0_summarizedActivities.json")
    assert reason.startswith("damaged JSON at line 1 column ")
    assert "\n" not in problem
    assert report.activities == len(FITS)


def test_summaries_imported_after_their_files_are_not_added_again(
    db: Database, tmp_path: Path
) -> None:
    """The FIT files first, the summaries in a later run: nothing doubles."""
    recorded = [_fit(name)[1] for name in FITS]
    files = tmp_path / "fits"
    files.mkdir()
    for name in FITS:
        (files / Path(name).name).write_bytes((DATA / name).read_bytes())
    assert import_paths(db, [files], workers=1).activities == len(FITS)
    summaries = tmp_path / "runner_0_summarizedActivities.json"
    summaries.write_text(json.dumps([{"summarizedActivitiesExport": _summaries(recorded)}]))

    report = import_paths(db, [summaries], workers=1)

    assert (report.activities, report.duplicate_activities) == (2, len(FITS))
    assert len(_rows(db)) == len(FITS) + 2


def test_files_imported_after_their_summaries_replace_them(db: Database, tmp_path: Path) -> None:
    """The summaries first (an export without its uploads), the FIT files in a later run:
    each file's detail takes its summary's place, whatever sport or second the summary has,
    and a shoe given to the summary stays with the session."""
    recorded = [_fit(name)[1] for name in FITS]
    summaries = tmp_path / "runner_0_summarizedActivities.json"
    summaries.write_text(json.dumps([{"summarizedActivitiesExport": _summaries(recorded)}]))
    assert import_paths(db, [summaries], workers=1).activities == len(FITS) + 2
    run_summary = next(r for r in _rows(db) if r.name == "Hills (summary)")
    with db.transaction() as session:
        athlete = default_athlete(session)
        row = session.get_one(ActivityRow, run_summary.id)
        row.shoe = shoe_by_name(session, athlete, "Trail shoes", create=True)
    files = tmp_path / "fits"
    files.mkdir()
    for name in FITS:
        (files / Path(name).name).write_bytes((DATA / name).read_bytes())

    report = import_paths(db, [files], workers=1)

    assert report.refused == []
    assert (report.activities, report.replaced_index_lines) == (len(FITS), len(FITS))
    rows = _rows(db)
    assert len(rows) == len(FITS) + 2  # nothing counted twice in the training load
    by_start = {row.start_time: row for row in rows}
    run = by_start[recorded[0].start]
    assert run.extra["fit_sport"] == "running" and run.median_cadence_spm is not None
    with db.transaction() as session:
        shoe = session.get_one(ActivityRow, run.id).shoe
        assert shoe is not None and shoe.name == "Trail shoes"
    assert {MANUAL_START, RIDE_START} <= set(by_start)  # the summaries with no file stay
    again = import_paths(db, [summaries, files], workers=1)
    assert (again.activities, again.replaced_index_lines, again.refused) == (0, 0, [])
    assert len(_rows(db)) == len(FITS) + 2
