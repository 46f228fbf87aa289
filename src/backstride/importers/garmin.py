"""Garmin Connect account export: the activity summaries in summarizedActivities.json.

A Garmin account export (`DI_CONNECT/...`) holds the original FIT files of recorded
activities, but activities without a file (manual entries, some old or treadmill sessions)
exist only as summaries in `DI_CONNECT/DI-Connect-Fitness/<user>_<n>_summarizedActivities.json`.
That file is a JSON list holding objects with one key, `summarizedActivitiesExport`, whose value
is the list of activity summaries. The fields used here:

- `activityId`, `name`; `activityType` (a type key such as "treadmill_running"; the Connect
  web API nests it as `{"typeKey": ...}`, which is accepted too) and `sportType` ("RUNNING"...).
- `startTimeGmt` (or `beginTimestamp`): the start in epoch milliseconds, UTC. `startTimeLocal`
  is the same instant shifted to the wall clock and is not used.
- `elapsedDuration`, `duration`, `movingDuration`: milliseconds in the bulk export.
- `distance`, `elevationGain`: centimetres in the bulk export.
- `avgHr`, `maxHr`: beats per minute; `avgDoubleCadence` steps per minute, `avgRunCadence`
  per foot.
- `parent` / `multi_sport`: the container of a multisport activity, whose legs are summaries
  of their own (kept), as are transitions (dropped, as the FIT reader drops them).

Units, and where they were checked: the centimetre/millisecond units of the bulk export are
reported in garmin-grafana's pull request #278 (github.com/arpanghosh8453/garmin-grafana,
"Unit is centimeters when bulk export": distances and elevations in cm, durations in ms, while
Garmin's web API gives metres and seconds) and agree with independent public parsers of the
file (e.g. a cm-to-km and ms-to-s conversion in a "Garmin Wrapped" project). Because tools
and older exports also pass around summaries in metres and seconds, nothing is trusted
blindly:

- the time unit is decided per file, from the median duration: as seconds, a median of
  20,000 or more would mean a typical activity lasting 5.5 hours; as milliseconds, a median
  below it would mean a typical activity of under 20 seconds;
- the length unit is decided per activity from its average speed: a distance whose reading in
  centimetres gives no humanly possible speed for the sport, while the reading in metres does,
  is in metres (and the reverse). When both or neither reading fits (or the sport has no
  typical speed), the unit that most decided activities of the file used applies, centimetres
  by default; a distance that gives an impossible speed in that unit is dropped.

Nothing here does I/O: the walker hands over the file's bytes.
"""

from __future__ import annotations

import hashlib
import json
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from backstride.errors import ActivityFileError
from backstride.importers.common import clean_cadence, clean_hr, finite_or_none, non_negative
from backstride.training.activity import Activity, Sport

SUMMARY_SUFFIX = "summarizedactivities.json"
EXPORT_KEY = "summarizedActivitiesExport"

_RUNNING = (
    "running",
    "street_running",
    "track_running",
    "trail_running",
    "treadmill_running",
    "indoor_running",
    "virtual_run",
    "obstacle_run",
    "ultra_run",
)
_CYCLING = (
    "cycling",
    "road_biking",
    "mountain_biking",
    "gravel_cycling",
    "indoor_cycling",
    "virtual_ride",
    "cyclocross",
    "track_cycling",
    "recumbent_cycling",
    "bmx",
    "downhill_biking",
    "e_bike_fitness",
    "e_bike_mountain",
)
_TYPES: dict[str, Sport] = {
    **dict.fromkeys(_RUNNING, Sport.running),
    **dict.fromkeys(_CYCLING, Sport.cycling),
    **dict.fromkeys(("walking", "casual_walking", "speed_walking"), Sport.walking),
    **dict.fromkeys(("indoor_walking",), Sport.walking),
    **dict.fromkeys(("hiking", "mountaineering"), Sport.hiking),
    **dict.fromkeys(("swimming", "lap_swimming", "open_water_swimming"), Sport.swimming),
    "strength_training": Sport.strength,
}
# When the type key is unknown, Garmin's broader sport category, then words in the key.
_SPORT_TYPES = {
    "RUNNING": Sport.running,
    "CYCLING": Sport.cycling,
    "SWIMMING": Sport.swimming,
}
_TYPE_WORDS = (
    ("run", Sport.running),
    ("swim", Sport.swimming),
    ("cycl", Sport.cycling),
    ("bik", Sport.cycling),
    ("ride", Sport.cycling),
    ("walk", Sport.walking),
    ("hik", Sport.hiking),
)
# Types without ground covered, as the FIT reader marks its indoor sub-sports.
_INDOOR = {
    "treadmill_running",
    "indoor_running",
    "virtual_run",
    "indoor_walking",
    "indoor_cycling",
    "virtual_ride",
    "lap_swimming",
    "indoor_rowing",
    "elliptical",
    "stair_climbing",
    "indoor_cardio",
}
_SURFACES = {"trail_running": "trail", "track_running": "track"}
_FOOT = {Sport.running, Sport.walking, Sport.hiking}

