"""A graded return to running, steered by the pain diary.

Stages, one variable at a time, duration before intensity, on alternate days (Liem 2013,
George 2024): walking, walk-run intervals, continuous easy running, volume, then intensity.

Gates, after each session, follow the pain-monitoring model (Silbernagel 2007, extrapolated from
Achilles tendinopathy; clinical notes e):

- pain during the session and pain after it within the agreed ceiling (default 3/10);
- pain settled by the next morning: that morning's rating no higher than before the session
  (the session day's morning rating, else the baseline week's);
- morning stiffness not worse than in the baseline week (the 7 days before the start): the mean
  over the last 7 days may exceed the baseline mean by at most `STIFFNESS_TOLERANCE_MIN`.

With a possible bone stress injury (spondylolysis, sacral stress fracture, hip bone stress) the
model is not used: the target is no focal bony pain, and as the diary cannot tell where the pain
sits, any pain during or after a session counts as a breach.

A breach steps back one stage, and the plan says when and why. A stage is passed after a number
of sessions that met every gate (two after a step back). A session whose next morning is not
yet in the diary counts once it is.

Volume cap (Frandsen 2025, Garmin-RUNSAFE): no planned run is more than 10% longer than the
longest run of the previous 30 days, counting imported runs and the plan's own sessions (those
done without a recorded activity count at their planned distance). A planned session's distance
is its running part, estimated from the runner's usual pace. A planned run over the cap is
shortened to it, and the plan says so.

Offered only when the triage level is self_care or consultation and no red flag is present.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Final, Literal

from backstride.contract.result import Level, Result
from backstride.errors import UserError
from backstride.kb.loader import KnowledgeBase, load_kb
from backstride.training.activity import Activity, Sport
from backstride.training.diary import DiaryEntry

BONE_STRESS: Final = frozenset({"spondylolysis", "sacral_stress_fracture", "hip_joint_pathology"})
# A bone stress condition at least this likely switches to the "no bony pain" rule.
BONE_STRESS_PROBABILITY: Final = 0.05
DEFAULT_CEILING: Final = 3
CAP_RATIO: Final = 1.10
CAP_WINDOW_DAYS: Final = 30
STIFFNESS_TOLERANCE_MIN: Final = 5
BASELINE_DAYS: Final = 7
SESSION_GAP_DAYS: Final = 2
HORIZON_DAYS: Final = 14
AFTER_STEP_BACK: Final = 2
DEFAULT_PACE_MIN_PER_KM: Final = 6.5
OFFERED_LEVELS: Final = frozenset({Level.self_care, Level.consultation})
SOURCES: Final = (
    "silbernagel_2007",
    "frandsen_2025",
    "liem_2013",
    "george_2024",
    "klossner_2000",
)


@dataclass(frozen=True, slots=True)
class Step:
    """One session's content: `repeats` x (run `run_min`, walk `walk_min`) or a continuous run."""

    walk_min: float
    run_min: float
    repeats: int = 1
    extra: str = ""

    def describe(self) -> str:
        if self.run_min == 0:
            return f"Brisk walk, {self.walk_min:.0f} minutes, on flat, even ground"
        if self.walk_min:
            return (
                f"Walk 5 minutes, then {self.repeats} × (run {self.run_min:.0f} min easy, walk "
                f"{self.walk_min:.0f} min)"
            )
        return f"Easy run, {self.run_min:.0f} minutes, at a pace you could chat at" + (
            f"; {self.extra}" if self.extra else ""
        )

    @property
    def total_run_min(self) -> float:
        return self.run_min * self.repeats

    @property
    def total_walk_min(self) -> float:
        return self.walk_min * self.repeats + (5 if self.walk_min and self.run_min else 0)


@dataclass(frozen=True, slots=True)
class Stage:
    index: int
    id: str
    name: str
    goal: str
    steps: tuple[Step, ...]
    sessions_to_pass: int  # 0: the last stage

    @property
    def is_run(self) -> bool:
        return self.steps[0].run_min > 0


