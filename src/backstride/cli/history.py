"""Training-history commands: import, activities, shoes, export and delete.

Each command opens the database (migrating it on the way), does its work in one transaction
through the storage services, and prints; the logic lives in `backstride.storage` and
`backstride.importers`.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from backstride.cli import app
from backstride.cli.options import ATHLETE_OPTION, DATABASE_OPTION
from backstride.errors import UserError
from backstride.storage.activities import list_activities
from backstride.storage.athletes import default_athlete, get_athlete
from backstride.storage.db import Database, open_database
from backstride.storage.personal_data import delete_athlete, export_athlete
from backstride.storage.shoes import add_shoe, retire_shoe, shoe_mileage
from backstride.training.activity import Sport

shoes_app = typer.Typer(help="Track shoes and their mileage.", no_args_is_help=True)
app.add_typer(shoes_app, name="shoes")


def _open(url: str | None) -> Database:
    return open_database(url)


def _out() -> Console:
    return Console()


@app.command("import")
def import_command(
    paths: list[Path] = typer.Argument(..., help="Files, folders, zips, Strava or Garmin exports."),
    database: str | None = DATABASE_OPTION,
    athlete: str = ATHLETE_OPTION,
    workers: int | None = typer.Option(None, help="Decoding processes (default: one per core)."),
    progress: bool = typer.Option(True, help="Show a progress bar."),
) -> None:
    """Import FIT, GPX and TCX activities (also .gz), skipping files already imported."""
    from backstride.importers.pipeline import import_paths

    db = _open(database)
    try:
        report = import_paths(
            db, paths, athlete_name=athlete, workers=workers, progress=progress and _tty()
        )
    finally:
        db.close()
    for line in report.refused:
        typer.echo(f"skipped {line}", err=True)
    mb = report.bytes_decoded / 1e6
    typer.echo(
        f"{report.imported} file(s) imported with {report.activities} activit"
        f"{'y' if report.activities == 1 else 'ies'}; {report.already_imported} already "
        f"imported; {len(report.refused)} skipped; {report.duplicate_activities} duplicate "
        f"activit{'y' if report.duplicate_activities == 1 else 'ies'} ignored "
        f"({mb:.1f} MB in {report.seconds:.1f} s)."
    )
    if report.replaced_index_lines:
        typer.echo(
            f"{report.replaced_index_lines} activit"
            f"{'y' if report.replaced_index_lines == 1 else 'ies'} imported earlier from an "
            "export's list (Garmin summary, Strava CSV line) now have their file's detail."
        )


def _tty() -> bool:
    return sys.stderr.isatty()


@app.command("activities")
def activities_command(
    database: str | None = DATABASE_OPTION,
    athlete: str = ATHLETE_OPTION,
    limit: int = typer.Option(20, help="How many, newest first (0 for all)."),
    sport: Sport | None = typer.Option(None, help="Only this sport."),
) -> None:
    """List imported activities, newest first."""
    db = _open(database)
    try:
        with db.transaction() as session:
            person = default_athlete(session, athlete)
            rows = list_activities(
                session, person, sport=sport, limit=limit or None, newest_first=True
            )
            table = Table("date (UTC)", "sport", "km", "time", "avg HR", "steps/min", "name")
            for row in rows:
                table.add_row(
                    row.start_time.strftime("%Y-%m-%d %H:%M"),
                    row.sport + (" (indoor)" if row.indoor else ""),
                    f"{row.distance_m / 1000:.2f}" if row.distance_m is not None else "–",
                    _duration(row.duration_s),
                    f"{row.avg_hr:.0f}" if row.avg_hr is not None else "–",
                    f"{row.avg_cadence_spm:.0f}" if row.avg_cadence_spm is not None else "–",
                    row.name or "",
                )
    finally:
        db.close()
    _out().print(table if rows else "No activities yet: try `backstride import PATH`.")


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


@shoes_app.command("add")
def shoes_add(
    name: str = typer.Argument(..., help="A name you will recognise, e.g. 'Pegasus 40 blue'."),
    brand: str | None = typer.Option(None, help="Maker."),
    start_km: float = typer.Option(0.0, "--start-km", help="Kilometres already on the shoe."),
    database: str | None = DATABASE_OPTION,
    athlete: str = ATHLETE_OPTION,
) -> None:
    """Add a shoe."""
    db = _open(database)
    try:
        with db.transaction() as session:
            add_shoe(
                session, default_athlete(session, athlete), name, brand=brand, start_km=start_km
            )
    finally:
        db.close()
    typer.echo(f"Added {name}.")


@shoes_app.command("list")
def shoes_list(
    database: str | None = DATABASE_OPTION,
    athlete: str = ATHLETE_OPTION,
    all_shoes: bool = typer.Option(False, "--all", help="Include retired shoes."),
) -> None:
    """List shoes with their mileage (start km plus the runs assigned to them)."""
    db = _open(database)
    try:
        with db.transaction() as session:
            person = default_athlete(session, athlete)
            table = Table("shoe", "brand", "km", "runs", "status")
            mileage = shoe_mileage(session, person, include_retired=all_shoes)
            for item in mileage:
                table.add_row(
                    item.shoe.name,
                    item.shoe.brand or "",
                    f"{item.km:.1f}",
                    str(item.runs),
                    "retired" if item.shoe.retired else "active",
                )
    finally:
        db.close()
    _out().print(table if mileage else "No shoes yet: try `backstride shoes add NAME`.")


@shoes_app.command("retire")
def shoes_retire(
    name: str = typer.Argument(..., help="The shoe's name."),
    database: str | None = DATABASE_OPTION,
    athlete: str = ATHLETE_OPTION,
) -> None:
    """Retire a shoe: it keeps its history but leaves the active list."""
    db = _open(database)
    try:
        with db.transaction() as session:
            retire_shoe(session, default_athlete(session, athlete), name)
    finally:
        db.close()
    typer.echo(f"Retired {name}.")


@app.command("export")
def export_command(
    output: Path | None = typer.Option(None, "--output", "-o", help="File (default: stdout)."),
    database: str | None = DATABASE_OPTION,
    athlete: str = ATHLETE_OPTION,
) -> None:
    """Write all of a person's data as JSON."""
    db = _open(database)
    try:
        with db.transaction() as session:
            person = get_athlete(session, athlete)
            if person is None:
                raise UserError(f"no data for {athlete!r}")
            data = export_athlete(session, person)
    finally:
        db.close()
    data["exported_at"] = datetime.now().astimezone().isoformat()
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True)
    if output is None:
        typer.echo(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
        typer.echo(f"Wrote {output}.", err=True)


@app.command("delete")
def delete_command(
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation."),
    database: str | None = DATABASE_OPTION,
    athlete: str = ATHLETE_OPTION,
) -> None:
    """Delete everything stored about a person: activities, shoes, diary, assessments."""
    if not yes and not typer.confirm(
        f"Delete ALL data of {athlete!r} (activities, shoes, diary, assessments)?", default=False
    ):
        raise typer.Exit(1)
    db = _open(database)
    try:
        with db.transaction() as session:
            person = get_athlete(session, athlete)
            counts = delete_athlete(session, person) if person is not None else {}
    finally:
        db.close()
    total = sum(counts.values())
    typer.echo(f"Deleted {total} record(s)." if counts else "Nothing to delete.")
