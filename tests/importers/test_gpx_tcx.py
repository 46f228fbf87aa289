"""GPX and TCX, checked against small reference readers written here with ElementTree."""

from __future__ import annotations

import itertools
import math
import statistics
from pathlib import Path
from xml.etree import ElementTree

import pytest

from backstride.errors import ActivityFileError
from backstride.importers.gpx import read_gpx
from backstride.importers.tcx import read_tcx
from backstride.training.activity import Sport
from tests.importers.importer_data import files


def values(root: ElementTree.Element, local: str) -> list[float]:
    return [float(e.text or "nan") for e in root.iter() if e.tag.rsplit("}", 1)[-1] == local]


def haversine_m(points: list[tuple[float, float]]) -> float:
    total = 0.0
    for (la1, lo1), (la2, lo2) in itertools.pairwise(points):
        p1, p2, dl = math.radians(la1), math.radians(la2), math.radians(lo2 - lo1)
        a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
        total += 2 * 6_371_000 * math.asin(math.sqrt(a))
    return total


def test_strava_gpx_heart_rate_and_cadence_match_the_reference(data_dir: Path) -> None:
    data = (data_dir / "gpx" / "runpandas__strava_export.gpx").read_bytes()
    (run,) = read_gpx(data)
    root = ElementTree.fromstring(data)
    hr, cad = values(root, "hr"), values(root, "cad")
    points = [
        (float(p.get("lat", 0)), float(p.get("lon", 0)))
        for p in root.iter()
        if p.tag.endswith("trkpt")
    ]
    assert run.sport is Sport.running
    assert run.avg_hr == pytest.approx(statistics.fmean(hr))
    assert run.max_hr == max(hr)
    assert run.avg_cadence_spm == pytest.approx(2 * statistics.fmean([c for c in cad if c > 0]))
    assert run.distance_m == pytest.approx(haversine_m(points), rel=0.02)


def test_runkeeper_style_extensions_are_read(tmp_path: Path) -> None:
    gpx = """<?xml version="1.0"?>
<gpx version="1.1" creator="Runkeeper" xmlns="http://www.topografix.com/GPX/1/1"
 xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
<trk><name>Evening Run</name><trkseg>
<trkpt lat="37.7782" lon="-122.3913"><time>2016-06-17T23:41:03Z</time><extensions>
<gpxtpx:TrackPointExtension><gpxtpx:hr>150</gpxtpx:hr><gpxtpx:cad>85</gpxtpx:cad>
</gpxtpx:TrackPointExtension></extensions></trkpt>
<trkpt lat="37.7792" lon="-122.3913"><time>2016-06-17T23:41:33Z</time><extensions>
<heartrate>160</heartrate><cadence>87</cadence></extensions></trkpt>
</trkseg></trk></gpx>"""
    (run,) = read_gpx(gpx.encode())
    assert run.sport is Sport.running
    assert (run.avg_hr, run.max_hr) == (155, 160)
    assert run.avg_cadence_spm == 172
    assert run.duration_s == 30


@pytest.mark.parametrize("path", files("gpx", "runpandas-sessions/*.gpx"), ids=lambda p: p.name)
def test_every_session_of_the_runpandas_runner_imports(path: Path) -> None:
    (activity,) = read_gpx(path.read_bytes())
    assert activity.duration_s > 0
    assert activity.distance_m is not None
    assert activity.distance_m > 0


def test_a_tcx_run_matches_the_reference(data_dir: Path) -> None:
    data = (data_dir / "tcx" / "runpandas__run_garmin.tcx").read_bytes()
    (run,) = read_tcx(data)
    root = ElementTree.fromstring(data)
    laps = [e for e in root.iter() if e.tag.endswith("}Lap")]
    lap_metres = sum(
        float(next(c for c in lap if c.tag.endswith("DistanceMeters")).text or 0) for lap in laps
    )
    hr = [
        float(v.text or 0)
        for e in root.iter()
        if e.tag.endswith("HeartRateBpm")
        for v in e
        if e in {x for p in root.iter() if p.tag.endswith("Trackpoint") for x in p}
    ]
    cadence = values(root, "RunCadence")
    assert run.distance_m == pytest.approx(lap_metres)
    assert run.avg_hr == pytest.approx(statistics.fmean(hr))
    assert run.avg_cadence_spm == pytest.approx(2 * statistics.fmean([c for c in cadence if c]))
    assert run.median_cadence_spm == 2 * statistics.median([c for c in cadence if c])


