"""Storage services on both databases: the caller owns the transaction."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError

from backstride.errors import UserError
from backstride.storage.activities import (
    known_activity_keys,
    list_activities,
    load_activities,
    record_import,
)
from backstride.storage.assessments import (
    assessment_summaries,
    latest_assessment,
    list_assessments,
    save_assessment,
)
from backstride.storage.athletes import default_athlete, get_athlete
from backstride.storage.db import Database
from backstride.storage.diary import list_diary_entries, runs_on_day, save_diary_entry
from backstride.storage.models import DiaryEntry, ImportedFile
from backstride.storage.personal_data import delete_athlete, export_athlete
from backstride.storage.shoes import add_shoe, retire_shoe, shoe_mileage
from backstride.training.activity import Activity, Sport

MORNING = datetime(2024, 3, 2, 6, 15, tzinfo=UTC)


def run(start: datetime = MORNING, km: float = 10.0, shoe: str | None = None) -> Activity:
    return Activity(
        sport=Sport.running,
        start=start,
        duration_s=km * 330,
        distance_m=km * 1000,
        avg_hr=150.0,
        avg_cadence_spm=172.0,
        shoe=shoe,
        extra={"fit_sport": "running"},
    )


def store(db: Database, *activities: Activity, digest: str = "f" * 64) -> int:
    with db.transaction() as session:
        athlete = default_athlete(session)
        source = ImportedFile(
            athlete_id=athlete.id, sha256=digest, name="x.fit", format="fit", size=1
        )
        keys = known_activity_keys(session, athlete)
        return len(record_import(session, athlete.id, source, activities, keys))


def test_the_default_athlete_is_created_once(db: Database) -> None:
    with db.transaction() as session:
        first = default_athlete(session).id
    with db.transaction() as session:
        assert default_athlete(session).id == first


def test_an_activity_comes_back_as_it_went_in(db: Database) -> None:
    store(db, run())
    with db.transaction() as session:
        (back,) = load_activities(session, default_athlete(session))
    assert back == run()
    assert back.start.tzinfo is not None


def test_the_same_session_is_stored_once(db: Database) -> None:
    assert store(db, run(), run()) == 1
    assert store(db, run(), run(MORNING + timedelta(days=1)), digest="e" * 64) == 1


def test_activities_filter_by_time_and_sport(db: Database) -> None:
    store(db, *(run(MORNING + timedelta(days=d)) for d in range(5)))
    with db.transaction() as session:
        athlete = default_athlete(session)
        since = MORNING + timedelta(days=2)
        assert len(list_activities(session, athlete, since=since)) == 3
        assert list_activities(session, athlete, sport=Sport.cycling) == []
        newest = list_activities(session, athlete, limit=1, newest_first=True)
        assert newest[0].start_time == MORNING + timedelta(days=4)


def test_shoe_mileage_is_start_km_plus_assigned_runs(db: Database) -> None:
    with db.transaction() as session:
        add_shoe(session, default_athlete(session), "Peg", brand="Nike", start_km=100)
    store(db, run(km=10, shoe="Peg"), run(MORNING + timedelta(days=1), km=5, shoe="Peg"))
    with db.transaction() as session:
        (peg,) = shoe_mileage(session, default_athlete(session))
    assert (peg.km, peg.runs, peg.shoe.brand) == (115.0, 2, "Nike")


def test_a_shoe_named_in_a_file_is_created(db: Database) -> None:
    store(db, run(shoe="Trail shoe"))
    with db.transaction() as session:
        (shoe,) = shoe_mileage(session, default_athlete(session))
    assert shoe.shoe.name == "Trail shoe"
    assert shoe.km == 10.0


def test_retired_shoes_leave_the_active_list(db: Database) -> None:
    with db.transaction() as session:
        me = default_athlete(session)
        add_shoe(session, me, "Old")
        add_shoe(session, me, "New")
        retire_shoe(session, me, "Old")
        assert [m.shoe.name for m in shoe_mileage(session, me, include_retired=False)] == ["New"]
        assert len(shoe_mileage(session, me)) == 2
        with pytest.raises(UserError, match="already exists"):
            add_shoe(session, me, "New")
        with pytest.raises(UserError, match="no shoe"):
            retire_shoe(session, me, "Missing")


def test_a_diary_day_is_written_once_and_replaced(db: Database) -> None:
    day = MORNING.date()
    with db.transaction() as session:
        me = default_athlete(session)
        save_diary_entry(session, me, day, pain_morning=3, regions=["lumbar"])
        save_diary_entry(
            session, me, day, pain_morning=2, pain_after=4, morning_stiffness_minutes=20
        )
        (entry,) = list_diary_entries(session, me)
    assert (entry.pain_morning, entry.pain_after, entry.regions) == (2, 4, [])
    assert entry.morning_stiffness_minutes == 20


def test_pain_outside_0_to_10_is_refused_by_service_and_database(db: Database) -> None:
    with db.transaction() as session, pytest.raises(UserError, match="between 0 and 10"):
        save_diary_entry(session, default_athlete(session), date(2024, 1, 1), pain_during=11)
    with db.sessions() as session:
        me = default_athlete(session)
        session.add(DiaryEntry(athlete_id=me.id, day=date(2024, 1, 1), pain_during=12))
        with pytest.raises(IntegrityError):
            session.flush()


def test_a_diary_day_finds_its_runs(db: Database) -> None:
    store(db, run(), run(MORNING + timedelta(days=1)))
    with db.transaction() as session:
        runs = runs_on_day(session, default_athlete(session), MORNING.date())
    assert [r.start_time for r in runs] == [MORNING]


def test_a_saved_assessment_keeps_case_result_and_kb_version(db: Database) -> None:
    case = {"age": 34, "red_flags": [], "pain": {"now": 4}}
    result = {"triage": "self-care", "reasons": ["no red flags"]}
    with db.transaction() as session:
        save_assessment(session, default_athlete(session), case, result, "2024.1")
    with db.transaction() as session:
        (saved,) = list_assessments(session, default_athlete(session))
    assert (saved.case, saved.result, saved.kb_version) == (case, result, "2024.1")


def test_summaries_read_the_list_fields_newest_first_a_page_at_a_time(db: Database) -> None:
    results: list[dict[str, Any]] = [
        {"triage": {"level": "self_care", "action": "Look after it at home"}, "conditions": []},
        {
            "triage": {"level": "urgent_same_day", "action": "See a doctor today"},
            "conditions": [{"name": "Spondylolysis"}, {"name": "Muscle strain"}],
        },
        {"other": "no triage at all"},
    ]
    with db.transaction() as session:
        me = default_athlete(session)
        ids = [save_assessment(session, me, {}, r, "kb-1").id for r in results]
    with db.transaction() as session:
        me = default_athlete(session)
        every = assessment_summaries(session, me)
        latest = latest_assessment(session, me)
        page = assessment_summaries(session, me, limit=1, offset=1)
    assert [s.id for s in every] == ids[::-1]
    assert latest is not None and latest.id == ids[-1]
    (middle,) = page
    assert (middle.level, middle.action, middle.top_condition) == (
        "urgent_same_day",
        "See a doctor today",
        "Spondylolysis",
    )
    assert (every[0].level, every[0].top_condition) == (None, None)  # fields it lacks
    assert every[-1].top_condition is None and every[-1].kb_version == "kb-1"


def test_export_has_everything_and_delete_removes_it(db: Database) -> None:
    store(db, run(shoe="Peg"))
    with db.transaction() as session:
        me = default_athlete(session)
        save_diary_entry(session, me, MORNING.date(), pain_morning=1)
        save_assessment(session, me, {"a": 1}, {"b": 2}, "1")
        exported = export_athlete(session, me)
    assert exported["athlete"]["name"] == "me"
    for table in ("activities", "shoes", "diary_entries", "saved_assessments", "imported_files"):
        assert len(exported[table]) == 1, table
    assert exported["activities"][0]["start_time"] == MORNING.isoformat()
    with db.transaction() as session:
        me = default_athlete(session)
        counts = delete_athlete(session, me)
    assert counts["activities"] == 1
    with db.transaction() as session:
        assert get_athlete(session) is None
        assert load_activities(session, default_athlete(session)) == []
