"""`backstride measure` and `backstride fhir`, run as a user would, on a SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backstride", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "COLUMNS": "160"},
    )


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'm.db'}"


def test_measure_saves_scores_and_the_trend_judges_them_against_the_mic(db: str) -> None:
    for day, pain in (("2024-01-01", "7"), ("2024-02-01", "4")):
        proc = run("measure", "pain", "--items", pain, "--date", day, "--database", db)
        assert proc.returncode == 0, proc.stderr
    proc = run(
        "measure", "oswestry", "--items", "2,2,2,2,2,2,2,-,1,1", "--date", "2024-01-01",
        "--database", db, "--format", "json",
    )  # fmt: skip
    assert json.loads(proc.stdout)["total"] == 35.6
    proc = run("measure", "trend", "pain", "--database", db, "--format", "json")
    (trend,) = json.loads(proc.stdout)
    assert trend["change"] == -3 and trend["verdict"] == "meaningful_improvement"
    listed = run("measure", "list", "--database", db)
    assert "35.6%" in listed.stdout and "4/10" in listed.stdout


def test_startback_prints_keeles_statement_and_interactive_entry_works(db: str) -> None:
    answers = "\n".join(["1", "0", "0", "0", "agree", "1", "1", "1", "very much"]) + "\n"
    proc = run("measure", "startback", "--database", db, "--date", "2024-01-01", stdin=answers)
    assert proc.returncode == 0, proc.stderr
    assert "5/9 (high)" in proc.stdout or "6/9 (high)" in proc.stdout
    assert "copyright (©2007)" in proc.stdout and "Keele University" in proc.stdout


def test_bad_items_exit_2_with_one_line(db: str) -> None:
    proc = run("measure", "rmdq", "--items", "1,0", "--database", db)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "error: rmdq: 2 item(s) given; expected 24, separated by commas"


def test_fhir_export_then_import_gives_the_case_back(tmp_path: Path) -> None:
    case = {
        "age": 40,
        "pain": {"regions": [{"region": "lower_back", "side": "central"}], "intensity_now": 6.0},
        "neuro": {"saddle_numbness": False},
    }
    case_file = tmp_path / "case.json"
    case_file.write_text(json.dumps(case))
    out = tmp_path / "bundle.json"
    assert run("fhir", "export", "--case", str(case_file), "-o", str(out)).returncode == 0
    bundle = json.loads(out.read_text())
    response = next(
        e["resource"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "QuestionnaireResponse"
    )
    response_file = tmp_path / "response.json"
    response_file.write_text(json.dumps(response))
    proc = run("fhir", "import", str(response_file))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {"schema_version": "1", **case}


def test_fhir_questionnaire_and_bad_input(tmp_path: Path) -> None:
    q = run("fhir", "questionnaire")
    assert json.loads(q.stdout)["resourceType"] == "Questionnaire"
    bad = tmp_path / "p.json"
    bad.write_text('{"resourceType": "Patient"}')
    proc = run("fhir", "import", str(bad))
    assert proc.returncode == 2
    assert "resourceType: 'Patient' is not allowed" in proc.stderr
    assert run("fhir", "export").returncode == 2
