"""`backstride plan` and `backstride plan run`, run as a user would, as subprocesses."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar

from tests.cli.runner import run_cli as run
from tests.plans.helpers import CES, SELF_CARE


def _case(tmp_path: Path, case: object) -> str:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    return str(path)


def test_plan_prints_a_programme_as_json_and_writes_a_calendar(tmp_path: Path) -> None:
    ics = tmp_path / "plan.ics"
    proc = run(
        "plan",
        "--case",
        _case(tmp_path, SELF_CARE),
        "--start",
        "2025-03-03",
        "--weeks",
        "8",
        "--format",
        "json",
        "--ics",
        str(ics),
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)["programme"]
    assert data["offered"] and len(data["weeks"]) == 8 and len(data["sessions"]) == 24
    events = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert len(events) == 24


def test_plan_as_text_and_markdown(tmp_path: Path) -> None:
    case = _case(tmp_path, SELF_CARE)
    text = run("plan", "--case", case, "--start", "2025-03-03")
    assert text.returncode == 0 and "Week 1 (foundation)" in text.stdout
    md = run("plan", "--case", case, "--start", "2025-03-03", "--format", "markdown")
    assert md.returncode == 0 and md.stdout.startswith("# Your exercise programme")


def test_plan_explains_why_there_is_no_programme_for_an_emergency(tmp_path: Path) -> None:
    proc = run("plan", "--case", _case(tmp_path, CES), "--format", "json")
    assert proc.returncode == 0
    data = json.loads(proc.stdout)["programme"]
    assert not data["offered"] and "clinician" in data["explanation"]


def test_plan_refuses_bad_weeks_and_dates_with_a_message(tmp_path: Path) -> None:
    case = _case(tmp_path, SELF_CARE)
    weeks = run("plan", "--case", case, "--weeks", "9")
    assert weeks.returncode == 2 and "weeks: 9 is not allowed" in weeks.stderr
    start = run("plan", "--case", case, "--start", "03/03/2025")
    assert start.returncode == 2 and "--start" in start.stderr and "Traceback" not in start.stderr
    missing = run("plan")
    assert missing.returncode == 2 and "--case" in missing.stderr


def test_plan_run_reads_the_diary_and_steps_back_on_a_breach(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'b.db'}"
    entries = [
        (f"2025-03-0{d}", m, dur, aft)
        for d, m, dur, aft in [
            (1, 1, None, None),
            (2, 1, None, None),
            (3, 1, 1, 1),
            (4, 1, None, None),
            (5, 1, 1, 1),
            (6, 1, None, None),
            (7, 1, 1, 1),
            (8, 1, None, None),
            (9, 1, 6, 5),
        ]
    ]
    for day, morning, during, after in entries:
        args = ["diary", "add", "--database", db, "--date", day, "--morning", str(morning)]
        if during is not None:
            args += ["--during", str(during), "--after", str(after)]
        assert run(*args).returncode == 0
    proc = run(
        "plan",
        "run",
        "--case",
        _case(tmp_path, SELF_CARE),
        "--database",
        db,
        "--start",
        "2025-03-03",
        "--as-of",
        "2025-03-10",
        "--format",
        "json",
        "--ics",
        str(tmp_path / "run.ics"),
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)["return_to_run"]
    assert data["stage"]["id"] == "walking"
    back = [c for c in data["changes"] if c["kind"] == "step_back"]
    assert back and back[-1]["day"] == "2025-03-09" and "6/10" in back[-1]["reason"]
    events = icalendar.Calendar.from_ical((tmp_path / "run.ics").read_bytes()).walk("VEVENT")
    assert len(events) == len(data["upcoming"]) > 0
