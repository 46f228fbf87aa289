"""The terminal report: triage banner and action first, then why, causes, factors, what to do
and avoid, running advice, when to reassess, and the disclaimer."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from backstride.contract.result import Result
from backstride.reports.markdown import LEVEL_TITLES, could_mean

LEVEL_STYLES = {
    "self_care": "bold white on green",
    "consultation": "bold black on yellow",
    "consultation_24": "bold black on dark_orange",
    "emergency": "bold white on red",
    "emergency_ambulance": "bold white on dark_red",
}


def _bullets(items: list[str], style: str = "") -> Text:
    text = Text()
    for i, item in enumerate(items):
        text.append(("\n" if i else "") + "• ", style="dim")
        text.append(item, style=style)
    return text


def _banner(result: Result) -> Panel:
    level = result.triage.level.value
    title = Text(f" {LEVEL_TITLES[level].upper()} ", style=LEVEL_STYLES[level])
    body = Group(
        title,
        Text(result.triage.action, style="bold"),
        Text(f"Risk tier: {result.triage.risk.replace('_', '-')}", style="dim"),
    )
    return Panel(body, border_style=LEVEL_STYLES[level].split()[-1], title="backstride")


def _conditions(result: Result) -> Table:
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=True)
    table.add_column("Likely cause", ratio=3)
    table.add_column("Score", justify="right", ratio=1)
    table.add_column("For", ratio=4)
    table.add_column("Against", ratio=3)
    for c in result.conditions[:5]:
        table.add_row(
            Text(c.name, style="bold") + Text("\n" + "; ".join(c.sources), style="dim"),
            f"{round(c.score * 100)}%",
            "\n".join(c.supporting) or "—",
            "\n".join(c.against) or "—",
        )
    return table


def print_report(result: Result, console: Console | None = None) -> None:
    console = console or Console()
    console.print(_banner(result))
    console.print(Panel(_bullets(result.triage.reasons), title="Why", title_align="left"))
    if result.red_flags:
        flags = [f"{f.label} ({', '.join(f.findings)})" for f in result.red_flags]
        console.print(Panel(_bullets(flags, "red"), title="Red flags found", title_align="left"))
    console.print(_conditions(result))
    if result.factors:
        factors = [f"{f.label}: {f.advice}" for f in result.factors]
        console.print(Panel(_bullets(factors), title="Contributing factors", title_align="left"))
    if result.training_history and result.training_history.fields:
        lines = [
            f"{name.split('.', 1)[1]} = {_value(entry.value)} ({entry.source}): {entry.how}"
            for name, entry in result.training_history.fields.items()
        ]
        console.print(
            Panel(
                _bullets(lines),
                title=f"From your training history (as of {result.training_history.as_of})",
                title_align="left",
            )
        )
    todo = [f"{r.text}  [{'; '.join(r.sources)}]" for r in result.recommendations]
    console.print(Panel(_bullets(todo), title="What to do", title_align="left"))
    avoid = [f"{a.text} {a.why}" for a in result.avoid]
    console.print(Panel(_bullets(avoid), title="What to avoid", title_align="left"))
    run = result.running
    running = Text(f"{run.advice.upper()}: ", style="bold") + Text(run.text)
    if run.alternatives:
        running.append(f"\nAlternatives: {', '.join(run.alternatives)}", style="dim")
    console.print(Panel(running, title="Running", title_align="left"))
    follow = Text(f"Reassess in {result.follow_up.reassess_in_days} day(s). Sooner if:\n")
    follow.append_text(_bullets(result.follow_up.escalate_if))
    console.print(Panel(follow, title="When to reassess", title_align="left"))
    if result.missing_questions:
        questions = [
            f"{q.field}: {q.why} {could_mean(q)}".rstrip() for q in result.missing_questions[:5]
        ]
        console.print(
            Panel(
                _bullets(questions, "cyan"),
                title="Unanswered questions that matter",
                title_align="left",
            )
        )
    console.print(Text(result.disclaimer, style="italic dim"))


def _value(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "none"
    return str(value)
