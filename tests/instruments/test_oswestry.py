"""Oswestry Disability Index: percentage, missing sections, two ticks and bands."""

from __future__ import annotations

import pytest

from backstride.errors import UserError
from backstride.instruments.oswestry import band, score_sections, score_text


def test_sum_sixteen_over_ten_sections_is_thirty_two_percent_moderate() -> None:
    result = score_sections([2, 2, 2, 2, 2, 2, 1, 1, 1, 1])
    assert (result.total, result.band) == (32.0, "moderate")


def test_an_unanswered_section_leaves_the_denominator_instead_of_scoring_zero() -> None:
    # 16 over 9 answered sections: 16 / 45 = 35.6%
    result = score_sections([2, 2, 2, 2, 2, 2, 2, 1, 1, None])
    assert result.total == 35.6
    assert result.detail == {"answered": 9, "sum": 16, "maximum": 45}


def test_sex_life_left_out_is_the_common_case() -> None:
    result = score_text("3,2,3,2,2,2,1,-,2,1")
    assert result.detail["answered"] == 9 and result.total == pytest.approx(40.0)


def test_two_ticks_in_a_section_count_the_higher() -> None:
    assert score_text("2/4,0,0,0,0,0,0,0,0,0").total == 8.0
    assert score_sections([[2, 4], 0, 0, 0, 0, 0, 0, 0, 0, 0]).total == 8.0


@pytest.mark.parametrize(
    ("percent", "name"),
    [
        (0, "minimal"),
        (20, "minimal"),
        (22, "moderate"),
        (40, "moderate"),
        (42, "severe"),
        (60, "severe"),
        (62, "crippled"),
        (80, "crippled"),
        (82, "bed-bound or exaggerating"),
        (100, "bed-bound or exaggerating"),
    ],
)
def test_bands(percent: float, name: str) -> None:
    assert band(percent) == name


def test_all_fives_is_one_hundred_percent() -> None:
    assert score_text("5,5,5,5,5,5,5,5,5,5").total == 100.0


def test_bad_entries_name_the_section_and_what_is_allowed() -> None:
    with pytest.raises(UserError, match=r"oswestry section 3 \(Lifting\): '6' is not allowed"):
        score_text("1,1,6,1,1,1,1,1,1,1")
    with pytest.raises(UserError, match="oswestry: 9 item"):
        score_text("1,1,1,1,1,1,1,1,1")
    with pytest.raises(UserError, match="no section was answered"):
        score_text("-,-,-,-,-,-,-,-,-,-")
