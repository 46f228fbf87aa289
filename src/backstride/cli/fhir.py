"""`backstride fhir`: the interview as a Questionnaire, an assessment as a Bundle, and a
QuestionnaireResponse back into a case (FHIR R4B, see `backstride.fhir`)."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import typer
from sqlalchemy.orm import Session

from backstride.cli import app
from backstride.cli.files import read_text
from backstride.cli.options import ATHLETE_OPTION, DATABASE_OPTION
from backstride.errors import UserError
from backstride.storage.assessments import list_assessments
from backstride.storage.models import Athlete, SavedAssessment

fhir_app = typer.Typer(help="FHIR R4 (R4B models) export and import.", no_args_is_help=True)
app.add_typer(fhir_app, name="fhir")


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text + "\n")
        return
    try:
        out.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise UserError(f"-o: cannot write {out} ({exc.__class__.__name__})") from None
    typer.echo(f"Written to {out}.", err=True)


@fhir_app.command("questionnaire")
def questionnaire_command(
    out: Path | None = typer.Option(None, "-o", "--out", help="File to write (default: stdout)."),
) -> None:
    """The guided interview as a FHIR Questionnaire (linkIds are case field paths)."""
    from backstride.fhir.questionnaire import build_questionnaire

    _write(build_questionnaire().model_dump_json(exclude_none=True, indent=2), out)


@fhir_app.command("export")
def export_command(
    case_file: str | None = typer.Option(None, "--case", help="A case JSON file (or - for stdin)."),
    assessment: int | None = typer.Option(None, "--assessment", help="A saved assessment's id."),
    out: Path | None = typer.Option(None, "-o", "--out", help="File to write (default: stdout)."),
    database: str | None = DATABASE_OPTION,
    athlete: str = ATHLETE_OPTION,
) -> None:
    """An assessment as a FHIR document Bundle: Composition, QuestionnaireResponse, Observations,
    RiskAssessment, Conditions.

    With --assessment the athlete's instrument scores up to that day go in as Observations.
    """
    from backstride.contract.validate import parse_case, parse_case_json
    from backstride.engine.assess import assess
    from backstride.fhir.bundle import DatedScore, assessment_bundle, bundle_json

    if (case_file is None) == (assessment is None):
        raise UserError("fhir export: give exactly one of --case FILE or --assessment ID")
    scores: list[DatedScore] = []
    if case_file is not None:
        case = parse_case_json(read_text(case_file), source=case_file)
        result = assess(case)
        when = datetime.now(UTC).replace(microsecond=0)
    else:
        assert assessment is not None
        from backstride.contract.result import Result
        from backstride.instruments import score_items
        from backstride.storage.athletes import default_athlete
        from backstride.storage.db import open_database
        from backstride.storage.instruments import list_scores

        db = open_database(database)
        try:
            with db.transaction() as session:
                person = default_athlete(session, athlete)
                saved = find_assessment(session, person, assessment)
                case = parse_case(saved.case)
                result = Result.model_validate(saved.result)
                when = saved.created_at
                rows = list_scores(session, person, until=when.date())
                scores = [(r.taken_on, score_items(r.instrument, r.items)) for r in rows]
        finally:
            db.close()
    _write(bundle_json(assessment_bundle(case, result, scores=scores, when=when)), out)


def find_assessment(
    session: Session, athlete: Athlete, assessment_id: int | None
) -> SavedAssessment:
    """A saved assessment of `athlete` by id, or the latest one when `assessment_id` is None."""
    saved = list_assessments(session, athlete)
    if not saved:
        raise UserError("no saved assessment: run `backstride assess --save` first")
    if assessment_id is None:
        return saved[-1]
    for row in saved:
        if row.id == assessment_id:
            return row
    ids = ", ".join(str(r.id) for r in saved)
    raise UserError(f"--assessment: {assessment_id} is not allowed; expected one of {ids}")


@fhir_app.command("import")
def import_command(
    response: str = typer.Argument(..., help="A QuestionnaireResponse JSON file (or - for stdin)."),
) -> None:
    """Read a QuestionnaireResponse back into a case and print the case JSON."""
    from backstride.fhir.response import parse_response, response_to_case

    case = response_to_case(parse_response(read_text(response)))
    data = case.model_dump(mode="json", exclude_none=True)
    for section in ("pain", "neuro", "general", "history", "running"):
        if not data.get(section):
            data.pop(section, None)
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
