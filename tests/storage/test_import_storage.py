"""The import pipeline on both databases: files stored once, activities intact."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from backstride.importers.pipeline import import_paths
from backstride.storage.activities import load_activities
from backstride.storage.athletes import default_athlete
from backstride.storage.db import Database

DATA = Path(
    os.environ.get(
        "BACKSTRIDE_ACTIVITY_DATA",
        Path(__file__).resolve().parents[3] / "shared" / "data" / "activities",
    )
)
FILES = [
    "fit/runpandas__run.fit",
    "fit/muktihari__triathlon_summary_first.fit",
    "fit/fitparse__2013-02-06-12-11-14.fit",
    "gpx/runpandas__strava_export.gpx",
    "tcx/runpandas__run_garmin.tcx",
]


def test_importing_twice_stores_each_file_once(db: Database) -> None:
    paths = [DATA / name for name in FILES]
    if not all(p.is_file() for p in paths):
        pytest.skip(f"activity test files not found under {DATA}")
    first = import_paths(db, paths, workers=1)
    assert (first.imported, first.activities, first.refused) == (5, 7, [])
    again = import_paths(db, paths, workers=1)
    assert (again.imported, again.activities, again.already_imported) == (0, 0, 5)
    with db.transaction() as session:
        activities = load_activities(session, default_athlete(session))
    assert len(activities) == 7
    assert all(a.start.tzinfo is not None for a in activities)
    assert sum(a.is_run for a in activities) == 5
