"""Fill the case's `running.*` fields from the activity history, saying which runs each came from.

Pure: dicts in, dicts out, time passed in as `as_of`. The engine builds its `Case` from the
merged dict, so load factors such as `load_spike`, `worn_shoes` and `low_cadence` rest on real
runs, and the result can cite them.

What each field means here (windows count back from `as_of`, which is day 0):

- `running.weekly_km`: running km of days 0-6.
- `running.weekly_km_before` ("a typical week a month ago"): the mean of the 7-day windows of
  days 28-34 and 35-41, i.e. weeks 4 and 5 back. Two weeks rather than one, so that a single
  missed week (illness, travel) does not pass for the runner's usual volume.
- `running.long_run_km`: the longest run of days 0-6 (the latest long run).
- `running.longest_run_prev_30d_km`: the longest run of the 30 days before that long run's day
  (0 when there was none; left out unless the history covers those 30 days). With the long run
  this is the single-run spike of Frandsen et al. 2025, BJSM.
- `running.cadence_spm`: the median cadence of the runs of days 0-27.
- `running.shoe_km`: the distance on the shoe of the latest run that names one (days 0-27),
  taken from `shoes_km` when the caller knows the shoe's total (e.g. with distance logged before
  the history starts), else summed over the history.
- `running.surface`: the known surfaces of the runs of days 0-27, most used first.
- `running.recent_changes`: `mileage_increase` when days 0-6 hold more than 30% more running than
  days 14-20 (Nielsen et al. 2014, JOSPT) or a run of days 0-13 is a single-run spike;
  `new_shoes` when the current shoe was first used in days 0-13 after runs in other shoes;
  `returned_after_break` when the first run of days 0-13 follows at least 28 days without a run;
  `new_surface` when a surface of days 0-13 was not run on in the 90 days before. An empty
  list is given only when the history covers the 30 days before day 13.

A field is left out, never guessed, when the history does not cover its window. Runner-given
values always win (`merge_into_case`).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any, Final

from backstride.training.activity import Activity
from backstride.training.metrics import LoadReport, RunRow, load_report
from backstride.training.sources import (
    FRANDSEN_2025,
    NIELSEN_2014,
    PROGRESSION_LIMIT,
    SPIKE_WINDOW_DAYS,
)

#: Surface names the contract knows (`running.surface`); others stay in the load report only.
CONTRACT_SURFACES: Final = frozenset(
    {"asphalt", "concrete", "track", "treadmill", "trail", "grass", "sand"}
)
RECENT_DAYS: Final = 28
CHANGE_DAYS: Final = 14
BREAK_DAYS: Final = 28
SURFACE_MEMORY_DAYS: Final = 90

Provenance = dict[str, dict[str, Any]]


def run_ref(activity: Activity) -> dict[str, Any]:
    """How a run is named in provenance: its date and distance (and its name if it has one)."""
    ref: dict[str, Any] = {
        "date": activity.start.date().isoformat(),
        "km": round(activity.distance_km, 2),
    }
    if activity.name:
        ref["name"] = activity.name
    return ref


def _describe(rows: Sequence[RunRow], limit: int = 6) -> str:
    parts = [f"{r.activity.start.date().isoformat()} {r.km:.1f} km" for r in rows[:limit]]
    if len(rows) > limit:
        parts.append(f"and {len(rows) - limit} more")
    return ", ".join(parts) if parts else "no runs"


def _entry(how: str, runs: Sequence[RunRow] | Sequence[Activity], **extra: Any) -> dict[str, Any]:
    acts = [r.activity if isinstance(r, RunRow) else r for r in runs]
    return {"source": "history", "how": how, "runs": [run_ref(a) for a in acts], **extra}


class _Filler:
    def __init__(
        self, report: LoadReport, as_of: date, shoes_km: Mapping[str, float] | None
    ) -> None:
        self.report = report
        self.as_of = as_of
        self.shoes_km = shoes_km or {}
        self.values: dict[str, Any] = {}
        self.provenance: Provenance = {}

    def day(self, back: int) -> date:
        return self.as_of - timedelta(days=back)

    def covers(self, back: int) -> bool:
        start = self.report.history_start
        return start is not None and start <= self.day(back)

    def runs(self, newest: int, oldest: int) -> tuple[RunRow, ...]:
        return self.report.runs_between(self.day(oldest), self.day(newest))

    def put(self, name: str, value: Any, entry: dict[str, Any]) -> None:
        self.values[name] = value
        self.provenance[name] = entry

    def window(self, newest: int, oldest: int) -> str:
        return f"{self.day(oldest).isoformat()} to {self.day(newest).isoformat()}"

    def weekly(self) -> None:
        if self.covers(6):
            rows = self.runs(0, 6)
            km = sum(r.km for r in rows)
            how = f"sum of the {len(rows)} runs from {self.window(0, 6)}: {_describe(rows)}"
            self.put("running.weekly_km", round(km, 1), _entry(how, rows))
        if self.covers(41):
            a, b = self.runs(28, 34), self.runs(35, 41)
            km = (sum(r.km for r in a) + sum(r.km for r in b)) / 2
            how = (
                f"mean of the weeks {self.window(28, 34)} ({sum(r.km for r in a):.1f} km) and "
                f"{self.window(35, 41)} ({sum(r.km for r in b):.1f} km)"
            )
            self.put("running.weekly_km_before", round(km, 1), _entry(how, (*b, *a)))

    def long_run(self) -> RunRow | None:
        rows = self.runs(0, 6)
        if not rows:
            return None
        # The longest; among equals, the latest.
        best = max(reversed(rows), key=lambda r: r.km)
        self.put(
            "running.long_run_km",
            round(best.km, 1),
            _entry(f"longest run from {self.window(0, 6)}", [best]),
        )
        long_day = best.activity.start.date()
        first = (long_day - timedelta(days=30)).isoformat()
        last = (long_day - timedelta(days=1)).isoformat()
        if not best.window_complete:  # the history starts inside those 30 days
            return best
        if best.longest_prev_run is not None and best.longest_prev_km is not None:
            self.put(
                "running.longest_run_prev_30d_km",
                round(best.longest_prev_km, 1),
                _entry(
                    f"longest run from {first} to {last}, the 30 days before the long run; "
                    f"the long run is {best.ratio:.2f} times as long ({FRANDSEN_2025})",
                    [best.longest_prev_run],
                    spike=best.spike,
                ),
            )
        else:
            self.put(
                "running.longest_run_prev_30d_km",
                0.0,
                _entry(f"no run from {first} to {last}, the 30 days before the long run", []),
            )
        return best

    def cadence(self) -> None:
        c = self.report.cadence
        value = c.recent_median_spm
        if value is None or not 60 <= value <= 260:
            return
        acts = c.recent_runs
        how = f"median cadence of the {len(acts)} runs with cadence from {self.window(0, 27)}"
        if c.target_low_spm is not None and c.target_high_spm is not None:
            how += (
                f"; +5-10% would be {c.target_low_spm:.0f}-{c.target_high_spm:.0f} steps/min "
                "(Heiderscheit et al. 2011, MSSE)"
            )
        self.put("running.cadence_spm", round(value), _entry(how, acts))

    def shoes(self) -> None:
        recent = [r for r in self.runs(0, RECENT_DAYS - 1) if r.activity.shoe]
        if not recent:
            return
        latest = recent[-1].activity
        shoe = latest.shoe
        assert shoe is not None
        row = next(s for s in self.report.shoes if s.shoe == shoe)
        if shoe in self.shoes_km:
            km, how = self.shoes_km[shoe], f"distance recorded for shoe '{shoe}'"
        else:
            km = row.km
            how = (
                f"sum of the {row.runs} runs in shoe '{shoe}' from "
                f"{row.first_used.isoformat()} to {row.last_used.isoformat()}"
            )
        self.put("running.shoe_km", round(km, 1), _entry(how, [latest], shoe=shoe))

    def surfaces(self) -> None:
        km: dict[str, float] = {}
        acts: list[Activity] = []
        for r in self.runs(0, RECENT_DAYS - 1):
            a = r.activity
            surface = a.surface or ("treadmill" if a.indoor else None)
            if surface in CONTRACT_SURFACES:
                assert surface is not None
                km[surface] = km.get(surface, 0.0) + r.km
                acts.append(a)
        if km:
            ordered = sorted(km, key=lambda s: (-km[s], s))
            how = f"surfaces of the runs from {self.window(0, RECENT_DAYS - 1)}, most km first"
            self.put("running.surface", ordered, _entry(how, acts))

    def recent_changes(self) -> None:
        changes: list[str] = []
        reasons: list[str] = []
        runs: list[RunRow] = []
        report = self.report
        if report.change_2wk is not None and report.change_2wk > PROGRESSION_LIMIT:
            changes.append("mileage_increase")
            reasons.append(
                f"mileage_increase: {report.km_7d:.1f} km in the last 7 days vs "
                f"{report.km_prev2_7d:.1f} km two weeks earlier (+{report.change_2wk:.0%}; "
                f"more than 30% over two weeks, {NIELSEN_2014})"
            )
            runs.extend(self.runs(0, 6))
        spikes = [r for r in self.runs(0, CHANGE_DAYS - 1) if r.spike and r.window_complete]
        if spikes:
            if "mileage_increase" not in changes:
                changes.append("mileage_increase")
            for r in spikes:
                reasons.append(
                    f"mileage_increase: {r.km:.1f} km on {r.activity.start.date().isoformat()} "
                    f"is {r.ratio:.2f} times the longest run of the 30 days before "
                    f"({FRANDSEN_2025})"
                )
            runs.extend(spikes)
        self._new_shoes(changes, reasons, runs)
        self._returned(changes, reasons, runs)
        self._new_surface(changes, reasons, runs)
        # An empty list claims "no change": only when the history covers the spike windows.
        if changes or self.covers(CHANGE_DAYS - 1 + SPIKE_WINDOW_DAYS):
            seen: dict[int, RunRow] = {id(r.activity): r for r in runs}
            how = "; ".join(reasons) if reasons else "no change found in the last 14 days"
            self.put("running.recent_changes", changes, _entry(how, list(seen.values())))

    def _new_shoes(self, changes: list[str], reasons: list[str], runs: list[RunRow]) -> None:
        recent = [r for r in self.runs(0, CHANGE_DAYS - 1) if r.activity.shoe]
        if not recent:
            return
        shoe = recent[-1].activity.shoe
        row = next(s for s in self.report.shoes if s.shoe == shoe)
        older = [
            r
            for r in self.report.runs_between(date.min, row.first_used - timedelta(days=1))
            if r.activity.shoe and r.activity.shoe != shoe
        ]
        if row.first_used >= self.day(CHANGE_DAYS - 1) and older:
            changes.append("new_shoes")
            reasons.append(
                f"new_shoes: '{shoe}' first used on {row.first_used.isoformat()}, after "
                f"'{older[-1].activity.shoe}'"
            )
            runs.append(next(r for r in recent if r.activity.shoe == shoe))

    def _returned(self, changes: list[str], reasons: list[str], runs: list[RunRow]) -> None:
        recent = self.runs(0, CHANGE_DAYS - 1)
        if not recent:
            return
        first = recent[0]
        day = first.activity.start.date()
        gap = self.report.runs_between(day - timedelta(days=BREAK_DAYS), day - timedelta(days=1))
        before = self.report.runs_between(date.min, day - timedelta(days=BREAK_DAYS + 1))
        if not gap and before:
            last = before[-1].activity.start.date()
            changes.append("returned_after_break")
            reasons.append(
                f"returned_after_break: first run on {day.isoformat()} after "
                f"{(day - last).days - 1} days without running"
            )
            runs.extend((before[-1], first))

    def _new_surface(self, changes: list[str], reasons: list[str], runs: list[RunRow]) -> None:
        def surface(r: RunRow) -> str | None:
            return r.activity.surface or ("treadmill" if r.activity.indoor else None)

        recent = [r for r in self.runs(0, CHANGE_DAYS - 1) if surface(r)]
        older = {
            surface(r) for r in self.runs(CHANGE_DAYS, CHANGE_DAYS + SURFACE_MEMORY_DAYS - 1)
        } - {None}
        if not recent or not older:
            return
        new = [r for r in recent if surface(r) not in older]
        if new:
            changes.append("new_surface")
            names = sorted({str(surface(r)) for r in new})
            reasons.append(
                f"new_surface: {', '.join(names)} not run on in the {SURFACE_MEMORY_DAYS} days "
                "before"
            )
            runs.extend(new)


def running_fields_from_history(
    activities: Sequence[Activity],
    as_of: date,
    shoes_km: Mapping[str, float] | None = None,
) -> tuple[dict[str, Any], Provenance]:
    """The case's `running.*` values that the history supports, and where each came from.

    Returns `({"running.weekly_km": 32.5, ...}, {"running.weekly_km": {"source": "history",
    "how": "...", "runs": [{"date": "2024-06-29", "km": 12.3}, ...]}, ...})`.
    """
    filler = _Filler(load_report(activities, as_of), as_of, shoes_km)
    filler.weekly()
    filler.long_run()
    filler.cadence()
    filler.shoes()
    filler.surfaces()
    filler.recent_changes()
    return filler.values, filler.provenance


def merge_into_case(
    case: Mapping[str, Any], filled: Mapping[str, Any], provenance: Mapping[str, Mapping[str, Any]]
) -> tuple[dict[str, Any], Provenance]:
    """`case` with the history's values added where the runner gave none.

    A value the runner gave (anything but an absent field or `null`, including an empty list)
    wins; its provenance then says `"source": "runner"` and keeps the history's value for
    comparison. The input dicts are not changed.
    """
    merged: dict[str, Any] = copy.deepcopy(dict(case))
    kept: Provenance = {}
    for key, value in filled.items():
        section, _, name = key.partition(".")
        part = merged.setdefault(section, {})
        if not isinstance(part, dict):  # a malformed case: leave it for validation to report
            continue
        if part.get(name) is None:
            part[name] = copy.deepcopy(value)
            kept[key] = copy.deepcopy(dict(provenance.get(key, {"source": "history"})))
        else:
            kept[key] = {
                "source": "runner",
                "history_value": copy.deepcopy(value),
                "history": copy.deepcopy(dict(provenance.get(key, {}))),
            }
    return merged, kept
