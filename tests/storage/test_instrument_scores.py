"""Instrument scores in storage, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from backstride.errors import UserError
from backstride.instruments import parse_items, score_items
from backstride.storage.athletes import default_athlete
from backstride.storage.db import Database, make_engine, open_database, upgrade
from backstride.storage.instruments import delete_score, list_scores, save_score, trends
from backstride.storage.personal_data import delete_athlete, export_athlete


def test_scores_are_kept_with_their_items_and_rescore_the_same(db: Database) -> None:
    odi = parse_items("oswestry", "2,2,2,2,2,2,2,1,1,-")
    with db.transaction() as session:
        me = default_athlete(session)
        save_score(session, me, odi, date(2024, 3, 1))
        save_score(session, me, parse_items("pain", "6"), date(2024, 3, 1))
    with db.transaction() as session:
        me = default_athlete(session)
        (row,) = list_scores(session, me, "oswestry")
        assert (row.total, row.band, row.taken_on) == (35.6, "moderate", date(2024, 3, 1))
        assert score_items(row.instrument, row.items) == odi
        assert [r.instrument for r in list_scores(session, me)] == ["oswestry", "pain"]


def test_trends_read_baseline_against_latest(db: Database) -> None:
    with db.transaction() as session:
        me = default_athlete(session)
        for day, pain in (
            (date(2024, 1, 1), "7"),
            (date(2024, 2, 1), "5"),
            (date(2024, 1, 15), "6"),
        ):
            save_score(session, me, parse_items("pain", pain), day)
        save_score(session, me, parse_items("startback", "1,1,0,0,1,1,1,1,4"), date(2024, 1, 1))
        save_score(session, me, parse_items("startback", "0,0,0,0,1,0,0,0,1"), date(2024, 2, 1))
        found = {t.instrument: t for t in trends(list_scores(session, me))}
    assert found["pain"].change == -2 and found["pain"].verdict == "meaningful_improvement"
    assert found["startback"].verdict == "risk_lower"


def test_unknown_instrument_and_foreign_ids_are_user_errors(db: Database) -> None:
    with db.transaction() as session:
        me = default_athlete(session)
        with pytest.raises(UserError, match="instrument: 'odi' is not allowed"):
            list_scores(session, me, "odi")
        with pytest.raises(UserError, match="score 99"):
            delete_score(session, me, 99)


def test_scores_are_exported_and_deleted_with_the_person(db: Database) -> None:
    with db.transaction() as session:
        me = default_athlete(session)
        save_score(session, me, parse_items("rmdq", "ticked:1,2,3"), date(2024, 3, 1))
        exported = export_athlete(session, me)
        assert exported["instrument_scores"][0]["total"] == 3
        counts = delete_athlete(session, me)
        assert counts["instrument_scores"] == 1


def test_upgrade_from_0003_adds_the_table_with_data_in_place(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine, "0003")
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO athletes (id, name, created_at) VALUES (1, 'me', :t)"),
            {"t": "2024-01-01 00:00:00"},
        )
    engine.dispose()
    db = open_database(database_url)
    with db.transaction() as session:
        me = default_athlete(session)
        save_score(session, me, parse_items("pain", "3"), date(2024, 3, 1))
        assert len(list_scores(session, me)) == 1
    db.close()
