"""Garmin account export summaries (summarizedActivities.json), parsed without storage."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from backstride.errors import ActivityFileError
from backstride.importers.garmin import (
    activity_from_summary,
    is_summary_name,
    read_summaries,
)
from backstride.training.activity import Activity, Sport

START_MS = 1_609_577_668_000  # 2021-01-02 08:54:28 UTC


def export(*entries: Any) -> bytes:
    """The file as Garmin writes it: a list holding one object with the summaries."""
    return json.dumps([{"summarizedActivitiesExport": list(entries)}]).encode()


def summary(**fields: Any) -> dict[str, Any]:
    """A 5 km run of 30 minutes in the bulk export's units (cm, ms)."""
    base: dict[str, Any] = {
        "activityId": 101,
        "name": "Lunch run",
        "activityType": "running",
        "sportType": "RUNNING",
        "startTimeGmt": START_MS,
        "startTimeLocal": START_MS + 3_600_000,
        "duration": 1_800_000.0,
        "elapsedDuration": 1_860_000.0,
        "movingDuration": 1_790_000.0,
        "distance": 500_000.0,
        "elevationGain": 4_200.0,
        "avgHr": 151.0,
        "maxHr": 172.0,
        "avgRunCadence": 84.0,
    }
    return {**base, **fields}


def only(data: bytes) -> Activity:
    (parsed,) = read_summaries(data)
    return activity_from_summary(parsed)


def test_a_bulk_export_summary_in_cm_and_ms() -> None:
    run = only(export(summary()))
    assert run.sport is Sport.running
    assert run.start == datetime(2021, 1, 2, 8, 54, 28, tzinfo=UTC)  # GMT, not local
    assert (run.duration_s, run.moving_s) == (1860.0, 1790.0)
    assert run.distance_m == 5000.0
    assert run.elevation_gain_m == 42.0
    assert (run.avg_hr, run.max_hr) == (151.0, 172.0)
    assert run.avg_cadence_spm == 168.0  # per foot in the file, steps here
    assert run.name == "Lunch run"
    assert run.extra == {"garmin_type": "running", "garmin_activity_id": "101"}


def test_double_cadence_is_already_in_steps() -> None:
    run = only(export(summary(avgDoubleCadence=171.0)))
    assert run.avg_cadence_spm == 171.0


def test_a_file_in_metres_and_seconds_gives_the_same_activity() -> None:
    plain = summary(
        duration=1800.0,
        elapsedDuration=1860.0,
        movingDuration=1790.0,
        distance=5000.0,
        elevationGain=42.0,
    )
    other = summary(
        activityId=102,
        startTimeGmt=START_MS + 86_400_000,
        **{k: plain[k] for k in ("duration", "elapsedDuration", "movingDuration")},
        distance=10_000.0,
        elevationGain=80.0,
    )
    first, second = read_summaries(export(plain, other))
    assert (first.durations_in_ms, first.lengths_in_cm) == (False, False)
    run = activity_from_summary(first)
    assert (run.duration_s, run.distance_m, run.elevation_gain_m) == (1860.0, 5000.0, 42.0)
    assert activity_from_summary(second).distance_m == 10_000.0


def test_an_impossible_pace_means_the_other_length_unit() -> None:
    # In a cm file, 6000 read as cm would be 60 m in half an hour: only metres fit a run.
    cm_run, odd = read_summaries(
        export(summary(), summary(activityId=102, distance=6000.0, elevationGain=30.0))
    )
    assert cm_run.lengths_in_cm and odd.lengths_in_cm
    converted = activity_from_summary(odd)
    assert (converted.distance_m, converted.elevation_gain_m) == (6000.0, 30.0)


def test_a_distance_with_no_human_pace_in_either_unit_is_dropped() -> None:
    # 400 km of running in 30 minutes (cm), or 40,000 km (m): neither is a run.
    run = only(export(summary(distance=40_000_000.0)))
    assert run.distance_m is None
    assert run.duration_s == 1860.0


