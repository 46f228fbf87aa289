"""The assessment writer (group commit): every row committed before its request hears back,
errors reach every waiting request, and the cached local athlete survives being deleted."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from backstride.storage.assessments import AssessmentText
from backstride.storage.athletes import get_athlete
from backstride.storage.db import Database, open_database
from backstride.storage.models import SavedAssessment
from backstride.storage.personal_data import delete_athlete
from backstride.storage.write_turns import WriteTurns
from backstride.web.writer import AssessmentWriter

ROW = AssessmentText(None, '{"age": 30}', '{"triage": {"level": "self_care"}}', "kb-test")


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = open_database(f"sqlite:///{tmp_path / 'writer.db'}")
    yield db
    db.close()


def _record_many(writer: AssessmentWriter, rows: list[AssessmentText]) -> list[int]:
    async def go() -> list[int]:
        outcomes = await asyncio.gather(*(writer.record(r) for r in rows))
        return [new_id for new_id, _ in outcomes]

    return asyncio.run(go())


def _owners(database: Database) -> dict[int, int]:
    with database.transaction() as session:
        rows = session.execute(select(SavedAssessment.id, SavedAssessment.athlete_id)).all()
        return {row.id: row.athlete_id for row in rows}


def test_rows_sent_together_are_all_committed_with_distinct_ids(database: Database) -> None:
    ids = _record_many(AssessmentWriter(database), [ROW] * 50)
    assert len(set(ids)) == 50
    assert set(_owners(database)) == set(ids)  # readable from a new session: committed
    with database.transaction() as session:
        local = get_athlete(session)
        assert local is not None
        assert set(_owners(database).values()) == {local.id}


def test_the_local_athlete_is_found_again_after_it_was_deleted(database: Database) -> None:
    writer = AssessmentWriter(database)
    first = _record_many(writer, [ROW])[0]
    with database.transaction() as session:
        athlete = get_athlete(session)
        assert athlete is not None
        delete_athlete(session, athlete)
    assert first not in _owners(database)  # deleted with its athlete
    second = _record_many(writer, [ROW])[0]
    with database.transaction() as session:
        recreated = get_athlete(session)
        assert recreated is not None
    assert _owners(database) == {second: recreated.id}


def test_a_failed_write_reaches_every_waiting_request(database: Database) -> None:
    unknown_athlete = AssessmentText(999_999, "{}", "{}", "kb-test")
    writer = AssessmentWriter(database)

    async def go() -> list[object]:
        return await asyncio.gather(
            *(writer.record(unknown_athlete) for _ in range(3)), return_exceptions=True
        )

    outcomes = asyncio.run(go())
    assert len(outcomes) == 3 and all(isinstance(o, Exception) for o in outcomes)
    assert _owners(database) == {}


def test_a_served_writer_waits_for_another_process_s_turn(database: Database) -> None:
    database.prepare_for_serving()
    url_path = database.engine.url.database
    assert url_path is not None
    other_process = WriteTurns(url_path)  # a second open of the lock file acts as one
    writer = AssessmentWriter(database)

    async def go() -> tuple[bool, int]:
        with other_process.turn():
            pending = asyncio.ensure_future(writer.record(ROW))
            await asyncio.sleep(0.3)
            finished_early = pending.done()
        new_id, _ = await pending
        return finished_early, new_id

    finished_early, new_id = asyncio.run(go())
    other_process.close()
    assert not finished_early
    assert new_id in _owners(database)
