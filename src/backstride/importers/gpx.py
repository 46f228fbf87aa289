"""GPX tracks through gpxpy, with heart rate and cadence from Garmin-style extensions.

Garmin's TrackPointExtension (used by Strava, Garmin Connect and Runkeeper) and the plain
`<heartrate>`/`<cadence>` forms are all read by local element name, whatever the namespace.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from xml.etree.ElementTree import Element

import gpxpy
import gpxpy.gpx

from backstride.errors import ActivityFileError
from backstride.importers.common import non_negative
from backstride.importers.sport_words import sport_from_speed, sport_from_text
from backstride.importers.streams import cadence_summary, hr_summary
from backstride.training.activity import Activity, Sport

_HR_TAGS = {"hr", "heartrate", "heart_rate"}
_CADENCE_TAGS = {"cad", "cadence", "runcadence"}


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _walk(elements: Iterable[Element]) -> Iterator[Element]:
    for element in elements:
        yield element
        yield from _walk(list(element))


def _extension_values(point: gpxpy.gpx.GPXTrackPoint) -> tuple[float | None, float | None]:
    hr = cadence = None
    for element in _walk(point.extensions):
        name = _local(element.tag)
        try:
            value = float((element.text or "").strip())
        except ValueError:
            continue
        if name in _HR_TAGS:
            hr = value
        elif name in _CADENCE_TAGS:
            cadence = value
    return hr, cadence


def _utc(moment: datetime) -> datetime:
    # A time without a zone is read as UTC, which is what GPX requires anyway.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _track_activity(
    track: gpxpy.gpx.GPXTrack, gpx: gpxpy.gpx.GPX, fallback_sport: Sport
) -> Activity | None:
    points = [p for segment in track.segments for p in segment.points]
    times = [p.time for p in points if p.time is not None]
    if len(times) < 2:
        return None
    start, end = _utc(min(times)), _utc(max(times))
    hrs, cadences = [], []
    for point in points:
        hr, cadence = _extension_values(point)
        if hr is not None:
            hrs.append(hr)
        if cadence is not None:
            cadences.append(cadence)
    sport = sport_from_text(track.type, track.name, gpx.name) or fallback_sport
    moving = track.get_moving_data()
    distance = non_negative(track.length_3d() or track.length_2d())
    extra: dict[str, str] = {}
    if sport is Sport.other:
        guessed = sport_from_speed(distance, moving.moving_time if moving else None)
        if guessed is not None:
            sport, extra = guessed, {"sport_from": "average speed"}
    avg_hr, max_hr = hr_summary(hrs)
    avg_cad, median_cad = cadence_summary(cadences) if sport is not Sport.cycling else (None, None)
    uphill = track.get_uphill_downhill()
    return Activity(
        sport=sport,
        start=start,
        duration_s=(end - start).total_seconds(),
        distance_m=distance,
        moving_s=non_negative(moving.moving_time) if moving else None,
        avg_hr=avg_hr,
        max_hr=max_hr,
        avg_cadence_spm=avg_cad,
        median_cadence_spm=median_cad,
        elevation_gain_m=non_negative(uphill.uphill) if uphill.uphill else None,
        name=track.name or gpx.name or None,
        device=gpx.creator or None,
        extra=extra,
    )


def _check_positions(gpx: gpxpy.gpx.GPX) -> None:
    """Refuse impossible coordinates (a damaged file can read as "inf" or 900 degrees), which
    would otherwise break the distance arithmetic deep inside gpxpy. The range tests also
    refuse infinities and NaN, which compare false."""
    for point in gpx.walk(only_points=True):
        lat, lon, ele = point.latitude, point.longitude, point.elevation
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ActivityFileError(
                f"a track point has an impossible position (latitude {lat}, longitude {lon}); "
                "latitudes run from -90 to 90 and longitudes from -180 to 180"
            )
        if ele is not None and not math.isfinite(ele):
            raise ActivityFileError(f"a track point has an impossible elevation ({ele})")


def read_gpx(data: bytes) -> list[Activity]:
    """One activity per timed track; routes and untimed tracks are refused."""
    try:
        text = data.decode("utf-8-sig")
        gpx = gpxpy.parse(text)
    except UnicodeDecodeError as exc:
        raise ActivityFileError("not UTF-8 text, so not a GPX file") from exc
    except Exception as exc:  # gpxpy raises its own and the XML parser's errors
        raise ActivityFileError(f"not a readable GPX file ({_first_line(exc)})") from exc
    _check_positions(gpx)
    fallback = sport_from_text(gpx.name, gpx.description) or Sport.other
    activities = [a for t in gpx.tracks if (a := _track_activity(t, gpx, fallback)) is not None]
    if activities:
        return activities
    if not gpx.tracks and gpx.routes:
        raise ActivityFileError("a planned route, not a recorded activity")
    points = [p for t in gpx.tracks for s in t.segments for p in s.points]
    if any(p.time is None for p in points):
        raise ActivityFileError("the track points have no times, so this is not a recording")
    if points:
        raise ActivityFileError("the track is too short: it needs two timed points")
    if gpx.waypoints:
        raise ActivityFileError("only waypoints, no recorded track")
    raise ActivityFileError("no recorded track in this GPX file")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__
