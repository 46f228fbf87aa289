"""FIT files: every real file imports, and agrees with Garmin's own SDK."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from garmin_fit_sdk import Decoder, Stream

from backstride.errors import ActivityFileError
from backstride.importers.fit import fill_zero_header_crc, fit_crc, read_fit
from backstride.training.activity import Sport
from tests.importers.importer_data import files

if TYPE_CHECKING:
    from garmin_fit_sdk.mesgs import SessionMesg  # the SDK's typed messages exist only in stubs

REAL = files("fit", "*.fit")
FOOT = {"running", "walking", "hiking"}
TRIATHLON = "muktihari__triathlon_summary_first.fit"


def sdk_sessions(data: bytes) -> list[SessionMesg]:
    """The reference: Garmin's SDK, full decode with CRC checks."""
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    return [s for s in messages["session_mesgs"] if s.get("sport") != "transition"]


def test_there_are_25_real_fit_files() -> None:
    if not REAL:
        pytest.skip("activity data not available")
    assert len(REAL) == 25


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_a_real_fit_file_matches_the_garmin_sdk(path: Path) -> None:
    data = path.read_bytes()
    activities = read_fit(data)
    sessions = sdk_sessions(data)
    assert len(activities) == len(sessions)
    for activity, session in zip(activities, sessions, strict=True):
        assert activity.start == session["start_time"]
        assert activity.duration_s == pytest.approx(session["total_elapsed_time"], abs=0.01)
        if session.get("total_distance") is not None:
            assert activity.distance_m == pytest.approx(session["total_distance"], abs=0.01)
        if session.get("avg_heart_rate"):  # 0 means no sensor; we store None then
            assert activity.avg_hr == session["avg_heart_rate"]
            assert activity.max_hr == session["max_heart_rate"]
        cadence = session.get("avg_running_cadence", session.get("avg_cadence"))
        if session.get("sport") in FOOT and cadence is not None:
            per_foot = cadence + (session.get("avg_fractional_cadence") or 0.0)
            assert activity.avg_cadence_spm == pytest.approx(2 * per_foot)


def test_cadence_is_converted_to_steps_per_minute(data_dir: Path) -> None:
    (run,) = read_fit((data_dir / "fit" / "runpandas__run.fit").read_bytes())
    assert run.sport is Sport.running
    assert run.avg_cadence_spm == pytest.approx(2 * (64 + 0.921875))
    assert run.median_cadence_spm is not None
    assert 100 < run.median_cadence_spm < 200


def test_a_triathlon_gives_one_activity_per_sport_without_transitions(data_dir: Path) -> None:
    activities = read_fit(
        (data_dir / "fit" / "muktihari__triathlon_summary_first.fit").read_bytes()
    )
    assert [a.sport for a in activities] == [Sport.swimming, Sport.cycling, Sport.running]


def test_summary_first_and_summary_last_files_agree(data_dir: Path) -> None:
    first = read_fit((data_dir / "fit" / "muktihari__triathlon_summary_first.fit").read_bytes())
    last = read_fit(
        (data_dir / "fit" / "edge" / "muktihari__triathlon_summary_last.fit").read_bytes()
    )
    assert first == last


def test_a_zero_header_crc_is_legal_and_repaired_only_after_checking(data_dir: Path) -> None:
    data = (data_dir / "fit" / "fitparse__2013-02-06-12-11-14.fit").read_bytes()
    assert data[12:14] == b"\0\0"
    repaired = fill_zero_header_crc(data)
    assert repaired is not None
    assert len(repaired) == len(data)
    damaged = data[:100] + bytes([data[100] ^ 0xFF]) + data[101:]
    assert fill_zero_header_crc(damaged) is None
    with pytest.raises(ActivityFileError, match="checksum"):
        read_fit(damaged)


def test_our_crc_matches_fitdecodes(data_dir: Path) -> None:
    from fitdecode.utils import compute_crc

    data = (data_dir / "fit" / "fitparse__garmin-fenix-5-run.fit").read_bytes()
    assert fit_crc(data) == compute_crc(data)
    assert fit_crc(data[:-2]) == int.from_bytes(data[-2:], "little")
