"""Which reader a file needs, decided from its content first and its name second."""

from __future__ import annotations

import zlib
from enum import StrEnum

from backstride.errors import ActivityFileError
from backstride.importers.fit import read_fit
from backstride.importers.gpx import read_gpx
from backstride.importers.tcx import read_tcx
from backstride.training.activity import Activity

# A compressed activity larger than this is a zip bomb, not a run.
MAX_DECOMPRESSED = 512 * 1024 * 1024
ACTIVITY_SUFFIXES = (".fit", ".gpx", ".tcx")


class Format(StrEnum):
    fit = "fit"
    gpx = "gpx"
    tcx = "tcx"


def is_activity_name(name: str) -> bool:
    lowered = name.lower().removesuffix(".gz")
    return lowered.endswith(ACTIVITY_SUFFIXES)


def gunzip(data: bytes) -> bytes:
    """The decompressed content; refuses damaged or oversized archives."""
    try:
        stream = zlib.decompressobj(wbits=31)
        out = stream.decompress(data, MAX_DECOMPRESSED + 1)
    except zlib.error as exc:
        raise ActivityFileError(f"damaged gzip data ({exc})") from exc
    if len(out) > MAX_DECOMPRESSED:
        raise ActivityFileError("decompresses to more than 512 MB; not an activity file")
    if not stream.eof:
        raise ActivityFileError("the gzip data is cut short")
    return out


def unwrap(data: bytes) -> bytes:
    """Strip gzip layers (Strava exports `.fit.gz`), whatever the file is called."""
    return gunzip(data) if data[:2] == b"\x1f\x8b" else data


def sniff(name: str, data: bytes) -> Format:
    if len(data) >= 12 and data[8:12] == b".FIT":
        return Format.fit
    head = data[:4096].lower()
    if b"<trainingcenterdatabase" in head:
        return Format.tcx
    if b"<gpx" in head:
        return Format.gpx
    lowered = name.lower().removesuffix(".gz")
    for fmt in Format:
        if lowered.endswith(f".{fmt.value}"):
            return fmt  # let the reader say what is wrong with it
    raise ActivityFileError("unsupported file type (expected FIT, GPX or TCX, optionally .gz)")


_READERS = {Format.fit: read_fit, Format.gpx: read_gpx, Format.tcx: read_tcx}


def decode(name: str, data: bytes) -> tuple[Format, list[Activity]]:
    """Activities in one file's content (already unwrapped); ActivityFileError if none."""
    if not data:
        raise ActivityFileError("empty file")
    fmt = sniff(name, data)
    return fmt, _READERS[fmt](data)
