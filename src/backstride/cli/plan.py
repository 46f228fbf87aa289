"""`backstride plan` (a personal exercise programme) and `backstride plan run` (where you stand on
the return to running). Thin: read the case, assess it, hand the result to `backstride.plans`,
print. Today's date is read here, at the edge, and passed on.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from backstride.cli import app
from backstride.cli.options import parse_day
from backstride.errors import UserError

plan_app = typer.Typer(
    help="A personal exercise programme from a case, and the return-to-run plan.",
    invoke_without_command=True,
)
app.add_typer(plan_app, name="plan")


class Format(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


def _assess(case: str | None) -> Any:
    from backstride.cli.files import read_text
    from backstride.contract.validate import parse_case_json
    from backstride.engine.assess import assess

    if case is None:
        raise UserError("--case: give a case file (JSON), or - for standard input")
    source = "standard input" if case == "-" else case
    return assess(parse_case_json(read_text(case), source=source))


def _write_ics(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise UserError(f"--ics: cannot write {path} ({exc.strerror or exc})") from None


@plan_app.callback()
def plan(
    ctx: typer.Context,
    case: str | None = typer.Option(None, "--case", help="A case as JSON (a file, or -)."),
    start: str | None = typer.Option(
        None, "--start", help="First day (YYYY-MM-DD, default today)."
    ),
    weeks: int = typer.Option(6, "--weeks", help="Length of the programme: 6, 7 or 8 weeks."),
    ics: Path | None = typer.Option(
        None, "--ics", help="Also write the sessions to this .ics file."
    ),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="text, json or markdown."),
) -> None:
    """A 6-8 week exercise programme for the factors and conditions a case's assessment found.

    Never includes an exercise that the assessment's likely conditions, red flags or factors
    rule out; no programme when the assessment says to see a doctor within 24 hours or sooner.
    """
    if ctx.invoked_subcommand is not None:
        return
    from backstride.plans.calendar import to_ical
    from backstride.plans.context import plan_context, programme_markdown
    from backstride.plans.programme import build_programme

    first = parse_day("--start", start)
    result = _assess(case)
    programme = build_programme(result, first, weeks)
    if ics is not None:
        _write_ics(ics, to_ical(programme=programme, name="backstride exercise programme"))
    ctx_data = plan_context(programme=programme)
    if fmt is Format.json:
        sys.stdout.write(json.dumps(ctx_data, indent=2, ensure_ascii=False) + "\n")
    elif fmt is Format.markdown:
        sys.stdout.write(programme_markdown(ctx_data["programme"]))
    else:
        _print_programme(ctx_data["programme"])
    if ics is not None and programme.offered:
        typer.echo(f"Calendar written to {ics}.", err=fmt is not Format.text)


@plan_app.command("run")
def plan_run(
    case: str | None = typer.Option(None, "--case", help="A case as JSON (a file, or -)."),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Status as of this day (default today)."
    ),
    start: str | None = typer.Option(
        None, "--start", help="The day the return to running began (default: --as-of)."
    ),
    ceiling: int = typer.Option(3, "--ceiling", help="Agreed pain ceiling, 0-5 (default 3/10)."),
    ics: Path | None = typer.Option(None, "--ics", help="Write the next sessions to this .ics."),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="text, json or markdown."),
    database: str | None = typer.Option(
        None, "--database", help="SQLAlchemy URL (default: BACKSTRIDE_DATABASE_URL or SQLite)."
    ),
    athlete: str = typer.Option("me", "--athlete", help="Whose diary and runs (local: 'me')."),
) -> None:
    """Return-to-run status: the stage you are at, checked against your pain diary and runs."""
    from backstride.plans.calendar import to_ical
    from backstride.plans.context import plan_context, run_plan_markdown
    from backstride.plans.return_to_run import return_to_run

    day = parse_day("--as-of", as_of)
    first = parse_day("--start", start, day)
    result = _assess(case)
    diary, activities = _history(database, athlete, day)
    plan_ = return_to_run(
        result, start=first, as_of=day, diary=diary, activities=activities, ceiling=ceiling
    )
    if ics is not None:
        _write_ics(ics, to_ical(run_plan=plan_, name="backstride return to running"))
    ctx_data = plan_context(run_plan=plan_)
    if fmt is Format.json:
        sys.stdout.write(json.dumps(ctx_data, indent=2, ensure_ascii=False) + "\n")
    elif fmt is Format.markdown:
        sys.stdout.write(run_plan_markdown(ctx_data["return_to_run"]))
    else:
        _print_run_plan(ctx_data["return_to_run"])


def _history(database: str | None, athlete: str, day: date) -> tuple[list[Any], list[Any]]:
    from backstride.storage.activities import load_activities
    from backstride.storage.athletes import default_athlete
    from backstride.storage.db import open_database
    from backstride.storage.diary import load_diary

    db = open_database(database)
    try:
        with db.transaction() as session:
            person = default_athlete(session, athlete)
            diary = load_diary(session, person, until=day)
            activities = [a for a in load_activities(session, person) if a.start.date() <= day]
    finally:
        db.close()
    return diary, activities


def _print_programme(ctx: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    out = Console()
    out.print("[bold]Your exercise programme[/bold]")
    out.print(ctx["explanation"], highlight=False)
    if not ctx["offered"]:
        return
    for note in ctx["notes"]:
        out.print(f"• {note}", highlight=False)
    for week in ctx["weeks"]:
        table = Table(
            "exercise",
            "version",
            "dose",
            title=f"Week {week['number']} ({week['phase']}): {', '.join(week['days'])}",
            title_justify="left",
        )
        for item in week["items"]:
            table.add_row(item["name"], item["variant"], item["dose"])
        out.print(table)
    for t in ctx["targets"]:
        if t["exercises"]:
            out.print(f"• {t['label']}: {', '.join(t['exercises'])}", highlight=False)
        elif t["advice"]:
            out.print(f"• {t['label']}: {t['advice']}", highlight=False)
    if ctx["excluded"]:
        out.print("[bold]Left out for you[/bold]")
        for e in ctx["excluded"]:
            out.print(f"• {e['name']}: {'; '.join(e['because'])}", highlight=False)
    out.print(f"[dim]{ctx['rule']}[/dim]", highlight=False)
    out.print(f"[dim]Sources: {'; '.join(ctx['sources'])}[/dim]", highlight=False)


def _print_run_plan(ctx: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    out = Console()
    out.print("[bold]Return to running[/bold]")
    out.print(ctx["explanation"], highlight=False)
    if not ctx["offered"]:
        return
    out.print("[bold]Gates after every session[/bold]")
    for gate in ctx["gates"]:
        out.print(f"• {gate}", highlight=False)
    for change in ctx["changes"]:
        out.print(f"{change['day']}: {change['reason']}", highlight=False)
    if ctx["upcoming"]:
        table = Table("day", "stage", "session", "km", "note", title="Next sessions")
        for u in ctx["upcoming"]:
            km = f"{u['km']:.1f}" if u["is_run"] else "–"
            table.add_row(u["day"], u["stage_name"], u["description"], km, u["note"])
        out.print(table)
    for note in ctx["notes"]:
        out.print(f"[dim]• {note}[/dim]", highlight=False)
