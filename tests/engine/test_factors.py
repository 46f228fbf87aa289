"""Contributing factors read straight from the answers (knowledge base `factors.yaml`)."""

from __future__ import annotations

from typing import Any

import pytest

from backstride.contract.case import Case
from backstride.engine.assess import assess


def _factor_ids(case: dict[str, Any]) -> set[str]:
    return {f.id for f in assess(Case.model_validate(case)).factors}


def _pain(regions: list[str], **answers: Any) -> dict[str, Any]:
    return {
        "age": 45,
        "pain": {"regions": [{"region": r, "side": "central"} for r in regions], **answers},
    }


@pytest.mark.parametrize(
    ("case", "found"),
    [
        # Seed 001 (S09): a mid-back that cannot rotate or extend; stiffness there that hurts
        # to twist or arch shows it without asking about sitting.
        (
            _pain(["between_shoulder_blades"], character=["stiffness"], worse_with=["twisting"]),
            True,
        ),
        (_pain(["upper_back"], character=["stiffness"], worse_with=["leaning_back"]), True),
        # Stiffness alone, or a stiff low back, says nothing of the thoracic spine.
        (_pain(["between_shoulder_blades"], character=["stiffness"]), False),
        (_pain(["lower_back"], character=["stiffness"], worse_with=["twisting"]), False),
        # Long sitting with pain in the trunk or neck, as before.
        ({**_pain(["neck"]), "running": {"sitting_hours_per_day": 9}}, True),
    ],
)
def test_a_stiff_mid_back_is_named_from_sitting_or_from_its_own_signs(
    case: dict[str, Any], found: bool
) -> None:
    assert ("reduced_thoracic_mobility" in _factor_ids(case)) is found
