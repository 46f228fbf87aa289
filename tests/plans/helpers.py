"""Shared builders for plan tests: results from cases, diary days, runs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from backstride.contract.result import Result
from backstride.contract.validate import parse_case
from backstride.engine.assess import assess
from backstride.training.activity import Activity, Sport
from backstride.training.diary import DiaryEntry

START = date(2025, 3, 3)  # a Monday
SELF_CARE: dict[str, Any] = {
    "age": 35,
    "pain": {
        "regions": [{"region": "lower_back", "side": "central"}],
        "character": ["aching"],
        "when": ["after_run"],
        "duration_days": 4,
    },
    "running": {"weekly_km": 40, "weekly_km_before": 20},
}
CES: dict[str, Any] = {
    "age": 41,
    "pain": {"regions": [{"region": "lower_back", "side": "central"}]},
    "neuro": {"saddle_numbness": True, "urinary_retention": True, "leg_numbness": "both"},
}


def result_of(case: dict[str, Any]) -> Result:
    return assess(parse_case(case))


def with_conditions(result: Result, scores: dict[str, float]) -> Result:
    """The result with its condition list replaced (ids and probabilities as given)."""
    hits = [
        {
            "id": cid,
            "name": cid.replace("_", " "),
            "score": s,
            "supporting": [],
            "against": [],
            "sources": [],
        }
        for cid, s in sorted(scores.items(), key=lambda kv: -kv[1])
    ]
    return Result.model_validate({**result.model_dump(), "conditions": hits})


def baseline(morning: int = 1, stiffness: int = 10) -> list[DiaryEntry]:
    return [
        DiaryEntry(
            START - timedelta(days=i), pain_morning=morning, morning_stiffness_minutes=stiffness
        )
        for i in range(1, 8)
    ]


def good_sessions(first: date, count: int, during: int = 1, after: int = 2) -> list[DiaryEntry]:
    """`count` sessions on alternate days from `first`, each with a settled next morning."""
    out = []
    for k in range(count):
        d = first + timedelta(days=2 * k)
        out.append(
            DiaryEntry(
                d,
                pain_morning=1,
                pain_during=during,
                pain_after=after,
                morning_stiffness_minutes=10,
            )
        )
        out.append(DiaryEntry(d + timedelta(days=1), pain_morning=1, morning_stiffness_minutes=10))
    return out


def run(day: date, km: float, pace_min_per_km: float = 6.0) -> Activity:
    return Activity(
        Sport.running,
        datetime(day.year, day.month, day.day, 8, tzinfo=UTC),
        km * pace_min_per_km * 60,
        km * 1000,
    )
