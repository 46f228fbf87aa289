"""The 0-10 numeric pain rating scale."""

from __future__ import annotations

import pytest

from backstride.errors import UserError
from backstride.instruments.pain_scale import score, score_text


def test_a_whole_number_from_zero_to_ten() -> None:
    assert score_text("7").total == 7
    assert score(0).band == "no pain"


@pytest.mark.parametrize("raw", ["11", "-1", "4.5", "seven", "3,4"])
def test_anything_else_is_refused_with_one_line(raw: str) -> None:
    with pytest.raises(UserError, match=r"pain: .* is not allowed; expected .*0 to 10"):
        score_text(raw)
