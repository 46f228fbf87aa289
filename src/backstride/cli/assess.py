"""`backstride assess`: the interview, a case file, or a batch of cases."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path

import typer

from backstride.cli import app
from backstride.errors import CaseInputError


class Format(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


def _read(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CaseInputError(f"{source}: no such file") from None
    except (IsADirectoryError, PermissionError, UnicodeDecodeError) as exc:
        raise CaseInputError(f"{source}: cannot be read ({exc.__class__.__name__})") from None


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


def _run_batch(path: str) -> int:
    from backstride.contract.validate import parse_case_json
    from backstride.engine.assess import assess

    text = _read(path)
    status = 0
    out = sys.stdout
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            case = parse_case_json(line, source=f"line {number}")
        except CaseInputError as exc:
            status = 2
            error = {"line": number, "message": exc.problems[0], "problems": exc.problems}
            out.write(json.dumps({"schema_version": "1", "error": error}) + "\n")
            continue
        out.write(assess(case).model_dump_json() + "\n")
    return status


@app.command()
def assess(
    case: str = typer.Option(
        None, "--case", help="A case as JSON (a file, or - for standard input)."
    ),
    batch: str = typer.Option(
        None, "--batch", help="JSON Lines: one case per line; one result per line on stdout."
    ),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="How to print the result."),
) -> None:
    """Assess back pain: a guided interview, or a JSON case with --case or --batch.

    Exit status: 0 when a result was produced (whatever the triage level); 2 when the input
    is invalid, with one line per problem on stderr.
    """
    if case is not None and batch is not None:
        raise CaseInputError("--case and --batch: give one or the other, not both")
    if batch is not None:
        raise typer.Exit(_run_batch(batch))
    if case is not None:
        from backstride.contract.validate import parse_case_json
        from backstride.engine.assess import assess as run

        parsed = parse_case_json(_read(case), source="standard input" if case == "-" else case)
        _print_result(run(parsed), fmt)
        return
    from backstride.cli.interview import run_interview
    from backstride.engine.assess import assess as run

    answers = run_interview()
    if answers is None:
        raise typer.Exit(130)
    _print_result(run(answers), fmt)
