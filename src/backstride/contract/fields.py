"""A catalogue of the case's fields, read off the contract model itself.

Rules, the interview, the error messages and the missing-question ranking all need to know,
for each `section.field`, what kind of value it takes and which values are allowed. Reading it
from `Case` keeps one source of truth.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Literal

from annotated_types import Ge, Le
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from backstride.contract.case import SECTIONS, TOP_LEVEL_FIELDS, Case, PainRegion, Region, Side


@dataclass(frozen=True)
class FieldSpec:
    path: str
    kind: Literal["bool", "number", "integer", "choice", "list"]
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None

    def allowed(self) -> str:
        """What is allowed, in words, for error messages and help."""
        if self.kind == "bool":
            return "true or false"
        if self.kind in ("number", "integer"):
            noun = "a whole number" if self.kind == "integer" else "a number"
            if self.minimum is not None and self.maximum is not None:
                return f"{noun} from {_num(self.minimum)} to {_num(self.maximum)}"
            if self.minimum is not None:
                return f"{noun} of at least {_num(self.minimum)}"
            return noun
        if self.kind == "choice":
            return "one of " + ", ".join(self.choices)
        return "a list of " + ", ".join(self.choices)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _strip_optional(annotation: object) -> object:
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        non_none = [a for a in args if a is not type(None)]
        return non_none[0]
    return annotation


def _bounds(info: FieldInfo, annotation: object) -> tuple[float | None, float | None]:
    lo = hi = None
    metadata = list(info.metadata)
    if typing.get_origin(annotation) is typing.Annotated:
        metadata += list(typing.get_args(annotation)[1:])
    for meta in metadata:
        if isinstance(meta, Ge):
            lo = float(meta.ge)  # type: ignore[arg-type]
        elif isinstance(meta, Le):
            hi = float(meta.le)  # type: ignore[arg-type]
        elif hasattr(meta, "metadata"):
            for inner in meta.metadata:
                if isinstance(inner, Ge):
                    lo = float(inner.ge)  # type: ignore[arg-type]
                elif isinstance(inner, Le):
                    hi = float(inner.le)  # type: ignore[arg-type]
    return lo, hi


def _spec(path: str, info: FieldInfo) -> FieldSpec:
    annotation = _strip_optional(info.annotation)
    base = annotation
    if typing.get_origin(annotation) is typing.Annotated:
        base = typing.get_args(annotation)[0]
    origin = typing.get_origin(base)
    if origin is list:
        (item,) = typing.get_args(base)
        if item is PainRegion:
            regions = [r.value for r in Region]
            choices = tuple(regions + [f"{r}:{s.value}" for r in regions for s in Side])
            return FieldSpec(path, "list", choices)
        return FieldSpec(path, "list", tuple(m.value for m in item))
    if origin is Literal:
        return FieldSpec(path, "choice", tuple(str(a) for a in typing.get_args(base)))
    if isinstance(base, type) and issubclass(base, StrEnum):
        return FieldSpec(path, "choice", tuple(m.value for m in base))
    if base is bool:
        return FieldSpec(path, "bool")
    lo, hi = _bounds(info, annotation)
    return FieldSpec(path, "integer" if base is int else "number", (), lo, hi)


@cache
def case_fields() -> dict[str, FieldSpec]:
    """Every reportable case field by its dotted path, in contract order."""
    specs: dict[str, FieldSpec] = {}
    for name in TOP_LEVEL_FIELDS:
        specs[name] = _spec(name, Case.model_fields[name])
    for section in SECTIONS:
        model = Case.model_fields[section].default_factory
        assert isinstance(model, type) and issubclass(model, BaseModel)
        for name, info in model.model_fields.items():
            path = f"{section}.{name}"
            specs[path] = _spec(path, info)
    return specs


# Values the engine derives from the case before rules run (see `engine.derive`). They are not
# part of the case a runner sends, only of the vocabulary rules may use.
DERIVED_FIELDS: dict[str, FieldSpec] = {
    "derived.weekly_change_pct": FieldSpec("derived.weekly_change_pct", "number"),
    "derived.long_run_spike_pct": FieldSpec("derived.long_run_spike_pct", "number"),
    "derived.bmi": FieldSpec("derived.bmi", "number"),
    "derived.leg_symptoms": FieldSpec(
        "derived.leg_symptoms", "choice", ("none", "left", "right", "both")
    ),
    "derived.between_runs": FieldSpec("derived.between_runs", "choice", ("settles", "persists")),
    "derived.low_back": FieldSpec("derived.low_back", "choice", ("yes", "no", "unknown")),
    "derived.trunk": FieldSpec("derived.trunk", "choice", ("yes", "no", "unknown")),
    "derived.trend": FieldSpec("derived.trend", "choice", ("better", "same", "worse", "unknown")),
    "derived.onset": FieldSpec("derived.onset", "choice", ("sudden", "gradual", "unknown")),
    "derived.sex": FieldSpec("derived.sex", "choice", ("female", "male", "other", "unknown")),
    "derived.dark_urine": FieldSpec("derived.dark_urine", "choice", ("yes", "no", "unknown")),
    "derived.both_legs": FieldSpec("derived.both_legs", "choice", ("muscular", "possibly_nerve")),
    "derived.spa_features": FieldSpec("derived.spa_features", "number"),
    "derived.duration": FieldSpec(
        "derived.duration",
        "choice",
        ("under_2_weeks", "2_to_12_weeks", "over_12_weeks", "unknown"),
    ),
    "derived.over_50": FieldSpec("derived.over_50", "choice", ("yes", "no", "unknown")),
    "derived.postural": FieldSpec("derived.postural", "choice", ("yes", "no")),
    "derived.heat_explains": FieldSpec("derived.heat_explains", "choice", ("yes", "no")),
    "derived.current": FieldSpec("derived.current", "choice", ("yes", "no", "unknown")),
    "derived.chest_wall": FieldSpec("derived.chest_wall", "choice", ("yes", "no")),
    "derived.young_chest_wall": FieldSpec("derived.young_chest_wall", "choice", ("yes", "no")),
    "derived.claudication": FieldSpec("derived.claudication", "choice", ("yes", "no")),
    "derived.cramp_or_spasm": FieldSpec("derived.cramp_or_spasm", "choice", ("yes", "no")),
    "derived.moves_it": FieldSpec("derived.moves_it", "choice", ("yes", "no")),
    "derived.strain_started": FieldSpec("derived.strain_started", "choice", ("yes", "no")),
    "derived.strain_signs": FieldSpec("derived.strain_signs", "choice", ("yes", "no")),
    "derived.knock_or_strain": FieldSpec("derived.knock_or_strain", "choice", ("yes", "no")),
    "derived.pulled_on_a_run": FieldSpec("derived.pulled_on_a_run", "choice", ("yes", "no")),
    "derived.young_mild_strain": FieldSpec("derived.young_mild_strain", "choice", ("yes", "no")),
    "derived.young_effort_denied": FieldSpec(
        "derived.young_effort_denied", "choice", ("yes", "no")
    ),
    "derived.mechanical": FieldSpec("derived.mechanical", "choice", ("yes", "no")),
    "derived.muscular": FieldSpec("derived.muscular", "choice", ("yes", "no")),
    "derived.cramps_unexplained": FieldSpec("derived.cramps_unexplained", "choice", ("yes", "no")),
    "derived.weakness_stable": FieldSpec("derived.weakness_stable", "choice", ("yes", "no")),
    "derived.managed_chronic": FieldSpec("derived.managed_chronic", "choice", ("yes", "no")),
    "derived.home_care_tried": FieldSpec("derived.home_care_tried", "choice", ("yes", "no")),
    "derived.pain_severity": FieldSpec(
        "derived.pain_severity", "choice", ("mild", "moderate", "severe", "unknown")
    ),
    "derived.pain_now": FieldSpec(
        "derived.pain_now", "choice", ("mild", "moderate", "severe", "unknown")
    ),
    "derived.soreness": FieldSpec("derived.soreness", "choice", ("yes", "no")),
    "derived.facet_pattern": FieldSpec("derived.facet_pattern", "choice", ("yes", "no")),
    "derived.first_episode": FieldSpec("derived.first_episode", "choice", ("yes", "no")),
    "derived.known_spa": FieldSpec("derived.known_spa", "choice", ("yes", "no")),
}


@cache
def rule_fields() -> dict[str, FieldSpec]:
    """The fields a knowledge-base rule may read: the case's and the derived ones."""
    return {**case_fields(), **DERIVED_FIELDS}