# Average speeds (m/s) a person can hold over a whole activity, generously wide. Each range
# spans much less than a factor of 100, so at most one of the cm and m readings fits.
_SPEEDS: dict[Sport, tuple[float, float]] = {
    Sport.running: (0.5, 8.0),
    Sport.walking: (0.1, 3.5),
    Sport.hiking: (0.05, 3.5),
    Sport.cycling: (0.5, 25.0),
    Sport.swimming: (0.05, 3.0),
}
MS_MEDIAN_THRESHOLD = 20_000.0
MAX_DURATION_S = 10 * 24 * 3600.0
# Epoch values below this are seconds (1e11 s is the year 5138; 1e11 ms is 1973).
_EPOCH_MS_FROM = 1e11
_EARLIEST = datetime(1980, 1, 1, tzinfo=UTC)
_LATEST = datetime(2100, 1, 1, tzinfo=UTC)


def is_summary_name(name: str) -> bool:
    """True for `<user>_<n>_summarizedActivities.json` (any folder, any case)."""
    return name.lower().rsplit("/", 1)[-1].endswith(SUMMARY_SUFFIX)


@dataclass(frozen=True)
class GarminSummary:
    """One activity summary of the file, and the units its file uses."""

    index: int  # position among the file's summaries, from 1
    fields: Mapping[str, Any]
    digest: str
    durations_in_ms: bool = True
    lengths_in_cm: bool = True

    @property
    def activity_id(self) -> str | None:
        value = self.fields.get("activityId")
        return str(value) if value is not None else None

    @property
    def type_key(self) -> str:
        value = self.fields.get("activityType")
        if isinstance(value, Mapping):
            value = value.get("typeKey")
        return value.strip().lower() if isinstance(value, str) else ""

    @property
    def sport(self) -> Sport:
        key = self.type_key
        if key in _TYPES:
            return _TYPES[key]
        sport_type = self.fields.get("sportType")
        if isinstance(sport_type, str) and sport_type.upper() in _SPORT_TYPES:
            return _SPORT_TYPES[sport_type.upper()]
        for word, sport in _TYPE_WORDS:
            if word in key:
                return sport
        return Sport.other


def _entries(payload: Any) -> list[Any]:
    """The summaries: `[{"summarizedActivitiesExport": [...]}, ...]` (or one such object)."""
    chunks = payload if isinstance(payload, list) else [payload]
    found: list[Any] = []
    for chunk in chunks:
        if isinstance(chunk, Mapping) and isinstance(chunk.get(EXPORT_KEY), list):
            found.extend(chunk[EXPORT_KEY])
        elif isinstance(chunk, Mapping) and "activityId" in chunk:
            found.append(chunk)  # a bare list of summaries
        else:
            raise ActivityFileError(
                f"not a Garmin activity summary file (expected a list holding {EXPORT_KEY!r})"
            )
    return found


def _is_container(fields: Mapping[str, Any], type_key: str) -> bool:
    """A multisport parent (its legs have summaries of their own) or a transition."""
    return fields.get("parent") is True or type_key == "multi_sport" or "transition" in type_key


def read_summaries(data: bytes) -> list[GarminSummary]:
    """The activity summaries of one summarizedActivities.json; ActivityFileError if damaged."""
    try:
        payload = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ActivityFileError(f"not UTF-8 text (byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise ActivityFileError(
            f"damaged JSON at line {exc.lineno} column {exc.colno} ({exc.msg})"
        ) from exc
    except RecursionError as exc:
        raise ActivityFileError("damaged JSON (nested too deeply)") from exc
    raw = _entries(payload)
    kept: list[dict[str, Any]] = []
    for entry in raw:
        fields = dict(entry) if isinstance(entry, Mapping) else {"_not_an_object": entry}
        probe = GarminSummary(0, fields, "")
        if not _is_container(fields, probe.type_key):
            kept.append(fields)
    in_ms = _durations_in_ms(kept)
    in_cm = _lengths_in_cm(kept, in_ms)
    return [
        GarminSummary(index, fields, _digest(fields), in_ms, in_cm)
        for index, fields in enumerate(kept, start=1)
    ]


def _digest(fields: Mapping[str, Any]) -> str:
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(b"garmin-summary\x1f" + canonical.encode()).hexdigest()


def _raw_duration(fields: Mapping[str, Any]) -> float | None:
    for name in ("elapsedDuration", "duration", "movingDuration"):
        value = non_negative(fields.get(name))
        if value:
            return value
    return None


def _durations_in_ms(entries: Iterable[Mapping[str, Any]]) -> bool:
    values = [v for v in (_raw_duration(e) for e in entries) if v is not None]
    return not values or statistics.median(values) >= MS_MEDIAN_THRESHOLD