STAGES: Final = (
    Stage(
        0,
        "walking",
        "Walking",
        "30 minutes of brisk walking without pain",
        (Step(20, 0), Step(25, 0), Step(30, 0)),
        3,
    ),
    Stage(
        1,
        "walk_run",
        "Walk-run intervals",
        "Short runs between walks, the running share growing",
        (Step(2, 1, 6), Step(2, 2, 6), Step(1, 3, 5), Step(1, 4, 5), Step(1, 5, 4)),
        5,
    ),
    Stage(
        2,
        "continuous_easy",
        "Continuous easy running",
        "20 to 30 minutes of easy running without a walk break",
        (Step(0, 15), Step(0, 20), Step(0, 25), Step(0, 30)),
        4,
    ),
    Stage(
        3,
        "volume",
        "Building volume",
        "Longer easy runs, each within 10% of your longest recent run",
        tuple(Step(0, m) for m in (33, 36, 40, 44, 48, 53)),
        6,
    ),
    Stage(
        4,
        "intensity",
        "Adding intensity",
        "Faster running again: strides first, then short steady sections",
        (
            Step(0, 40, extra="finish with 4 relaxed strides of 15 seconds"),
            Step(0, 40, extra="include 3 × 3 minutes a little faster, 2 minutes easy between"),
            Step(0, 45, extra="finish with 6 relaxed strides of 15 seconds"),
            Step(0, 45, extra="include 3 × 5 minutes a little faster, 2 minutes easy between"),
        ),
        0,
    ),
)

Outcome = Literal["passed", "breach", "waiting", "not_recorded"]


@dataclass(frozen=True, slots=True)
class Gate:
    id: str
    label: str
    passed: bool | None  # None: not known yet / not recorded
    detail: str


