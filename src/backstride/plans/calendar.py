"""iCalendar export of programme sessions and return-to-run sessions.

Each session is an all-day event. The file is deterministic: the same plan always gives the same
bytes. UIDs are built from the kind of session, its day, its number and a digest of its content,
so re-importing an unchanged plan updates events instead of duplicating them, and DTSTAMP is
the plan's start (a pure function reads no clock).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Calendar, Event

from backstride.plans.programme import Programme, Session
from backstride.plans.return_to_run import PlannedSession, ReturnToRunPlan

PRODID = "-//backstride//plans//EN"
UID_DOMAIN = "backstride.local"


def _uid(kind: str, day: date, number: int, content: str) -> str:
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:12]
    return f"{kind}-{day.strftime('%Y%m%d')}-{number}-{digest}@{UID_DOMAIN}"


def _event(uid: str, day: date, summary: str, description: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event


def _programme_description(session: Session) -> str:
    lines = []
    for item in session.items:
        lines.append(f"- {item.name} ({item.variant}): {item.dose_text}")
        if item.variant != "standard":
            lines.append(f"  {item.how}")
    lines.append("")
    lines.append(
        "Work within mild discomfort (up to about 3/10, settled by the next morning). "
        "backstride gives general information, not a diagnosis."
    )
    return "\n".join(lines)


def _run_description(session: PlannedSession) -> str:
    lines = [session.description + "."]
    if session.is_run:
        lines.append(f"About {session.km:.1f} km.")
    if session.note:
        lines.append(session.note)
    lines.append(
        "Record pain during and after, and on waking tomorrow: the plan moves on or steps back "
        "from those entries."
    )
    return "\n".join(lines)


def calendar_events(
    programme: Programme | None = None, run_plan: ReturnToRunPlan | None = None
) -> list[Event]:
    """One all-day event per programme session and per upcoming return-to-run session."""
    events: list[Event] = []
    if programme is not None and programme.offered:
        stamp = datetime.combine(programme.start, time.min, tzinfo=UTC)
        for s in programme.sessions:
            description = _programme_description(s)
            uid = _uid("programme", s.day, s.number, s.title + description)
            events.append(_event(uid, s.day, s.title, description, stamp))
    if run_plan is not None and run_plan.offered:
        stamp = datetime.combine(run_plan.as_of, time.min, tzinfo=UTC)
        for n, r in enumerate(run_plan.upcoming, start=1):
            description = _run_description(r)
            uid = _uid("run", r.day, n, r.title + description)
            events.append(_event(uid, r.day, r.title, description, stamp))
    return events


def to_ical(
    programme: Programme | None = None,
    run_plan: ReturnToRunPlan | None = None,
    name: str = "backstride plan",
) -> bytes:
    """An iCalendar (RFC 5545) file of the sessions, as bytes."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for event in calendar_events(programme, run_plan):
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
