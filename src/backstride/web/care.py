"""Context builders for the plan, instrument and clinician-report pages (and their JSON twins).

Like `backstride.web.context`: each takes a session (the caller owns the transaction) and the
current athlete, calls storage and the domain core, and returns plain data. The handlers in
`backstride.web.routes_care` only read the request and render.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any, Final

from sqlalchemy.orm import Session

from backstride.contract.result import Result
from backstride.contract.validate import parse_case
from backstride.errors import UserError
from backstride.instruments import (
    Score,
    oswestry,
    pain_scale,
    roland_morris,
    score_items,
    startback,
)
from backstride.instruments.common import INSTRUMENTS, NAMES, NPRS, OSWESTRY, RMDQ, STARTBACK
from backstride.instruments.trends import MIC_ABSOLUTE, MIC_RELATIVE, MIC_SOURCE
from backstride.kb.loader import load_kb
from backstride.plans.calendar import to_ical
from backstride.plans.context import plan_context
from backstride.plans.programme import MAX_WEEKS, MIN_WEEKS, Programme, build_programme
from backstride.plans.return_to_run import ReturnToRunPlan, return_to_run
from backstride.reports.markdown import LEVEL_TITLES
from backstride.storage.activities import load_activities
from backstride.storage.assessments import latest_assessment
from backstride.storage.diary import list_diary_entries
from backstride.storage.instruments import delete_score, list_scores, save_score, trends
from backstride.storage.models import Athlete, InstrumentScore, SavedAssessment
from backstride.training.diary import DiaryEntry, weekly_pain
from backstride.training.metrics import load_report
from backstride.web.context import NotFound, get_saved

ILLUSTRATIONS: Final = Path(__file__).resolve().parents[1] / "kb" / "data" / "illustrations"


# --- Which assessment ---------------------------------------------------------------------------


def chosen_assessment(
    session: Session, athlete: Athlete, assessment_id: int | None
) -> SavedAssessment | None:
    """The assessment asked for (404 if it is not this athlete's), else the latest, else None."""
    if assessment_id is not None:
        return get_saved(session, athlete, assessment_id)
    return latest_assessment(session, athlete)


def require_assessment(
    session: Session, athlete: Athlete, assessment_id: int | None
) -> SavedAssessment:
    saved = chosen_assessment(session, athlete, assessment_id)
    if saved is None:
        raise NotFound("there is no saved assessment yet: check your back first (/assess)")
    return saved


def _diary(session: Session, athlete: Athlete, until: date) -> list[DiaryEntry]:
    return [
        DiaryEntry(
            day=r.day,
            pain_morning=r.pain_morning,
            pain_during=r.pain_during,
            pain_after=r.pain_after,
            regions=tuple(r.regions or ()),
            morning_stiffness_minutes=r.morning_stiffness_minutes,
            notes=r.notes,
        )
        for r in list_diary_entries(session, athlete, until=until)
    ]


# --- Plan ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanOptions:
    """What the plan page may be asked: the assessment, the first day, the length, the day the
    return-to-run status is read for, and the agreed pain ceiling."""

    assessment: int | None = None
    start: date | None = None
    weeks: int = MIN_WEEKS
    as_of: date | None = None
    ceiling: int = 3


@dataclass(frozen=True)
class PlanView:
    saved: SavedAssessment
    programme: Programme
    run_plan: ReturnToRunPlan
    data: dict[str, Any] = field(default_factory=dict)


@cache
def illustration_names() -> frozenset[str]:
    """The drawings the knowledge base names (the only files the plan page serves)."""
    return frozenset(
        e.illustration
        for e in load_kb().exercises.values()
        if e.illustration and (ILLUSTRATIONS / e.illustration).is_file()
    )


def illustration_svg(name: str) -> bytes:
    if name not in illustration_names():
        raise NotFound(f"there is no illustration called {name!r}")
    return (ILLUSTRATIONS / name).read_bytes()


def plan_view(session: Session, athlete: Athlete, options: PlanOptions) -> PlanView:
    """The programme and the return-to-run plan for one saved assessment.

    The programme starts on `start` (default: the day of the assessment); the return-to-run
    plan began on that day too and is read from the diary and the runs up to `as_of` (default
    today, never before the start)."""
    saved = require_assessment(session, athlete, options.assessment)
    result = Result.model_validate(saved.result)
    start = options.start or saved.created_at.date()
    as_of = max(options.as_of or date.today(), start)
    programme = build_programme(result, start, options.weeks)
    diary = _diary(session, athlete, as_of)
    runs = [a for a in load_activities(session, athlete) if a.start.date() <= as_of]
    run_plan = return_to_run(
        result, start=start, as_of=as_of, diary=diary, activities=runs, ceiling=options.ceiling
    )
    data = plan_context(programme=programme, run_plan=run_plan)
    data["assessment"] = {
        "id": saved.id,
        "created_at": saved.created_at.isoformat(),
        "level": result.triage.level.value,
        "title": LEVEL_TITLES.get(result.triage.level.value, result.triage.level.value),
    }
    _add_exercise_detail(data["programme"])
    return PlanView(saved, programme, run_plan, data)


def _add_exercise_detail(programme: dict[str, Any]) -> None:
    """Each item gets both the easier and the harder version from the knowledge base, and the
    address of its drawing."""
    exercises = load_kb().exercises
    for week in programme["weeks"]:
        for item in week["items"]:
            e = exercises.get(item["exercise_id"])
            item["regression"] = e.regression if e else ""
            item["progression"] = e.progression if e else ""
            name = item.get("illustration")
            item["illustration_url"] = (
                f"/plan/illustrations/{name}" if name in illustration_names() else None
            )


def plan_ical(view: PlanView) -> bytes:
    return to_ical(programme=view.programme, run_plan=view.run_plan, name="backstride plan")


# --- Instruments --------------------------------------------------------------------------------

AGREE_ALLOWED: Final = "agree (1) or disagree (0)"
BOTHER_ALLOWED: Final = "one of " + ", ".join(startback.BOTHERSOME)
SECTION_ALLOWED: Final = "a whole number from 0 to 5, or blank when the section was not answered"
TICK_ALLOWED: Final = f"item numbers from 1 to {roland_morris.ITEMS}"
PAIN_ALLOWED: Final = "a whole number from 0 to 10"
DATE_ALLOWED: Final = "a date as YYYY-MM-DD, not in the future"


def instrument_fields(instrument: str) -> list[str]:
    """The answer fields of each form (also the keys of the API's `answers`)."""
    if instrument == STARTBACK:
        return [f"item{i}" for i in range(1, 10)]
    if instrument == OSWESTRY:
        return [f"section{i}" for i in range(1, len(oswestry.SECTIONS) + 1)]
    if instrument == RMDQ:
        return ["ticked"]
    return ["pain"]


@dataclass(frozen=True)
class Problem:
    field: str
    value: object
    allowed: str
    message: str


def _bad(name: str, value: object, allowed: str, message: str | None = None) -> Problem:
    shown = "nothing" if value is None or value == "" else repr(value)
    return Problem(name, value, allowed, message or f"{shown} is not allowed; expected {allowed}")


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _check_startback(answers: Mapping[str, Any], problems: list[Problem]) -> Score | None:
    agree: list[bool] = []
    for i in range(1, 9):
        raw = _text(answers.get(f"item{i}"))
        try:
            if not raw:
                raise UserError("missing")
            agree.append(startback.parse_agree(i, raw))
        except UserError:
            problems.append(_bad(f"item{i}", raw, AGREE_ALLOWED))
    raw9 = _text(answers.get("item9"))
    bother = ""
    try:
        if not raw9:
            raise UserError("missing")
        bother = startback.parse_bothersome(raw9)
    except UserError:
        problems.append(_bad("item9", raw9, BOTHER_ALLOWED))
    if problems:
        return None
    return startback.score(startback.StartBackAnswers(tuple(agree), bother))


def _check_oswestry(answers: Mapping[str, Any], problems: list[Problem]) -> Score | None:
    sections: list[int | None] = []
    for i in range(1, len(oswestry.SECTIONS) + 1):
        raw = answers.get(f"section{i}")
        text = _text(raw)
        if not text:
            sections.append(None)
            continue
        try:
            sections.append(oswestry.section_score(i, raw if isinstance(raw, int) else text))
        except UserError:
            problems.append(_bad(f"section{i}", raw, SECTION_ALLOWED))
    if problems:
        return None
    if all(s is None for s in sections):
        problems.append(
            Problem("section1", None, "at least one section score", "no section was answered")
        )
        return None
    return oswestry.score_sections(sections)


def _check_rmdq(answers: Mapping[str, Any], problems: list[Problem]) -> Score | None:
    raw = answers.get("ticked", [])
    values = raw if isinstance(raw, list) else [raw] if raw not in (None, "") else []
    numbers: list[int] = []
    for value in values:
        text = _text(value)
        if isinstance(value, bool) or not text.isdigit() or not 1 <= int(text) <= 24:
            problems.append(_bad("ticked", value, TICK_ALLOWED))
            return None
        numbers.append(int(text))
    return roland_morris.score_numbers(numbers)


def _check_pain(answers: Mapping[str, Any], problems: list[Problem]) -> Score | None:
    raw = answers.get("pain")
    try:
        return pain_scale.score(raw if isinstance(raw, int) else _text(raw))
    except UserError:
        problems.append(_bad("pain", raw, PAIN_ALLOWED))
        return None


_CHECKS: Final = {
    STARTBACK: _check_startback,
    OSWESTRY: _check_oswestry,
    RMDQ: _check_rmdq,
    NPRS: _check_pain,
}


def check_measure(
    instrument: str, answers: Mapping[str, Any], taken_on: object
) -> tuple[Score | None, date | None, list[Problem]]:
    """Score the answers of one instrument and read the day; every wrong field is reported."""
    problems: list[Problem] = []
    day: date | None = None
    if isinstance(taken_on, date):
        day = taken_on
    elif not _text(taken_on):
        day = date.today()
    else:
        try:
            day = date.fromisoformat(_text(taken_on))
        except ValueError:
            problems.append(_bad("date", taken_on, DATE_ALLOWED))
    if day is not None and day > date.today():
        problems.append(_bad("date", day.isoformat(), DATE_ALLOWED))
        day = None
    score = _CHECKS[instrument](answers, problems)
    return (score if not problems else None), day, problems


def raise_problems(problems: list[Problem], prefix: str = "") -> None:
    """The problems as one `UserError` whose lines the API turns into field/value/allowed."""
    lines = []
    for p in problems:
        name = f"{prefix}{p.field}"
        if p.value is None or p.value == "":
            lines.append(f"{name}: is required; expected {p.allowed}")
        else:
            lines.append(f"{name}: {p.value!r} is not allowed; expected {p.allowed}")
    raise UserError(lines[0], lines)


def save_measure(session: Session, athlete: Athlete, score: Score, day: date) -> dict[str, Any]:
    return score_json(save_score(session, athlete, score, day), score)


def delete_measure(session: Session, athlete: Athlete, score_id: int) -> None:
    """Delete one of this athlete's scores (404 if it is not theirs or does not exist)."""
    try:
        delete_score(session, athlete, score_id)
    except UserError as exc:
        raise NotFound(f"there is no instrument score {score_id}") from exc


def score_json(row: InstrumentScore, score: Score | None = None) -> dict[str, Any]:
    score = score or score_items(row.instrument, row.items)
    return {
        "id": row.id,
        "instrument": row.instrument,
        "name": NAMES[row.instrument],
        "date": row.taken_on.isoformat(),
        "total": score.total,
        "shown": score.shown(),
        "band": score.band,
        "items": dict(score.items),
        "detail": dict(score.detail),
    }


def _mic(instrument: str) -> str:
    if instrument in MIC_ABSOLUTE:
        return (
            f"{MIC_ABSOLUTE[instrument]:g} points or {MIC_RELATIVE:.0%} better than the first score"
        )
    return "no MIC (a screening tool): the risk group is compared"


def measures_view(session: Session, athlete: Athlete) -> dict[str, Any]:
    """Every score (newest first) and one trend per instrument against its MIC."""
    rows = list_scores(session, athlete)
    found = []
    for t in trends(rows):
        found.append(
            {
                "instrument": t.instrument,
                "name": NAMES[t.instrument],
                "baseline": {
                    "date": t.baseline.taken_on.isoformat(),
                    "total": t.baseline.total,
                    "band": t.baseline.band,
                },
                "latest": {
                    "date": t.latest.taken_on.isoformat(),
                    "total": t.latest.total,
                    "band": t.latest.band,
                },
                "scores": len(t.points),
                "change": t.change,
                "verdict": t.verdict,
                "explanation": t.explanation,
                "mic": _mic(t.instrument),
            }
        )
    return {
        "scores": [score_json(r) for r in reversed(rows)],
        "trends": found,
        "mic_source": MIC_SOURCE,
    }


INSTRUMENT_NOTES: Final = {
    STARTBACK: startback.WORDING_NOTE,
    OSWESTRY: oswestry.LICENCE_NOTE,
    RMDQ: roland_morris.LICENCE_NOTE,
}


def form_info() -> dict[str, Any]:
    """What the forms show: topics, section names, choices, notes (never licensed wording)."""
    return {
        "instruments": list(INSTRUMENTS),
        "names": dict(NAMES),
        "topics": list(startback.TOPICS),
        "bothersome": list(startback.BOTHERSOME),
        "recall": startback.RECALL_PERIOD,
        "attribution": startback.ATTRIBUTION,
        "sections": list(oswestry.SECTIONS),
        "rmdq_items": roland_morris.ITEMS,
        "notes": INSTRUMENT_NOTES,
    }


# --- Clinician report and FHIR ------------------------------------------------------------------


def _scores_until(session: Session, athlete: Athlete, day: date) -> list[tuple[date, Score]]:
    return [
        (r.taken_on, score_items(r.instrument, r.items))
        for r in list_scores(session, athlete, until=day)
    ]


def report_context(session: Session, athlete: Athlete, assessment_id: int | None) -> dict[str, Any]:
    """What `backstride report` reads for a saved assessment, as the report's context."""
    from backstride.reports.clinician import build_context, chart_png, default_plan

    saved = require_assessment(session, athlete, assessment_id)
    case = parse_case(saved.case)
    result = Result.model_validate(saved.result)
    day = saved.created_at.date()
    activities = load_activities(session, athlete)
    weeks = list(load_report(activities, day).weeks) if activities else []
    pain = weekly_pain(_diary(session, athlete, day), as_of=day)
    return build_context(
        case=case,
        result=result,
        kb=load_kb(),
        generated=datetime.now(UTC),
        athlete=athlete.name,
        assessed_on=day,
        scores=_scores_until(session, athlete, day),
        weeks=weeks,
        pain=pain,
        chart_png=chart_png(weeks, pain),
        plan=default_plan(result, day),
    )


def fhir_bundle_json(session: Session, athlete: Athlete, assessment_id: int) -> str:
    """The saved assessment as a FHIR R4B Bundle, with the scores up to its day."""
    from backstride.fhir.bundle import assessment_bundle, bundle_json

    saved = get_saved(session, athlete, assessment_id)
    case = parse_case(saved.case)
    result = Result.model_validate(saved.result)
    when = saved.created_at
    scores = _scores_until(session, athlete, when.date())
    return bundle_json(assessment_bundle(case, result, scores=scores, when=when))


WEEKS_RANGE: Final = (MIN_WEEKS, MAX_WEEKS)
