"""Benchmark: load metrics for 1,000 athletes x 3 years of daily runs.

Generates the histories with a seeded RNG (not timed), then times `load_report` for every
athlete and, in the same run, two baselines: a trivial plain-Python loop that only sums each
athlete's weekly running km (the least work any metric needs), and the straightforward
reference implementation from the tests on a sample of athletes, scaled up.

    .venv/bin/python bench/load.py [--athletes 1000] [--years 3] [--seed 7]
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from backstride.training.activity import Activity, Sport
from backstride.training.metrics import LoadReport, load_report

AS_OF = date(2024, 12, 31)
SHOES = ("Pegasus 40", "Clifton 9", "Novablast 4", "Kinvara 14")
SURFACES = ("asphalt", "trail", "track", "grass", None)


def make_history(rng: random.Random, years: int) -> list[Activity]:
    """About one run a day for `years` years, with cross-training twice a week."""
    days = 365 * years
    start = datetime(AS_OF.year, AS_OF.month, AS_OF.day, 7, 0, tzinfo=UTC) - timedelta(days=days)
    base_km = rng.uniform(4.0, 12.0)
    cadence = rng.uniform(155.0, 180.0)
    acts: list[Activity] = []
    for d in range(days + 1):
        when = start + timedelta(days=d, minutes=rng.randrange(0, 600))
        if rng.random() < 0.9:
            km = max(1.0, rng.gauss(base_km, base_km * 0.35))
            if d % 7 == 6:
                km *= rng.uniform(1.4, 2.2)
            pace = rng.uniform(4.5, 7.0)  # min/km
            acts.append(
                Activity(
                    sport=Sport.running,
                    start=when,
                    duration_s=km * pace * 60.0 + 30.0,
                    distance_m=km * 1000.0,
                    moving_s=km * pace * 60.0,
                    median_cadence_spm=rng.gauss(cadence, 3.0),
                    surface=SURFACES[d % len(SURFACES)],
                    shoe=SHOES[(d // 120) % len(SHOES)],
                )
            )
        if rng.random() < 2 / 7:
            acts.append(
                Activity(
                    sport=Sport.cycling if rng.random() < 0.5 else Sport.strength,
                    start=when + timedelta(hours=9),
                    duration_s=rng.uniform(20.0, 90.0) * 60.0,
                    distance_m=None,
                )
            )
    return acts


def baseline_weekly_km(acts: Sequence[Activity], as_of: date) -> dict[date, float]:
    """The trivial baseline: a plain loop summing running km per ISO week."""
    weeks: dict[date, float] = defaultdict(float)
    for a in acts:
        day = a.start.date()
        if a.sport is Sport.running and day <= as_of:
            weeks[day - timedelta(days=day.weekday())] += (a.distance_m or 0.0) / 1000.0
    return weeks


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--athletes", type=int, default=1000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reference-sample", type=int, default=10)
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    rng = random.Random(args.seed)
    histories = [make_history(rng, args.years) for _ in range(args.athletes)]
    n_acts = sum(map(len, histories))
    t_gen = time.perf_counter() - t0
    print(
        f"generated {args.athletes} athletes x {args.years} years: {n_acts:,} activities "
        f"in {t_gen:.1f} s (not timed below)"
    )
    # The generated histories are long-lived input, not garbage: freeze them so that the cyclic
    # GC does not rescan 1.3 million objects during the timed sections (timeit goes further and
    # turns the GC off).
    gc.collect()
    gc.freeze()

    t0 = time.perf_counter()
    weekly = [baseline_weekly_km(h, AS_OF) for h in histories]
    t_base = time.perf_counter() - t0

    t0 = time.perf_counter()
    reports: list[LoadReport] = [load_report(h, AS_OF) for h in histories]
    t_full = time.perf_counter() - t0

    # Row objects are built when first read; time reading every row of every report.
    t0 = time.perf_counter()
    n_runs = sum(len(tuple(r.runs)) for r in reports)
    n_weeks = sum(len(tuple(r.weeks)) for r in reports)
    t_rows = time.perf_counter() - t0

    # Cross-check the two on weekly km, so the timings compare like with like.
    for w, r in zip(weekly, reports, strict=True):
        for row in r.weeks:
            assert abs(w.get(row.week_start, 0.0) - row.run_km) < 1e-6

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.training.load_reference import reference_report  # the tests' plain-Python reference

    k = min(args.reference_sample, args.athletes)
    t0 = time.perf_counter()
    for h in histories[:k]:
        reference_report(h, AS_OF)
    t_ref = (time.perf_counter() - t0) / k * args.athletes

    print(
        f"full LoadReports      : {t_full:6.3f} s  ({t_full / args.athletes * 1e3:.2f} ms/athlete,"
        f" {n_acts / t_full / 1e6:.2f} M activities/s; {n_runs:,} run rows, "
        f"{n_weeks:,} week rows)"
    )
    print(f"reading all rows      : {t_rows:6.3f} s  (row objects are built lazily, on first read)")
    print(f"baseline weekly km    : {t_base:6.3f} s  (plain-Python loop, weekly sums only)")
    print(f"reference (tests)     : {t_ref:6.3f} s  (estimated from {k} athletes)")
    print(
        f"ratio full / baseline : {t_full / t_base:6.2f}x;  reference / full: {t_ref / t_full:.1f}x"
    )
    budget = 2.0
    print(f"budget {budget:.1f} s: {'met' if t_full < budget else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
