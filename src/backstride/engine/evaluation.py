"""Scoring the engine on clinical vignettes: the figures an open safety case publishes.

A vignette is a case with the answer clinicians expect: a triage level (and any neighbouring
level they would also accept), the condition that should be among the first three, and the
contributing factors that should be found. Scoring counts how often the level is accepted,
how often it is below every accepted level (under-triage: the unsafe error) or above them
(over-triage: the costly one), whether any emergency was missed, how many self-care cases
were left at self-care, and how often the expected condition is in the first three. The same
rules as the project's `score_vignettes.py` tool, in-process and with a confusion matrix.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from backstride.contract.case import Case
from backstride.contract.result import LEVEL_ORDER, Level, Result
from backstride.contract.validate import problems_of
from backstride.errors import UserError

TOP = 3  # the expected condition must be among this many


class VignetteError(UserError):
    """A vignette file that does not follow the format."""


class Expectations(BaseModel):
    """What clinicians expect for a vignette's case (`story` and other notes are ignored)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    expected_triage: Level
    acceptable_triage: tuple[Level, ...] = ()
    expected_condition: str
    acceptable_conditions: tuple[str, ...] = ()
    expected_factors: tuple[str, ...] = ()


class Vignette(Expectations):
    """One vignette, in the format of the project's vignette files."""

    case: Case

    @property
    def accepted_levels(self) -> tuple[Level, ...]:
        return (self.expected_triage, *self.acceptable_triage)

    @property
    def accepted_conditions(self) -> tuple[str, ...]:
        return (self.expected_condition, *self.acceptable_conditions)

    @property
    def is_emergency(self) -> bool:
        return LEVEL_ORDER[self.expected_triage] >= LEVEL_ORDER[Level.emergency]


LEVELS = ", ".join(level.value for level in Level)


def _problem(error: Any) -> str:
    where = ".".join(str(part) for part in error["loc"])
    if error["type"] == "missing":
        return f"{where}: is required"
    if error["type"] == "enum":
        return f"{where}: {error['input']!r} is not a triage level; expected one of {LEVELS}"
    return f"{where}: {error['msg']}"


def _vignette_problems(item: Any, known: Known) -> list[str]:
    """Every problem of one decoded vignette: the case's in the contract's words."""
    if not isinstance(item, dict):
        return [f"expected an object, got {type(item).__name__}"]
    problems = []
    try:
        Case.model_validate(item.get("case"))
    except ValidationError as exc:
        problems += [f"case.{line}" for line in problems_of(exc)]
    try:
        Expectations.model_validate(item)
    except ValidationError as exc:
        problems += [_problem(error) for error in exc.errors()]
    return problems + _unknown_ids(item, known)


def _unknown_ids(item: dict[str, Any], known: Known) -> list[str]:
    problems = []
    for field, allowed, kind in (
        ("expected_condition", known.conditions, "condition"),
        ("acceptable_conditions", known.conditions, "condition"),
        ("expected_factors", known.factors, "factor"),
    ):
        value = item.get(field)
        ids = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        problems += [
            f"{field}: {i!r} is not a {kind} id of the knowledge base"
            for i in ids
            if isinstance(i, str) and i not in allowed
        ]
    return problems


@dataclass(frozen=True, slots=True)
class Known:
    """The condition and factor ids a vignette may expect (the knowledge base's)."""

    conditions: frozenset[str]
    factors: frozenset[str]


