"""The JSON API under /api/v1. Handlers are thin: parse, call a context builder, answer."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response, UploadFile
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from backstride.contract.validate import parse_case_json
from backstride.training.diary import DiaryEntry as DomainDiaryEntry
from backstride.web import context as ctx
from backstride.web.deps import (
    ATHLETE_CHOICE_HELP,
    MAX_ID,
    CurrentAthlete,
    DbSession,
    acting_athlete_id,
    authenticates_itself,
    get_database,
)
from backstride.web.schemas import (
    ActivityOut,
    AssessmentSummary,
    Day,
    DiaryFields,
    DiaryIn,
    DiaryOut,
    ErrorOut,
    Health,
    ImportOut,
    LoadOut,
    SavedAssessmentOut,
)
from backstride.web.writer import AssessmentWriter

ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorOut, "description": "Invalid input: one problem per field."},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "No such item for this athlete."},
}
router = APIRouter(prefix="/api/v1", responses=ERRORS)
AssessmentId = Annotated[int, Path(ge=1, le=MAX_ID)]
JSON = "application/json"


@router.get("/health", response_model=Health, tags=["service"])
async def health() -> dict[str, str]:
    """A trivial endpoint: the service is up."""
    return {"status": "ok"}


class CreateOptions(BaseModel):
    """POST /assessments' query parameters. Read by hand in the handler: FastAPI's per-request
    parameter machinery cost a tenth of the whole request there."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    history: bool = Field(
        False, description="Fill running fields from the imported activity history."
    )
    as_of: Day | None = Field(None, description="The day for `history` (default today).")
    athlete: int | None = Field(None, ge=1, le=MAX_ID, description=ATHLETE_CHOICE_HELP)

    @classmethod
    def from_request(cls, request: Request) -> CreateOptions:
        if not request.scope.get("query_string"):
            return NO_OPTIONS
        try:
            return cls.model_validate(dict(request.query_params))
        except ValidationError as exc:  # the API's usual 422, naming the parameter
            errors = [{**e, "loc": ("query", *e["loc"])} for e in exc.errors()]
            raise RequestValidationError(errors) from None

    @classmethod
    def openapi_parameters(cls) -> list[dict[str, Any]]:
        fields = cls.model_json_schema()["properties"]
        return [
            {"name": name, "in": "query", "required": False, "schema": schema,
             "description": schema.pop("description", "")}
            for name, schema in fields.items()
        ]  # fmt: skip


NO_OPTIONS = CreateOptions()


@router.post(
    "/assessments",
    status_code=201,
    response_model=None,
    responses={201: {"model": SavedAssessmentOut, "description": "The saved assessment."}},
    openapi_extra={
        "parameters": CreateOptions.openapi_parameters(),
        "requestBody": {
            "required": True,
            "content": {JSON: {"schema": {"$ref": "#/components/schemas/Case"}}},
        },
    },
    tags=["assessments"],
)
@authenticates_itself
async def create_assessment(request: Request) -> Response:
    """Assess a case (the contract's Case) and save it with its result."""
    # The hot path: no dependencies or declared parameters (resolving them cost as much as the
    # engine), no worker threads in local mode. Parsing and the engine take a fraction of a
    # millisecond, so they run on the event loop; the row is written by the assessment
    # writer's thread (group commit) and awaited. Reading the activity history runs in a
    # worker thread.
    options = CreateOptions.from_request(request)
    athlete_id = await acting_athlete_id(request, options.athlete)  # None: local athlete
    case = parse_case_json((await request.body()).decode("utf-8", errors="replace"), "case")
    writer: AssessmentWriter = request.app.state.assessment_writer
    assessor = None
    if options.history:
        assessor = ctx.history_assessor(get_database(request), athlete_id, options.as_of)
    text = await ctx.assess_and_record(writer, case, athlete_id, history=assessor)
    return Response(text, status_code=201, media_type=JSON)


