"""Strava bulk export: `activities.csv` plus the original files it names.

The CSV repeats column names: the first "Distance" is in the athlete's display unit
(km or miles), the later one in metres; the first "Elapsed Time" matches the later one.
We read every column by position and keep the last occurrence of a name, which is the
detailed, SI-unit block.

"Activity Date" is written in the account's language: "Jan 2, 2021, 8:54:28 AM" in English,
"2. Jan. 2021, 08:54:28" in German, "2 janv. 2021, 08:54:28" in French, "2 ene. 2021 8:54:28"
in Spanish, and so on. Besides the fixed English and ISO forms, a date is read as day, month
name, year and time in any order Strava uses, with the month names of the common European
languages in a table below (no locale or date library needed), or as a numeric day-first
date with dots ("02.01.2021, 08:54:28").
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from backstride.errors import ActivityFileError
from backstride.importers.common import clean_cadence, clean_hr, finite_or_none, non_negative
from backstride.training.activity import Activity, Sport

CSV_NAME = "activities.csv"

_SPORTS = {
    "run": Sport.running,
    "virtualrun": Sport.running,
    "trailrun": Sport.running,
    "walk": Sport.walking,
    "hike": Sport.hiking,
    "ride": Sport.cycling,
    "virtualride": Sport.cycling,
    "ebikeride": Sport.cycling,
    "gravelride": Sport.cycling,
    "mountainbikeride": Sport.cycling,
    "swim": Sport.swimming,
    "weighttraining": Sport.strength,
}
_INDOOR_TYPES = {"virtualrun", "virtualride"}
_DATE_FORMATS = (
    "%b %d, %Y, %I:%M:%S %p",  # Jan 2, 2021, 8:54:28 AM (English export)
    "%d %b %Y, %H:%M:%S",  # 2 Jan 2021, 08:54:28
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%SZ",
)
_FOOT = {Sport.running, Sport.walking, Sport.hiking}

# Month names and abbreviations, lower case, accents and trailing dots removed: English,
# German, French, Spanish, Italian, Dutch and Portuguese. No word names two months.
_MONTH_WORDS = (
    "jan january januar janvier janv enero ene gennaio gen januari janeiro",
    "feb february februar fevrier fevr febrero febbraio februari fevereiro fev",
    "mar march marz maerz mars marzo mrt maart marco",
    "apr april avril avr abril abr aprile",
    "may mai mayo maggio mag mei maio",
    "jun june juni juin junio giugno giu junho",
    "jul july juli juillet juil julio luglio lug julho",
    "aug august aout agosto ago augustus",
    "sep sept september septembre septiembre set settembre setembro",
    "oct october oktober okt octobre octubre ottobre ott outubro out",
    "nov november novembre noviembre novembro",
    "dec december dezember dez decembre diciembre dic dicembre dezembro",
)
_MONTHS = {word: n for n, words in enumerate(_MONTH_WORDS, start=1) for word in words.split()}
# Little words between the parts ("2 de ene. de 2021", "um 08:54", "à 08:54").
_FILLERS = {"de", "del", "do", "da", "um", "om", "alle", "a", "at", "le", "el", "der"}
_TOKENS = re.compile(r"\d+|[^\W\d_]+")
_MERIDIEM = re.compile(r"\b([ap])\.?\s*m\.?$")  # AM, p.m., "p. m."
_NUMERIC_DAY_FIRST = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}\b")
_ACCEPTED_DATES = (
    "expected a date like 'Jan 2, 2021, 8:54:28 AM', '2. Jan. 2021, 08:54:28' (month names in "
    "English, German, French, Spanish, Italian, Dutch or Portuguese), '02.01.2021, 08:54:28' "
    "or '2021-01-02 08:54:28'"
)


@dataclass(frozen=True)
class StravaRow:
    """One line of activities.csv, with the fields we use."""

    activity_id: str
    line: int
    values: dict[str, str]
    digest: str
    # Old exports have one "Distance" column, in km; newer ones add a second in metres.
    distance_scale: float = 1.0

    def get(self, name: str) -> str | None:
        value = self.values.get(name.lower(), "").strip()
        return value or None

    @property
    def filename(self) -> str | None:
        return self.get("Filename")

    @property
    def sport(self) -> Sport | None:
        kind = (self.get("Activity Type") or "").replace(" ", "").lower()
        return _SPORTS.get(kind)

    @property
    def indoor(self) -> bool:
        kind = (self.get("Activity Type") or "").replace(" ", "").lower()
        return kind in _INDOOR_TYPES


def read_activities_csv(data: bytes) -> list[StravaRow]:
    """Rows of activities.csv; the last column of a repeated name wins (metric block)."""
    text = data.decode("utf-8-sig", errors="replace")
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header or "activity id" not in {h.strip().lower() for h in header}:
        raise ActivityFileError("activities.csv has no 'Activity ID' column; not a Strava export")
    names = [h.strip().lower() for h in header]
    scale = 1.0 if names.count("distance") > 1 else 1000.0
    rows = []
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values = dict(zip(names, cells, strict=False))
        digest = hashlib.sha256(("\x1f".join(cells)).encode()).hexdigest()
        activity_id = values.get("activity id", "").strip()
        rows.append(StravaRow(activity_id, line, values, digest, scale))
    return rows


def parse_date(text: str) -> datetime:
    """An activities.csv date (UTC) in English, ISO or one of the languages in `_MONTHS`."""
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    parsed = _parse_localised(text)
    if parsed is None:
        raise ActivityFileError(f"unrecognised date {text!r}; {_ACCEPTED_DATES}")
    return parsed


def _fold(text: str) -> str:
    """Lower case without accents: "Févr." becomes "fevr.", "März" becomes "marz"."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _parse_localised(text: str) -> datetime | None:
    plain = _fold(text)
    meridiem = _MERIDIEM.search(plain)
    if meridiem is not None:
        plain = plain[: meridiem.start()]
    tokens = [t for t in _TOKENS.findall(plain) if t not in _FILLERS]
    words = [t for t in tokens if not t.isdigit()]
    numbers = [int(t) for t in tokens if t.isdigit()]
    if (
        len(words) == 1
        and words[0] in _MONTHS
        and tokens.index(words[0]) in (0, 1)  # "Jan 2, 2021 ..." or "2 Jan 2021 ..."
        and len(numbers) in (4, 5)
    ):
        month = _MONTHS[words[0]]
        day, year, *clock = numbers
    elif not words and _NUMERIC_DAY_FIRST.match(plain) and len(numbers) in (5, 6):
        day, month, year, *clock = numbers
    else:
        return None
    if year < 1000:
        return None
    hour, minute, second = (*clock, 0) if len(clock) == 2 else clock
    if meridiem is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem.group(1) == "p" else 0)
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        return None