@pytest.mark.parametrize(
    ("type_key", "sport", "indoor", "surface"),
    [
        ("running", Sport.running, False, None),
        ("treadmill_running", Sport.running, True, None),
        ("trail_running", Sport.running, False, "trail"),
        ("track_running", Sport.running, False, "track"),
        ("walking", Sport.walking, False, None),
        ("hiking", Sport.hiking, False, None),
        ("road_biking", Sport.cycling, False, None),
        ("mountain_biking", Sport.cycling, False, None),
        ("indoor_cycling", Sport.cycling, True, None),
        ("virtual_ride", Sport.cycling, True, None),
        ("lap_swimming", Sport.swimming, True, None),
        ("open_water_swimming", Sport.swimming, False, None),
        ("strength_training", Sport.strength, False, None),
        ("yoga", Sport.other, False, None),
        ("indoor_rowing", Sport.other, True, None),
        ("some_new_run_type", Sport.running, False, None),
    ],
)
def test_activity_types_map_to_sports(
    type_key: str, sport: Sport, indoor: bool, surface: str | None
) -> None:
    activity = only(export(summary(activityType=type_key, sportType=None, distance=None)))
    assert (activity.sport, activity.indoor, activity.surface) == (sport, indoor, surface)


def test_the_web_api_shape_is_read_too() -> None:
    entry = summary(activityType={"typeKey": "cycling"}, startTimeGmt="2021-01-02 08:54:28")
    del entry["avgRunCadence"]
    ride = only(export(entry))
    assert ride.sport is Sport.cycling
    assert ride.start == datetime(2021, 1, 2, 8, 54, 28, tzinfo=UTC)
    assert ride.avg_cadence_spm is None


def test_multisport_containers_and_transitions_are_left_out() -> None:
    parsed = read_summaries(
        export(
            summary(activityId=1, activityType="multi_sport", parent=True),
            summary(activityId=2, activityType="open_water_swimming", distance=150_000.0),
            summary(activityId=3, activityType="transition_v2"),
            summary(activityId=4, activityType="road_biking", distance=2_000_000.0),
        )
    )
    assert [p.activity_id for p in parsed] == ["2", "4"]


def test_an_empty_export_has_no_summaries() -> None:
    assert read_summaries(b"[]") == []
    assert read_summaries(export()) == []


def test_the_same_summary_has_the_same_digest() -> None:
    (first,) = read_summaries(export(summary()))
    (again,) = read_summaries(
        json.dumps([{"summarizedActivitiesExport": [summary()]}], indent=2).encode()
    )
    (edited,) = read_summaries(export(summary(name="Renamed")))
    assert first.digest == again.digest != edited.digest
    assert len(first.digest) == 64


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'[{"summarizedActivitiesExport": [{"activityId": 1,', "damaged JSON at line 1"),
        (b"\xff\xfe not text", "not UTF-8 text"),
        (b'{"hello": "world"}', "not a Garmin activity summary file"),
        (b'[{"summarizedActivitiesExport": 3}]', "not a Garmin activity summary file"),
    ],
)
def test_a_damaged_file_is_one_clear_line(data: bytes, message: str) -> None:
    with pytest.raises(ActivityFileError, match=message) as caught:
        read_summaries(data)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"startTimeGmt": None, "beginTimestamp": None}, "no start time"),
        ({"startTimeGmt": "yesterday"}, "startTimeGmt: 'yesterday' is not a date"),
        ({"startTimeGmt": 5}, "is not a date from 1980"),
        ({"duration": None, "elapsedDuration": 0, "movingDuration": None}, "no duration"),
        ({"elapsedDuration": 3.6e9}, "1000 hours is not plausible"),
    ],
)
def test_an_unusable_summary_says_why(fields: dict[str, Any], message: str) -> None:
    (parsed,) = read_summaries(export(summary(**fields)))
    with pytest.raises(ActivityFileError, match=message):
        activity_from_summary(parsed)


def test_an_entry_that_is_not_an_object_is_refused_alone() -> None:
    first, second = read_summaries(export(summary(), "oops"))
    assert activity_from_summary(first).sport is Sport.running
    with pytest.raises(ActivityFileError, match="not a JSON object"):
        activity_from_summary(second)


def test_summary_file_names() -> None:
    assert is_summary_name("DI_CONNECT/DI-Connect-Fitness/me@x.org_0_summarizedActivities.json")
    assert is_summary_name("SUMMARIZEDACTIVITIES.JSON")
    assert not is_summary_name("DI_CONNECT/DI-Connect-Fitness/me_0_personalRecord.json")
