"""Any bytes at all end in a clean refusal or in valid activities."""

from __future__ import annotations

import math
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backstride.errors import ActivityFileError
from backstride.importers.common import CADENCE_SPM_RANGE, HR_RANGE
from backstride.importers.decode import decode, unwrap
from backstride.importers.pipeline import decode_job
from backstride.training.activity import Activity
from tests.importers.importer_data import ACTIVITIES

NAMES = st.sampled_from(["a.fit", "a.gpx", "a.tcx", "a.fit.gz", "a.bin", "noext"])
SEEDS = [
    "fit/fitparse__garmin-fenix-5-run.fit",
    "fit/sweatpy__2020-06-01-16-52-40.fit",
    "fit/fitparse__2015-10-13-08-43-15.fit",  # zero header CRC
    "gpx/runpandas__garmin_connect.gpx",
    "gpx/edge/gpxpy__track-with-less-sec-time.gpx",
]


def seed_files() -> list[bytes]:
    found = [(ACTIVITIES / s).read_bytes() for s in SEEDS if (ACTIVITIES / s).is_file()]
    small_tcx = b"""<TrainingCenterDatabase><Activities><Activity Sport="Running">
<Id>2024-01-15T18:00:00Z</Id><Lap><TotalTimeSeconds>900</TotalTimeSeconds>
<DistanceMeters>2500</DistanceMeters></Lap></Activity></Activities></TrainingCenterDatabase>"""
    return [*found, small_tcx]


def in_range(value: float | None, bounds: tuple[float, float]) -> bool:
    return value is None or bounds[0] <= value <= bounds[1]


def assert_valid(activity: Activity) -> None:
    assert activity.start.tzinfo is not None
    assert math.isfinite(activity.duration_s)
    assert activity.duration_s > 0
    for value in (activity.distance_m, activity.moving_s, activity.elevation_gain_m):
        assert value is None or (math.isfinite(value) and value >= 0)
    assert in_range(activity.avg_hr, HR_RANGE)
    assert in_range(activity.max_hr, HR_RANGE)
    assert in_range(activity.avg_cadence_spm, CADENCE_SPM_RANGE)
    assert in_range(activity.median_cadence_spm, CADENCE_SPM_RANGE)


def check(name: str, data: bytes) -> None:
    try:
        _, activities = decode(name, unwrap(data))
    except ActivityFileError as exc:
        message = str(exc)
        assert message
        assert "\n" not in message
        return
    assert activities
    for activity in activities:
        assert_valid(activity)


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(name=NAMES, data=st.binary(max_size=4096))
def test_random_bytes_are_refused_or_valid(name: str, data: bytes) -> None:
    check(name, data)


@FAST
@given(
    seed=st.sampled_from(seed_files()),
    flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=8),
    cut=st.one_of(st.none(), st.integers(min_value=0)),
)
def test_damaged_real_files_are_refused_or_valid(
    seed: bytes, flips: list[tuple[int, int]], cut: int | None
) -> None:
    data = bytearray(seed)
    for position, value in flips:
        data[position % len(data)] = value
    if cut is not None:
        data = data[: cut % (len(data) + 1)]
    check("x.fit" if data[8:12] == b".FIT" else "x.gpx", bytes(data))


@FAST
@given(data=st.binary(max_size=512))
def test_the_worker_never_raises(data: bytes) -> None:
    outcome = decode_job("x.fit", b"\x0e\x10\x00\x00\x00\x00\x00\x00.FIT" + data)
    assert isinstance(outcome, str | tuple)


def test_the_seed_files_exist() -> None:
    assert len(seed_files()) >= 1
    assert Path(ACTIVITIES).name == "activities"
