"""Plan, instrument and clinician-report pages, their downloads and their JSON twins.

Thin: read the query or the form, call `backstride.web.care`, render or answer. Every handler
gets its athlete from `current_athlete`, so clinic-mode access rules apply unchanged.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from backstride.instruments.common import INSTRUMENTS
from backstride.plans.programme import MAX_WEEKS, MIN_WEEKS
from backstride.training.calendar import EARLIEST_DAY, LATEST_DAY
from backstride.web import care
from backstride.web.api import ERRORS, NOT_FOUND, AssessmentId
from backstride.web.deps import MAX_ID, CurrentAthlete, DbSession
from backstride.web.links import athlete_url
from backstride.web.pages import PostedForm, render
from backstride.web.problems import from_pydantic
from backstride.web.schemas import Day

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", responses=ERRORS)

# --- Shared query parameters --------------------------------------------------------------------


def plan_options(
    assessment: Annotated[
        int | None,
        Query(ge=1, le=MAX_ID, description="A saved assessment's id (default: the latest)."),
    ] = None,
    start: Annotated[
        Day | None, Query(description="First day of the plan (default: the assessment's day).")
    ] = None,
    weeks: Annotated[
        int, Query(ge=MIN_WEEKS, le=MAX_WEEKS, description="Length of the programme in weeks.")
    ] = MIN_WEEKS,
    as_of: Annotated[
        Day | None,
        Query(description="Read the return-to-run status on this day (default: today)."),
    ] = None,
    ceiling: Annotated[
        int, Query(ge=0, le=5, description="Agreed pain ceiling during runs, 0-5 out of 10.")
    ] = 3,
) -> care.PlanOptions:
    return care.PlanOptions(assessment, start, weeks, as_of, ceiling)


Options = Annotated[care.PlanOptions, Depends(plan_options)]
ScoreId = Annotated[int, Path(ge=1, le=MAX_ID, description="An instrument score's id.")]
ChosenAssessment = Annotated[
    int | None,
    Query(
        alias="assessment",
        ge=1,
        le=MAX_ID,
        description="A saved assessment's id (default: the latest).",
    ),
]


# --- Plan ---------------------------------------------------------------------------------------


class PlanQuery(BaseModel):
    """The plan page's options as its form sends them (the same limits as `plan_options`)."""

    model_config = ConfigDict(extra="ignore")
    assessment: int | None = Field(None, ge=1, le=MAX_ID)
    start: Day | None = None
    weeks: int = Field(MIN_WEEKS, ge=MIN_WEEKS, le=MAX_WEEKS)
    as_of: Day | None = None
    ceiling: int = Field(3, ge=0, le=5)


_DAYS = f"a date from {EARLIEST_DAY} to {LATEST_DAY}, like 2026-05-01"
_PLAN_ALLOWED = {
    "assessment": "give the number of one of the saved checks",
    "start": f"give {_DAYS}",
    "weeks": f"give a whole number of weeks from {MIN_WEEKS} to {MAX_WEEKS}",
    "as_of": f"give {_DAYS}",
    "ceiling": "give a whole number from 0 to 5",
}


def _page_options(request: Request) -> tuple[PlanQuery, dict[str, str], dict[str, str]]:
    """The options given (empty ones left out), one message per wrong field, and the
    options actually used: each wrong one falls back to its default so the page still shows
    a plan, with the message beside the field and the other choices kept."""
    given = {
        name: value
        for name in PlanQuery.model_fields
        if (value := request.query_params.get(name, "").strip())
    }
    errors: dict[str, str] = {}
    try:
        options = PlanQuery.model_validate(given)
    except ValidationError as exc:
        for problem in from_pydantic(exc.errors()):
            name = problem.field
            allowed = _PLAN_ALLOWED.get(name, problem.allowed)
            errors.setdefault(name, f"{given.get(name)} is not allowed; {allowed}.")
        options = PlanQuery.model_validate({k: v for k, v in given.items() if k not in errors})
    return options, errors, given


