"""Typed schemas of the knowledge-base files. Every entry cites its sources.

The YAML files in `kb/data/` are validated against these models on load; unknown keys are
errors, so a misspelt field never goes silently missing.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from backstride.contract.result import Level

SeedRef = Annotated[str, Field(pattern=r"^S(0[1-9]|[1-3][0-9]|40)$")]
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
SourceIds = Annotated[list[Id], Field(min_length=1)]


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Source(Entry):
    id: Id
    kind: Literal["seed", "guideline", "paper", "review", "consensus", "website", "instrument"]
    short: str  # how it is cited in results: "NICE NG59", "seed 000_8f498e0e3a9beaa7.txt"
    title: str
    year: int | None = None
    file: str | None = None  # seeds: the file name in shared/seeds
    url: str | None = None
    doi: str | None = None

    @field_validator("file")
    @classmethod
    def _seed_file_name(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\d{3}_[0-9a-f]{16}\.txt", value):
            raise ValueError("a seed file name looks like 000_8f498e0e3a9beaa7.txt")
        return value


class Disputed(Entry):
    """A seed claim that current guidance rejects: kept for the record, never given as advice."""

    claim: str
    seed: Id
    reason: str
    guidance: SourceIds


class Finding(Entry):
    """Evidence for (lr > 1) or against (lr < 1) a condition, as a rule over case fields."""

    when: str = Field(alias="if")
    lr: Annotated[float, Field(gt=0, le=1000)]
    # Findings in one group overlap (e.g. several ways of saying "leg symptoms"); only the
    # strongest one that matches counts, so correlated evidence is not multiplied.
    group: str | None = None
    note: str | None = None
    sources: list[Id] = Field(default_factory=list)


class RunningGuidance(Entry):
    advice: Literal["continue", "modify", "pause", "stop"]
    alternatives: list[str] = Field(default_factory=list)
    text: str


class Condition(Entry):
    id: Id
    name: str
    category: Literal["serious", "specific", "mechanical", "mimic", "upper_back"]
    summary: str
    presentation: str
    prevalence: str
    prior: Annotated[float, Field(gt=0, lt=1)]
    level: Level
    # The condition's level applies once its probability reaches this threshold.
    level_threshold: Annotated[float, Field(gt=0, lt=1)] = 0.4
    # The lower level it asks once the pain is a known, unchanging pattern that is not there
    # now (the heart's stable angina: NICE CG95's rapid-access clinic, not an ambulance).
    settled_level: Level | None = None
    findings: list[Finding]
    recommendations: list[Id] = Field(default_factory=list)
    avoid: list[Id] = Field(default_factory=list)
    running: RunningGuidance
    course: str
    reassess_in_days: Annotated[int, Field(ge=0, le=90)]
    escalate_if: list[str] = Field(default_factory=list)
    sources: SourceIds
    seed_refs: list[SeedRef] = Field(default_factory=list)


class RedFlag(Entry):
    id: Id
    label: str
    level: Level
    # Strong flags set the level on their own; weak flags (Henschke 2009: most people with
    # ordinary back pain have one) only count when several occur together.
    strength: Literal["strong", "weak"]
    rule: str
    condition: Id | None = None
    why: str
    # The fields that must be asked to rule this flag out, and when asking matters most.
    screen: list[str] = Field(default_factory=list)
    ask_when: str | None = None
    sources: SourceIds
    seed_refs: list[SeedRef] = Field(default_factory=list)


class CourseRule(Entry):
    """Escalation by course and duration (not a red flag): persisting or worsening pain."""

    id: Id
    rule: str
    level: Level
    reason: str
    # The condition the course points at, when it points at one (shown near the top of the list).
    condition: Id | None = None
    sources: SourceIds
    seed_refs: list[SeedRef] = Field(default_factory=list)


class Factor(Entry):
    id: Id
    label: str
    rule: str
    why: str
    advice: str
    recommendations: list[Id] = Field(default_factory=list)
    sources: SourceIds
    seed_refs: list[SeedRef] = Field(default_factory=list)


class Advice(Entry):
    """A recommendation (`do`) or something to avoid, cited and explained."""

    id: Id
    kind: Literal["do", "avoid"]
    text: str
    why: str
    evidence: str
    sources: SourceIds
    seed_refs: list[SeedRef] = Field(default_factory=list)


class Treatment(Entry):
    id: Id
    name: str
    summary: str
    pros: list[str]
    cons: list[str]
    evidence: str
    stance: Literal["recommended", "option", "only_with_exercise", "not_recommended"]
    guideline: str
    disputed: list[Disputed] = Field(default_factory=list)
    sources: SourceIds
    seed_refs: list[SeedRef] = Field(default_factory=list)


class TechniqueRule(Entry):
    id: Id
    number: Annotated[int, Field(ge=1, le=12)]
    rule: str
    reason: str
    disputed: list[Disputed] = Field(default_factory=list)
    sources: SourceIds
    seed_refs: list[SeedRef] = Field(default_factory=list)


class Topic(Entry):
    """Education: classification, prevention, the upper back, the care pathway, evidence."""

    id: Id
    kind: Literal[
        "classification", "prevention", "upper_back", "care_pathway", "evidence", "differential"
    ]
    title: str
    text: str
    disputed: list[Disputed] = Field(default_factory=list)
    sources: SourceIds
    seed_refs: list[SeedRef] = Field(default_factory=list)


ExerciseCategory = Literal[
    "core",
    "glutes",
    "hamstrings",
    "hip_mobility",
    "thoracic_mobility",
    "lumbar_mobility",
    "piriformis",
    "upper_back",
    "warm_up",
]
Range = tuple[int, int]


class Dose(Entry):
    """The dosage as numbers, so a programme can progress it week by week: from the first
    number of each range towards the second."""

    sets: Range
    reps: Range | None = None
    hold_seconds: Range | None = None
    each_side: bool = False

    @model_validator(mode="after")
    def _one_measure_and_ordered(self) -> Dose:
        if (self.reps is None) == (self.hold_seconds is None):
            raise ValueError("give either reps or hold_seconds")
        for name in ("sets", "reps", "hold_seconds"):
            pair = getattr(self, name)
            if pair is not None and not 1 <= pair[0] <= pair[1]:
                raise ValueError(f"{name}: give [from, to] with 1 <= from <= to")
        return self


class Exercise(Entry):
    id: Id
    name: str
    target: str
    dosage: str
    cues: list[str]
    progression: str
    regression: str
    # Conditions or factors under which the exercise must not be offered.
    not_with: list[Id] = Field(default_factory=list)
    caution: str = ""
    sources: SourceIds
    seed_refs: list[SeedRef] = Field(default_factory=list)
    # For personal programmes (backstride.plans): the group it belongs to, its dosage as
    # numbers, the factor or condition ids it addresses, conditions or factors under which only
    # the harder `progression` is withheld, and an SVG drawing in kb/data/illustrations/.
    category: ExerciseCategory | None = None
    dose: Dose | None = None
    addresses: list[Id] = Field(default_factory=list)
    progression_not_with: list[Id] = Field(default_factory=list)
    illustration: Annotated[str, Field(pattern=r"^[a-z0-9_]+\.svg$")] | None = None


class Text(Entry):
    """Fixed wording used by the engine (disclaimer, actions per level)."""

    disclaimer: str
    actions: dict[Level, str]
    general_escalation: list[str]
    sources: SourceIds