def parse_vignettes(items: Any, source: str, known: Known) -> list[Vignette]:
    """Validate decoded vignettes (a list of objects); every problem names the file, the
    vignette and the field."""
    if not isinstance(items, list):
        raise VignetteError(f"{source}: expected a list of vignettes, got {type(items).__name__}")
    problems = []
    for number, item in enumerate(items, start=1):
        name = item.get("id", f"#{number}") if isinstance(item, dict) else f"#{number}"
        problems += [f"{source}: vignette {name}: {p}" for p in _vignette_problems(item, known)]
    if problems:
        raise VignetteError(problems[0], problems)
    return [Vignette.model_validate(item) for item in items]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the engine answered for one vignette, judged against it."""

    vignette: Vignette
    level: Level
    top: tuple[str, ...]
    factors: frozenset[str]

    @property
    def triage_accepted(self) -> bool:
        return self.level in self.vignette.accepted_levels

    @property
    def under_triaged(self) -> bool:
        lowest = min(LEVEL_ORDER[level] for level in self.vignette.accepted_levels)
        return LEVEL_ORDER[self.level] < lowest

    @property
    def over_triaged(self) -> bool:
        highest = max(LEVEL_ORDER[level] for level in self.vignette.accepted_levels)
        return LEVEL_ORDER[self.level] > highest

    @property
    def emergency_missed(self) -> bool:
        return self.vignette.is_emergency and LEVEL_ORDER[self.level] < LEVEL_ORDER[Level.emergency]

    @property
    def condition_in_top(self) -> bool:
        return any(c in self.top for c in self.vignette.accepted_conditions)

    @property
    def factors_missing(self) -> tuple[str, ...]:
        return tuple(f for f in self.vignette.expected_factors if f not in self.factors)

    def problems(self) -> list[str]:
        """Plain descriptions of what went wrong; empty when the vignette passed."""
        wanted = " or ".join(level.value for level in self.vignette.accepted_levels)
        found = []
        if self.emergency_missed:
            found.append(f"EMERGENCY MISSED: answered {self.level.value}, expected {wanted}")
        elif not self.triage_accepted:
            direction = "under-triage" if self.under_triaged else "over-triage"
            found.append(f"{direction}: answered {self.level.value}, expected {wanted}")
        if not self.condition_in_top:
            found.append(
                f"{self.vignette.expected_condition} not in the first {TOP} "
                f"({', '.join(self.top) or 'none'})"
            )
        if self.factors_missing:
            found.append(f"factors not found: {', '.join(self.factors_missing)}")
        return found


def judge(vignette: Vignette, result: Result) -> Outcome:
    return Outcome(
        vignette=vignette,
        level=result.triage.level,
        top=tuple(c.id for c in result.conditions[:TOP]),
        factors=frozenset(f.id for f in result.factors),
    )


@dataclass(frozen=True, slots=True)
class Scorecard:
    """The outcomes of one set of vignettes, and the counts a safety case reports."""

    name: str
    outcomes: tuple[Outcome, ...]

    @property
    def total(self) -> int:
        return len(self.outcomes)

    def count(self, test: Callable[[Outcome], bool]) -> int:
        return sum(1 for outcome in self.outcomes if test(outcome))

    @property
    def triage_accepted(self) -> int:
        return self.count(lambda o: o.triage_accepted)

    @property
    def under_triaged(self) -> int:
        return self.count(lambda o: o.under_triaged)

    @property
    def over_triaged(self) -> int:
        return self.count(lambda o: o.over_triaged)

    @property
    def emergencies(self) -> int:
        return self.count(lambda o: o.vignette.is_emergency)

    @property
    def emergencies_caught(self) -> int:
        return self.count(lambda o: o.vignette.is_emergency and not o.emergency_missed)

    @property
    def self_care(self) -> int:
        return self.count(lambda o: o.vignette.expected_triage is Level.self_care)

    @property
    def self_care_kept(self) -> int:
        return self.count(
            lambda o: o.vignette.expected_triage is Level.self_care and o.level is Level.self_care
        )

    @property
    def condition_in_top(self) -> int:
        return self.count(lambda o: o.condition_in_top)

    @property
    def with_factors(self) -> int:
        return self.count(lambda o: bool(o.vignette.expected_factors))

    @property
    def factors_found(self) -> int:
        return self.count(lambda o: bool(o.vignette.expected_factors) and not o.factors_missing)

    @property
    def passed(self) -> bool:
        return all(not outcome.problems() for outcome in self.outcomes)

    def confusion(self) -> Counter[tuple[Level, Level]]:
        """(expected level, answered level) -> how many vignettes."""
        return Counter((o.vignette.expected_triage, o.level) for o in self.outcomes)


def score(name: str, vignettes: Iterable[Vignette], assess: Callable[[Case], Result]) -> Scorecard:
    """Run every vignette's case through `assess` and judge the answers."""
    return Scorecard(name, tuple(judge(v, assess(v.case)) for v in vignettes))


def combined(cards: Sequence[Scorecard], name: str = "all sets") -> Scorecard:
    return Scorecard(name, tuple(outcome for card in cards for outcome in card.outcomes))
