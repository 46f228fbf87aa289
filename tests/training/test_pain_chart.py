"""The pain-against-load chart: valid PNG and SVG files, a clear error for other suffixes, and
the terminal version."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from backstride.errors import UserError
from backstride.reports.chart import sparkline, terminal_chart, write_pain_load_chart
from backstride.training.activity import Activity, Sport
from backstride.training.diary import DiaryEntry, WeeklyPain, weekly_pain
from backstride.training.load import WeekRow
from backstride.training.metrics import load_report

MONDAY = date(2024, 4, 1)
Data = tuple[list[WeekRow], list[WeeklyPain]]


@pytest.fixture(scope="module")
def data() -> Data:
    runs = []
    for week, kms in enumerate([(5, 5, 8), (5, 6, 8), (6, 6, 16), (5, 5, 8), (6, 6, 10)]):
        for offset, km in zip((0, 2, 6), kms, strict=True):
            day = MONDAY + timedelta(days=7 * week + offset)
            start = datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
            runs.append(Activity(Sport.running, start, km * 360.0, km * 1000.0))
    report = load_report(runs, MONDAY + timedelta(days=34))
    entries = [
        DiaryEntry(MONDAY + timedelta(days=7 * w + 1), pain_morning=p, pain_after=p + 1)
        for w, p in enumerate([1, 2, 5, 3, 2])
    ]
    return list(report.weeks), weekly_pain(entries)


def test_a_png_chart_is_a_real_png(tmp_path: Path, data: Data) -> None:
    weeks, pain = data
    path = write_pain_load_chart(tmp_path / "load.png", weeks, pain)
    raw = path.read_bytes()
    assert raw.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(raw) > 10_000


def test_an_svg_chart_parses_and_carries_its_labels(
    tmp_path: Path,
    data: Data,
) -> None:
    weeks, pain = data
    path = write_pain_load_chart(tmp_path / "sub" / "load.svg", weeks, pain, title="My back")
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    text = path.read_text(encoding="utf-8")
    for label in ("My back", "Diary pain (0-10)", "Frandsen et al. 2025"):
        assert label in text or label.replace(" ", "") in text


def test_a_chart_without_diary_entries_is_still_drawn(
    tmp_path: Path,
    data: Data,
) -> None:
    weeks, _ = data
    assert write_pain_load_chart(tmp_path / "load.png", weeks).stat().st_size > 0


def test_other_suffixes_are_refused_with_what_is_allowed(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"\.png or \.svg"):
        write_pain_load_chart(tmp_path / "load.pdf", [])


def test_the_terminal_chart_marks_spike_and_ramp_weeks(data: Data) -> None:
    weeks, pain = data
    lines = terminal_chart(weeks, pain)
    spike_week = next(line for line in lines if line.startswith("2024-04-15"))
    assert "S" in spike_week.split("km", 1)[1]
    assert "pain  6/10" in spike_week
    assert any("Frandsen et al. 2025" in line for line in lines)
    assert sparkline([0, 5, 10]) == " ▄█"
