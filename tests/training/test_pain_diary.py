"""The pain diary: validation that names field, value and what is allowed; linking to runs;
weekly pain; the pain calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from backstride.errors import UserError
from backstride.training.activity import Activity, Sport
from backstride.training.diary import DiaryEntry, link_activities, pain_calendar, weekly_pain


def test_a_full_entry_is_kept_as_given() -> None:
    e = DiaryEntry(
        date(2024, 6, 3),
        pain_morning=2,
        pain_during=4,
        pain_after=3.0,  # type: ignore[arg-type]
        regions=("lower_back", "buttock"),
        morning_stiffness_minutes=20,
        notes="tight after hills",
    )
    assert e.pain_after == 3
    assert isinstance(e.pain_after, int)
    assert e.worst_pain == 4
    assert DiaryEntry(date(2024, 6, 3)).worst_pain is None


@pytest.mark.parametrize(
    ("kwargs", "field", "shown"),
    [
        ({"pain_morning": 11}, "diary.pain_morning", "11"),
        ({"pain_during": -1}, "diary.pain_during", "-1"),
        ({"pain_after": 2.5}, "diary.pain_after", "2.5"),
        ({"pain_after": True}, "diary.pain_after", "True"),
        ({"pain_after": float("nan")}, "diary.pain_after", "nan"),
        ({"regions": ("lower_back", "knee")}, "diary.regions", "'knee'"),
        ({"morning_stiffness_minutes": 2000}, "diary.morning_stiffness_minutes", "2000"),
        ({"notes": "x" * 2001}, "diary.notes", "2001 characters"),
    ],
)
def test_a_bad_value_is_one_line_naming_field_value_and_what_is_allowed(
    kwargs: dict[str, object], field: str, shown: str
) -> None:
    with pytest.raises(UserError) as caught:
        DiaryEntry(date(2024, 6, 3), **kwargs)  # type: ignore[arg-type]
    (line,) = caught.value.problems
    assert line.startswith(f"{field}: {shown}")
    assert "\n" not in line
    assert any(word in line for word in ("allowed", "give"))


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(UserError) as caught:
        DiaryEntry(date(2024, 6, 3), pain_morning=12, pain_after=-2)
    assert len(caught.value.problems) == 2
    assert str(caught.value) == "2 problems in entry"


def test_entries_are_linked_to_the_activities_of_their_day() -> None:
    def act(sport: Sport, hour: int, day: int = 3, km: float = 5.0) -> Activity:
        return Activity(sport, datetime(2024, 6, day, hour, tzinfo=UTC), 1800.0, km * 1000)

    evening, morning, ride = act(Sport.running, 18), act(Sport.running, 7), act(Sport.cycling, 12)
    other_day = act(Sport.running, 7, day=4)
    entries = [DiaryEntry(date(2024, 6, 5), pain_morning=1), DiaryEntry(date(2024, 6, 3))]
    days = link_activities(entries, [evening, other_day, ride, morning])
    assert [d.entry.day for d in days] == [date(2024, 6, 3), date(2024, 6, 5)]
    assert days[0].activities == (morning, ride, evening)
    assert days[0].runs == (morning, evening)
    assert days[0].run_km == 10.0
    assert days[1].activities == ()


def test_weekly_pain_takes_each_days_worst_and_skips_unrated_days() -> None:
    entries = [
        DiaryEntry(date(2024, 6, 3), pain_morning=2, pain_after=5, morning_stiffness_minutes=10),
        DiaryEntry(date(2024, 6, 5), pain_morning=4),
        DiaryEntry(date(2024, 6, 6), notes="no rating"),
        DiaryEntry(date(2024, 6, 12), pain_during=1),
    ]
    first, second = weekly_pain(entries)
    assert first.week_start == date(2024, 6, 3)
    assert (first.entries, first.max_pain, first.mean_pain) == (2, 5, 4.5)
    assert first.mean_morning == 3.0
    assert first.max_stiffness_minutes == 10
    assert second.week_start == date(2024, 6, 10)
    assert second.mean_morning is None
    assert weekly_pain(entries, as_of=date(2024, 6, 9)) == [first]


def _run(day: date, km: float, sport: Sport = Sport.running) -> Activity:
    return Activity(sport, datetime(day.year, day.month, day.day, 7, tzinfo=UTC), 1800.0, km * 1000)


def test_the_pain_calendar_has_whole_weeks_monday_first_up_to_the_last_day() -> None:
    end = date(2024, 6, 5)  # a Wednesday
    weeks = pain_calendar([], [], end, weeks=3)
    assert len(weeks) == 3 and all(len(w) == 7 for w in weeks)
    assert weeks[0][0].day == date(2024, 5, 20)  # the Monday two weeks before
    assert weeks[-1][-1].day == date(2024, 6, 9)
    assert [d.after_end for d in weeks[-1]] == [False, False, False, True, True, True, True]
    assert all(d.worst_pain is None and not d.has_entry and d.runs == 0 for w in weeks for d in w)


def test_each_calendar_day_has_its_worst_pain_and_its_running() -> None:
    end = date(2024, 6, 9)
    entries = [
        DiaryEntry(date(2024, 6, 3), pain_morning=2, pain_after=5),
        DiaryEntry(date(2024, 6, 4), notes="no rating"),
        DiaryEntry(date(2024, 1, 1), pain_morning=9),  # before the calendar: left out
    ]
    activities = [
        _run(date(2024, 6, 3), 5.0),
        _run(date(2024, 6, 3), 3.5),
        _run(date(2024, 6, 5), 20.0, Sport.cycling),  # not a run
    ]
    days = {d.day: d for w in pain_calendar(entries, activities, end, weeks=2) for d in w}
    assert days[date(2024, 6, 3)].worst_pain == 5
    assert days[date(2024, 6, 3)].runs == 2 and days[date(2024, 6, 3)].run_km == pytest.approx(8.5)
    assert days[date(2024, 6, 4)].has_entry and days[date(2024, 6, 4)].worst_pain is None
    assert days[date(2024, 6, 5)].runs == 0 and days[date(2024, 6, 5)].run_km == 0.0
    assert date(2024, 1, 1) not in days
