"""`backstride kb`, `backstride technique` and `backstride schema`: read the knowledge base and
the contract from the terminal."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from backstride.cli import app
from backstride.errors import UserError

kb_app = typer.Typer(help="Browse and check the knowledge base.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")


class Section(StrEnum):
    conditions = "conditions"
    red_flags = "red_flags"
    treatments = "treatments"
    exercises = "exercises"
    technique = "technique"
    sources = "sources"
    factors = "factors"
    topics = "topics"
    advice = "advice"
    course_rules = "course_rules"


class SchemaName(StrEnum):
    case = "case"
    result = "result"


def _summary(entry: Any) -> str:
    for attr in ("summary", "label", "rule", "text", "title", "target", "reason"):
        value = getattr(entry, attr, None)
        if isinstance(value, str):
            return value
    return ""


def _title(entry: Any) -> str:
    for attr in ("name", "label", "title", "short"):
        value = getattr(entry, attr, None)
        if isinstance(value, str):
            return value
    return str(getattr(entry, "id", ""))


@kb_app.command("list")
def kb_list(
    section: Section = typer.Argument(..., help="Which part of the knowledge base."),
) -> None:
    """List the entries of one section."""
    from backstride.kb.loader import load_kb

    entries = load_kb().entries()[section.value]
    console = Console()
    wide = console.width >= 110  # the summary column only fits a wide terminal
    table = Table(title=f"{section.value} ({len(entries)})", show_lines=False)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("name", min_width=24)
    if wide:
        table.add_column("summary", no_wrap=True, overflow="ellipsis", max_width=70)
    for eid, entry in entries.items():
        title, summary = _title(entry), _summary(entry)
        short = "" if summary == title else summary.split(". ")[0]
        table.add_row(eid, title, *([short] if wide else []))
    console.print(table)


@kb_app.command("show")
def kb_show(
    entry_id: str = typer.Argument(..., help="An entry id, e.g. spondylolysis or nice_ng59."),
) -> None:
    """Show one entry in full, whatever its section, as YAML-like text."""
    import yaml

    from backstride.kb.loader import load_kb

    kb = load_kb()
    for section, entries in kb.entries().items():
        if entry_id in entries:
            data = entries[entry_id].model_dump(mode="json", by_alias=True, exclude_defaults=True)
            sys.stdout.write(f"# {section}\n")
            sys.stdout.write(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=96))
            sources = data.get("sources") or []
            if sources:
                sys.stdout.write("# cited: " + "; ".join(kb.cite(sources)) + "\n")
            return
    known = sorted(k for e in kb.entries().values() for k in e)
    close = [k for k in known if entry_id.lower() in k][:8]
    hint = f"; did you mean {', '.join(close)}?" if close else "; see `backstride kb list SECTION`"
    raise UserError(f"kb show: no entry {entry_id!r}{hint}")


@kb_app.command("check")
def kb_check() -> None:
    """Validate the knowledge base and print every problem (exit 3 if there are any)."""
    from backstride.kb.loader import load_kb

    kb = load_kb()  # raises KnowledgeBaseError listing every problem
    counts = ", ".join(f"{len(v)} {k}" for k, v in kb.entries().items())
    typer.echo(f"knowledge base {kb.version}: ok ({counts})")


@app.command()
def technique() -> None:
    """The twelve rules of running technique, each with the reason behind it."""
    from backstride.kb.loader import load_kb

    kb = load_kb()
    console = Console()
    for rule in sorted(kb.technique.values(), key=lambda r: r.number):
        console.print(f"[bold]{rule.number}. {rule.rule}[/bold]")
        console.print(f"   Why: {rule.reason}")
        for dispute in rule.disputed:
            console.print(f"   [yellow]Disputed:[/yellow] {dispute.claim} — {dispute.reason}")
        console.print(f"   [dim]Sources: {'; '.join(kb.cite(rule.sources))}[/dim]")


@app.command()
def schema(name: SchemaName = typer.Argument(..., help="case or result")) -> None:
    """Print the JSON Schema of the case or the result."""
    from backstride.contract.case import Case
    from backstride.contract.result import Result

    model = Case if name is SchemaName.case else Result
    sys.stdout.write(json.dumps(model.model_json_schema(), indent=2) + "\n")
