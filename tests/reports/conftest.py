"""A worked example for the clinician report: a runner with sciatica-like pain, five weeks of
runs with a long-run spike, a pain diary and instrument scores at two visits."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from backstride.contract.validate import parse_case
from backstride.engine.assess import assess
from backstride.instruments import parse_items
from backstride.kb.loader import load_kb
from backstride.reports.clinician import DatedScore, build_context, chart_png
from backstride.training.activity import Activity, Sport
from backstride.training.diary import DiaryEntry, weekly_pain
from backstride.training.metrics import load_report

MONDAY = date(2024, 4, 1)
AS_OF = MONDAY + timedelta(days=34)
CASE = {
    "age": 42,
    "sex": "female",
    "pain": {
        "regions": [
            {"region": "lower_back", "side": "central"},
            {"region": "below_knee", "side": "left"},
        ],
        "character": ["shooting", "aching"],
        "intensity_now": 6,
        "onset": "gradual",
        "duration_days": 20,
        "worse_with": ["sitting", "bending_forward", "coughing_sneezing"],
    },
    "neuro": {
        "leg_numbness": "left",
        "saddle_numbness": False,
        "urinary_retention": False,
        "bowel_incontinence": False,
    },
    "general": {"fever": False, "history_of_cancer": False},
    "running": {"weekly_km": 38, "weekly_km_before": 25, "recent_changes": ["mileage_increase"]},
}
SCORES: list[DatedScore] = [
    (date(2024, 4, 2), parse_items("startback", "1,0,1,0,1,1,0,0,very_much")),
    (date(2024, 4, 2), parse_items("oswestry", "3,1,3,2,3,2,2,-,2,2")),
    (date(2024, 4, 2), parse_items("rmdq", "ticked:1,2,4,7,9,11,13,15,18,21")),
    (date(2024, 4, 2), parse_items("pain", "7")),
    (date(2024, 5, 3), parse_items("startback", "1,0,0,0,0,1,0,0,moderately")),
    (date(2024, 5, 3), parse_items("oswestry", "2,0,2,1,2,1,1,-,1,1")),
    (date(2024, 5, 3), parse_items("rmdq", "ticked:1,4,9,15")),
    (date(2024, 5, 3), parse_items("pain", "4")),
]
PLAN: dict[str, Any] = {
    "offered": True,
    "explanation": "A placeholder plan given to the report builder.",
    "weeks": [
        {
            "number": 1,
            "phase": "settle",
            "focus": "nerve glides",
            "sessions": 3,
            "exercises": ["Walk (20 min)"],
        }
    ],
    "notes": [],
    "rule": "Stop and seek help if leg weakness appears.",
}


@pytest.fixture(scope="session")
def context() -> dict[str, Any]:
    runs = []
    for week, kms in enumerate([(5, 5, 8), (5, 6, 8), (6, 6, 16), (5, 5, 8), (6, 6, 10)]):
        for offset, km in zip((0, 2, 6), kms, strict=True):
            day = MONDAY + timedelta(days=7 * week + offset)
            start = datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
            runs.append(Activity(Sport.running, start, km * 360.0, km * 1000.0))
    weeks = list(load_report(runs, AS_OF).weeks)
    entries = [
        DiaryEntry(MONDAY + timedelta(days=7 * w + 1), pain_morning=p, pain_after=p + 1)
        for w, p in enumerate([3, 4, 7, 5, 4])
    ]
    pain = weekly_pain(entries, as_of=AS_OF)
    case = parse_case(CASE)
    result = assess(case)
    return build_context(
        case=case,
        result=result,
        kb=load_kb(),
        generated=datetime(2024, 5, 5, 10, 0, tzinfo=UTC),
        athlete="Test runner",
        assessed_on=AS_OF,
        scores=SCORES,
        weeks=weeks,
        pain=pain,
        chart_png=chart_png(weeks, pain),
        plan=PLAN,
    )
