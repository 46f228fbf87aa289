"""FIT files: a fast path through fitfast (rustyfit), a safe fallback through garmin-fit-sdk.

Only the session summaries and the record stream are read. Each FIT session becomes one
activity (a triathlon gives swim, bike and run); transitions are dropped.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import fitdecode
import fitfast
import numpy as np
from garmin_fit_sdk import Decoder, Profile, Stream

from backstride.errors import ActivityFileError
from backstride.importers.common import clean_cadence, clean_hr, finite_or_none
from backstride.training.activity import Activity, Sport

FloatArray = np.ndarray[Any, np.dtype[np.float64]]

_SPORTS = {
    "running": Sport.running,
    "walking": Sport.walking,
    "hiking": Sport.hiking,
    "mountaineering": Sport.hiking,
    "cycling": Sport.cycling,
    "e_biking": Sport.cycling,
    "swimming": Sport.swimming,
}
# Sub-sports that say "no ground covered": the distance, if any, comes from a sensor.
_INDOOR = {
    "treadmill",
    "indoor_cycling",
    "indoor_running",
    "indoor_walking",
    "indoor_rowing",
    "virtual_activity",
    "spin",
    "elliptical",
    "stair_climbing",
    "indoor_skiing",
    "lap_swimming",
}
# Steps per minute only make sense where cadence counts feet.
_FOOT_SPORTS = {Sport.running, Sport.walking, Sport.hiking}
_TYPES: Mapping[str, Mapping[int, str]] = Profile["types"]


@dataclass
class FitSummary:
    """The decoder-neutral part of a FIT file that activities are built from."""

    sessions: list[dict[str, Any]]
    records: dict[str, FloatArray]
    device: str | None = None
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- the fast path


def _crc_table() -> list[int]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return table


_CRC_TABLE = _crc_table()


def fit_crc(data: bytes | memoryview, crc: int = 0) -> int:
    """The FIT checksum (CRC-16/ARC), a byte at a time: about 4 times fitdecode's nibble loop."""
    table = _CRC_TABLE
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


def fill_zero_header_crc(data: bytes) -> bytes | None:
    """A copy whose zero header CRC is filled in, or None when that does not apply.

    A 14-byte header may leave its CRC at 0 ("not computed"); the file CRC then covers the
    header too. rustyfit skips a 14-byte header when checking the file CRC, so it rejects
    such legal files. We check the file CRC ourselves, over header and data as the FIT
    protocol defines it, and only then give rustyfit a copy with both CRCs in its form.
    """
    if len(data) < 16 or data[0] != 14 or data[12:14] != b"\0\0" or data[8:12] != b".FIT":
        return None
    end = 14 + int.from_bytes(data[4:8], "little")
    if end + 2 > len(data):
        return None
    view = memoryview(data)
    if fit_crc(view[:end]) != int.from_bytes(data[end : end + 2], "little"):
        return None
    header_crc = fit_crc(view[:12])
    data_crc = fit_crc(view[14:end])
    return b"".join(
        (
            data[:12],
            header_crc.to_bytes(2, "little"),
            view[14:end],
            data_crc.to_bytes(2, "little"),
            view[end + 2 :],
        )
    )


