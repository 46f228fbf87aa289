"""Change over time, judged against each instrument's minimal important change (MIC).

Ostelo et al. 2008 (Spine 33:90-94) recommend, for low back pain: NPRS 2 points, RMDQ 5 points,
ODI 10 points, or an improvement of 30% from baseline for any of them. A change is called
meaningful when it reaches either threshold. Ostelo's 30% is a threshold for improvement, so a
worsening is judged on the absolute MIC only.

STarT Back is a prognostic screen, not an outcome measure, and has no MIC: its trend reports
how the risk group moved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from backstride.instruments.common import NPRS, OSWESTRY, RMDQ, STARTBACK

MIC_ABSOLUTE: Final[dict[str, float]] = {NPRS: 2, RMDQ: 5, OSWESTRY: 10}
MIC_RELATIVE: Final = 0.30
MIC_SOURCE: Final = "Ostelo et al. 2008, Spine 33(1):90-94"
_RISK_ORDER: Final = {"low": 0, "medium": 1, "high": 2}

Verdict = Literal[
    "meaningful_improvement",
    "meaningful_worsening",
    "no_meaningful_change",
    "risk_lower",
    "risk_higher",
    "risk_same",
    "single_score",
]


@dataclass(frozen=True)
class Point:
    """One dated score of one instrument."""

    taken_on: date
    total: float
    band: str | None = None


@dataclass(frozen=True)
class Trend:
    instrument: str
    baseline: Point
    latest: Point
    change: float  # latest - baseline; lower is better for every scored instrument here
    relative_change: float | None  # change / baseline, None when the baseline is 0
    verdict: Verdict
    explanation: str
    points: tuple[Point, ...]


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def judge_change(instrument: str, baseline: float, latest: float) -> tuple[Verdict, str]:
    """Judge one change for NPRS, RMDQ or ODI against Ostelo's MIC."""
    mic = MIC_ABSOLUTE[instrument]
    change = latest - baseline
    relative = -change / baseline if baseline > 0 else None
    threshold = f"MIC {_num(mic)} points or 30% improvement ({MIC_SOURCE})"
    if change < 0 and (-change >= mic or (relative is not None and relative >= MIC_RELATIVE)):
        pct = f", {relative:.0%}" if relative is not None else ""
        why = f"improved by {_num(-change)} points{pct}: reaches the {threshold}"
        return "meaningful_improvement", why
    if change >= mic:
        return (
            "meaningful_worsening",
            f"worse by {_num(change)} points: reaches the MIC of {_num(mic)}",
        )
    direction = "better" if change < 0 else ("worse" if change > 0 else "unchanged")
    amount = f"{_num(abs(change))} points {direction}" if change else "unchanged"
    return "no_meaningful_change", f"{amount}: below the {threshold}"


def judge_risk(baseline: str | None, latest: str | None) -> tuple[Verdict, str]:
    """STarT Back: how the risk group moved (the tool has no MIC)."""
    before, after = _RISK_ORDER.get(baseline or "", -1), _RISK_ORDER.get(latest or "", -1)
    if after < before:
        return (
            "risk_lower",
            f"risk group went from {baseline} to {latest} (no MIC: prognostic tool)",
        )
    if after > before:
        return (
            "risk_higher",
            f"risk group went from {baseline} to {latest} (no MIC: prognostic tool)",
        )
    return "risk_same", f"risk group stayed {latest} (no MIC: prognostic tool)"


def trend(instrument: str, points: Sequence[Point]) -> Trend | None:
    """Compare the latest score with the first (baseline); None without any score."""
    ordered = tuple(sorted(points, key=lambda p: p.taken_on))
    if not ordered:
        return None
    first, last = ordered[0], ordered[-1]
    change = last.total - first.total
    relative = change / first.total if first.total else None
    if len(ordered) == 1:
        verdict: Verdict = "single_score"
        why = "one score so far: a second one shows the change"
    elif instrument == STARTBACK:
        verdict, why = judge_risk(first.band, last.band)
    else:
        verdict, why = judge_change(instrument, first.total, last.total)
    return Trend(instrument, first, last, change, relative, verdict, why, ordered)
