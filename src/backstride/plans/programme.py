"""A personal exercise programme of 6 to 8 weeks, built from an assessment's result.

The safety rule, applied before anything else (`ruled_out`):

- No programme at all when the triage level is consultation_24 or above: the runner needs to be
  seen first, and the programme says so instead.
- An exercise is never included when its `not_with` names
  1. a condition among the result's conditions with a probability of at least
     `EXCLUDE_PROBABILITY` (5%), or the leading condition whatever its probability;
  2. a condition that a red flag in the result points at; or
  3. a factor found in the result.
- Only the harder progression is withheld (the exercise stays at its standard version) when its
  `progression_not_with` names any of those.

Choice: each allowed exercise scores the weights of the targets it `addresses` (every factor
found weighs 1; a condition weighs 1.5 times its probability once that reaches
`TARGET_PROBABILITY`, the leading condition always) plus a small base weight for its category,
so a runner with no factor still gets general trunk and hip work, the best-supported exercise
for back pain (Hayden 2021, Owen 2020). Every factor that some allowed exercise addresses gets
at least one; the rest fill by score with at most two exercises a category. One warm-up opens
each session.

Progression: week 1 uses the easier version at the low end of the dose; the middle weeks use
the standard exercise, with repetitions or holds rising week by week and a set added halfway;
the last two weeks use the harder progression, starting again at the low end. Three sessions a
week on alternate days. Strength training lowers the risk of sports injuries (Lauersen 2014).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final, Literal

from backstride.contract.result import LEVEL_ORDER, Level, Result
from backstride.errors import UserError
from backstride.kb.loader import KnowledgeBase, load_kb
from backstride.kb.schema import Exercise

MIN_WEEKS: Final = 6
MAX_WEEKS: Final = 8
# A condition at least this likely (or the leading one) rules out the exercises it names.
EXCLUDE_PROBABILITY: Final = 0.05
# A condition at least this likely (or the leading one) is a target exercises are chosen for.
TARGET_PROBABILITY: Final = 0.15
CONDITION_WEIGHT: Final = 1.5
FACTOR_WEIGHT: Final = 1.0
SESSION_DAYS: Final = (0, 2, 4)  # three sessions a week, on alternate days
MAX_MAIN: Final = 7
MAX_PER_CATEGORY: Final = 2
BASE_WEIGHT: Final = {
    "core": 0.5,
    "glutes": 0.4,
    "hip_mobility": 0.3,
    "thoracic_mobility": 0.2,
    "hamstrings": 0.2,
    "lumbar_mobility": 0.2,
    "upper_back": 0.1,
    "piriformis": 0.0,
    "warm_up": 0.0,
}
CATEGORY_ORDER: Final = tuple(BASE_WEIGHT)
SOURCES: Final = ("hayden_2021", "owen_2020", "lauersen_2014", "nice_ng59")
SAFETY_RULE: Final = (
    "No exercise is included that the knowledge base rules out for a condition at least "
    f"{EXCLUDE_PROBABILITY:.0%} likely in your assessment (or the leading one), for a condition "
    "a red flag points at, or for a factor found; no programme at all when the assessment says "
    "to see a doctor within 24 hours or sooner."
)

Variant = Literal["easier", "standard", "harder"]
TargetKind = Literal["factor", "condition"]
Targets = dict[str, tuple[TargetKind, str, float]]
VARIANT_RANK: Final[dict[str, int]] = {"easier": 0, "standard": 1, "harder": 2}


@dataclass(frozen=True, slots=True)
class Prescription:
    """One exercise in one session, with that week's version and dose."""

    exercise_id: str
    name: str
    category: str
    variant: Variant
    how: str  # what the variant means: the regression or progression text, or the cues
    sets: int
    reps: int | None
    hold_seconds: int | None
    each_side: bool
    cues: tuple[str, ...]
    caution: str
    addresses: tuple[str, ...]  # labels of the targets it was chosen for
    sources: tuple[str, ...]
    illustration: str | None

    @property
    def dose_text(self) -> str:
        side = " each side" if self.each_side else ""
        if self.hold_seconds is not None:
            return f"{self.sets} × {self.hold_seconds} s hold{side}"
        return f"{self.sets} × {self.reps}{side}"

    @property
    def volume(self) -> int:
        """Sets times repetitions (or seconds held): what rises week by week in one variant."""
        return self.sets * (self.reps if self.reps is not None else self.hold_seconds or 0)


@dataclass(frozen=True, slots=True)
class Session:
    day: date
    week: int
    number: int  # 1-based across the programme
    items: tuple[Prescription, ...]

    @property
    def title(self) -> str:
        return f"Back programme, week {self.week}, session {self.number}"


@dataclass(frozen=True, slots=True)
class Week:
    number: int
    phase: str
    focus: str
    sessions: tuple[Session, ...]


