"""`backstride report` and `backstride fhir export --assessment` on a saved assessment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from backstride.contract.validate import parse_case
from backstride.engine.assess import assess
from backstride.instruments import parse_items
from backstride.storage.assessments import save_assessment
from backstride.storage.athletes import default_athlete
from backstride.storage.db import open_database
from backstride.storage.instruments import save_score
from tests.reports.conftest import CASE


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backstride", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=dict(os.environ),
    )


@pytest.fixture
def saved(tmp_path: Path) -> tuple[str, int]:
    url = f"sqlite:///{tmp_path / 'r.db'}"
    case = parse_case(CASE)
    result = assess(case)
    db = open_database(url)
    with db.transaction() as session:
        me = default_athlete(session)
        row = save_assessment(
            session,
            me,
            case.model_dump(mode="json", exclude_none=True),
            result.model_dump(mode="json"),
            result.kb_version,
        )
        for when, instrument, items in (
            (date(2020, 1, 1), "pain", "7"),
            (date(2020, 2, 1), "pain", "3"),
            (date(2020, 2, 1), "oswestry", "1,1,1,1,1,1,1,-,1,1"),
        ):
            save_score(session, me, parse_items(instrument, items), when)
        assessment_id = row.id
    db.close()
    return url, assessment_id


def test_report_html_and_pdf_from_a_saved_assessment(
    saved: tuple[str, int], tmp_path: Path
) -> None:
    url, assessment_id = saved
    html = tmp_path / "report.html"
    proc = run("report", "--out", str(html), "--assessment", str(assessment_id), "--database", url)
    assert proc.returncode == 0, proc.stderr
    text = html.read_text(encoding="utf-8")
    assert "Numeric pain rating scale (0-10)" in text and "meaningful improvement" in text
    pdf = tmp_path / "report.pdf"
    assert run("report", "--out", str(pdf), "--database", url).returncode == 0  # the latest
    assert pdf.read_bytes().startswith(b"%PDF")


def test_report_refuses_other_suffixes_and_unknown_ids(
    saved: tuple[str, int], tmp_path: Path
) -> None:
    url, _ = saved
    bad = run("report", "--out", str(tmp_path / "r.txt"), "--database", url)
    assert bad.returncode == 2 and "give a file ending in .html or .pdf" in bad.stderr
    missing = run(
        "report", "--out", str(tmp_path / "r.pdf"), "--assessment", "99", "--database", url
    )
    assert missing.returncode == 2 and "--assessment: 99 is not allowed" in missing.stderr


def test_fhir_export_of_a_saved_assessment_carries_the_scores(
    saved: tuple[str, int], tmp_path: Path
) -> None:
    url, assessment_id = saved
    out = tmp_path / "bundle.json"
    proc = run(
        "fhir", "export", "--assessment", str(assessment_id), "-o", str(out), "--database", url
    )
    assert proc.returncode == 0, proc.stderr
    bundle = json.loads(out.read_text())
    totals = [
        e["resource"]["valueQuantity"]["value"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Observation"
    ]
    assert 7 in totals and 3 in totals and 20 in totals
