"""TCX (Garmin Training Center) through the standard library's ElementTree.

No maintained TCX library keeps lap totals when there are no track points, and a treadmill
run without GPS has only those; elements are matched by local name so that files written
with other namespace prefixes, or none, read the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from xml.etree import ElementTree

from backstride.errors import ActivityFileError
from backstride.importers.common import finite_or_none, non_negative
from backstride.importers.sport_words import sport_from_text
from backstride.importers.streams import cadence_summary, hr_summary
from backstride.training.activity import Activity, Sport

Element = ElementTree.Element

_SPORTS = {"running": Sport.running, "biking": Sport.cycling}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> Iterator[Element]:
    return (child for child in element if _local(child.tag) == name)


def _child(element: Element, name: str) -> Element | None:
    return next(_children(element, name), None)


def _descendants(element: Element, name: str) -> Iterator[Element]:
    return (node for node in element.iter() if _local(node.tag) == name)


def _number(element: Element | None, *path: str) -> float | None:
    for name in path:
        if element is None:
            return None
        element = _child(element, name)
    return finite_or_none(element.text) if element is not None else None


def _time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class _Track:
    """Samples gathered from every track point of an activity."""

    def __init__(self) -> None:
        self.times: list[datetime] = []
        self.hr: list[float] = []
        self.cadence: list[float] = []
        self.altitude: list[float] = []
        self.distance: list[float] = []

    def add(self, point: Element) -> None:
        moment = _time(getattr(_child(point, "Time"), "text", None))
        if moment is not None:
            self.times.append(moment)
        for values, value in (
            (self.hr, _number(point, "HeartRateBpm", "Value")),
            (self.altitude, _number(point, "AltitudeMeters")),
            (self.distance, _number(point, "DistanceMeters")),
            (self.cadence, self._cadence(point)),
        ):
            if value is not None:
                values.append(value)

    @staticmethod
    def _cadence(point: Element) -> float | None:
        run_cadence = next(_descendants(point, "RunCadence"), None)
        if run_cadence is not None:
            return finite_or_none(run_cadence.text)
        return _number(point, "Cadence")

    def ascent(self, threshold: float = 2.0) -> float | None:
        """Climbing in metres; rises under `threshold` are barometer or GPS noise."""
        if len(self.altitude) < 2:
            return None
        gain, low = 0.0, self.altitude[0]
        for altitude in self.altitude[1:]:
            if altitude - low >= threshold:
                gain += altitude - low
                low = altitude
            elif altitude < low:
                low = altitude
        return gain


def _lap_totals(activity: Element) -> tuple[float, float | None, list[tuple[float, float]]]:
    """Timer seconds, distance and (seconds, average HR) pairs summed over the laps."""
    seconds, metres, hr_pairs = 0.0, None, []
    for lap in _children(activity, "Lap"):
        lap_s = non_negative(_number(lap, "TotalTimeSeconds")) or 0.0
        seconds += lap_s
        lap_m = non_negative(_number(lap, "DistanceMeters"))
        if lap_m is not None:
            metres = (metres or 0.0) + lap_m
        lap_hr = _number(lap, "AverageHeartRateBpm", "Value")
        if lap_hr is not None and lap_s > 0:
            hr_pairs.append((lap_s, lap_hr))
    return seconds, metres, hr_pairs


def _activity(node: Element) -> Activity | None:
    start = _time(getattr(_child(node, "Id"), "text", None))
    track = _Track()
    for point in _descendants(node, "Trackpoint"):
        track.add(point)
    laps = list(_children(node, "Lap"))
    if start is None:
        start = min(track.times, default=None) or _time(laps[0].get("StartTime") if laps else None)
    if start is None:
        return None
    timer_s, lap_metres, lap_hr = _lap_totals(node)
    end = max(track.times, default=start)
    elapsed = max((end - start).total_seconds(), timer_s)
    if elapsed <= 0:
        return None
    sport_attr = node.get("Sport", "")
    sport = _SPORTS.get(sport_attr.lower()) or sport_from_text(
        getattr(_child(node, "Notes"), "text", None)
    )
    avg_hr, max_hr = hr_summary(track.hr)
    if avg_hr is None and lap_hr:
        avg_hr = sum(s * hr for s, hr in lap_hr) / sum(s for s, _ in lap_hr)
    foot = sport in (Sport.running, Sport.walking, Sport.hiking)
    avg_cad, median_cad = cadence_summary(track.cadence) if foot else (None, None)
    has_position = any(True for _ in _descendants(node, "Position"))
    creator = _child(node, "Creator")
    return Activity(
        sport=sport or Sport.other,
        start=start,
        duration_s=elapsed,
        distance_m=lap_metres if lap_metres is not None else max(track.distance, default=None),
        moving_s=timer_s or None,
        avg_hr=avg_hr,
        max_hr=max_hr,
        avg_cadence_spm=avg_cad,
        median_cadence_spm=median_cad,
        elevation_gain_m=track.ascent(),
        indoor=not has_position,
        device=getattr(_child(creator, "Name"), "text", None) if creator is not None else None,
        extra={"tcx_sport": sport_attr} if sport_attr else {},
    )


def read_tcx(data: bytes) -> list[Activity]:
    """Every activity in a TCX file, GPS or not."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise ActivityFileError(f"not well-formed XML ({exc})") from exc
    if _local(root.tag) != "TrainingCenterDatabase":
        raise ActivityFileError(f"not a TCX file (root element is <{_local(root.tag)}>)")
    nodes = list(_descendants(root, "Activity"))
    activities = [a for node in nodes if (a := _activity(node)) is not None]
    if not activities:
        raise ActivityFileError("no activity with a start time and a duration in this TCX file")
    return activities
