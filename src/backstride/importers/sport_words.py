"""Guessing the sport from the free text that GPX and TCX files carry (type, name, app codes)."""

from __future__ import annotations

import re

from backstride.training.activity import Sport

# Strava writes its own activity-type numbers into GPX <type>.
_STRAVA_CODES = {"1": Sport.cycling, "4": Sport.hiking, "9": Sport.running, "10": Sport.walking}

# Words in several languages, since activity names come from the user's locale.
_WORDS: tuple[tuple[Sport, str], ...] = (
    (Sport.running, r"run|running|jog|corrida|carrera|lauf|course à pied|footing|treadmill"),
    (Sport.cycling, r"ride|cycl|bike|biking|ciclo|fiets|vélo|velo|rad"),
    (Sport.walking, r"walk|caminhada|caminata|wandel|marche"),
    (Sport.hiking, r"hike|hiking|trek|trilha|wander"),
    (Sport.swimming, r"swim|nata|schwimm|natation"),
)
_PATTERNS = [(sport, re.compile(rf"\b({words})", re.IGNORECASE)) for sport, words in _WORDS]


def sport_from_text(*texts: str | None) -> Sport | None:
    """The first sport that the texts name, most specific text first; None if none does."""
    for text in texts:
        if not text:
            continue
        code = text.strip()
        if code in _STRAVA_CODES:
            return _STRAVA_CODES[code]
        for sport, pattern in _PATTERNS:
            if pattern.search(text):
                return sport
    return None


# Typical average speeds (km/h) when a file names no sport: recreational running mostly falls
# between about 7 and 16 km/h, walking below, cycling above. Used only as a last resort.
RUNNING_SPEED_KMH = (6.5, 16.0)
WALKING_SPEED_KMH = (2.5, 6.5)


def sport_from_speed(distance_m: float | None, moving_s: float | None) -> Sport | None:
    """A guess from the average moving speed, for files that say nothing about their sport."""
    if not distance_m or not moving_s or moving_s <= 0:
        return None
    kmh = distance_m / 1000.0 / (moving_s / 3600.0)
    if RUNNING_SPEED_KMH[0] <= kmh < RUNNING_SPEED_KMH[1]:
        return Sport.running
    if WALKING_SPEED_KMH[0] <= kmh < WALKING_SPEED_KMH[1]:
        return Sport.walking
    return None
