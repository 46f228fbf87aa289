"""Roland-Morris: the number of statements ticked."""

from __future__ import annotations

import pytest

from backstride.errors import UserError
from backstride.instruments.roland_morris import score_numbers, score_text, score_ticks


def test_the_score_is_the_number_of_ticked_statements() -> None:
    ticks = [1, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1]
    assert score_ticks(ticks).total == 7


def test_not_applicable_counts_as_not_ticked() -> None:
    entries = ["1", "n/a", "1", "na", *["0"] * 20]
    assert score_text(",".join(entries)).total == 2


def test_the_range_is_zero_to_twenty_four() -> None:
    assert score_ticks([0] * 24).total == 0
    assert score_ticks([1] * 24).total == 24


def test_ticked_item_numbers_are_another_way_in() -> None:
    assert score_text("ticked: 2, 5, 17").total == 3
    assert score_numbers([2, 5, 17]).items["ticked"][16] == 1


def test_wrong_counts_and_values_are_refused() -> None:
    with pytest.raises(UserError, match="rmdq: 23 item"):
        score_ticks([0] * 23)
    with pytest.raises(UserError, match="rmdq item 1: '2' is not allowed"):
        score_text(",".join(["2", *["0"] * 23]))
    with pytest.raises(UserError, match="rmdq ticked item: 25"):
        score_numbers([25])
