"""Clinical vignettes, run through the engine: public ones, independent ones written from the
medicine, and one exemplar per condition. Each must get an accepted triage level, never miss
an emergency, and rank the expected condition in the top three."""

from __future__ import annotations

from typing import Any

import pytest

from backstride.contract.case import Case
from backstride.contract.result import LEVEL_ORDER, Level
from backstride.engine.assess import assess
from backstride.kb.loader import load_kb
from tests.engine.cases import load_vignettes

VIGNETTES = load_vignettes()


def _id(v: dict[str, Any]) -> str:
    return f"{v['file']}:{v['id']}"


@pytest.mark.parametrize("vignette", VIGNETTES, ids=_id)
def test_vignette_gets_an_accepted_triage_level(vignette: dict[str, Any]) -> None:
    result = assess(Case.model_validate(vignette["case"]))
    accepted = [vignette["expected_triage"], *(vignette.get("acceptable_triage") or [])]
    assert result.triage.level.value in accepted, result.triage.reasons


EMERGENCIES = [
    v for v in VIGNETTES if LEVEL_ORDER[Level(v["expected_triage"])] >= LEVEL_ORDER[Level.emergency]
]


@pytest.mark.parametrize("vignette", EMERGENCIES, ids=_id)
def test_vignette_never_misses_an_emergency(vignette: dict[str, Any]) -> None:
    level = assess(Case.model_validate(vignette["case"])).triage.level
    assert LEVEL_ORDER[level] >= LEVEL_ORDER[Level.emergency]


@pytest.mark.parametrize("vignette", VIGNETTES, ids=_id)
def test_vignette_ranks_the_expected_condition_in_the_top_three(vignette: dict[str, Any]) -> None:
    result = assess(Case.model_validate(vignette["case"]))
    top = [c.id for c in result.conditions[:3]]
    wanted = [vignette["expected_condition"], *(vignette.get("acceptable_conditions") or [])]
    assert set(top) & set(wanted), top


@pytest.mark.parametrize("vignette", [v for v in VIGNETTES if v.get("expected_factors")], ids=_id)
def test_vignette_finds_the_expected_factors(vignette: dict[str, Any]) -> None:
    result = assess(Case.model_validate(vignette["case"]))
    assert set(vignette["expected_factors"]) <= {f.id for f in result.factors}


@pytest.mark.parametrize("condition_id", sorted(load_kb().conditions))
def test_every_condition_is_recognised_in_at_least_one_vignette(condition_id: str) -> None:
    mine = [v for v in VIGNETTES if v["expected_condition"] == condition_id]
    assert mine, f"no vignette expects {condition_id}"
    for vignette in mine:
        top = [c.id for c in assess(Case.model_validate(vignette["case"])).conditions[:3]]
        wanted = [vignette["expected_condition"], *(vignette.get("acceptable_conditions") or [])]
        assert set(top) & set(wanted), (vignette["id"], top)