@router.get("/assessments", response_model=list[AssessmentSummary], tags=["assessments"])
def list_assessments(
    session: DbSession,
    athlete: CurrentAthlete,
    limit: Annotated[
        int | None, Query(ge=1, le=1000, description="At most this many (default: all).")
    ] = None,
    offset: Annotated[
        int, Query(ge=0, le=MAX_ID, description="Skip this many of the newest first.")
    ] = 0,
) -> list[dict[str, Any]]:
    """Saved assessments, newest first; `limit` and `offset` page through a long history."""
    return ctx.assessment_summaries(session, athlete, limit, offset)


@router.get(
    "/assessments/{assessment_id}",
    response_model=None,
    responses={200: {"model": SavedAssessmentOut}, **NOT_FOUND},
    tags=["assessments"],
)
def read_assessment(
    assessment_id: AssessmentId, session: DbSession, athlete: CurrentAthlete
) -> Response:
    """One saved assessment: the case, the result and the knowledge-base version."""
    saved = ctx.get_saved(session, athlete, assessment_id)
    return Response(ctx.saved_json_text(saved), media_type=JSON)


def _domain(day: date, fields: DiaryFields) -> DomainDiaryEntry:
    return DomainDiaryEntry(
        day=day,
        pain_morning=fields.pain_morning,
        pain_during=fields.pain_during,
        pain_after=fields.pain_after,
        regions=tuple(r.value for r in fields.regions),
        morning_stiffness_minutes=fields.morning_stiffness_minutes,
        notes=fields.notes,
    )


@router.get("/diary", response_model=list[DiaryOut], tags=["diary"])
def list_diary(
    session: DbSession,
    athlete: CurrentAthlete,
    since: Day | None = None,
    until: Day | None = None,
) -> list[dict[str, Any]]:
    """Diary entries, oldest first, with each day's runs."""
    return ctx.diary_list(session, athlete, since, until)


@router.post("/diary", status_code=201, response_model=DiaryOut, tags=["diary"])
def add_diary(entry: DiaryIn, session: DbSession, athlete: CurrentAthlete) -> dict[str, Any]:
    """Write the entry for a day (an earlier entry for that day is replaced)."""
    row = ctx.diary_save(session, athlete, _domain(entry.day, entry))
    return ctx.diary_entry_json(session, athlete, row)


@router.get("/diary/{day}", response_model=DiaryOut, responses=NOT_FOUND, tags=["diary"])
def read_diary(day: Day, session: DbSession, athlete: CurrentAthlete) -> dict[str, Any]:
    """The entry for one day."""
    return ctx.diary_entry_json(session, athlete, ctx.diary_get(session, athlete, day))


@router.put("/diary/{day}", response_model=DiaryOut, tags=["diary"])
def put_diary(
    day: Day, entry: DiaryFields, session: DbSession, athlete: CurrentAthlete
) -> dict[str, Any]:
    """Create or replace the entry for one day."""
    row = ctx.diary_save(session, athlete, _domain(day, entry))
    return ctx.diary_entry_json(session, athlete, row)


@router.get("/activities", response_model=list[ActivityOut], tags=["activities"])
def list_activities(
    session: DbSession,
    athlete: CurrentAthlete,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> list[dict[str, Any]]:
    """Imported activities, newest first."""
    return ctx.activities_list(session, athlete, limit)


@router.post("/activities", response_model=ImportOut, tags=["activities"])
async def upload_activities(
    request: Request, files: list[UploadFile], athlete: CurrentAthlete
) -> dict[str, Any]:
    """Import FIT, GPX and TCX files (also .gz) and Strava or Garmin export archives (.zip).
    A file that cannot be read is listed under `skipped`; the others are imported."""
    from backstride.web.uploads import import_uploads

    name = athlete.name
    return await import_uploads(get_database(request), name, files)


@router.get("/load", response_model=LoadOut, tags=["load"])
def read_load(
    session: DbSession,
    athlete: CurrentAthlete,
    as_of: Annotated[
        Day | None, Query(description="Report as of this day (default today).")
    ] = None,
    weeks: Annotated[int, Query(ge=1, le=520)] = 12,
) -> dict[str, Any]:
    """Training-load metrics: weekly volume, progression, spikes, acute:chronic ratio, shoes."""
    return ctx.load_view(session, athlete, as_of or date.today(), weeks).data
