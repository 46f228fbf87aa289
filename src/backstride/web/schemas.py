"""The API's request and response models (documented by OpenAPI at /docs).

The case and result models are the contract's own; these wrap them with storage ids and add the
diary, activity and load shapes.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

import annotated_types as bounds
from pydantic import BaseModel, ConfigDict, Field

from backstride.contract.case import Case, Region
from backstride.contract.result import Level, Result
from backstride.training.calendar import EARLIEST_DAY, LATEST_DAY
from backstride.training.diary import MAX_NOTES_CHARS, MAX_STIFFNESS_MINUTES

# A day given to the web app or the API (path, query or body): see training.calendar.
Day = Annotated[date, bounds.Ge(EARLIEST_DAY), bounds.Le(LATEST_DAY)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProblemOut(_Model):
    field: str = Field(description="The field at fault, as a dotted path.")
    value: str | None = Field(description="The value given, as text (null when absent).")
    allowed: str = Field(description="What the field accepts.")
    message: str = Field(description="The whole problem in one line.")


class ErrorBody(_Model):
    message: str
    problems: list[ProblemOut]


class ErrorOut(_Model):
    error: ErrorBody


class Health(_Model):
    status: str


class SavedAssessmentOut(_Model):
    id: int
    created_at: datetime
    kb_version: str
    case: Case
    result: Result


class AssessmentSummary(_Model):
    id: int
    created_at: datetime
    kb_version: str
    level: Level
    action: str
    top_condition: str | None


class DiaryFields(_Model):
    pain_morning: int | None = Field(default=None, ge=0, le=10, description="0-10 on waking.")
    pain_during: int | None = Field(default=None, ge=0, le=10, description="0-10 while running.")
    pain_after: int | None = Field(default=None, ge=0, le=10, description="0-10 after running.")
    regions: list[Region] = Field(default_factory=list)
    morning_stiffness_minutes: int | None = Field(default=None, ge=0, le=MAX_STIFFNESS_MINUTES)
    notes: str | None = Field(default=None, max_length=MAX_NOTES_CHARS)


class DiaryIn(DiaryFields):
    day: Day


class DiaryOut(DiaryIn):
    run_km: list[float] = Field(description="Runs that day, in km.")


class ActivityOut(_Model):
    id: int
    sport: str
    start_time: datetime
    duration_s: float
    distance_km: float | None
    avg_hr: float | None
    avg_cadence_spm: float | None
    elevation_gain_m: float | None
    shoe: str | None
    name: str | None
    device: str | None


class ImportOut(_Model):
    files: int
    imported: int
    activities: int
    already_imported: int
    duplicate_activities: int
    replaced_summaries: int = Field(
        description=(
            "Activities imported earlier from an export's list alone (a Garmin summary, a "
            "Strava CSV line) that a file in this upload replaced with its detail."
        )
    )
    skipped: list[str] = Field(description="Files not imported, each with the reason.")


class LoadOut(_Model):
    as_of: date
    km_7d: float | None
    km_prev_7d: float | None
    km_prev2_7d: float | None
    change_wow: float | None
    change_2wk: float | None
    flag_2wk: bool
    progression_limit: float
    acwr_rolling: float | None
    acwr_ewma: float | None
    acwr_band: str | None
    monotony: float | None
    strain: float | None
    aerobic_minutes_7d: float | None
    aerobic_target_minutes: float
    cadence_spm: float | None
    weeks: list[dict[str, Any]]
    weekly_pain: list[dict[str, Any]]
    spikes: list[dict[str, Any]]
    shoes: list[dict[str, Any]]
    notes: list[str]
