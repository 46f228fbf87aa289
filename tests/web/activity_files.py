"""Small activity files made on the fly for upload tests."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta


def gpx_run(start: datetime, km: float = 5.0, minutes: int = 30) -> bytes:
    """A GPX track heading north at a steady pace (one point every 10 seconds)."""
    points = []
    steps = minutes * 6
    for i in range(steps + 1):
        lat = 52.0 + (km / 111.2) * i / steps
        when = (start + timedelta(seconds=10 * i)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        points.append(f'<trkpt lat="{lat:.6f}" lon="4.000000"><time>{when}</time></trkpt>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="backstride tests" xmlns="http://www.topografix.com/GPX/1/1">'
        "<trk><type>running</type><trkseg>" + "".join(points) + "</trkseg></trk></gpx>"
    ).encode()


def gz(data: bytes) -> bytes:
    return gzip.compress(data)


def days_ago(days: int, hour: int = 7) -> datetime:
    today = datetime.now(UTC).replace(hour=hour, minute=0, second=0, microsecond=0)
    return today - timedelta(days=days)


CORRUPT_FIT = b"\x0e\x10\x00\x00\x00\x00\x00\x00.FIT" + b"\x00" * 20
