"""Pain against load: weekly running km as bars, weekly diary pain as lines, flagged weeks marked.

Two outputs from the same data: `write_pain_load_chart` draws a PNG or SVG with matplotlib (Agg
canvas, imported only when a chart is drawn, no global pyplot state), and `terminal_chart`
returns a few lines of text bars for the terminal report.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Final

from backstride.errors import UserError
from backstride.training.diary import WeeklyPain
from backstride.training.load import WeekRow
from backstride.training.sources import FRANDSEN_2025, NIELSEN_2014

FORMATS: Final = {".png": "png", ".svg": "svg"}
BAR_COLOUR: Final = "#8fb8de"
SPIKE_COLOUR: Final = "#e07b39"
RAMP_EDGE: Final = "#b22222"
PAIN_COLOUR: Final = "#4b2991"


def chart_format(path: Path) -> str:
    """The image format for `path`'s suffix, or a `UserError` naming what is allowed."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UserError(
            f"--chart: {str(path)!r} has suffix {path.suffix or '(none)'!r}; "
            "give a file ending in .png or .svg"
        )
    return fmt


def write_pain_load_chart(
    path: Path,
    weeks: Sequence[WeekRow],
    pain: Sequence[WeeklyPain] = (),
    *,
    title: str = "Pain against running load",
) -> Path:
    """Draw the chart into `path` (PNG or SVG by suffix) and return the path."""
    fmt = chart_format(path)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    fig = Figure(figsize=(10, 5.2), dpi=110, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    starts = [w.week_start.toordinal() for w in weeks]
    km = [w.run_km for w in weeks]
    colours = [SPIKE_COLOUR if w.spikes else BAR_COLOUR for w in weeks]
    edges = [RAMP_EDGE if w.flag_2wk else "none" for w in weeks]
    ax.bar(starts, km, width=6, align="edge", color=colours, edgecolor=edges, linewidth=1.8)
    for w in weeks:
        if w.spikes:
            ax.annotate(
                f"{w.spikes}x",
                (w.week_start.toordinal(), w.run_km),
                xytext=(12, 3),
                textcoords="offset points",
                ha="center",
                fontsize=7,
                color=SPIKE_COLOUR,
            )
    ax.set_ylabel("Running distance per week (km)")
    ax.set_xlabel("Week starting")
    ax.set_ylim(0, max([*km, 1.0]) * 1.18)
    ax.grid(axis="y", alpha=0.3)
    if weeks:
        ticks = month_ticks(weeks[0].week_start, weeks[-1].week_start + timedelta(days=6))
        ax.set_xticks(
            [t.toordinal() for t in ticks], [month_label(t, i) for i, t in enumerate(ticks)]
        )

    handles: list[Any] = [
        Patch(color=BAR_COLOUR, label="Running km per week"),
        Patch(color=SPIKE_COLOUR, label="Week with a run >10% longer than the 30-day longest"),
        Patch(facecolor="none", edgecolor=RAMP_EDGE, label=">30% more km than two weeks before"),
    ]
    if pain:
        ax2 = ax.twinx()
        # Centre the pain points on their week's bar.
        mid = [p.week_start.toordinal() + 3 for p in pain]
        (worst,) = ax2.plot(
            mid, [p.max_pain for p in pain], color=PAIN_COLOUR, marker="o", label="Worst pain"
        )
        (mean,) = ax2.plot(
            mid,
            [p.mean_pain for p in pain],
            color=PAIN_COLOUR,
            linestyle="--",
            alpha=0.7,
            label="Mean daily worst pain",
        )
        ax2.set_ylim(0, 10.5)
        ax2.set_ylabel("Diary pain (0-10)")
        handles += [worst, mean]
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncols=3,
        fontsize=8,
        frameon=False,
    )
    ax.set_title(title)
    fig.supxlabel(
        f"Spike: {FRANDSEN_2025}. Two-week progression: {NIELSEN_2014}.",
        fontsize=7,
        color="#555555",
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    metadata = {"Date": None} if fmt == "svg" else {}
    fig.savefig(path, format=fmt, metadata=metadata)
    return path


def month_ticks(first: date, last: date, most: int = 12) -> list[date]:
    """First days of the months between `first` and `last`, thinned to at most `most`."""
    months = []
    y, m = first.year, first.month
    while date(y, m, 1) <= last:
        if date(y, m, 1) >= first:
            months.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    step = -(-len(months) // most) if months else 1
    return months[::step] or [first]


def month_label(day: date, index: int) -> str:
    return day.strftime("%b %Y") if index == 0 or day.month == 1 else day.strftime("%b")


BLOCKS: Final = " ▁▂▃▄▅▆▇█"


def terminal_chart(
    weeks: Sequence[WeekRow], pain: Sequence[WeeklyPain] = (), *, width: int = 26
) -> list[str]:
    """One line per week (the last `width` weeks): date, a bar of km, flags and diary pain."""
    shown = list(weeks)[-width:]
    if not shown:
        return ["(no weeks to show)"]
    top = max(w.run_km for w in shown) or 1.0
    pain_by_week: dict[date, WeeklyPain] = {p.week_start: p for p in pain}
    lines = []
    for w in shown:
        cells = w.run_km / top * 30
        full = int(cells)
        bar = "█" * full + (BLOCKS[int((cells - full) * 8)] if full < 30 else "")
        flags = ("S" if w.spikes else " ") + ("R" if w.flag_2wk else " ")
        p = pain_by_week.get(w.week_start)
        pain_text = f"pain {p.max_pain:>2}/10" if p else ""
        lines.append(
            f"{w.week_start.isoformat()} {w.run_km:6.1f} km {bar.rstrip():<31}{flags} {pain_text}"
        )
    lines.append("S: a run >10% longer than the 30-day longest (" + FRANDSEN_2025 + ")")
    lines.append("R: >30% more km than two weeks before (" + NIELSEN_2014 + ")")
    return lines


def sparkline(values: Sequence[float]) -> str:
    """A one-line chart of `values`, lowest to highest in eight steps."""
    if not values:
        return ""
    top = max(values) or 1.0
    return "".join(BLOCKS[1 + min(7, int(v / top * 7.999))] if v > 0 else " " for v in values)
