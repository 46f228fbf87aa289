"""Training-load and pain-diary commands: `load`, `diary add` and `diary list`.

Thin: each command reads what it needs from storage in one transaction, hands domain objects to
`backstride.training` (metrics, diary) and `backstride.reports.chart`, and prints. Today's date
is read here, at the edge, and passed on as `as_of`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from backstride.cli import app
from backstride.cli.options import ATHLETE_OPTION, DATABASE_OPTION, parse_day
from backstride.errors import UserError
from backstride.reports.chart import chart_format, sparkline, terminal_chart, write_pain_load_chart
from backstride.storage.activities import load_activities
from backstride.storage.athletes import default_athlete
from backstride.storage.db import open_database
from backstride.storage.diary import list_diary_entries, load_diary, runs_on_day, save_domain_entry
from backstride.storage.shoes import shoe_mileage
from backstride.training.diary import REGIONS, DiaryEntry, weekly_pain
from backstride.training.metrics import LoadReport, load_report
from backstride.training.sources import AEROBIC_TARGET_MIN, PROGRESSION_LIMIT

diary_app = typer.Typer(help="Keep a pain diary linked to the day's runs.", no_args_is_help=True)
app.add_typer(diary_app, name="diary")


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:+.0%}"


def _num(value: float | None, fmt: str = ".1f") -> str:
    return "–" if value is None else format(value, fmt)


# --- load ------------------------------------------------------------------------------------


@app.command("load")
def load_command(
    as_of: str | None = typer.Option(None, "--as-of", help="Report as of this day (YYYY-MM-DD)."),
    weeks: int = typer.Option(12, min=1, help="How many recent weeks to show."),
    chart: Path | None = typer.Option(
        None, "--chart", help="Also draw pain against load into this .png or .svg file."
    ),
    output_format: str = typer.Option("text", "--format", help="text or json."),
    database: str | None = DATABASE_OPTION,
    athlete: str = ATHLETE_OPTION,
) -> None:
    """Training load from your runs: weekly km, spikes, progression, ACWR trend, cadence, shoes."""
    day = parse_day("--as-of", as_of)
    if output_format not in ("text", "json"):
        raise UserError(f"--format: {output_format!r} is not allowed; give text or json")
    if chart is not None:
        chart_format(chart)  # refuse a bad suffix before any work
    db = open_database(database)
    try:
        with db.transaction() as session:
            person = default_athlete(session, athlete)
            activities = load_activities(session, person)
            entries = load_diary(session, person, until=day)
            shoes = {m.shoe.name: (m.km, m.shoe.retired) for m in shoe_mileage(session, person)}
    finally:
        db.close()
    report = load_report(activities, day)
    pain = weekly_pain(entries, as_of=day)
    shown = list(report.weeks)[-weeks:]
    if chart is not None:
        write_pain_load_chart(
            chart, shown, [p for p in pain if shown and p.week_start >= shown[0].week_start]
        )
    if output_format == "json":
        typer.echo(json.dumps(_as_json(report, shown, shoes), indent=2, ensure_ascii=False))
    else:
        _print_report(Console(), report, shown, pain, shoes)
    if chart is not None:
        typer.echo(f"Chart written to {chart}.", err=output_format == "json")


def _print_report(
    out: Console,
    report: LoadReport,
    shown: list[Any],
    pain: list[Any],
    shoes: dict[str, tuple[float, bool]],
) -> None:
    if not report.runs and not report.cross_training:
        out.print("No activities yet: try `backstride import PATH`.")
        return
    out.print(f"[bold]Training load as of {report.as_of.isoformat()}[/bold]")
    flag = " [bold red]> 30%[/bold red]" if report.flag_2wk else ""
    out.print(
        f"Last 7 days: {_num(report.km_7d)} km (week before {_num(report.km_prev_7d)} km, "
        f"{_pct(report.change_wow)}; two weeks before {_num(report.km_prev2_7d)} km, "
        f"{_pct(report.change_2wk)}{flag})"
    )
    aerobic = report.aerobic_minutes_7d
    out.print(
        f"Aerobic minutes, last 7 days: {_num(aerobic, '.0f')} of {AEROBIC_TARGET_MIN:.0f}"
        + (" (met)" if aerobic is not None and aerobic >= AEROBIC_TARGET_MIN else "")
    )
    out.print(
        f"Monotony {_num(report.monotony, '.2f')}, strain {_num(report.strain, '.0f')} "
        "(last 7 days, minutes of training)"
    )
    out.print(
        f"Acute:chronic ratio {_num(report.acwr_rolling, '.2f')} (rolling), "
        f"{_num(report.acwr_ewma, '.2f')} (EWMA); trend "
        + sparkline([w.acwr_rolling or 0.0 for w in shown])
    )
    c = report.cadence
    if c.recent_median_spm is not None:
        out.print(
            f"Cadence: {c.recent_median_spm:.0f} steps/min over {len(c.recent_runs)} runs "
            f"(28 days before: {_num(c.previous_median_spm, '.0f')}); +5-10% would be "
            f"{c.target_low_spm:.0f}-{c.target_high_spm:.0f}"
        )

    table = Table(
        "week",
        "km",
        "runs",
        "min",
        "cross min",
        "aerobic",
        "vs 1 wk",
        "vs 2 wk",
        "spikes",
        "ACWR",
        "monotony",
        title="Recent weeks",
    )
    for w in shown:
        table.add_row(
            w.week_start.isoformat() + ("" if w.days == 7 else f" ({w.days} d)"),
            f"{w.run_km:.1f}",
            str(w.runs),
            f"{w.run_minutes:.0f}",
            f"{w.cross_minutes:.0f}",
            f"{w.aerobic_minutes:.0f}" + (" ✓" if w.meets_aerobic_target else ""),
            _pct(w.change_wow),
            ("[bold red]" if w.flag_2wk else "") + _pct(w.change_2wk),
            str(w.spikes or ""),
            _num(w.acwr_rolling, ".2f"),
            _num(w.monotony, ".2f"),
        )
    out.print(table)
    out.print("\n".join(terminal_chart(shown, pain, width=len(shown))), highlight=False)

    first = shown[0].week_start if shown else report.as_of
    spikes = [r for r in report.spikes if r.activity.start.date() >= first]
    if spikes:
        st = Table(
            "date", "km", "longest of 30 days before", "ratio", "band", title="Single-run spikes"
        )
        for r in spikes:
            prev = r.longest_prev_run
            st.add_row(
                r.activity.start.date().isoformat(),
                f"{r.km:.1f}",
                f"{r.longest_prev_km:.1f} km on {prev.start.date().isoformat()}" if prev else "–",
                _num(r.ratio, ".2f"),
                r.band,
            )
        out.print(st)
    if shoes or report.shoes:
        sh = Table("shoe", "km", "runs", "last used", title="Shoes")
        counted = {s.shoe: s for s in report.shoes}
        for name in sorted(set(shoes) | set(counted)):
            km = shoes[name][0] if name in shoes else counted[name].km
            row = counted.get(name)
            sh.add_row(
                name + (" (retired)" if shoes.get(name, (0, False))[1] else ""),
                f"{km:.0f}",
                str(row.runs) if row else "0",
                row.last_used.isoformat() if row else "–",
            )
        out.print(sh)
    if report.surfaces:
        out.print("Surfaces: " + ", ".join(f"{s.surface} {s.km:.0f} km" for s in report.surfaces))
    if report.cross_training:
        out.print(
            "Cross-training: "
            + ", ".join(
                f"{c.sport.value} {c.sessions}x {c.minutes:.0f} min" for c in report.cross_training
            )
        )
    out.print("")
    for note in report.notes:
        out.print(f"[dim]• {note}[/dim]", highlight=False)


def _as_json(
    report: LoadReport, shown: list[Any], shoes: dict[str, tuple[float, bool]]
) -> dict[str, Any]:
    first = shown[0].week_start if shown else report.as_of
    return {
        "as_of": report.as_of.isoformat(),
        "km_7d": report.km_7d,
        "km_prev_7d": report.km_prev_7d,
        "km_prev2_7d": report.km_prev2_7d,
        "change_wow": report.change_wow,
        "change_2wk": report.change_2wk,
        "flag_2wk": report.flag_2wk,
        "progression_limit": PROGRESSION_LIMIT,
        "acwr_rolling": report.acwr_rolling,
        "acwr_ewma": report.acwr_ewma,
        "monotony": report.monotony,
        "strain": report.strain,
        "aerobic_minutes_7d": report.aerobic_minutes_7d,
        "aerobic_target_minutes": AEROBIC_TARGET_MIN,
        "cadence_spm": report.cadence.recent_median_spm,
        "weeks": [{**w._asdict(), "week_start": w.week_start.isoformat()} for w in shown],
        "spikes": [
            {
                "date": r.activity.start.date().isoformat(),
                "km": r.km,
                "longest_prev_km": r.longest_prev_km,
                "longest_prev_date": (
                    r.longest_prev_run.start.date().isoformat() if r.longest_prev_run else None
                ),
                "ratio": r.ratio,
                "band": r.band,
            }
            for r in report.spikes
            if r.activity.start.date() >= first
        ],
        "shoes": {name: km for name, (km, _) in shoes.items()}
        or {s.shoe: s.km for s in report.shoes},
        "notes": list(report.notes),
    }


# --- diary -----------------------------------------------------------------------------------


@diary_app.command("add")
def diary_add(
    day: str | None = typer.Option(None, "--date", help="The day (YYYY-MM-DD, default today)."),
    morning: int | None = typer.Option(None, "--morning", help="Pain on waking, 0-10."),
    during: int | None = typer.Option(None, "--during", help="Pain during the run, 0-10."),
    after: int | None = typer.Option(None, "--after", help="Pain after the run, 0-10."),
    region: list[str] = typer.Option(
        [], "--region", help="Where it hurts (repeat): " + ", ".join(REGIONS) + "."
    ),
    stiffness: int | None = typer.Option(None, "--stiffness", help="Minutes of morning stiffness."),
    notes: str | None = typer.Option(None, "--notes", help="Anything else worth noting."),
    database: str | None = DATABASE_OPTION,
    athlete: str = ATHLETE_OPTION,
) -> None:
    """Write the diary entry for a day (replacing that day's earlier entry)."""
    entry = DiaryEntry(
        day=parse_day("--date", day),
        pain_morning=morning,
        pain_during=during,
        pain_after=after,
        regions=tuple(region),
        morning_stiffness_minutes=stiffness,
        notes=notes,
    )
    db = open_database(database)
    try:
        with db.transaction() as session:
            person = default_athlete(session, athlete)
            save_domain_entry(session, person, entry)
            runs = [
                (r.distance_m or 0.0) / 1000
                for r in runs_on_day(session, person, entry.day)
                if r.sport == "running"
            ]
    finally:
        db.close()
    linked = f"; linked to {len(runs)} run(s), {sum(runs):.1f} km" if runs else "; no run that day"
    typer.echo(f"Saved the diary entry for {entry.day.isoformat()}{linked}.")


@diary_app.command("list")
def diary_list(
    since: str | None = typer.Option(None, "--since", help="From this day (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Up to this day (YYYY-MM-DD)."),
    database: str | None = DATABASE_OPTION,
    athlete: str = ATHLETE_OPTION,
) -> None:
    """List diary entries, oldest first, with the runs of each day."""
    first = parse_day("--since", since) if since else None
    last = parse_day("--until", until) if until else None
    db = open_database(database)
    try:
        with db.transaction() as session:
            person = default_athlete(session, athlete)
            table = Table(
                "date", "morning", "during", "after", "stiffness", "regions", "runs", "notes"
            )
            rows = list_diary_entries(session, person, since=first, until=last)
            for row in rows:
                runs = [
                    (r.distance_m or 0.0) / 1000
                    for r in runs_on_day(session, person, row.day)
                    if r.sport == "running"
                ]
                table.add_row(
                    row.day.isoformat(),
                    *(
                        "–" if v is None else str(v)
                        for v in (row.pain_morning, row.pain_during, row.pain_after)
                    ),
                    "–"
                    if row.morning_stiffness_minutes is None
                    else f"{row.morning_stiffness_minutes} min",
                    ", ".join(row.regions or ()),
                    " + ".join(f"{km:.1f} km" for km in runs),
                    row.notes or "",
                )
    finally:
        db.close()
    Console().print(table if rows else "No diary entries yet: try `backstride diary add`.")
