"""`backstride measure`: enter an instrument's item scores, list them, and show trends.

Item scores come from `--items` or are asked one at a time. The questionnaires' wording is not
shown: STarT Back items are named by topic (with Keele's copyright statement), Oswestry by
section name, Roland-Morris by item number, because their owners license the wording.
"""

from __future__ import annotations

import json
from datetime import date

import typer
from rich.console import Console
from rich.table import Table

from backstride.cli import app
from backstride.cli.options import ATHLETE_OPTION, DATABASE_OPTION, parse_day
from backstride.errors import UserError
from backstride.instruments import (
    INSTRUMENTS,
    Score,
    oswestry,
    parse_items,
    roland_morris,
    startback,
)
from backstride.instruments.common import NAMES
from backstride.storage.athletes import default_athlete
from backstride.storage.db import open_database
from backstride.storage.instruments import list_scores, save_score, trends

measure_app = typer.Typer(
    help="Validated instruments: STarT Back, Oswestry, Roland-Morris, pain 0-10.",
    no_args_is_help=True,
)
app.add_typer(measure_app, name="measure")

ITEMS_OPTION = typer.Option(None, "--items", help="Item scores separated by commas.")
DATE_OPTION = typer.Option(None, "--date", help="Day the form was filled in (YYYY-MM-DD).")


def _ask(prompt: str, parse: object) -> str:
    """Ask until the answer parses (`parse` raises `UserError` on a bad answer)."""
    assert callable(parse)
    while True:
        raw = typer.prompt(prompt)
        try:
            parse(raw)
        except UserError as exc:
            typer.echo(f"  {exc.problems[0]}", err=True)
            continue
        return str(raw)


def _interactive(instrument: str) -> str:
    answers: list[str] = []
    if instrument == "startback":
        typer.echo(startback.WORDING_NOTE)
        typer.echo(f"Answers are about {startback.RECALL_PERIOD}.")
        for i, topic in enumerate(startback.TOPICS[:8], start=1):
            answers.append(
                _ask(
                    f"{i}. {topic} - agree (1) or disagree (0)",
                    lambda r, i=i: startback.parse_agree(i, r),
                )
            )
        choices = ", ".join(startback.BOTHERSOME)
        answers.append(_ask(f"9. {startback.TOPICS[8]} ({choices})", startback.parse_bothersome))
    elif instrument == "oswestry":
        typer.echo(oswestry.LICENCE_NOTE)
        for i, name in enumerate(oswestry.SECTIONS, start=1):
            answers.append(
                _ask(
                    f"{i}. {name}: score 0-5 (- if unanswered, 2/3 if two ticked)",
                    lambda r, i=i: oswestry.section_score(i, r),
                )
            )
    elif instrument == "rmdq":
        typer.echo(roland_morris.LICENCE_NOTE)
        for i in range(1, roland_morris.ITEMS + 1):
            answers.append(
                _ask(
                    f"Item {i}: ticked (1) or not (0, n/a)", lambda r, i=i: roland_morris.tick(i, r)
                )
            )
    else:
        answers.append(_ask("Pain now, 0 (none) to 10 (worst imaginable)", parse_items_pain))
    return ",".join(answers)


def parse_items_pain(raw: str) -> Score:
    return parse_items("pain", raw)


def _record(
    instrument: str,
    items: str | None,
    day: str | None,
    database: str | None,
    athlete: str,
    fmt: str,
) -> None:
    taken_on = parse_day("--date", day)
    text = items if items is not None else _interactive(instrument)
    score = parse_items(instrument, text)
    db = open_database(database)
    try:
        with db.transaction() as session:
            row = save_score(session, default_athlete(session, athlete), score, taken_on)
            row_id = row.id
    finally:
        db.close()
    if fmt == "json":
        typer.echo(json.dumps(_score_json(row_id, taken_on, score), indent=2))
        return
    band = f" ({score.band})" if score.band else ""
    typer.echo(
        f"{score.name} on {taken_on.isoformat()}: {score.shown()}{band}. Saved as #{row_id}."
    )
    if instrument == "startback":
        typer.echo(
            f"Psychosocial subscale {score.detail['psychosocial']}/5; matched care: "
            f"{score.detail['matched_care']}."
        )
        typer.echo(startback.ATTRIBUTION)
    if instrument == "oswestry":
        d = score.detail
        typer.echo(f"Sections answered: {d['answered']} of 10 (sum {d['sum']} of {d['maximum']}).")


def _score_json(row_id: int, taken_on: date, score: Score) -> dict[str, object]:
    return {
        "id": row_id,
        "instrument": score.instrument,
        "date": taken_on.isoformat(),
        "total": score.total,
        "band": score.band,
        "items": score.items,
        "detail": score.detail,
    }


def _check_format(fmt: str) -> str:
    if fmt not in ("text", "json"):
        raise UserError(f"--format: {fmt!r} is not allowed; give text or json")
    return fmt


FORMAT_OPTION = typer.Option("text", "--format", help="text or json.")