@dataclass(frozen=True, slots=True)
class Target:
    id: str
    kind: TargetKind
    label: str
    weight: float
    exercises: tuple[str, ...]  # ids of chosen exercises addressing it
    advice: str = ""  # for factors no exercise addresses: what to do instead


@dataclass(frozen=True, slots=True)
class Excluded:
    exercise_id: str
    name: str
    because: tuple[str, ...]  # readable reasons


@dataclass(frozen=True, slots=True)
class Programme:
    offered: bool
    explanation: str
    level: Level
    start: date
    weeks: tuple[Week, ...] = ()
    targets: tuple[Target, ...] = ()
    excluded: tuple[Excluded, ...] = ()
    notes: tuple[str, ...] = ()
    rule: str = SAFETY_RULE
    sources: tuple[str, ...] = field(default=())

    @property
    def sessions(self) -> tuple[Session, ...]:
        return tuple(s for w in self.weeks for s in w.sessions)

    @property
    def exercise_ids(self) -> frozenset[str]:
        return frozenset(i.exercise_id for s in self.sessions for i in s.items)


def ruled_out(result: Result, kb: KnowledgeBase) -> dict[str, str]:
    """Condition and factor ids that rule exercises out, each with the reason, per the rule."""
    out: dict[str, str] = {}
    for i, hit in enumerate(result.conditions):
        if i == 0 or hit.score >= EXCLUDE_PROBABILITY:
            out[hit.id] = f"{hit.name} ({hit.score:.0%} likely in your assessment)"
    for flag in result.red_flags:
        known = kb.red_flags.get(flag.id)
        if known is not None and known.condition:
            name = kb.conditions[known.condition].name if known.condition in kb.conditions else ""
            out[known.condition] = f"{name or known.condition} (red flag: {flag.label})"
    for factor in result.factors:
        out.setdefault(factor.id, f"{factor.label} (a factor in your assessment)")
    return out


def allowed(exercise: Exercise, blocked: Iterable[str]) -> bool:
    return not set(exercise.not_with) & set(blocked)


def _targets(result: Result) -> Targets:
    """Target id -> (kind, label, weight)."""
    out: Targets = {}
    for f in result.factors:
        out[f.id] = ("factor", f.label, FACTOR_WEIGHT)
    for i, c in enumerate(result.conditions):
        if i == 0 or c.score >= TARGET_PROBABILITY:
            out.setdefault(c.id, ("condition", c.name, CONDITION_WEIGHT * max(c.score, 0.1)))
    return out


def _not_offered(result: Result, start: date, explanation: str, kb: KnowledgeBase) -> Programme:
    return Programme(
        offered=False,
        explanation=explanation,
        level=result.triage.level,
        start=start,
        sources=tuple(kb.cite(list(SOURCES))),
    )


