"""Strava writes activities.csv dates in the account's language; each common one is read."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from backstride.errors import ActivityFileError
from backstride.importers.strava import activity_from_row, parse_date, read_activities_csv

JAN_2 = datetime(2021, 1, 2, 8, 54, 28, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "Jan 2, 2021, 8:54:28 AM",  # English (the forms read before)
        "2 Jan 2021, 08:54:28",
        "2021-01-02 08:54:28",
        "2021-01-02T08:54:28Z",
        "2. Jan. 2021, 08:54:28",  # German
        "02.01.2021, 08:54:28",  # German, numeric
        "2 janv. 2021, 08:54:28",  # French
        "2 janv. 2021 à 08:54:28",
        "2 ene. 2021 8:54:28",  # Spanish
        "2 ene 2021, 8:54:28 a. m.",
        "2 jan. 2021 08:54:28",  # Dutch
        "2 gen 2021, 08:54:28",  # Italian
        "2 de jan. de 2021 08:54:28",  # Portuguese
        "2 de jan de 2021, 08:54:28",
    ],
)
def test_the_second_of_january_in_every_language(text: str) -> None:
    assert parse_date(text) == JAN_2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14. März 2021, 17:03:11", datetime(2021, 3, 14, 17, 3, 11)),  # German
        ("3. Okt. 2020, 06:00:00", datetime(2020, 10, 3, 6, 0, 0)),
        ("24. Dez. 2019, 23:59:59", datetime(2019, 12, 24, 23, 59, 59)),
        ("3 févr. 2021, 07:00:00", datetime(2021, 2, 3, 7, 0, 0)),  # French
        ("12 août 2020, 12:00:00", datetime(2020, 8, 12, 12, 0, 0)),
        ("1 déc. 2020, 18:30:00", datetime(2020, 12, 1, 18, 30, 0)),
        ("9 sept. 2022, 09:15:00", datetime(2022, 9, 9, 9, 15, 0)),
        ("2 dic. 2021, 8:54:28 p. m.", datetime(2021, 12, 2, 20, 54, 28)),  # Spanish
        ("17 ago. 2021 19:02:03", datetime(2021, 8, 17, 19, 2, 3)),
        ("5 mrt. 2022 06:30:00", datetime(2022, 3, 5, 6, 30, 0)),  # Dutch
        ("20 mei 2022 07:45:10", datetime(2022, 5, 20, 7, 45, 10)),
        ("1 mag 2021, 00:00:00", datetime(2021, 5, 1, 0, 0, 0)),  # Italian
        ("30 giu 2021, 21:10:00", datetime(2021, 6, 30, 21, 10, 0)),
        ("9 de out. de 2021 10:10:10", datetime(2021, 10, 9, 10, 10, 10)),  # Portuguese
        ("4 de fev. de 2023 05:05:05", datetime(2023, 2, 4, 5, 5, 5)),
        ("Jan 2, 2021, 12:10:00 AM", datetime(2021, 1, 2, 0, 10, 0)),  # English, midnight
        ("Jul 4, 2021, 12:10:00 PM", datetime(2021, 7, 4, 12, 10, 0)),
    ],
)
def test_other_months_and_hours(text: str, expected: datetime) -> None:
    assert parse_date(text) == expected.replace(tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "yesterday",
        "2 foo 2021 08:54:28",  # not a month
        "31 févr. 2021 08:00:00",  # no such day
        "01/02/2021 08:00:00",  # day or month first? refused rather than guessed
        "2 jan 21 08:00:00",  # two-digit year
        "2 Jan 2021, 13:00:00 PM",
        "",
    ],
)
def test_anything_else_is_one_line_naming_the_value_and_the_forms(text: str) -> None:
    with pytest.raises(ActivityFileError) as caught:
        parse_date(text)
    message = str(caught.value)
    assert message.startswith(f"unrecognised date {text!r}; expected a date like ")
    assert "German, French, Spanish, Italian, Dutch or Portuguese" in message
    assert "\n" not in message


def test_a_manual_entry_with_a_german_date_becomes_an_activity() -> None:
    csv = (
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,"
        "Filename,Elapsed Time,Moving Time,Distance\n"
        '7,"14. März 2021, 17:03:11",Laufband,Run,1800,"5,00",,1800,1750,5000\n'
    )
    (row,) = read_activities_csv(csv.encode())
    run = activity_from_row(row)
    assert run.start == datetime(2021, 3, 14, 17, 3, 11, tzinfo=UTC)
    assert (run.distance_m, run.duration_s) == (5000.0, 1800.0)
