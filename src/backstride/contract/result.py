"""The result: what the engine answers, as fixed by `assessment-contract.md` (version 1)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Level(StrEnum):
    """Triage levels, least to most urgent. Order matters: comparisons use `LEVEL_ORDER`."""

    self_care = "self_care"
    consultation = "consultation"
    consultation_24 = "consultation_24"
    emergency = "emergency"
    emergency_ambulance = "emergency_ambulance"


LEVEL_ORDER: dict[Level, int] = {level: i for i, level in enumerate(Level)}

# The seeds' five risk tiers (seed 001), one per level.
RISK_BY_LEVEL: dict[Level, str] = {
    Level.self_care: "low",
    Level.consultation: "low_medium",
    Level.consultation_24: "medium",
    Level.emergency: "medium_high",
    Level.emergency_ambulance: "high",
}


def max_level(*levels: Level) -> Level:
    return max(levels, key=LEVEL_ORDER.__getitem__)


class _Out(BaseModel):
    # Frozen: the engine reuses identical pieces (advice items, screening lines) across
    # results, so they must not be changed in place; use `model_copy(update=...)`.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Triage(_Out):
    level: Level
    risk: Literal["low", "low_medium", "medium", "medium_high", "high"]
    action: str
    reasons: list[str]


class RedFlagHit(_Out):
    id: str
    label: str
    level: Level
    findings: list[str]


class ScreenedFlag(_Out):
    """A strong red flag that did not fire: `ruled_out` by the answers to its screening
    questions, or `not_asked` (some are unanswered and it could still fire). A flag that
    other answers exclude whatever its own questions say is not listed."""

    id: str
    label: str
    status: Literal["ruled_out", "not_asked"]


class ConditionHit(_Out):
    id: str
    name: str
    score: float = Field(ge=0, le=1)
    supporting: list[str]
    against: list[str]
    sources: list[str]


class FactorHit(_Out):
    id: str
    label: str
    findings: list[str]
    advice: str
    sources: list[str] = Field(default_factory=list)


class Recommendation(_Out):
    id: str
    text: str
    why: str
    evidence: str
    sources: list[str]


class Avoid(_Out):
    id: str
    text: str
    why: str
    sources: list[str] = Field(default_factory=list)


class RunningAdvice(_Out):
    advice: Literal["continue", "modify", "pause", "stop"]
    alternatives: list[str]
    text: str = ""


class FollowUp(_Out):
    reassess_in_days: int
    escalate_if: list[str]


class MissingQuestion(_Out):
    field: str
    why: str
    could_raise_to: Level | None = Field(
        default=None,
        description="For a red-flag question: the level of the red flag it screens for, which "
        "the most worrying answer could lead to (always above this result's level). None for "
        "questions about the cause.",
    )


class HistoryValue(BaseModel):
    """A `running.*` value filled from imported training history, and the runs behind it
    (with any further detail the history gives, such as the single-run spike ratio)."""

    model_config = ConfigDict(extra="allow")

    value: Any
    source: Literal["history", "runner"]
    how: str = ""
    runs: list[dict[str, Any]] = Field(default_factory=list)
    history_value: Any = None


class TrainingHistory(_Out):
    as_of: str
    fields: dict[str, HistoryValue]


class Result(_Out):
    schema_version: Literal["1"] = "1"
    kb_version: str
    triage: Triage
    red_flags: list[RedFlagHit]
    red_flags_screened: list[ScreenedFlag]
    pain_type: Literal["aching_constant", "sharp", "radiating"] | None
    conditions: list[ConditionHit]
    factors: list[FactorHit]
    recommendations: list[Recommendation]
    avoid: list[Avoid]
    running: RunningAdvice
    follow_up: FollowUp
    missing_questions: list[MissingQuestion]
    disclaimer: str
    # Present when the running fields were filled from the runner's imported history.
    training_history: TrainingHistory | None = None
