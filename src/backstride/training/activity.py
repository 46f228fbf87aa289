"""An activity as the domain core sees it, whatever file or service it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Sport(StrEnum):
    running = "running"
    walking = "walking"
    hiking = "hiking"
    cycling = "cycling"
    swimming = "swimming"
    strength = "strength"
    other = "other"


@dataclass(frozen=True, slots=True)
class Activity:
    """One session. Times are timezone-aware UTC; distances in metres; cadence in steps/min.

    `start` and `duration_s` are always known; the rest is `None` when the source lacks it
    (a treadmill run without GPS has no track but keeps its distance and time).
    """

    sport: Sport
    start: datetime
    duration_s: float
    distance_m: float | None = None
    moving_s: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    avg_cadence_spm: float | None = None
    median_cadence_spm: float | None = None
    elevation_gain_m: float | None = None
    indoor: bool = False
    surface: str | None = None
    name: str | None = None
    device: str | None = None
    shoe: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def distance_km(self) -> float:
        return (self.distance_m or 0.0) / 1000.0

    @property
    def is_run(self) -> bool:
        return self.sport is Sport.running
