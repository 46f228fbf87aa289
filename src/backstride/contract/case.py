"""The case: what a runner reports, as fixed by `assessment-contract.md` (version 1).

Every field is optional: an absent field means "not reported", never "no". Unknown fields are
errors. Field names and enum values are part of the public contract: add, never rename.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class Region(StrEnum):
    lower_back = "lower_back"
    buttock = "buttock"
    groin = "groin"
    hip = "hip"
    thigh_back = "thigh_back"
    thigh_front = "thigh_front"
    below_knee = "below_knee"
    foot = "foot"
    between_shoulder_blades = "between_shoulder_blades"
    upper_back = "upper_back"
    neck = "neck"
    chest = "chest"
    abdomen = "abdomen"
    flank = "flank"


class Side(StrEnum):
    left = "left"
    right = "right"
    both = "both"
    central = "central"


class Character(StrEnum):
    aching = "aching"
    sharp = "sharp"
    stabbing = "stabbing"
    shooting = "shooting"
    burning = "burning"
    tingling = "tingling"
    cramping = "cramping"
    stiffness = "stiffness"
    tearing = "tearing"
    throbbing = "throbbing"


class Onset(StrEnum):
    sudden = "sudden"
    gradual = "gradual"


class OnsetTrigger(StrEnum):
    during_run = "during_run"
    after_run = "after_run"
    lifting = "lifting"
    twisting = "twisting"
    minor_fall = "minor_fall"
    blow_to_back = "blow_to_back"
    major_trauma = "major_trauma"
    on_waking = "on_waking"
    none = "none"


class When(StrEnum):
    during_run = "during_run"
    after_run = "after_run"
    at_rest = "at_rest"
    at_night = "at_night"
    on_waking = "on_waking"
    sitting = "sitting"
    standing = "standing"
    walking = "walking"


class WorseWith(StrEnum):
    bending_forward = "bending_forward"
    leaning_back = "leaning_back"
    twisting = "twisting"
    sitting = "sitting"
    standing = "standing"
    walking = "walking"
    running = "running"
    coughing_sneezing = "coughing_sneezing"
    lying_down = "lying_down"
    deep_breath = "deep_breath"
    exertion = "exertion"
    putting_on_shoes = "putting_on_shoes"
    hopping_or_single_leg_stance = "hopping_or_single_leg_stance"


class BetterWith(StrEnum):
    rest = "rest"
    movement = "movement"
    sitting_or_bending_forward = "sitting_or_bending_forward"
    lying_down = "lying_down"
    heat = "heat"
    ice = "ice"
    painkillers = "painkillers"


class LegSide(StrEnum):
    none = "none"
    left = "left"
    right = "right"
    both = "both"


class Diagnosis(StrEnum):
    disc_herniation = "disc_herniation"
    spinal_stenosis = "spinal_stenosis"
    scoliosis = "scoliosis"
    flat_feet = "flat_feet"
    osteoarthritis = "osteoarthritis"
    spondylolisthesis = "spondylolisthesis"
    leg_length_difference = "leg_length_difference"
    osteoporosis = "osteoporosis"
    axial_spondyloarthritis = "axial_spondyloarthritis"


class Treatment(StrEnum):
    rest = "rest"
    ice = "ice"
    heat = "heat"
    stretching = "stretching"
    strengthening = "strengthening"
    nsaids = "nsaids"
    paracetamol = "paracetamol"
    physiotherapy = "physiotherapy"
    massage = "massage"
    manual_therapy = "manual_therapy"


class Trend(StrEnum):
    better = "better"
    same = "same"
    worse = "worse"


class RecentChange(StrEnum):
    mileage_increase = "mileage_increase"
    speed_work = "speed_work"
    hills = "hills"
    new_shoes = "new_shoes"
    new_surface = "new_surface"
    race = "race"
    returned_after_break = "returned_after_break"
    carrying_load = "carrying_load"


class Shoes(StrEnum):
    running = "running"
    walking_sneakers = "walking_sneakers"
    flat = "flat"
    toning = "toning"
    cheap_imitation = "cheap_imitation"
    minimalist = "minimalist"


class Surface(StrEnum):
    asphalt = "asphalt"
    concrete = "concrete"
    track = "track"
    treadmill = "treadmill"
    trail = "trail"
    grass = "grass"
    sand = "sand"


Score010 = Annotated[float, Field(ge=0, le=10)]
NonNegative = Annotated[float, Field(ge=0)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class PainRegion(_Strict):
    region: Region
    side: Side


class Pain(_Strict):
    regions: list[PainRegion] | None = None
    character: list[Character] | None = None
    constant: bool | None = None
    intensity_now: Score010 | None = None
    intensity_worst: Score010 | None = None
    onset: Onset | None = None
    onset_trigger: OnsetTrigger | None = None
    duration_days: Annotated[float, Field(ge=0, le=36500)] | None = None
    when: list[When] | None = None
    worse_with: list[WorseWith] | None = None
    better_with: list[BetterWith] | None = None
    morning_stiffness_minutes: Annotated[int, Field(ge=0, le=1440)] | None = None
    wakes_at_night: bool | None = None
    tender_spot: bool | None = None
    bony_tenderness: bool | None = None
    muscle_spasm: bool | None = None
    swelling: bool | None = None
    bruising_over_spine: bool | None = None


class Neuro(_Strict):
    leg_numbness: LegSide | None = None
    leg_tingling: LegSide | None = None
    leg_weakness: LegSide | None = None
    weakness_progressing: bool | None = None
    foot_drop: bool | None = None
    saddle_numbness: bool | None = None
    urinary_retention: bool | None = None
    urinary_incontinence: bool | None = None
    bowel_incontinence: bool | None = None
    new_sexual_dysfunction: bool | None = None
    unsteady_walking: bool | None = None
    leg_pain_walking_eased_by_sitting: bool | None = None
    leg_pain_walking_eased_by_standing_still: bool | None = None


class General(_Strict):
    fever: bool | None = None
    chills: bool | None = None
    night_sweats: bool | None = None
    unexplained_weight_loss: bool | None = None
    feeling_very_unwell: bool | None = None
    history_of_cancer: bool | None = None
    immunosuppressed: bool | None = None
    iv_drug_use: bool | None = None
    recent_infection_or_spinal_procedure: bool | None = None
    osteoporosis: bool | None = None
    long_term_steroids: bool | None = None
    chest_pain: bool | None = None
    shortness_of_breath: bool | None = None
    sweating_or_nausea: bool | None = None
    pain_with_exertion_not_movement: bool | None = None
    fainting_or_dizziness: bool | None = None
    pulsatile_abdominal_mass: bool | None = None
    known_aortic_aneurysm: bool | None = None
    smoker: bool | None = None
    high_blood_pressure: bool | None = None
    dark_urine: bool | None = None
    urinary_symptoms: bool | None = None
    headache: bool | None = None
    hot_day_low_fluids: bool | None = None
    psoriasis_ibd_or_uveitis: bool | None = None
    family_history_spondyloarthritis: bool | None = None
    menstrual_irregularity: bool | None = None
    restricted_eating: bool | None = None
    months_since_childbirth: Annotated[float, Field(ge=0, le=600)] | None = None


class History(_Strict):
    previous_episodes: Annotated[int, Field(ge=0, le=1000)] | None = None
    diagnosed: list[Diagnosis] | None = None
    imaging_normal: bool | None = None
    previous_stress_fracture: bool | None = None
    treatments_tried: list[Treatment] | None = None
    trend: Trend | None = None


class Running(_Strict):
    years_running: Annotated[float, Field(ge=0, le=90)] | None = None
    weekly_km: Annotated[float, Field(ge=0, le=1000)] | None = None
    weekly_km_before: Annotated[float, Field(ge=0, le=1000)] | None = None
    long_run_km: Annotated[float, Field(ge=0, le=500)] | None = None
    longest_run_prev_30d_km: Annotated[float, Field(ge=0, le=500)] | None = None
    cadence_spm: Annotated[float, Field(ge=60, le=260)] | None = None
    shoe_km: Annotated[float, Field(ge=0, le=20000)] | None = None
    sitting_hours_per_day: Annotated[float, Field(ge=0, le=24)] | None = None
    strength_sessions_per_week: Annotated[float, Field(ge=0, le=21)] | None = None
    recent_changes: list[RecentChange] | None = None
    shoes: Shoes | None = None
    surface: list[Surface] | None = None
    warms_up: bool | None = None
    stretches_after: bool | None = None
    core_training: bool | None = None
    upper_back_training: bool | None = None


class Case(_Strict):
    """A runner's report. Absent means unknown."""

    schema_version: Literal["1"] = "1"
    age: Annotated[int, Field(ge=10, le=100)] | None = None
    sex: Literal["female", "male", "other"] | None = None
    height_cm: Annotated[float, Field(ge=50, le=250)] | None = None
    weight_kg: Annotated[float, Field(ge=20, le=350)] | None = None
    pain: Pain = Field(default_factory=Pain)
    neuro: Neuro = Field(default_factory=Neuro)
    general: General = Field(default_factory=General)
    history: History = Field(default_factory=History)
    running: Running = Field(default_factory=Running)


SECTIONS: tuple[str, ...] = ("pain", "neuro", "general", "history", "running")
TOP_LEVEL_FIELDS: tuple[str, ...] = ("age", "sex", "height_cm", "weight_kg")


def flatten(case: Case) -> dict[str, object]:
    """The case as `{"section.field": value}` for the fields that were reported.

    Enum members become their string values and regions become `"region:side"` strings, so that
    rules compare plain strings and numbers.
    """
    flat: dict[str, object] = {}
    for name in TOP_LEVEL_FIELDS:
        value = getattr(case, name)
        if value is not None:
            flat[name] = value
    for section in SECTIONS:
        part = getattr(case, section)
        for name, value in part.__dict__.items():
            if value is None:
                continue
            key = f"{section}.{name}"
            if name == "regions":
                flat[key] = [f"{r.region.value}:{r.side.value}" for r in value]
            elif isinstance(value, list):
                flat[key] = [v.value if isinstance(v, StrEnum) else v for v in value]
            elif isinstance(value, StrEnum):
                flat[key] = value.value
            else:
                flat[key] = value
    return flat