def _speed_fits(sport: Sport, metres: float, seconds: float) -> bool:
    low, high = _SPEEDS[sport]
    return low <= metres / seconds <= high


def _length_vote(fields: Mapping[str, Any], in_ms: bool) -> bool | None:
    """True: only centimetres give a human speed; False: only metres do; None: undecided."""
    summary = GarminSummary(0, fields, "", in_ms)
    sport = summary.sport
    distance = non_negative(fields.get("distance"))
    seconds = _seconds(summary, "movingDuration", "duration", "elapsedDuration")
    if sport not in _SPEEDS or not distance or not seconds:
        return None
    as_cm = _speed_fits(sport, distance / 100.0, seconds)
    as_m = _speed_fits(sport, distance, seconds)
    return as_cm if as_cm != as_m else None


def _lengths_in_cm(entries: Iterable[Mapping[str, Any]], in_ms: bool) -> bool:
    votes = [v for v in (_length_vote(e, in_ms) for e in entries) if v is not None]
    return sum(votes) * 2 >= len(votes)  # ties and no votes: centimetres, as documented


def _seconds(summary: GarminSummary, *names: str) -> float | None:
    for name in names:
        value = non_negative(summary.fields.get(name))
        if value:
            return value / 1000.0 if summary.durations_in_ms else value
    return None


def _start(fields: Mapping[str, Any]) -> datetime:
    for name in ("startTimeGmt", "beginTimestamp", "startTimeGMT"):
        value = fields.get(name)
        if value is None or isinstance(value, bool):
            continue
        when = _when(value)
        if when is None or not _EARLIEST <= when < _LATEST:
            raise ActivityFileError(f"{name}: {value!r} is not a date from 1980 to 2099")
        return when
    raise ActivityFileError("no start time (startTimeGmt or beginTimestamp)")


def _when(value: Any) -> datetime | None:
    number = finite_or_none(value)
    if number is not None:
        seconds = number / 1000.0 if abs(number) >= _EPOCH_MS_FROM else number
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):  # the web API's "2021-01-02 08:54:28", in GMT
        try:
            parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    return None


def _in_cm(summary: GarminSummary) -> bool:
    """This activity's length unit: its own speed decides, else its file's unit."""
    vote = _length_vote(summary.fields, summary.durations_in_ms)
    return summary.lengths_in_cm if vote is None else vote


def _distance_m(raw: float | None, in_cm: bool, sport: Sport, seconds: float) -> float | None:
    if not raw:
        return raw
    metres = raw / 100.0 if in_cm else raw
    if sport in _SPEEDS and not _speed_fits(sport, metres, seconds):
        return None  # no human pace in either unit: a typo or a broken sensor
    return metres


def _cadence_spm(fields: Mapping[str, Any]) -> float | None:
    steps = non_negative(fields.get("avgDoubleCadence"))
    if steps:
        return clean_cadence(steps)
    per_foot = non_negative(fields.get("avgRunCadence"))
    if not per_foot:
        return None
    # Per foot is 45-110 for walking and running; a larger value is already in steps.
    return clean_cadence(per_foot if per_foot > 130 else 2 * per_foot)


def activity_from_summary(summary: GarminSummary) -> Activity:
    """An activity from its summary alone; ActivityFileError (one line) if it cannot be."""
    fields = summary.fields
    if "_not_an_object" in fields:
        raise ActivityFileError("not a JSON object")
    start = _start(fields)
    elapsed = _seconds(summary, "elapsedDuration", "duration", "movingDuration")
    if not elapsed:
        raise ActivityFileError("no duration")
    if elapsed > MAX_DURATION_S:
        raise ActivityFileError(f"a duration of {elapsed / 3600:.0f} hours is not plausible")
    moving = _seconds(summary, "movingDuration", "duration")
    sport = summary.sport
    key = summary.type_key
    in_cm = _in_cm(summary)
    elevation = non_negative(fields.get("elevationGain"))
    name = fields.get("name")
    extra = {"garmin_type": key or "unknown"}
    if summary.activity_id is not None:
        extra["garmin_activity_id"] = summary.activity_id
    return Activity(
        sport=sport,
        start=start,
        duration_s=elapsed,
        distance_m=_distance_m(
            non_negative(fields.get("distance")), in_cm, sport, moving or elapsed
        ),
        moving_s=min(moving, elapsed) if moving else None,
        avg_hr=clean_hr(finite_or_none(fields.get("avgHr"))),
        max_hr=clean_hr(finite_or_none(fields.get("maxHr"))),
        avg_cadence_spm=_cadence_spm(fields) if sport in _FOOT else None,
        elevation_gain_m=elevation / 100.0 if elevation is not None and in_cm else elevation,
        indoor=key in _INDOOR,
        surface=_SURFACES.get(key),
        name=(name.strip() or None) if isinstance(name, str) else None,
        extra=extra,
    )
