"""A plain-Python reference for the load metrics: slow, direct, written from the definitions.

The tests compare `backstride.training.metrics.load_report` with `reference_report` on generated
histories; `bench/load.py` times it as the naive baseline. Nothing here is shared with the
implementation except the activity model and the definitions' constants, restated below.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from backstride.training.activity import Activity, Sport

SPIKE = 1.10
PROGRESSION = 0.30
AEROBIC = {Sport.running, Sport.walking, Sport.hiking, Sport.cycling, Sport.swimming}
LAMBDA_ACUTE = 2 / 8
LAMBDA_CHRONIC = 2 / 29


def minutes(a: Activity) -> float:
    return (a.moving_s if a.moving_s is not None else a.duration_s) / 60.0


def cadence(a: Activity) -> float | None:
    if a.sport is not Sport.running:
        return None
    c = a.median_cadence_spm if a.median_cadence_spm is not None else a.avg_cadence_spm
    return c if c is not None and 0 < c < 1000 else None


def change(now: float, before: float) -> float | None:
    return now / before - 1.0 if before > 0 else None


@dataclass
class RefRun:
    activity: Activity
    km: float
    longest_prev_km: float | None
    ratio: float | None
    spike: bool


@dataclass
class RefWeek:
    week_start: date
    days: int
    run_km: float = 0.0
    runs: int = 0
    run_minutes: float = 0.0
    cross_minutes: float = 0.0
    aerobic_minutes: float = 0.0
    change_wow: float | None = None
    change_2wk: float | None = None
    spikes: int = 0
    acwr_rolling: float | None = None
    acwr_ewma: float | None = None
    monotony: float | None = None
    strain: float | None = None
    median_cadence_spm: float | None = None


@dataclass
class RefReport:
    weeks: list[RefWeek] = field(default_factory=list)
    runs: list[RefRun] = field(default_factory=list)
    km_7d: float | None = None
    km_prev_7d: float | None = None
    km_prev2_7d: float | None = None
    change_wow: float | None = None
    change_2wk: float | None = None
    acwr_rolling: float | None = None
    acwr_ewma: float | None = None
    monotony: float | None = None
    strain: float | None = None
    aerobic_minutes_7d: float | None = None
    cadence_recent: float | None = None
    cadence_previous: float | None = None
    shoes: dict[str, float] = field(default_factory=dict)
    surfaces: dict[str, float] = field(default_factory=dict)
    cross: dict[Sport, float] = field(default_factory=dict)


def foster(loads: list[float]) -> tuple[float | None, float | None]:
    mean = statistics.fmean(loads)
    sd = statistics.pstdev(loads)
    if sd <= 1e-9 * max(mean, 1.0):
        return None, None
    return mean / sd, sum(loads) * (mean / sd)


def reference_report(activities: Sequence[Activity], as_of: date) -> RefReport:
    acts = sorted((a for a in activities if a.start.date() <= as_of), key=lambda a: a.start)
    out = RefReport()
    if not acts:
        return out
    start = min(a.start.date() for a in acts)
    first = start - timedelta(days=start.weekday())

    run_km: dict[date, float] = defaultdict(float)
    training: dict[date, float] = defaultdict(float)
    aerobic: dict[date, float] = defaultdict(float)
    for a in acts:
        d = a.start.date()
        training[d] += minutes(a)
        if a.sport is Sport.running:
            run_km[d] += a.distance_km
        if a.sport in AEROBIC and minutes(a) >= 10.0:
            aerobic[d] += minutes(a)

    def total(series: dict[date, float], last: date, days: int) -> float | None:
        if last - timedelta(days=days - 1) < start:
            return None
        return sum(series[last - timedelta(days=k)] for k in range(days))

    # Single-run spikes.
    with_distance = [a for a in acts if a.sport is Sport.running and (a.distance_m or 0) > 0]
    for a in with_distance:
        d = a.start.date()
        prev = [
            b.distance_km for b in with_distance if d - timedelta(days=30) <= b.start.date() < d
        ]
        longest = max(prev) if prev else None
        ratio = a.distance_km / longest if longest else None
        out.runs.append(
            RefRun(a, a.distance_km, longest, ratio, ratio is not None and ratio > SPIKE)
        )

    # The acute:chronic ratio on every day from the grid's first day.
    rolling: dict[date, float | None] = {}
    ewma: dict[date, float | None] = {}
    ea = ec = 0.0
    day = first
    while day <= as_of:
        x = run_km[day]
        ea = LAMBDA_ACUTE * x + (1 - LAMBDA_ACUTE) * ea
        ec = LAMBDA_CHRONIC * x + (1 - LAMBDA_CHRONIC) * ec
        defined = day - timedelta(days=27) >= start
        acute = sum(run_km[day - timedelta(days=k)] for k in range(7))
        chronic = sum(run_km[day - timedelta(days=k)] for k in range(28)) / 4
        rolling[day] = acute / chronic if defined and chronic > 0 else None
        ewma[day] = ea / ec if defined and ec > 1e-12 else None
        day += timedelta(days=1)

    # Calendar weeks.
    monday = first
    while monday <= as_of:
        sunday = monday + timedelta(days=6)
        days = min(7, (as_of - monday).days + 1)
        week = RefWeek(monday, days)
        in_week = [a for a in acts if monday <= a.start.date() <= sunday]
        cadences = []
        for a in in_week:
            if a.sport is Sport.running:
                week.runs += 1
                week.run_km += a.distance_km
                week.run_minutes += minutes(a)
                if (c := cadence(a)) is not None:
                    cadences.append(c)
            else:
                week.cross_minutes += minutes(a)
            if a.sport in AEROBIC and minutes(a) >= 10.0:
                week.aerobic_minutes += minutes(a)
        week.spikes = sum(
            1 for r in out.runs if r.spike and monday <= r.activity.start.date() <= sunday
        )
        week.median_cadence_spm = statistics.median(cadences) if cadences else None
        if days == 7 and monday >= start:
            week.monotony, week.strain = foster(
                [training[monday + timedelta(days=k)] for k in range(7)]
            )
        last = min(sunday, as_of)
        week.acwr_rolling, week.acwr_ewma = rolling[last], ewma[last]
        out.weeks.append(week)
        monday += timedelta(days=7)
    for i, week in enumerate(out.weeks):
        if i >= 1:
            week.change_wow = change(week.run_km, out.weeks[i - 1].run_km)
        if i >= 2:
            week.change_2wk = change(week.run_km, out.weeks[i - 2].run_km)

    # Rolling 7-day windows ending at as_of.
    out.km_7d = total(run_km, as_of, 7)
    out.km_prev_7d = total(run_km, as_of - timedelta(days=7), 7)
    out.km_prev2_7d = total(run_km, as_of - timedelta(days=14), 7)
    if out.km_7d is not None and out.km_prev_7d is not None:
        out.change_wow = change(out.km_7d, out.km_prev_7d)
    if out.km_7d is not None and out.km_prev2_7d is not None:
        out.change_2wk = change(out.km_7d, out.km_prev2_7d)
    out.acwr_rolling, out.acwr_ewma = rolling[as_of], ewma[as_of]
    if as_of - timedelta(days=6) >= start:
        out.monotony, out.strain = foster([training[as_of - timedelta(days=k)] for k in range(7)])
    out.aerobic_minutes_7d = total(aerobic, as_of, 7)

    def cadence_between(newest: int, oldest: int) -> float | None:
        values = [
            c
            for a in acts
            if (c := cadence(a)) is not None
            and as_of - timedelta(days=oldest) <= a.start.date() <= as_of - timedelta(days=newest)
        ]
        return statistics.median(values) if values else None

    out.cadence_recent = cadence_between(0, 27)
    out.cadence_previous = cadence_between(28, 55)

    for a in acts:
        if a.sport is Sport.running:
            if a.shoe is not None:
                out.shoes[a.shoe] = out.shoes.get(a.shoe, 0.0) + a.distance_km
            surface = a.surface or ("treadmill" if a.indoor else None)
            if surface is not None:
                out.surfaces[surface] = out.surfaces.get(surface, 0.0) + a.distance_km
        else:
            out.cross[a.sport] = out.cross.get(a.sport, 0.0) + minutes(a)
    return out
