"""`backstride vignettes`: score the engine on files of clinical vignettes (JSON or YAML) and
print the safety figures: triage accepted, under- and over-triage, emergencies caught."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from backstride.cli import app
from backstride.cli.files import read_text
from backstride.engine.evaluation import Scorecard, VignetteError


class ReportFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


def _decode(path: Path) -> Any:
    import yaml

    text = read_text(path, VignetteError)
    try:
        return json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise VignetteError(f"{path}: not valid JSON at line {exc.lineno}: {exc.msg}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise VignetteError(f"{path}: not valid YAML{where}") from None


def score_files(paths: list[Path]) -> list[Scorecard]:
    from backstride.engine.assess import assess
    from backstride.engine.evaluation import Known, parse_vignettes, score
    from backstride.kb.loader import load_kb

    kb = load_kb()
    known = Known(frozenset(kb.conditions), frozenset(kb.factors))
    cards = []
    for path in paths:
        if path.suffix not in (".json", ".yaml", ".yml"):
            raise VignetteError(f"{path}: expected a .json, .yaml or .yml file of vignettes")
        cards.append(score(path.stem, parse_vignettes(_decode(path), path.name, known), assess))
    return cards


def _print_text(cards: list[Scorecard]) -> None:
    from rich.console import Console
    from rich.table import Table

    from backstride.engine.evaluation import combined
    from backstride.reports.safety import SHORT_COLUMNS, failures, row

    table = Table(*SHORT_COLUMNS, title="Vignettes")
    for card in cards:
        table.add_row(*row(card, with_percent=False))
    if len(cards) > 1:
        table.add_row(*row(combined(cards, "all"), with_percent=False), style="bold")
    console = Console()
    console.print(table)
    for line in failures(cards):
        console.print(line, markup=False, highlight=False)


@app.command()
def vignettes(
    files: Annotated[
        list[Path],
        typer.Argument(help="Vignette files (JSON or YAML lists), as in tests/vignettes."),
    ],
    format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="text, markdown or json.")
    ] = ReportFormat.text,
    note: Annotated[
        list[str] | None,
        typer.Option("--note", help="A paragraph to add to the markdown report (repeatable)."),
    ] = None,
) -> None:
    """Score the engine on clinical vignettes: triage accepted, under- and over-triage,
    emergencies caught, self-care kept, expected condition in the first three. Exits 1 when
    any vignette is not passed."""
    cards = score_files(files)
    if format is ReportFormat.text:
        _print_text(cards)
    else:
        from backstride.kb.loader import load_kb
        from backstride.reports.safety import figures, render_safety_report

        version, notes = load_kb().version, note or ()
        if format is ReportFormat.json:
            sys.stdout.write(json.dumps(figures(cards, version, notes), indent=2) + "\n")
        else:
            sys.stdout.write(render_safety_report(cards, version, notes))
    if not all(card.passed for card in cards):
        raise typer.Exit(1)