def _scaled(value: float | None, scale: float) -> float | None:
    return value * scale if value is not None else None


def activity_from_row(row: StravaRow) -> Activity:
    """A manual Strava entry (no file): everything comes from the CSV line."""
    when = row.get("Activity Date")
    if when is None:
        raise ActivityFileError("no Activity Date")
    elapsed = non_negative(row.get("Elapsed Time"))
    if not elapsed:
        raise ActivityFileError("no elapsed time")
    sport = row.sport or Sport.other
    cadence = finite_or_none(row.get("Average Cadence"))
    return Activity(
        sport=sport,
        start=parse_date(when),
        duration_s=elapsed,
        distance_m=_scaled(non_negative(row.get("Distance")), row.distance_scale),
        moving_s=non_negative(row.get("Moving Time")),
        avg_hr=clean_hr(finite_or_none(row.get("Average Heart Rate"))),
        max_hr=clean_hr(finite_or_none(row.get("Max Heart Rate"))),
        # Strava stores running cadence per foot, like the devices do.
        avg_cadence_spm=clean_cadence(2 * cadence) if cadence and sport in _FOOT else None,
        elevation_gain_m=non_negative(row.get("Elevation Gain")),
        indoor=row.indoor,
        name=row.get("Activity Name"),
        shoe=row.get("Activity Gear"),
        extra={"strava_id": row.activity_id},
    )


def overlay(activity: Activity, row: StravaRow) -> Activity:
    """What the athlete edited on Strava (name, type, gear) over what the device recorded."""
    sport = row.sport or activity.sport
    return replace(
        activity,
        sport=sport,
        name=row.get("Activity Name") or activity.name,
        shoe=row.get("Activity Gear") or activity.shoe,
        indoor=activity.indoor or row.indoor,
        avg_cadence_spm=activity.avg_cadence_spm if sport in _FOOT else None,
        median_cadence_spm=activity.median_cadence_spm if sport in _FOOT else None,
        extra={**activity.extra, "strava_id": row.activity_id},
    )