@dataclass(frozen=True, slots=True)
class SessionCheck:
    day: date
    stage: str
    outcome: Outcome
    gates: tuple[Gate, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class StageChange:
    day: date
    kind: Literal["advance", "step_back", "hold"]
    from_stage: str
    to_stage: str
    reason: str


@dataclass(frozen=True, slots=True)
class PlannedSession:
    day: date
    stage: str
    stage_name: str
    description: str
    run_minutes: float
    walk_minutes: float
    km: float  # the running distance (walking parts are not counted); 0 for walks
    is_run: bool
    cap_km: float | None
    longest_before: tuple[date, float] | None
    capped: bool
    note: str = ""

    @property
    def title(self) -> str:
        return f"Return to running: {self.stage_name.lower()}"


@dataclass(frozen=True, slots=True)
class ReturnToRunPlan:
    offered: bool
    explanation: str
    start: date
    as_of: date
    stage: Stage | None = None
    bone_stress: bool = False
    ceiling: int | None = None
    gates: tuple[str, ...] = ()
    before_first_run: tuple[str, ...] = ()
    checks: tuple[SessionCheck, ...] = ()
    changes: tuple[StageChange, ...] = ()
    upcoming: tuple[PlannedSession, ...] = ()
    notes: tuple[str, ...] = ()
    pace_min_per_km: float = DEFAULT_PACE_MIN_PER_KM
    sources: tuple[str, ...] = ()

    @property
    def last_step_back(self) -> StageChange | None:
        backs = [c for c in self.changes if c.kind == "step_back"]
        return backs[-1] if backs else None


def cap_for(
    day: date, runs: Iterable[tuple[date, float]]
) -> tuple[float | None, tuple[date, float] | None]:
    """The longest run in the 30 days before `day` and 110% of it (None when there was none)."""
    window = [
        (d, km) for d, km in runs if day - timedelta(days=CAP_WINDOW_DAYS) <= d < day and km > 0
    ]
    if not window:
        return None, None
    longest = max(window, key=lambda r: (r[1], r[0]))
    return longest[1] * CAP_RATIO, longest


def bone_stress_conditions(result: Result) -> list[str]:
    return [
        c.name
        for i, c in enumerate(result.conditions)
        if c.id in BONE_STRESS and (i == 0 or c.score >= BONE_STRESS_PROBABILITY)
    ]


def _pace(activities: Sequence[Activity], start: date) -> float:
    paces = [
        a.duration_s / 60 / a.distance_km
        for a in activities
        if a.is_run and a.distance_km >= 1 and start - timedelta(days=180) <= a.start.date() < start
    ]
    paces = [p for p in paces if 3.0 <= p <= 12.0]
    return round(statistics.median(paces), 2) if paces else DEFAULT_PACE_MIN_PER_KM


def _km(step: Step, pace: float) -> float:
    """The running distance of a session (walking parts are not runs)."""
    return step.total_run_min / pace


def _fit_to_cap(step: Step, cap: float, pace: float) -> Step:
    """The step shortened so its running distance is at most `cap` km."""
    repeats = step.repeats
    while repeats > 1 and _km(replace(step, repeats=repeats), pace) > cap:
        repeats -= 1
    fitted = replace(step, repeats=repeats)
    if _km(fitted, pace) <= cap:
        return fitted
    return replace(fitted, run_min=math.floor(cap * pace))


def _mean(values: Iterable[int | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def _not_offered(start: date, as_of: date, why: str) -> ReturnToRunPlan:
    return ReturnToRunPlan(offered=False, explanation=why, start=start, as_of=as_of)


def return_to_run(
    result: Result,
    *,
    start: date,
    as_of: date,
    diary: Sequence[DiaryEntry] = (),
    activities: Sequence[Activity] = (),
    ceiling: int = DEFAULT_CEILING,
    kb: KnowledgeBase | None = None,
) -> ReturnToRunPlan:
    """Where the runner stands on the return-to-run plan on `as_of`, and the next sessions."""
    if not 0 <= ceiling <= 5:
        raise UserError(f"ceiling: {ceiling} is not allowed; give a whole number from 0 to 5")
    if as_of < start:
        raise UserError(f"as of {as_of.isoformat()} is before the start {start.isoformat()}")
    kb = kb or load_kb()
    level = result.triage.level
    if result.red_flags:
        flags = ", ".join(f.label for f in result.red_flags)
        return _not_offered(
            start,
            as_of,
            f"No return-to-run plan: your assessment found a red flag ({flags}). "
            "See a clinician before running again.",
        )
    if level not in OFFERED_LEVELS:
        return _not_offered(
            start,
            as_of,
            f"No return-to-run plan: your assessment says “{result.triage.action}” "
            "Running waits until a clinician has seen you.",
        )
    bones = bone_stress_conditions(result)
    bone = bool(bones)
    limit = 0 if bone else ceiling
    pace = _pace(activities, start)
    by_day = {e.day: e for e in diary}
    baseline = [e for e in diary if start - timedelta(days=BASELINE_DAYS) <= e.day < start]
    base_morning = _mean(e.pain_morning for e in baseline)
    base_stiff = _mean(e.morning_stiffness_minutes for e in baseline)
    runs_by_day: dict[date, float] = {}
    moved: set[date] = set()
    for a in activities:
        d = a.start.date()
        if a.is_run and a.distance_km > 0:
            runs_by_day[d] = max(runs_by_day.get(d, 0.0), a.distance_km)
        if a.sport in (Sport.running, Sport.walking, Sport.hiking):
            moved.add(d)
    session_days = sorted(
        d
        for d in {e.day for e in diary if e.pain_during is not None or e.pain_after is not None}
        | moved
        if start <= d <= as_of
    )
    own_runs: list[tuple[date, float]] = []  # plan sessions done without a recorded run

    stage_i, step_i, passed, needed = 0, 0, 0, STAGES[0].sessions_to_pass
    checks: list[SessionCheck] = []
    changes: list[StageChange] = []
    for d in session_days:
        stage = STAGES[stage_i]
        step = stage.steps[min(step_i, len(stage.steps) - 1)]
        if stage.is_run and d not in runs_by_day:
            own_runs.append((d, _km(step, pace)))
        gates = _gates(d, by_day, limit, bone, base_morning, base_stiff, as_of)
        failed = [g for g in gates if g.passed is False]
        if failed:
            reason = "; ".join(g.detail for g in failed)
            checks.append(SessionCheck(d, stage.id, "breach", gates, reason))
            if stage_i > 0:
                prev = STAGES[stage_i - 1]
                changes.append(
                    StageChange(
                        d,
                        "step_back",
                        stage.id,
                        prev.id,
                        f"Back from {stage.name.lower()} to {prev.name.lower()}: {reason}.",
                    )
                )
                stage_i, step_i, needed = stage_i - 1, len(prev.steps) - 1, AFTER_STEP_BACK
            else:
                changes.append(
                    StageChange(
                        d,
                        "hold",
                        stage.id,
                        stage.id,
                        f"Staying with {stage.name.lower()}, the first stage: {reason}. "
                        "If walking keeps breaching the gates, see a clinician.",
                    )
                )
                step_i, needed = 0, stage.sessions_to_pass
            passed = 0
            continue
        if any(g.passed is None for g in gates):
            waiting = d + timedelta(days=1) >= as_of and d + timedelta(days=1) not in by_day
            outcome: Outcome = "waiting" if waiting else "not_recorded"
            reason = (
                "waiting for tomorrow morning's diary entry"
                if waiting
                else "not counted: the next morning's pain or stiffness was not recorded"
            )
            checks.append(SessionCheck(d, stage.id, outcome, gates, reason))
            continue
        checks.append(SessionCheck(d, stage.id, "passed", gates, "every gate met"))
        passed += 1
        step_i += 1
        if stage.sessions_to_pass and passed >= needed:
            nxt = STAGES[stage_i + 1]
            changes.append(
                StageChange(
                    d + timedelta(days=1),
                    "advance",
                    stage.id,
                    nxt.id,
                    f"On to {nxt.name.lower()}: {passed} sessions in a row met every gate.",
                )
            )
            stage_i, step_i, passed, needed = stage_i + 1, 0, 0, nxt.sessions_to_pass

    history = [*runs_by_day.items(), *own_runs]
    upcoming = _upcoming(stage_i, step_i, passed, needed, session_days, start, as_of, history, pace)
    notes = _notes(bone, bones, changes, as_of, baseline, pace, activities)
    stage = STAGES[stage_i]
    explanation = (
        f"Stage {stage.index + 1} of {len(STAGES)}: {stage.name}. {stage.goal}. Record pain "
        "during and after each session and on waking the next morning; the plan moves on, "
        "or steps back, from those entries."
    )
    if changes and changes[-1].kind == "step_back":
        last = changes[-1]
        explanation = f"Stepped back on {last.day.isoformat()}. {last.reason} " + explanation
    gates_text = (
        (
            "No pain at all during or after a session: with a possible bone stress injury the "
            "target is no focal bony pain, not a pain ceiling.",
        )
        if bone
        else (
            f"Pain during the session at most {limit}/10.",
            f"Pain after the session at most {limit}/10.",
        )
    ) + (
        "Pain settled by the next morning: no higher than before the session.",
        "Morning stiffness not worse than in the week before the start.",
    )
    return ReturnToRunPlan(
        offered=True,
        explanation=explanation,
        start=start,
        as_of=as_of,
        stage=stage,
        bone_stress=bone,
        ceiling=limit,
        gates=gates_text,
        before_first_run=_before_first_run(bone, bones),
        checks=tuple(checks),
        changes=tuple(changes),
        upcoming=upcoming,
        notes=notes,
        pace_min_per_km=pace,
        sources=tuple(kb.cite(list(SOURCES))),
    )


def _gates(
    d: date,
    by_day: dict[date, DiaryEntry],
    limit: int,
    bone: bool,
    base_morning: float | None,
    base_stiff: float | None,
    as_of: date,
) -> tuple[Gate, ...]:
    entry = by_day.get(d)
    nxt = by_day.get(d + timedelta(days=1)) if d + timedelta(days=1) <= as_of else None
    gates = []
    what = "no pain (possible bone stress injury)" if bone else f"the ceiling of {limit}/10"
    for name, value in (
        ("during", entry.pain_during if entry else None),
        ("after", entry.pain_after if entry else None),
    ):
        label = f"Pain {name} within {what}"
        if value is None:
            gates.append(Gate(f"pain_{name}", label, None, f"pain {name} not recorded"))
        else:
            ok = value <= limit
            detail = f"pain {name} the session was {value}/10" + ("" if ok else f", above {what}")
            gates.append(Gate(f"pain_{name}", label, ok, detail))
    before = entry.pain_morning if entry and entry.pain_morning is not None else None
    reference = before if before is not None else math.ceil(base_morning or 0)
    morning = nxt.pain_morning if nxt else None
    if morning is None:
        gates.append(
            Gate("settled", "Settled by the next morning", None, "next morning not recorded")
        )
    else:
        ok = morning <= reference
        detail = f"next morning's pain was {morning}/10" + (
            "" if ok else f", not settled back to {reference}/10"
        )
        gates.append(Gate("settled", "Settled by the next morning", ok, detail))
    if base_stiff is None:
        gates.append(
            Gate("stiffness", "Morning stiffness not worse", True, "no baseline week to compare")
        )
    else:
        recent = _mean(
            e.morning_stiffness_minutes
            for day, e in by_day.items()
            if d - timedelta(days=5) <= day <= d + timedelta(days=1) and day <= as_of
        )
        if recent is None:
            gates.append(Gate("stiffness", "Morning stiffness not worse", True, "not recorded"))
        else:
            ok = recent <= base_stiff + STIFFNESS_TOLERANCE_MIN
            detail = f"morning stiffness averaged {recent:.0f} min" + (
                "" if ok else f", worse than {base_stiff:.0f} min in the baseline week"
            )
            gates.append(Gate("stiffness", "Morning stiffness not worse", ok, detail))
    return tuple(gates)


def _upcoming(
    stage_i: int,
    step_i: int,
    passed: int,
    needed: int,
    session_days: list[date],
    start: date,
    as_of: date,
    history: list[tuple[date, float]],
    pace: float,
) -> tuple[PlannedSession, ...]:
    """The next two weeks of sessions, as they go if every one meets the gates."""
    if session_days:
        day = max(as_of + timedelta(days=1), session_days[-1] + timedelta(days=SESSION_GAP_DAYS))
    else:
        day = max(as_of, start)
    planned: list[PlannedSession] = []
    runs = list(history)
    end = as_of + timedelta(days=HORIZON_DAYS)
    while day <= end:
        stage = STAGES[stage_i]
        step = stage.steps[min(step_i, len(stage.steps) - 1)]
        km = _km(step, pace)
        cap, longest = cap_for(day, runs)
        capped = False
        note = ""
        if stage.is_run and cap is not None and km > cap:
            step = _fit_to_cap(step, cap, pace)
            km = _km(step, pace)
            capped = True
            assert longest is not None
            note = (
                f"Shortened to {km:.1f} km: no run more than 10% longer than your longest run "
                f"in the previous 30 days ({longest[1]:.1f} km on {longest[0].isoformat()})."
            )
        km = math.floor(km * 100) / 100  # shown to 10 m, never rounded up past the cap
        planned.append(
            PlannedSession(
                day=day,
                stage=stage.id,
                stage_name=stage.name,
                description=step.describe(),
                run_minutes=step.total_run_min,
                walk_minutes=step.total_walk_min if step.run_min else step.walk_min,
                km=km,
                is_run=stage.is_run,
                cap_km=None if cap is None else round(cap, 2),
                longest_before=longest,
                capped=capped,
                note=note,
            )
        )
        if stage.is_run:
            runs.append((day, km))
        passed += 1
        step_i += 1
        if stage.sessions_to_pass and passed >= needed:
            stage_i, step_i, passed = stage_i + 1, 0, 0
            needed = STAGES[stage_i].sessions_to_pass
        day += timedelta(days=SESSION_GAP_DAYS)
    return tuple(planned)


def _before_first_run(bone: bool, bones: list[str]) -> tuple[str, ...]:
    items = [
        "No tenderness when you press on the sore spot of the spine or pelvis.",
        "About 30 minutes of brisk walking without pain.",
        "Standing on one leg and a single-leg squat without pain, then 10 to 20 hops on each "
        "leg with pain no higher than 2/10.",
        "You know what may have caused it (a jump in training, shoes, energy intake) and have "
        "changed it.",
    ]
    if bone:
        items.insert(
            0,
            f"A clinician has assessed the possible bone stress injury ({', '.join(bones)}) and "
            "agreed that you can start loading again; some need imaging to show healing first.",
        )
    return tuple(items)


def _notes(
    bone: bool,
    bones: list[str],
    changes: list[StageChange],
    as_of: date,
    baseline: list[DiaryEntry],
    pace: float,
    activities: Sequence[Activity],
) -> tuple[str, ...]:
    notes = []
    recent_backs = [
        c for c in changes if c.kind != "advance" and c.day >= as_of - timedelta(days=14)
    ]
    if len(recent_backs) >= 2:
        notes.append(
            f"{len(recent_backs)} setbacks in the last 14 days: book a review with a clinician "
            "or physiotherapist rather than pushing on."
        )
    if bone:
        notes.append(
            "With a possible bone stress injury, stop and get checked if pain returns at one "
            "spot of the spine or pelvis, or on hopping or standing on one leg."
        )
    if not baseline:
        notes.append(
            "No diary entries in the week before the start: record morning pain and stiffness "
            "every day, so that the next mornings can be compared with a baseline."
        )
    if not any(a.is_run for a in activities):
        notes.append(
            f"No imported runs: distances are estimated at {pace:.1f} min/km; import your "
            "watch history (`backstride import`) for the 30-day cap to use your real runs."
        )
    notes.append(
        "Run on flat, even surfaces on alternate days; change one thing at a time, duration "
        "before speed."
    )
    return tuple(notes)
