"""Activity importers: FIT, GPX and TCX files (plain or .gz), Strava and Garmin exports.

Readers turn bytes into `backstride.training.activity.Activity` objects or refuse with an
`ActivityFileError` whose message is one line; the pipeline stores them.
"""

from backstride.importers.decode import decode
from backstride.importers.pipeline import ImportReport, import_paths

__all__ = ["ImportReport", "decode", "import_paths"]
