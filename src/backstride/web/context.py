"""Context builders: one per page, feeding both the HTML page and its JSON twin.

Each takes a session (the caller owns the transaction) and the current athlete, calls the
storage services and the domain core, and returns plain data.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cache
from importlib import resources
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from backstride.contract.case import Case
from backstride.contract.result import Result
from backstride.engine.assess import assess
from backstride.engine.history import assess_with_history
from backstride.errors import UserError
from backstride.kb.loader import KnowledgeBase
from backstride.reports.markdown import LEVEL_TITLES
from backstride.storage.activities import list_activities, load_activities
from backstride.storage.activities import to_domain as to_domain_activity
from backstride.storage.assessments import AssessmentText, save_assessment
from backstride.storage.assessments import assessment_summaries as stored_summaries
from backstride.storage.athletes import get_athlete
from backstride.storage.db import Database
from backstride.storage.diary import list_diary_entries, load_diary, runs_on_day, save_domain_entry
from backstride.storage.diary import to_domain as to_domain_entry
from backstride.storage.models import ActivityRow, Athlete, DiaryEntry, SavedAssessment
from backstride.storage.shoes import shoe_mileage
from backstride.training.diary import (
    CALENDAR_WEEKS,
    CalendarDay,
    WeeklyPain,
    calendar_start,
    pain_calendar,
    weekly_pain,
)
from backstride.training.diary import DiaryEntry as DomainDiaryEntry
from backstride.training.load import WeekRow
from backstride.training.metrics import LoadReport, load_report
from backstride.training.sources import (
    ACWR_CAVEAT,
    AEROBIC_TARGET_MIN,
    GABBETT_2016,
    PROGRESSION_LIMIT,
)
from backstride.web.writer import AssessmentWriter

# The acute:chronic "sweet spot" of the team-sport literature, shown as a band on the trend
# only (see ACWR_CAVEAT: it did not predict running injury).
ACWR_BAND = (0.8, 1.3)
ACWR_HIGH = 1.5
ACWR_BAND_NOTE = (
    f"The shaded band is 0.8-1.3, the range {GABBETT_2016} called the 'sweet spot'. " + ACWR_CAVEAT
)

LEVEL_ORDER = ("self_care", "consultation", "consultation_24", "emergency", "emergency_ambulance")


def acwr_band(ratio: float | None) -> str | None:
    if ratio is None:
        return None
    if ratio < ACWR_BAND[0]:
        return "below"
    if ratio <= ACWR_BAND[1]:
        return "within"
    return "well_above" if ratio > ACWR_HIGH else "above"


# --- Assessments --------------------------------------------------------------------------------


def run_assessment(
    session: Session,
    athlete: Athlete,
    case: Case,
    *,
    history: bool = False,
    as_of: date | None = None,
) -> tuple[SavedAssessment, Result, str]:
    """Assess a validated case (optionally with running fields from the stored history) and
    save it. Returns the saved row, the result and the result as JSON text."""
    case_data = case.model_dump(mode="json", exclude_none=True)
    if history:
        shoes = {m.shoe.name: m.km for m in shoe_mileage(session, athlete)}
        activities = load_activities(session, athlete)
        result = assess_with_history(case_data, activities, as_of or date.today(), shoes)
    else:
        result = assess(case)
    result_json = result.model_dump_json()
    saved = save_assessment(session, athlete, case_data, json.loads(result_json), result.kb_version)
    return saved, result, result_json


async def assess_and_record(
    writer: AssessmentWriter,
    case: Case,
    athlete_id: int | None,
    *,
    history: Callable[[dict[str, Any]], Result] | None = None,
) -> str:
    """The API's create path: assess, then store with the writer (one INSERT, committed before
    this returns). `athlete_id` None: the local default athlete. `history`, when given, assesses
    with the stored activity history (it reads the database, so it runs in a worker thread).
    Returns the saved assessment as JSON text; the case and the result are serialised once,
    for the row and for the response."""
    if history is not None:
        case_data = case.model_dump(mode="json", exclude_none=True)
        result = await run_in_threadpool(history, case_data)
    else:
        result = assess(case)  # a fraction of a millisecond: inline on the event loop
    case_json = case.model_dump_json(exclude_none=True)
    result_json = result.model_dump_json()
    row = AssessmentText(athlete_id, case_json, result_json, result.kb_version)
    new_id, created = await writer.record(row)
    head = {"id": new_id, "created_at": created.isoformat(), "kb_version": result.kb_version}
    head_json = json.dumps(head, ensure_ascii=False, separators=(",", ":"))
    return head_json[:-1] + f',"case":{case_json},"result":{result_json}}}'


def history_assessor(
    database: Database, athlete_id: int | None, as_of: date | None
) -> Callable[[dict[str, Any]], Result]:
    """`assess_and_record`'s `history`: the case's running fields from the athlete's stored
    activities, read in a unit of work of its own (closed before the writer stores the row).
    `athlete_id` None: the local default athlete; none yet means no history."""

    def run(case_data: dict[str, Any]) -> Result:
        day = as_of or date.today()
        with database.transaction() as session:
            athlete = (
                get_athlete(session) if athlete_id is None else session.get(Athlete, athlete_id)
            )
            if athlete is None:
                return assess_with_history(case_data, [], day, {})
            shoes = {m.shoe.name: m.km for m in shoe_mileage(session, athlete)}
            activities = load_activities(session, athlete)
        return assess_with_history(case_data, activities, day, shoes)

    return run


def saved_json_text(saved: SavedAssessment, result_json: str | None = None) -> str:
    """A saved assessment as the API's JSON, built without re-validating the result."""
    head = {
        "id": saved.id,
        "created_at": saved.created_at.isoformat(),
        "kb_version": saved.kb_version,
    }
    case_text = json.dumps(saved.case, ensure_ascii=False, separators=(",", ":"))
    result_text = result_json or json.dumps(saved.result, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(head)[:-1] + f',"case":{case_text},"result":{result_text}}}'


def get_saved(session: Session, athlete: Athlete, assessment_id: int) -> SavedAssessment:
    saved = session.get(SavedAssessment, assessment_id)
    if saved is None or saved.athlete_id != athlete.id:
        raise NotFound(f"there is no saved assessment {assessment_id}")
    return saved


class NotFound(UserError):
    """Something asked for by id or date that does not exist (for this athlete)."""


def assessment_summaries(
    session: Session, athlete: Athlete, limit: int | None = None, offset: int = 0
) -> list[dict[str, Any]]:
    """Saved assessments, newest first (`limit` None: all of them)."""
    return [
        {
            "id": row.id,
            "created_at": row.created_at,
            "kb_version": row.kb_version,
            "level": row.level or "self_care",
            "action": row.action or "",
            "top_condition": row.top_condition,
        }
        for row in stored_summaries(session, athlete, limit, offset)
    ]


@dataclass(frozen=True)
class ResultView:
    """A result arranged for the result page."""

    result: Result
    title: str
    level: str
    ruled_out: list[str]
    not_asked: list[str]
    sources: list[str]


def result_view(result: Result) -> ResultView:
    ruled_out = [f.label for f in result.red_flags_screened if f.status == "ruled_out"]
    not_asked = [f.label for f in result.red_flags_screened if f.status == "not_asked"]
    sources: list[str] = []
    for group in (
        [c.sources for c in result.conditions],
        [f.sources for f in result.factors],
        [r.sources for r in result.recommendations],
        [a.sources for a in result.avoid],
    ):
        for items in group:
            for s in items:
                if s not in sources:
                    sources.append(s)
    level = result.triage.level.value
    return ResultView(result, LEVEL_TITLES[level], level, ruled_out, not_asked, sources)


def finding_words(finding: str) -> str:
    """`pain.onset=gradual` as `onset: gradual` (the rest of the text is kept)."""
    field, sep, rest = finding.partition("=")
    if not sep:
        return finding
    name = field.rpartition(".")[2].replace("_", " ")
    return f"{name}: {rest.replace('_', ' ')}"


def field_prompt(field: str) -> str:
    """The interview's question for a case field, or the field name when it is not asked."""
    from backstride.interview import question

    try:
        return question(field).prompt
    except KeyError:
        return field.rpartition(".")[2].replace("_", " ").capitalize()


# --- Diary --------------------------------------------------------------------------------------


def diary_entry_json(session: Session, athlete: Athlete, row: DiaryEntry) -> dict[str, Any]:
    runs = runs_on_day(session, athlete, row.day)
    return {
        "day": row.day.isoformat(),
        "pain_morning": row.pain_morning,
        "pain_during": row.pain_during,
        "pain_after": row.pain_after,
        "regions": list(row.regions or ()),
        "morning_stiffness_minutes": row.morning_stiffness_minutes,
        "notes": row.notes,
        "run_km": [round((r.distance_m or 0.0) / 1000, 2) for r in runs if r.sport == "running"],
    }


def diary_list(
    session: Session, athlete: Athlete, since: date | None = None, until: date | None = None
) -> list[dict[str, Any]]:
    rows = list_diary_entries(session, athlete, since=since, until=until)
    return [diary_entry_json(session, athlete, r) for r in rows]


def diary_calendar(
    session: Session, athlete: Athlete, end: date, weeks: int = CALENDAR_WEEKS
) -> list[list[CalendarDay]]:
    """The pain calendar of the `weeks` weeks up to `end` (see `pain_calendar`)."""
    first = calendar_start(end, weeks)
    entries = [to_domain_entry(r) for r in list_diary_entries(session, athlete, since=first)]
    since = datetime.combine(first, time.min, tzinfo=UTC)
    runs = [to_domain_activity(r) for r in list_activities(session, athlete, since=since)]
    return pain_calendar(entries, runs, end, weeks)


def diary_get(session: Session, athlete: Athlete, day: date) -> DiaryEntry:
    rows = list_diary_entries(session, athlete, since=day, until=day)
    if not rows:
        raise NotFound(f"there is no diary entry for {day.isoformat()}")
    return rows[0]


def diary_save(session: Session, athlete: Athlete, entry: DomainDiaryEntry) -> DiaryEntry:
    """Validate through the domain entry (raises `UserError`) and write it."""
    return save_domain_entry(session, athlete, entry)


# --- Activities and load ------------------------------------------------------------------------


def activity_json(row: ActivityRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "sport": row.sport,
        "start_time": row.start_time.isoformat(),
        "duration_s": row.duration_s,
        "distance_km": None if row.distance_m is None else round(row.distance_m / 1000, 3),
        "avg_hr": row.avg_hr,
        "avg_cadence_spm": row.avg_cadence_spm,
        "elevation_gain_m": row.elevation_gain_m,
        "shoe": row.shoe.name if row.shoe is not None else None,
        "name": row.name,
        "device": row.device,
    }


def activities_list(session: Session, athlete: Athlete, limit: int = 50) -> list[dict[str, Any]]:
    rows = list_activities(session, athlete, limit=limit, newest_first=True)
    return [activity_json(r) for r in rows]


def activity_count(session: Session, athlete: Athlete) -> int:
    query = select(func.count(ActivityRow.id)).where(ActivityRow.athlete_id == athlete.id)
    return int(session.scalar(query) or 0)


@dataclass(frozen=True)
class LoadView:
    report: LoadReport
    weeks: list[WeekRow]
    pain: list[WeeklyPain]
    shoes: list[dict[str, Any]]
    data: dict[str, Any]


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def load_view(session: Session, athlete: Athlete, as_of: date, weeks: int = 12) -> LoadView:
    """Load metrics as of `as_of`, the last `weeks` weeks, weekly pain and shoe mileage."""
    activities = load_activities(session, athlete)
    entries = load_diary(session, athlete, until=as_of)
    mileage = shoe_mileage(session, athlete)
    report = load_report(activities, as_of)
    shown = list(report.weeks)[-weeks:]
    first = shown[0].week_start if shown else as_of
    pain = [p for p in weekly_pain(entries, as_of=as_of) if p.week_start >= first]
    counted = {s.shoe: s for s in report.shoes}
    shoes = [
        {
            "name": m.shoe.name,
            "km": round(m.km, 1),
            "runs": m.runs,
            "retired": m.shoe.retired,
            "last_used": counted[m.shoe.name].last_used.isoformat()
            if m.shoe.name in counted
            else None,
        }
        for m in mileage
    ]
    data: dict[str, Any] = {
        "as_of": as_of.isoformat(),
        "km_7d": _round(report.km_7d),
        "km_prev_7d": _round(report.km_prev_7d),
        "km_prev2_7d": _round(report.km_prev2_7d),
        "change_wow": _round(report.change_wow),
        "change_2wk": _round(report.change_2wk),
        "flag_2wk": report.flag_2wk,
        "progression_limit": PROGRESSION_LIMIT,
        "acwr_rolling": _round(report.acwr_rolling),
        "acwr_ewma": _round(report.acwr_ewma),
        "acwr_band": acwr_band(report.acwr_rolling),
        "monotony": _round(report.monotony),
        "strain": _round(report.strain),
        "aerobic_minutes_7d": _round(report.aerobic_minutes_7d),
        "aerobic_target_minutes": AEROBIC_TARGET_MIN,
        "cadence_spm": _round(report.cadence.recent_median_spm),
        "weeks": [_week_json(w) for w in shown],
        "weekly_pain": [{**p._asdict(), "week_start": p.week_start.isoformat()} for p in pain],
        "spikes": [
            {
                "date": r.activity.start.date().isoformat(),
                "km": round(r.km, 2),
                "longest_prev_km": _round(r.longest_prev_km, 2),
                "ratio": _round(r.ratio),
                "band": r.band,
            }
            for r in report.spikes
            if r.activity.start.date() >= first
        ],
        "shoes": shoes,
        "notes": list(report.notes),
    }
    return LoadView(report, shown, pain, shoes, data)


def _week_json(w: WeekRow) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in w._asdict().items():
        if isinstance(value, date):
            out[key] = value.isoformat()
        elif isinstance(value, float):
            out[key] = round(value, 3)
        else:
            out[key] = value
    return out


# --- Knowledge base -----------------------------------------------------------------------------


@cache
def safety_figures() -> dict[str, Any]:
    """The vignette figures shipped with the package (written by scripts/safety-report)."""
    text = resources.files("backstride.reports").joinpath("safety_figures.json").read_text("utf-8")
    figures: dict[str, Any] = json.loads(text)
    return figures


def kb_counts(kb: KnowledgeBase) -> dict[str, int]:
    return {
        "conditions": len(kb.conditions),
        "treatments": len(kb.treatments),
        "technique": len(kb.technique),
        "sources": len(kb.sources),
        "exercises": len(kb.exercises),
    }


def sorted_by(items: Sequence[Any], key: str) -> list[Any]:
    return sorted(items, key=lambda item: getattr(item, key))


def now_utc() -> datetime:
    return datetime.now().astimezone()
