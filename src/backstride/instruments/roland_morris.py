"""Roland-Morris Disability Questionnaire (RMDQ), 24-item version: a count of 0-24.

Scoring (Roland & Morris 1983; Roland & Fairbank 2000): the person ticks each statement that
applies to them today; the score is the number ticked. An unticked statement, or one marked not
applicable, counts as 0, so the form has no missing items.

The statements are the authors' copyright, so backstride ships no statement text: a clinician
holding the questionnaire enters which items were ticked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from backstride.instruments.common import RMDQ, Score, expect_count, refuse, split_items

ITEMS: Final = 24
# Kamper et al. 2010: a score of 2 or less best matches people's own sense of full recovery.
RECOVERED_AT_MOST: Final = 2
LICENCE_NOTE: Final = (
    "Roland-Morris Disability Questionnaire: copyright of its authors (see rmdq.org). "
    "backstride does not include the statements; enter which items were ticked on the form."
)
_TICKED = frozenset({"1", "y", "yes", "x", "true", "ticked"})
_NOT = frozenset({"0", "n", "no", "", "-", "false", "na", "n/a", "not applicable"})


def band(total: int) -> str:
    """Not a published band: a reading aid. 0-2 matches recovery (Kamper 2010)."""
    return "recovered range" if total <= RECOVERED_AT_MOST else "disability reported"


def tick(index: int, raw: object) -> int:
    if isinstance(raw, bool):
        return int(raw)
    if isinstance(raw, int) and raw in (0, 1):
        return raw
    text = str(raw).strip().lower() if raw is not None else ""
    if text in _TICKED:
        return 1
    if text in _NOT:
        return 0
    raise refuse(f"rmdq item {index}", raw, "1 (ticked) or 0 (not ticked or not applicable)")


def score_ticks(values: Sequence[object]) -> Score:
    expect_count("rmdq", values, ITEMS)
    ticks = [tick(i, raw) for i, raw in enumerate(values, start=1)]
    total = sum(ticks)
    return Score(RMDQ, total, band(total), {"ticked": ticks}, {"ticked_items": total})


def score_numbers(numbers: Sequence[int]) -> Score:
    """Score from the numbers of the ticked items (1-24), e.g. `[2, 5, 17]`."""
    ticks = [0] * ITEMS
    for n in numbers:
        if not 1 <= n <= ITEMS:
            raise refuse("rmdq ticked item", n, f"item numbers from 1 to {ITEMS}")
        ticks[n - 1] = 1
    return score_ticks(ticks)


def score_text(text: str) -> Score:
    """24 entries of 1/0 (`n/a` counts as 0), or `ticked:2,5,17` for the ticked items' numbers."""
    stripped = text.strip().lower()
    if stripped.startswith("ticked:"):
        parts = [p for p in split_items(stripped.removeprefix("ticked:")) if p]
        numbers = []
        for part in parts:
            if not part.isdigit():
                raise refuse("rmdq ticked item", part, f"item numbers from 1 to {ITEMS}")
            numbers.append(int(part))
        return score_numbers(numbers)
    return score_ticks(split_items(text))


def score_stored(items: Mapping[str, Any]) -> Score:
    ticked = items.get("ticked")
    if not isinstance(ticked, list):
        raise refuse("rmdq ticked", ticked, "a list of 24 0/1 answers")
    return score_ticks(ticked)
