"""STarT Back scoring against the worked rules of Keele's scoring guide."""

from __future__ import annotations

import pytest

from backstride.errors import UserError
from backstride.instruments import parse_items, score_items
from backstride.instruments.startback import (
    ATTRIBUTION,
    TOPICS,
    StartBackAnswers,
    score,
    score_text,
)


def answers(agree: str, bothersome: str) -> StartBackAnswers:
    return StartBackAnswers(tuple(c == "1" for c in agree), bothersome)


def test_a_total_of_three_is_low_risk_even_when_all_three_are_psychosocial() -> None:
    result = score(answers("00001110", "slightly"))
    assert (result.total, result.detail["psychosocial"], result.band) == (3, 3, "low")


def test_total_five_with_psychosocial_four_is_high_risk() -> None:
    result = score(answers("10001110", "very_much"))
    assert (result.total, result.detail["psychosocial"], result.band) == (5, 4, "high")


def test_total_four_or_more_with_psychosocial_three_or_less_is_medium_risk() -> None:
    result = score(answers("11110100", "not_at_all"))
    assert (result.total, result.detail["psychosocial"], result.band) == (5, 1, "medium")


def test_psychosocial_of_exactly_four_makes_high_and_three_makes_medium() -> None:
    assert score(answers("00001111", "slightly")).band == "high"  # total 4, psychosocial 4
    assert score(answers("10011100", "slightly")).band == "medium"


@pytest.mark.parametrize(
    ("answer", "points"),
    [("not_at_all", 0), ("slightly", 0), ("moderately", 0), ("very_much", 1), ("extremely", 1)],
)
def test_item_nine_scores_only_for_very_much_or_extremely(answer: str, points: int) -> None:
    assert score(answers("00000000", answer)).total == points


def test_all_items_positive_is_nine_and_high() -> None:
    result = score(answers("11111111", "extremely"))
    assert (result.total, result.detail["psychosocial"], result.band) == (9, 5, "high")


def test_text_entry_accepts_agree_words_and_item_nine_position() -> None:
    by_words = score_text("agree, disagree, d, a, 1, 0, 0, 1, moderately")
    by_position = score_text("1,0,0,1,1,0,0,1,2")
    assert by_words == by_position
    assert by_words.items == {"agree": [1, 0, 0, 1, 1, 0, 0, 1], "bothersome": "moderately"}


def test_stored_items_score_the_same_again() -> None:
    first = parse_items("startback", "1,1,0,0,1,1,1,0,4")
    assert score_items("startback", first.items) == first


def test_a_missing_item_is_refused_because_the_tool_has_no_missing_item_rule() -> None:
    with pytest.raises(UserError, match="startback: 8 item"):
        score_text("1,1,0,0,1,1,1,0")
    with pytest.raises(UserError, match=r"startback item 3: 'maybe' is not allowed; expected"):
        score_text("1,1,maybe,0,1,1,1,0,4")
    with pytest.raises(UserError, match="startback item 9"):
        score_text("1,1,0,0,1,1,1,0,7")


def test_we_ship_topics_not_the_item_wording_and_keep_keeles_statement() -> None:
    assert len(TOPICS) == 9
    assert "Keele University" in ATTRIBUTION and "Arthritis Research UK" in ATTRIBUTION