def build_programme(
    result: Result, start: date, weeks: int = MIN_WEEKS, kb: KnowledgeBase | None = None
) -> Programme:
    """The programme for this result, starting on `start`, or the reason there is none."""
    if not MIN_WEEKS <= weeks <= MAX_WEEKS:
        raise UserError(
            f"weeks: {weeks} is not allowed; give a whole number from {MIN_WEEKS} to {MAX_WEEKS}"
        )
    kb = kb or load_kb()
    level = result.triage.level
    if LEVEL_ORDER[level] >= LEVEL_ORDER[Level.consultation_24]:
        return _not_offered(
            result,
            start,
            "No exercise programme for now: your assessment says "
            f"“{result.triage.action}” A clinician should see you first; once they have, "
            "assess again and a programme can be built.",
            kb,
        )
    blocked = ruled_out(result, kb)
    order = {eid: i for i, eid in enumerate(kb.exercises)}
    pool = [e for e in kb.exercises.values() if allowed(e, blocked)]
    excluded = tuple(
        Excluded(e.id, e.name, tuple(blocked[b] for b in e.not_with if b in blocked))
        for e in kb.exercises.values()
        if not allowed(e, blocked)
    )
    if not [e for e in pool if e.category != "warm_up"]:
        return _not_offered(
            result,
            start,
            "No exercise programme for now: every exercise in the library is ruled out by "
            "what your assessment found ("
            + "; ".join(sorted(set(blocked.values())))
            + "). Please see a clinician first.",
            kb,
        )
    targets = _targets(result)

    def score(e: Exercise) -> float:
        base = BASE_WEIGHT.get(e.category or "", 0.0)
        return base + sum(targets[t][2] for t in e.addresses if t in targets)

    ranked = sorted(pool, key=lambda e: (-score(e), order[e.id]))
    warm = next((e for e in ranked if e.category == "warm_up"), None)
    main: list[Exercise] = []

    def room(e: Exercise) -> bool:
        same = sum(1 for m in main if m.category == e.category)
        return e not in main and same < MAX_PER_CATEGORY and len(main) < MAX_MAIN

    # Every factor some allowed exercise addresses gets one, strongest factors first.
    for tid, (kind, _label, _w) in sorted(targets.items(), key=lambda t: -t[1][2]):
        if kind != "factor" or any(tid in m.addresses for m in main):
            continue
        if warm is not None and tid in warm.addresses:
            continue
        best = next(
            (e for e in ranked if e.category != "warm_up" and tid in e.addresses and room(e)),
            None,
        )
        if best is not None:
            main.append(best)
    for e in ranked:
        if e.category != "warm_up" and room(e):
            main.append(e)
    main.sort(key=lambda e: (CATEGORY_ORDER.index(e.category or "warm_up"), order[e.id]))
    chosen = ([warm] if warm is not None else []) + main

    week_list = []
    number = 0
    for w in range(1, weeks + 1):
        phase, focus = _phase(w, weeks)
        items = tuple(_prescribe(e, w, weeks, blocked, targets, kb) for e in chosen)
        sessions = []
        for offset in SESSION_DAYS:
            number += 1
            sessions.append(Session(start + timedelta(days=7 * (w - 1) + offset), w, number, items))
        week_list.append(Week(w, phase, focus, tuple(sessions)))

    target_list = []
    for tid, (kind, label, weight) in targets.items():
        ids = tuple(e.id for e in chosen if tid in e.addresses)
        advice = ""
        if kind == "factor" and not ids:
            advice = next((f.advice for f in result.factors if f.id == tid), "")
        target_list.append(Target(tid, kind, label, round(weight, 3), ids, advice))
    notes = [
        "Work within mild discomfort: pain up to about 3/10 during the exercises that settles by "
        "the next morning is acceptable; stop an exercise that makes pain spread into a leg.",
        "Move on to the next week only if this week felt manageable; repeat a week if not.",
    ]
    if level is Level.consultation:
        notes.insert(
            0,
            "Your assessment also says to book an appointment: take this programme with you and "
            "follow the clinician's advice where it differs.",
        )
    return Programme(
        offered=True,
        explanation=(
            f"A {weeks}-week programme of {len(chosen)} exercises, three sessions a week, chosen "
            "for what your assessment found."
        ),
        level=level,
        start=start,
        weeks=tuple(week_list),
        targets=tuple(target_list),
        excluded=excluded,
        notes=tuple(notes),
        sources=tuple(kb.cite(list(SOURCES))),
    )


def _phase(week: int, weeks: int) -> tuple[str, str]:
    if week == 1:
        return "foundation", "Learn each movement in its easier version, at a low dose."
    if week > weeks - 2:
        return "progress", "Harder versions, building the dose again from its low end."
    return "build", "The standard exercises, a little more each week."


def _lerp(pair: tuple[int, int], fraction: float) -> int:
    low, high = pair
    return low + math.floor((high - low) * fraction + 0.5)


def _prescribe(
    e: Exercise,
    week: int,
    weeks: int,
    blocked: dict[str, str],
    targets: Targets,
    kb: KnowledgeBase,
) -> Prescription:
    dose = e.dose
    assert dose is not None  # the loader insists on it
    measure = dose.reps if dose.reps is not None else dose.hold_seconds
    assert measure is not None
    build_weeks = weeks - 3  # weeks 2 .. weeks-2
    harder_allowed = not set(e.progression_not_with) & set(blocked)
    variant: Variant
    if week == 1:
        variant, sets, amount = "easier", dose.sets[0], measure[0]
    elif week <= weeks - 2:
        fraction = (week - 2) / max(build_weeks - 1, 1)
        variant = "standard"
        sets = dose.sets[0] if fraction < 0.5 else dose.sets[1]
        amount = _lerp(measure, fraction)
    elif harder_allowed:
        variant = "harder"
        sets = dose.sets[0]
        amount = _lerp(measure, 0.0 if week == weeks - 1 else 0.5)
    else:  # keep the standard version at the top of its dose
        variant, sets, amount = "standard", dose.sets[1], measure[1]
    how = {"easier": e.regression, "harder": e.progression}.get(variant, e.target)
    return Prescription(
        exercise_id=e.id,
        name=e.name,
        category=e.category or "",
        variant=variant,
        how=how,
        sets=sets,
        reps=amount if dose.reps is not None else None,
        hold_seconds=amount if dose.hold_seconds is not None else None,
        each_side=dose.each_side,
        cues=tuple(e.cues),
        caution=e.caution,
        addresses=tuple(targets[t][1] for t in e.addresses if t in targets),
        sources=tuple(kb.cite(e.sources)),
        illustration=e.illustration,
    )