@pages.get("/plan", response_class=HTMLResponse)
def plan_page(request: Request, session: DbSession, athlete: CurrentAthlete) -> Response:
    query, errors, given = _page_options(request)
    used = {k: v for k, v in given.items() if k not in errors}
    context = {"p": None, "query": urlencode(used), "errors": errors, "given": given}
    options = care.PlanOptions(
        query.assessment, query.start, query.weeks, query.as_of, query.ceiling
    )
    if care.chosen_assessment(session, athlete, options.assessment) is not None:
        context["p"] = care.plan_view(session, athlete, options).data
    return render(request, "plan.html", context, 422 if errors else 200)


@pages.get("/plan.ics")
def plan_ics(options: Options, session: DbSession, athlete: CurrentAthlete) -> Response:
    view = care.plan_view(session, athlete, options)
    return Response(
        care.plan_ical(view),
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="backstride-plan.ics"'},
    )


@pages.get("/plan/illustrations/{name}")
def plan_illustration(
    name: Annotated[str, Path(pattern=r"^[a-z0-9_]+\.svg$", max_length=80)],
) -> Response:
    """A drawing from the knowledge base, served as an image that may not run or fetch
    anything (only names the knowledge base lists; never a path)."""
    return Response(
        care.illustration_svg(name),
        media_type="image/svg+xml",
        headers={
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "public, max-age=3600",
        },
    )


@api.get("/plan", tags=["plan"], responses=NOT_FOUND)
def read_plan(options: Options, session: DbSession, athlete: CurrentAthlete) -> dict[str, Any]:
    """The exercise programme and the return-to-run status for a saved assessment (the same
    data as `backstride plan --format json`, with the assessment it was made for)."""
    return care.plan_view(session, athlete, options).data


# --- Instruments --------------------------------------------------------------------------------


def _measures_page(
    request: Request,
    session: Any,
    athlete: Any,
    *,
    instrument: str | None = None,
    form: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "measures.html",
        {
            "info": care.form_info(),
            "m": care.measures_view(session, athlete),
            "active": instrument,
            "form": form or {},
            "errors": errors or {},
            "today": date.today().isoformat(),
        },
        status,
    )


@pages.get("/measures", response_class=HTMLResponse)
def measures_page(request: Request, session: DbSession, athlete: CurrentAthlete) -> Response:
    return _measures_page(request, session, athlete)


@pages.post("/measures", response_class=HTMLResponse)
def measures_save(
    request: Request, form: PostedForm, session: DbSession, athlete: CurrentAthlete
) -> Response:
    instrument = str(form.get("instrument", ""))
    if instrument not in INSTRUMENTS:
        return _measures_page(
            request,
            session,
            athlete,
            errors={"instrument": "Choose one of the forms below."},
            status=422,
        )
    answers: dict[str, Any] = {
        name: (
            [str(v) for v in form.getlist(name)] if name == "ticked" else str(form.get(name, ""))
        )
        for name in care.instrument_fields(instrument)
    }
    taken_on = str(form.get("date", ""))
    score, day, problems = care.check_measure(instrument, answers, taken_on)
    if problems or score is None or day is None:
        errors: dict[str, str] = {}
        for p in problems:
            errors.setdefault(p.field, p.message[0].upper() + p.message[1:])
        kept = {**answers, "date": taken_on}
        return _measures_page(
            request,
            session,
            athlete,
            instrument=instrument,
            form=kept,
            errors=errors,
            status=422,
        )
    saved = care.save_measure(session, athlete, score, day)
    target = athlete_url(request, f"/measures?saved={saved['id']}")
    return RedirectResponse(target, status_code=303)


@pages.post("/measures/{score_id}/delete")
def measures_delete(
    request: Request, score_id: ScoreId, session: DbSession, athlete: CurrentAthlete
) -> Response:
    care.delete_measure(session, athlete, score_id)
    return RedirectResponse(athlete_url(request, f"/measures?deleted={score_id}"), status_code=303)


class MeasureIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    instrument: Literal["startback", "oswestry", "rmdq", "pain"] = Field(
        description="Which instrument."
    )
    date: str | None = Field(
        default=None, description="The day the form was filled in, YYYY-MM-DD (default today)."
    )
    answers: dict[str, Any] = Field(
        description=(
            "Item scores only, never the instruments' wording. startback: item1..item8 as 1 "
            "(agree) or 0 (disagree), item9 one of not_at_all, slightly, moderately, very_much, "
            "extremely. oswestry: section1..section10 as 0-5, or null when unanswered. rmdq: "
            "ticked, a list of the ticked item numbers 1-24. pain: pain, 0-10."
        ),
        examples=[{"pain": 4}],
    )


class MeasureOut(BaseModel):
    id: int
    instrument: str
    name: str
    date: str
    total: float
    shown: str = Field(description="The total as people read it: 32%, 7/24, 5/9, 4/10.")
    band: str | None
    items: dict[str, Any]
    detail: dict[str, Any]


class TrendPoint(BaseModel):
    date: str
    total: float
    band: str | None


class TrendOut(BaseModel):
    instrument: str
    name: str
    baseline: TrendPoint
    latest: TrendPoint
    scores: int
    change: float
    verdict: str
    explanation: str
    mic: str = Field(description="The minimal important change the verdict is judged by.")


class MeasuresOut(BaseModel):
    scores: list[MeasureOut] = Field(description="Every score, newest first.")
    trends: list[TrendOut] = Field(description="First against latest score, per instrument.")
    mic_source: str


@api.post("/measures", status_code=201, response_model=MeasureOut, tags=["measures"])
def add_measure(body: MeasureIn, session: DbSession, athlete: CurrentAthlete) -> dict[str, Any]:
    """Save one completed instrument from its item scores; answers with the total and band."""
    score, day, problems = care.check_measure(body.instrument, body.answers, body.date)
    if problems or score is None or day is None:
        care.raise_problems([p if p.field == "date" else _in_answers(p) for p in problems])
    assert score is not None and day is not None
    return care.save_measure(session, athlete, score, day)


def _in_answers(p: care.Problem) -> care.Problem:
    return care.Problem(f"answers.{p.field}", p.value, p.allowed, p.message)


@api.delete("/measures/{score_id}", status_code=204, responses=NOT_FOUND, tags=["measures"])
def delete_measure(score_id: ScoreId, session: DbSession, athlete: CurrentAthlete) -> Response:
    """Delete one instrument score, e.g. one entered by mistake (404 if it is not yours)."""
    care.delete_measure(session, athlete, score_id)
    return Response(status_code=204)


@api.get("/measures", response_model=MeasuresOut, tags=["measures"])
def read_measures(session: DbSession, athlete: CurrentAthlete) -> dict[str, Any]:
    """Every instrument score and the trend of each against its minimal important change."""
    return care.measures_view(session, athlete)


# --- Clinician report and FHIR ------------------------------------------------------------------


@pages.get("/report.html", response_class=HTMLResponse)
def report_html(
    session: DbSession, athlete: CurrentAthlete, assessment: ChosenAssessment = None
) -> Response:
    from backstride.reports.clinician import render_html

    context = care.report_context(session, athlete, assessment)
    return HTMLResponse(render_html(context))


@pages.get("/report.pdf")
def report_pdf(
    session: DbSession, athlete: CurrentAthlete, assessment: ChosenAssessment = None
) -> Response:
    from backstride.reports.clinician_pdf import render_pdf

    context = care.report_context(session, athlete, assessment)
    return Response(
        render_pdf(context),
        media_type="application/pdf",
        headers={"Content-Disposition": 'attachment; filename="backstride-report.pdf"'},
    )


@pages.get("/assessments/{assessment_id}/fhir.json")
def assessment_fhir(
    assessment_id: AssessmentId, session: DbSession, athlete: CurrentAthlete
) -> Response:
    text = care.fhir_bundle_json(session, athlete, assessment_id)
    return Response(
        text,
        media_type="application/fhir+json",
        headers={
            "Content-Disposition": (
                f'attachment; filename="backstride-assessment-{assessment_id}.fhir.json"'
            )
        },
    )