def _enum_name(kind: str, value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return _TYPES.get(kind, {}).get(int(value), str(int(value)))


def _columns_to_rows(columns: Mapping[str, FloatArray]) -> list[dict[str, Any]]:
    if not columns:
        return []
    count = len(next(iter(columns.values())))
    return [{name: float(values[i]) for name, values in columns.items()} for i in range(count)]


def device_name(data: bytes) -> str | None:
    """Maker and model from file_id, which the FIT protocol puts first in every file.

    fitdecode reads lazily, so stopping at the first message costs a fraction of a
    millisecond instead of another pass over the whole file; the CRC is checked elsewhere.
    """
    try:
        with fitdecode.FitReader(data, check_crc=fitdecode.CrcCheck.DISABLED) as reader:
            for frame in reader:
                if isinstance(frame, fitdecode.FitDataMessage):
                    if frame.name != "file_id":
                        return None
                    maker = frame.get_value("manufacturer", fallback=None)
                    model = frame.get_value("product", fallback=None)
                    parts = [str(part) for part in (maker, model) if part is not None]
                    return " ".join(parts) or None
    except Exception:  # a damaged header only costs us the device name
        return None
    return None


def _fast_summary(data: bytes) -> FitSummary:
    sessions = _columns_to_rows(fitfast.records(data, "session"))
    for session in sessions:
        session["sport"] = _enum_name("sport", session.get("sport"))
        session["sub_sport"] = _enum_name("sub_sport", session.get("sub_sport"))
    records = fitfast.records(data, "record") if _needs_records(sessions) else {}
    return FitSummary(sessions, records, device_name(data))


def _needs_records(sessions: list[dict[str, Any]]) -> bool:
    """The record stream is decoded only where it adds something the summaries lack."""
    for session in sessions:
        if _SPORTS.get(session.get("sport") or "") in _FOOT_SPORTS:
            return True  # median cadence
        if finite_or_none(session.get("avg_heart_rate")) is None:
            return True
    return False


# ------------------------------------------------------------------------ the safe fallback


def _sdk_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.timestamp()
    return value


def _sdk_summary(data: bytes) -> FitSummary:
    decoder = Decoder(Stream.from_byte_array(bytearray(data)))
    if not decoder.is_fit():
        raise ActivityFileError("not a FIT file")
    messages, errors = decoder.read(
        apply_scale_and_offset=True,
        convert_datetimes_to_dates=True,
        convert_types_to_strings=True,
        expand_sub_fields=True,
        expand_components=True,
        merge_heart_rates=False,
    )
    if errors:
        raise ActivityFileError(_sdk_reason(errors[0]))
    sessions = [
        {key: _sdk_value(value) for key, value in msg.items() if isinstance(key, str)}
        for msg in messages.get("session_mesgs", [])
    ]
    records = _sdk_records(messages.get("record_mesgs", []))
    return FitSummary(sessions, records, device_name(data))


def _sdk_reason(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text.replace("FIT Runtime Error ", "").strip()


def _sdk_records(messages: Iterable[Mapping[str, Any]]) -> dict[str, FloatArray]:
    wanted = ("timestamp", "heart_rate", "cadence", "fractional_cadence", "distance")
    columns: dict[str, list[float]] = {name: [] for name in wanted}
    for msg in messages:
        for name in wanted:
            value = _sdk_value(msg.get(name))
            columns[name].append(float(value) if isinstance(value, int | float) else math.nan)
    return {name: np.asarray(values, dtype=np.float64) for name, values in columns.items()}


# ------------------------------------------------------------------- summaries to activities


def _first(session: Mapping[str, Any], *names: str) -> float | None:
    for name in names:
        value = finite_or_none(session.get(name))
        if value is not None:
            return value
    return None


def _window(records: Mapping[str, FloatArray], start: float, end: float) -> dict[str, FloatArray]:
    stamps = records.get("timestamp")
    if stamps is None or len(stamps) == 0:
        return {}
    inside = (stamps >= start) & (stamps <= end)
    return {name: values[inside] for name, values in records.items()}


def _stream_cadence_spm(records: Mapping[str, FloatArray]) -> FloatArray:
    cadence = records.get("cadence")
    if cadence is None:
        return np.empty(0)
    fraction = records.get("fractional_cadence")
    if fraction is not None:
        cadence = cadence + np.nan_to_num(fraction)
    steps = 2.0 * cadence
    return steps[np.isfinite(steps) & (steps > 0)]


def _session_activity(
    session: Mapping[str, Any], records: Mapping[str, FloatArray], device: str | None
) -> Activity | None:
    sport_name = session.get("sport") or "generic"
    if sport_name == "transition":
        return None
    sub_sport = session.get("sub_sport") or "generic"
    sport = _SPORTS.get(sport_name, Sport.other)
    if sport_name == "training" and sub_sport == "strength_training":
        sport = Sport.strength
    start = finite_or_none(session.get("start_time"))
    elapsed = _first(session, "total_elapsed_time", "total_timer_time")
    if start is None or elapsed is None or start <= 0:
        return None
    stream = _window(records, start, start + elapsed)
    hr = stream.get("heart_rate", np.empty(0))
    hr = hr[np.isfinite(hr) & (hr > 0)]
    avg_hr = _first(session, "avg_heart_rate") or (float(hr.mean()) if hr.size else None)
    max_hr = _first(session, "max_heart_rate") or (float(hr.max()) if hr.size else None)
    avg_cadence = median_cadence = None
    if sport in _FOOT_SPORTS:
        per_foot = _first(session, "avg_running_cadence", "avg_cadence")
        if per_foot is not None:
            per_foot += _first(session, "avg_fractional_cadence") or 0.0
            avg_cadence = 2.0 * per_foot
        steps = _stream_cadence_spm(stream)
        median_cadence = float(np.median(steps)) if steps.size else None
    return Activity(
        sport=sport,
        start=datetime.fromtimestamp(start, UTC),
        duration_s=elapsed,
        distance_m=_first(session, "total_distance"),
        moving_s=_first(session, "total_moving_time", "total_timer_time"),
        avg_hr=clean_hr(avg_hr),
        max_hr=clean_hr(max_hr),
        avg_cadence_spm=clean_cadence(avg_cadence),
        median_cadence_spm=clean_cadence(median_cadence),
        elevation_gain_m=_first(session, "total_ascent"),
        indoor=sub_sport in _INDOOR or sport_name == "fitness_equipment",
        device=device,
        extra={"fit_sport": sport_name, "fit_sub_sport": sub_sport},
    )


def activities_from_summary(summary: FitSummary) -> list[Activity]:
    built = (_session_activity(s, summary.records, summary.device) for s in summary.sessions)
    return [activity for activity in built if activity is not None]


# ---------------------------------------------------------------------------------- entry


def _fast_error(exc: BaseException) -> str:
    """rustyfit's message, made readable: it says what is wrong better than the SDK does."""
    text = str(exc).replace("FIT decode error", "").strip(" :")
    if text.startswith("(after"):  # "(after 1 valid FIT sequence(s)): <what>"
        inner = text.split("):", 1)[-1].strip()
        return f"a later part of this chained file is damaged ({_plain_reason(inner)})"
    return _plain_reason(text) or type(exc).__name__


def _plain_reason(text: str) -> str:
    if "checksum mismatch" in text:
        return "checksum mismatch: the file is damaged"
    if "unexpected EOF" in text:
        return "the file ends too early (truncated)"
    return text


def summarise_fit(data: bytes) -> FitSummary:
    """Decode the parts of a FIT file we use, fast when possible, carefully otherwise."""
    try:
        return _fast_summary(data)
    except fitfast.FitDecodeError as exc:
        first_error = _fast_error(exc)
    except BaseException as exc:  # a Rust panic surfaces as a BaseException subclass
        if isinstance(exc, KeyboardInterrupt | SystemExit | MemoryError):
            raise
        first_error = _fast_error(exc)
    repaired = fill_zero_header_crc(data)
    if repaired is not None:
        try:
            return _fast_summary(repaired)
        except fitfast.FitDecodeError:
            pass
    try:
        return _sdk_summary(data)
    except Exception as exc:  # the SDK agrees the file is bad; keep the clearer reason
        raise ActivityFileError(f"corrupt FIT file: {first_error}") from exc


def read_fit(data: bytes) -> list[Activity]:
    """Every activity session in a FIT file; `ActivityFileError` says why when there is none."""
    if len(data) < 12 or data[8:12] != b".FIT":
        raise ActivityFileError("not a FIT file (no .FIT signature in the header)")
    activities = activities_from_summary(summarise_fit(data))
    if not activities:
        raise ActivityFileError("no activity session in this FIT file")
    return activities
