"""`backstride report`: the clinician report as HTML or PDF.

Reads, in one transaction, the assessment (a saved one, the latest by default, or a case file
assessed now), the athlete's instrument scores up to that day, their runs and pain diary; the
report itself is built by `backstride.reports.clinician`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import typer

from backstride.cli import app
from backstride.cli.fhir import find_assessment
from backstride.cli.files import read_text
from backstride.cli.options import ATHLETE_OPTION, DATABASE_OPTION, parse_day
from backstride.contract.result import Result
from backstride.contract.validate import parse_case, parse_case_json
from backstride.engine.assess import assess
from backstride.errors import UserError
from backstride.instruments import score_items
from backstride.kb.loader import load_kb
from backstride.reports.clinician import (
    DatedScore,
    build_context,
    chart_png,
    default_plan,
    report_format,
    write_report,
)
from backstride.storage.activities import load_activities
from backstride.storage.athletes import default_athlete
from backstride.storage.db import open_database
from backstride.storage.diary import load_diary
from backstride.storage.instruments import list_scores
from backstride.training.diary import weekly_pain
from backstride.training.metrics import load_report


@app.command("report")
def report_command(
    out: Path = typer.Option(..., "--out", "-o", help="report.html or report.pdf."),
    assessment: int | None = typer.Option(
        None, "--assessment", help="A saved assessment's id (default: the latest)."
    ),
    case_file: str | None = typer.Option(
        None, "--case", help="Assess this case file now instead of a saved assessment."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Load and scores up to this day (default: the assessment's day)."
    ),
    database: str | None = DATABASE_OPTION,
    athlete: str = ATHLETE_OPTION,
) -> None:
    """A report for a clinician: assessment, red flags, instrument trends, load against pain,
    the plan and sources."""
    report_format(out)
    if assessment is not None and case_file is not None:
        raise UserError("report: give --assessment or --case, not both")
    case = parse_case_json(read_text(case_file), source=case_file) if case_file else None
    db = open_database(database)
    try:
        with db.transaction() as session:
            person = default_athlete(session, athlete)
            if case is not None:
                result = assess(case)
                assessed = datetime.now(UTC)
            else:
                saved = find_assessment(session, person, assessment)
                case = parse_case(saved.case)
                result = Result.model_validate(saved.result)
                assessed = saved.created_at
            day = parse_day("--as-of", as_of) if as_of else assessed.date()
            scores: list[DatedScore] = [
                (r.taken_on, score_items(r.instrument, r.items))
                for r in list_scores(session, person, until=day)
            ]
            activities = load_activities(session, person)
            entries = load_diary(session, person, until=day)
    finally:
        db.close()
    weeks = list(load_report(activities, day).weeks) if activities else []
    pain = weekly_pain(entries, as_of=day)
    context = build_context(
        case=case,
        result=result,
        kb=load_kb(),
        generated=datetime.now(UTC),
        athlete=athlete,
        assessed_on=assessed.date(),
        scores=scores,
        weeks=weeks,
        pain=pain,
        chart_png=chart_png(weeks, pain),
        plan=default_plan(result, day),
    )
    write_report(out, context)
    typer.echo(f"Report written to {out}.")
