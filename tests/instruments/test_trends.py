"""Trends judged against the minimal important change of Ostelo et al. 2008."""

from __future__ import annotations

from datetime import date

import pytest

from backstride.instruments.trends import Point, judge_change, trend

D1, D2, D3 = date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)


@pytest.mark.parametrize(
    ("instrument", "baseline", "latest", "verdict"),
    [
        ("pain", 6, 4, "meaningful_improvement"),  # 2 points
        ("pain", 6, 5, "no_meaningful_change"),  # 1 point, 17%
        ("pain", 3, 2, "meaningful_improvement"),  # 1 point but 33%
        ("pain", 4, 6, "meaningful_worsening"),
        ("pain", 4, 5, "no_meaningful_change"),
        ("rmdq", 12, 7, "meaningful_improvement"),  # 5 points
        ("rmdq", 16, 12, "no_meaningful_change"),  # 4 points, 25%
        ("rmdq", 10, 7, "meaningful_improvement"),  # 3 points but 30%
        ("rmdq", 8, 13, "meaningful_worsening"),
        ("oswestry", 40, 30, "meaningful_improvement"),  # 10 points
        ("oswestry", 50, 42, "no_meaningful_change"),  # 8 points, 16%
        ("oswestry", 20, 14, "meaningful_improvement"),  # 6 points but 30%
        ("oswestry", 30, 40, "meaningful_worsening"),
        ("oswestry", 30, 38, "no_meaningful_change"),
    ],
)
def test_change_against_the_mic(
    instrument: str, baseline: float, latest: float, verdict: str
) -> None:
    assert judge_change(instrument, baseline, latest)[0] == verdict


def test_trend_compares_the_latest_with_the_first_score_whatever_the_order() -> None:
    points = [Point(D3, 4), Point(D1, 8), Point(D2, 7)]
    result = trend("pain", points)
    assert result is not None
    assert (result.baseline.total, result.latest.total, result.change) == (8, 4, -4)
    assert result.verdict == "meaningful_improvement"
    assert "Ostelo" in result.explanation


def test_startback_reports_risk_group_moves_not_a_mic() -> None:
    result = trend("startback", [Point(D1, 6, "high"), Point(D2, 2, "low")])
    assert result is not None and result.verdict == "risk_lower"
    assert "high to low" in result.explanation
    same = trend("startback", [Point(D1, 5, "medium"), Point(D2, 4, "medium")])
    assert same is not None and same.verdict == "risk_same"


def test_one_score_is_not_a_trend_and_none_is_nothing() -> None:
    single = trend("rmdq", [Point(D1, 9)])
    assert single is not None and single.verdict == "single_score"
    assert trend("rmdq", []) is None
