"""`backstride load` and `backstride diary add|list`, run as a user would, on a SQLite file with
the runpandas GPX year imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

SESSIONS = Path("/work/shared/data/activities/gpx/runpandas-sessions")

pytestmark = pytest.mark.skipif(not SESSIONS.is_dir(), reason="shared GPX sessions not present")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backstride", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "COLUMNS": "140"},
    )


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'load.db'}"
    proc = run("import", str(SESSIONS), "--database", url, "--no-progress")
    assert proc.returncode == 0, proc.stderr
    return url


def test_diary_add_links_the_entry_to_that_days_run(database: str) -> None:
    proc = run(
        "diary", "add", "--date", "2021-06-13", "--morning", "2", "--after", "5",
        "--region", "lower_back", "--stiffness", "20", "--database", database,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "2021-06-13" in proc.stdout
    assert "1 run(s), 15.7 km" in proc.stdout
    listed = run("diary", "list", "--since", "2021-06-01", "--database", database)
    assert listed.returncode == 0, listed.stderr
    assert "2021-06-13" in listed.stdout
    assert "15.7 km" in listed.stdout


def test_a_bad_diary_entry_is_refused_with_one_line_per_problem(database: str) -> None:
    proc = run(
        "diary", "add", "--date", "2021-06-14", "--morning", "12", "--region", "knee",
        "--database", database,
    )  # fmt: skip
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("error: diary.pain_morning: 12 is not allowed")
    assert lines[1].startswith("error: diary.regions: 'knee' is not a known region")
    assert proc.stdout == ""


def test_load_prints_weeks_flags_and_sources_and_draws_the_chart(
    database: str, tmp_path: Path
) -> None:
    chart = tmp_path / "load.svg"
    proc = run(
        "load", "--as-of", "2021-07-04", "--weeks", "8", "--chart", str(chart),
        "--database", database,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Training load as of 2021-07-04" in out
    assert "Recent weeks" in out
    assert "Single-run spikes" in out
    assert "15.7" in out  # the 2021-06-13 run, a spike
    assert "did not predict running injury" in out
    assert "Frandsen et al. 2025" in out
    assert ET.parse(chart).getroot().tag.endswith("svg")


def test_load_as_json_names_the_spike_runs(database: str) -> None:
    proc = run("load", "--as-of", "2021-07-04", "--format", "json", "--database", database)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["as_of"] == "2021-07-04"
    assert len(data["weeks"]) == 12
    assert {"date": "2021-06-13", "longest_prev_date": "2021-05-30"}.items() <= next(
        s for s in data["spikes"] if s["date"] == "2021-06-13"
    ).items()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("load", "--as-of", "04/07/2021"), "error: --as-of: '04/07/2021' is not a date"),
        (("load", "--chart", "out.pdf"), "error: --chart: 'out.pdf' has suffix '.pdf'"),
    ],
)
def test_bad_options_are_one_line_errors(
    database: str, args: tuple[str, ...], message: str
) -> None:
    proc = run(*args, "--database", database)
    assert proc.returncode == 2
    assert proc.stderr.startswith(message)
