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
