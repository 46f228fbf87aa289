"""Every instrument by id: score typed item lists and stored item scores."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

from backstride.instruments import oswestry, pain_scale, roland_morris, startback
from backstride.instruments.common import NPRS, OSWESTRY, RMDQ, STARTBACK, Score, check_instrument

_STORED: Final[dict[str, Callable[[Mapping[str, Any]], Score]]] = {
    STARTBACK: startback.score_stored,
    OSWESTRY: oswestry.score_stored,
    RMDQ: roland_morris.score_stored,
    NPRS: pain_scale.score_stored,
}
_TEXT: Final[dict[str, Callable[[str], Score]]] = {
    STARTBACK: startback.score_text,
    OSWESTRY: oswestry.score_text,
    RMDQ: roland_morris.score_text,
    NPRS: pain_scale.score_text,
}


def parse_items(instrument: str, text: str) -> Score:
    """Score an item list typed as text (`--items 1,0,1,...`)."""
    return _TEXT[check_instrument(instrument)](text)


def score_items(instrument: str, items: Mapping[str, Any]) -> Score:
    """Score stored item scores (the `Score.items` mapping) again."""
    return _STORED[check_instrument(instrument)](items)
