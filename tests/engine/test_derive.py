"""The derived values' declared sources: the questions that could matter are found through them
(and the red-flag witnesses are searched over them), so a derived value must declare every
answer it reads."""

from __future__ import annotations

import json
import random
from typing import Any

from backstride.contract.case import Case
from backstride.contract.fields import DERIVED_FIELDS
from backstride.engine.derive import case_facts
from backstride.engine.questions import DERIVED_SOURCES
from tests.engine.cases import ROOT, load_vignettes

SAMPLE = 400


def _derived(case: dict[str, Any]) -> dict[str, object]:
    facts = case_facts(Case.model_validate(case))
    return {name: facts.get(name) for name in DERIVED_FIELDS}


def _answers(case: dict[str, Any]) -> list[str]:
    """The dotted names of the answered fields (a section's own fields, not the section)."""
    names: list[str] = []
    for key, value in case.items():
        if isinstance(value, dict):
            names += [f"{key}.{field}" for field in value]
        else:
            names.append(key)
    return names


def _without(case: dict[str, Any], name: str) -> dict[str, Any]:
    smaller: dict[str, Any] = json.loads(json.dumps(case))
    section, _, field = name.rpartition(".")
    del (smaller[section] if section else smaller)[field]
    return smaller


def _sample_cases() -> list[dict[str, Any]]:
    cases = [v["case"] for v in load_vignettes()]
    for path in sorted((ROOT / "tests" / "vignettes").glob("heldout*.json")):
        cases += [v["case"] for v in json.loads(path.read_text(encoding="utf-8"))]
    return random.Random(7).sample(cases, min(SAMPLE, len(cases)))


def test_every_derived_value_declares_its_sources() -> None:
    assert set(DERIVED_SOURCES) == set(DERIVED_FIELDS)


def test_a_derived_value_changes_only_with_the_answers_it_declares() -> None:
    """Leaving one answer out of a real case may change only the derived values that list it."""
    undeclared: set[tuple[str, str]] = set()
    for case in _sample_cases():
        before = _derived(case)
        for answer in _answers(case):
            after = _derived(_without(case, answer))
            undeclared |= {
                (name, answer)
                for name in DERIVED_FIELDS
                if after[name] != before[name] and answer not in DERIVED_SOURCES[name]
            }
    assert not undeclared, sorted(undeclared)
