"""Oswestry Disability Index (ODI) version 2.1a: ten sections, a percentage and a band.

Scoring (Fairbank et al. 1980; Fairbank & Pynsent 2000):
- each section is scored 0-5; the index is sum / (5 x sections answered) x 100, so an
  unanswered section takes 5 off the denominator rather than counting as 0;
- where two statements are ticked in one section, the higher score counts;
- bands: 0-20 minimal, 21-40 moderate, 41-60 severe, 61-80 crippled, 81-100 bed-bound (or
  exaggerating).

The questionnaire's wording is licensed (© Jeremy Fairbank; distributed by Mapi Research
Trust), so backstride ships only the section names and the scoring. A clinician who holds the
instrument enters each section's score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from backstride.errors import UserError
from backstride.instruments.common import (
    OSWESTRY,
    Score,
    as_int,
    expect_count,
    refuse,
    split_items,
)

SECTIONS: Final[tuple[str, ...]] = (
    "Pain intensity",
    "Personal care",
    "Lifting",
    "Walking",
    "Sitting",
    "Standing",
    "Sleeping",
    "Sex life (if applicable)",
    "Social life",
    "Travelling",
)
# (upper bound of the band in %, band name)
BANDS: Final[tuple[tuple[float, str], ...]] = (
    (20, "minimal"),
    (40, "moderate"),
    (60, "severe"),
    (80, "crippled"),
    (100, "bed-bound or exaggerating"),
)
LICENCE_NOTE: Final = (
    "Oswestry Disability Index: © Jeremy Fairbank, licensed through Mapi Research Trust. "
    "backstride does not include its wording; enter the section scores from a licensed form."
)
_MISSING = frozenset({"", "-", "x", "na", "n/a", "none", "skip", "?"})


def band(percent: float) -> str:
    """The band for an index: up to 20 minimal, above 20 up to 40 moderate, and so on."""
    for upper, name in BANDS:
        if percent <= upper:
            return name
    return BANDS[-1][1]


def section_score(index: int, raw: object) -> int | None:
    """One section's score: 0-5, None when unanswered; `"2/4"` (two ticks) counts as 4."""
    name = f"oswestry section {index} ({SECTIONS[index - 1]})"
    if raw is None:
        return None
    if isinstance(raw, str):
        text = raw.strip().lower()
        if text in _MISSING:
            return None
        for sep in ("/", "+", "&", "|"):
            if sep in text:
                ticks = [section_score(index, part) for part in text.split(sep)]
                if any(t is None for t in ticks):
                    raise refuse(name, raw, "scores from 0 to 5, e.g. 2/3 for two ticks")
                return max(t for t in ticks if t is not None)
        return as_int(name, text, 0, 5)
    if isinstance(raw, list):  # stored two ticks
        ticks = [section_score(index, part) for part in raw]
        return max((t for t in ticks if t is not None), default=None)
    return as_int(name, raw, 0, 5)


def score_sections(sections: Sequence[object]) -> Score:
    """Score ten section entries (0-5, None for unanswered, a list or 'a/b' for two ticks)."""
    expect_count("oswestry", sections, len(SECTIONS))
    scores = [section_score(i, raw) for i, raw in enumerate(sections, start=1)]
    answered = [s for s in scores if s is not None]
    if not answered:
        raise UserError("oswestry: no section was answered; expected at least one score 0-5")
    percent = sum(answered) / (5 * len(answered)) * 100
    return Score(
        instrument=OSWESTRY,
        total=round(percent, 1),
        band=band(percent),
        items={"sections": scores},
        detail={"answered": len(answered), "sum": sum(answered), "maximum": 5 * len(answered)},
    )


def score_text(text: str) -> Score:
    """`"2,3,1,-,2,2,1,-,2,3/4"`: ten sections, `-` unanswered, `3/4` two ticks."""
    return score_sections(split_items(text))


def score_stored(items: Mapping[str, Any]) -> Score:
    sections = items.get("sections")
    if not isinstance(sections, list):
        raise refuse("oswestry sections", sections, "a list of ten section scores")
    return score_sections(sections)
