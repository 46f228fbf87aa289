"""Import runs end to end into SQLite: dedup, archives, exports, refusals."""

from __future__ import annotations

import gzip
import shutil
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from backstride.importers.pipeline import import_paths
from backstride.storage.activities import list_activities
from backstride.storage.athletes import default_athlete
from backstride.storage.db import Database
from backstride.storage.models import ActivityRow, ImportedFile
from backstride.storage.shoes import shoe_mileage
from backstride.training.activity import Sport

RUN_FIT = "fit/runpandas__run.fit"
RUN_GPX = "gpx/runpandas__strava_export.gpx"
RUN_TCX = "tcx/runpandas__run_garmin.tcx"


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """A folder for input files, apart from the database file."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


def count(db: Database, model: type[ImportedFile] | type[ActivityRow]) -> int:
    with db.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_reimporting_everything_adds_nothing(data_dir: Path, sqlite_db: Database) -> None:
    first = import_paths(sqlite_db, [data_dir / "fit", data_dir / "tcx"], workers=2)
    assert first.imported == 25 + 11 + 1 + 18  # real, edge and synthetic FIT; TCX
    assert len(first.refused) == 7 + 1
    files, activities = count(sqlite_db, ImportedFile), count(sqlite_db, ActivityRow)
    again = import_paths(sqlite_db, [data_dir / "fit", data_dir / "tcx"], workers=2)
    assert (again.imported, again.activities) == (0, 0)
    assert again.already_imported == first.imported
    assert (count(sqlite_db, ImportedFile), count(sqlite_db, ActivityRow)) == (files, activities)


def test_identical_content_is_known_by_hash_under_any_name_or_gzip(
    data_dir: Path, sqlite_db: Database, inbox: Path
) -> None:
    tmp_path = inbox
    original = (data_dir / RUN_FIT).read_bytes()
    (tmp_path / "a.fit").write_bytes(original)
    (tmp_path / "copy.fit").write_bytes(original)
    (tmp_path / "b.fit.gz").write_bytes(gzip.compress(original))
    report = import_paths(
        sqlite_db, [tmp_path / "a.fit", tmp_path / "copy.fit", tmp_path / "b.fit.gz"]
    )
    assert (report.imported, report.activities, report.already_imported) == (1, 1, 2)


def test_gz_forms_of_every_format_import(data_dir: Path, sqlite_db: Database, inbox: Path) -> None:
    tmp_path = inbox
    for name in (RUN_FIT, RUN_GPX, RUN_TCX):
        target = tmp_path / (Path(name).name + ".gz")
        target.write_bytes(gzip.compress((data_dir / name).read_bytes()))
    report = import_paths(sqlite_db, [tmp_path])
    assert report.refused == []
    assert report.imported == 3


def test_a_bad_file_gets_one_line_and_the_rest_import(
    sqlite_db: Database, inbox: Path, data_dir: Path
) -> None:
    tmp_path = inbox
    shutil.copy(data_dir / RUN_FIT, tmp_path / "good.fit")
    (tmp_path / "empty.fit").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("hello")
    (tmp_path / "broken.fit.gz").write_bytes(b"\x1f\x8bnot gzip")
    report = import_paths(sqlite_db, [tmp_path, tmp_path / "missing.gpx"])
    assert report.imported == 1
    reasons = dict(line.split(": ", 1) for line in report.refused)
    assert reasons == {
        str(tmp_path / "broken.fit.gz"): reasons[str(tmp_path / "broken.fit.gz")],
        str(tmp_path / "empty.fit"): "empty file",
        str(tmp_path / "notes.txt"): reasons[str(tmp_path / "notes.txt")],
        str(tmp_path / "missing.gpx"): "no such file or folder",
    }
    assert "gzip" in reasons[str(tmp_path / "broken.fit.gz")]
    assert "unsupported" in reasons[str(tmp_path / "notes.txt")]


STRAVA_HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,"
    "Distance,Max Heart Rate,Relative Effort,Commute,Activity Gear,Filename,Elapsed Time,"
    "Moving Time,Distance,Max Speed,Elevation Gain,Average Heart Rate,Average Cadence\n"
)


def strava_export(root: Path, data_dir: Path) -> Path:
    """A Strava bulk export as Strava lays it out, with files in three forms."""
    (root / "activities").mkdir(parents=True)
    shutil.copy(data_dir / RUN_GPX, root / "activities" / "101.gpx")
    fit = (data_dir / RUN_FIT).read_bytes()
    (root / "activities" / "102.fit.gz").write_bytes(gzip.compress(fit))
    shutil.copy(data_dir / RUN_TCX, root / "activities" / "103.tcx")
    rows = [
        '101,"Jan 10, 2021, 8:54:28 AM",Sunday long run,Run,,5127,12.61,174,,false,Pegasus,'
        "activities/101.gpx,5127,4553,12609.4,4.1,37,151,85\n",
        '102,"Sep 14, 2019, 3:22:05 PM",Hills,Run,,3165,5.84,160,,false,Pegasus,'
        "activities/102.fit.gz,3165,3165,5839.8,3.5,234,130,65\n",
        '103,"Nov 25, 2018, 7:20:49 AM",Commute ride?,Ride,,823,2.15,153,,false,,'
        "activities/103.tcx,823,816,2154,3.0,21,142,86\n",
        '104,"Jan 12, 2021, 6:00:00 PM",Treadmill,Run,,1800,5.00,,,false,Pegasus,,'
        "1800,1800,5000,3.0,0,140,84.5\n",
    ]
    (root / "activities.csv").write_text(STRAVA_HEADER + "".join(rows))
    (root / "profile.csv").write_text("Athlete ID\n1\n")
    return root


@pytest.mark.parametrize("as_zip", [False, True], ids=["folder", "zip"])
def test_a_strava_export_imports_files_and_manual_entries(
    data_dir: Path, sqlite_db: Database, tmp_path: Path, as_zip: bool
) -> None:
    folder = strava_export(tmp_path / "export_1", data_dir)
    target = folder
    if as_zip:
        target = tmp_path / "export_1.zip"
        with zipfile.ZipFile(target, "w") as archive:
            for path in folder.rglob("*"):
                archive.write(path, path.relative_to(folder).as_posix())
    report = import_paths(sqlite_db, [target])
    assert report.refused == []
    assert (report.imported, report.activities) == (4, 4)
    with sqlite_db.transaction() as session:
        me = default_athlete(session)
        rows = {r.name: r for r in list_activities(session, me)}
        (pegasus,) = shoe_mileage(session, me)
    assert rows["Commute ride?"].sport == Sport.cycling.value  # the CSV overrides the file
    assert rows["Commute ride?"].avg_cadence_spm is None
    treadmill = rows["Treadmill"]
    assert (treadmill.distance_m, treadmill.duration_s) == (5000, 1800)  # metres column
    assert treadmill.avg_cadence_spm == 169  # per foot in the CSV, steps here
    assert pegasus.shoe.name == "Pegasus"
    assert pegasus.runs == 3
    again = import_paths(sqlite_db, [target])
    assert (again.imported, again.already_imported) == (0, 4)


def test_a_garmin_export_with_zips_inside_zips_imports(
    data_dir: Path, sqlite_db: Database, tmp_path: Path
) -> None:
    inner = tmp_path / "UploadedFiles_0-_Part1.zip"
    with zipfile.ZipFile(inner, "w") as archive:
        archive.write(data_dir / RUN_FIT, "run_1.fit")
        archive.write(data_dir / "fit" / "fitparse__garmin-fenix-5-walk.fit", "walk_2.fit")
    outer = tmp_path / "garmin.zip"
    with zipfile.ZipFile(outer, "w") as archive:
        archive.write(inner, "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip")
        archive.writestr("DI_CONNECT/DI-Connect-Fitness/me_summarizedActivities.json", "[]")
        archive.writestr("DI_CONNECT/DI-Connect-User/user_profile.json", "{}")
    report = import_paths(sqlite_db, [outer])
    assert report.refused == []
    assert (report.imported, report.activities) == (2, 2)


def test_the_progress_bar_counts_files_and_activities(
    data_dir: Path, sqlite_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    report = import_paths(sqlite_db, [data_dir / "tcx"], progress=True)
    assert report.activities == 18
    err = capsys.readouterr().err
    assert "19/19" in err
    assert "18 activities" in err
