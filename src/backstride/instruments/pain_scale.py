"""Numeric pain rating scale (NPRS): one whole number, 0 (no pain) to 10 (worst imaginable).

Kamper et al. 2010: a score of 0 best matches people's own sense of full recovery.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from backstride.instruments.common import NPRS, Score, as_int, refuse, split_items

# LOINC 72514-3: pain severity, 0-10 verbal numeric rating, reported.
LOINC: Final = "72514-3"


def band(value: int) -> str:
    """Reading aid, not a published cut-off set: 0 none, 1-3 mild, 4-6 moderate, 7-10 severe."""
    if value == 0:
        return "no pain"
    if value <= 3:
        return "mild"
    return "moderate" if value <= 6 else "severe"


def score(value: object) -> Score:
    pain = as_int("pain", value, 0, 10)
    return Score(NPRS, pain, band(pain), {"pain": pain})


def score_text(text: str) -> Score:
    values = [v for v in split_items(text) if v]
    if len(values) != 1:
        raise refuse("pain", text, "one whole number from 0 to 10")
    return score(values[0])


def score_stored(items: Mapping[str, Any]) -> Score:
    return score(items.get("pain"))
