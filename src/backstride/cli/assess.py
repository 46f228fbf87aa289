"""`backstride assess`: the interview, a case file, or a batch of cases."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum

import typer

from backstride.cli import app
from backstride.cli.files import read_text
from backstride.errors import CaseInputError


class Format(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


def _print_result(result: object, fmt: Format) -> None:
    from backstride.contract.result import Result

    assert isinstance(result, Result)
    if fmt is Format.json:
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
    elif fmt is Format.markdown:
        from backstride.reports.markdown import render_markdown

        sys.stdout.write(render_markdown(result))
    else:
        from backstride.cli.render import print_report

        print_report(result)


# Below this many cases a batch is answered in this process: starting workers costs more.
PARALLEL_FROM = 200
_CHUNK = 64


def _assess_line(item: tuple[int, str]) -> tuple[str, bool]:
    """One line of a batch: its result as JSON, or its error; and whether it was valid."""
    from backstride.contract.validate import parse_case_json
    from backstride.engine.assess import assess

    number, line = item
    try:
        case = parse_case_json(line, source=f"line {number}")
    except CaseInputError as exc:
        error = {"line": number, "message": exc.problems[0], "problems": exc.problems}
        return json.dumps({"schema_version": "1", "error": error}), False
    return assess(case).model_dump_json(), True


def _run_batch(path: str, jobs: int) -> int:
    from backstride.engine.assess import default_engine

    lines = enumerate(read_text(path).splitlines(), start=1)
    items = [(number, line) for number, line in lines if line.strip()]
    default_engine()  # loaded once here; forked workers inherit it
    status = 0
    with _answers(items, jobs) as answers:
        for text, valid in answers:
            sys.stdout.write(text + "\n")
            if not valid:
                status = 2
    return status


@contextmanager
def _answers(items: list[tuple[int, str]], jobs: int) -> Iterator[Iterator[tuple[str, bool]]]:
    """The batch's answers in input order: from `jobs` worker processes for a large batch
    (assessing is CPU-bound, so one process per core), else in this process."""
    if jobs <= 1 or len(items) < PARALLEL_FROM:
        yield map(_assess_line, items)
        return
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with context.Pool(jobs) as pool:
        yield pool.imap(_assess_line, items, chunksize=_CHUNK)


def _assess_one(
    data: dict[str, object],
    history: bool,
    save: bool,
    database: str | None,
    athlete: str,
    as_of: str | None,
) -> object:
    """Assess a decoded case: plain, or with running fields from the stored history (and
    saved), which needs the storage layer and so is imported only then."""
    from backstride.contract.validate import parse_case
    from backstride.engine.assess import assess as run

    case = parse_case(data)  # report input problems before touching the database
    if not history and not save:
        return run(case)
    from datetime import date

    from backstride.engine.history import assess_with_history
    from backstride.storage.activities import load_activities
    from backstride.storage.assessments import save_assessment
    from backstride.storage.athletes import default_athlete
    from backstride.storage.db import open_database
    from backstride.storage.shoes import shoe_mileage

    try:
        day = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError:
        raise CaseInputError(f"--as-of: {as_of!r} is not a date; expected YYYY-MM-DD") from None
    db = open_database(database)
    try:
        with db.transaction() as session:
            person = default_athlete(session, athlete)
            if history:
                shoes = {m.shoe.name: m.km for m in shoe_mileage(session, person)}
                result = assess_with_history(data, load_activities(session, person), day, shoes)
            else:
                result = run(case)
            if save:
                saved = save_assessment(
                    session, person, data, result.model_dump(mode="json"), result.kb_version
                )
                print(f"Saved as assessment {saved.id}.", file=sys.stderr)
    finally:
        db.close()
    return result


@app.command()
def assess(
    case: str = typer.Option(
        None, "--case", help="A case as JSON (a file, or - for standard input)."
    ),
    batch: str = typer.Option(
        None, "--batch", help="JSON Lines: one case per line; one result per line on stdout."
    ),
    jobs: int = typer.Option(
        os.cpu_count() or 1,
        "--jobs",
        "-j",
        min=1,
        help="With --batch: worker processes (default: one per core).",
    ),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="How to print the result."),
    history: bool = typer.Option(
        False,
        "--history",
        help="Fill the running fields you did not give from your imported runs.",
    ),
    save: bool = typer.Option(False, "--save", help="Keep the case and result in your history."),
    as_of: str = typer.Option(
        None, "--as-of", help="With --history: the day to assess as of (default today)."
    ),
    database: str = typer.Option(
        None, "--database", help="SQLAlchemy URL (default: your local SQLite database)."
    ),
    athlete: str = typer.Option("me", "--athlete", help="Whose history (local mode: 'me')."),
) -> None:
    """Assess back pain: a guided interview, or a JSON case with --case or --batch.

    Exit status: 0 when a result was produced (whatever the triage level); 2 when the input
    is invalid, with one line per problem on stderr.
    """
    if case is not None and batch is not None:
        raise CaseInputError("--case and --batch: give one or the other, not both")
    if batch is not None:
        raise typer.Exit(_run_batch(batch, jobs))
    if case is not None:
        source = "standard input" if case == "-" else case
        data = _decode(read_text(case), source)
        _print_result(_assess_one(data, history, save, database, athlete, as_of), fmt)
        return
    from backstride.cli.interview import run_interview

    answers = run_interview()
    if answers is None:
        raise typer.Exit(130)
    data = answers.model_dump(mode="json", exclude_none=True)
    _print_result(_assess_one(data, history, save, database, athlete, as_of), fmt)


def _decode(text: str, source: str) -> dict[str, object]:
    from backstride.contract.validate import decode_json

    data = decode_json(text, source)
    if not isinstance(data, dict):
        kind = type(data).__name__ if data is not None else "null"
        raise CaseInputError(f"case: expected a JSON object, got {kind}")
    return data
