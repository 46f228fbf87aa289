"""Every odd file is imported or refused with one line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from backstride.errors import ActivityFileError
from backstride.importers.decode import decode
from tests.importers.importer_data import files

EDGE = files("fit", "edge/*.fit") + files("gpx", "edge/*.gpx") + files("tcx", "edge/*.tcx")

# What each refused file must say; all others must import.
REFUSED = {
    "fitparse__activity-activity-filecrc.fit": "damaged",
    "fitparse__activity-filecrc.fit": "checksum mismatch",
    "fitparse__activity-settings-corruptheader.fit": "chained file is damaged",
    "fitparse__activity-settings-nodata.fit": "chained file is damaged",
    "fitparse__activity-unexpected-eof.fit": "truncated",
    "fitparse__nick.fit": "truncated",
    "fitparse__strava-android-app-201.10-b1218918.fit": "local message number 11",
    "gpxpy__gpx1.0_with_all_fields.gpx": "two timed points",
    "gpxpy__gpx1.1_with_extensions_without_namespaces.gpx": "only waypoints",
    "gpxpy__gpx_with_garmin_extension.gpx": "only waypoints",
    "gpxpy__route.gpx": "planned route",
    "gpxpy__unicode_with_bom.gpx": "only waypoints",
    "gpxpy__unicode_with_bom_noencoding.gpx": "only waypoints",
    "runpandas__malformed.tcx": "not well-formed XML",
}


@pytest.mark.parametrize("path", EDGE, ids=lambda p: p.name)
def test_an_edge_file_is_imported_or_refused_in_one_line(path: Path) -> None:
    try:
        _, activities = decode(path.name, path.read_bytes())
    except ActivityFileError as exc:
        message = str(exc)
        assert "\n" not in message
        assert path.name in REFUSED, f"refused unexpectedly: {message}"
        assert REFUSED[path.name] in message
    else:
        assert path.name not in REFUSED
        assert activities
        assert all(a.start.tzinfo is not None and a.duration_s > 0 for a in activities)