@pytest.mark.parametrize("path", files("tcx", "*.tcx"), ids=lambda p: p.name)
def test_every_real_tcx_file_imports(path: Path) -> None:
    (activity,) = read_tcx(path.read_bytes())
    assert activity.duration_s > 0


TREADMILL_LAPS_ONLY = b"""<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
<Activities><Activity Sport="Running"><Id>2024-01-15T18:00:00Z</Id>
<Lap StartTime="2024-01-15T18:00:00Z"><TotalTimeSeconds>900</TotalTimeSeconds>
<DistanceMeters>2500</DistanceMeters><AverageHeartRateBpm><Value>140</Value></AverageHeartRateBpm>
</Lap>
<Lap StartTime="2024-01-15T18:15:00Z"><TotalTimeSeconds>900</TotalTimeSeconds>
<DistanceMeters>2600</DistanceMeters><AverageHeartRateBpm><Value>150</Value></AverageHeartRateBpm>
</Lap></Activity></Activities></TrainingCenterDatabase>"""


def test_a_treadmill_run_without_gps_or_track_keeps_its_laps() -> None:
    (run,) = read_tcx(TREADMILL_LAPS_ONLY)
    assert run.sport is Sport.running
    assert run.indoor
    assert (run.duration_s, run.distance_m, run.avg_hr) == (1800, 5100, 145)


def test_a_treadmill_run_with_points_but_no_positions_keeps_its_samples() -> None:
    points = "".join(
        f"<Trackpoint><Time>2024-01-15T18:{m:02d}:00Z</Time><DistanceMeters>{m * 170}"
        f"</DistanceMeters><HeartRateBpm><Value>{130 + m}</Value></HeartRateBpm>"
        f"<Extensions><TPX xmlns='http://www.garmin.com/xmlschemas/ActivityExtension/v2'>"
        f"<RunCadence>{84 + m % 2}</RunCadence></TPX></Extensions></Trackpoint>"
        for m in range(31)
    )
    data = TREADMILL_LAPS_ONLY.replace(
        b"</Lap></Activity>", f"<Track>{points}</Track></Lap></Activity>".encode()
    )
    (run,) = read_tcx(data)
    assert run.indoor
    assert run.max_hr == 160
    assert run.median_cadence_spm in (168, 169, 170)


def test_a_gpx_without_times_is_refused_with_its_reason() -> None:
    gpx = b"""<gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>
<trkpt lat="1" lon="1"/><trkpt lat="1.1" lon="1"/></trkseg></trk></gpx>"""
    with pytest.raises(ActivityFileError, match="no times"):
        read_gpx(gpx)


@pytest.mark.parametrize(
    ("lat", "lon", "ele", "reason"),
    [
        ("51.4", "inf", "30", "impossible position"),  # a damaged digit read as infinity
        ("951.4", "6.6", "30", "impossible position"),
        ("51.4", "6.6", "nan", "impossible elevation"),
    ],
)
def test_a_gpx_with_an_impossible_point_is_refused_with_its_reason(
    lat: str, lon: str, ele: str, reason: str
) -> None:
    gpx = f"""<gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>
<trkpt lat="51.43" lon="6.61"><ele>30</ele><time>2024-05-01T07:00:00Z</time></trkpt>
<trkpt lat="{lat}" lon="{lon}"><ele>{ele}</ele><time>2024-05-01T07:00:10Z</time></trkpt>
<trkpt lat="51.44" lon="6.62"><ele>31</ele><time>2024-05-01T07:00:20Z</time></trkpt>
</trkseg></trk></gpx>""".encode()
    with pytest.raises(ActivityFileError, match=reason):
        read_gpx(gpx)


def test_a_gpx_that_names_no_sport_is_classed_by_its_average_speed() -> None:
    from backstride.importers.sport_words import sport_from_speed
    from backstride.training.activity import Sport

    assert sport_from_speed(10_000, 3600) is Sport.running  # 10 km/h
    assert sport_from_speed(4_500, 3600) is Sport.walking
    assert sport_from_speed(30_000, 3600) is None  # likely cycling: left as it was
    assert sport_from_speed(None, 3600) is None
