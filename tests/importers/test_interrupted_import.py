"""An import killed halfway, then run again, ends with every file imported exactly once."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from backstride.importers.pipeline import import_paths
from backstride.storage.db import open_database
from backstride.storage.models import ActivityRow, ImportedFile

CLI = "from backstride.cli import main; main()"


def stored_files(db_path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM imported_files").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # not created or not migrated yet


def kill_after(command: list[str], db_path: Path, files: int, timeout: float = 60) -> int:
    """Start the import, SIGKILL its whole process group once `files` are stored."""
    process = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and process.poll() is None:
            done = stored_files(db_path)
            if done >= files:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                return done
            time.sleep(0.01)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    pytest.fail("the import ended before it could be interrupted")


@pytest.mark.slow
def test_a_killed_import_run_again_imports_every_file_once(data_dir: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    shutil.copytree(data_dir / "gpx" / "runpandas-sessions", inbox / "sessions")
    shutil.copytree(data_dir / "fit", inbox / "fit", ignore=shutil.ignore_patterns("edge"))
    expected = len([p for p in inbox.rglob("*") if p.is_file()])
    db_path = tmp_path / "killed.db"
    url = f"sqlite:///{db_path}"
    command = [sys.executable, "-c", CLI, "import", str(inbox), "--database", url, "--no-progress"]

    stored_at_kill = kill_after(command, db_path, files=5)
    assert 5 <= stored_at_kill < expected

    db = open_database(url)
    report = import_paths(db, [inbox], workers=2)
    assert report.refused == []
    assert report.already_imported == stored_at_kill
    with db.sessions() as session:
        names = session.scalars(select(ImportedFile.name)).all()
        activities = session.scalar(select(func.count()).select_from(ActivityRow))
        claimed = session.scalar(select(func.sum(ImportedFile.activity_count)))
    db.close()
    assert sorted(names) == sorted(str(p) for p in inbox.rglob("*") if p.is_file())
    assert activities == claimed

    clean = open_database(f"sqlite:///{tmp_path / 'clean.db'}")
    fresh = import_paths(clean, [inbox], workers=2)
    clean.close()
    assert fresh.activities == activities
