"""The iCalendar export parses with the icalendar package, one event per session, stably."""

from __future__ import annotations

from datetime import timedelta

import icalendar

from backstride.plans.calendar import to_ical
from backstride.plans.programme import build_programme
from backstride.plans.return_to_run import return_to_run
from tests.plans.helpers import CES, SELF_CARE, START, baseline, good_sessions, result_of

RESULT = result_of(SELF_CARE)


def test_the_calendar_parses_and_has_one_event_per_session() -> None:
    programme = build_programme(RESULT, START, 7)
    plan = return_to_run(
        RESULT,
        start=START,
        as_of=START + timedelta(days=6),
        diary=baseline() + good_sessions(START, 3),
    )
    data = to_ical(programme=programme, run_plan=plan)
    cal = icalendar.Calendar.from_ical(data)
    events = cal.walk("VEVENT")
    assert len(events) == 7 * 3 + len(plan.upcoming)
    assert len({str(e["UID"]) for e in events}) == len(events)
    days = sorted(e.decoded("DTSTART") for e in events if str(e["UID"]).startswith("programme"))
    assert days == [s.day for s in programme.sessions]
    first = next(e for e in events if str(e["UID"]).startswith("programme"))
    assert "Back programme, week 1" in str(first["SUMMARY"])
    assert "Bird-dog" in str(first["DESCRIPTION"]) or "Dead bug" in str(first["DESCRIPTION"])
    assert str(cal["VERSION"]) == "2.0"


def test_the_same_plan_gives_the_same_file() -> None:
    assert to_ical(programme=build_programme(RESULT, START)) == to_ical(
        programme=build_programme(RESULT, START)
    )


def test_no_events_when_no_programme_is_offered() -> None:
    data = to_ical(programme=build_programme(result_of(CES), START))
    assert icalendar.Calendar.from_ical(data).walk("VEVENT") == []
