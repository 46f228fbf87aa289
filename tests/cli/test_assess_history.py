"""`backstride assess --history`: running fields filled from imported runs, with the runs
named, runner answers winning, and `--save` keeping the assessment."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.cli.runner import run_cli as run
from tests.engine.cases import SHARED

SESSIONS = SHARED / "data" / "activities" / "gpx" / "runpandas-sessions"
CASE = {
    "age": 30,
    "pain": {"regions": [{"region": "lower_back", "side": "central"}], "when": ["after_run"]},
}


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not SESSIONS.exists():
        pytest.skip("shared activity data is not beside the project")
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'history.db'}"
    proc = run("import", str(SESSIONS), "--no-progress", database=url)
    assert proc.returncode == 0, proc.stderr
    return url


def assess(database: str, case: dict[str, object], *extra: str) -> dict[str, object]:
    proc = run(
        "assess",
        "--case",
        "-",
        "-f",
        "json",
        "--history",
        *extra,
        database=database,
        stdin=json.dumps(case),
    )
    assert proc.returncode == 0, proc.stderr
    result: dict[str, object] = json.loads(proc.stdout)
    return result


def test_history_fills_running_fields_and_names_the_runs(database: str) -> None:
    result = assess(database, CASE, "--as-of", "2020-08-14")
    fields = result["training_history"]["fields"]  # type: ignore[index]
    assert fields["running.weekly_km"]["value"] == pytest.approx(14.3, abs=0.1)
    assert fields["running.weekly_km"]["runs"], "the runs behind the value are named"
    assert fields["running.recent_changes"]["value"] == ["mileage_increase"]
    assert "load_spike" in {f["id"] for f in result["factors"]}  # type: ignore[attr-defined]


def test_a_value_the_runner_gives_wins_over_the_history(database: str) -> None:
    case = {**CASE, "running": {"weekly_km": 50}}
    result = assess(database, case, "--as-of", "2020-08-14")
    entry = result["training_history"]["fields"]["running.weekly_km"]  # type: ignore[index]
    assert entry["source"] == "runner"
    assert entry["value"] == 50
    assert entry["history_value"] == pytest.approx(14.3, abs=0.1)


def test_save_keeps_the_assessment_for_export(database: str) -> None:
    proc = run(
        "assess", "--case", "-", "--save", "-f", "json", database=database, stdin=json.dumps(CASE)
    )
    assert proc.returncode == 0
    assert "Saved as assessment" in proc.stderr
    exported = json.loads(run("export", database=database).stdout)
    assert exported["saved_assessments"], exported.keys()


def history_text(database: str, as_of: str) -> subprocess.CompletedProcess[str]:
    args = ("assess", "--case", "-", "--history", "--as-of", as_of)
    return run(*args, database=database, stdin=json.dumps(CASE))


def test_a_bad_as_of_date_is_reported_plainly(database: str) -> None:
    proc = history_text(database, "yesterday")
    assert proc.returncode == 2
    assert "--as-of: 'yesterday' is not a date; expected YYYY-MM-DD" in proc.stderr


def test_text_report_shows_the_history_panel(database: str) -> None:
    proc = history_text(database, "2020-08-14")
    assert proc.returncode == 0
    assert "From your training history" in proc.stdout
