"""What every instrument shares: the `Score` it produces and item-list parsing for the CLI/web."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from backstride.errors import UserError

# Instrument ids, as stored and as typed on the command line.
STARTBACK: Final = "startback"
OSWESTRY: Final = "oswestry"
RMDQ: Final = "rmdq"
NPRS: Final = "pain"

NAMES: Final = {
    STARTBACK: "Keele STarT Back Screening Tool",
    OSWESTRY: "Oswestry Disability Index",
    RMDQ: "Roland-Morris Disability Questionnaire",
    NPRS: "Numeric pain rating scale (0-10)",
}
UNITS: Final = {STARTBACK: "/9", OSWESTRY: "%", RMDQ: "/24", NPRS: "/10"}


@dataclass(frozen=True)
class Score:
    """One completed instrument: its total, band and the item scores that produced it.

    `items` is JSON-ready and is what storage keeps; scoring it again gives the same `Score`.
    `detail` carries instrument-specific extras (STarT Back's psychosocial subscale, the number
    of Oswestry sections answered).
    """

    instrument: str
    total: float
    band: str | None
    items: dict[str, Any]
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return NAMES[self.instrument]

    def shown(self) -> str:
        """The total as people read it: `32%`, `7/24`, `5/9`, `4/10`."""
        unit = UNITS[self.instrument]
        number = f"{self.total:.1f}".rstrip("0").rstrip(".")
        return f"{number}{unit}"


def refuse(field_name: str, value: object, allowed: str) -> UserError:
    """A one-line message naming the item, the value given and what is allowed."""
    shown = "nothing" if value is None or value == "" else repr(value)
    return UserError(f"{field_name}: {shown} is not allowed; expected {allowed}")


def split_items(text: str) -> list[str]:
    """`"1,0, 1"` -> `["1", "0", "1"]` (commas or spaces); empty entries are kept as ''."""
    if "," in text:
        return [part.strip() for part in text.split(",")]
    return text.split()


INSTRUMENTS: Final[tuple[str, ...]] = (STARTBACK, OSWESTRY, RMDQ, NPRS)


def check_instrument(instrument: str) -> str:
    if instrument not in INSTRUMENTS:
        raise refuse("instrument", instrument, "one of " + ", ".join(INSTRUMENTS))
    return instrument


def as_int(field_name: str, raw: object, low: int, high: int) -> int:
    """A whole number in [low, high] from an int or its text, else a one-line `UserError`."""
    allowed = f"a whole number from {low} to {high}"
    if isinstance(raw, bool):
        raise refuse(field_name, raw, allowed)
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, float) and raw.is_integer():
        value = int(raw)
    elif isinstance(raw, str) and raw.strip().lstrip("-").isdigit():
        value = int(raw.strip())
    else:
        raise refuse(field_name, raw, allowed)
    if not low <= value <= high:
        raise refuse(field_name, raw, allowed)
    return value


def expect_count(name: str, values: Sequence[object], count: int) -> None:
    if len(values) != count:
        raise UserError(
            f"{name}: {len(values)} item(s) given; expected {count}, separated by commas"
        )