@measure_app.command("startback")
def startback_command(
    items: str | None = ITEMS_OPTION,
    day: str | None = DATE_OPTION,
    output_format: str = FORMAT_OPTION,
    database: str | None = DATABASE_OPTION,
    athlete: str = ATHLETE_OPTION,
) -> None:
    """STarT Back: eight agree (1) / disagree (0) answers, then item 9 (not_at_all .. extremely)."""
    _record("startback", items, day, database, athlete, _check_format(output_format))


@measure_app.command("oswestry")
def oswestry_command(
    items: str | None = ITEMS_OPTION,
    day: str | None = DATE_OPTION,
    output_format: str = FORMAT_OPTION,
    database: str | None = DATABASE_OPTION,
    athlete: str = ATHLETE_OPTION,
) -> None:
    """Oswestry: ten section scores 0-5 from a licensed form; '-' unanswered, '2/3' two ticks."""
    _record("oswestry", items, day, database, athlete, _check_format(output_format))


@measure_app.command("rmdq")
def rmdq_command(
    items: str | None = ITEMS_OPTION,
    day: str | None = DATE_OPTION,
    output_format: str = FORMAT_OPTION,
    database: str | None = DATABASE_OPTION,
    athlete: str = ATHLETE_OPTION,
) -> None:
    """Roland-Morris: 24 entries of 1 (ticked) or 0, or 'ticked:2,5,17'."""
    _record("rmdq", items, day, database, athlete, _check_format(output_format))


@measure_app.command("pain")
def pain_command(
    items: str | None = ITEMS_OPTION,
    day: str | None = DATE_OPTION,
    output_format: str = FORMAT_OPTION,
    database: str | None = DATABASE_OPTION,
    athlete: str = ATHLETE_OPTION,
) -> None:
    """Pain now on the 0-10 numeric rating scale."""
    _record("pain", items, day, database, athlete, _check_format(output_format))


def _instrument_option(value: str | None) -> str | None:
    if value is not None and value not in INSTRUMENTS:
        raise UserError(
            f"instrument: {value!r} is not allowed; expected one of {', '.join(INSTRUMENTS)}"
        )
    return value


@measure_app.command("list")
def list_command(
    instrument: str | None = typer.Argument(None, help="startback, oswestry, rmdq or pain."),
    output_format: str = FORMAT_OPTION,
    database: str | None = DATABASE_OPTION,
    athlete: str = ATHLETE_OPTION,
) -> None:
    """Every score entered, oldest first."""
    fmt = _check_format(output_format)
    wanted = _instrument_option(instrument)
    db = open_database(database)
    try:
        with db.transaction() as session:
            rows = [
                (r.id, r.instrument, r.taken_on, r.total, r.band, r.items)
                for r in list_scores(session, default_athlete(session, athlete), wanted)
            ]
    finally:
        db.close()
    if fmt == "json":
        keys = ("id", "instrument", "date", "total", "band", "items")
        out = [
            dict(zip(keys, (i, n, d.isoformat(), t, b, it), strict=True))
            for i, n, d, t, b, it in rows
        ]
        typer.echo(json.dumps(out, indent=2))
        return
    if not rows:
        typer.echo("No scores yet: try `backstride measure pain --items 4`.")
        return
    table = Table("#", "Date", "Instrument", "Total", "Band")
    for i, name, day, total, band, _ in rows:
        shown = Score(name, total, band, {}).shown()
        table.add_row(str(i), day.isoformat(), NAMES[name], shown, band or "")
    Console().print(table)


@measure_app.command("trend")
def trend_command(
    instrument: str | None = typer.Argument(None, help="startback, oswestry, rmdq or pain."),
    output_format: str = FORMAT_OPTION,
    database: str | None = DATABASE_OPTION,
    athlete: str = ATHLETE_OPTION,
) -> None:
    """Change from the first score to the latest, judged against the minimal important change."""
    fmt = _check_format(output_format)
    wanted = _instrument_option(instrument)
    db = open_database(database)
    try:
        with db.transaction() as session:
            found = trends(list_scores(session, default_athlete(session, athlete), wanted))
    finally:
        db.close()
    if fmt == "json":
        out = [
            {
                "instrument": t.instrument,
                "baseline": {
                    "date": t.baseline.taken_on.isoformat(),
                    "total": t.baseline.total,
                    "band": t.baseline.band,
                },
                "latest": {
                    "date": t.latest.taken_on.isoformat(),
                    "total": t.latest.total,
                    "band": t.latest.band,
                },
                "change": t.change,
                "verdict": t.verdict,
                "explanation": t.explanation,
            }
            for t in found
        ]
        typer.echo(json.dumps(out, indent=2))
        return
    if not found:
        typer.echo("No scores yet.")
        return
    for t in found:
        first = Score(t.instrument, t.baseline.total, t.baseline.band, {}).shown()
        last = Score(t.instrument, t.latest.total, t.latest.band, {}).shown()
        typer.echo(
            f"{NAMES[t.instrument]}: {first} on {t.baseline.taken_on} -> {last} on "
            f"{t.latest.taken_on} ({len(t.points)} scores): "
            f"{t.verdict.replace('_', ' ')}; {t.explanation}"
        )
