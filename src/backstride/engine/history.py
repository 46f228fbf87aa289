"""Assess a case with its running fields filled from the runner's own training history.

Pure: the activities are passed in. Runner-given values win; the result's `training_history`
names, for every filled field, the runs it came from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from backstride.contract.result import Result, TrainingHistory
from backstride.contract.validate import parse_case
from backstride.engine.assess import Engine, assess
from backstride.training.activity import Activity
from backstride.training.case_fill import merge_into_case, running_fields_from_history


def assess_with_history(
    case_data: Mapping[str, Any],
    activities: Sequence[Activity],
    as_of: date,
    shoes_km: Mapping[str, float] | None = None,
    engine: Engine | None = None,
) -> Result:
    """Fill `running.*` from the history (unless the runner gave them), then assess."""
    filled, provenance = running_fields_from_history(activities, as_of, shoes_km)
    merged, kept = merge_into_case(case_data, filled, provenance)
    result = assess(parse_case(merged), engine)
    fields = {}
    for key, origin in kept.items():
        section, _, name = key.partition(".")
        value = merged.get(section, {}).get(name)
        fields[key] = {"value": value, **origin}
    history = TrainingHistory.model_validate({"as_of": as_of.isoformat(), "fields": fields})
    return result.model_copy(update={"training_history": history})
